"""Benchmarks of the sandbox core on PostgreSQL: generation, reset, storage, statistics, search.

One run prepares its own databases on the local PostgreSQL server (127.0.0.1:5432, user
postgres, or the server named by BENCH_POSTGRES_URL), migrated from scratch:

- `lms_bench_sandbox_1m`: the 1M-movement baseline, generated twice against a bare COPY of
  the same rows and once against the naive generator; then used for reset, storage,
  statistics and search;
- `lms_bench_sandbox_10k`: a 10k-movement baseline, for reset against the 1M one;
- `lms_bench_sandbox_100k` and its template copy `..._template`: reset against creating a
  database from a template.

Each database is driven by its own worker process (`bench.sandbox_worker`), which times the
measured call alone. The measurements run once, on the first sandbox row, and every row then
reads its figures; the databases are dropped at the end.
"""

from __future__ import annotations

import atexit
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.core import Benchmark, BenchmarkFailed, Result
from bench.server import BASE_DIR, bench_environment, manage_py

SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
SEED = 2026
SCALES = {"1m": 1_000_000, "10k": 10_000, "100k": 100_000}
GENERATION_ROUNDS = 2
NAIVE_MOVEMENTS = 10_000
RESET_ROUNDS = 15
TEMPLATE_ROUNDS = 8
STORAGE_LEARNERS = 40
QUERY_ROUNDS = 30
DATABASE_PREFIX = "lms_bench_sandbox_"


def _admin_connection():
    import psycopg

    try:
        return psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise BenchmarkFailed(f"PostgreSQL is needed for the sandbox benchmarks ({SERVER_URL}): {error}") from error


