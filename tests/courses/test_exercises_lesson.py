"""A lesson's sandbox exercise on the lesson page, without JavaScript: starting it, reading the brief
of one's own scenario (never its expected outcome), checking one's work (recorded once for two
clicks, as the exercise's graded result, which completes the lesson and the course), restarting
within the attempts allowed, and a clear message, never a server error, for an attempt that was
restarted, deleted by a reset of the sandbox, or is another learner's."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

from courses.models import ActivityResult, Enrolment, LessonCompletion
from sandbox.exercises.findings import finding_texts
from sandbox.models import ExerciseAttempt, ExerciseCheck, Sandbox
from sandbox.services import sandbox_reset
from tests.conftest import client_for
from tests.courses.exercise_steps import (
    action_url,
    check,
    exercise_course,
    lesson_anchor,
    open_attempt,
    restart,
    solve,
    start,
)
from tests.courses.learner_steps import messages_of
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def page_of(client, built) -> str:
    response = client.get(built.exercise_lesson.url)
    assert response.status_code == 200
    return response.content.decode()


def result_of(enrolment) -> ActivityResult | None:
    return ActivityResult.objects.filter(enrolment=enrolment).first()


# ---------------------------------------------------------------- starting and reading the brief


def test_before_starting_the_lesson_offers_the_start_button_only(learner):
    built, _enrolment = exercise_course(learner)
    page = page_of(client_for(learner), built)
    assert f'id="exercise-{built.exercise_id}"' in page
    assert action_url(built, "start", "es") in page
    assert action_url(built, "check", "es") not in page
    assert not ExerciseAttempt.objects.exists()  # a GET builds nothing


def test_starting_builds_the_scenario_and_the_lesson_shows_its_brief_and_the_way_into_the_sandbox(learner):
    built, _enrolment = exercise_course(learner)
    client = client_for(learner)

    response = start(client, built)

    assert response.status_code == 302
    assert response["Location"] == lesson_anchor(built)
    attempt = open_attempt(learner, built)
    assert attempt.exercise_key == f"{built.exercise_lesson.translation_key}:{built.exercise_id}"
    assert attempt.return_path == lesson_anchor(built)
    page = page_of(client, built)
    assert attempt.brief["mrz"].splitlines()[0].replace("<", "&lt;") in page
    assert reverse("sandbox:exercise_detail", args=[attempt.token]) in page
    assert action_url(built, "check", "es") in page
    assert f'name="attempt" value="{attempt.token}"' in page
    assert 'name="checks_seen" value="0"' in page
    assert action_url(built, "restart", "es") in page


def test_starting_twice_keeps_the_open_attempt(learner):
    built, _enrolment = exercise_course(learner)
    client = client_for(learner)
    start(client, built)
    start(client, built)
    assert ExerciseAttempt.objects.filter(sandbox__owner=learner).count() == 1


def test_the_lesson_page_never_shows_the_expected_outcome(learner):
    built, _enrolment = exercise_course(learner)
    client = client_for(learner)
    start(client, built)
    attempt = open_attempt(learner, built)
    check(client, built, attempt)  # findings shown too

    page = page_of(client, built)

    expected = attempt.expected
    assert "authorised_stay_days" not in page
    assert json.dumps(expected) not in page
    assert f">{expected['person']}<" not in page and f'"{expected["person"]}"' not in page


# ---------------------------------------------------------------- checking


def test_a_passing_check_records_the_result_and_completes_the_lesson_and_the_course(
    learner, django_capture_on_commit_callbacks
):
    built, enrolment = exercise_course(learner, rules=["lessons_completed", "exercises_passed"])
    client = client_for(learner)
    start(client, built)
    attempt = open_attempt(learner, built)
    solve(learner, attempt)

    with django_capture_on_commit_callbacks(execute=True):
        response = check(client, built, attempt)

    assert response.status_code == 302
    assert response["Location"] == lesson_anchor(built)
    result = result_of(enrolment)
    assert (result.kind, result.block_id, result.best_score, result.attempts) == ("exercise", built.exercise_id, 100, 1)
    assert result.is_passed
    assert LessonCompletion.objects.filter(
        enrolment=enrolment, lesson_key=built.exercise_lesson.translation_key
    ).exists()
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None


def test_a_failing_check_records_its_score_and_the_lesson_shows_the_findings(learner):
    built, enrolment = exercise_course(learner, rules=["lessons_completed", "exercises_passed"])
    client = client_for(learner)
    start(client, built)
    attempt = open_attempt(learner, built)

    check(client, built, attempt)

    result = result_of(enrolment)
    assert (result.best_score, result.attempts, result.is_passed) == (0, 1, False)
    assert not LessonCompletion.objects.filter(enrolment=enrolment).exists()
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is None
    page = page_of(client, built)
    [finding] = ExerciseCheck.objects.get(attempt=attempt).findings
    with translation.override("es"):
        [text] = finding_texts([finding])
    assert text in page
    assert 'name="checks_seen" value="1"' in page


def test_two_clicks_that_saw_the_same_checks_record_one_check_and_one_result(learner):
    built, enrolment = exercise_course(learner)
    client = client_for(learner)
    start(client, built)
    attempt = open_attempt(learner, built)
    solve(learner, attempt)

    first = check(client, built, attempt, checks_seen=0)
    second = check(client, built, attempt, checks_seen=0)

    assert (first.status_code, second.status_code) == (302, 302)
    assert ExerciseCheck.objects.filter(attempt=attempt).count() == 1
    assert result_of(enrolment).attempts == 1
    assert messages_of(second)[-1].startswith("Your work was already checked")


def test_a_check_on_a_restarted_attempt_is_a_message_not_an_error(learner, english):
    built, enrolment = exercise_course(learner)
    client = client_for(learner)
    start(client, built)
    first = open_attempt(learner, built)
    restart(client, built, first)

    response = check(client, built, first)

    assert response.status_code == 302
    assert response["Location"] == lesson_anchor(built)
    assert any("restarted" in message for message in messages_of(response))
    assert not ExerciseCheck.objects.exists()
    assert result_of(enrolment) is None


def test_a_check_after_a_reset_of_the_sandbox_is_a_message_and_the_lesson_offers_a_new_start(learner, english):
    built, _enrolment = exercise_course(learner)
    client = client_for(learner)
    start(client, built)
    attempt = open_attempt(learner, built)
    sandbox_reset(sandbox=Sandbox.objects.get(owner=learner))

    response = check(client, built, attempt)

    assert response.status_code == 302
    assert any("reset" in message for message in messages_of(response))
    assert not ExerciseCheck.objects.exists()
    page = page_of(client, built)
    assert action_url(built, "check", "es") not in page
    assert action_url(built, "start", "es") in page
    start(client, built)
    assert open_attempt(learner, built).number == 2


def test_a_check_without_an_attempt_or_with_a_malformed_one_is_a_message(learner, english):
    built, _enrolment = exercise_course(learner)
    client = client_for(learner)
    start(client, built)
    for data in ({}, {"attempt": "not-a-token", "checks_seen": "x"}):
        response = client.post(action_url(built, "check"), data)
        assert response.status_code == 302
        assert messages_of(response)[-1] == "This exercise attempt is not yours or does not exist."
    assert not ExerciseCheck.objects.exists()


# ---------------------------------------------------------------- restarting and the attempts allowed


def test_restarting_gives_a_new_scenario_and_keeps_a_pass(learner):
    built, enrolment = exercise_course(learner)
    client = client_for(learner)
    start(client, built)
    first = open_attempt(learner, built)
    solve(learner, first)
    check(client, built, first)
    passed_at = result_of(enrolment).passed_at

    response = restart(client, built, first)

    assert response.status_code == 302
    second = open_attempt(learner, built)
    assert second.number == 2
    first.refresh_from_db()
    assert first.state == "RESTARTED"
    check(client, built, second)  # nothing done yet: 0
    result = result_of(enrolment)
    assert (result.best_score, result.passed_at, result.attempts) == (100, passed_at, 2)


def test_the_attempts_allowed_limit_restarts(learner, english):
    built, _enrolment = exercise_course(learner, max_attempts=2)
    client = client_for(learner)
    start(client, built)
    restart(client, built, open_attempt(learner, built))
    second = open_attempt(learner, built)

    response = restart(client, built, second)

    assert response.status_code == 302
    assert messages_of(response)[-1] == "This exercise allows 2 attempts, and you have used them all."
    assert open_attempt(learner, built).pk == second.pk
    page = page_of(client, built)
    assert action_url(built, "restart", "es") not in page
    assert action_url(built, "check", "es") in page  # the open attempt may still be corrected and checked


def test_the_attempts_allowed_limit_a_new_start_after_a_reset(learner, english):
    built, _enrolment = exercise_course(learner, max_attempts=1)
    client = client_for(learner)
    start(client, built)
    sandbox_reset(sandbox=Sandbox.objects.get(owner=learner))

    response = start(client, built)

    assert messages_of(response)[-1] == "This exercise allows 1 attempt, and you have used it."
    assert ExerciseAttempt.objects.filter(sandbox__owner=learner).count() == 1
    assert action_url(built, "start", "es") not in page_of(client, built)


# ---------------------------------------------------------------- someone else's attempt, and refusals


def test_a_learner_never_checks_restarts_or_opens_another_learners_attempt(learner, english):
    built, enrolment = exercise_course(learner)
    other = person()
    from courses.services import enrolment_create

    enrolment_create(learner=other, course=built.page)
    start(client_for(other), built)
    theirs = open_attempt(other, built)
    client = client_for(learner)
    start(client, built)

    for response in (check(client, built, theirs, checks_seen=0), restart(client, built, theirs)):
        assert response.status_code == 302
        assert messages_of(response)[-1] == "This exercise attempt is not yours or does not exist."
    theirs.refresh_from_db()
    assert (theirs.state, theirs.checks_made) == ("OPEN", 0)
    assert result_of(enrolment) is None
    assert ExerciseAttempt.objects.filter(sandbox__owner=other).count() == 1
    assert client.get(reverse("sandbox:exercise_detail", args=[theirs.token])).status_code == 404


def test_an_attempt_at_another_exercise_is_refused(learner, english):
    from sandbox.exercises.engine import ExerciseSpec, exercise_start

    built, _enrolment = exercise_course(learner)
    client = client_for(learner)
    elsewhere = exercise_start(
        user=learner, spec=ExerciseSpec(key="elsewhere:exercise", type_slug="entry_registration", parameters={})
    )
    response = check(client, built, elsewhere)
    assert messages_of(response)[-1] == "This attempt belongs to another exercise."
    assert not ExerciseCheck.objects.exists()


def test_a_learner_not_enrolled_is_sent_to_the_course(learner):
    built, _nobody = exercise_course(None)
    response = start(client_for(learner), built)
    assert response.status_code == 302
    assert response["Location"] == built.page.url
    assert not ExerciseAttempt.objects.exists()


def test_an_exercise_no_longer_in_the_lesson_is_a_message(learner, english):
    built, _enrolment = exercise_course(learner)
    with translation.override("en"):
        url = reverse("courses:exercise_start", args=[built.exercise_lesson.pk, "gone-block"])
    response = client_for(learner).post(url)
    assert response.status_code == 302
    assert messages_of(response)[-1] == "This exercise is no longer part of the lesson."
    assert not ExerciseAttempt.objects.exists()


def test_a_role_that_does_not_practise_in_the_sandbox_is_forbidden(focal_point):
    built, _enrolment = exercise_course(focal_point)
    client = client_for(focal_point)
    assert start(client, built).status_code == 403
    assert not ExerciseAttempt.objects.exists()
    assert action_url(built, "start", "es") not in page_of(client, built)


def test_the_actions_take_no_get(learner):
    built, _enrolment = exercise_course(learner)
    for action in ("start", "check", "restart"):
        assert client_for(learner).get(action_url(built, action)).status_code == 405
