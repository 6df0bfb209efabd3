"""In the driver process: `celery -A lms worker` on the row's queue with `bench.certificates_probe`
loaded, started and stopped by the driver, its task times read from the probe's file."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from bench.core import BenchmarkFailed
from bench.server import BASE_DIR
from lms.shell.workers import worker_command

WORKER_START_TIMEOUT_S = 90.0
ISSUE_TIMEOUT_S = 120.0


class Worker:
    """`celery -A lms worker` on the row's queue with the probe loaded; its reports come from the probe file."""

    def __init__(self, folder: Path, *, concurrency: int) -> None:
        self.probe_file = folder / f"probe-{concurrency}.jsonl"
        self.log_file = folder / f"worker-{concurrency}.log"
        self.probe_file.touch()
        env = {**os.environ, "LMS_BENCH_PROBE_FILE": str(self.probe_file)}
        command = worker_command(
            queue=os.environ["LMS_BENCH_CELERY_QUEUE"],
            concurrency=concurrency,
            hostname=f"bench-certificates-{os.getpid()}-{concurrency}@%h",
            include=["bench.certificates_probe"],
        )
        with self.log_file.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self._wait(lambda reports: any("ready" in report for report in reports), WORKER_START_TIMEOUT_S, "start")

    def reports(self) -> list[dict]:
        return [json.loads(line) for line in self.probe_file.read_text(encoding="utf-8").splitlines() if line]

    def task_times(self, certificate_ids: list[int]) -> dict[int, float]:
        """Milliseconds each certificate's successful task took, waiting until all have been reported."""
        wanted = set(certificate_ids)

        def reported(reports: list[dict]) -> bool:
            return wanted <= {report["certificate"] for report in reports if report.get("state") == "SUCCESS"}

        reports = self._wait(reported, ISSUE_TIMEOUT_S, f"issue {len(wanted)} certificates")
        return {
            report["certificate"]: report["ms"]
            for report in reports
            if report.get("state") == "SUCCESS" and report["certificate"] in wanted
        }

    def _wait(self, condition: Callable[[list[dict]], bool], timeout: float, what: str) -> list[dict]:
        deadline = time.monotonic() + timeout
        while not condition(reports := self.reports()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise BenchmarkFailed(f"the worker did not {what}:\n{self.log_tail()}")
            time.sleep(0.02)
        return reports

    def log_tail(self) -> str:
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-40:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
