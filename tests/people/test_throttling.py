"""The client address every throttle counts by (django-ipware behind DJANGO_PROXY_COUNT trusted
proxies), and the password-reset allowances (django-ratelimit's fixed windows)."""

from __future__ import annotations

import time

import pytest
import time_machine
from axes.helpers import get_client_ip_address
from django.test import RequestFactory

from people.throttling import client_address, password_reset_allowed

PROXY = "10.0.0.1"


def request_from(forwarded: str | None, *, remote: str = PROXY):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # No trusted proxy: the header is whatever the client wrote.
        (0, "203.0.113.9", PROXY),
        (1, "203.0.113.9", "203.0.113.9"),
        # Entries to the left of our proxies' were written by the client.
        (1, "192.0.2.66, 203.0.113.9", "203.0.113.9"),
        (1, "192.0.2.66, not-an-address,, 203.0.113.9", "203.0.113.9"),
        (2, "203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "192.0.2.66, 198.51.100.7, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        # Fewer entries than trusted proxies: the request did not come through them all.
        (1, None, PROXY),
        (1, "", PROXY),
        (2, "203.0.113.9", PROXY),
        # IPv6 as written by a proxy, in its one canonical spelling.
        (1, "192.0.2.66, 2001:DB8:0::9", "2001:db8::9"),
    ],
)
def test_the_client_address_is_the_nth_entry_from_the_right_behind_n_proxies(settings, proxies, forwarded, expected):
    settings.LMS_PROXY_COUNT = proxies

    assert client_address(request_from(forwarded)) == expected


@pytest.mark.parametrize("forwarded", ["192.0.2.66, unknown, 10.0.0.2", "192.0.2.66, 203.0.113.9, unix:"])
def test_an_entry_of_our_proxies_that_is_not_an_address_never_lets_a_client_written_one_take_its_place(
    settings, forwarded
):
    """ipware skips what is not an address before counting from the right: shown the whole header, it
    would answer 192.0.2.66, which the client wrote. The connection's own address is counted instead."""
    settings.LMS_PROXY_COUNT = 2

    assert client_address(request_from(forwarded)) == PROXY


def test_axes_counts_failed_logins_by_the_same_address_as_the_other_throttles(settings):
    settings.LMS_PROXY_COUNT = 1
    request = request_from("192.0.2.66, 203.0.113.9")

    assert get_client_ip_address(request) == client_address(request) == "203.0.113.9"


@pytest.fixture
def reset_limits(settings, fresh_rate_limits):
    settings.LMS_PASSWORD_RESETS_PER_EMAIL = 1
    settings.LMS_PASSWORD_RESETS_PER_ADDRESS = 2
    return settings


def test_a_request_refused_for_its_email_still_counts_against_its_address(reset_limits):
    request = request_from(None, remote="203.0.113.50")

    answers = [
        password_reset_allowed(request=request, email="una@example.org"),
        password_reset_allowed(request=request, email=" UNA@example.org"),
        password_reset_allowed(request=request, email="otra@example.org"),
    ]

    assert answers == [True, False, False]


def test_the_allowances_come_back_once_their_window_has_passed(reset_limits):
    request = request_from(None, remote="203.0.113.51")
    assert password_reset_allowed(request=request, email="una@example.org") is True
    assert password_reset_allowed(request=request, email="una@example.org") is False

    with time_machine.travel(time.time() + reset_limits.LMS_PASSWORD_RESET_WINDOW, tick=False):
        assert password_reset_allowed(request=request, email="una@example.org") is True


def test_without_a_request_the_email_is_still_counted(reset_limits):
    assert password_reset_allowed(request=None, email="una@example.org") is True
    assert password_reset_allowed(request=None, email="una@example.org") is False
