"""A real Celery worker in a separate process (`celery -A lms worker`), for the reliability tests.

It runs with the test process's settings (`tests.certificates.reliability_settings`: the test
settings with this process's queue and cache key prefix), its test database (the name
pytest-django and pytest-xdist gave it, read from the live connection; on SQLite a file, see
lms/settings/test.py), its broker and its files. `WorkerProcess.kill` SIGKILLs the worker's
whole process group (the main process and its prefork children), as a machine that loses power
would; `stop` is the warm shutdown (SIGTERM: running tasks finish).

On Redis the worker keeps its unacknowledged messages under keys of its own, with a short
visibility timeout, so that what a killed worker held comes back within seconds and no other
test process's messages are touched. `queue_clean` empties the queue and those keys afterwards.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from lms.celery import app
from lms.shell.workers import worker_command

BASE_DIR = Path(__file__).resolve().parent.parent.parent
WORKER_SETTINGS = "tests.certificates.reliability_settings"
# A message a killed worker held is given back after this many seconds (Redis); certificate
# tasks take well under a second, so a running one is never handed out twice because of it.
VISIBILITY_TIMEOUT_S = 5
READY_TIMEOUT_S = 60.0


def is_redis_broker() -> bool:
    return settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://"))


def unacked_keys(queue: str) -> dict[str, str]:
    """The Redis keys where the worker on `queue` records the messages it has not acknowledged."""
    return {
        "unacked_key": f"{queue}.unacked",
        "unacked_index_key": f"{queue}.unacked_index",
        "unacked_mutex_key": f"{queue}.unacked_mutex",
    }


def transport_options(queue: str) -> dict[str, object]:
    """Consumer-side broker options: messages of a killed worker come back quickly."""
    if is_redis_broker():
        return {
            **unacked_keys(queue),
            "visibility_timeout": VISIBILITY_TIMEOUT_S,
            "unacked_restore_interval": 1,
            "unacked_restore_throttle": 1,
            # A worker killed while it held the restore mutex must not block restores for long.
            "unacked_mutex_expire": VISIBILITY_TIMEOUT_S,
        }
    return {"polling_interval": 0.1}


def database_url() -> str:
    """DATABASE_URL naming the database this test process uses now (the test database)."""
    db = connection.settings_dict
    name = str(db["NAME"])
    if db["ENGINE"] == "django.db.backends.sqlite3":
        if name == ":memory:" or "mode=memory" in name:
            raise RuntimeError("The SQLite test database is in memory: a worker process cannot open it.")
        return f"sqlite:///{Path(name).resolve()}"
    if db["ENGINE"] == "django.db.backends.postgresql":
        credentials = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        host = db["HOST"] or "localhost"
        port = db["PORT"] or 5432
        return f"postgres://{credentials}@{host}:{port}/{quote(name, safe='')}"
    raise RuntimeError(f"No worker environment for the database engine {db['ENGINE']}.")


def worker_environment() -> dict[str, str]:
    """This process's environment, with what makes a worker share its database, broker, queues and files."""
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=WORKER_SETTINGS,
        DATABASE_URL=database_url(),
        LMS_VAR_DIR=str(settings.VAR_DIR),
        DJANGO_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        CERTIFICATES_PRIVATE_ROOT=str(settings.CERTIFICATES_PRIVATE_ROOT),
        LMS_RELIABILITY_QUEUE=queue,
        LMS_RELIABILITY_BACKGROUND_QUEUE=settings.BACKGROUND_TASK_QUEUE,
        LMS_RELIABILITY_CACHE_KEY_PREFIX=str(settings.CACHES["default"].get("KEY_PREFIX", "")),
        LMS_RELIABILITY_TRANSPORT_OPTIONS=json.dumps(transport_options(queue)),
        PYTHONPATH=os.pathsep.join(filter(None, [str(BASE_DIR), os.environ.get("PYTHONPATH")])),
    )
    if settings.CELERY_BROKER_IS_EMBEDDED:
        env.pop("CELERY_BROKER_URL", None)
    else:
        env["CELERY_BROKER_URL"] = settings.CELERY_BROKER_URL
    return env


class WorkerProcess:
    """`celery -A lms worker` on this test process's two queues (the urgent one first), logging to `log_path`."""

    def __init__(self, log_path: Path, *, concurrency: int = 2, name: str = "reliability") -> None:
        self.log_path = log_path
        self.concurrency = concurrency
        self.name = name
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        assert self.process is None, "the worker is running"
        self.starts += 1
        command = worker_command(
            queue=[settings.CELERY_TASK_DEFAULT_QUEUE, settings.BACKGROUND_TASK_QUEUE],
            concurrency=self.concurrency,
            hostname=f"{self.name}-{os.getpid()}-{self.starts}@%h",
            loglevel="INFO",
        )
        with self.log_path.open("ab") as log:
            log.write(f"\n=== start {self.starts}: {' '.join(command)}\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env=worker_environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so that a kill takes the pool too
            )

    def wait_ready(self, timeout: float = READY_TIMEOUT_S) -> None:
        """Wait until this start of the worker has logged that it is ready."""
        deadline = time.monotonic() + timeout
        marker = f"{self.name}-{os.getpid()}-{self.starts}@"
        while time.monotonic() < deadline:
            self.check_alive()
            tail = self.log_path.read_text(errors="replace").rsplit("=== start", 1)[-1]
            if any(marker in line and " ready." in line for line in tail.splitlines()):
                return
            time.sleep(0.05)
        raise AssertionError(f"the worker was not ready within {timeout:.0f} s:\n{self.log_tail()}")

    def check_alive(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"the worker exited with {self.process.returncode}:\n{self.log_tail()}")

    def kill(self) -> int:
        """SIGKILL the worker and its pool processes; returns the main process's exit status."""
        assert self.process is not None, "the worker is not running"
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        returncode = self.process.wait(timeout=30)
        self.process = None
        return returncode

    def stop(self, timeout: float = 30.0) -> None:
        """Warm shutdown (running tasks finish), then SIGKILL whatever is left of the group."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # to the main process only: it stops its pool
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=timeout)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # pool processes that outlived the main one
        self.process.wait(timeout=30)
        self.process = None

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def queue_backlog(*, queue: str | None = None, unacknowledged: bool = True) -> int:
    """Messages waiting on one of this process's queues (the urgent one unless named), and (Redis,
    urgent queue) those a worker holds unacknowledged."""
    default = settings.CELERY_TASK_DEFAULT_QUEUE
    queue = queue or default
    with app.connection_for_write() as broker:
        channel = broker.default_channel
        waiting = channel.queue_declare(queue=queue, durable=True, auto_delete=False).message_count
        if unacknowledged and queue == default and is_redis_broker():
            waiting += channel.client.hlen(unacked_keys(queue)["unacked_key"])
    return waiting


def queue_clean() -> None:
    """Empty this process's two queues and, on Redis, the worker's unacknowledged-message keys."""
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    with app.connection_for_write() as broker:
        channel = broker.default_channel
        for name in (queue, settings.BACKGROUND_TASK_QUEUE):
            channel.queue_purge(name)
        if is_redis_broker():
            channel.client.delete(*unacked_keys(queue).values())
