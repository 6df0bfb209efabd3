"""Certificate templates in the admin: refused before saving (an unknown placeholder, a body too long
for one page), saved in the default language (also on 29 February), and the live preview, a PDF
of the form as edited, drawn with the certificates' fonts.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from certificates.drawing import facts_to_layout
from certificates.models import CertificateTemplate
from foundation.pdf.reading import pdf_text
from tests.certificates import factories
from tests.certificates.pdf_glyphs import glyph_report
from tests.certificates.template_forms import SNIPPETS, VALID_BODY, template_form
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def error_codes(form, field: str) -> set[str]:
    return {error.code for error in form.errors.as_data().get(field, [])}


# ---------------------------------------------------------------- templates, refused before saving


def test_a_template_with_an_unknown_placeholder_is_refused_and_nothing_saved(trainer):
    response = client_for(trainer).post(
        reverse(f"{SNIPPETS}:add"), template_form(body="Se certifica que {nombre} aprobó {course}.")
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert set(form.errors) == {"body"}
    assert error_codes(form, "body") == {"placeholder_unknown"}
    assert "{nombre}" in form.errors["body"][0]
    assert not CertificateTemplate.objects.exists()


def test_a_body_too_long_for_one_page_is_refused_and_nothing_saved(trainer):
    body = "\n\n".join(f"Competencia demostrada número {number}: {{learner_name}}." for number in range(1, 21))

    response = client_for(trainer).post(reverse(f"{SNIPPETS}:add"), template_form(body=body))

    form = response.context["form"]
    assert response.status_code == 200
    assert set(form.errors) == {"body"}
    assert error_codes(form, "body") == {"overflow"}
    assert not CertificateTemplate.objects.exists()


def test_a_template_that_fits_is_saved_in_the_default_language(administrator):
    response = client_for(administrator).post(reverse(f"{SNIPPETS}:add"), template_form())

    template = CertificateTemplate.objects.get()
    assert response.status_code == 302
    assert (template.body, template.locale.language_code, template.is_default) == (VALID_BODY, "es", True)


def test_a_template_is_checked_and_saved_on_29_february(trainer, monkeypatch):
    # The one-page check fills the template with sample data that expires two years on.
    monkeypatch.setattr(facts_to_layout.timezone, "localdate", lambda *args, **kwargs: date(2028, 2, 29))

    response = client_for(trainer).post(reverse(f"{SNIPPETS}:add"), template_form())

    assert response.status_code == 302
    assert CertificateTemplate.objects.count() == 1
    assert facts_to_layout.sample_facts("es").expires_on == date(2030, 2, 28)


# ---------------------------------------------------------------- the live preview


def test_the_live_preview_of_a_new_template_is_a_pdf_of_the_form(administrator):
    client = client_for(administrator)
    preview = reverse(f"{SNIPPETS}:preview_on_add")

    refused = client.post(preview, template_form(body="Hola {nombre}"))
    accepted = client.post(preview, template_form(title="Constancia de participación"))
    response = client.get(preview)

    assert refused.json()["is_valid"] is False
    assert accepted.json() == {"is_valid": True, "is_available": True}
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Constancia de participación" in pdf_text(response.content)
    assert not CertificateTemplate.objects.exists()


def test_the_live_preview_of_an_edited_template_shows_the_edit_unsaved(trainer):
    template = factories.certificate_template()
    client = client_for(trainer)
    preview = reverse(f"{SNIPPETS}:preview_on_edit", args=[template.pk])

    client.post(preview, template_form(title="Diploma de la OCAM"))
    response = client.get(preview)

    assert response["Content-Type"] == "application/pdf"
    assert "Diploma de la OCAM" in pdf_text(response.content)
    assert CertificateTemplate.objects.get().title == factories.TITLES["es"]


def test_the_live_preview_draws_every_letter_with_the_certificates_fonts(trainer):
    client = client_for(trainer)
    preview = reverse(f"{SNIPPETS}:preview_on_add")
    title = "Łódź · Đà Nẵng · Ελλάδα · Москва"

    client.post(preview, template_form(title=title, body=f"{title}: {VALID_BODY}"))
    response = client.get(preview)

    report = glyph_report(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert report.problems == []
    assert all(report.drawn[character] >= 2 for character in title.replace(" ", ""))
    assert report.fonts <= {"OCAM-certificate-Noto-Sans", "OCAM-certificate-Noto-Sans-Bold"}
