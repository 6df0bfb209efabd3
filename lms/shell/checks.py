"""System checks for what the platform needs from its machine and its production settings."""

from __future__ import annotations

import ctypes.util
from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register

HARFBUZZ_SUBSET_LIBRARY = "harfbuzz-subset"


def harfbuzz_subset_available() -> bool:
    return ctypes.util.find_library(HARFBUZZ_SUBSET_LIBRARY) is not None


@register()
def harfbuzz_subset_check(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """D8: WeasyPrint falls back to a pure-Python font subsetter about 7x slower without it."""
    if harfbuzz_subset_available():
        return []
    return [
        Warning(
            "libharfbuzz-subset0 is not installed: certificate PDFs will render about 7x slower.",
            hint="Install the Debian package libharfbuzz-subset0 (apt-get install libharfbuzz-subset0).",
            id="lms.W001",
        )
    ]


@register(Tags.security, deploy=True)
def production_email_check(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """Password resets and certificates must reach people: production sends through SMTP."""
    if "smtp" in settings.EMAIL_BACKEND:
        return []
    return [
        Warning(
            f"E-mail goes to {settings.EMAIL_BACKEND}, not to an SMTP server.",
            hint="Set EMAIL_URL, for example smtp+tls://user:password@smtp.example.org:587.",
            id="lms.W002",
        )
    ]


@register(deploy=True)
def production_broker_check(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """The embedded broker serves one machine; production runs web and workers against Redis."""
    if not settings.CELERY_BROKER_IS_EMBEDDED:
        return []
    return [
        Warning(
            "CELERY_BROKER_URL is unset: the embedded filesystem broker only works on one machine.",
            hint="Set CELERY_BROKER_URL, for example redis://redis:6379/0.",
            id="lms.W003",
        )
    ]
