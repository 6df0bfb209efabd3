"""A real Celery worker on the configured broker (embedded filesystem broker, or Redis in CI).

Not eager mode: messages go through the broker to a worker thread and results come back
through the result backend.
"""

from __future__ import annotations

import threading
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
from lms.shell.tasks import worker_ping_task
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
@override_settings(TASKS={"default": {"BACKEND": "lms.shell.task_backends.CeleryTaskBackend"}})
def test_wagtails_background_tasks_run_on_the_celery_worker_after_commit(worker, tmp_path, monkeypatch):
    from lms.shell.tasks import django_task_run_task

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
@override_settings(TASKS={"default": {"BACKEND": "lms.shell.task_backends.CeleryTaskBackend"}})
def test_a_wagtail_task_runs_in_process_when_the_broker_is_unreachable(
    tmp_path, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from lms.shell.tasks import django_task_run_task

    def broker_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(django_task_run_task, "apply_async", broker_down)
    marker = tmp_path / "marker.txt"
    with django_capture_on_commit_callbacks(execute=True):
        marker_write.using(backend="default").enqueue(str(marker), "ran here")
    assert marker.read_text(encoding="utf-8") == "ran here"
    assert "Broker unreachable" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_wagtail_task_runs_in_one_transaction():
    from lms.shell.tasks import django_task_run_task

    result = django_task_run_task.apply(args=("tests.core.django_tasks_for_tests.in_transaction", [], {}))
    assert result.get() is True


@pytest.mark.django_db(transaction=True)
def test_two_index_updates_of_one_new_object_at_the_same_time_both_succeed(site_content, monkeypatch):
    """Issue 16: index updates of one object run at once (a pool of two processes) failed with
    `UNIQUE constraint failed: wagtailsearch_indexentry`: both read "not indexed", then both insert."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models import QuerySet
    from wagtail.search.models import IndexEntry

    from lms.shell.tasks import django_task_run_task
    from media.models import CustomImage
    from tests.certificates.factories import image

    picture = image("Sello")
    entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(CustomImage), object_id=str(picture.pk)
    )
    entries.delete()  # as if its index update were still queued (tests run Wagtail's tasks at once)
    first_has_read, second_done = threading.Event(), threading.Event()
    bulk_create = QuerySet.bulk_create

    def racing_bulk_create(self, objs, *args, **kwargs):
        # The SQLite search backend inserts what its read found missing; on PostgreSQL it upserts.
        if self.model is IndexEntry and threading.current_thread().name == "first":
            first_has_read.set()
            second_done.wait(timeout=2)  # the second update inserts meanwhile, unless it must wait
        return bulk_create(self, objs, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", racing_bulk_create)
    results = {}

    def update(name: str) -> None:
        try:
            if name == "second":
                first_has_read.wait(timeout=2)
            results[name] = django_task_run_task.apply(
                args=("modelsearch.tasks.insert_or_update_object_task", ["media", "customimage", str(picture.pk)], {})
            )
        finally:
            if name == "second":
                second_done.set()
            connection.close()

    threads = [threading.Thread(target=update, args=(name,), name=name) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert {name: result.traceback for name, result in results.items() if not result.successful()} == {}
    assert sorted(results) == ["first", "second"]
    assert entries.count() == 1


@pytest.mark.django_db
def test_the_make_run_worker_stops_warm_on_ctrl_c_with_nothing_left_behind(tmp_path):
    """Issue 16: honcho's SIGTERM reached the pool processes (killed mid-task, an error each) and
    honcho killed the worker 5 s after the web server had stopped, before its warm shutdown ended."""
    import os
    import re
    import signal
    import subprocess
    import sys
    import uuid

    from lms.shell.tasks import worker_ping_task
    from tests.certificates.reliability_worker import BASE_DIR, worker_environment

    worker_line = next(line for line in (BASE_DIR / "Procfile").read_text().splitlines() if line.startswith("worker:"))
    procfile = tmp_path / "Procfile"
    # The web server stops at once on SIGTERM, which starts honcho's countdown for the others.
    procfile.write_text(f'{worker_line}\nweb: exec {sys.executable} -c "import time; time.sleep(600)"\n')
    marker = uuid.uuid4().hex
    env = {**worker_environment(), "LMS_TEST_PROCESS_MARKER": marker}
    honcho = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lms.shell.workers",
            "honcho",
            "start",
            "--no-prefix",
            "--no-colour",
            "-f",
            str(procfile),
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert worker_ping_task.apply_async(args=["before-ctrl-c"]).get(timeout=60)["nonce"] == "before-ctrl-c"
        os.killpg(honcho.pid, signal.SIGINT)  # Ctrl-C in the terminal of `make run`
        output, _ = honcho.communicate(timeout=60)
    finally:
        if honcho.poll() is None:
            os.killpg(honcho.pid, signal.SIGKILL)
    assert honcho.returncode == 130, output
    assert "Warm shutdown" in output
    assert re.search(r"worker\.1 stopped \(rc=0\)", output), output
    assert "SIGKILL" not in output and "signal 15" not in output and "Traceback" not in output, output
    left = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker.encode() in environ.read_bytes():
                left.append(environ.parent.name)
        except OSError:
            continue
    assert left == [], f"processes left behind: {left}"
