"""Shared fixtures: one user per role, and logged-in clients."""

from __future__ import annotations

import os

import pytest
from django.test import Client

from people.models import User
from people.roles import Role
from tests.people.factories import TEST_PASSWORD, person

# The roles of the authorization matrix. "administrator" is a member of the Administrators
# group without being a superuser, so that the matrix tests the group's permissions.
ROLES = ("anonymous", "learner", "trainer", "focal_point", "regional_coordinator", "administrator")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_catalogue_cache():
    """Each test's pages start uncached: the cache outlives the rolled-back database of the test before."""
    from django.core.cache import cache

    from courses.selectors.catalogue import CATALOGUE_VERSION_KEY

    cache.delete(CATALOGUE_VERSION_KEY)


@pytest.fixture(autouse=True)
def _default_language():
    """A request to an /en/ page activates English for the thread: the next test starts in the default language."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def fresh_rate_limits(settings):
    """django-ratelimit's counters of this test alone, within one window of a still clock.

    The counters live in the cache, which outlives each test; the windows are fixed slices of
    the clock, and one that ended half-way through a test would start its count again.
    """
    import time
    import uuid

    import time_machine

    settings.RATELIMIT_CACHE_PREFIX = f"rl-{uuid.uuid4().hex}:"
    with time_machine.travel(time.time(), tick=False):
        yield


@pytest.fixture
def english():
    """Messages in English (the source language), whatever the default (Spanish) or the test before left active."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def password() -> str:
    return TEST_PASSWORD


def make_role_user(role_name: str) -> User | None:
    if role_name == "anonymous":
        return None
    role = Role(role_name)
    authority = {
        Role.LEARNER: "gt-igm",
        Role.TRAINER: "iom",
        Role.FOCAL_POINT: "gt-igm",
        Role.REGIONAL_COORDINATOR: "iom",
        Role.ADMINISTRATOR: "iom",
    }[role]
    return person(role=role, authority_code=authority, email=f"{role_name}@example.org")


@pytest.fixture
def role_user(db):
    """A factory: role_user("trainer") -> a user holding that role."""
    return make_role_user


@pytest.fixture
def learner(db) -> User:
    return make_role_user("learner")


@pytest.fixture
def trainer(db) -> User:
    return make_role_user("trainer")


@pytest.fixture
def focal_point(db) -> User:
    return make_role_user("focal_point")


@pytest.fixture
def regional_coordinator(db) -> User:
    return make_role_user("regional_coordinator")


@pytest.fixture
def administrator(db) -> User:
    return make_role_user("administrator")


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


class BrowserTestsRan:
    """Under CI=true the run fails unless browser tests ran and passed (never silently skipped)."""

    def __init__(self) -> None:
        self.passed = 0
        self.not_passed = 0

    def pytest_runtest_logreport(self, report) -> None:
        if "browser" not in report.keywords:
            return
        if report.when == "call" and report.passed:
            self.passed += 1
        elif report.skipped or report.failed:
            self.not_passed += 1

    def pytest_sessionfinish(self, session, exitstatus) -> None:
        if not os.environ.get("CI") or hasattr(session.config, "workerinput"):
            return
        if self.passed == 0 or self.not_passed:
            session.config.pluginmanager.get_plugin("terminalreporter").write_line(
                f"CI=true: browser tests must run and pass ({self.passed} passed, {self.not_passed} not).", red=True
            )
            session.exitstatus = 1


def pytest_configure(config) -> None:
    config.pluginmanager.register(BrowserTestsRan(), "browser-tests-ran")


def ensure_site_content() -> None:
    """Recreate what migrations create, for transactional tests that run after a flush.

    A flush empties every table; the post_migrate receivers restore roles and reference data,
    but Wagtail's page tree, collections, locales and site come from migrations and must be rebuilt.
    """
    from wagtail.models import Collection, Locale, Page, Site

    from lms.shell.models import HomePage
    from lms.shell.roles import roles_sync

    if HomePage.objects.exists():
        return
    if not Collection.get_first_root_node():
        Collection.add_root(name="OCAM")  # images and documents hang on it (lms/shell/migrations/0003)
    spanish, _created = Locale.objects.get_or_create(language_code="es")
    english, _created = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="OCAM", locale=spanish))
    home = root.add_child(
        instance=HomePage(title="Plataforma de capacitación OCAM", slug="inicio", locale=spanish, live=True)
    )
    translation = home.copy_for_translation(english)
    translation.title = "OCAM training platform"
    translation.slug = "home"
    translation.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    roles_sync()  # the page and collection permissions of the roles hang on the new root


@pytest.fixture
def site_content(transactional_db) -> None:
    ensure_site_content()


# Dates (docs/decisions/0019-dates-and-time-zones.md): "today" is the date in the platform's time zone.
# A test marked `clock_hours` runs once at each of these UTC times of the current day, under a clock that
# starts there and ticks on, so that a date computed in the wrong time zone fails whatever the hour of the run.
CLOCK_HOURS_UTC = ("00:30", "05:55", "12:00", "23:30")


def pytest_generate_tests(metafunc) -> None:
    if metafunc.definition.get_closest_marker("clock_hours"):
        metafunc.fixturenames.append("clock_hour")
        metafunc.parametrize("clock_hour", CLOCK_HOURS_UTC, indirect=True, ids=[f"{hour}Z" for hour in CLOCK_HOURS_UTC])


@pytest.fixture
def clock_hour(request):
    """The clock set to request.param (HH:MM, UTC) today; ticking, so durations still pass."""
    import datetime as dt

    import time_machine

    hour, minute = (int(part) for part in request.param.split(":"))
    start = dt.datetime.combine(dt.datetime.now(dt.UTC).date(), dt.time(hour, minute), tzinfo=dt.UTC)
    with time_machine.travel(start, tick=True):
        yield start


@pytest.fixture(autouse=True)
def _clock_first(request) -> None:
    """Set a `clock_hours` test's clock before any other fixture creates data (autouse fixtures come first)."""
    if request.node.get_closest_marker("clock_hours"):
        request.getfixturevalue("clock_hour")
