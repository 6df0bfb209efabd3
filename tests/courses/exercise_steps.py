"""A learner's steps at a lesson's sandbox exercise, through the lesson page's forms (POSTs to the
courses' views, as a browser without JavaScript sends them), and the right work in the sandbox."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from courses import services
from sandbox.models import ExerciseAttempt
from tests.courses import factories
from tests.sandbox.exercises.helpers import register


def exercise_course(learner, *, rules: list[str] | None = None, **exercise):
    """A course of one lesson holding a sandbox exercise (#1, register an entry), the learner enrolled."""
    rules = {} if rules is None else {"completion_rules": [(rule, None) for rule in rules]}
    built = factories.course(modules=1, lessons_per_module=1, exercise=exercise, **rules)
    enrolment = services.enrolment_create(learner=learner, course=built.page) if learner is not None else None
    return built, enrolment


def action_url(built, action: str, language: str = "en") -> str:
    """The action's address; in English by default, so that the messages read in English (the
    messages' language is the address's)."""
    with translation.override(language):
        return reverse(f"courses:exercise_{action}", args=[built.exercise_lesson.pk, built.exercise_id])


def lesson_anchor(built) -> str:
    return f"{built.exercise_lesson.url}#exercise-{built.exercise_id}"


def start(client, built):
    return client.post(action_url(built, "start"))


def check(client, built, attempt: ExerciseAttempt, *, checks_seen: int | None = None):
    attempt.refresh_from_db()
    seen = attempt.checks_made if checks_seen is None else checks_seen
    return client.post(action_url(built, "check"), {"attempt": str(attempt.token), "checks_seen": str(seen)})


def restart(client, built, attempt: ExerciseAttempt):
    return client.post(action_url(built, "restart"), {"attempt": str(attempt.token)})


def open_attempt(user, built) -> ExerciseAttempt:
    return ExerciseAttempt.objects.get(sandbox__owner=user, exercise_key__endswith=built.exercise_id, state="OPEN")


def solve(user, attempt: ExerciseAttempt) -> None:
    """The right entry, as the learner registers it in their sandbox."""
    expected = attempt.expected
    register(
        user,
        attempt,
        mrz=attempt.brief["mrz"],
        crossing_point=expected["crossing_point"],
        purpose=expected["purpose"],
        authorised_stay_days=expected["authorised_stay_days"],
    )
