"""Issuance (certificates.services.issuance): one certificate per learner, course and cycle, stored privately
with its SHA-256 and signed payload, eligibility re-checked, failures visible and retried, one
e-mail in the learner's language, expiry from the course's validity, the template's translation."""

from __future__ import annotations

import calendar
import hashlib
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates.drawing.pdf_reading import payload_from_pdf
from certificates.models import Certificate, CertificateEvent
from certificates.models.certificate import EventKind, IssueStatus
from certificates.services import issuance
from certificates.services.emails import certificate_email_send, reminders_send
from certificates.services.issuance import IssueFailed, certificate_issue, certificate_request
from certificates.signing.payload import payload_verify
from courses.models import CoursePage, Enrolment, EnrolmentSource
from foundation.pdf.reading import pdf_text
from foundation.pdf.rendering import RenderFailed
from people.roles import Role
from tests.certificates import factories
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def events(certificate: Certificate, kind: str) -> list[CertificateEvent]:
    return list(CertificateEvent.objects.filter(certificate=certificate, kind=kind))


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# ---------------------------------------------------------------- one per learner, course and cycle


def test_completing_a_course_issues_its_certificate_and_emails_it(learner, template, page, task_calls):
    enrolment = factories.course_complete(learner=learner, course=page)

    certificate = Certificate.objects.get()
    assert enrolment.completed_at is not None
    assert (certificate.learner, certificate.course_key, certificate.cycle) == (learner, page.translation_key, 1)
    assert certificate.enrolment == enrolment
    assert certificate.issue_status == IssueStatus.ISSUED
    assert task_calls.issue == [certificate.pk]
    assert [message.to for message in mail.outbox] == [[learner.email]]


def test_requesting_and_issuing_twice_keeps_one_certificate_drawn_once(learner, template, page, monkeypatch):
    enrolment = factories.completed_enrolment(learner=learner, course=page)
    renders = []
    real_pdf = issuance.certificate_pdf
    monkeypatch.setattr(
        issuance, "certificate_pdf", lambda *args, **kwargs: renders.append(1) or real_pdf(*args, **kwargs)
    )

    first = certificate_request(enrolment)
    again = certificate_request(Enrolment.objects.get(pk=enrolment.pk))
    issued = certificate_issue(first.pk)
    reissued = certificate_issue(first.pk)

    assert again.pk == first.pk
    assert Certificate.objects.count() == 1
    assert len(renders) == 1
    assert (reissued.sha256, reissued.pdf.name, reissued.attempts) == (issued.sha256, issued.pdf.name, 1)
    assert len(events(first, EventKind.REQUESTED)) == 1
    assert len(events(first, EventKind.ISSUED)) == 1


def test_a_run_that_finishes_second_finds_the_certificate_issued_and_keeps_it(learner, template, page, monkeypatch):
    certificate = certificate_request(factories.completed_enrolment(learner=learner, course=page))
    real_pdf = issuance.certificate_pdf
    runs = []

    def render_while_another_run_finishes(*args, **kwargs):
        data = real_pdf(*args, **kwargs)
        runs.append("rendered")
        if len(runs) == 1:  # the first run, between its render and its lock: another worker finishes
            runs.append(certificate_issue(certificate.pk))
        return data

    monkeypatch.setattr(issuance, "certificate_pdf", render_while_another_run_finishes)
    late = certificate_issue(certificate.pk)

    winner = runs[2]
    stored = Certificate.objects.get()
    assert late.issue_status == IssueStatus.ISSUED
    assert (stored.sha256, stored.payload, stored.attempts) == (winner.sha256, winner.payload, 1)
    assert hashlib.sha256(stored.pdf.read()).hexdigest() == winner.sha256
    assert len(events(stored, EventKind.ISSUED)) == 1


