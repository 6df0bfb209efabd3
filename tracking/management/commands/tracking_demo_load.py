"""Load the country tracking demo: synthetic staff, rules and their training history in each country (idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from foundation.background import background_work_in_this_process
from sandbox.models import Baseline
from tracking.demo import demo_tracking_load


class Command(BaseCommand):
    help = (
        "Create the country tracking demo: staff in each of the eight countries, mandatory training, "
        "their enrolments, completions and certificates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--staff", type=int, default=60, help="Synthetic officials per country (default 60).")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--allow-without-debug", action="store_true", help="Load even though DEBUG is off.")

    def handle(self, *args: Any, staff: int, seed: int, allow_without_debug: bool, **options: Any) -> None:
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError("Refusing to create demo staff while DEBUG is off.")
        if not Baseline.objects.exists():
            # The staff's history includes their sandbox exercises, some of which read the practice data.
            raise CommandError(
                "The sandbox has no practice data yet: run `manage.py sandbox_generate` first (`make demo` does)."
            )
        with background_work_in_this_process():
            statuses = demo_tracking_load(staff_per_country=staff, seed=seed)
        self.stdout.write(self.style.SUCCESS(f"Country tracking demo ready: {statuses} training statuses."))
