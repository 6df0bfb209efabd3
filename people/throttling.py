"""Throttles: failed logins (django-axes), password-reset requests (django-ratelimit), and the
client address every throttle counts by (django-ipware).

Officers at one border post often share one public address, so login throttling locks the
pair (e-mail, address) after AXES_FAILURE_LIMIT failures, and the address as a whole only
after LMS_LOGIN_FAILURES_PER_ADDRESS failures over any e-mails, a higher limit (guessing
spread over many accounts). Both halves of the pair are canonical: the e-mail in lower case
(logins ignore case, so must lock-outs), and the address of the client, not of our proxy.

Password-reset requests are counted per e-mail and per client address in fixed windows of
the cache (any backend: per-process memory in development, Redis with several processes).
Past either limit nothing is sent, and the visitor sees exactly what everyone else sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited
from ipware import get_client_ip


def login_username(request: HttpRequest, credentials: Mapping[str, Any] | None = None) -> str:
    """The e-mail being tried, stripped and lower-cased."""
    source = credentials if credentials else getattr(request, "POST", {})
    return str(source.get(settings.AXES_USERNAME_FORM_FIELD) or "").strip().lower()


def client_address(request: HttpRequest) -> str | None:
    """The client's address, trusting exactly DJANGO_PROXY_COUNT proxies in front of us.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For;
    with N proxies the client is the N-th entry from the right. Anything to its left was
    written by the client and is not trusted. django-ipware reads the N entries our proxies
    wrote, which must all be addresses; without them, the connection's own (REMOTE_ADDR).
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.LMS_PROXY_COUNT
    if count <= 0:
        return remote
    # ipware skips what is not an address before it counts from the right, so an entry the
    # client wrote could move into the client's place: it is shown only our proxies' entries.
    written_by_proxies = HttpRequest()
    written_by_proxies.META = {
        "HTTP_X_FORWARDED_FOR": ",".join(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-count:])
    }
    address, _is_routable = get_client_ip(
        written_by_proxies, proxy_count=count - 1, request_header_order=["HTTP_X_FORWARDED_FOR"], strict=True
    )
    return address or remote


def login_failures_from_address(request: HttpRequest) -> int:
    """Failed logins from the request's client address within the cool-off, over every e-mail tried."""
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def is_address_locked(request: HttpRequest) -> bool:
    return login_failures_from_address(request) >= settings.LMS_LOGIN_FAILURES_PER_ADDRESS


class LoginFailureHandler(AxesDatabaseHandler):
    """Axes' database handler with a second, higher limit per client address.

    Axes compares one failure count with one limit (AXES_FAILURE_LIMIT). The count it sees
    is the pair's (AXES_LOCKOUT_PARAMETERS), raised to the limit once the address as a whole
    has reached LMS_LOGIN_FAILURES_PER_ADDRESS, so either limit locks.
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        per_account = super().get_failures(request, credentials)
        if per_account < settings.AXES_FAILURE_LIMIT and is_address_locked(request):
            return settings.AXES_FAILURE_LIMIT
        return per_account


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The lock-out page (429), saying whether the e-mail and address, or the whole address, is locked."""
    context = {"cooloff_timedelta": get_cool_off(request), "is_address_locked": is_address_locked(request)}
    return render(request, "people/lockout.html", context, status=429)


def password_reset_allowed(*, request: HttpRequest | None, email: str) -> bool:
    """Count a password-reset request against the e-mail's and the client address's allowances.

    Both are counted, whichever is used up: a request refused for one still uses the other.
    """
    window = settings.LMS_PASSWORD_RESET_WINDOW
    address = (client_address(request) if request is not None else None) or ""
    # django-ratelimit stores a SHA-256 of the group, the value and the window, never the e-mail.
    email_used_up = is_ratelimited(
        request,
        group="people.password-reset.email",
        key=lambda _group, _request: email.strip().lower(),
        rate=(settings.LMS_PASSWORD_RESETS_PER_EMAIL, window),
        increment=True,
    )
    address_used_up = is_ratelimited(
        request,
        group="people.password-reset.address",
        key=lambda _group, _request: address,
        rate=(settings.LMS_PASSWORD_RESETS_PER_ADDRESS, window),
        increment=True,
    )
    return not (email_used_up or address_used_up)
