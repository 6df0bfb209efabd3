"""Fixtures of the authorization matrix: a CSRF failure that cannot pass for a refusal, and the
POST matrix's objects, built once per module and rolled back after it."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.authorization.objects import World, world_build


@pytest.fixture(autouse=True)
def _csrf_failure_view(settings) -> None:
    settings.CSRF_FAILURE_VIEW = "tests.authorization.expectations.csrf_failure"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    """Role users signed in, and their objects; each test runs in a savepoint inside this transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield world_build()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def _module_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_root(settings, _module_media):
    """Uploads in a folder of the module (tests/conftest.py gives each test its own; the POST matrix
    has two thousand tests, and its objects' files are made once for all of them)."""
    settings.MEDIA_ROOT = _module_media