def _drop(cursor, name: str) -> None:
    cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Worker:
    """A worker process on one database; `call` sends a command and returns its answer."""

    def __init__(self, database: str, env: dict[str, str]) -> None:
        self.database = database
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.sandbox_worker"],
            cwd=BASE_DIR,
            env={**env, "DATABASE_URL": f"{SERVER_URL}/{database}"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def call(self, command: str, **arguments: object) -> dict:
        self.process.stdin.write(json.dumps({"command": command, **arguments}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise BenchmarkFailed(f"the worker on {self.database} exited ({self.process.wait()})")
        answer = json.loads(line)
        if not answer.pop("ok"):
            raise BenchmarkFailed(f"{command} on {self.database}: {answer['error']}")
        return answer

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


@dataclass
class Figures:
    generation_ms: float = 0.0
    generation_per_movement_ms: float = 0.0
    naive_per_movement_ms: float = 0.0
    bare_copy_ms: float = 0.0
    reset_1m_ms: float = 0.0
    reset_10k_ms: float = 0.0
    reset_100k_ms: float = 0.0
    template_ms: float = 0.0
    layer_bytes: float = 0.0
    copy_bytes: float = 0.0
    statistics_ms: float = 0.0
    raw_group_by_ms: float = 0.0
    search_layer_ms: float = 0.0
    search_baseline_ms: float = 0.0
    search_queries: int = 0


def _median_of(worker: Worker, command: str, rounds: int, **arguments: object) -> float:
    return statistics.median(worker.call(command, **arguments)["ms"] for _ in range(rounds))


_outcome: list[Figures | BenchmarkFailed] = []


def figures() -> Figures:
    """Every figure, measured once for all the sandbox rows; a failure fails every row once."""
    if not _outcome:
        try:
            _outcome.append(_measure())
        except Exception as error:
            _outcome.append(error if isinstance(error, BenchmarkFailed) else BenchmarkFailed(repr(error)))
            raise
    if isinstance(_outcome[0], BenchmarkFailed):
        raise _outcome[0]
    return _outcome[0]


def _measure() -> Figures:
    """Prepare the databases and measure everything."""
    started = time.monotonic()
    admin = _admin_connection()
    names = {key: f"{DATABASE_PREFIX}{key}" for key in SCALES}
    template = f"{DATABASE_PREFIX}100k_template"
    clone = f"{DATABASE_PREFIX}from_template"
    every_name = [*names.values(), template, clone]
    var_dir = Path(tempfile.mkdtemp(prefix="lms-bench-sandbox-"))
    env = bench_environment(var_dir)
    workers: list[Worker] = []

    def clean_up() -> None:
        for worker in workers:
            worker.process.kill()
        with admin.cursor() as cursor:
            for name in every_name:
                _drop(cursor, name)

    atexit.register(clean_up)
    with admin.cursor() as cursor:
        for name in every_name:
            _drop(cursor, name)
        for name in names.values():
            cursor.execute(f'CREATE DATABASE "{name}"')
    for name in names.values():
        manage_py({**env, "DATABASE_URL": f"{SERVER_URL}/{name}"}, "migrate", "--noinput", "--verbosity", "0")
    big, small, medium = (Worker(names[key], env) for key in ("1m", "10k", "100k"))
    workers += [big, small, medium]
    result = Figures()

    # Generation: the naive loop on a sample, then ours and a bare COPY of the same rows, alternately.
    result.naive_per_movement_ms = big.call("naive", count=NAIVE_MOVEMENTS)["ms_per_movement"]
    ours, bare = [], []
    for round_index in range(GENERATION_ROUNDS):
        steps = [("generate", ours), ("bare_copy", bare)]
        for command, samples in steps if round_index % 2 == 0 else steps[::-1]:
            samples.append(big.call(command, seed=SEED, scale=SCALES["1m"])["ms"])
    big.call("generate", seed=SEED, scale=SCALES["1m"])  # leave the baseline in place
    result.generation_ms, result.bare_copy_ms = statistics.median(ours), statistics.median(bare)
    result.generation_per_movement_ms = result.generation_ms / SCALES["1m"]
    small.call("generate", seed=SEED, scale=SCALES["10k"])
    medium.call("generate", seed=SEED, scale=SCALES["100k"])

    # Storage: what a learner's layer adds, against what a full copy of the baseline would take.
    result.copy_bytes = big.call("layered_bytes")["bytes"]
    sandboxes = [big.call("session", index=index)["sandbox"] for index in range(STORAGE_LEARNERS)]
    result.layer_bytes = (big.call("layered_bytes")["bytes"] - result.copy_bytes) / STORAGE_LEARNERS

    # Reset: the 1M and the 10k baselines, alternately, a fresh typical session each time.
    resets: dict[str, list[float]] = {"1m": [], "10k": []}
    for round_index in range(RESET_ROUNDS):
        pair = [("1m", big), ("10k", small)]
        for key, worker in pair if round_index % 2 == 0 else pair[::-1]:
            sandbox = worker.call("session", index=1000 + round_index)["sandbox"]
            resets[key].append(worker.call("reset", sandbox=sandbox)["ms"])
    result.reset_1m_ms, result.reset_10k_ms = statistics.median(resets["1m"]), statistics.median(resets["10k"])

    # Reset against CREATE DATABASE ... TEMPLATE at 100k (the template is a copy nobody connects to).
    medium.call("disconnect")
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{template}" TEMPLATE "{names["100k"]}"')
    resets_100k, creations = [], []
    for round_index in range(TEMPLATE_ROUNDS):
        sandbox = medium.call("session", index=2000 + round_index)["sandbox"]
        resets_100k.append(medium.call("reset", sandbox=sandbox)["ms"])
        with admin.cursor() as cursor:
            start = time.perf_counter()
            cursor.execute(f'CREATE DATABASE "{clone}" TEMPLATE "{template}"')
            creations.append((time.perf_counter() - start) * 1000)
            _drop(cursor, clone)
    result.reset_100k_ms, result.template_ms = statistics.median(resets_100k), statistics.median(creations)

    # Statistics and search, for a learner with a typical session, on the 1M baseline.
    learner = sandboxes[0]
    figures_statistics = big.call("statistics", sandbox=learner, rounds=QUERY_ROUNDS)
    result.raw_group_by_ms, result.statistics_ms = figures_statistics["baseline_ms"], figures_statistics["measured_ms"]
    figures_search = big.call("search", sandbox=learner, rounds=QUERY_ROUNDS)
    result.search_baseline_ms, result.search_layer_ms = figures_search["baseline_ms"], figures_search["measured_ms"]
    result.search_queries = figures_search["queries"]

    for worker in workers:
        worker.stop()
    workers.clear()
    clean_up()
    atexit.unregister(clean_up)
    print(f"bench: sandbox figures measured in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    return result


def _generation_naive() -> Result:
    f = figures()
    return Result(f.naive_per_movement_ms, f.generation_per_movement_ms, NAIVE_MOVEMENTS, unit="ms/movement")


def _generation_copy() -> Result:
    f = figures()
    return Result(f.bare_copy_ms, f.generation_ms, GENERATION_ROUNDS)


def _reset_scale() -> Result:
    f = figures()
    return Result(f.reset_10k_ms, f.reset_1m_ms, RESET_ROUNDS)


def _reset_template() -> Result:
    f = figures()
    return Result(f.template_ms, f.reset_100k_ms, TEMPLATE_ROUNDS)


def _storage() -> Result:
    f = figures()
    return Result(f.copy_bytes / 1024, f.layer_bytes / 1024, STORAGE_LEARNERS, unit="KiB")


def _statistics() -> Result:
    f = figures()
    return Result(f.raw_group_by_ms, f.statistics_ms, QUERY_ROUNDS)


def _search() -> Result:
    f = figures()
    return Result(f.search_baseline_ms, f.search_layer_ms, QUERY_ROUNDS * f.search_queries)


BENCHMARKS = [
    Benchmark(
        name="sandbox: generate 1M movements (per movement)",
        baseline="naive Faker per row + bulk_create, 10k sample",
        run=_generation_naive,
        bound=0.02,
    ),
    Benchmark(
        name="sandbox: generate 1M movements (whole)",
        baseline="bare COPY of the same pre-generated rows",
        run=_generation_copy,
        bound=2.0,
    ),
    Benchmark(
        name="sandbox: reset a session, 1M baseline",
        baseline="the same reset, 10k baseline",
        run=_reset_scale,
        bound=1.2,
    ),
    Benchmark(
        name="sandbox: reset a session, 100k baseline",
        baseline="CREATE DATABASE from a 100k template",
        run=_reset_template,
        bound=0.02,
    ),
    Benchmark(
        name="sandbox: a learner's layer after a session",
        baseline="a full copy of the 1M baseline",
        run=_storage,
        bound=0.01,
    ),
    Benchmark(
        name="sandbox: monthly statistics, learner's view",
        baseline="raw GROUP BY of the month on the baseline",
        run=_statistics,
        bound=0.02,
    ),
    Benchmark(
        name="sandbox: person search, learner's view",
        baseline="the same searches on the baseline alone",
        run=_search,
        bound=1.3,
    ),
]
