"""Production: everything from the environment, HTTPS only. Adds no feature of its own."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from lms.settings.base import *  # noqa: F403
from lms.settings.base import (
    CERTIFICATES_SIGNING_KEY_FILE,
    HSTS_PRELOAD,
    HSTS_SECONDS,
    HTTPS_REDIRECT,
    SECRET_KEY,
    SILENCED_SYSTEM_CHECKS,
)

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not CERTIFICATES_SIGNING_KEY_FILE:
    # A key made on the fly would sign certificates no published key set could verify tomorrow.
    raise ImproperlyConfigured(
        "CERTIFICATES_SIGNING_KEY_FILE must name the Ed25519 key (PEM) that signs certificates in production."
    )

SECURE_SSL_REDIRECT = HTTPS_REDIRECT
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = HSTS_PRELOAD
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

if not SECURE_HSTS_PRELOAD:
    # Preloading commits every subdomain of the operator's domain to HTTPS in browsers for
    # months; it is the operator's decision (DJANGO_HSTS_PRELOAD), not a default.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
