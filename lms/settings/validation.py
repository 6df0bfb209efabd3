"""Parse the URLs that configure the platform's services, failing early with the variable's name.

A mistyped `DATABASE_URL` or `CELERY_BROKER_URL` must stop the process at start-up
with a message an operator can act on, not later with a driver's traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from kombu import Exchange, Queue

DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql", "psql"}
BROKER_SCHEMES = {"redis", "rediss", "amqp", "amqps", "pyamqp", "filesystem", "memory"}
CACHE_SCHEMES = {"locmemcache", "dummycache", "redis", "rediss", "rediscache", "filecache"}
EMAIL_SCHEMES = {"smtp", "smtps", "smtp+tls", "smtp+ssl", "consolemail", "filemail", "memorymail", "dummymail"}
RESULT_BACKEND_SCHEMES = {"redis", "rediss", "rpc", "file"}


def _scheme(value: str) -> str:
    return value.split("://", 1)[0].lower() if "://" in value else ""


def _fail(variable: str, value: str, expected: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{variable} is invalid ({redact_url(value)!r}): expected {expected}.")


def redact_url(value: str) -> str:
    """The URL with its password replaced by ***, for messages and logs."""
    try:
        parts = urlsplit(value)
        if parts.password:
            return value.replace(f":{parts.password}@", ":***@")
    except ValueError:
        pass
    return value


def database_url_config(value: str) -> dict:
    """Return Django's DATABASES entry for DATABASE_URL, or raise naming the variable."""
    expected = "postgres://user:password@host:5432/name or sqlite:///path/to/file.sqlite3"
    if _scheme(value) not in DATABASE_SCHEMES:
        raise _fail("DATABASE_URL", value, expected)
    try:
        config = environ.Env.db_url_config(value)
        if not config.get("NAME"):
            raise ValueError("no database name")
        if config["ENGINE"].endswith("postgresql"):
            if not config.get("HOST") and not config.get("OPTIONS", {}).get("host"):
                raise ValueError("no host")
            urlsplit(value).port  # noqa: B018 - raises ValueError on a non-numeric port
    except (ValueError, KeyError) as error:
        raise _fail("DATABASE_URL", value, expected) from error
    config.setdefault("ATOMIC_REQUESTS", False)
    if config["ENGINE"].endswith("postgresql"):
        config.setdefault("CONN_MAX_AGE", 60)
        config.setdefault("CONN_HEALTH_CHECKS", True)
    return config


def _check_port(variable: str, value: str, expected: str) -> None:
    try:
        urlsplit(value).port  # noqa: B018 - raises ValueError on a non-numeric port
    except ValueError as error:
        raise _fail(variable, value, expected) from error


def cache_url_config(value: str) -> dict:
    """Return Django's CACHES entry for CACHE_URL, or raise naming the variable."""
    expected = "locmemcache:// or redis://host:6379/1"
    if _scheme(value) not in CACHE_SCHEMES:
        raise _fail("CACHE_URL", value, expected)
    _check_port("CACHE_URL", value, expected)
    try:
        return environ.Env.cache_url_config(value)
    except (ValueError, KeyError) as error:
        raise _fail("CACHE_URL", value, expected) from error


def email_url_config(value: str) -> dict:
    """Return Django's EMAIL_* settings for EMAIL_URL, or raise naming the variable."""
    expected = "consolemail:// or smtp+tls://user:password@host:587"
    if _scheme(value) not in EMAIL_SCHEMES:
        raise _fail("EMAIL_URL", value, expected)
    _check_port("EMAIL_URL", value, expected)
    try:
        return environ.Env.email_url_config(value)
    except (ValueError, KeyError) as error:
        raise _fail("EMAIL_URL", value, expected) from error


@dataclass(frozen=True)
class BrokerConfig:
    broker_url: str
    result_backend: str
    is_embedded: bool
    transport_options: dict = field(default_factory=dict)
    # kombu's transport class, when the URL's scheme does not name the one to use.
    transport: str | None = None


def embedded_broker_folders(var_dir: Path) -> dict[str, Path]:
    """The folders kombu's filesystem transport reads and writes."""
    root = var_dir / "celery"
    return {
        "data_folder_in": root / "broker",
        "data_folder_out": root / "broker",
        "processed_folder": root / "processed",
        "control_folder": root / "control",
        "results": root / "results",
    }


def broker_url_config(value: str, *, result_backend: str, var_dir: Path) -> BrokerConfig:
    """Return the Celery broker for CELERY_BROKER_URL; empty means the embedded one."""
    if not value:
        if result_backend:
            _check_result_backend(result_backend)
        folders = embedded_broker_folders(var_dir)
        for folder in folders.values():
            folder.mkdir(parents=True, exist_ok=True)
        return BrokerConfig(
            # A host name, although the folders are local: without one kombu warns on every connection.
            broker_url="filesystem://localhost/",
            result_backend=result_backend or f"file://{folders['results']}",
            is_embedded=True,
            # kombu's filesystem transport, writing no file that a reader can see half-written.
            transport="lms.shell.embedded_broker:Transport",
            transport_options={
                "data_folder_in": str(folders["data_folder_in"]),
                "data_folder_out": str(folders["data_folder_out"]),
                "processed_folder": str(folders["processed_folder"]),
                "control_folder": str(folders["control_folder"]),
                "store_processed": False,
                # A worker whose pool is busy looks again after this many seconds (kombu's default,
                # one second, let a worker of two processes run at most two tasks a second).
                "polling_interval": 0.1,
            },
        )
    expected = "redis://host:6379/0 (or leave it unset for the embedded broker)"
    if _scheme(value) not in BROKER_SCHEMES:
        raise _fail("CELERY_BROKER_URL", value, expected)
    _check_port("CELERY_BROKER_URL", value, expected)
    parts = urlsplit(value)
    if parts.scheme in {"redis", "rediss"} and not parts.hostname:
        raise _fail("CELERY_BROKER_URL", value, expected)
    if result_backend:
        _check_result_backend(result_backend)
    else:
        result_backend = value if parts.scheme in {"redis", "rediss"} else "rpc://"
    return BrokerConfig(broker_url=value, result_backend=result_backend, is_embedded=False)


def celery_task_queues(*names: str) -> tuple[Queue, ...]:
    """Celery queues, each on its own direct exchange; a worker started without --queues consumes them in this order."""
    return tuple(Queue(name, Exchange(name, type="direct"), routing_key=name) for name in names)


def _check_result_backend(value: str) -> None:
    expected = "redis://host:6379/0, rpc:// or file:///path"
    if _scheme(value) not in RESULT_BACKEND_SCHEMES:
        raise _fail("CELERY_RESULT_BACKEND", value, expected)
    _check_port("CELERY_RESULT_BACKEND", value, expected)
