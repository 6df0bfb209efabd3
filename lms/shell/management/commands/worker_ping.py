"""Prove that a Celery worker is alive by round-tripping a task through the configured broker."""

from __future__ import annotations

import secrets
import time
from typing import Any

from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lms.settings.validation import redact_url
from lms.shell.tasks import worker_ping_task


class Command(BaseCommand):
    help = "Send a task to the Celery workers and wait for the answer; fails if none answers in time."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--timeout", type=float, default=30.0, help="Seconds to wait for an answer.")
        parser.add_argument("--queue", default=None, help="Queue to send the ping to (default: Celery's default).")

    def handle(self, *args: Any, timeout: float, queue: str | None, **options: Any) -> None:
        broker = redact_url(settings.CELERY_BROKER_URL)
        nonce = secrets.token_hex(8)
        started = time.monotonic()
        result = worker_ping_task.apply_async(args=[nonce], queue=queue)
        try:
            reply = result.get(timeout=timeout)
        except CeleryTimeoutError as error:
            raise CommandError(
                f"No worker answered within {timeout:g} s on {broker}"
                f"{f' (queue {queue})' if queue else ''}. "
                "Start one with `make run` (development) or `celery -A lms worker` (production)."
            ) from error
        if reply.get("nonce") != nonce:
            raise CommandError(f"A worker answered with the wrong nonce: {reply!r}")
        elapsed_ms = (time.monotonic() - started) * 1000
        self.stdout.write(
            self.style.SUCCESS(f"Worker {reply['hostname']} answered in {elapsed_ms:.0f} ms through {broker}.")
        )
