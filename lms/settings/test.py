"""Tests: fast hashing, in-memory e-mail, an isolated var/ folder per test process."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# A throw-away var/ for the run (pytest-xdist workers inherit it from the controller; each
# test process still has its own Celery queue, below).
if "LMS_VAR_DIR" not in os.environ:
    os.environ["LMS_VAR_DIR"] = tempfile.mkdtemp(prefix="lms-test-")
    atexit.register(shutil.rmtree, os.environ["LMS_VAR_DIR"], ignore_errors=True)

from lms.settings.base import *  # noqa: F403
from lms.settings.base import CACHES, DATABASES, STORAGES, VAR_DIR
from lms.settings.validation import celery_task_queues

SECRET_KEY = "test-only-not-a-secret"  # noqa: S105
# SQLite test databases in a file (in the run's var/), not in memory, so that a Celery worker
# started as a separate process (tests/certificates/test_reliability.py) opens the same database;
# pytest-xdist adds its worker's suffix to the name.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", str(VAR_DIR / "test-db.sqlite3"))
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Wagtail's own tasks run inline in tests; the Celery path has its own integration test.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WHITENOISE_AUTOREFRESH = True
# Test processes (pytest-xdist workers, CI runs) may share one Redis: each uses its own queues.
CELERY_TASK_DEFAULT_QUEUE = f"lms-test-{os.getpid()}"
BACKGROUND_TASK_QUEUE = f"lms-test-{os.getpid()}-background"
CELERY_TASK_QUEUES = celery_task_queues(CELERY_TASK_DEFAULT_QUEUE, BACKGROUND_TASK_QUEUE)
# ... and its own cache keys, so that one process's cached pages never answer another's.
CACHES["default"]["KEY_PREFIX"] = f"lms-test-{os.getpid()}"
# Certificate lookups are rate-limited per address; every test client shares 127.0.0.1, so the
# tests of the limit set their own allowance.
CERTIFICATES_LOOKUPS_PER_WINDOW = 10_000
# The same for password-reset requests (counted in the cache, which outlives each test).
LMS_PASSWORD_RESETS_PER_EMAIL = 10_000
LMS_PASSWORD_RESETS_PER_ADDRESS = 10_000
