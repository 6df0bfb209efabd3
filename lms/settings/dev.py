"""Development: the one-machine default that `make run` starts."""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Mapping, Sequence

from django.utils.log import DEFAULT_LOGGING

from lms.settings.base import *  # noqa: F403
from lms.settings.base import DEBUG_FROM_ENV, LOGGING, SECRET_KEY, VAR_DIR

DEBUG = True if DEBUG_FROM_ENV is None else DEBUG_FROM_ENV


def _runserver_port(argv: Sequence[str]) -> str | None:
    """The port of `manage.py runserver [addr:]port`, if that is the command."""
    if len(argv) < 2 or argv[1] != "runserver":
        return None
    for argument in argv[2:]:
        if not argument.startswith("-"):
            port = argument.rpartition(":")[2]
            return port if port.isdigit() else None
    return None


def local_site_url(environ: Mapping[str, str], argv: Sequence[str]) -> str:
    """The site's URL on this machine, for links in e-mails, PDFs and the admin: LMS_SITE_URL if set,
    otherwise http://127.0.0.1 on the port the server runs on.

    `make run` passes its PORT to honcho, which hands the web process that port but the worker
    PORT + 100; so the Makefile also passes LMS_PORT, which honcho leaves alone, and the web
    process and the worker compute the same URL. Then comes runserver's own port, then PORT.
    """
    if environ.get("LMS_SITE_URL"):
        return environ["LMS_SITE_URL"].rstrip("/")
    port = environ.get("LMS_PORT") or _runserver_port(argv) or environ.get("PORT") or "8000"
    return f"http://127.0.0.1:{port}"


SITE_URL = WAGTAILADMIN_BASE_URL = local_site_url(os.environ, sys.argv)


def _local_secret_key() -> str:
    """A key generated once per checkout and kept out of the repository, in var/."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = SECRET_KEY or _local_secret_key()

# The worker prints the console backend's e-mails as they are, not as warning log records.
CELERY_WORKER_REDIRECT_STDOUTS = False

# The console of `make run`: every record once, through the root logger's handler (Django's own
# console handler on the "django" logger printed each a second time), and a 4xx as the server's
# access line only: django.request logs a 4xx as a warning (a 403 with its traceback), a server
# error as an error, with its traceback. Configuring "django" resets its children, so the access
# log's own handler and format (Django's defaults) are declared again.
LOGGING = {
    **LOGGING,
    "formatters": {**LOGGING["formatters"], "django.server": DEFAULT_LOGGING["formatters"]["django.server"]},
    "handlers": {**LOGGING["handlers"], "django.server": DEFAULT_LOGGING["handlers"]["django.server"]},
    "loggers": {
        **LOGGING["loggers"],
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"level": "ERROR"},
        "django.security.csrf": {"level": "ERROR"},  # a refused form: its 403 page says why
        "django.server": DEFAULT_LOGGING["loggers"]["django.server"],
    },
}
