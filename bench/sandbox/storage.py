"""Benchmark: the storage a learner's layer takes after a typical session, against a full copy.

Measured on the 1M baseline, before any other layer was written there (the resets' freed
space would otherwise take new rows and hide their cost). The layered tables (every
LayeredModel's table) are measured with `pg_total_relation_size`: heap, TOAST, free-space and
visibility maps, and every index, each time after a plain `VACUUM` (part of the measurement: it
gives both sides their free-space and visibility maps, and the second measurement's dead rows
are reclaimed instead of counted; no ANALYZE, which changes no size and would hand the later
benchmarks planner statistics the product did not make).

- baseline (a full copy): their size holding the baseline alone, what a copy of the baseline
  per learner would take at the least (reference tables, the statistics summary and the
  defects table left out);
- measured (a layer): their growth after STORAGE_LEARNERS learners each played a typical
  session (58 rows), divided by STORAGE_LEARNERS. Growth is counted in whole 8 KiB pages, so
  many learners are measured together; the index entries and page splits their rows cause in
  the baseline's indexes count too.

The learners are reset afterwards. Ratio: layer / copy, in KiB, target at most 0.01 (1 %).
The worker also reports, for context, the rows' own bytes (`sum(pg_column_size(t.*))`).
"""

from __future__ import annotations

import sys
from typing import Any

from bench.core import Benchmark, BenchmarkFailed, Result
from bench.sandbox.database import lab

STORAGE_LEARNERS = 100
STORAGE_SESSIONS = 3_000


def _run() -> Result:
    answer = lab().baseline("1m").call("storage_measure", learners=STORAGE_LEARNERS, first=STORAGE_SESSIONS)
    print(
        f"bench: a layer: {answer['layer_bytes'] / 1024:,.1f} KiB measured, "
        f"{answer['tuple_bytes'] / 1024:,.1f} KiB of row data in {answer['rows']} rows",
        file=sys.stderr,
    )
    return Result(
        baseline_ms=answer["copy_bytes"] / 1024,
        measured_ms=answer["layer_bytes"] / 1024,
        count=STORAGE_LEARNERS,
        unit="KiB",
    )


BENCHMARK = Benchmark(
    name="sandbox: a learner's layer after a session",
    baseline="a full copy of the 1M baseline's tables",
    run=_run,
    bound=0.01,
)


# In the worker.


def _layered_bytes() -> int:
    from django.db import connection

    from sandbox.models import LAYERED_MODELS

    tables = [model._meta.db_table for model in LAYERED_MODELS]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM {connection.ops.quote_name(table)}")
        cursor.execute("SELECT sum(pg_total_relation_size(t::regclass)) FROM unnest(%s::text[]) AS t", [tables])
        return int(cursor.fetchone()[0])


def storage_measure(*, learners: int, first: int) -> dict[str, Any]:
    from django.db import connection

    from bench.sandbox.session import SESSION_ROWS, session_play
    from sandbox import services
    from sandbox.models import LAYERED_MODELS, Sandbox

    if Sandbox.objects.exists():
        raise BenchmarkFailed("the storage benchmark needs a database without any learner's layer yet")
    before = _layered_bytes()
    sandboxes = [session_play(number=first + index) for index in range(learners)]
    after = _layered_bytes()
    tuple_bytes = 0
    with connection.cursor() as cursor:
        for model in LAYERED_MODELS:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM {table} t WHERE sandbox_id IS NOT NULL")  # noqa: S608
            tuple_bytes += int(cursor.fetchone()[0])
    for sandbox in sandboxes:
        services.sandbox_reset(sandbox=sandbox)
    # Vacuum the reset layers away, so that the later rows on this database do not carry this
    # benchmark's dead rows (which the other scales' databases never had).
    _layered_bytes()
    return {
        "copy_bytes": before,
        "layer_bytes": (after - before) / learners,
        "tuple_bytes": tuple_bytes / learners,
        "rows": SESSION_ROWS,
    }


COMMANDS = {"storage_measure": storage_measure}
