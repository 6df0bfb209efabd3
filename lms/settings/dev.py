"""Development: the one-machine default that `make run` starts."""

from __future__ import annotations

import secrets

from lms.settings.base import *  # noqa: F403
from lms.settings.base import DEBUG_FROM_ENV, SECRET_KEY, VAR_DIR

DEBUG = True if DEBUG_FROM_ENV is None else DEBUG_FROM_ENV


def _local_secret_key() -> str:
    """A key generated once per checkout and kept out of the repository, in var/."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = SECRET_KEY or _local_secret_key()
