"""The certificate admin: templates refused before saving, the live preview, the register with
its failed certificates, the detail page, revocation and retry, bulk downloads, and who may not."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from certificates import tasks
from certificates.drawing import facts_to_layout
from certificates.models import BulkDownload, Certificate, CertificateEvent, CertificateTemplate
from certificates.models.certificate import EventKind, IssueStatus
from certificates.services import issuance
from certificates.services.issuance import IssueFailed, certificate_issue, certificate_request
from certificates.services.lifecycle import certificate_revoke
from courses.models import Cohort, CoursePage
from foundation.pdf.reading import pdf_text
from foundation.pdf.rendering import RenderFailed
from people.roles import Role
from tests.certificates import factories
from tests.certificates.pdf_glyphs import glyph_report
from tests.conftest import client_for
from tests.people.factories import person

pytestmark = pytest.mark.django_db

SNIPPETS = "wagtailsnippets_certificates_certificatetemplate"
VALID_BODY = "Se certifica que {learner_name} aprobó «{course}» el {completion_date}. Código: {code}."


@pytest.fixture
def page(db) -> CoursePage:
    return factories.course_page(title="Estadísticas migratorias", certificate_validity_months=24)


@pytest.fixture
def failed(learner, page, monkeypatch) -> Certificate:
    """A certificate whose render failed, through the real service."""
    factories.certificate_template()

    def broken(*args, **kwargs):
        raise RenderFailed("The logo 'sello.png' names no file.")

    certificate = certificate_request(factories.completed_enrolment(learner=learner, course=page))
    with monkeypatch.context() as patch:
        patch.setattr(issuance, "certificate_pdf", broken)
        with pytest.raises(IssueFailed):
            certificate_issue(certificate.pk)
    return Certificate.objects.get(pk=certificate.pk)


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


# ---------------------------------------------------------------- the register and the detail page


def test_the_register_lists_a_failed_certificate_and_its_page_shows_the_error(trainer, failed, learner):
    client = client_for(trainer)

    listing = client.get(reverse("certificates_register"), {"status": IssueStatus.FAILED})
    detail = client.get(reverse("certificates_detail", args=[failed.pk]))

    assert listing.status_code == 200
    assert [certificate.pk for certificate in listing.context["page"]] == [failed.pk]
    assert failed.code_display in listing.content.decode()
    assert learner.full_name in listing.content.decode()
    assert reverse("certificates_detail", args=[failed.pk]) in listing.content.decode()
    assert detail.status_code == 200
    assert "names no file" in detail.content.decode()
    assert reverse("certificates_retry", args=[failed.pk]) in detail.content.decode()


def test_the_register_leaves_out_other_statuses_when_filtered(trainer, failed, page):
    issued = factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page)

    listing = client_for(trainer).get(reverse("certificates_register"), {"status": IssueStatus.ISSUED})

    assert [certificate.pk for certificate in listing.context["page"]] == [issued.pk]


def test_the_detail_page_shows_what_the_certificate_says_and_its_history(trainer, learner, page):
    certificate = factories.certificate_recorded(learner=learner, course=page)
    certificate_revoke(certificate=certificate, by=trainer, reason="Documento de identidad falso")

    response = client_for(trainer).get(reverse("certificates_detail", args=[certificate.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for shown in (certificate.code_display, certificate.sha256, certificate.key_id, page.title, learner.email):
        assert shown in html
    assert "Documento de identidad falso" in html
    assert trainer.full_name in html
    assert response.context["can_revoke"] is False


def heading(response) -> str:
    """The text of the page's one <h1>, tags and spacing removed."""
    (match,) = re.findall(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match).split())


def test_the_register_the_bulk_downloads_and_a_certificate_have_their_heading(trainer, learner, page):
    certificate = factories.certificate_recorded(learner=learner, course=page)
    client = client_for(trainer)

    register = client.get(reverse("certificates_register"))
    bulk = client.get(reverse("certificates_bulk"))
    detail = client.get(reverse("certificates_detail", args=[certificate.pk]))

    with translation.override("es"):
        assert heading(register) == gettext("Issued certificates") == "Certificados emitidos"
        assert heading(bulk) == gettext("Download certificates") == "Descargar certificados"
        assert heading(detail) == f"{gettext('Certificate')} {certificate.code_display}"
    assert "<title>Certificados emitidos" in register.content.decode()


