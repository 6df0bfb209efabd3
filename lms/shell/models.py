"""The site's home page."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    page_description = _("The platform's front page, one per language.")
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CataloguePage"]

    lead = models.CharField(
        _("lead"),
        max_length=300,
        blank=True,
        help_text=_("One sentence under the title that says what the platform is for."),
    )
    body = RichTextField(_("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors.catalogue import catalogue_url

        context = super().get_context(request, *args, **kwargs)
        context["catalogue_url"] = catalogue_url()
        return context
