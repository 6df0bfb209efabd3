"""Runner: `python -m bench` runs every registered benchmark and prints one table of ratios.

Exits non-zero when any benchmark fails or misses its target; the table still lists the others.
"""

from __future__ import annotations

import signal
import sys
import time
import traceback

from bench import certificates, courses, http_home, sandbox, tracking
from bench.core import Benchmark, BenchmarkFailed
from bench.sandbox.database import lab_close

# The registry: add a benchmark by appending its Benchmark here (see README.md).
BENCHMARKS: list[Benchmark] = [
    http_home.BENCHMARK,
    *courses.BENCHMARKS,
    *sandbox.BENCHMARKS,
    *certificates.BENCHMARKS,
    *tracking.BENCHMARKS,
]

HEADERS = ("benchmark", "baseline", "baseline median", "measured median", "ratio", "target", "meets target", "n")
NUMERIC = {2, 3, 4, 7}


def main() -> int:
    """Run every benchmark (or those whose name contains an argument), print the table, return the exit status."""
    wanted = sys.argv[1:]
    chosen = [b for b in BENCHMARKS if not wanted or any(word in b.name for word in wanted)]
    # A run stopped with SIGTERM (a timeout, CI) still stops its workers and drops its databases.
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(143))
    rows: list[tuple[str, ...]] = []
    failed = False
    started = time.monotonic()
    try:
        for benchmark in chosen:
            print(f"bench: {benchmark.name} ...", file=sys.stderr, flush=True)
            start = time.monotonic()
            try:
                result = benchmark.run()
            except BenchmarkFailed as error:
                print(f"bench: FAILED: {error}", file=sys.stderr, flush=True)
                failed = True
                rows.append(_failed_row(benchmark))
                continue
            except Exception:
                traceback.print_exc()
                failed = True
                rows.append(_failed_row(benchmark))
                continue
            print(f"bench: done in {time.monotonic() - start:.1f} s", file=sys.stderr, flush=True)
            meets = benchmark.meets(result)
            failed = failed or meets is False
            rows.append(
                (
                    benchmark.name,
                    benchmark.baseline,
                    f"{result.baseline_ms:,.3f} {result.unit}",
                    f"{result.measured_ms:,.3f} {result.unit}",
                    f"{benchmark.ratio(result):.4g}{'x' if benchmark.speedup else ''}",
                    benchmark.target(),
                    {None: "-", True: "yes", False: "NO"}[meets],
                    str(result.count),
                )
            )
    finally:
        lab_close()
    print(table(rows))
    print("ratio = measured median / baseline median, both measured in this run; lower is better;")
    print("ratio ending in x = baseline median / measured median (how many times cheaper); higher is better.")
    print(f"total {time.monotonic() - started:.0f} s; exit status non-zero if a benchmark failed or missed its target.")
    return 1 if failed else 0


def _failed_row(benchmark: Benchmark) -> tuple[str, ...]:
    return (benchmark.name, benchmark.baseline, "-", "-", "FAILED", benchmark.target(), "no", "-")


def table(rows: list[tuple[str, ...]]) -> str:
    """Format rows under HEADERS as a plain-text table, numbers right-aligned."""
    widths = [max(len(cell) for cell in column) for column in zip(HEADERS, *rows, strict=True)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            cell.rjust(width) if index in NUMERIC else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(HEADERS), rule, *(line(row) for row in rows)])


if __name__ == "__main__":
    sys.exit(main())
