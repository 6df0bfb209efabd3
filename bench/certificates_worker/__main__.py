"""The driver process of one row: `python -m bench.certificates_worker ROW` prints its Result as one JSON line."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

from bench.certificates_worker.rows import MEASUREMENTS


def main(row: str) -> None:
    import django

    django.setup()
    result = MEASUREMENTS[row]()
    sys.stdout.write(json.dumps(asdict(result)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
