"""Signal receivers: hand-offs only."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig, apps


def sandbox_reference_sync_after_migrate(sender: AppConfig, **kwargs: Any) -> None:
    """After migrate (or a test flush), once, when the last app has migrated."""
    last_app = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label != last_app.label:
        return
    from sandbox.reference import sandbox_reference_sync

    sandbox_reference_sync()
