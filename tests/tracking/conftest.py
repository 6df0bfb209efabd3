"""Fixtures the country tracking tests share: a focal point's client, and Guatemala's required course."""

from __future__ import annotations

import pytest

from tests.conftest import client_for, make_role_user
from tests.tracking.factories import certified, certified_course, rule, staff
from tests.tracking.reporting import GT_COURSE


@pytest.fixture
def focal_point_client():
    """Guatemala's focal point, logged in."""
    return client_for(make_role_user("focal_point"))


@pytest.fixture
def gt_course():
    """Guatemala requires one course of its border officers; one of two holds its certificate."""
    course = certified_course(title=GT_COURSE)
    rule(iso2="GT", course=course)
    holder = staff(iso2="GT", full_name="Persona Guatemala Uno")
    staff(iso2="GT", full_name="Persona Guatemala Dos")
    certified(learner=holder, course=course)
    return course
