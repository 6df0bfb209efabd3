"""A broker outage when a course is completed: no error for the learner, the reconcile task sends it later."""

from __future__ import annotations

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from certificates.models import Certificate
from certificates.models.certificate import IssueStatus
from certificates.services.issuance import certificate_request
from certificates.services.reconcile import certificates_reconcile
from certificates.tasks import certificate_issue_task
from courses.models import Enrolment
from tests.certificates.matrix import default_template
from tests.courses.factories import course
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def test_a_certificate_requested_while_the_broker_is_down_is_kept_and_sent_again_by_reconcile(
    monkeypatch, django_capture_on_commit_callbacks, caplog
):
    default_template()
    page = course(modules=1, lessons_per_module=1).page
    learner = person(email="sin-broker@example.org")
    enrolment = Enrolment.objects.create(
        learner=learner,
        course_key=page.translation_key,
        source="self",
        completed_at=timezone.now() - timezone.timedelta(minutes=10),
    )

    def broker_down(*args):
        raise OperationalError("connection refused")

    monkeypatch.setattr(certificate_issue_task, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_request(enrolment)
    assert "left to the reconcile task" in caplog.text
    assert Certificate.objects.get(pk=certificate.pk).issue_status == IssueStatus.PENDING

    sent = []
    monkeypatch.setattr(certificate_issue_task, "delay", sent.append)
    Certificate.objects.filter(pk=certificate.pk).update(created_at=timezone.now() - timezone.timedelta(minutes=10))
    with django_capture_on_commit_callbacks(execute=True):
        counts = certificates_reconcile()
    assert sent == [certificate.pk]
    assert counts["retried"] == 1
