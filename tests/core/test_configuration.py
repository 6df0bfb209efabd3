"""Bad configuration fails at start-up with a message that names the variable."""

import logging
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
    [
        "nonsense",
        "mysql//broken",
        "postgres://user:secret@:5432/",
        "postgres://user:secret@:5432/lms",
        "postgres://u:p@host:port/db",
        "ftp://x/y",
    ],
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


@pytest.mark.parametrize("backend", ["mongodb://x", "redis://127.0.0.1:notaport/0"])
@pytest.mark.parametrize("broker", ["", "redis://127.0.0.1:6379/0"])
def test_invalid_result_backend_names_the_variable(broker, backend, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="CELERY_RESULT_BACKEND"):
        broker_url_config(broker, result_backend=backend, var_dir=tmp_path)


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
    assert embedded.broker_url == "filesystem://localhost/"
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


def test_in_development_the_site_url_follows_the_port_unless_lms_site_url_is_set():
    from lms.settings.dev import local_site_url

    assert local_site_url({}, ["manage.py", "runserver"]) == "http://127.0.0.1:8000"
    assert local_site_url({}, ["manage.py", "runserver", "127.0.0.1:8103"]) == "http://127.0.0.1:8103"
    assert local_site_url({}, ["manage.py", "runserver", "--noreload", "8104"]) == "http://127.0.0.1:8104"
    assert local_site_url({"PORT": "8105"}, ["celery", "-A", "lms", "worker"]) == "http://127.0.0.1:8105"
    assert local_site_url({"LMS_PORT": "8103", "PORT": "8203"}, ["celery"]) == "http://127.0.0.1:8103"
    configured = {"LMS_SITE_URL": "https://formacion.ocam.example/", "LMS_PORT": "8103", "PORT": "8103"}
    assert local_site_url(configured, ["manage.py", "runserver", "8103"]) == "https://formacion.ocam.example"


def test_make_run_gives_the_web_process_and_the_worker_the_same_site_url():
    """`PORT=8103 make run`: honcho hands the worker PORT + 100, so both must read the port the Makefile passes."""
    import re
    import shlex
    from string import Template

    from honcho.environ import expand_processes, parse_procfile

    from lms.settings.dev import local_site_url

    run_line = next(line for line in (ROOT / "Makefile").read_text().splitlines() if "honcho start" in line)
    passed = {
        name: "8103" for name, make_variable in re.findall(r"(\w+)=\$\((\w+)\)", run_line) if make_variable == "PORT"
    }
    processes = expand_processes(parse_procfile((ROOT / "Procfile").read_text()).processes, env={}, port=8103)
    urls = {}
    for process in processes:
        environ = {**passed, **process.env}
        words = shlex.split(Template(process.cmd).substitute(environ))
        argv = words[1:] if words[0].endswith("python") else words
        urls[process.name] = local_site_url(environ, argv)
    assert {process.name: process.env["PORT"] for process in processes} == {"web.1": "8103", "worker.1": "8203"}
    assert urls == {"web.1": "http://127.0.0.1:8103", "worker.1": "http://127.0.0.1:8103"}


def test_the_development_settings_take_the_site_url_from_the_port(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LMS_", "PORT"))}
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.SITE_URL, settings.WAGTAILADMIN_BASE_URL)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "lms.settings.dev", "LMS_VAR_DIR": str(tmp_path), "PORT": "8103"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["http://127.0.0.1:8103", "http://127.0.0.1:8103"]


def test_connecting_to_the_embedded_broker_logs_no_warning(tmp_path, caplog):
    """Issue 16: every connection to `filesystem://` logged kombu's "No hostname was supplied"."""
    from kombu import Connection

    embedded = broker_url_config("", result_backend="", var_dir=tmp_path)
    with (
        caplog.at_level(logging.WARNING),
        Connection(embedded.broker_url, transport_options=embedded.transport_options) as connection,
    ):
        connection.ensure_connection()
        assert connection.info()["hostname"] == "localhost"
    assert [record.getMessage() for record in caplog.records] == []


