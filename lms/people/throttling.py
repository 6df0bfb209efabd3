"""Who is trying to log in, and from where: the keys of login throttling (django-axes).

Officers at one border post often share one public address, so throttling locks the pair
(e-mail, address). Both halves must be canonical: the e-mail in lower case (logins ignore
case, so must lock-outs), and the address of the client, not of our reverse proxy.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def login_username(request: HttpRequest, credentials: Mapping[str, Any] | None = None) -> str:
    """The e-mail being tried, stripped and lower-cased."""
    source = credentials if credentials else getattr(request, "POST", {})
    return str(source.get(settings.AXES_USERNAME_FORM_FIELD) or "").strip().lower()


def client_address(request: HttpRequest) -> str | None:
    """The client's address, trusting exactly DJANGO_PROXY_COUNT proxies in front of us.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For;
    with N proxies the client is the N-th entry from the right. Anything to its left was
    written by the client and is not trusted.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.LMS_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return forwarded[-count] if len(forwarded) >= count else remote
