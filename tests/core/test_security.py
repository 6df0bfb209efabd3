"""Security headers and production settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import client_for, make_role_user

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_site_pages_send_a_strict_content_security_policy():
    policy = _policy(Client().get("/"))
    assert policy["default-src"] == "default-src 'self'"
    assert "unsafe-inline" not in policy["script-src"]
    assert "unsafe-inline" not in policy["style-src"]
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["object-src"] == "object-src 'none'"


def test_site_pages_cannot_be_framed_but_admin_previews_can():
    assert Client().get("/")["X-Frame-Options"] == "DENY"
    admin = client_for(make_role_user("trainer")).get("/admin/")
    assert admin.status_code == 200
    assert admin["X-Frame-Options"] == "SAMEORIGIN"
    policy = _policy(admin)
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["frame-ancestors"] == "frame-ancestors 'self'"


def test_other_security_headers():
    response = Client().get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def _production_settings(**env: str) -> subprocess.CompletedProcess:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({k: getattr(settings, k) for k in ["
        "'DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_NAME', 'SESSION_COOKIE_HTTPONLY']}))"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "LMS_", "CERTIFICATES_"))
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "lms.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_uses_secure_cookies_https_and_hsts(tmp_path):
    result = _production_settings(
        DJANGO_SECRET_KEY="x" * 50, LMS_VAR_DIR=str(tmp_path), CERTIFICATES_SIGNING_KEY_FILE="/etc/ocam/key.pem"
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SESSION_COOKIE_NAME"].startswith("__Host-")


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _production_settings(LMS_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_certificate_signing_key(tmp_path):
    result = _production_settings(DJANGO_SECRET_KEY="x" * 50, LMS_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "CERTIFICATES_SIGNING_KEY_FILE" in result.stderr
