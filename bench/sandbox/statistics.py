"""Benchmark: a month's statistics through a learner's layer, against a raw GROUP BY on the baseline.

On the 1M baseline, for a learner after a typical session (whose registrations and deletions
fall in SESSION_MONTH, December 2025), in the worker:

- measured: `sandbox.statistics.statistics_for(sandbox=learner, month=SESSION_MONTH)`, the
  baseline's stored monthly summary corrected by the learner's layer;
- baseline: `statistics_count(sandbox=None, month=SESSION_MONTH)`, the same month's figures
  counted directly on the baseline (one GROUP BY per dimension over the month's movements and
  returns), what a platform without a summary would run.

Checked first: the corrected figures equal a direct count over the learner's view
(`statistics_count(sandbox=learner)`), differ from the baseline's (the session shows), and the
baseline's summary equals its direct count. Timed with `bench.core.interleaved`. Ratio:
measured / baseline, target at most 0.02.
"""

from __future__ import annotations

from typing import Any

from bench.core import Benchmark, BenchmarkFailed, Result, interleaved
from bench.sandbox.database import lab

ROUNDS = 10
PER_ROUND = 3
STATISTICS_SESSION = 4_000


def _run() -> Result:
    answer = lab().baseline("1m").call("statistics_measure", number=STATISTICS_SESSION)
    return Result(**answer)


BENCHMARK = Benchmark(
    name="sandbox: monthly statistics, learner's view",
    baseline="raw GROUP BY of the month on the baseline",
    run=_run,
    bound=0.02,
)


# In the worker.


def statistics_measure(*, number: int) -> dict[str, Any]:
    from bench.sandbox.session import SESSION_MONTH, session_play
    from sandbox import services
    from sandbox.statistics import statistics_count, statistics_for

    learner = session_play(number=number)
    try:
        corrected = statistics_for(sandbox=learner, month=SESSION_MONTH)
        if corrected != statistics_count(sandbox=learner, month=SESSION_MONTH):
            raise BenchmarkFailed("statistics_for differs from a direct count over the learner's view")
        raw = statistics_count(sandbox=None, month=SESSION_MONTH)
        if raw != statistics_for(sandbox=None, month=SESSION_MONTH):
            raise BenchmarkFailed("the baseline's monthly summary differs from a direct count")
        if not raw["movements"]["total"] or corrected == raw:
            raise BenchmarkFailed("the month is empty, or the learner's session does not change its figures")
        result = interleaved(
            lambda: statistics_count(sandbox=None, month=SESSION_MONTH),
            lambda: statistics_for(sandbox=learner, month=SESSION_MONTH),
            rounds=ROUNDS,
            per_round=PER_ROUND,
            warmup=2,
        )
    finally:
        services.sandbox_reset(sandbox=learner)
    return {"baseline_ms": result.baseline_ms, "measured_ms": result.measured_ms, "count": result.count}


COMMANDS = {"statistics_measure": statistics_measure}
