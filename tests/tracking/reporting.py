"""What the country report tests share: the courses Guatemala and Costa Rica require, Costa Rica's
focal point, and the error a test makes a report's drawing raise."""

from __future__ import annotations

from people.roles import Role
from tests.people.factories import person

GT_COURSE = "Registro de entradas"
CR_COURSE = "Control de salidas"


class BuildFailed(RuntimeError):
    pass


def cr_focal_point(**fields):
    return person(
        role=Role.FOCAL_POINT, authority_code="cr-dgme", email=fields.pop("email", "focal.cr@example.org"), **fields
    )
