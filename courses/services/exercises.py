"""A lesson's sandbox exercises: starting, checking and restarting them from the lesson page, and
recording each new check as the exercise's graded result.

The engine (`sandbox.exercises.engine`) builds and grades the scenario in the learner's sandbox;
this module adds what the lesson sets: the learner must be enrolled and the lesson open to them,
the block must still be in the lesson, the attempt must be the learner's own at this exercise,
and the attempts allowed cap restarts (and a new start after a whole-sandbox reset deleted the
scenario). A new check is recorded through `activity_result_record` in the transaction that
records the check, so the best score and the first pass are kept, and the pass that the course's
rules wait for completes the lesson and the course. Two clicks of "Check my work" that saw the
same number of checks record one check and one result.

Every refusal is an `ExerciseRefused` with a message for the learner (or the PermissionDenied of
a lesson that is not open to them), never a server error.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.blocks import ExerciseBlock
from courses.models import CoursePage, Enrolment, LessonPage
from courses.selectors.exercises import exercise_block, exercise_spec
from courses.services.progress import activity_result_record, enrolment_touch, lesson_access_check
from sandbox.exercises.engine import (
    CheckOutcome,
    ExerciseRefused,
    ExerciseSpec,
    attempt_is_stale,
    exercise_check,
    exercise_restart,
    exercise_start,
)
from sandbox.exercises.selectors import attempt_own, attempts_of
from sandbox.models import ExerciseAttempt


def _exercise_of(
    *, enrolment: Enrolment, lesson: LessonPage, course: CoursePage, block_id: str
) -> tuple[ExerciseBlock, dict, ExerciseSpec]:
    lesson_access_check(enrolment=enrolment, lesson=lesson, course=course)
    block, value = exercise_block(lesson=lesson, block_id=block_id)
    return block, value, exercise_spec(lesson=lesson, block_id=block_id, value=value)


def _attempts_left_check(*, attempts: list[ExerciseAttempt], limit: int | None) -> None:
    used = max((attempt.number for attempt in attempts), default=0)
    if limit is not None and used >= limit:
        raise ExerciseRefused(
            ngettext(
                "This exercise allows %(limit)s attempt, and you have used it.",
                "This exercise allows %(limit)s attempts, and you have used them all.",
                limit,
            )
            % {"limit": limit},
            code="attempts_exhausted",
        )


def _own_attempt(*, enrolment: Enrolment, token: uuid.UUID | None, spec: ExerciseSpec) -> ExerciseAttempt:
    attempt = attempt_own(user=enrolment.learner, token=token) if token is not None else None
    if attempt is None:
        raise ExerciseRefused(_("This exercise attempt is not yours or does not exist."), code="missing")
    if attempt.exercise_key != spec.key:
        raise ExerciseRefused(_("This attempt belongs to another exercise."), code="other_exercise")
    return attempt


@transaction.atomic
def lesson_exercise_start(
    *, enrolment: Enrolment, lesson: LessonPage, course: CoursePage, block_id: str, now: datetime | None = None
) -> ExerciseAttempt:
    """The learner's open attempt at the lesson's exercise, built now if there is none (or if a
    reset of their whole sandbox deleted its scenario), within the attempts allowed."""
    now = now or timezone.now()
    _block, value, spec = _exercise_of(enrolment=enrolment, lesson=lesson, course=course, block_id=block_id)
    attempts = attempts_of(user=enrolment.learner, exercise_key=spec.key)
    current = next((attempt for attempt in attempts if attempt.is_open), None)
    if current is None or attempt_is_stale(current):
        _attempts_left_check(attempts=attempts, limit=value["max_attempts"])
    attempt = exercise_start(user=enrolment.learner, spec=spec, now=now)
    enrolment_touch(enrolment=enrolment, lesson_key=lesson.translation_key, now=now)
    return attempt


@transaction.atomic
def lesson_exercise_check(
    *,
    enrolment: Enrolment,
    lesson: LessonPage,
    course: CoursePage,
    block_id: str,
    token: uuid.UUID | None,
    checks_seen: int | None = None,
    now: datetime | None = None,
) -> CheckOutcome:
    """Grade the learner's open attempt and, for a new check, record its score as the exercise's result."""
    now = now or timezone.now()
    block, value, spec = _exercise_of(enrolment=enrolment, lesson=lesson, course=course, block_id=block_id)
    _own_attempt(enrolment=enrolment, token=token, spec=spec)
    outcome = exercise_check(user=enrolment.learner, token=token, checks_seen=checks_seen, now=now)
    if outcome.is_new:
        activity_result_record(
            enrolment=enrolment,
            course=course,
            lesson_key=lesson.translation_key,
            block_id=block_id,
            kind=block.activity_kind,
            score=Decimal(outcome.check.score),
            pass_mark=block.activity_pass_mark(value),
            now=now,
        )
    enrolment_touch(enrolment=enrolment, lesson_key=lesson.translation_key, now=now)
    return outcome


@transaction.atomic
def lesson_exercise_restart(
    *,
    enrolment: Enrolment,
    lesson: LessonPage,
    course: CoursePage,
    block_id: str,
    token: uuid.UUID | None,
    now: datetime | None = None,
) -> ExerciseAttempt:
    """Remove the attempt's scenario and the learner's work on it, and build the next attempt,
    within the attempts allowed. A pass already recorded stays."""
    now = now or timezone.now()
    _block, value, spec = _exercise_of(enrolment=enrolment, lesson=lesson, course=course, block_id=block_id)
    if _own_attempt(enrolment=enrolment, token=token, spec=spec).is_open:  # else the engine says it was restarted
        _attempts_left_check(
            attempts=attempts_of(user=enrolment.learner, exercise_key=spec.key), limit=value["max_attempts"]
        )
    attempt = exercise_restart(user=enrolment.learner, token=token, now=now)
    enrolment_touch(enrolment=enrolment, lesson_key=lesson.translation_key, now=now)
    return attempt
