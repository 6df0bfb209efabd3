"""Progress and completion: completed lessons, graded results, and the one service that completes a course.

A lesson is completed by the learner ("Mark as completed"), or by the pass that leaves every
graded activity the course's rules require in that lesson passed (`activity_result_record`),
in the transaction that records the pass. A lesson holding such an activity is completed by
that pass only: marking it by hand before is refused (`LessonCompletionRefused`), so that no
lesson, and no progress bar, counts a required quiz as done before it is passed.

`now`, where a service takes it, is the moment of the action (default: now); the demo's
history passes past ones, as `certificates.services.issuance.certificate_request` does.

A course is completed by `enrolment_completion_update` only, from the course's rules. The
enrolment's `completed_at` is set by a conditional UPDATE, so that of two concurrent requests
only one completes it, and `course_completed` is sent once, after commit. Completion is never
taken back: editing a published course leaves completions already earned as they are.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.blocks import ProgressSnapshot
from courses.models import ActivityResult, CoursePage, Enrolment, LessonCompletion, LessonPage
from courses.selectors.lesson import lesson_refusal
from courses.selectors.outline import course_outline
from courses.selectors.progress import (
    lesson_activities_pending,
    lesson_activities_required,
    lesson_pending_text,
    progress_snapshot,
    requirement_statuses,
)
from courses.signals import course_completed


def lesson_access_check(*, enrolment: Enrolment | None, lesson: LessonPage, course: CoursePage) -> None:
    """Refuse a lesson to a learner not enrolled, or whose module waits for the previous one."""
    completed = set(enrolment.lesson_completions.values_list("lesson_key", flat=True)) if enrolment else set()
    refusal = lesson_refusal(
        enrolment=enrolment,
        outline=course_outline(course=course, completed=completed),
        lesson_key=lesson.translation_key,
    )
    if refusal:
        raise PermissionDenied(refusal)


class LessonCompletionRefused(PermissionDenied):
    """A lesson that its required graded activities complete, marked by hand before they are passed."""


@transaction.atomic
def lesson_complete(*, enrolment: Enrolment, lesson: LessonPage, course: CoursePage) -> LessonCompletion:
    """Record a lesson as completed (once) and re-check the course's completion.

    Refused while a graded activity of the lesson that the course's rules require is not passed:
    passing it completes the lesson."""
    lesson_access_check(enrolment=enrolment, lesson=lesson, course=course)
    existing = LessonCompletion.objects.filter(enrolment=enrolment, lesson_key=lesson.translation_key).first()
    if existing is None:
        pending = lesson_activities_pending(enrolment=enrolment, lesson=lesson, course=course)
        if pending:
            raise LessonCompletionRefused(lesson_pending_text(pending))
    completion = existing or _lesson_completion_record(enrolment=enrolment, lesson_key=lesson.translation_key)
    enrolment_touch(enrolment=enrolment, lesson_key=lesson.translation_key)
    enrolment_completion_update(enrolment=enrolment, course=course)
    return completion


def _lesson_completion_record(
    *, enrolment: Enrolment, lesson_key: uuid.UUID, now: datetime | None = None
) -> LessonCompletion:
    try:
        with transaction.atomic():
            completion, _created = LessonCompletion.objects.get_or_create(
                enrolment=enrolment, lesson_key=lesson_key, defaults={"completed_at": now or timezone.now()}
            )
    except IntegrityError:  # a concurrent request recorded it first
        completion = LessonCompletion.objects.get(enrolment=enrolment, lesson_key=lesson_key)
    return completion


def enrolment_touch(*, enrolment: Enrolment, lesson_key: uuid.UUID, now: datetime | None = None) -> None:
    """Remember where the learner was last active, to resume there."""
    now = now or timezone.now()
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now, last_lesson_key=lesson_key)
    enrolment.last_activity_at, enrolment.last_lesson_key = now, lesson_key


@transaction.atomic
def activity_result_record(
    *,
    enrolment: Enrolment,
    course: CoursePage,
    lesson_key: uuid.UUID,
    block_id: str,
    kind: str,
    score: Decimal,
    pass_mark: int,
    now: datetime | None = None,
) -> ActivityResult:
    """Record one graded result of an activity, and what it completes, in one transaction.

    The best score and the first pass are kept. A pass that leaves every graded activity of the
    lesson that the course's rules require passed also records the lesson as completed (the
    learner has nothing left to do there); then the course's completion is checked again.
    """
    if not Decimal(0) <= score <= Decimal(100):
        raise ValidationError(_("A score is a percentage from 0 to 100."))
    # One recording at a time per learner: two passes of one lesson's activities see each other.
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    now = now or timezone.now()
    result, created = ActivityResult.objects.select_for_update().get_or_create(
        enrolment=enrolment,
        lesson_key=lesson_key,
        block_id=block_id,
        defaults={"kind": kind, "best_score": score, "attempts": 1, "updated_at": now},
    )
    if not created:
        result.best_score = max(result.best_score, score)
        result.attempts += 1
        result.updated_at = now
    if result.passed_at is None and score >= pass_mark:
        result.passed_at = now
    result.save()
    snapshot = None
    if result.is_passed:
        snapshot = progress_snapshot(enrolment=enrolment, course=course)
        required = lesson_activities_required(course=course, snapshot=snapshot, lesson_key=lesson_key)
        if (
            required
            and lesson_key not in snapshot.completed_lesson_keys
            and all((done := snapshot.result_of(activity)) and done.is_passed for activity in required)
        ):
            _lesson_completion_record(enrolment=enrolment, lesson_key=lesson_key, now=now)
            snapshot.completed_lesson_keys.add(lesson_key)
    enrolment_completion_update(enrolment=enrolment, course=course, snapshot=snapshot, now=now)
    return result


def enrolment_completion_update(
    *, enrolment: Enrolment, course: CoursePage, snapshot: ProgressSnapshot | None = None, now: datetime | None = None
) -> bool:
    """Complete the enrolment if the course's rules are all met. True if this call completed it.

    `snapshot`, when given, is the learner's progress as this transaction has just written it.
    """
    if enrolment.completed_at is not None:
        return False
    snapshot = snapshot or progress_snapshot(enrolment=enrolment, course=course)
    if not all(status.is_met for status in requirement_statuses(course=course, snapshot=snapshot)):
        return False
    now = now or timezone.now()
    completed = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(completed_at=now)
    if not completed:
        return False
    enrolment.completed_at = now
    enrolment_id = enrolment.pk
    transaction.on_commit(
        lambda: course_completed.send(sender=Enrolment, enrolment=Enrolment.objects.get(pk=enrolment_id))
    )
    return True
