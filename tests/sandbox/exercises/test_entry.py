"""#1 Register an entry: the correct solution scores 100; each single mistake scores below the pass mark."""

from __future__ import annotations

import pytest

from tests.people.factories import UserFactory
from tests.sandbox.exercises.helpers import another_number, check, register, start

pytestmark = pytest.mark.django_db


def _correct(attempt) -> dict:
    expected = attempt.expected
    return {
        "mrz": attempt.brief["mrz"],
        "crossing_point": expected["crossing_point"],
        "purpose": expected["purpose"],
        "authorised_stay_days": expected["authorised_stay_days"],
    }


def test_the_correct_entry_scores_100():
    user = UserFactory()
    attempt = start(user, "entry_registration")
    register(user, attempt, **_correct(attempt))
    result = check(user, attempt)
    assert (result.score, result.findings) == (100, [])


def _other_purpose(attempt) -> str:
    return next(code for code in ("TOURISM", "FAMILY", "BUSINESS") if code != attempt.expected["purpose"])


MISTAKES = {
    "entry.crossing_point": lambda a: {"crossing_point": "CR-PCA"},
    "entry.purpose": lambda a: {"purpose": _other_purpose(a)},
    "entry.stay": lambda a: {"authorised_stay_days": 5},
    "entry.decision": lambda a: {"decision": "REFUSED", "refusal_reason": "No reason"},
    "entry.direction": lambda a: {"direction": "EXIT", "authorised_stay_days": None},
}


@pytest.mark.parametrize("code", sorted(MISTAKES))
def test_each_single_mistake_is_named_and_fails(code):
    user = UserFactory()
    attempt = start(user, "entry_registration")
    register(user, attempt, **{**_correct(attempt), **MISTAKES[code](attempt)})
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert code in [finding["code"] for finding in result.findings]


def test_a_second_person_for_the_traveller_is_named():
    user = UserFactory()
    attempt = start(user, "entry_registration")
    other = another_number(attempt.brief["mrz"], "Z99999999")
    register(user, attempt, **{**_correct(attempt), "mrz": other})
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert "entry.duplicate_person" in [finding["code"] for finding in result.findings]


def test_nothing_registered_scores_0():
    user = UserFactory()
    attempt = start(user, "entry_registration")
    result = check(user, attempt)
    assert result.score == 0
    assert [finding["code"] for finding in result.findings] == ["entry.missing"]
