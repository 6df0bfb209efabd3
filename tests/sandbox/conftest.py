"""Fixtures shared by the sandbox's tests. Rows are built by `baseline_rows.py` (baseline rows,
each model's next free uid) and `factories.py` (rows of a learner's layer, through the services);
the screen tests' helpers are in `screens.py`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from sandbox import services
from sandbox.models import Baseline, Sandbox
from tests.conftest import client_for
from tests.people.factories import UserFactory
from tests.sandbox.baseline_rows import baseline_person
from tests.sandbox.factories import learner_sandbox
from tests.sandbox.screens import baseline_movement_of, baseline_passport


@pytest.fixture
def learner(db):
    """The sandbox screens' learner, who sees the whole region: their staff profile is IOM's,
    bound to no country. The screens' small baseline puts one traveller's crossings in Guatemala
    and Costa Rica alike; a learner bound to a country sees only its records, which
    `test_country_scope.py` and `test_views_country_scope.py` prove screen by screen."""
    from tests.people.factories import person

    return person(authority_code="iom", email="learner@example.org")


@pytest.fixture
def officer():
    """A learner and their sandbox: who registers a movement, and the layer it goes into."""
    user = UserFactory()
    return user, services.sandbox_get_or_create(user=user)


@pytest.fixture
def sandbox() -> Sandbox:
    """A learner's sandbox, for tests of one learner."""
    return learner_sandbox()


@pytest.fixture
def first() -> Sandbox:
    """A learner's sandbox, the one a test of two learners acts in."""
    return learner_sandbox()


@pytest.fixture
def second() -> Sandbox:
    """Another learner's sandbox, beside `first`."""
    return learner_sandbox()


@pytest.fixture
def baseline(db):
    """The screens' small baseline: three people with documents, one with a movement."""
    Baseline.objects.create(
        seed=7,
        scale=1000,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        generator_version="test",
        generated_at=timezone.now(),
    )
    maria = baseline_person(uid=1, given_names="María José", surname_1="Pérez", surname_2="Gómez")
    jose = baseline_person(
        uid=2, given_names="José Ángel", surname_1="Muñoz", surname_2="Peña", sex="M", nationality_id="HND"
    )
    ana = baseline_person(uid=3, given_names="Ana", surname_1="López", surname_2="", nationality_id="SLV")
    baseline_passport(11, maria, "G12345678")
    jose_passport = baseline_passport(12, jose, "F98765432")
    baseline_passport(13, ana, "A55500011")
    baseline_movement_of(21, jose, jose_passport, dt.datetime(2025, 3, 14, 20, 5, tzinfo=dt.UTC))
    return {"maria": maria, "jose": jose, "ana": ana}


@pytest.fixture
def many_perez(baseline):
    """120 more people called Pérez: with María José Pérez Gómez, 121 matches, three pages of 50."""
    for uid in range(100, 220):
        baseline_person(uid=uid, given_names=f"Persona {uid}", surname_1="Pérez", surname_2="")


@pytest.fixture
def learner_client(learner):
    return client_for(learner)
