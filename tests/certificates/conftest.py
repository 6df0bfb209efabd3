"""Fixtures the certificate tests share: private storage and keys per test, tasks run inline, a
course and a learner's certificate of it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone, translation

from certificates.signing.keys import keys_cache_clear
from courses.models import CoursePage
from tests.certificates import factories


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path) -> Path:
    """Issued PDFs and archives of one test, in its own folder."""
    settings.CERTIFICATES_PRIVATE_ROOT = tmp_path / "private"
    return settings.CERTIFICATES_PRIVATE_ROOT


@pytest.fixture
def spanish_by_default():
    """Each test starts in the default language: a request to /en/ leaves English active in the thread."""
    with translation.override("es"):
        yield


@pytest.fixture
def page(db) -> CoursePage:
    """A course whose certificates are valid for 24 months."""
    return factories.course_page(title="Alertas migratorias", certificate_validity_months=24)


@pytest.fixture
def certificate(learner, page):
    return factories.certificate_recorded(
        learner=learner, course=page, expires_on=timezone.localdate() + timedelta(days=700)
    )


@pytest.fixture
def key_dir(settings, tmp_path):
    """A fresh, empty key directory and no configured key files."""
    settings.CERTIFICATES_KEY_DIR = tmp_path / "keys"
    settings.CERTIFICATES_SIGNING_KEY_FILE = ""
    settings.CERTIFICATES_RETIRED_KEYS_FILE = ""
    keys_cache_clear()
    yield settings.CERTIFICATES_KEY_DIR
    keys_cache_clear()


@pytest.fixture
def task_calls(monkeypatch) -> factories.TaskCalls:
    return factories.tasks_run_inline(monkeypatch)


@pytest.fixture
def template(db):
    return factories.certificate_template()