def test_a_worker_consumes_the_urgent_queue_first_and_on_redis_serves_it_first(settings, tmp_path):
    from lms.celery import app, task_route

    assert [queue.name for queue in app.conf.task_queues] == [
        settings.CELERY_TASK_DEFAULT_QUEUE,
        settings.BACKGROUND_TASK_QUEUE,
    ]
    assert task_route("certificates.issue", (), {}, {}) is None  # the default queue: urgent
    assert task_route("lms.core.tasks.django_task_run_task", (), {}, {}) == {"queue": settings.BACKGROUND_TASK_QUEUE}
    code = "from django.conf import settings; print(settings.CELERY_BROKER_TRANSPORT_OPTIONS)"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "LMS_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "'queue_order_strategy': 'priority'" in result.stdout


# A 403, a 404 and a 500 served under the development settings, then the development server's
# access line and the autoreloader's start: what `make run` prints for each, between markers.
DEVELOPMENT_CONSOLE_SCRIPT = """
import logging, sys
import django
django.setup()
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client, override_settings
from django.urls import path
import lms.urls

def forbidden(request):
    raise PermissionDenied

def missing(request):
    raise Http404

def broken(request):
    raise RuntimeError("boom")

urlpatterns = [path("forbidden/", forbidden), path("missing/", missing), path("broken/", broken), *lms.urls.urlpatterns]

def mark(name):
    sys.stderr.write(f"@@{name}\\n")
    sys.stderr.flush()

with override_settings(ROOT_URLCONF=sys.modules[__name__], MIDDLEWARE=[]):
    client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
    for status, path_ in (("403", "/forbidden/"), ("404", "/missing/"), ("500", "/broken/")):
        mark(status)
        assert client.get(path_).status_code == int(status)
mark("access")
logging.getLogger("django.server").warning('"GET /forbidden/ HTTP/1.1" 403 1234', extra={"status_code": 403})
mark("reload")
logging.getLogger("django.utils.autoreload").info("Watching for file changes with StatReloader")
mark("translations")
from django.core.paginator import Paginator
from wagtail_localize.models import Translation
Paginator(Translation.objects.all(), 25)
mark("end")
"""


def test_the_development_console_shows_a_4xx_once_and_a_server_error_in_full(tmp_path):
    """`make run` logged each 4xx twice (the access line and django.request), a 403 with its
    traceback, twice, and "Watching for file changes" twice."""
    import re

    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LMS_", "PORT"))}
    result = subprocess.run(
        [sys.executable, "-c", DEVELOPMENT_CONSOLE_SCRIPT],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "lms.settings.dev", "LMS_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    printed = dict(re.findall(r"@@(\w+)\n(.*?)(?=@@)", result.stderr, re.S))

    assert (printed["403"], printed["404"]) == ("", "")
    assert printed["500"].count("Internal Server Error: /broken/") == 1
    assert printed["500"].count("Traceback (most recent call last)") == 1
    assert printed["500"].endswith("RuntimeError: boom\n")
    assert re.fullmatch(r'\[[^\]]+\] "GET /forbidden/ HTTP/1\.1" 403 1234\n', printed["access"])
    assert printed["reload"].count("Watching for file changes") == 1
    assert printed["translations"] == ""  # wagtail-localize's unordered report (the filter in lms/settings/base.py)


def test_only_wagtail_localizes_unordered_pagination_warning_is_silenced_in_tests(db):
    """Its translations report paginates an unordered queryset (pyproject.toml filters the warning for
    pytest); any other unordered pagination still warns."""
    import warnings

    from django.contrib.auth.models import Group
    from django.core.paginator import Paginator, UnorderedObjectListWarning
    from wagtail_localize.models import Translation

    with warnings.catch_warnings(record=True) as caught:
        Paginator(Translation.objects.all(), 25)
        Paginator(Group.objects.all(), 25)

    unordered = [str(warning.message) for warning in caught if warning.category is UnorderedObjectListWarning]
    assert len(unordered) == 1
    assert "django.contrib.auth.models.Group" in unordered[0]
