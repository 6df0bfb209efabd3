"""Certificate templates: the design trainers make in Wagtail, with its logos and signatories.

A template's title and body may use {placeholders} (PLACEHOLDERS), checked when it is saved,
and filled in when a certificate is drawn (`certificates.drawing.facts_to_layout`). A template
claims nothing the record does not prove (D11): {competencies} has a value only when the
certificate's exercises prove competencies, and its paragraph is left out otherwise.
"""

from __future__ import annotations

import re
import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, PreviewableMixin, TranslatableMixin

# Placeholders a template's title and body may use, with what they stand for.
PLACEHOLDERS: dict[str, object] = {
    "learner_name": _("the learner's full name"),
    "course": _("the course title, in the certificate's language"),
    "completion_date": _("the date the course was completed"),
    "hours": _("the course's hours"),
    "competencies": _(
        "the competencies proved by the exercises the learner passed "
        "(a paragraph using it is left out when there are none)"
    ),
    "expiry_date": _("the date the certificate expires"),
    "code": _("the verification code"),
    "issuer": _("the issuing authority"),
}
HEX_COLOUR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
HEX_COLOUR = RegexValidator(HEX_COLOUR_RE, _("Enter a colour as #RRGGBB, for example #1F4E79."))


def placeholders_used(text: str) -> list[str]:
    """The {names} a text uses; raises ValidationError when a brace is unbalanced."""
    try:
        return [name for _literal, name, _spec, _conversion in string.Formatter().parse(text or "") if name is not None]
    except ValueError as error:
        raise ValidationError(
            _("A brace is not closed or not opened: %(error)s. Write placeholders as {learner_name}."),
            params={"error": error},
            code="placeholder_syntax",
        ) from error


def placeholders_validate(text: str) -> None:
    unknown = sorted({name for name in placeholders_used(text) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder(s): %(unknown)s. Available: %(available)s."),
            params={
                "unknown": ", ".join("{" + name + "}" for name in unknown),
                "available": ", ".join("{" + name + "}" for name in PLACEHOLDERS),
            },
            code="placeholder_unknown",
        )


def placeholders_fill(text: str, values: dict[str, str]) -> str:
    """Replace each known {placeholder}; the text was validated when the template was saved."""
    return re.sub(r"\{(\w+)\}", lambda match: values.get(match.group(1), match.group(0)), text or "")


class PageSize(models.TextChoices):
    A4 = "A4", _("A4")
    LETTER = "letter", _("Letter")


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", _("Landscape")
    PORTRAIT = "portrait", _("Portrait")


class FontFamily(models.TextChoices):
    NOTO_SANS = "Noto Sans", "Noto Sans"


class CertificateTemplate(TranslatableMixin, PreviewableMixin, ClusterableModel):
    """A certificate's design, in one language; its translations share a translation key."""

    name = models.CharField(_("name"), max_length=120, help_text=_("For trainers only."))
    page_size = models.CharField(_("page size"), max_length=10, choices=PageSize.choices, default=PageSize.A4)
    orientation = models.CharField(
        _("orientation"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    background = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("background image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200, default="Certificado")
    body = models.TextField(
        _("body text"),
        max_length=1200,
        help_text=_(
            "Placeholders: {learner_name}, {course}, {completion_date}, {hours}, {competencies}, "
            "{expiry_date}, {code}, {issuer}. A blank line starts a new paragraph. A paragraph using "
            "{competencies} is printed only on certificates whose exercises prove some; the exercises "
            "passed are listed below the text."
        ),
    )
    primary_colour = models.CharField(_("main colour"), max_length=7, default="#1F4E79", validators=[HEX_COLOUR])
    text_colour = models.CharField(_("text colour"), max_length=7, default="#1A1A1A", validators=[HEX_COLOUR])
    font_family = models.CharField(_("font"), max_length=40, choices=FontFamily.choices, default=FontFamily.NOTO_SANS)
    is_default = models.BooleanField(
        _("default template"), default=False, help_text=_("Used for courses that have no certification rule.")
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("page_size"), FieldPanel("orientation"), FieldPanel("font_family")]),
        FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("text_colour")]),
        FieldPanel("background"),
        InlinePanel("logos", label=_("Logos"), max_num=4),
        FieldPanel("title"),
        FieldPanel("body"),
        InlinePanel("signatories", label=_("Signatories"), max_num=3),
        FieldPanel("is_default"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        for field in ("title", "body"):
            try:
                placeholders_validate(getattr(self, field))
            except ValidationError as error:
                errors[field] = error.error_list
        if errors:
            raise ValidationError(errors)
        if not HEX_COLOUR_RE.match(self.primary_colour or "") or not HEX_COLOUR_RE.match(self.text_colour or ""):
            return  # the field validators report it
        from certificates.drawing.pipeline import template_fits_check

        try:
            template_fits_check(self)
        except ValidationError as error:
            raise ValidationError({"body": error.error_list}) from error

    # Previews: the PDF with sample data (the admin's live preview), or its HTML.
    preview_modes = [("", _("PDF")), ("html", _("HTML"))]

    def serve_preview(self, request, mode_name):
        from django.http import HttpResponse

        from certificates.drawing.pipeline import template_preview_html, template_preview_pdf

        if mode_name == "html":
            return HttpResponse(template_preview_html(self))
        response = HttpResponse(template_preview_pdf(self), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="preview.pdf"'
        return response


class TemplateLogo(Orderable):
    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="logos")
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL, verbose_name=_("logo"), on_delete=models.PROTECT, related_name="+"
    )
    alt = models.CharField(_("text alternative"), max_length=120, help_text=_("For example: IOM logo."))

    panels = [FieldPanel("image"), FieldPanel("alt")]


class TemplateSignatory(Orderable):
    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("position"), max_length=160)
    signature = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("title")]), FieldPanel("signature")]
