"""In the driver process (Django configured, on the row's database): the certificates a row issues.
Completed enrolments in the demo course handed out as pending certificates, enqueued for the
worker, waited for, and checked once issued (one ISSUED event each, the stored PDF the recorded one)."""

from __future__ import annotations

import hashlib
import time

from bench.certificates_worker.worker import ISSUE_TIMEOUT_S, Worker
from bench.core import BenchmarkFailed

DEMO_COURSE = "border-entries"


class Learners:
    """Completed enrolments in the demo course, handed out as pending certificates."""

    def __init__(self, count: int) -> None:
        from django.contrib.auth.hashers import make_password
        from django.utils import timezone

        from certificates.demo.loader import demo_certificates_load
        from courses.demo.loader import demo_course_key, demo_curriculum_load
        from courses.models import CoursePage, Enrolment, EnrolmentSource
        from people.models import User

        demo_curriculum_load()
        demo_certificates_load()
        _queue_purge()  # Wagtail's background tasks of the demo content (reference index): not measured
        self.course = CoursePage.objects.get(locale__language_code="es", translation_key=demo_course_key(DEMO_COURSE))
        password = make_password(None)
        users = User.objects.bulk_create(
            User(
                email=f"bench.certificate{number}@example.org",
                full_name=f"María José Hernández Núñez {number}",
                preferred_language="es",
                password=password,
            )
            for number in range(count)
        )
        completed_at = timezone.now()
        self.enrolments = Enrolment.objects.bulk_create(
            Enrolment(
                learner=user,
                course_key=self.course.translation_key,
                source=EnrolmentSource.SELF,
                completed_at=completed_at,
            )
            for user in users
        )

    def pending(self, count: int) -> list[int]:
        """`count` new pending certificates with their REQUESTED event (what `certificate_request` creates)."""
        from django.db import transaction

        from certificates.models import Certificate, CertificateEvent
        from certificates.models.certificate import EventKind

        if len(self.enrolments) < count:
            raise BenchmarkFailed("the benchmark ran out of completed enrolments")
        taken, self.enrolments = self.enrolments[:count], self.enrolments[count:]
        with transaction.atomic():
            certificates = Certificate.objects.bulk_create(
                Certificate(learner_id=e.learner_id, course_key=e.course_key, cycle=e.cycle, enrolment=e) for e in taken
            )
            CertificateEvent.objects.bulk_create(
                CertificateEvent(certificate=certificate, kind=EventKind.REQUESTED) for certificate in certificates
            )
        return [certificate.pk for certificate in certificates]


def _queue_purge() -> None:
    from django.conf import settings

    from lms.celery import app

    with app.connection_for_write() as broker:
        broker.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)


def enqueue(certificate_ids: list[int]) -> None:
    from certificates.tasks import certificate_issue_task

    for pk in certificate_ids:
        certificate_issue_task.delay(pk)


def issued_check(certificate_ids: list[int]) -> None:
    """Every certificate issued once, its stored PDF the one whose SHA-256 was recorded."""
    from certificates.models import Certificate, CertificateEvent
    from certificates.models.certificate import EventKind, IssueStatus

    certificates = list(Certificate.objects.filter(pk__in=certificate_ids))
    if len(certificates) != len(certificate_ids) or any(c.issue_status != IssueStatus.ISSUED for c in certificates):
        raise BenchmarkFailed(f"not every certificate was issued: {[c.issue_status for c in certificates]}")
    events = CertificateEvent.objects.filter(certificate_id__in=certificate_ids, kind=EventKind.ISSUED).count()
    if events != len(certificate_ids):
        raise BenchmarkFailed(f"{events} ISSUED events for {len(certificate_ids)} certificates")
    for certificate in certificates[:3]:
        with certificate.pdf.open("rb") as stored:
            if hashlib.sha256(stored.read()).hexdigest() != certificate.sha256:
                raise BenchmarkFailed(f"the stored PDF of {certificate.code} is not the one recorded")


def wait_issued(certificate_ids: list[int], worker: Worker) -> None:
    from certificates.models import Certificate
    from certificates.models.certificate import IssueStatus

    deadline = time.monotonic() + ISSUE_TIMEOUT_S
    pending = Certificate.objects.filter(pk__in=certificate_ids).exclude(issue_status=IssueStatus.ISSUED)
    while pending.exists():
        if worker.process.poll() is not None or time.monotonic() > deadline:
            raise BenchmarkFailed(f"the batch was not issued:\n{worker.log_tail()}")
        time.sleep(0.1)  # the time is read from issued_at: polling seldom leaves the cores to the workers
