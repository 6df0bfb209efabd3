"""The certificate permissions each role holds (composed with the other apps' in `lms.shell.roles`)."""

from __future__ import annotations

from people.roles import CRUD, Role

# Templates and certification rules, the register, revocation.
_CERTIFICATES = (
    *(f"certificates.{action}_{model}" for model in ("certificatetemplate", "coursecertification") for action in CRUD),
    "certificates.view_certificate",
    "certificates.revoke_certificate",
)

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.TRAINER: _CERTIFICATES,
    Role.ADMINISTRATOR: _CERTIFICATES,
}
