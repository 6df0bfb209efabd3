"""Fixtures shared by the sandbox's tests. Rows are built by `baseline_rows.py` (baseline rows,
each model's next free uid) and `factories.py` (rows of a learner's layer, through the services)."""

from __future__ import annotations

import pytest
from django.utils import translation

from sandbox import services
from sandbox.models import Sandbox
from tests.people.factories import UserFactory
from tests.sandbox.factories import learner_sandbox


@pytest.fixture
def english():
    """Messages compared in English: the site's default language is Spanish."""
    with translation.override("en"):
        yield


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
