"""The certificate register in the admin: failed certificates listed with their error, the detail
page with what the certificate says and its history, headings, revocation with a reason recorded
with who, a retry enqueued for a failed certificate or a missing PDF; and learners and focal
points kept out of the certificate admin.
"""

from __future__ import annotations

import re

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from certificates import tasks
from certificates.models import Certificate, CertificateEvent, CertificateTemplate
from certificates.models.certificate import EventKind, IssueStatus
from certificates.services import issuance
from certificates.services.issuance import IssueFailed, certificate_issue, certificate_request
from certificates.services.lifecycle import certificate_revoke
from foundation.pdf.rendering import RenderFailed
from people.roles import Role
from tests.certificates import factories
from tests.certificates.template_forms import SNIPPETS, template_form
from tests.conftest import client_for
from tests.people.factories import person

pytestmark = pytest.mark.django_db


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
