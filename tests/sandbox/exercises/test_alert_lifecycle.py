"""#14 The alert lifecycle review: the changes the rules and the news call for score 100; each
single mistake scores below the pass mark, named; the transitions go through the one table."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sandbox import services
from sandbox.alerts import TransitionRefused, alert_transition
from sandbox.exercises.solutions import solve
from sandbox.models import Alert, AlertCategory, AlertChange
from tests.people.factories import person
from tests.sandbox.exercises.helpers import check, start

pytestmark = pytest.mark.django_db


def _codes(result) -> list[str]:
    return [finding["code"] for finding in result.findings]


def _alert(attempt, role: str) -> Alert:
    entry = next(entry for entry in attempt.expected["alerts"] if entry["role"] == role)
    return Alert.objects.visible_to(attempt.sandbox).select_related("category").get(uid=entry["alert"])


def test_the_right_changes_score_100():
    user = person()
    attempt = start(user, "alert_lifecycle_review")
    solve(user=user, attempt=attempt)
    result = check(user, attempt)
    assert (result.score, result.findings) == (100, [])
    statuses = {entry["role"]: _alert(attempt, entry["role"]).status for entry in attempt.expected["alerts"]}
    assert statuses == {
        "extend": "ACTIVE",
        "expire": "EXPIRED",
        "fulfil": "FULFILLED",
        "review": "ACTIVE",
        "untouched": "ACTIVE",
    }


def test_the_scenario_follows_the_rules():
    user = person()
    attempt = start(user, "alert_lifecycle_review")
    today = attempt.started_at.date()
    alerts = {entry["role"]: (_alert(attempt, entry["role"]), entry) for entry in attempt.expected["alerts"]}
    assert {alert.issuing_country_id for alert, _entry in alerts.values()} == {"GTM"}
    for role, (alert, entry) in alerts.items():
        assert (alert.status, alert.review_due < today) == ("ACTIVE", role != "untouched")
        if role == "expire":
            assert alert.valid_until < today
        else:
            assert alert.valid_until >= today
        if role == "extend":
            extended = dt.date.fromisoformat(entry["extended_until"])
            longest = alert.valid_from + dt.timedelta(days=alert.category.max_validity_days)
            assert alert.valid_until < extended <= longest
    assert len(attempt.brief["news"]) == 2
    assert "EXPIRED" not in str(attempt.brief) and "expire" not in str(attempt.brief)


def test_a_valid_alert_cannot_be_expired_nor_extended_past_its_longest_validity():
    user = person()
    attempt = start(user, "alert_lifecycle_review")
    alert = _alert(attempt, "review")
    with pytest.raises(TransitionRefused):
        alert_transition(sandbox=attempt.sandbox, alert=alert, actor=user, kind="EXPIRE")
    longest = alert.valid_from + dt.timedelta(days=AlertCategory.objects.get(pk=alert.category_id).max_validity_days)
    with pytest.raises(ValidationError):
        alert_transition(
            sandbox=attempt.sandbox,
            alert=alert,
            actor=user,
            kind="EXTEND",
            valid_until=longest + dt.timedelta(days=1),
            justification="x",
        )


@pytest.mark.parametrize(
    "mistake", ["lifecycle.extend", "lifecycle.expire", "lifecycle.fulfil", "lifecycle.review", "lifecycle.changed"]
)
def test_each_single_mistake_is_named_and_fails(mistake):
    user = person()
    attempt = start(user, "alert_lifecycle_review")
    solve(user=user, attempt=attempt, mistake=mistake)
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    expected = [mistake] * (2 if mistake == "lifecycle.review" else 1)
    assert _codes(result) == expected


def test_an_extension_whose_justification_is_blanked_is_named():
    user = person()
    attempt = start(user, "alert_lifecycle_review")
    solve(user=user, attempt=attempt)
    change = AlertChange.objects.layer_of(attempt.sandbox).get(kind="EXTEND")
    services.record_update(sandbox=attempt.sandbox, record=change, justification="")
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result) == ["lifecycle.extend_unjustified"]


def test_a_fulfilled_alert_may_be_cancelled_instead():
    user = person()
    attempt = start(user, "alert_lifecycle_review")
    solve(user=user, attempt=attempt, mistake="lifecycle.fulfil")
    alert_transition(
        sandbox=attempt.sandbox, alert=_alert(attempt, "fulfil"), actor=user, kind="CANCEL", justification="Arrested."
    )
    assert check(user, attempt).score == 100


def test_nothing_done_names_every_alert_but_the_untouched_one():
    user = person()
    attempt = start(user, "alert_lifecycle_review")
    result = check(user, attempt)
    assert sorted(_codes(result)) == sorted(
        ["lifecycle.extend", "lifecycle.expire", "lifecycle.fulfil", "lifecycle.review", "lifecycle.review"]
    )
