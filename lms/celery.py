"""The Celery application: configured from Django settings (CELERY_*), tasks found in every app.

Queues by urgency (D10, docs/decisions/0018-task-queues-by-urgency.md): what a person is
waiting for (a certificate, an e-mail, a report or an archive they asked for, the worker ping)
goes to the default queue, `CELERY_TASK_DEFAULT_QUEUE`; background work goes to
`BACKGROUND_TASK_QUEUE`. Workers consume both, the default one first.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Work nobody is waiting for at the moment it runs: Wagtail's own tasks (search and reference
# index, file deletion), the safety nets, reminders, the nightly refresh, the monthly reports,
# housekeeping. Every other task is urgent.
BACKGROUND_TASKS = frozenset(
    {
        "lms.core.tasks.django_task_run_task",
        "lms.core.tasks.scheduled_pages_publish_task",
        "lms.core.tasks.expired_sessions_clear_task",
        "lms.core.tasks.login_logs_prune_task",
        "certificates.reconcile",
        "certificates.reminders",
        "tracking.refresh_all",
        "tracking.reconcile",
        "tracking.monthly_reports",
    }
)


def task_route(name: str, args: Any, kwargs: Any, options: dict, task: Any = None, **kw: Any) -> dict | None:
    """CELERY_TASK_ROUTES: background tasks to the background queue, the rest to the default queue."""
    from django.conf import settings

    if name in BACKGROUND_TASKS:
        return {"queue": settings.BACKGROUND_TASK_QUEUE}
    return None


@worker_ready.connect
def _report_machine_problems(**kwargs: object) -> None:
    """Workers render the PDFs: warn in their log, too, about what the machine lacks (D8)."""
    from lms.shell.checks import harfbuzz_subset_check

    for warning in harfbuzz_subset_check(None):
        logging.getLogger("lms.celery").warning("%s %s (%s)", warning.msg, warning.hint, warning.id)