# ---------------------------------------------------------------- revocation and retry


@pytest.mark.parametrize("role", ["trainer", "administrator"])
def test_revoking_through_the_admin_needs_a_reason(role_user, role, learner, page):
    certificate = factories.certificate_recorded(learner=learner, course=page)

    response = client_for(role_user(role)).post(reverse("certificates_revoke", args=[certificate.pk]), {"reason": "  "})

    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    assert Certificate.objects.get().revoked_at is None
    assert not CertificateEvent.objects.filter(kind=EventKind.REVOKED).exists()


@pytest.mark.parametrize("role", ["trainer", "administrator"])
def test_revoking_through_the_admin_with_a_reason_records_who(role_user, role, learner, page):
    staff = role_user(role)
    certificate = factories.certificate_recorded(learner=learner, course=page)

    response = client_for(staff).post(
        reverse("certificates_revoke", args=[certificate.pk]), {"reason": "Examen suplantado"}
    )

    revoked = Certificate.objects.get()
    event = CertificateEvent.objects.get(kind=EventKind.REVOKED)
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates_detail", args=[certificate.pk])
    assert (revoked.revoked_by, revoked.revoked_reason) == (staff, "Examen suplantado")
    assert (event.actor, event.reason) == (staff, "Examen suplantado")


def test_retrying_a_failed_certificate_enqueues_its_issue(trainer, failed, page, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.certificate_issue_task, "delay", sent.append)
    issued = factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page)
    client = client_for(trainer)

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("certificates_retry", args=[failed.pk]))
        client.post(reverse("certificates_retry", args=[issued.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("certificates_detail", args=[failed.pk])
    assert sent == [failed.pk]


def test_an_issued_certificate_whose_pdf_is_missing_can_be_retried_from_its_page(trainer, learner, page, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.certificate_issue_task, "delay", sent.append)
    certificate = factories.certificate_recorded(learner=learner, course=page)
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")
    client = client_for(trainer)

    detail = client.get(reverse("certificates_detail", args=[certificate.pk]))
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("certificates_retry", args=[certificate.pk]))

    assert reverse("certificates_retry", args=[certificate.pk]) in detail.content.decode()
    assert detail.context["pdf_missing"] is True
    assert response.status_code == 302
    assert sent == [certificate.pk]


# ---------------------------------------------------------------- bulk downloads


def test_a_trainer_asks_for_a_cohorts_archive_and_downloads_it(trainer, page, monkeypatch):
    factories.tasks_run_inline(monkeypatch)
    cohort = Cohort.objects.create(
        name="Ola 3", course=page, starts_on="2026-03-01", ends_on="2026-03-31", due_on="2026-03-20"
    )
    member = factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page, cohort=cohort)
    client = client_for(trainer)

    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = client.post(reverse("certificates_bulk"), {"cohort": cohort.pk, "country": ""})
    download = BulkDownload.objects.get()
    archive = client.get(reverse("certificates_bulk_file", args=[download.token]))
    stranger = client_for(person(role=Role.TRAINER, authority_code="iom"))

    assert asked.status_code == 302
    assert archive.status_code == 200
    content = b"".join(archive.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as opened:
        assert [name.endswith(f"{member.code}.pdf") for name in opened.namelist()] == [True]
    assert stranger.get(reverse("certificates_bulk_file", args=[download.token])).status_code == 404


# ---------------------------------------------------------------- who may not


@pytest.mark.parametrize("role", ["learner", "focal_point"])
def test_learners_and_focal_points_cannot_reach_the_certificate_admin(role, failed, page, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.certificate_issue_task, "delay", sent.append)
    client = client_for(person(role=Role(role), authority_code="gt-igm"))
    issued = factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page)
    screens = [
        reverse("certificates_register"),
        reverse("certificates_detail", args=[failed.pk]),
        reverse("certificates_bulk"),
        reverse(f"{SNIPPETS}:list"),
        reverse(f"{SNIPPETS}:add"),
    ]

    for screen in screens:
        response = client.get(screen)
        assert response.status_code == 302, screen
        assert response["Location"].startswith(reverse("people:login")), screen
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("certificates_revoke", args=[issued.pk]), {"reason": "Sin permiso"})
        client.post(reverse("certificates_retry", args=[failed.pk]))
        client.post(reverse(f"{SNIPPETS}:add"), template_form())

    assert Certificate.objects.get(pk=issued.pk).revoked_at is None
    assert sent == []
    assert CertificateTemplate.objects.count() == 1  # the failed certificate's, made by the fixture


