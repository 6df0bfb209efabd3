"""Benchmark: the home page served by gunicorn, against a plain Django view in the same run.

Both are requested from this process over fresh loopback connections, in interleaved rounds of
sequential GETs, from one gunicorn with two sync workers under production settings
(bench.settings). Every answer must be 200 and the home page must contain its <h1>.
"""

from __future__ import annotations

from bench.core import Benchmark, Result, interleaved
from bench.server import BASELINE_PATH, gunicorn_server

ROUNDS = 20
PER_ROUND = 25
WARMUP = 20
HOME_PATH = "/"


def run() -> Result:
    """Start the server, warm it up, and time the home page against the baseline view."""
    with gunicorn_server(workers=2) as server:
        return interleaved(
            lambda: server.get_ok(BASELINE_PATH),
            lambda: server.get_ok(HOME_PATH, contains=b"<h1"),
            rounds=ROUNDS,
            per_round=PER_ROUND,
            warmup=WARMUP,
        )


BENCHMARK = Benchmark(
    name="home page / (gunicorn, 2 sync workers)",
    baseline=f"plain Django view {BASELINE_PATH}, same server",
    run=run,
)
