"""Form data of the certificate template editor (a Wagtail snippet) for the admin tests: a template
that fits one page in the default language, with any field replaced."""

from __future__ import annotations

from wagtail.test.utils.form_data import inline_formset, nested_form_data

SNIPPETS = "wagtailsnippets_certificates_certificatetemplate"
VALID_BODY = "Se certifica que {learner_name} aprobó «{course}» el {completion_date}. Código: {code}."


def template_form(**fields) -> dict:
    return nested_form_data(
        {
            "name": "Plantilla de la OCAM",
            "page_size": "A4",
            "orientation": "landscape",
            "font_family": "Noto Sans",
            "primary_colour": "#1F4E79",
            "text_colour": "#1A1A1A",
            "background": "",
            "logos": inline_formset([]),
            "title": "Certificado de aprobación",
            "body": VALID_BODY,
            "signatories": inline_formset([]),
            "is_default": "on",
        }
        | fields
    )
