"""The three steps run in order (facts -> layout -> HTML -> PDF): a certificate's PDF, a template's
previews, and the check that a template fits one page."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certificates.drawing.facts_to_layout import CertificateFacts, layout_build, sample_facts
from certificates.drawing.html_to_pdf import signed_pdf, unsigned_pdf
from certificates.drawing.layout_to_html import layout_html
from certificates.models import CertificateTemplate
from foundation.pdf.reading import page_count


def certificate_pdf(template: CertificateTemplate, facts: CertificateFacts, *, payload: str) -> bytes:
    """The certificate's PDF, with its signed payload in the QR code and in the PDF's metadata."""
    html = layout_html(layout_build(template, facts, payload=payload))
    return signed_pdf(html, payload=payload)


def _template_language(template: CertificateTemplate) -> str:
    locale = getattr(template, "locale", None)
    return locale.language_code if locale is not None and template.locale_id else settings.LANGUAGE_CODE


def template_preview_html(template: CertificateTemplate) -> str:
    return layout_html(layout_build(template, sample_facts(_template_language(template))))


def template_preview_pdf(template: CertificateTemplate) -> bytes:
    facts = sample_facts(_template_language(template))
    return unsigned_pdf(layout_html(layout_build(template, facts)))


def template_fits_check(template: CertificateTemplate) -> None:
    """A validation error unless the template, filled with long sample data, renders on one page."""
    try:
        pages = page_count(template_preview_pdf(template))
    except ValidationError:
        raise
    except Exception as error:  # a broken image or resource: the trainer must see it before saving
        raise ValidationError(
            _("The certificate cannot be drawn: %(error)s"), params={"error": error}, code="render"
        ) from error
    if pages != 1:
        raise ValidationError(
            ngettext(
                "The text does not fit on one page (%(pages)s page with a long sample name). Shorten the body.",
                "The text does not fit on one page (%(pages)s pages with a long sample name). Shorten the body.",
                pages,
            ),
            params={"pages": pages},
            code="overflow",
        )
