"""Command lines of Celery worker processes, and the processes of `make run`.

`worker_command` is the worker the tests and benchmarks start (and kill): prefork, no mingle,
gossip or heartbeat chatter between workers that come and go.

`python -m lms.shell.workers worker` is the worker of the Procfile: both queues (the urgent one
first, CELERY_TASK_QUEUES), the beat scheduler embedded, warnings and errors only, in a process
group of its own. honcho stops a Procfile process by sending SIGTERM to its whole process group;
the prefork pool processes would get it too and die in the middle of their task. Here only the
worker's main process hears it and shuts down warm: running tasks finish, then the pool and the
beat stop, and nothing is left behind.

`python -m lms.shell.workers honcho start ...` is honcho (`make run`), waiting up to
HONCHO_STOP_WAIT_S, not its 5 seconds, for the processes to stop once the first one has (the web
server stops at once; the worker's warm shutdown takes a few seconds more) before it kills them.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterable, Sequence

HONCHO_STOP_WAIT_S = 30


def worker_command(
    *,
    queue: str | Sequence[str],
    concurrency: int,
    hostname: str,
    loglevel: str = "WARNING",
    include: Iterable[str] = (),
) -> list[str]:
    """A worker consuming `queue` (or these queues, served in this order)."""
    queues = [queue] if isinstance(queue, str) else list(queue)
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
        ",".join(queues),
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


def development_worker_command(*, concurrency: int = 2) -> list[str]:
    """`make run`'s worker: every queue of CELERY_TASK_QUEUES, beat embedded, no banner, warnings and errors."""
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "lms",
        "--quiet",
        "worker",
        "--beat",
        f"--concurrency={concurrency}",
        "--loglevel=WARNING",
    ]


def run_in_own_process_group(command: Sequence[str]) -> int:
    """Run `command` in a new process group, pass SIGINT and SIGTERM to it alone, and return its exit status."""
    process = subprocess.Popen(command, start_new_session=True)  # noqa: S603 - our own command line

    def forward(signum: int, frame: object) -> None:
        if process.poll() is None:
            process.send_signal(signum)

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    return process.wait()


def honcho_run(argv: Sequence[str]) -> None:
    """honcho's command line (`start ...`), with HONCHO_STOP_WAIT_S for the processes to stop."""
    import honcho.manager
    from honcho.command import main

    honcho.manager.KILL_WAIT = HONCHO_STOP_WAIT_S
    main(list(argv))


if __name__ == "__main__":
    match sys.argv[1:2]:
        case ["worker"]:
            sys.exit(run_in_own_process_group(development_worker_command()))
        case ["honcho"]:
            honcho_run(sys.argv[2:])
        case _:
            sys.exit("usage: python -m lms.shell.workers worker | honcho start [honcho's options]")
