"""Runner: `python -m bench` runs every registered benchmark and prints one table of ratios.

Exits non-zero when any benchmark fails; the table still lists the others.
"""

from __future__ import annotations

import sys
import time
import traceback

from bench import http_home
from bench.core import Benchmark

# The registry: add a benchmark by appending its Benchmark here (see README.md).
BENCHMARKS: list[Benchmark] = [
    http_home.BENCHMARK,
]

HEADERS = ("benchmark", "baseline", "baseline median ms", "measured median ms", "ratio", "requests/iterations")
NUMERIC = {2, 3, 4, 5}


def main() -> int:
    """Run every benchmark, print the table, return the exit status."""
    rows: list[tuple[str, ...]] = []
    failed = False
    for benchmark in BENCHMARKS:
        print(f"bench: {benchmark.name} ...", file=sys.stderr, flush=True)
        start = time.monotonic()
        try:
            result = benchmark.run()
        except Exception:
            traceback.print_exc()
            failed = True
            rows.append((benchmark.name, benchmark.baseline, "-", "-", "FAILED", "-"))
            continue
        print(f"bench: done in {time.monotonic() - start:.1f} s", file=sys.stderr, flush=True)
        rows.append(
            (
                benchmark.name,
                benchmark.baseline,
                f"{result.baseline_ms:.2f}",
                f"{result.measured_ms:.2f}",
                f"{result.ratio:.2f}",
                str(result.count),
            )
        )
    print(table(rows))
    print("ratio = measured median / baseline median, both timed in this run, interleaved; lower is better.")
    return 1 if failed else 0


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
