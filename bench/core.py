"""The pieces every benchmark shares: what a benchmark is, what it returns, and how it times.

A benchmark times an operation and a baseline in the same run, interleaved round by round so
that drift in the machine's speed (other load, CPU frequency) affects both alike.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass


class BenchmarkFailed(Exception):
    """A benchmark could not measure: a wrong answer, a server that did not start, a failed command."""


@dataclass(frozen=True)
class Result:
    """Median cost per operation of the baseline and of the measured operation (milliseconds,
    unless `unit` says otherwise, e.g. KiB for a storage comparison)."""

    baseline_ms: float
    measured_ms: float
    count: int  # operations timed on each side
    unit: str = "ms"

    @property
    def ratio(self) -> float:
        return self.measured_ms / self.baseline_ms


@dataclass(frozen=True)
class Benchmark:
    """One row of the table: `run` measures `name` against `baseline` and returns a Result."""

    name: str
    baseline: str
    run: Callable[[], Result]
    # The target, where the issue sets one: the highest ratio accepted, or with `speedup` the lowest.
    bound: float | None = None
    # Show the ratio the other way round, baseline / measured ("how many times cheaper"), as the
    # issue states it for generation ("at least 50x"); `bound` is then a minimum.
    speedup: bool = False

    def ratio(self, result: Result) -> float:
        """The ratio as the table shows it: measured / baseline, or baseline / measured for a speedup."""
        return result.baseline_ms / result.measured_ms if self.speedup else result.ratio

    def target(self) -> str:
        """The target as the table shows it: "<= 1.2", ">= 50x" or "-"."""
        if self.bound is None:
            return "-"
        return f">= {self.bound:g}x" if self.speedup else f"<= {self.bound:g}"

    def meets(self, result: Result) -> bool | None:
        if self.bound is None:
            return None
        ratio = self.ratio(result)
        return ratio >= self.bound if self.speedup else ratio <= self.bound


def interleaved(
    baseline: Callable[[], object],
    measured: Callable[[], object],
    *,
    rounds: int,
    per_round: int,
    warmup: int = 0,
    around: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> Result:
    """Time `per_round` calls of each side per round, alternating which side goes first.

    Each call is timed on its own, inside a fresh `around()` context whose entry and exit are
    not timed (e.g. a transaction rolled back after each call); the result holds the median
    call of each side.
    """

    def timed(operation: Callable[[], object]) -> float:
        with around():
            start = time.perf_counter()
            operation()
            return (time.perf_counter() - start) * 1000

    for _ in range(warmup):
        timed(baseline)
        timed(measured)
    samples: dict[str, list[float]] = {"baseline": [], "measured": []}
    sides = [("baseline", baseline), ("measured", measured)]
    for round_index in range(rounds):
        order = sides if round_index % 2 == 0 else sides[::-1]
        for side, operation in order:
            for _ in range(per_round):
                samples[side].append(timed(operation))
    return Result(
        baseline_ms=statistics.median(samples["baseline"]),
        measured_ms=statistics.median(samples["measured"]),
        count=rounds * per_round,
    )
