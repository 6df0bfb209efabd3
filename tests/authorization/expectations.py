"""What a role gets from a URL: the expected outcomes, the role helpers, and the harness's own faults.

An outcome is exact: 200 (shown, or a form answered with its errors), a redirect to a named place
(302 to the success page, to the dashboard when Wagtail refuses, to log in), 403 (forbidden), 404
(not found: what the viewer may not see does not exist for them) or 405 (the URL takes no POST),
so that a screen broken into a 404 cannot pass for a refusal. Only where Wagtail itself decides,
on its own screens, do the looser `WagtailRefuses` and `AdminReachable` stand in.

A POST refused by the CSRF check never reached the view: it says nothing about the role and is
raised as a `HarnessError`, never counted as "forbidden". The matrix's tests answer a CSRF failure
with the status 499 (`csrf_failure`, set as CSRF_FAILURE_VIEW in tests/authorization/conftest.py),
which no view of ours returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse

from tests.conftest import ROLES

# The POST matrix adds a trainer of a national authority (Guatemala's), whose scope is their own
# country (IOM trainers see every country), so that "another country's object" means something in
# the admin screens too. The GET matrix tries ROLES.
NATIONAL_TRAINER = "national_trainer"
POST_ROLES = (*ROLES, NATIONAL_TRAINER)

CSRF_FAILURE_STATUS = 499


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The CSRF failure view of the matrix's tests: a status no view answers, so it cannot pass for a 403."""
    return HttpResponse(f"CSRF failure: {reason}", status=CSRF_FAILURE_STATUS, content_type="text/plain")


class HarnessError(Exception):
    """The request did not test the role: it was refused for its CSRF token, or sent without the check."""


def harness_fault(response: HttpResponse) -> None:
    """Raise HarnessError when a POST never reached the view for a reason that is the test's own."""
    if response.status_code == CSRF_FAILURE_STATUS:
        raise HarnessError(f"refused by the CSRF check ({response.content.decode()}): the test's token was not valid")
    request = getattr(response, "wsgi_request", None)
    if request is None or request.method != "POST":
        return
    if getattr(request, "_dont_enforce_csrf_checks", False):
        raise HarnessError("POST sent without the CSRF check: use Client(enforce_csrf_checks=True)")
    if response.status_code == 403 and not getattr(request, "csrf_processing_done", False):
        # A 403 that no view gave: Django's own CSRF failure page (the test's failure view is not set).
        view = getattr(getattr(request, "resolver_match", None), "func", None)
        if not getattr(view, "csrf_exempt", False):
            raise HarnessError("403 before the view: refused by the CSRF check, not by the view")


class Expectation(Protocol):
    def check(self, response: HttpResponse, places: Mapping[str, str] | None = None) -> str | None: ...


MEANINGS = {
    200: "shown",
    302: "redirected",
    400: "form errors",
    401: "unauthorised",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
}


def _described(status: int) -> str:
    return f"{status} ({MEANINGS.get(status, 'other')})"


@dataclass(frozen=True)
class Expect:
    """One exact outcome: a status and, for a redirect, the path it goes to.

    `location` is the redirect's path (its query, such as ?next=, is not compared); a trailing
    "*" accepts any path that starts with the rest; "{name}" stands for a place of the test's
    data (a lesson's URL, say), filled in from `places` when the response is checked.
    """

    status: int
    location: str | None = None

    def __post_init__(self) -> None:
        if 300 <= self.status < 400 and not self.location:
            raise ValueError("a redirect's expectation names where it goes")

    def __str__(self) -> str:
        return _described(self.status) + (f" to {self.location}" if self.location else "")

    def check(self, response: HttpResponse, places: Mapping[str, str] | None = None) -> str | None:
        harness_fault(response)
        got = _described(response.status_code)
        if 300 <= response.status_code < 400:
            got += f" to {response['Location']}"
        if response.status_code != self.status:
            return f"{got}, expected {self}"
        if self.location is None:
            return None
        wanted = self.location.format_map(places or {})
        path = urlsplit(response["Location"]).path
        matches = path.startswith(wanted[:-1]) if wanted.endswith("*") else path == wanted
        return None if matches else f"{got}, expected a redirect to {wanted}"


