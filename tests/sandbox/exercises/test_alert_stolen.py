"""#4 A stolen passport's alert: the right alert, approved by a second user, scores 100 and the
seeded crossing abroad hits it; each single mistake scores below the pass mark, named."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from sandbox.alerts import alert_create, alert_request_approval
from sandbox.exercises import exercise_type
from sandbox.exercises.base import BuildContext
from sandbox.exercises.solutions import solve
from sandbox.models import AlertCategory, AlertHit, CrossingPoint
from tests.people.factories import UserFactory, person
from tests.sandbox.exercises.helpers import check, start

pytestmark = pytest.mark.django_db


def _codes(result) -> list[str]:
    return [finding["code"] for finding in result.findings]


def _raise(user, attempt, **changes):
    brief = attempt.brief
    fields = {
        "category": AlertCategory.objects.get(code="DOC_LOST_STOLEN"),
        "document_number": brief["document_number"],
        "document_issuing_state_id": brief["issuing_state"],
        "issuing_country_id": brief["issuing_state"],
        "valid_from": timezone.localdate(),
        "sharing_scope": "OCAM_ALL",
        "legal_reference": f"Denuncia {brief['report']}",
        **changes,
    }
    return alert_create(sandbox=attempt.sandbox, actor=user, **fields)


def test_the_approved_alert_scores_100_and_the_crossing_abroad_hits_it():
    user = person()
    attempt = start(user, "alert_stolen_passport")
    alert = _raise(user, attempt)
    alert = alert_request_approval(sandbox=attempt.sandbox, alert=alert, actor=user)
    assert (alert.status, alert.approved_by_id != user.pk) == ("ACTIVE", True)
    result = check(user, attempt)
    assert (result.score, result.findings) == (100, [])
    [hit] = AlertHit.objects.layer_of(attempt.sandbox).filter(alert_uid=alert.uid)
    post = CrossingPoint.objects.get(code=attempt.expected["crossing"]["crossing_point"])
    assert (hit.match_type, hit.scenario, hit.disposition) == ("DOC_EXACT", attempt.pk, "PENDING")
    assert post.country_id != attempt.brief["issuing_state"]
    # A second check reuses the crossing's hit: no second one.
    assert check(user, attempt).score == 100
    assert AlertHit.objects.layer_of(attempt.sandbox).filter(alert_uid=alert.uid).count() == 1


def test_the_scenario_is_the_learners_country_and_hides_the_crossing():
    user = person(authority_code="cr-dgme")
    attempt = start(user, "alert_stolen_passport")
    assert attempt.brief["issuing_state"] == "CRI"
    assert attempt.expected["crossing"]["crossing_point"] not in str(attempt.brief)
    anchor = dt.datetime(2026, 3, 1, 15, tzinfo=dt.UTC)
    plan = exercise_type("alert_stolen_passport").build(BuildContext(seed=5, parameters={}, anchor=anchor))
    assert plan.brief["issuing_state"] in ("GTM", "SLV", "HND", "NIC", "CRI", "PAN", "BLZ", "DOM")


def test_an_alert_awaiting_approval_does_not_stop_the_passport():
    user = person()
    attempt = start(user, "alert_stolen_passport")
    _raise(user, attempt)
    result = check(user, attempt)
    assert result.score <= 40
    assert _codes(result) == ["stolen.not_approved", "stolen.no_hit"]


def test_an_alert_on_another_number_is_named_and_stops_nothing():
    user = person()
    attempt = start(user, "alert_stolen_passport")
    alert = _raise(user, attempt, document_number="X00000000")
    alert_request_approval(sandbox=attempt.sandbox, alert=alert, actor=user)
    result = check(user, attempt)
    assert _codes(result) == ["stolen.document_number", "stolen.no_hit"]


def test_a_legal_basis_without_the_report_is_named():
    user = person()
    attempt = start(user, "alert_stolen_passport")
    alert = _raise(user, attempt, legal_reference="Denuncia verbal")
    alert_request_approval(sandbox=attempt.sandbox, alert=alert, actor=user)
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result) == ["stolen.legal_reference"]


@pytest.mark.parametrize(
    ("mistake", "codes"),
    [
        ("stolen.sharing", ["stolen.sharing", "stolen.no_hit"]),
        ("stolen.validity", ["stolen.validity"]),
        ("stolen.category", ["stolen.category"]),
        ("stolen.action", ["stolen.action"]),
        ("stolen.not_approved", ["stolen.not_approved", "stolen.no_hit"]),
    ],
)
def test_each_single_mistake_is_named_and_fails(mistake, codes):
    user = person()
    attempt = start(user, "alert_stolen_passport")
    solve(user=user, attempt=attempt, mistake=mistake)
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result) == codes


def test_no_alert_scores_0():
    user = UserFactory()
    attempt = start(user, "alert_stolen_passport")
    result = check(user, attempt)
    assert (result.score, _codes(result)) == (0, ["stolen.missing"])
