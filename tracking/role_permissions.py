"""The tracking permissions each role holds (composed with the other apps' in `lms.shell.roles`).

Focal points import their country's roster and set its mandatory training; the regional
coordinator reads every country's rules."""

from __future__ import annotations

from people.roles import CRUD, Role

_MANAGE = (
    *(f"tracking.{action}_trainingrule" for action in CRUD),
    "tracking.add_rosterimport",
    "tracking.view_rosterimport",
)

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.FOCAL_POINT: _MANAGE,
    Role.REGIONAL_COORDINATOR: ("tracking.view_trainingrule",),
    Role.ADMINISTRATOR: _MANAGE,
}
