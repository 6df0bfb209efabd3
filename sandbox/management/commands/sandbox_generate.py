"""`manage.py sandbox_generate --seed N --scale S [--replace | --if-missing] [--start YYYY-MM-DD] [--months M]`.

Builds the shared synthetic baseline of the sandbox and loads it in one transaction. Bad
input, or an existing baseline without `--replace`, stops with a CommandError before anything
is written; `--if-missing` (used by `make run`) keeps an existing baseline without complaint.
Prints the rows per record type and the time taken.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sandbox.generation import (
    DEFAULT_MONTHS,
    DEFAULT_START,
    MONTHS_MAX,
    SCALE_MAX,
    SCALE_MIN,
    SEED_LIMIT,
    BaselineExists,
    baseline_build,
    baseline_exists,
    baseline_load,
)

SCALE_PATTERN = re.compile(r"^(\d+(?:\.\d+)?)([kKmM]?)$")
SUFFIXES = {"": 1, "k": 1_000, "m": 1_000_000}


def scale_parse(value: str) -> int:
    """`"100k"` -> 100000, `"1.5M"` -> 1500000; CommandError for anything else or out of range."""
    text = value.strip().replace("_", "")
    match = SCALE_PATTERN.match(text)
    if match is None:
        raise CommandError(
            _("The scale must be a number of movements such as 100000, 100k or 1.5M; got %(value)s.") % {"value": value}
        )
    number = float(match.group(1)) * SUFFIXES[match.group(2).lower()]
    if number != int(number):
        raise CommandError(_("The scale must be a whole number of movements; got %(value)s.") % {"value": value})
    scale = int(number)
    if not SCALE_MIN <= scale <= SCALE_MAX:
        raise CommandError(
            ngettext(
                "The scale must be between %(low)s and %(high)s movement; got %(value)s.",
                "The scale must be between %(low)s and %(high)s movements; got %(value)s.",
                SCALE_MAX,
            )
            % {"low": f"{SCALE_MIN:,}", "high": f"{SCALE_MAX:,}", "value": value}
        )
    return scale


def seed_parse(value: str) -> int:
    try:
        seed = int(value)
    except ValueError:
        seed = -1
    if not 0 <= seed < SEED_LIMIT:
        raise CommandError(
            _("The seed must be a whole number from 0 to %(high)s; got %(value)s.")
            % {"high": SEED_LIMIT - 1, "value": value}
        )
    return seed


def start_parse(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("The start must be a date written YYYY-MM-DD; got %(value)s.") % {"value": value}
        ) from None


def months_parse(value: str) -> int:
    try:
        months = int(value)
    except ValueError:
        months = 0
    if not 1 <= months <= MONTHS_MAX:
        raise CommandError(
            _("The number of months must be from 1 to %(high)s; got %(value)s.") % {"high": MONTHS_MAX, "value": value}
        )
    return months


class Command(BaseCommand):
    help = "Generate the sandbox's synthetic baseline (deterministic for a seed and a scale)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", required=True, help="Random seed, 0 <= N < 2**32.")
        parser.add_argument("--scale", required=True, help="Number of movements: 100000, 100k, 1M, 1.5M.")
        exclusive = parser.add_mutually_exclusive_group()
        exclusive.add_argument(
            "--replace", action="store_true", help="Replace an existing baseline and every learner's layer."
        )
        exclusive.add_argument(
            "--if-missing",
            action="store_true",
            help="Generate only if there is no baseline yet; otherwise say so and change nothing (make run).",
        )
        parser.add_argument("--start", default=DEFAULT_START.isoformat(), help="First day of the period.")
        parser.add_argument("--months", default=str(DEFAULT_MONTHS), help="Length of the period in months.")

    def handle(self, *args: Any, **options: Any) -> None:
        seed = seed_parse(options["seed"])
        scale = scale_parse(options["scale"])
        start = start_parse(options["start"])
        months = months_parse(options["months"])
        replace = options["replace"]
        if options["if_missing"] and baseline_exists():
            self.stdout.write(_("A baseline already exists; it was kept as it is."))
            return
        if not replace and baseline_exists():
            raise CommandError(_("A baseline already exists; nothing was changed. Use --replace to replace it."))
        began = time.perf_counter()
        generated = baseline_build(seed=seed, scale=scale, start=start, months=months)
        built = time.perf_counter()
        try:
            baseline = baseline_load(generated, replace=replace)
        except BaselineExists:
            raise CommandError(
                _("A baseline already exists; nothing was changed. Use --replace to replace it.")
            ) from None
        loaded = time.perf_counter()
        self.stdout.write(
            ngettext(
                "Baseline generated: seed %(seed)s, %(scale)s movement, %(start)s to %(end)s.",
                "Baseline generated: seed %(seed)s, %(scale)s movements, %(start)s to %(end)s.",
                scale,
            )
            % {"seed": seed, "scale": f"{scale:,}", "start": baseline.period_start, "end": baseline.period_end}
        )
        for model_name, count in generated.counts.items():
            self.stdout.write(f"  {model_name:<20} {count:>12,}")
        self.stdout.write(
            _("Built in %(build).1f s, loaded in %(load).1f s, %(total).1f s in all.")
            % {"build": built - began, "load": loaded - built, "total": loaded - began}
        )
