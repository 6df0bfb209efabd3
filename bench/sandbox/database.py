"""The sandbox benchmarks' PostgreSQL: the run's own databases, each driven by a worker process.

Job: create the databases a run needs on the local server (127.0.0.1:5432, user postgres, or
the server BENCH_POSTGRES_URL names), migrated, with a baseline of the scale asked for; start
one worker process per database (`bench.sandbox.worker`, Django configured with that database
as its default); drop everything when the run ends.

Why a process per database: the services and selectors use Django's default connection, and a
Django process has one set of settings. A worker is started once per database and kept for the
run, so process start-up never counts, and two databases can be measured alternately, round by
round, each in its own process (the reset benchmarks). Every timing is taken inside the worker,
around the measured call alone, and sent back over a pipe as JSON.

Invariants: databases are named `<prefix><key>` (prefix `lms_bench_sandbox_`, or
BENCH_SANDBOX_PREFIX); a name the run uses is dropped first if a killed run left it behind, and
again at the end (atexit), with its connections; an unreachable server fails every sandbox row
with the reason, never skips it.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.core import BenchmarkFailed
from bench.server import BASE_DIR, bench_environment, manage_py

SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
PREFIX = os.environ.get("BENCH_SANDBOX_PREFIX", "lms_bench_sandbox_")
SEED = 2026
SCALES = {"1m": 1_000_000, "100k": 100_000, "10k": 10_000}
# Migrated once; every other database is created from it (CREATE DATABASE ... TEMPLATE).
EMPTY = "empty"
CONNECT_TIMEOUT_S = 5
WAIT_IDLE_S = 10.0


class Worker:
    """A Django process on one database; `call` runs a command there and returns its JSON answer."""

    def __init__(self, key: str, database: str, env: dict[str, str]) -> None:
        self.key = key
        self.database = database
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.sandbox.worker"],
            cwd=BASE_DIR,
            env={**env, "DATABASE_URL": f"{SERVER_URL}/{database}"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def call(self, command: str, **arguments: Any) -> dict[str, Any]:
        """Run `command` in the worker; BenchmarkFailed with the worker's traceback if it failed."""
        if self.process.poll() is not None:
            raise BenchmarkFailed(f"the worker on {self.database} has exited ({self.process.returncode})")
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"command": command, **arguments}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise BenchmarkFailed(f"the worker on {self.database} exited ({self.process.wait()}) during {command}")
        answer = json.loads(line)
        if not answer.pop("ok"):
            raise BenchmarkFailed(f"{command} on {self.database}:\n{answer['error']}")
        return answer

    def stop(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Lab:
    """The run's databases and their workers, created on first use, dropped by `close`."""

    def __init__(self) -> None:
        import psycopg

        try:
            self.admin = psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.OperationalError as error:
            raise BenchmarkFailed(
                f"the sandbox benchmarks need PostgreSQL at {SERVER_URL} (BENCH_POSTGRES_URL): {error}"
            ) from error
        self.var_dir = Path(tempfile.mkdtemp(prefix="lms-bench-sandbox-"))
        self.env = bench_environment(self.var_dir)
        self.created: list[str] = []
        self.workers: dict[str, Worker] = {}
        self.baselines: set[str] = set()
        atexit.register(self.close)

    def name(self, key: str) -> str:
        return f"{PREFIX}{key}"

    def execute(self, sql: str) -> float:
        """Run one statement on the server's `postgres` database; return its milliseconds."""
        start = time.perf_counter()
        self.admin.execute(sql)
        return (time.perf_counter() - start) * 1000

    def database_create(self, key: str, *, template: str) -> str:
        """CREATE DATABASE `<prefix><key>` from `template` (a full database name); returns the name."""
        name = self.name(key)
        self.drop(name)
        self.created.append(name)
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def wait_idle(self, name: str) -> None:
        """Wait until no session is connected to `name` (a template must have none)."""
        deadline = time.monotonic() + WAIT_IDLE_S
        while True:
            row = self.admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]).fetchone()
            if row is None or row[0] == 0:
                return
            if time.monotonic() > deadline:
                raise BenchmarkFailed(f"{name} still has {row[0]} session(s) connected")
            time.sleep(0.01)

    def _empty(self) -> str:
        """The migrated empty database every other one copies (migrating once saves ~10 s a database)."""
        name = self.name(EMPTY)
        if name not in self.created:
            self.drop(name)
            self.created.append(name)
            self.execute(f'CREATE DATABASE "{name}"')
            manage_py({**self.env, "DATABASE_URL": f"{SERVER_URL}/{name}"}, "migrate", "--noinput", "--verbosity", "0")
        return name

    def worker(self, key: str) -> Worker:
        """The worker on database `key`, creating the (migrated, empty) database on first use."""
        if key not in self.workers:
            name = self.database_create(key, template=self._empty())
            self.workers[key] = Worker(key, name, self.env)
            self.workers[key].call("ping")
        return self.workers[key]

    def baseline(self, key: str) -> Worker:
        """The worker on database `key` holding the baseline of scale SCALES[key] (generated if missing)."""
        worker = self.worker(key)
        if key not in self.baselines:
            worker.call("baseline_ensure", seed=SEED, scale=SCALES[key])
            self.baselines.add(key)
        return worker

    def static_collect(self) -> None:
        """Collect the static files once, for a worker that renders pages (the manifest they name)."""
        if not (self.var_dir / "staticfiles" / "staticfiles.json").exists():
            manage_py(self.env, "collectstatic", "--noinput", "--verbosity", "0")

    def close(self) -> None:
        for worker in self.workers.values():
            worker.stop()
        self.workers.clear()
        for name in reversed(self.created):
            try:
                self.drop(name)
            except Exception as error:  # a best effort on the way out: say so, do not hide the run's result
                print(f"bench: could not drop {name}: {error}", file=sys.stderr)
        self.created.clear()
        if not self.admin.closed:
            self.admin.close()
        shutil.rmtree(self.var_dir, ignore_errors=True)


_lab: list[Lab | BenchmarkFailed] = []


def lab() -> Lab:
    """The run's Lab, opened on first use; a server that could not be reached fails every later call too."""
    if not _lab:
        try:
            _lab.append(Lab())
        except BenchmarkFailed as error:
            _lab.append(error)
    current = _lab[0]
    if isinstance(current, BenchmarkFailed):
        raise current
    return current


def lab_close() -> None:
    """Stop the workers and drop the databases (also done at exit)."""
    if _lab and isinstance(_lab[0], Lab):
        _lab[0].close()
