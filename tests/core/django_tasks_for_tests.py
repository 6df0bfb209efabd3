"""django-tasks tasks for the Celery backend tests (module level, as django-tasks requires)."""

import time
from pathlib import Path

from django.db import transaction
from django_tasks import task


@task()
def marker_write(path: str, text: str) -> str:
    Path(path).write_text(text, encoding="utf-8")
    return text


@task()
def pause(seconds: float) -> None:
    """Background work that takes a moment, like one of Wagtail's index updates."""
    time.sleep(seconds)


@task()
def in_transaction() -> bool:
    return transaction.get_connection().in_atomic_block
