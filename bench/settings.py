"""Settings for the benchmarks: production settings, reachable over plain HTTP on 127.0.0.1.

Only what a local, HTTP-only measurement needs differs from production: no HTTPS redirect,
the loopback host, and the bench URLconf that adds the baseline view.
"""

from __future__ import annotations

from lms.settings.production import *  # noqa: F403

DEBUG = False
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.urls"
