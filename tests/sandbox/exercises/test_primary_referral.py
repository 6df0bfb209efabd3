"""The primary line with a hit: screening each traveller before deciding, referring the one with
a blocking hit (hits attached) and admitting the others, the discreet check included, scores 100;
each single mistake scores below the pass mark, named; admitting the hit is critical."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sandbox.exercises import exercise_type
from sandbox.exercises.solutions import screened_register, solve
from tests.people.factories import person
from tests.sandbox.exercises.helpers import check, register, start

pytestmark = pytest.mark.django_db


def _codes(result) -> list[str]:
    return [finding["code"] for finding in result.findings]


def _by_role(attempt) -> dict[str, dict]:
    """One traveller of each role (the last clean one)."""
    briefs = {brief["name"]: brief for brief in attempt.brief["travellers"]}
    return {entry["role"]: {**entry, **briefs[entry["name"]]} for entry in attempt.expected["travellers"]}


def test_referring_the_hit_and_admitting_the_others_scores_100():
    user = person()
    attempt = start(user, "primary_referral")
    solve(user=user, attempt=attempt)
    result = check(user, attempt)
    assert (result.score, result.findings) == (100, [])


def test_the_screening_shows_a_blocking_hit_and_a_discreet_one():
    user = person()
    attempt = start(user, "primary_referral", travellers=5)
    travellers = _by_role(attempt)
    assert len(attempt.brief["travellers"]) == 5
    results = {}
    for role in ("blocking", "discreet", "clean"):
        traveller = travellers[role]
        _movement, screening = screened_register(
            user,
            attempt,
            mrz=traveller["mrz"],
            crossing_point=attempt.brief["crossing_point"],
            local_time=traveller["arrives_at"],
            decision="REFERRED",
            refusal_code="SCREENING_HIT",
        )
        results[role] = (screening.result, screening.blocking)
    assert results == {"blocking": ("HIT", True), "discreet": ("HIT", False), "clean": ("NO_HIT", False)}
    assert "WANTED" not in str(attempt.brief) and "DISCREET" not in str(attempt.brief)


@pytest.mark.parametrize(
    ("mistake", "critical"),
    [
        ("primary.hit_admitted", True),
        ("primary.hit_refused", False),
        ("primary.hits_not_attached", False),
        ("primary.over_referral", False),
    ],
)
def test_each_single_mistake_is_named_and_fails(mistake, critical):
    user = person()
    attempt = start(user, "primary_referral")
    solve(user=user, attempt=attempt, mistake=mistake)
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result) == [mistake]
    assert (result.score <= 40) is critical


def test_a_referral_for_another_reason_is_named():
    user = person()
    attempt = start(user, "primary_referral")
    briefs = {brief["name"]: brief for brief in attempt.brief["travellers"]}
    for entry in attempt.expected["travellers"]:
        traveller = briefs[entry["name"]]
        fields = {"decision": "ADMITTED", "authorised_stay_days": traveller["stay"]}
        if entry["role"] == "blocking":
            fields = {"decision": "REFERRED", "refusal_code": "OTHER", "refusal_reason": "Revisión"}
        screened_register(
            user,
            attempt,
            mrz=traveller["mrz"],
            crossing_point=attempt.brief["crossing_point"],
            local_time=traveller["arrives_at"],
            **fields,
        )
    assert _codes(check(user, attempt)) == ["primary.hit_reason"]


def test_a_referral_registered_without_a_screening_is_screened_and_carries_its_hit():
    user = person()
    attempt = start(user, "primary_referral")
    blocking = _by_role(attempt)["blocking"]
    register(
        user,
        attempt,
        mrz=blocking["mrz"],
        crossing_point=attempt.brief["crossing_point"],
        local_time=dt.datetime.fromisoformat(blocking["arrives_at"]),
        decision="REFERRED",
        refusal_code="SCREENING_HIT",
    )
    assert "primary.hits_not_attached" not in _codes(check(user, attempt))


@pytest.mark.parametrize("count", [2, 7, "many"])
def test_the_number_of_travellers_is_three_to_six(english, count):
    with pytest.raises(ValidationError) as raised:
        exercise_type("primary_referral").parameters_clean({"travellers": count})
    assert "Between 3 and 6 travellers." in raised.value.message_dict["travellers"]
