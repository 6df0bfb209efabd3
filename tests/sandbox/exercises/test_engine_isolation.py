"""Attempts: recorded at each start, check and restart; isolated between learners and between a
learner's exercises; restarting one exercise removes only its scenario and what the learner did
on it; a whole-sandbox reset leaves an open attempt that says its scenario is gone."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from sandbox import selectors, services
from sandbox.exercises.engine import ExerciseRefused, exercise_check, exercise_restart
from sandbox.models import LAYERED_MODELS, ExerciseAttempt, ExerciseCheck, Movement, Person
from tests.people.factories import person
from tests.sandbox.exercises.helpers import check, register, start

pytestmark = pytest.mark.django_db


def _layer_rows(sandbox) -> dict[str, set[int]]:
    return {
        model.__name__: set(model.objects.layer_of(sandbox).values_list("uid", flat=True)) for model in LAYERED_MODELS
    }


def test_an_attempt_records_seed_times_score_and_findings():
    user = person()
    attempt = start(user, "entry_registration")
    assert (attempt.number, attempt.state, attempt.checks_made) == (1, "OPEN", 0)
    assert attempt.seed > 0 and attempt.started_at is not None
    result = check(user, attempt)
    attempt.refresh_from_db()
    assert (attempt.checks_made, attempt.best_score, result.score) == (1, 0, 0)
    assert result.findings == [
        {"code": "entry.missing", "params": {"traveller": attempt.brief["traveller"]}, "critical": True}
    ]


def test_starting_again_returns_the_open_attempt():
    user = person()
    assert start(user, "entry_registration").pk == start(user, "entry_registration").pk


def test_a_learners_scenario_is_invisible_to_another_learner():
    first, second = person(), person()
    attempt = start(first, "entry_registration")
    traveller = attempt.records["traveller"]
    assert selectors.person_get(sandbox=attempt.sandbox, uid=traveller)
    other = services.sandbox_get_or_create(user=second)
    with pytest.raises(Person.DoesNotExist):
        selectors.person_get(sandbox=other, uid=traveller)
    assert not Person.objects.visible_to(other).filter(scenario=attempt.pk).exists()
    # The other learner's attempt token is refused to this one.
    with pytest.raises(ExerciseRefused):
        exercise_check(user=second, token=attempt.token)


def test_another_exercises_work_does_not_count_for_this_one():
    user = person()
    one = start(user, "entry_registration", key="lesson:one")
    two = start(user, "entry_registration", key="lesson:two")
    # The entry asked by exercise two, registered for its traveller, is not exercise one's.
    register(
        user, two, mrz=two.brief["mrz"], crossing_point=two.expected["crossing_point"], purpose=two.expected["purpose"]
    )
    assert check(user, one).score == 0
    # Exercise two's two planned movements and the entry registered for its traveller.
    assert Movement.objects.layer_of(user.sandbox).filter(scenario=two.pk).count() == 3


def test_restarting_one_exercise_leaves_the_rest_of_the_sandbox_untouched():
    user = person()
    one = start(user, "entry_registration", key="lesson:one")
    two = start(user, "entry_registration", key="lesson:two")
    register(user, one, mrz=one.brief["mrz"], crossing_point="CR-PCA")
    register(user, two, mrz=two.brief["mrz"], crossing_point=two.expected["crossing_point"])
    sandbox = user.sandbox
    before = _layer_rows(sandbox)
    of_one = {
        model.__name__: set(model.objects.layer_of(sandbox).filter(scenario=one.pk).values_list("uid", flat=True))
        for model in LAYERED_MODELS
    }
    assert of_one["Movement"] and of_one["AuditEvent"]

    again = exercise_restart(user=user, token=one.token)

    after = _layer_rows(sandbox)
    for name, uids in before.items():
        assert uids - of_one[name] <= after[name], name  # nothing else went
        assert not (of_one[name] & after[name]), name  # the scenario and what was done on it went
    assert (again.number, ExerciseAttempt.objects.get(pk=one.pk).state) == (2, "RESTARTED")
    assert again.records["traveller"] not in of_one["Person"]
    assert ExerciseAttempt.objects.get(pk=two.pk).state == "OPEN"
    # The old token is refused with a message, the new attempt is checked.
    with pytest.raises(ExerciseRefused) as refusal:
        exercise_check(user=user, token=one.token)
    assert refusal.value.code == "restarted"
    assert check(user, again).score == 0


def test_after_a_whole_sandbox_reset_the_attempt_says_its_scenario_is_gone():
    user = person()
    attempt = start(user, "entry_registration")
    services.sandbox_reset(sandbox=user.sandbox)
    with pytest.raises(ExerciseRefused) as refusal:
        exercise_check(user=user, token=attempt.token)
    assert refusal.value.code == "stale"
    fresh = start(user, "entry_registration")
    assert (fresh.number, ExerciseAttempt.objects.get(pk=attempt.pk).state) == (2, "RESTARTED")
    assert Person.objects.visible_to(user.sandbox).filter(uid=fresh.records["traveller"]).exists()


def test_a_second_click_that_saw_the_same_checks_records_nothing():
    user = person()
    attempt = start(user, "entry_registration")
    first = exercise_check(user=user, token=attempt.token, checks_seen=0)
    second = exercise_check(user=user, token=attempt.token, checks_seen=0)
    assert (first.is_new, second.is_new, second.check.pk) == (True, False, first.check.pk)
    assert ExerciseCheck.objects.filter(attempt=attempt).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_checks_at_once_record_one():
    user = person()
    attempt = start(user, "entry_registration")
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def click() -> None:
        try:
            barrier.wait(timeout=10)
            outcomes.append(exercise_check(user=user, token=attempt.token, checks_seen=0))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert ExerciseCheck.objects.filter(attempt=attempt).count() == 1
    assert sorted(outcome.is_new for outcome in outcomes) == [False, True]
