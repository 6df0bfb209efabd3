"""Production: everything from the environment, HTTPS only. Adds no feature of its own."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from lms.settings.base import *  # noqa: F403
from lms.settings.base import SECRET_KEY, SILENCED_SYSTEM_CHECKS, env

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

if not SECURE_HSTS_PRELOAD:
    # Preloading commits every subdomain of the operator's domain to HTTPS in browsers for
    # months; it is the operator's decision (DJANGO_HSTS_PRELOAD), not a default.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