@dataclass(frozen=True)
class AdminReachable:
    """Inside the admin for a role with admin access: any answer but an error or a login.

    For Wagtail's own screens only, whose answers Wagtail decides (a page, a redirect, a 404 for
    an object that does not exist)."""

    def __str__(self) -> str:
        return "reachable in the admin"

    def check(self, response: HttpResponse, places: Mapping[str, str] | None = None) -> str | None:
        harness_fault(response)
        if response.status_code >= 500 or response.status_code == 403:
            return f"status {response.status_code}"
        if response.status_code == 302 and "/login/" in response["Location"]:
            return f"sent to log in ({response['Location']})"
        return None


@dataclass(frozen=True)
class WagtailRefuses:
    """A trainer on one of Wagtail's own administration screens (sites, groups, locales…): refused.

    Wagtail chooses how: a redirect to the dashboard for a screen, a 404 for an object, a 405 for
    a method. Any of these passes, the screen itself never; our own URLs have exact outcomes."""

    def __str__(self) -> str:
        return "refused by Wagtail"

    def check(self, response: HttpResponse, places: Mapping[str, str] | None = None) -> str | None:
        harness_fault(response)
        if response.status_code in (302, 404, 405):
            location = response.get("Location", "/admin/")
            return None if location.startswith("/admin/") else f"redirected to {location}"
        return f"status {response.status_code}: the screen was shown"


OK = Expect(200)
FORM_ERRORS = Expect(400)
FORBIDDEN = Expect(403)
NOT_FOUND = Expect(404)
METHOD_NOT_ALLOWED = Expect(405)
LOGIN = Expect(302, "/account/login/")
ADMIN_DENIED = Expect(302, "/admin/")  # Wagtail's "permission denied": back to the dashboard
REACHABLE = AdminReachable()
NO_ADMIN = ("anonymous", "learner", "focal_point", "regional_coordinator")
ADMIN_ROLES = ("trainer", NATIONAL_TRAINER, "administrator")


def everyone(expect: Expectation) -> dict[str, Expectation]:
    return dict.fromkeys(POST_ROLES, expect)


def signed_in(expect: Expectation) -> dict[str, Expectation]:
    return {**everyone(expect), "anonymous": LOGIN}


def practising(expect: Expectation) -> dict[str, Expectation]:
    """Learners, trainers and administrators practise in their own sandbox; other roles do not."""
    return {
        **signed_in(FORBIDDEN),
        "learner": expect,
        "trainer": expect,
        NATIONAL_TRAINER: expect,
        "administrator": expect,
    }


def inspecting(expect: Expectation, *, national: Expectation | None = None) -> dict[str, Expectation]:
    """Trainers open learners' sandboxes read-only (a national trainer, their country's); nobody else does."""
    return {**signed_in(FORBIDDEN), "trainer": expect, NATIONAL_TRAINER: national or expect}


def admin(*, trainer: Expectation, administrator: Expectation, national: Expectation | None = None) -> dict:
    """The admin: roles without admin access are sent to log in; a national trainer as a trainer unless told."""
    return {
        **dict.fromkeys(NO_ADMIN, LOGIN),
        "trainer": trainer,
        NATIONAL_TRAINER: national or trainer,
        "administrator": administrator,
    }


def tracking(
    *, focal_point: Expectation, regional_coordinator: Expectation, administrator: Expectation | None = None
) -> dict[str, Expectation]:
    """Country tracking: focal points, the regional coordinator and administrators; 403 for others."""
    return {
        **signed_in(FORBIDDEN),
        "focal_point": focal_point,
        "regional_coordinator": regional_coordinator,
        "administrator": administrator or regional_coordinator,
    }


def trackers(expect: Expectation) -> dict[str, Expectation]:
    return tracking(focal_point=expect, regional_coordinator=expect)
