"""Bad configuration fails at start-up with a message that names the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.settings.validation import broker_url_config, cache_url_config, database_url_config, email_url_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "value",
    ["nonsense", "mysql//broken", "postgres://user:secret@:5432/", "postgres://u:p@host:port/db", "ftp://x/y"],
)
def test_invalid_database_url_names_the_variable(value):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_url_config(value)


@pytest.mark.parametrize("value", ["nonsense", "redis//localhost", "http://localhost:6379", "redis://:6379/0"])
def test_invalid_broker_url_names_the_variable(value, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="CELERY_BROKER_URL"):
        broker_url_config(value, result_backend="", var_dir=tmp_path)


@pytest.mark.parametrize("value", ["smtp//broken", "gmail://x", "smtp+tls://u:p@host:notaport"])
def test_invalid_email_url_names_the_variable(value):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_url_config(value)


@pytest.mark.parametrize("value", ["memcache//x", "redis://host:notaport/1", "mongodb://x"])
def test_invalid_cache_url_names_the_variable(value):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_url_config(value)


@pytest.mark.parametrize("broker", ["", "redis://127.0.0.1:6379/0"])
def test_invalid_result_backend_names_the_variable(broker, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="CELERY_RESULT_BACKEND"):
        broker_url_config(broker, result_backend="mongodb://x", var_dir=tmp_path)


def test_the_message_does_not_reveal_the_password():
    with pytest.raises(ImproperlyConfigured) as error:
        database_url_config("postgres://lms:hunter2-secret@db.internal:notaport/lms")
    assert "hunter2-secret" not in str(error.value)


def test_valid_urls_are_accepted(tmp_path):
    assert database_url_config("postgres://u:p@127.0.0.1:5432/lms")["ENGINE"] == "django.db.backends.postgresql"
    assert database_url_config(f"sqlite:///{tmp_path}/db.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"
    redis = broker_url_config("redis://127.0.0.1:6379/0", result_backend="", var_dir=tmp_path)
    assert (redis.broker_url, redis.result_backend, redis.is_embedded) == (
        "redis://127.0.0.1:6379/0",
        "redis://127.0.0.1:6379/0",
        False,
    )


def test_an_unset_broker_means_the_embedded_filesystem_broker_with_its_folders(tmp_path):
    embedded = broker_url_config("", result_backend="", var_dir=tmp_path)
    assert embedded.is_embedded
    assert embedded.broker_url == "filesystem://"
    assert Path(embedded.transport_options["data_folder_in"]).is_dir()
    assert Path(embedded.transport_options["processed_folder"]).is_dir()
    folders = [v for k, v in embedded.transport_options.items() if k.endswith("_folder") or "folder_" in k]
    assert len(folders) == 4
    assert all(Path(folder).is_relative_to(tmp_path) for folder in folders), "the broker writes only under var/"
    assert embedded.result_backend.startswith("file://")


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DATABASE_URL", "nonsense://"), ("CELERY_BROKER_URL", "nonsense"), ("EMAIL_URL", "smtp//x")],
)
def test_manage_py_stops_at_start_up_naming_the_variable(variable, value, tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.dev", "LMS_VAR_DIR": str(tmp_path), variable: value}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert f"{variable} is invalid" in result.stderr
