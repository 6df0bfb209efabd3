"""The safety net (D5), run periodically: whatever a lost message or a down broker left undone."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from certificates.models import Certificate
from certificates.models.certificate import IssueStatus
from certificates.selectors import certificates_without_pdf
from certificates.services.archives import bulk_downloads_clean
from certificates.services.issuance import MAX_ATTEMPTS, certificate_request
from certificates.services.queueing import issue_enqueue
from courses.models import Enrolment
from foundation.background import send_task_on_commit


def certificates_reconcile(*, now=None) -> dict[str, int]:
    """The safety net (D5): issue what is due but missing, retry what failed, draw again the PDFs
    of issued certificates that have none, e-mail what was not."""
    now = now or timezone.now()
    grace = now - timedelta(minutes=2)
    requested = 0
    for enrolment in Enrolment.objects.filter(completed_at__isnull=False, completed_at__lt=grace, certificates=None):
        certificate_request(enrolment)
        requested += 1
    retried = 0
    for pk in Certificate.objects.filter(
        issue_status__in=[IssueStatus.PENDING, IssueStatus.FAILED], created_at__lt=grace, attempts__lt=MAX_ATTEMPTS
    ).values_list("pk", flat=True):
        issue_enqueue(pk)
        retried += 1
    redrawn = 0
    for pk in certificates_without_pdf(max_failures=MAX_ATTEMPTS):
        issue_enqueue(pk)
        redrawn += 1
    from certificates.tasks import certificate_email_task

    emailed = 0
    for pk in Certificate.objects.filter(
        issue_status=IssueStatus.ISSUED, emailed_at__isnull=True, issued_at__lt=grace
    ).values_list("pk", flat=True):
        send_task_on_commit(certificate_email_task, pk)
        emailed += 1
    cleaned = bulk_downloads_clean(now=now)
    return {
        "requested": requested,
        "retried": retried,
        "redrawn": redrawn,
        "emailed": emailed,
        "archives_removed": cleaned,
    }
