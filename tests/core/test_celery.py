"""A real Celery worker on the configured broker (embedded filesystem broker, or Redis in CI).

Not eager mode: messages go through the broker to a worker thread and results come back
through the result backend.
"""

from __future__ import annotations

import time
from pathlib import Path

import celery.contrib.testing.tasks  # noqa: F401 - registers celery.ping, used by start_worker
import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from lms.celery import app
from lms.core.tasks import worker_ping_task
from tests.core.django_tasks_for_tests import marker_write

pytestmark = pytest.mark.worker


@pytest.fixture(scope="module")
def worker():
    """One worker thread for the whole module."""
    assert not app.conf.task_always_eager
    with start_worker(app, pool="solo", loglevel="WARNING", perform_ping_check=True, shutdown_timeout=30) as running:
        yield running


def test_the_app_uses_the_configured_broker():
    assert app.conf.broker_url == settings.CELERY_BROKER_URL
    assert app.conf.result_backend == settings.CELERY_RESULT_BACKEND
    assert app.conf.task_default_queue == settings.CELERY_TASK_DEFAULT_QUEUE


def test_a_worker_runs_a_task_end_to_end(worker):
    result = worker_ping_task.delay("a1b2c3")
    reply = result.get(timeout=30)
    assert reply["nonce"] == "a1b2c3"
    assert result.successful()


def test_worker_ping_command_reports_a_live_worker(worker, capsys):
    call_command("worker_ping", timeout=30)
    assert "answered in" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "lms.core.task_backends.CeleryTaskBackend"}})
def test_wagtails_background_tasks_run_on_the_celery_worker_after_commit(worker, tmp_path, monkeypatch):
    from lms.core.tasks import django_task_run_task

    sent = []
    send = django_task_run_task.apply_async

    def recorded_send(*args, **kwargs):
        sent.append(kwargs["task_id"])
        return send(*args, **kwargs)

    monkeypatch.setattr(django_task_run_task, "apply_async", recorded_send)
    marker = tmp_path / "marker.txt"
    with transaction.atomic():
        result = marker_write.using(backend="default").enqueue(str(marker), "ran on a worker")
        assert sent == [], "sent to the broker before the transaction committed"
    assert sent == [result.id]
    deadline = time.monotonic() + 30
    # The worker creates the file, then writes it: wait for the text, not for the file.
    while not (marker.exists() and marker.read_text(encoding="utf-8")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert Path(marker).read_text(encoding="utf-8") == "ran on a worker"


@pytest.mark.django_db
def test_every_scheduled_task_exists_and_runs():
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]
        app.tasks[entry["task"]].run()


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "lms.core.task_backends.CeleryTaskBackend"}})
def test_a_wagtail_task_runs_in_process_when_the_broker_is_unreachable(
    tmp_path, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from lms.core.tasks import django_task_run_task

    def broker_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(django_task_run_task, "apply_async", broker_down)
    marker = tmp_path / "marker.txt"
    with django_capture_on_commit_callbacks(execute=True):
        marker_write.using(backend="default").enqueue(str(marker), "ran here")
    assert marker.read_text(encoding="utf-8") == "ran here"
    assert "Broker unreachable" in caplog.text
