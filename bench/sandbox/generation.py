"""Benchmarks: generating the 1M-movement baseline, against a naive generator and against a bare COPY.

One measurement serves both rows, in database `1m`. Each of GENERATION_ROUNDS rounds runs, in
an order that alternates from round to round (naive, bare, ours; then ours, bare, naive; ...):

- ours: `baseline_generate(seed=SEED, scale=1_000_000)` end to end (build in memory, COPY,
  indexes and foreign keys, statistics summary, Baseline row), what `sandbox_generate` runs;
- bare: a COPY of the same rows, `baseline_build(...).copy_buffers()` built once before the
  rounds (not timed), into the same empty tables as migrated (indexes and constraints in
  place), one transaction, nothing else;
- naive: `bench.sandbox.naive` for NAIVE_MOVEMENTS movements (a sample: at about a millisecond
  a movement, a million would take a quarter of an hour).

Every step starts from empty tables (`baseline_clear`, a TRUNCATE) after a CHECKPOINT, neither
timed, and its rows are counted afterwards. The last round ends with ours, whose baseline the
other sandbox benchmarks then use as the product leaves it: analysed by the loader itself, never
by the benchmark (autovacuum may be off).

- floor: what the database alone must do with the same pre-built rows, whatever the generator:
  the load as `baseline_load` does it on PostgreSQL (secondary indexes and foreign keys
  dropped, COPY, re-created, the tables analysed), one transaction, without building or
  rendering anything.

Rows: naive against ours per movement (ratio shown as naive / ours, target at least 50x),
bare COPY against ours for the whole (ratio shown as bare / ours, target at least 0.5: ours
takes at most twice a bare COPY of its own rows), and, for context without a target, naive
against the floor per movement: the most any generator loading these rows could gain over
the naive one on this machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.core import Benchmark, BenchmarkFailed, Result
from bench.sandbox.database import SCALES, SEED, lab

GENERATION_ROUNDS = 3
NAIVE_MOVEMENTS = 4_000
KEY = "1m"

_outcome: list[tuple[Result, Result, Result] | BenchmarkFailed] = []


def _measure() -> tuple[Result, Result, Result]:
    current = lab()
    worker = current.worker(KEY)
    scale = SCALES[KEY]
    worker.call("generation_prepare", seed=SEED, scale=scale)
    samples: dict[str, list[float]] = {"naive": [], "bare": [], "floor": [], "ours": []}
    for round_index in range(GENERATION_ROUNDS):
        order = ("naive", "bare", "floor", "ours") if round_index % 2 == 0 else ("ours", "floor", "bare", "naive")
        for side in order:
            answer = worker.call(f"generation_{side}", seed=SEED, scale=scale, movements=NAIVE_MOVEMENTS)
            samples[side].append(answer["ms_per_movement"] if side == "naive" else answer["ms"])
    worker.call("generation_release")
    current.baseline(KEY)  # the baseline the last round left (ours), as the loader left it
    ours_ms = statistics.median(samples["ours"])
    per_movement = Result(
        baseline_ms=statistics.median(samples["naive"]),
        measured_ms=ours_ms / scale,
        count=GENERATION_ROUNDS,
        unit="ms/movement",
    )
    whole = Result(
        baseline_ms=statistics.median(samples["bare"]) / 1000,
        measured_ms=ours_ms / 1000,
        count=GENERATION_ROUNDS,
        unit="s",
    )
    floor = Result(
        baseline_ms=statistics.median(samples["naive"]),
        measured_ms=statistics.median(samples["floor"]) / scale,
        count=GENERATION_ROUNDS,
        unit="ms/movement",
    )
    return per_movement, whole, floor


def _results() -> tuple[Result, Result, Result]:
    """Measured once for both rows; a failure fails both."""
    if not _outcome:
        try:
            _outcome.append(_measure())
        except BenchmarkFailed as error:
            _outcome.append(error)
        except Exception as error:
            _outcome.append(BenchmarkFailed(repr(error)))
            raise
    if isinstance(_outcome[0], BenchmarkFailed):
        raise _outcome[0]
    return _outcome[0]


BENCHMARKS = [
    Benchmark(
        name="sandbox: generate 1M movements, per movement",
        baseline=f"naive Faker per row + bulk_create ({NAIVE_MOVEMENTS:,} movements)",
        run=lambda: _results()[0],
        bound=50,
        speedup=True,
    ),
    Benchmark(
        name="sandbox: generate 1M movements, whole",
        baseline="bare COPY of the same pre-built rows",
        run=lambda: _results()[1],
        bound=0.5,
        speedup=True,
    ),
    Benchmark(
        name="sandbox: 1M load's database floor, per movement",
        baseline=f"naive Faker per row + bulk_create ({NAIVE_MOVEMENTS:,} movements)",
        run=lambda: _results()[2],
        speedup=True,
    ),
]


# In the worker (Django set up: the app is imported inside each command).

_buffers: list[list[tuple[str, list[str], str]]] = []


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _fresh() -> None:
    """Empty tables and a checkpoint, so the previous step's writes are not flushed during the next."""
    from django.db import connection

    from bench.sandbox.session import candidates
    from sandbox.generation import baseline_clear

    baseline_clear()
    candidates.cache_clear()
    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")


