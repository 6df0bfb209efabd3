"""A Django process on one benchmark database, driven by `bench.sandbox.database.Worker`.

Run as `python -m bench.sandbox.worker` with DATABASE_URL naming the database (and the bench
settings, `bench.settings`). It reads one JSON command per line on stdin, runs it, and writes one
JSON answer per line: `{"ok": true, ...}` or `{"ok": false, "error": traceback}`. The commands
are the `COMMANDS` of the benchmark modules; they take their timings themselves, around the
measured call only. Anything else the process prints goes to stderr, so it cannot break the
protocol.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any


def _protocol_stream():
    """The real stdout, for answers only; fd 1 and sys.stdout then point to stderr."""
    stream = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return stream


def commands() -> dict[str, Callable[..., dict[str, Any]]]:
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

    table: dict[str, Callable[..., dict[str, Any]]] = {"ping": dict}
    for module in (generation, reset, storage, statistics, search, exercises, screening, audit, consultation):
        table.update(module.COMMANDS)
    return table


def main() -> None:
    answers = _protocol_stream()
    import django

    django.setup()
    table = commands()
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = {"ok": True, **table[request.pop("command")](**request)}
        except Exception:
            answer = {"ok": False, "error": traceback.format_exc()}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
