"""The permissions of people's models each role holds (composed with the other apps' in `lms.shell.roles`)."""

from __future__ import annotations

from people.roles import CRUD, Role

_REFERENCE_READ = ("people.view_country", "people.view_authority", "people.view_dutypost")

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.TRAINER: _REFERENCE_READ,
    Role.FOCAL_POINT: ("people.view_country_staff",),
    Role.REGIONAL_COORDINATOR: ("people.view_all_countries_staff",),
    Role.ADMINISTRATOR: (
        "people.view_all_countries_staff",
        *(f"people.{action}_{model}" for model in ("user", "dutypost", "staffprofile") for action in CRUD),
        # The eight countries and their authorities are reference data maintained in code
        # (people/reference.py): read-only here.
        "people.view_country",
        "people.view_authority",
    ),
}
