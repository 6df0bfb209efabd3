"""Platform tasks: the worker liveness probe, Wagtail's scheduled publishing, housekeeping."""

from __future__ import annotations

import socket
from typing import Any

from celery import shared_task
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone


@shared_task(name="lms.core.tasks.worker_ping_task")
def worker_ping_task(nonce: str) -> dict[str, Any]:
    """Answer with the nonce, to prove a worker received, ran and replied."""
    return {"nonce": nonce, "hostname": socket.gethostname(), "at": timezone.now().isoformat()}


@shared_task(name="lms.core.tasks.scheduled_pages_publish_task")
def scheduled_pages_publish_task() -> None:
    """Publish and unpublish pages whose scheduled time has come (Wagtail needs this run periodically)."""
    call_command("publish_scheduled", verbosity=0)


@shared_task(name="lms.core.tasks.expired_sessions_clear_task")
def expired_sessions_clear_task() -> None:
    call_command("clearsessions", verbosity=0)


@shared_task(name="lms.core.tasks.login_logs_prune_task")
def login_logs_prune_task(age_days: int = 90) -> None:
    """Drop login access and failure logs older than the retention period."""
    call_command("axes_reset_logs", age=age_days, verbosity=0)
    call_command("axes_reset_failure_logs", age=age_days, verbosity=0)


@shared_task(
    name="lms.core.tasks.django_task_run_task",
    acks_late=True,
    ignore_result=True,
    autoretry_for=(IntegrityError,),
    retry_backoff=1,
    max_retries=5,
)
def django_task_run_task(module_path: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """Run a django-tasks task (Wagtail's own background work) on a Celery worker, in one transaction.

    Wagtail's index updates read what is indexed, then insert what is missing: two of them for
    the same object at once (a page saved twice in a request, a pool of two processes) both
    insert. In one transaction the second waits for the first (SQLite takes its write lock at
    BEGIN; PostgreSQL's search index inserts with ON CONFLICT), and an insert that still meets a
    unique constraint is retried, when it finds the row there and updates it.
    """
    from django.utils.module_loading import import_string

    task = import_string(module_path)
    with transaction.atomic():
        return task.call(*args, **kwargs)
