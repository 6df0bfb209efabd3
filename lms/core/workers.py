"""The command line of a Celery worker process on one queue, for the tests and benchmarks that
start real workers (and kill them): prefork, no mingle, gossip or heartbeat chatter between
workers that come and go."""

from __future__ import annotations

import sys
from collections.abc import Iterable


def worker_command(
    *, queue: str, concurrency: int, hostname: str, loglevel: str = "WARNING", include: Iterable[str] = ()
) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "lms",
        "worker",
        "--pool=prefork",
        f"--concurrency={concurrency}",
        "--queues",
        queue,
        "--hostname",
        hostname,
        f"--loglevel={loglevel}",
        "--without-mingle",
        "--without-gossip",
        "--without-heartbeat",
    ]
    for module in include:
        command += ["--include", module]
    return command
