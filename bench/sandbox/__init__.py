"""Benchmarks of the sandbox core (issue 3) on PostgreSQL: generation, storage, reset, statistics, search;
of graded exercises (issue 18): check, scenario build, a layer after ten exercises; and of
screening a traveller against the alerts (issue 19); of the audit viewer and a hit/no-hit
consultation (issue 20).

Each module measures its rows against a baseline timed in the same run; `database` creates the
run's databases and a worker process per database (`worker`), where the measured calls run;
`session` plays the typical learner session several rows start from; `naive` is the naive
generator. The rows run in the order of BENCHMARKS: storage is measured on the fresh 1M
baseline, before the resets write and free their rows there. See bench/README.md.
"""

from __future__ import annotations

from bench.core import Benchmark
from bench.sandbox import (
    audit,
    consultation,
    exercises,
    generation,
    reset,
    screening,
    search,
    statistics,
    storage,
)

BENCHMARKS: list[Benchmark] = [
    *generation.BENCHMARKS,
    storage.BENCHMARK,
    exercises.STORAGE_BENCHMARK,
    *reset.BENCHMARKS,
    statistics.BENCHMARK,
    search.BENCHMARK,
    *exercises.BENCHMARKS,
    *screening.BENCHMARKS,
    *audit.BENCHMARKS,
    consultation.BENCHMARK,
]
