"""A database of the release before the layout change migrates forward and reads the same.

`tests/fixtures/release-194c4ca.sqlite3.gz` was made by that release (commit 194c4ca: people,
tracking and media under `lms/`, the site shell as `lms.core`): `manage.py migrate`, then one
Guatemalan learner with a staff profile. The apps have moved since, keeping their labels, so
their tables, migration records and content types must still be theirs.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEASE_DATABASE = ROOT / "tests" / "fixtures" / "release-194c4ca.sqlite3.gz"

READ_BACK = """
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from people.models import User

ours = {"people", "media", "tracking", "core", "courses", "sandbox", "certificates"}
tables = set(connection.introspection.table_names())
with connection.cursor() as cursor:
    for model in apps.get_models():
        if model._meta.app_label not in ours or not model._meta.managed or model._meta.proxy:
            continue
        table = model._meta.db_table
        assert table in tables, f"{model._meta.label}: no table {table}"
        columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
        missing = {f.column for f in model._meta.local_concrete_fields} - columns
        assert not missing, f"{model._meta.label}: no columns {missing}"
stale = [f"{t.app_label}.{t.model}" for t in ContentType.objects.filter(app_label__in=ours) if t.model_class() is None]
assert stale == [], stale
learner = User.objects.get(email="release.gt@example.org")
print(learner.full_name, learner.staff_profile.country.iso2, learner.groups.get().name)
"""


def _manage(*args: str, database: Path, var_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "LMS_VAR_DIR": str(var_dir),
    }
    env.pop("CELERY_BROKER_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_a_database_of_the_previous_release_migrates_forward_and_reads_the_same(tmp_path):
    database = tmp_path / "release.sqlite3"
    with gzip.open(RELEASE_DATABASE) as packed, database.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)

    migrated = _manage("migrate", "--noinput", database=database, var_dir=tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    # Every migration of today's code is recorded as applied: none was renamed or lost.
    check = _manage("migrate", "--check", database=database, var_dir=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr

    read = _manage("shell", "-v", "0", "-c", READ_BACK, database=database, var_dir=tmp_path)
    assert read.returncode == 0, read.stderr
    assert read.stdout.split("\n")[-2] == "Ana Release GT Participantes · Learners"
