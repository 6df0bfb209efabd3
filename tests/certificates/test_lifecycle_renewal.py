"""Renewing a certificate: only its holder, inside the window of the course's certification rule,
expired but not revoked; the course again (cycle two) or its refresher course issues a
certificate that supersedes the first; and expiry reminders, each sent once when due, none for a
revoked or superseded certificate.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from certificates.models import Certificate, CourseCertification, ExpiryReminder
from certificates.models.certificate import EventKind, IssueStatus, PublicStatus
from certificates.services.emails import reminders_send
from certificates.services.lifecycle import certificate_renew, certificate_revoke
from courses.models import Enrolment, EnrolmentSource
from people.roles import Role
from tests.certificates import factories
from tests.certificates.factories import fresh, today
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.clock_hours]


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
