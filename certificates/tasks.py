"""Certificate tasks (D5). Issuance acknowledges a message only once it has run (`acks_late`) and
gives it back when the worker dies mid-run (`task_reject_on_worker_lost`): the task is
idempotent, so running it again can neither lose nor duplicate a certificate."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError as DatabaseUnavailable

from certificates.services import archives, emails, issuance, reconcile


@shared_task(
    name="certificates.issue",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(issuance.IssueFailed, DatabaseUnavailable),
    retry_backoff=30,
    retry_backoff_max=60 * 30,
    max_retries=issuance.MAX_ATTEMPTS - 1,
    ignore_result=True,
)
def certificate_issue_task(self, certificate_id: int) -> None:
    issuance.certificate_issue(certificate_id)


@shared_task(
    name="certificates.email",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError, DatabaseUnavailable),
    retry_backoff=60,
    max_retries=5,
    ignore_result=True,
)
def certificate_email_task(certificate_id: int) -> None:
    emails.certificate_email_send(certificate_id)


@shared_task(name="certificates.reconcile", ignore_result=True)
def certificates_reconcile_task() -> dict[str, int]:
    return reconcile.certificates_reconcile()


@shared_task(name="certificates.reminders", ignore_result=True)
def reminders_send_task() -> int:
    return emails.reminders_send()


@shared_task(
    name="certificates.bulk_download", bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True
)
def bulk_download_task(self, download_id: int) -> None:
    try:
        archives.bulk_download_build(download_id)
    except Exception as error:
        archives.bulk_download_failed(download_id, error)
        raise
