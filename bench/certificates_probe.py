"""Loaded into the benchmark's Celery workers (`--include bench.certificates_probe`): reports, from
inside the worker, when it is ready and how long each certificate issuance task ran.

Each report is one JSON line appended to the file LMS_BENCH_PROBE_FILE names:
`{"ready": pid}` once the worker is ready, then `{"certificate": id, "ms": ..., "state": ...}`
per `certificates.issue` task, timed with `perf_counter` in the pool process from Celery's
task_prerun signal to its task_postrun signal (the task's body: render, sign, store, database).
"""

from __future__ import annotations

import json
import os
import time

from celery.signals import task_postrun, task_prerun, worker_ready

PROBE_FILE = os.environ.get("LMS_BENCH_PROBE_FILE", "")
ISSUE_TASK = "certificates.issue"
_started: dict[str, float] = {}


def _report(entry: dict) -> None:
    with open(PROBE_FILE, "a", encoding="utf-8") as probe:  # noqa: PTH123 - one short append per line
        probe.write(json.dumps(entry) + "\n")


@worker_ready.connect
def _ready(**kwargs: object) -> None:
    if PROBE_FILE:
        _report({"ready": os.getpid()})


@task_prerun.connect
def _task_started(task_id: str, task, **kwargs: object) -> None:
    if PROBE_FILE and task.name == ISSUE_TASK:
        _started[task_id] = time.perf_counter()


@task_postrun.connect
def _task_finished(task_id: str, task, args, state: str | None = None, **kwargs: object) -> None:
    started = _started.pop(task_id, None)
    if started is not None:
        elapsed_ms = (time.perf_counter() - started) * 1000
        _report({"certificate": args[0], "ms": elapsed_ms, "state": state, "pid": os.getpid()})
