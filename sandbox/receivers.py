"""Signal receivers of the sandbox app, connected in `SandboxConfig.ready`."""

from __future__ import annotations

from typing import Any

from sandbox.models import layer_maintenance_begin


def sandbox_layer_release(sender: Any, instance: Any, using: str, **kwargs: Any) -> None:
    """A sandbox deleted with its learner takes its layer with it, its audit events included: a
    maintenance path of the append-only audit log (`layers.MAINTENANCE_SETTING`). Django's
    deletion sends this inside its transaction, before it deletes any row."""
    layer_maintenance_begin(using)
