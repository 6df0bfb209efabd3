"""A django-tasks task for the Celery backend test (module level, as django-tasks requires)."""

from pathlib import Path

from django_tasks import task


@task()
def marker_write(path: str, text: str) -> str:
    Path(path).write_text(text, encoding="utf-8")
    return text
