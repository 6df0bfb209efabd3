"""After issuance: what verifiers are told, revocation and its audit log, the revocation list,
renewal (the course again or a refresher) and supersession, expiry reminders, the reconcile
safety net and bulk downloads."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from unittest.mock import Mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone
from django.utils.text import slugify

from certificates import selectors
from certificates.drawing.pdf_reading import payload_from_pdf
from certificates.models import BulkDownload, Certificate, CertificateEvent, CourseCertification, ExpiryReminder
from certificates.models.archives import BulkStatus
from certificates.models.certificate import EventKind, IssueStatus, PublicStatus
from certificates.services import issuance
from certificates.services.archives import bulk_download_request, bulk_downloads_clean
from certificates.services.emails import reminders_send
from certificates.services.issuance import certificate_request
from certificates.services.lifecycle import certificate_renew, certificate_revoke
from certificates.services.reconcile import certificates_reconcile
from certificates.signing.revocations import revocations_verify
from courses.models import Cohort, CoursePage, Enrolment, EnrolmentSource
from foundation.pdf.reading import pdf_text
from foundation.pdf.rendering import RenderFailed
from people.roles import Role
from tests.certificates import factories
from tests.people.factories import country, person

pytestmark = [pytest.mark.django_db, pytest.mark.clock_hours]


@pytest.fixture
def page(db) -> CoursePage:
    return factories.course_page(title="Alertas migratorias", certificate_validity_months=24)


def today() -> date:
    return timezone.localdate()


def fresh(certificate: Certificate) -> Certificate:
    return Certificate.objects.get(pk=certificate.pk)


# ---------------------------------------------------------------- what a verifier is told


EXPIRY = date(2027, 6, 30)


@pytest.mark.parametrize(
    ("changes", "on", "status"),
    [
        ({}, EXPIRY - timedelta(days=1), PublicStatus.VALID),
        ({}, EXPIRY, PublicStatus.EXPIRED),
        ({}, EXPIRY + timedelta(days=400), PublicStatus.EXPIRED),
        ({"expires_on": None}, date(2099, 1, 1), PublicStatus.VALID),
        ({"revoked_at": timezone.now(), "revoked_reason": "Fraude"}, EXPIRY - timedelta(days=1), PublicStatus.REVOKED),
        ({"superseded_by_id": 1}, EXPIRY - timedelta(days=1), PublicStatus.SUPERSEDED),
        ({"revoked_at": timezone.now(), "superseded_by_id": 1}, EXPIRY + timedelta(days=1), PublicStatus.REVOKED),
    ],
    ids=["valid", "expired-on-the-date", "expired", "no-expiry", "revoked", "superseded", "revoked-first"],
)
def test_public_status(changes, on, status):
    certificate = Certificate(issue_status=IssueStatus.ISSUED, **({"expires_on": EXPIRY} | changes))

    assert certificate.public_status(on) == status


# ---------------------------------------------------------------- revocation and its audit log


def test_revocation_without_a_reason_is_refused_and_changes_nothing(learner, trainer, page):
    certificate = factories.certificate_recorded(learner=learner, course=page)

    with pytest.raises(ValidationError) as refusal:
        certificate_revoke(certificate=certificate, by=trainer, reason="   ")

    assert "reason" in refusal.value.message_dict
    assert fresh(certificate).revoked_at is None
    assert not CertificateEvent.objects.filter(kind=EventKind.REVOKED).exists()


def test_revocation_records_who_and_why_in_the_audit_log(learner, trainer, page):
    certificate = factories.certificate_recorded(learner=learner, course=page)

    certificate_revoke(certificate=certificate, by=trainer, reason="  Documentos falsificados  ")

    revoked = fresh(certificate)
    (event,) = CertificateEvent.objects.filter(certificate=certificate, kind=EventKind.REVOKED)
    assert (revoked.revoked_by, revoked.revoked_reason) == (trainer, "Documentos falsificados")
    assert revoked.public_status() == PublicStatus.REVOKED
    assert (event.actor, event.reason) == (trainer, "Documentos falsificados")
    assert revoked.revoked_at is not None and event.at >= revoked.revoked_at - timedelta(seconds=1)


def test_a_certificate_is_revoked_once(learner, trainer, administrator, page):
    certificate = factories.certificate_recorded(learner=learner, course=page)
    certificate_revoke(certificate=certificate, by=trainer, reason="Error de registro")

    with pytest.raises(ValidationError) as refusal:
        certificate_revoke(certificate=certificate, by=administrator, reason="Otra vez")

    assert refusal.value.code == "revoked"
    assert fresh(certificate).revoked_by == trainer
    assert CertificateEvent.objects.filter(kind=EventKind.REVOKED).count() == 1


def test_the_audit_log_can_be_neither_changed_nor_deleted(learner, trainer, page):
    certificate = factories.certificate_recorded(learner=learner, course=page)
    certificate_revoke(certificate=certificate, by=trainer, reason="Fraude")
    event = CertificateEvent.objects.get(kind=EventKind.REVOKED)

    event.reason = "Nada que ver"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()

    assert CertificateEvent.objects.get(pk=event.pk).reason == "Fraude"


def test_the_signed_revocation_list_names_revoked_and_superseded_certificates(learner, trainer, page):
    kept = factories.certificate_recorded(learner=learner, course=factories.course_page())
    revoked = factories.certificate_recorded(learner=learner, course=page, cycle=1)
    replaced = factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page, cycle=1)
    assert revocations_verify(selectors.revocation_document()) == {}

    replacement = factories.certificate_recorded(learner=replaced.learner, course=page, cycle=2)
    Certificate.objects.filter(pk=replaced.pk).update(superseded_by=replacement)
    certificate_revoke(certificate=revoked, by=trainer, reason="Fraude")

    entries = revocations_verify(selectors.revocation_document())
    assert set(entries) == {revoked.code, replaced.code}
    assert entries[revoked.code] == {"c": revoked.code, "status": "revoked", "at": today().isoformat()}
    assert entries[replaced.code]["status"] == "superseded"
    assert kept.code not in entries and replacement.code not in entries


def test_the_revocation_list_dates_an_evening_revocation_on_the_local_day(settings, learner, trainer, page):
    settings.TIME_ZONE = "America/Guatemala"
    certificate = factories.certificate_recorded(learner=learner, course=page)
    certificate_revoke(certificate=certificate, by=trainer, reason="Fraude")
    evening = timezone.make_aware(datetime(2026, 6, 1, 21, 30))  # 03:30 on 2 June in UTC
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=evening)

    entries = revocations_verify(selectors.revocation_document())

    assert entries[certificate.code]["at"] == "2026-06-01"


# ---------------------------------------------------------------- renewal


def test_renewal_is_refused_before_the_window_opens(learner, page):
    certificate = factories.certificate_recorded(learner=learner, course=page, expires_on=today() + timedelta(days=91))

    with pytest.raises(ValidationError) as refusal:
        certificate_renew(certificate=certificate, learner=learner)

    assert refusal.value.code == "not_open"
    assert Enrolment.objects.filter(learner=learner).count() == 1


def test_renewal_follows_the_window_of_the_courses_certification_rule(learner, template, page):
    CourseCertification.objects.create(course=page, template=template, renewal_window_days=20)
    certificate = factories.certificate_recorded(learner=learner, course=page, expires_on=today() + timedelta(days=30))

    with pytest.raises(ValidationError) as refusal:
        certificate_renew(certificate=certificate, learner=learner)
    assert refusal.value.code == "not_open"
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=today() + timedelta(days=20))
    enrolment = certificate_renew(certificate=fresh(certificate), learner=learner)

    assert enrolment.cycle == 2


def test_renewal_inside_the_window_opens_cycle_two_of_the_course(learner, page):
    certificate = factories.certificate_recorded(learner=learner, course=page, expires_on=today() + timedelta(days=90))

    enrolment = certificate_renew(certificate=certificate, learner=learner)

    assert (enrolment.course_key, enrolment.cycle, enrolment.source) == (
        page.translation_key,
        2,
        EnrolmentSource.RENEWAL,
    )
    assert enrolment.completed_at is None
    assert certificate_renew(certificate=certificate, learner=learner).pk == enrolment.pk


def test_an_expired_certificate_can_be_renewed_but_a_revoked_one_cannot(learner, trainer, page):
    expired = factories.certificate_recorded(learner=learner, course=page, expires_on=today() - timedelta(days=1))
    other_page = factories.course_page()
    revoked = factories.certificate_recorded(learner=learner, course=other_page, expires_on=today() + timedelta(days=5))
    certificate_revoke(certificate=revoked, by=trainer, reason="Fraude")

    assert certificate_renew(certificate=expired, learner=learner).cycle == 2
    with pytest.raises(ValidationError) as refusal:
        certificate_renew(certificate=fresh(revoked), learner=learner)
    assert refusal.value.code == "not_open"


def test_only_the_holder_renews_a_certificate(learner, page):
    certificate = factories.certificate_recorded(learner=learner, course=page, expires_on=today() + timedelta(days=5))

    with pytest.raises(ValidationError) as refusal:
        certificate_renew(certificate=certificate, learner=person(role=Role.LEARNER))

    assert refusal.value.code == "not_owner"


def test_completing_cycle_two_issues_a_certificate_that_supersedes_the_first(learner, template, page, task_calls):
    first = factories.certificate_recorded(learner=learner, course=page, expires_on=today() + timedelta(days=30))
    certificate_renew(certificate=first, learner=learner)

    factories.course_complete(learner=learner, course=page)

    second = Certificate.objects.get(cycle=2)
    old = fresh(first)
    assert (second.course_key, second.issue_status) == (page.translation_key, IssueStatus.ISSUED)
    assert second.enrolment.cycle == 2
    assert old.superseded_by == second
    assert old.public_status() == PublicStatus.SUPERSEDED
    assert second.public_status() == PublicStatus.VALID
    assert [event.reason for event in old.events.filter(kind=EventKind.SUPERSEDED)] == [second.code]
    assert Certificate.objects.filter(learner=learner, course_key=page.translation_key).count() == 2
    assert Path(old.pdf.path).is_file()


def test_completing_the_refresher_course_renews_the_main_courses_certificate(learner, template, page, task_calls):
    refresher = factories.course_page(title="Actualización: alertas migratorias")
    CourseCertification.objects.create(course=page, template=template, refresher_course=refresher)
    first = factories.certificate_recorded(learner=learner, course=page, expires_on=today() + timedelta(days=30))

    renewal = certificate_renew(certificate=first, learner=learner)
    factories.course_complete(learner=learner, course=refresher)

    assert (renewal.course_key, renewal.source) == (refresher.translation_key, EnrolmentSource.RENEWAL)
    second = Certificate.objects.exclude(pk=first.pk).get()
    assert (second.course_key, second.cycle) == (page.translation_key, 2)
    assert second.enrolment == Enrolment.objects.get(course_key=refresher.translation_key)
    assert second.course_title == page.title
    assert second.issue_status == IssueStatus.ISSUED
    assert fresh(first).superseded_by == second
    assert not Certificate.objects.filter(course_key=refresher.translation_key).exists()


# ---------------------------------------------------------------- expiry reminders


def test_each_reminder_is_sent_once_and_only_the_one_that_is_due(learner, page):
    expires_on = today() + timedelta(days=200)
    certificate = factories.certificate_recorded(learner=learner, course=page, expires_on=expires_on)

    assert reminders_send(today=expires_on - timedelta(days=25)) == 1
    assert reminders_send(today=expires_on - timedelta(days=25)) == 0
    assert reminders_send(today=expires_on - timedelta(days=20)) == 0
    assert reminders_send(today=expires_on - timedelta(days=6)) == 1
    assert reminders_send(today=expires_on - timedelta(days=6)) == 0

    reminders = ExpiryReminder.objects.filter(certificate=certificate).order_by("sent_at", "pk")
    assert [reminder.days_before for reminder in reminders] == [30, 7]
    assert [message.to for message in mail.outbox] == [[learner.email]] * 2
    assert "25" in mail.outbox[0].subject and "6" in mail.outbox[1].subject
    assert certificate.events.filter(kind=EventKind.REMINDER).count() == 2


def test_no_reminder_for_a_revoked_or_superseded_certificate(learner, trainer, page):
    expires_on = today() + timedelta(days=30)
    revoked = factories.certificate_recorded(learner=learner, course=page, expires_on=expires_on)
    certificate_revoke(certificate=revoked, by=trainer, reason="Fraude")
    replaced = factories.certificate_recorded(learner=learner, course=factories.course_page(), expires_on=expires_on)
    replacement = factories.certificate_recorded(
        learner=learner, course=factories.course_page(), expires_on=expires_on + timedelta(days=730)
    )
    Certificate.objects.filter(pk=replaced.pk).update(superseded_by=replacement)

    assert reminders_send(today=expires_on - timedelta(days=5)) == 0
    assert mail.outbox == []


# ---------------------------------------------------------------- the reconcile safety net


def test_reconcile_issues_a_missing_certificate_and_asks_again_for_a_pending_one(learner, template, page, task_calls):
    lost = factories.completed_enrolment(learner=learner, course=page, completed_at=timezone.now() - timedelta(hours=1))
    stuck = certificate_request(
        factories.completed_enrolment(learner=person(role=Role.LEARNER), course=page, completed_at=lost.completed_at)
    )
    Certificate.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(hours=1))
    recent = factories.completed_enrolment(learner=person(role=Role.LEARNER), course=page)

    with TestCase.captureOnCommitCallbacks(execute=True):
        counts = certificates_reconcile()

    issued = Certificate.objects.get(enrolment=lost)
    assert (counts["requested"], counts["retried"]) == (1, 1)
    assert task_calls.issue == [issued.pk, stuck.pk]
    assert issued.issue_status == IssueStatus.ISSUED
    assert fresh(stuck).issue_status == IssueStatus.ISSUED
    assert not Certificate.objects.filter(enrolment=recent).exists()  # its own task is still on its way


def test_reconcile_draws_again_the_pdf_of_an_issued_certificate_that_has_none(learner, template, page, task_calls):
    unrecorded = factories.certificate_issued(learner=learner, course=page)
    lost = factories.certificate_issued(learner=person(role=Role.LEARNER, full_name="Łukasz Wójcik"), course=page)
    intact = factories.certificate_issued(learner=person(role=Role.LEARNER), course=page)
    Certificate.objects.filter(pk=unrecorded.pk).update(pdf="")
    Path(lost.pdf.path).unlink()
    mail.outbox.clear()
    task_calls.issue.clear()

    with TestCase.captureOnCommitCallbacks(execute=True):
        counts = certificates_reconcile()

    assert counts["redrawn"] == 2
    assert sorted(task_calls.issue) == sorted([unrecorded.pk, lost.pk])
    assert Certificate.objects.count() == 3
    for before in (unrecorded, lost):
        after = fresh(before)
        data = selectors.certificate_pdf_read(after)
        assert (after.issue_status, after.code, after.payload, after.issued_at) == (
            IssueStatus.ISSUED,
            before.code,
            before.payload,
            before.issued_at,
        )
        assert payload_from_pdf(data) == before.payload
        assert before.learner_name in pdf_text(data)
        assert [event.kind for event in after.events.all()][-1] == EventKind.REDRAWN
    assert fresh(intact).sha256 == intact.sha256
    assert mail.outbox == []  # the learners were told once, when it was issued
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert certificates_reconcile()["redrawn"] == 0


def test_a_pdf_that_cannot_be_drawn_again_is_retried_five_times_then_left_to_a_person(
    learner, template, page, task_calls, monkeypatch
):
    certificate = factories.certificate_issued(learner=learner, course=page)
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")
    monkeypatch.setattr(issuance, "certificate_pdf", Mock(side_effect=RenderFailed("The logo names no file.")))

    sent = []
    for _run in range(issuance.MAX_ATTEMPTS + 1):
        with TestCase.captureOnCommitCallbacks(execute=True):
            sent.append(certificates_reconcile()["redrawn"])

    stored = fresh(certificate)
    assert sent == [1] * issuance.MAX_ATTEMPTS + [0]
    assert (stored.issue_status, stored.pdf.name) == (IssueStatus.ISSUED, "")
    assert "names no file" in stored.last_error
    assert stored.events.filter(kind=EventKind.RENDER_FAILED).count() == issuance.MAX_ATTEMPTS


# ---------------------------------------------------------------- bulk download


def test_a_cohorts_certificates_download_as_a_zip_kept_for_24_hours(trainer, page, task_calls):
    cohort = Cohort.objects.create(
        name="Ola 1", course=page, starts_on="2026-01-10", ends_on="2026-02-10", due_on="2026-02-01"
    )
    members = [
        factories.certificate_recorded(learner=person(role=Role.LEARNER, full_name=name), course=page, cohort=cohort)
        for name in ("Ana Pérez", "Luis Gómez")
    ]
    outsider = factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page)

    with TestCase.captureOnCommitCallbacks(execute=True):
        download = bulk_download_request(by=trainer, cohort=cohort)

    download = BulkDownload.objects.get(pk=download.pk)
    assert task_calls.bulk_download == [download.pk]
    assert (download.status, download.done, download.total, download.percent) == (BulkStatus.READY, 2, 2, 100)
    assert download.is_available
    assert abs(download.expires_at - download.created_at - timedelta(hours=24)) < timedelta(seconds=1)
    with download.archive.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        names = archive.namelist()
        contents = {archive.read(name) for name in names}
    assert sorted(names) == sorted(f"{slugify(member.learner_name)}-{member.code}.pdf" for member in members)
    assert not any(outsider.code in name for name in names)
    assert contents == {member.pdf.open("rb").read() for member in members}

    path = Path(download.archive.path)
    assert bulk_downloads_clean(now=download.expires_at - timedelta(minutes=1)) == 0
    assert path.is_file()
    assert bulk_downloads_clean(now=download.created_at + timedelta(hours=24, seconds=1)) == 1
    assert not path.exists()
    assert not BulkDownload.objects.get(pk=download.pk).archive
    assert bulk_downloads_clean(now=download.created_at + timedelta(hours=48)) == 0


def test_a_bulk_download_needs_one_scope(trainer, page):
    cohort = Cohort.objects.create(
        name="Ola 2", course=page, starts_on="2026-01-10", ends_on="2026-02-10", due_on="2026-02-01"
    )

    with pytest.raises(ValidationError):
        bulk_download_request(by=trainer)
    with pytest.raises(ValidationError):
        bulk_download_request(by=trainer, cohort=cohort, country=country("GTM"))

    assert not BulkDownload.objects.exists()


def test_an_archive_leaves_out_the_certificates_whose_pdf_is_not_there_and_counts_them(trainer, page, task_calls):
    cohort = Cohort.objects.create(
        name="Ola 4", course=page, starts_on="2026-01-10", ends_on="2026-02-10", due_on="2026-02-01"
    )
    ready, unrecorded, lost = (
        factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page, cohort=cohort) for _ in range(3)
    )
    Certificate.objects.filter(pk=unrecorded.pk).update(pdf="")
    Path(lost.pdf.path).unlink()

    with TestCase.captureOnCommitCallbacks(execute=True):
        download = bulk_download_request(by=trainer, cohort=cohort)

    download = BulkDownload.objects.get(pk=download.pk)
    assert (download.status, download.total, download.left_out) == (BulkStatus.READY, 1, 2)
    with download.archive.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        assert [name.endswith(f"{ready.code}.pdf") for name in archive.namelist()] == [True]
