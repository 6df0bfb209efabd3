"""The Celery application: configured from Django settings (CELERY_*), tasks found in every app."""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _report_machine_problems(**kwargs: object) -> None:
    """Workers render the PDFs: warn in their log, too, about what the machine lacks (D8)."""
    import logging

    from lms.core.checks import harfbuzz_subset_check

    for warning in harfbuzz_subset_check(None):
        logging.getLogger("lms.celery").warning("%s %s (%s)", warning.msg, warning.hint, warning.id)