def test_the_database_refuses_a_second_certificate_for_the_same_cycle(learner, page):
    Certificate.objects.create(learner=learner, course_key=page.translation_key, cycle=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(learner=learner, course_key=page.translation_key, cycle=1)
    Certificate.objects.create(learner=learner, course_key=page.translation_key, cycle=2)
    assert Certificate.objects.count() == 2


# ---------------------------------------------------------------- what is stored


def test_the_pdf_is_stored_outside_the_media_folder_with_its_sha256(learner, template, page, private_root):
    certificate = factories.certificate_issued(learner=learner, course=page)

    path = Path(certificate.pdf.path).resolve()
    data = path.read_bytes()
    assert path.is_relative_to(Path(private_root).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not stored_files(Path(settings.MEDIA_ROOT))
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == certificate.sha256
    assert payload_from_pdf(data) == certificate.payload


def test_the_signed_payload_verifies_and_carries_the_name_in_nfc(template, page):
    typed = unicodedata.normalize("NFD", "María José  Núñez Peña")
    learner = person(role=Role.LEARNER, full_name=typed)

    certificate = factories.certificate_issued(learner=learner, course=page)

    claims = payload_verify(certificate.payload)
    canonical = unicodedata.normalize("NFC", "María José Núñez Peña")
    assert claims["n"] == canonical != typed
    assert certificate.learner_name == canonical
    assert claims["c"] == certificate.code
    assert claims["ck"] == str(page.translation_key)
    assert claims["k"] == page.title
    assert claims["exp"] == certificate.expires_on.isoformat()
    assert canonical in pdf_text(certificate.pdf.read())


# ---------------------------------------------------------------- eligibility, re-checked at issue time


def test_an_enrolment_not_completed_is_withdrawn_without_a_pdf(learner, template, page, private_root):
    enrolment = Enrolment.objects.create(learner=learner, course_key=page.translation_key, source=EnrolmentSource.SELF)
    certificate = Certificate.objects.create(learner=learner, course_key=page.translation_key, enrolment=enrolment)

    result = certificate_issue(certificate.pk)

    assert result.issue_status == IssueStatus.WITHDRAWN
    stored = Certificate.objects.get()
    assert (stored.pdf.name, stored.sha256, stored.payload) == ("", "", "")
    assert len(events(stored, EventKind.WITHDRAWN)) == 1
    assert not stored_files(private_root)


def test_a_learner_deactivated_before_the_task_runs_is_withdrawn(learner, template, page, private_root):
    certificate = certificate_request(factories.completed_enrolment(learner=learner, course=page))
    learner.is_active = False
    learner.save(update_fields=["is_active"])

    certificate_issue(certificate.pk)

    stored = Certificate.objects.get()
    assert stored.issue_status == IssueStatus.WITHDRAWN
    assert (stored.pdf.name, stored.sha256) == ("", "")
    assert not stored_files(private_root)


# ---------------------------------------------------------------- a failing render


def test_a_template_whose_logo_file_is_gone_fails_visibly_and_writes_nothing(learner, page, private_root):
    logo = factories.image("Sello")
    factories.certificate_template(logo=logo)
    logo.file.storage.delete(logo.file.name)
    certificate = certificate_request(factories.completed_enrolment(learner=learner, course=page))

    with pytest.raises(IssueFailed):
        certificate_issue(certificate.pk)

    stored = Certificate.objects.get()
    assert stored.issue_status == IssueStatus.FAILED
    assert stored.attempts == 1
    assert "names no file" in stored.last_error
    assert [event.reason for event in events(stored, EventKind.RENDER_FAILED)] == [stored.last_error]
    assert (stored.pdf.name, stored.sha256, stored.payload, stored.issued_at) == ("", "", "", None)
    assert not stored_files(private_root)


def test_a_failed_certificate_is_issued_by_the_retry_after_the_fix(learner, template, page, monkeypatch):
    certificate = certificate_request(factories.completed_enrolment(learner=learner, course=page))
    real_pdf = issuance.certificate_pdf

    def broken(*args, **kwargs):
        raise RenderFailed("the template is broken")

    monkeypatch.setattr(issuance, "certificate_pdf", broken)
    with pytest.raises(IssueFailed, match="broken"):
        certificate_issue(certificate.pk)
    with pytest.raises(IssueFailed):
        certificate_issue(certificate.pk)
    assert Certificate.objects.get().attempts == 2

    monkeypatch.setattr(issuance, "certificate_pdf", real_pdf)
    issued = certificate_issue(certificate.pk)

    assert issued.issue_status == IssueStatus.ISSUED
    assert (issued.attempts, issued.last_error) == (3, "")
    assert hashlib.sha256(issued.pdf.read()).hexdigest() == issued.sha256
    assert len(events(issued, EventKind.RENDER_FAILED)) == 2


# ---------------------------------------------------------------- the e-mail


def test_the_email_is_sent_once_in_the_learners_language(template, page):
    spanish = person(role=Role.LEARNER, preferred_language="es", email="ana@example.org")
    english = person(role=Role.LEARNER, preferred_language="en", email="john@example.org")
    for_spanish = factories.certificate_issued(learner=spanish, course=page)
    for_english = factories.certificate_issued(learner=english, course=page)

    assert certificate_email_send(for_spanish.pk) is True
    assert certificate_email_send(for_english.pk) is True
    assert certificate_email_send(for_spanish.pk) is False
    assert certificate_email_send(for_english.pk) is False

    to_spanish, to_english = mail.outbox
    assert len(mail.outbox) == 2
    assert (to_spanish.to, to_english.to) == (["ana@example.org"], ["john@example.org"])
    assert to_english.subject == f"Your certificate: {page.title}"
    assert to_spanish.subject == f"Su certificado: {page.title}"
    assert f"/certificates/verify/{for_spanish.code}/" in to_spanish.body
    assert "/en/" not in to_spanish.body
    assert f"/en/certificates/verify/{for_english.code}/" in to_english.body
    assert to_english.body.startswith(f"Dear {english.full_name},")
    assert for_english.code_display in to_english.body
    assert Certificate.objects.filter(emailed_at__isnull=False).count() == 2
    assert CertificateEvent.objects.filter(kind=EventKind.EMAILED).count() == 2


# ---------------------------------------------------------------- expiry


def test_the_certificate_expires_its_validity_in_months_after_completion(learner, template):
    page = factories.course_page(certificate_validity_months=18)
    year = timezone.localdate().year
    completed_at = timezone.make_aware(datetime(year - 1, 8, 31, 12))

    certificate = factories.certificate_issued(learner=learner, course=page, completed_at=completed_at)

    last_of_february = date(year + 1, 2, 29 if calendar.isleap(year + 1) else 28)
    assert certificate.completed_on == date(year - 1, 8, 31)
    assert certificate.expires_on == last_of_february
    assert payload_verify(certificate.payload)["exp"] == last_of_february.isoformat()


@pytest.mark.parametrize("months", [None, 0])
def test_a_course_without_validity_issues_a_certificate_that_never_expires(learner, template, months):
    page = factories.course_page()
    CoursePage.objects.filter(pk=page.pk).update(certificate_validity_months=months)

    certificate = factories.certificate_issued(learner=learner, course=page)

    assert certificate.issue_status == IssueStatus.ISSUED
    assert certificate.expires_on is None
    assert payload_verify(certificate.payload)["exp"] is None


# ---------------------------------------------------------------- the template's language


def test_a_learner_reading_english_gets_the_english_translation_of_the_template(template, page):
    english_template = factories.certificate_template(language="en", translation_of=template)
    learner = person(role=Role.LEARNER, preferred_language="en")

    certificate = factories.certificate_issued(learner=learner, course=page)

    text = pdf_text(certificate.pdf.read())
    assert certificate.template == english_template
    assert certificate.language == "en"
    assert "Certificate of completion" in text
    assert "Certificado de aprobación" not in text


# ---------------------------------------------------------------- a past moment (the demo's history)


def test_a_certificate_requested_issued_and_emailed_as_of_past_moments_is_dated_by_them(learner, template, page):
    completed_at = timezone.make_aware(datetime(2025, 3, 14, 15))
    requested_at, issued_at, emailed_at = (completed_at + timedelta(minutes=minutes) for minutes in (0, 1, 2))
    enrolment = factories.completed_enrolment(learner=learner, course=page, completed_at=completed_at)

    certificate = certificate_request(enrolment, now=requested_at)
    certificate_issue(certificate.pk, now=issued_at)
    assert certificate_email_send(certificate.pk, now=emailed_at)

    certificate.refresh_from_db()
    assert (certificate.created_at, certificate.issued_at, certificate.emailed_at) == (
        requested_at,
        issued_at,
        emailed_at,
    )
    assert payload_verify(certificate.payload)["iat"] == "2025-03-14"
    assert certificate.expires_on == date(2027, 3, 14)
    assert [(event.kind, event.at) for event in CertificateEvent.objects.filter(certificate=certificate)] == [
        (EventKind.REQUESTED, requested_at),
        (EventKind.ISSUED, issued_at),
        (EventKind.EMAILED, emailed_at),
    ]
    assert [message.to for message in mail.outbox] == [[learner.email]]


def test_reminders_for_some_learners_leave_the_others_due(template, page):
    expires_on = timezone.localdate() + timedelta(days=20)
    named, other = person(role=Role.LEARNER), person(role=Role.LEARNER)
    for holder in (named, other):
        factories.certificate_recorded(learner=holder, course=page, expires_on=expires_on)

    assert reminders_send(learner_ids=[named.pk]) == 1
    assert [message.to for message in mail.outbox] == [[named.email]]
    assert reminders_send() == 1
    assert [message.to for message in mail.outbox] == [[named.email], [other.email]]
