"""What a verifier is told of a certificate (valid, expired, revoked, superseded), and revocation:
refused without a reason, done once, recorded with who and why in an audit log that can be
neither changed nor deleted, and named, on its local day, in the signed revocation list with the
superseded certificates.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from certificates import selectors
from certificates.models import Certificate, CertificateEvent
from certificates.models.certificate import EventKind, IssueStatus, PublicStatus
from certificates.services.lifecycle import certificate_revoke
from certificates.signing.revocations import revocations_verify
from people.roles import Role
from tests.certificates import factories
from tests.certificates.factories import fresh, today
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.clock_hours]


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
