"""Benchmarks: resetting a learner's sandbox, against the baseline's size and against a database copy.

A round plays a typical session (`bench.sandbox.session`, 58 rows in the learner's layer; not
timed) for a new learner, then times `services.sandbox_reset` alone, in the worker, and checks
that it deleted the session's rows and left the layer empty.

- 1M against 10k: RESET_ROUNDS rounds alternate between the worker on the 1M baseline and the
  worker on the 10k baseline (one process per database; which goes first alternates from round
  to round), after one warm-up round each. Ratio: 1M / 10k, target at most 1.2 (reset costs
  the learner's rows, whatever the baseline).
- against CREATE DATABASE ... TEMPLATE at 100k: what resetting would cost if every learner had
  their own database: `CREATE DATABASE <clone> TEMPLATE lms_bench_sandbox_100k` (the server's
  default strategy; the worker has closed its connection, as a template must have none), timed
  from this process; the clone is dropped after each, not timed. TEMPLATE_ROUNDS rounds
  alternate reset and copy. Ratio: reset / copy, target at most 0.02.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from bench.core import Benchmark, BenchmarkFailed, Result
from bench.sandbox.database import lab

RESET_ROUNDS = 15
TEMPLATE_ROUNDS = 10
# Session numbers of each measurement, apart so that no two learners play the same session.
SCALE_SESSIONS = 1_000
TEMPLATE_SESSIONS = 2_000


def _scale() -> Result:
    current = lab()
    workers = {"1m": current.baseline("1m"), "10k": current.baseline("10k")}
    samples: dict[str, list[float]] = {key: [] for key in workers}
    for round_index in range(-1, RESET_ROUNDS):  # round -1 warms both up
        order = list(workers.items()) if round_index % 2 == 0 else list(workers.items())[::-1]
        for key, worker in order:
            ms = worker.call("reset_session", number=SCALE_SESSIONS + round_index)["ms"]
            if round_index >= 0:
                samples[key].append(ms)
    return Result(
        baseline_ms=statistics.median(samples["10k"]),
        measured_ms=statistics.median(samples["1m"]),
        count=RESET_ROUNDS,
    )


def _template() -> Result:
    current = lab()
    worker = current.baseline("100k")
    template = current.name("100k")
    clone = current.name("100k_clone")
    current.created.append(clone)
    resets: list[float] = []
    copies: list[float] = []
    worker.call("disconnect")
    for round_index in range(TEMPLATE_ROUNDS):
        for step in ("reset", "copy") if round_index % 2 == 0 else ("copy", "reset"):
            if step == "reset":
                answer = worker.call("reset_session", number=TEMPLATE_SESSIONS + round_index, disconnect=True)
                resets.append(answer["ms"])
                continue
            current.wait_idle(template)
            current.drop(clone)
            copies.append(current.execute(f'CREATE DATABASE "{clone}" TEMPLATE "{template}"'))
            sizes = current.admin.execute(
                "SELECT pg_database_size(%s), pg_database_size(%s)", [clone, template]
            ).fetchone()
            if sizes is None or sizes[0] < sizes[1] * 0.9:
                raise BenchmarkFailed(f"the copy of {template} is smaller than it: {sizes}")
            current.drop(clone)
    return Result(baseline_ms=statistics.median(copies), measured_ms=statistics.median(resets), count=TEMPLATE_ROUNDS)


BENCHMARKS = [
    Benchmark(
        name="sandbox: reset after a session, 1M baseline",
        baseline="the same reset, 10k baseline",
        run=_scale,
        bound=1.2,
    ),
    Benchmark(
        name="sandbox: reset after a session, 100k baseline",
        baseline="CREATE DATABASE from the 100k database as template",
        run=_template,
        bound=0.02,
    ),
]


# In the worker.


def reset_session(*, number: int, disconnect: bool = False) -> dict[str, Any]:
    """Play session `number`, then time the reset alone and check it."""
    from django.db import connection

    from bench.sandbox.session import layer_rows, session_play, session_rows
    from sandbox import services

    sandbox = session_play(number=number)
    rows = session_rows(sandbox)
    start = time.perf_counter()
    deleted = services.sandbox_reset(sandbox=sandbox)
    elapsed = (time.perf_counter() - start) * 1000
    if deleted != rows or layer_rows(sandbox) != 0:
        raise BenchmarkFailed(f"the reset deleted {deleted} rows of {rows} and left {layer_rows(sandbox)}")
    if disconnect:
        connection.close()
    return {"ms": elapsed}


def disconnect() -> dict[str, Any]:
    """Close the worker's connection (its database is about to serve as a template)."""
    from django.db import connection

    connection.close()
    return {}


COMMANDS = {"reset_session": reset_session, "disconnect": disconnect}
