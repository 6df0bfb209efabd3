"""The exit exercise: the exit closing the current entry, flagged as an overstay exactly when the
stay has run out, scores 100; each single mistake scores below the pass mark, named by its finding."""

from __future__ import annotations

import datetime as dt

import pytest

from sandbox import selectors
from sandbox.exercises import exercise_type, exercise_types
from sandbox.exercises.base import BuildContext
from sandbox.exercises.seeds import attempt_seed
from sandbox.models import Movement
from tests.people.factories import UserFactory
from tests.sandbox.exercises.helpers import another_number, check, register, start

pytestmark = pytest.mark.django_db

ANCHOR = dt.datetime(2025, 6, 1, 15, tzinfo=dt.UTC)


def _exit(attempt, **changes) -> dict:
    fields = {
        "mrz": attempt.brief["mrz"],
        "crossing_point": attempt.expected["crossing_point"],
        "direction": "EXIT",
        "local_time": dt.datetime.fromisoformat(attempt.brief["leaves_at"]),
        "closes_entry_uid": attempt.expected["entry"],
        "is_overstay": attempt.expected["is_overstay"],
    }
    return {**fields, **changes}


def _codes(result) -> list[str]:
    return [finding["code"] for finding in result.findings]


def _user_with(*, overstay: bool, difficulty: str = "standard"):
    """A learner whose first attempt's seed draws an overstay (or not)."""
    kind = exercise_type("exit_closure")
    parameters = kind.parameters_clean({"difficulty": difficulty})
    for _ in range(40):
        user = UserFactory()
        seed = attempt_seed(learner_id=user.pk, exercise_key="lesson:exercise", number=1)
        plan = kind.build(BuildContext(seed=seed, parameters=parameters, anchor=ANCHOR))
        if plan.expected["is_overstay"] is overstay:
            return user
    raise AssertionError("No seed drew the variant.")


@pytest.mark.parametrize("difficulty", ["standard", "hard"])
@pytest.mark.parametrize("overstay", [True, False])
def test_the_correct_exit_scores_100(overstay, difficulty):
    user = _user_with(overstay=overstay, difficulty=difficulty)
    attempt = start(user, "exit_closure", difficulty=difficulty)
    assert attempt.expected["is_overstay"] is overstay
    register(user, attempt, **_exit(attempt))
    result = check(user, attempt)
    assert (result.score, result.findings) == (100, [])


def test_an_exit_without_a_chosen_entry_closes_the_current_one_and_passes():
    user = UserFactory()
    attempt = start(user, "exit_closure")
    register(user, attempt, **_exit(attempt, closes_entry_uid=None))
    assert check(user, attempt).score == 100


@pytest.mark.parametrize("difficulty", ["standard", "hard"])
def test_the_record_holds_the_current_entry_and_an_older_one_left_open(difficulty):
    user = UserFactory()
    attempt = start(user, "exit_closure", difficulty=difficulty)
    expected = attempt.expected
    open_entries = list(selectors.open_entries_of(sandbox=attempt.sandbox, person_uid=expected["person"]))
    assert [entry.uid for entry in open_entries] == [expected["entry"], expected["gap"]]
    current = open_entries[0]
    leaves = dt.datetime.fromisoformat(attempt.brief["leaves_at"]).date()
    days = (leaves - current.local_date).days
    assert (days > current.authorised_stay_days) is expected["is_overstay"]
    if difficulty == "hard":
        assert abs(days - current.authorised_stay_days) <= 3
    closed = Movement.objects.visible_to(attempt.sandbox).filter(person_uid=expected["person"], direction="EXIT")
    assert closed.count() == (2 if difficulty == "hard" else 1)
    assert "overstay" not in str(attempt.brief).lower()
    assert str(expected["entry"]) not in str(attempt.brief)


def _passport_of_another_number(mrz: str) -> str:
    return another_number(mrz, "Z99999999")


MISTAKES = {
    "exit.closes": lambda a: {"closes_entry_uid": a.expected["gap"]},
    "exit.crossing_point": lambda a: {"crossing_point": "CR-PCA"},
    "exit.decision": lambda a: {
        "decision": "REFERRED",
        "closes_entry_uid": None,
        "is_overstay": False,
    },
    "exit.duplicate_person": lambda a: {
        "mrz": _passport_of_another_number(a.brief["mrz"]),
        "closes_entry_uid": None,
    },
}


@pytest.mark.parametrize("code", sorted(MISTAKES))
def test_each_single_mistake_is_named_and_fails(code):
    user = UserFactory()
    attempt = start(user, "exit_closure")
    register(user, attempt, **_exit(attempt, **MISTAKES[code](attempt)))
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert code in _codes(result)


def test_a_missed_overstay_is_named():
    user = _user_with(overstay=True)
    attempt = start(user, "exit_closure")
    register(user, attempt, **_exit(attempt, is_overstay=False))
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result) == ["exit.overstay_missed"]


def test_an_overstay_flagged_within_the_stay_is_named():
    user = _user_with(overstay=False)
    attempt = start(user, "exit_closure")
    register(user, attempt, **_exit(attempt, is_overstay=True))
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result) == ["exit.overstay_wrong"]


def test_an_exit_registered_as_an_entry_is_critical():
    user = UserFactory()
    attempt = start(user, "exit_closure")
    register(user, attempt, **_exit(attempt, direction="ENTRY", closes_entry_uid=None, is_overstay=False))
    result = check(user, attempt)
    assert result.score <= 40
    assert "exit.direction" in _codes(result)


def test_registering_the_exit_twice_is_named():
    user = UserFactory()
    attempt = start(user, "exit_closure")
    register(user, attempt, **_exit(attempt))
    register(user, attempt, **_exit(attempt, closes_entry_uid=None, is_overstay=False))
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result) == ["exit.several"]


def test_nothing_registered_scores_0():
    user = UserFactory()
    attempt = start(user, "exit_closure")
    result = check(user, attempt)
    assert (result.score, _codes(result)) == (0, ["exit.missing"])


def test_the_exit_exercise_is_listed_right_after_number_3():
    slugs = [kind.slug for kind in exercise_types()]
    assert slugs.index("exit_closure") == slugs.index("ca4_decisions") + 1


def test_a_difficulty_off_the_list_is_refused_on_its_field():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as raised:
        exercise_type("exit_closure").parameters_clean({"difficulty": "extreme"})
    assert "difficulty" in raised.value.message_dict