def test_the_bulk_page_reloads_itself_while_an_archive_is_prepared_until_asked_to_stop(trainer, page, monkeypatch):
    monkeypatch.setattr(tasks.bulk_download_task, "delay", lambda download_id: None)  # the worker has not run yet
    cohort = Cohort.objects.create(
        name="Ola 5", course=page, starts_on="2026-03-01", ends_on="2026-03-31", due_on="2026-03-20"
    )
    client = client_for(trainer)
    idle = client.get(reverse("certificates_bulk"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("certificates_bulk"), {"cohort": cohort.pk, "country": ""})

    busy = client.get(reverse("certificates_bulk"))
    stopped = client.get(reverse("certificates_bulk"), {"refresh": "off"})

    assert "Refresh" not in idle
    assert busy["Refresh"] == "3"
    assert 'http-equiv="refresh"' not in busy.content.decode()
    assert 'href="?refresh=off"' in busy.content.decode()
    assert "Refresh" not in stopped
    assert "Recargar para ver el avance" in stopped.content.decode()


def test_an_archive_that_left_certificates_out_says_how_many(trainer, page, monkeypatch):
    factories.tasks_run_inline(monkeypatch)
    cohort = Cohort.objects.create(
        name="Ola 6", course=page, starts_on="2026-03-01", ends_on="2026-03-31", due_on="2026-03-20"
    )
    for _ in range(3):
        factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page, cohort=cohort)
    Certificate.objects.filter(pk__in=Certificate.objects.values("pk")[:2]).update(pdf="")
    client = client_for(trainer)

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("certificates_bulk"), {"cohort": cohort.pk, "country": ""})
    html = client.get(reverse("certificates_bulk")).content.decode()

    assert "Descargar (1 certificado)" in html
    assert "2 certificados omitidos: su PDF aún no está listo. Pida un archivo nuevo más tarde." in html


@pytest.mark.clock_hours
def test_an_archive_is_named_after_the_day_it_was_asked_for_in_the_platforms_time_zone(
    clock_hour, trainer, page, monkeypatch
):
    factories.tasks_run_inline(monkeypatch)
    cohort = Cohort.objects.create(
        name="Ola 7", course=page, starts_on="2026-03-01", ends_on="2026-03-31", due_on="2026-03-20"
    )
    factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page, cohort=cohort)
    client = client_for(trainer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("certificates_bulk"), {"cohort": cohort.pk, "country": ""})

    response = client.get(reverse("certificates_bulk_file", args=[BulkDownload.objects.get().token]))

    assert response["Content-Disposition"] == f'attachment; filename="certificates-{timezone.localdate():%Y%m%d}.zip"'


def test_an_archive_whose_file_is_gone_answers_404(trainer, page, monkeypatch):
    factories.tasks_run_inline(monkeypatch)
    cohort = Cohort.objects.create(
        name="Ola 8", course=page, starts_on="2026-03-01", ends_on="2026-03-31", due_on="2026-03-20"
    )
    factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page, cohort=cohort)
    client = client_for(trainer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("certificates_bulk"), {"cohort": cohort.pk, "country": ""})
    download = BulkDownload.objects.get()
    Path(download.archive.path).unlink()

    assert client.get(reverse("certificates_bulk_file", args=[download.token])).status_code == 404
