"""#12 A minor's exit with a stale alert: referring the child and asking the alert's owner to
follow it up scores 100; admitting the child is critical; changing or deleting the alert at the
border, or no follow-up, is named."""

from __future__ import annotations

import datetime as dt

import pytest

from sandbox import services
from sandbox.alerts import alert_transition
from sandbox.exercises.solutions import screened_register, solve
from sandbox.models import Alert
from sandbox.mrz import mrz_read
from tests.people.factories import person
from tests.sandbox.exercises.helpers import check, start

pytestmark = pytest.mark.django_db


def _codes(result) -> list[str]:
    return [finding["code"] for finding in result.findings]


def test_a_referral_for_the_missing_permit_with_a_follow_up_scores_100():
    user = person()
    attempt = start(user, "minor_exit_stale_alert")
    solve(user=user, attempt=attempt)
    result = check(user, attempt)
    assert (result.score, result.findings) == (100, [])


def test_screening_the_child_hits_the_stale_alert_and_the_reason_may_be_the_hit():
    user = person()
    attempt = start(user, "minor_exit_stale_alert")
    brief = attempt.brief
    child = mrz_read(brief["child_mrz"])
    assert (dt.date.fromisoformat(brief["leaves_at"][:10]) - child.birth_date).days // 365 == 9
    _movement, screening = screened_register(
        user,
        attempt,
        mrz=brief["child_mrz"],
        crossing_point=brief["crossing_point"],
        local_time=brief["leaves_at"],
        direction="EXIT",
        decision="REFERRED",
        refusal_code="SCREENING_HIT",
    )
    assert (screening.result, screening.blocking) == ("HIT", True)
    alert = Alert.objects.visible_to(attempt.sandbox).get(uid=attempt.expected["alert"])
    assert (alert.category_id, alert.issuing_country_id, alert.review_due < alert.valid_until) == (
        "MISSING_MINOR",
        "GTM",
        True,
    )
    alert_transition(sandbox=attempt.sandbox, alert=alert, actor=user, kind="FOLLOW_UP", justification="Found.")
    assert check(user, attempt).score == 100


@pytest.mark.parametrize(
    ("mistake", "critical"),
    [
        ("minor.admitted", True),
        ("minor.refused", False),
        ("minor.reason", False),
        ("minor.no_follow_up", False),
        ("minor.alert_changed", False),
    ],
)
def test_each_single_mistake_is_named_and_fails(mistake, critical):
    user = person()
    attempt = start(user, "minor_exit_stale_alert")
    solve(user=user, attempt=attempt, mistake=mistake)
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result) == [mistake]
    assert (result.score <= 40) is critical


def test_deleting_the_alert_is_named():
    user = person()
    attempt = start(user, "minor_exit_stale_alert")
    solve(user=user, attempt=attempt)
    alert = Alert.objects.visible_to(attempt.sandbox).get(uid=attempt.expected["alert"])
    services.record_delete(sandbox=attempt.sandbox, record=alert)
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result) == ["minor.alert_deleted"]


def test_nothing_done_names_the_missing_exit_and_follow_up():
    user = person()
    attempt = start(user, "minor_exit_stale_alert")
    result = check(user, attempt)
    assert _codes(result) == ["minor.missing", "minor.no_follow_up"]
