"""In the driver process: the two measurements, by row name (MEASUREMENTS), each against its
baseline timed in the same run, in rounds that alternate which side goes first."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.certificates_worker.baseline import bare_pdf_check, bare_render, certificate_html
from bench.certificates_worker.issuing import Learners, enqueue, issued_check, wait_issued
from bench.certificates_worker.worker import Worker
from bench.core import BenchmarkFailed, Result

ISSUE_WARMUP = 4  # certificates the worker issues before it is timed
ISSUE_ROUNDS = 12
ISSUE_PER_ROUND = 3

BATCH = 40
BATCH_ROUNDS = 4
BATCH_WARMUP = 6


def warm_worker_issue() -> Result:
    """Row a: one certificate's task in a warm worker against a bare render of its HTML."""
    from certificates.models import Certificate

    learners = Learners(ISSUE_WARMUP + ISSUE_ROUNDS * ISSUE_PER_ROUND)
    with tempfile.TemporaryDirectory(prefix="lms-bench-probe-") as folder:
        worker = Worker(Path(folder), concurrency=1)
        try:
            warm = learners.pending(ISSUE_WARMUP)
            enqueue(warm)
            worker.task_times(warm)
            html, name = certificate_html(warm[0])
            bare = bare_render(html)
            with Certificate.objects.get(pk=warm[0]).pdf.open("rb") as stored:
                bare_pdf_check(bare(), stored.read(), name)
            for _ in range(ISSUE_WARMUP - 1):
                bare()
            baseline: list[float] = []
            measured: list[float] = []
            for round_index in range(ISSUE_ROUNDS):
                for side in ("baseline", "measured") if round_index % 2 == 0 else ("measured", "baseline"):
                    if side == "baseline":
                        for _ in range(ISSUE_PER_ROUND):
                            start = time.perf_counter()
                            bare()
                            baseline.append((time.perf_counter() - start) * 1000)
                    else:
                        batch = learners.pending(ISSUE_PER_ROUND)
                        enqueue(batch)
                        measured.extend(worker.task_times(batch).values())
                        issued_check(batch)
        finally:
            worker.stop()
    return Result(baseline_ms=statistics.median(baseline), measured_ms=statistics.median(measured), count=len(measured))


def batch_on_two_workers() -> Result:
    """Row b: a batch drained by a worker with two pool processes against the same batch in one process."""
    from certificates.models import Certificate
    from certificates.services.issuance import certificate_issue

    learners = Learners(BATCH * 2 * BATCH_ROUNDS + BATCH_WARMUP * 2)
    for pk in learners.pending(BATCH_WARMUP):
        certificate_issue(pk)
    baseline: list[float] = []
    measured: list[float] = []
    task_ms: list[float] = []
    with tempfile.TemporaryDirectory(prefix="lms-bench-probe-") as folder:
        worker = Worker(Path(folder), concurrency=2)
        try:
            warm = learners.pending(BATCH_WARMUP)
            enqueue(warm)
            worker.task_times(warm)
            if len({report.get("pid") for report in worker.reports() if "certificate" in report}) != 2:
                raise BenchmarkFailed("the warm-up did not reach both pool processes")
            for round_index in range(BATCH_ROUNDS):
                for side in ("baseline", "measured") if round_index % 2 == 0 else ("measured", "baseline"):
                    batch = learners.pending(BATCH)
                    if side == "baseline":
                        start = time.perf_counter()
                        for pk in batch:
                            certificate_issue(pk)
                        baseline.append((time.perf_counter() - start) * 1000)
                    else:
                        enqueued_at = time.time()
                        enqueue(batch)
                        wait_issued(batch, worker)
                        last = max(Certificate.objects.filter(pk__in=batch).values_list("issued_at", flat=True))
                        measured.append((last.timestamp() - enqueued_at) * 1000)
                        task_ms.extend(worker.task_times(batch).values())
                    issued_check(batch)
        finally:
            worker.stop()
    _note(
        f"batch: {statistics.median(baseline) / BATCH:.0f} ms a certificate in one process, "
        f"{statistics.median(task_ms):.0f} ms a task (median) on two pool processes"
    )
    return Result(baseline_ms=statistics.median(baseline), measured_ms=statistics.median(measured), count=BATCH_ROUNDS)


# The measurements a driver process can run, by row name.
MEASUREMENTS: dict[str, Callable[[], Result]] = {
    "warm_worker_issue": warm_worker_issue,
    "batch_on_two_workers": batch_on_two_workers,
}


def _note(text: str) -> None:
    """A line of context for the bench's stderr, with the machine's load (other processes slow the workers)."""
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"bench: {text}; load average {load} on {os.cpu_count()} cores", file=sys.stderr, flush=True)
