"""In the bench process: each row of the certificate worker benchmarks runs in a driver process
(`python -m bench.certificates_worker ROW`) on a fresh lab database and a Redis queue of its own,
whose keys are deleted afterwards."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bench.core import BenchmarkFailed, Result
from bench.server import bench_environment, child_result, manage_py

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
QUEUE_PREFIX = "lms-bench-certificates"
SETTINGS = "bench.certificates_settings"


def run_row(row: str) -> Result:
    """Run `row` in a driver process, on a fresh lab database and the run's own Redis queue."""
    from bench.sandbox.database import SERVER_URL, lab

    _redis_check()
    laboratory = lab()
    database = laboratory.database_create(f"certificates_{row}", template=laboratory._empty())
    queue = f"{QUEUE_PREFIX}-{os.getpid()}-{row}"
    try:
        with tempfile.TemporaryDirectory(prefix="lms-bench-certificates-worker-") as tmp:
            env = bench_environment(Path(tmp))
            env.update(
                DJANGO_SETTINGS_MODULE=SETTINGS,
                DATABASE_URL=f"{SERVER_URL}/{database}",
                CELERY_BROKER_URL=REDIS_URL,
                LMS_BENCH_CELERY_QUEUE=queue,
                EMAIL_URL="dummymail://",
            )
            manage_py(env, "collectstatic", "--noinput", "--verbosity", "0")
            return Result(**child_result("bench.certificates_worker", row, env))
    finally:
        _redis_clean(queue)
        laboratory.drop(database)


def _redis():
    import redis

    return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5)


def _redis_check() -> None:
    import redis

    try:
        _redis().ping()
    except redis.RedisError as error:
        raise BenchmarkFailed(
            f"the certificate worker benchmarks need Redis at {REDIS_URL} (BENCH_REDIS_URL): {error}"
        ) from error


def _redis_clean(queue: str) -> None:
    """Delete every key the row's queue left on the broker (messages, bindings, unacknowledged)."""
    client = _redis()
    keys = list(client.scan_iter(match=f"*{queue}*", count=1000))
    if keys:
        client.delete(*keys)
    for member in client.zrange("_kombu.binding_deadlines", 0, -1):
        if queue.encode() in member:
            client.zrem("_kombu.binding_deadlines", member)
