"""The sandbox's screens by job function: a learner acting as each function of the sandbox
(`sandbox.job_functions`) gets each gated screen, or its 403 page.

The expectations are written out here, not read from `CAPABILITIES`, so that a change to the
table of capabilities that opens or closes a screen to a function fails until it is stated.
A holding function reaches the view: 200 on a screen, 404 for a scan decision on a scan that
does not exist (the view's own answer, after the gate), and for an empty registration whatever
the movement form answers it (the primary line's screen is rebuilt apart: `Reached`).
Statistics are every function's: no function is refused them (`tests/sandbox/test_views_roles.py`
shows that their screens are gated all the same).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from sandbox.models import Sandbox, SandboxRole
from tests.authorization.expectations import FORBIDDEN, NOT_FOUND, OK, Expectation
from tests.conftest import make_role_user
from tests.sandbox.baseline_rows import baseline_person

BORDER = SandboxRole.BORDER_OFFICER
SECONDARY = SandboxRole.SECONDARY_OFFICER
ALERTS = SandboxRole.ALERT_MANAGER
ANALYST = SandboxRole.ANALYST
STATISTICS = SandboxRole.STATISTICS_OFFICER
FOCAL_POINT = SandboxRole.FOCAL_POINT
FOCAL = FOCAL_POINT
SUPERVISOR = SandboxRole.SUPERVISOR
# The functions that search people, and those that consult other member countries.
SEARCHING = frozenset({BORDER, SECONDARY, ALERTS, ANALYST, FOCAL_POINT, SUPERVISOR})
CONSULTING = frozenset({SECONDARY, ALERTS, ANALYST, FOCAL_POINT})


@dataclass(frozen=True)
class Reached:
    """The view answered: neither the gate's 403 nor a server error."""

    def __str__(self) -> str:
        return "reached the view"

    def check(self, response, places=None) -> str | None:
        return None if response.status_code not in (403, 500) else f"status {response.status_code}"


# (method, URL name, arguments) -> the functions that get in, and what they get.
GATED: dict[tuple[str, str, tuple], tuple[frozenset[str], Expectation]] = {
    ("get", "sandbox:person_search", ()): (SEARCHING, OK),
    ("get", "sandbox:person_detail", ("person",)): (SEARCHING, OK),
    ("get", "sandbox:movement_create", ()): (frozenset({BORDER, SECONDARY, SUPERVISOR}), OK),
    ("post", "sandbox:movement_create", ()): (frozenset({BORDER, SECONDARY, SUPERVISOR}), Reached()),
    ("get", "sandbox:scan_triage", ()): (frozenset({BORDER, SUPERVISOR}), OK),
    ("post", "sandbox:scan_decide", (999999,)): (frozenset({BORDER, SUPERVISOR}), NOT_FOUND),
    ("get", "sandbox:consultation_list", ()): (CONSULTING, OK),
    ("get", "sandbox:consultation_create", ()): (CONSULTING, OK),
    ("post", "sandbox:consultation_create", ()): (CONSULTING, Reached()),
    ("get", "sandbox:consultation_detail", (999999,)): (CONSULTING, NOT_FOUND),
    ("get", "sandbox:statistics", ()): (frozenset(SandboxRole.values), OK),
    ("get", "sandbox:statistics_daily", ()): (frozenset(SandboxRole.values), OK),
    ("get", "sandbox:audit_list", ()): (frozenset({FOCAL_POINT, SUPERVISOR}), OK),
    ("post", "sandbox:audit_flag", ()): (frozenset({FOCAL_POINT, SUPERVISOR}), Reached()),
    # Information requests (no such hit, request or incoming request: the view's own 404).
    ("get", "sandbox:request_create", (999999, 999999)): (CONSULTING, NOT_FOUND),
    ("post", "sandbox:request_create", (999999, 999999)): (CONSULTING, NOT_FOUND),
    ("get", "sandbox:request_detail", (999999,)): (CONSULTING, NOT_FOUND),
    ("get", "sandbox:incoming_list", ()): (frozenset({FOCAL}), OK),
    ("get", "sandbox:incoming_answer", (999999,)): (frozenset({FOCAL}), NOT_FOUND),
    ("post", "sandbox:incoming_answer", (999999,)): (frozenset({FOCAL}), NOT_FOUND),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", SandboxRole.values)
def test_gated_screens_by_job_function(role):
    person = baseline_person()
    learner = make_role_user("learner")
    Sandbox.objects.create(owner=learner, role=role)
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")
    client.raise_request_exception = False
    client.get(reverse("sandbox:home"))  # the CSRF cookie, as a browser holds it
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    failures = []
    for (method, name, args), (holders, holding) in GATED.items():
        url = reverse(name, args=[person.uid if arg == "person" else arg for arg in args])
        response = client.post(url, {"csrfmiddlewaretoken": token}) if method == "post" else client.get(url)
        expected = holding if role in holders else FORBIDDEN
        problem = expected.check(response)
        if problem:
            failures.append(f"{role} {method.upper()} {url}: {problem}")
        elif expected is FORBIDDEN and "sandbox-role-refused" not in response.content.decode():
            failures.append(f"{role} {method.upper()} {url}: a 403 without the page that says who may and how")
    assert not failures, "\n".join(failures)
