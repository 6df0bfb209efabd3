"""The project's image model: Wagtail's image plus the credit that course materials must show.

Permissions stay on `wagtailimages.Image`, as Wagtail's image permission policy expects.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage


class CustomImage(AbstractImage):
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Author, source and licence, shown with the image where it is published."),
    )

    admin_form_fields = (*WagtailImage.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["image", "filter_spec", "focal_point_key"], name="media_rendition_unique_filter"
            )
        ]