def _counts() -> dict[str, int]:
    from django.db import connection

    from sandbox.models import LAYERED_MODELS, Baseline, DataQualityDefect, MonthlySummary

    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for model in (*LAYERED_MODELS, DataQualityDefect, MonthlySummary, Baseline):
            table = model._meta.db_table
            cursor.execute(f"SELECT count(*) FROM {quote(table)}")  # noqa: S608 - table names from the models
            counts[table] = cursor.fetchone()[0]
    return counts


def baseline_ensure(*, seed: int, scale: int) -> dict[str, Any]:
    """Generate the baseline unless it is loaded (replacing any other rows). Nothing else: the
    benchmarks measure the database as `sandbox_generate` leaves it (analysed by the loader)."""
    from sandbox.generation import baseline_generate
    from sandbox.models import Baseline

    baseline = Baseline.objects.filter(seed=seed, scale=scale).first()
    if baseline is None:
        _fresh()
        baseline = baseline_generate(seed=seed, scale=scale)
    return {"counts": baseline.counts}


def generation_prepare(*, seed: int, scale: int) -> dict[str, Any]:
    """Build the rows the bare COPY loads, once (not timed)."""
    from sandbox.generation import baseline_build

    _buffers[:] = [baseline_build(seed=seed, scale=scale).copy_buffers()]
    return {"rows": {table: text.count("\n") for table, _columns, text in _buffers[0]}}


def generation_release() -> dict[str, Any]:
    _buffers.clear()
    return {}


def generation_ours(*, seed: int, scale: int, **_ignored: Any) -> dict[str, Any]:
    from sandbox.generation import baseline_generate

    _fresh()
    start = time.perf_counter()
    baseline = baseline_generate(seed=seed, scale=scale)
    elapsed = _ms(start)
    counts = _counts()
    if counts["sandbox_movement"] != baseline.counts["movement"] or counts["sandbox_movement"] != scale:
        raise BenchmarkFailed(f"generated {counts['sandbox_movement']} movements, expected {scale}")
    if counts["sandbox_monthlysummary"] == 0 or counts["sandbox_baseline"] != 1:
        raise BenchmarkFailed("the generation left no statistics summary or no Baseline row")
    return {"ms": elapsed}


def _timed_load(load: Callable[[list[tuple[str, list[str], str]]], None], what: str) -> dict[str, Any]:
    """Time `load` of the pre-rendered rows into empty tables, then check every table's rows."""
    (buffers,) = _buffers
    _fresh()
    start = time.perf_counter()
    load(buffers)
    elapsed = _ms(start)
    counts = _counts()
    for table, _columns, text in buffers:
        if counts[table] != text.count("\n"):
            raise BenchmarkFailed(f"{what} left {counts[table]} rows in {table}, expected {text.count(chr(10))}")
    return {"ms": elapsed}


def _bare_copy(buffers: list[tuple[str, list[str], str]]) -> None:
    from django.db import connection, transaction

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table, columns, text in buffers:
            statement = f"COPY {quote(table)} ({', '.join(quote(column) for column in columns)}) FROM STDIN"
            with cursor.cursor.copy(statement) as copy:
                copy.write(text)


def generation_bare(**_ignored: Any) -> dict[str, Any]:
    return _timed_load(_bare_copy, "the bare COPY")


@dataclass(frozen=True)
class _Rendered:
    """A table's pre-rendered COPY text, shaped as the loader reads a generated table."""

    db_table: str
    columns: list[str]
    text: str

    def copy_chunks(self) -> list[str]:
        return [self.text]


def _loader_copy(buffers: list[tuple[str, list[str], str]]) -> None:
    from django.db import transaction

    from sandbox.generation.loading import copy_tables, tables_analyse

    with transaction.atomic():
        copy_tables([_Rendered(table, columns, text) for table, columns, text in buffers])
        tables_analyse([table for table, _columns, _text in buffers])


def generation_floor(**_ignored: Any) -> dict[str, Any]:
    return _timed_load(_loader_copy, "the floor's load")


def generation_naive(*, movements: int, seed: int, **_ignored: Any) -> dict[str, Any]:
    from bench.sandbox.naive import naive_generate

    _fresh()
    start = time.perf_counter()
    written = naive_generate(movements=movements, seed=seed)
    elapsed = _ms(start)
    counts = _counts()
    expected = {"sandbox_person": written["person"], "sandbox_document": written["document"]}
    expected["sandbox_movement"] = written["movement"]
    if any(counts[table] != rows for table, rows in expected.items()) or written["movement"] < movements:
        raise BenchmarkFailed(f"the naive generator wrote {counts}, expected {expected}")
    return {"ms": elapsed, "ms_per_movement": elapsed / written["movement"], "written": written}


COMMANDS = {
    "baseline_ensure": baseline_ensure,
    "generation_prepare": generation_prepare,
    "generation_release": generation_release,
    "generation_ours": generation_ours,
    "generation_bare": generation_bare,
    "generation_floor": generation_floor,
    "generation_naive": generation_naive,
}
