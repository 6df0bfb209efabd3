"""The sandbox exercises of a course as a learner stands on them, and the evidence they leave.

An exercise block in a lesson is named to the engine by `exercise_key(lesson_key, block_id)`:
the lesson's translation key and the block's id, the same in every language of the lesson.
`exercise_evidence` is what a certificate freezes: the exercises of the course the learner
passed during this enrolment, with the passing attempt's score, date and number;
`exercise_titles_in` gives their titles in a course's language, as a certificate prints them.
`course_exercises` names the exercises of many courses at once (three queries whatever their
number), for the pages that count them across people.

On the lesson page, `lesson_exercise_states` gives each exercise as the learner stands on it:
the brief of their open attempt (never its expected outcome, which stays with the engine), the
last check's score and findings, this enrolment's result and the attempts left; course staff,
who are not enrolled, get `lesson_exercise_samples`: a sample brief built from a fixed seed and
never written anywhere.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses.blocks import GradedActivityBlock
from courses.blocks.exercise import ExerciseBlock, exercise_parameters
from courses.models import ActivityResult, CoursePage, Enrolment, LessonPage
from courses.selectors.outline import course_activities, lesson_activities, lesson_block_definitions
from courses.selectors.pages import pages_in_language, structure_course
from sandbox.exercises import exercise_type
from sandbox.exercises.base import BuildContext
from sandbox.exercises.engine import ExerciseRefused, ExerciseSpec, attempt_is_stale
from sandbox.exercises.findings import finding_texts
from sandbox.exercises.registry import UnknownExerciseType
from sandbox.exercises.selectors import attempts_by_key
from sandbox.exercises.writing import resolve
from sandbox.models import ExerciseAttempt, ExerciseCheck

EXERCISE_KIND = "exercise"


def exercise_key(lesson_key: uuid.UUID | str, block_id: str) -> str:
    return f"{lesson_key}:{block_id}"


@dataclass(frozen=True)
class ExerciseEvidence:
    """One exercise passed: what a certificate says about it."""

    exercise_key: str
    type_slug: str
    type_title: str
    title: str
    score: int
    passed_at: datetime
    attempts: int

    def as_json(self) -> dict:
        return {
            "key": self.exercise_key,
            "type": self.type_slug,
            "title": self.title,
            "score": self.score,
            # The day in the platform's time zone (D12), as every date a user reads.
            "passed_on": timezone.localdate(self.passed_at).isoformat(),
            "attempts": self.attempts,
        }


def exercise_evidence(*, enrolment: Enrolment, course: CoursePage) -> list[ExerciseEvidence]:
    """The course's exercises the learner passed since enrolling (this cycle), in course order."""
    activities = [a for a in course_activities(structure=structure_course(course)) if a.kind == EXERCISE_KIND]
    keys = {exercise_key(a.lesson_key, a.block_id): a for a in activities}
    attempts = attempts_by_key(user=enrolment.learner, exercise_keys=keys)
    evidence = []
    for key, activity in keys.items():
        passing = next(
            (
                attempt
                for attempt in attempts.get(key, [])
                if attempt.passed_at is not None and attempt.passed_at >= enrolment.enrolled_at
            ),
            None,
        )
        if passing is None:
            continue
        try:
            type_title = str(exercise_type(passing.exercise_type).title)
        except UnknownExerciseType:
            type_title = passing.exercise_type
        evidence.append(
            ExerciseEvidence(
                exercise_key=key,
                type_slug=passing.exercise_type,
                type_title=type_title,
                title=activity.title or passing.title,
                score=passing.best_score or 0,
                passed_at=passing.passed_at,
                attempts=passing.number,
            )
        )
    return evidence


@dataclass(frozen=True)
class CourseExercise:
    """One sandbox exercise of a course, as its lesson sets it."""

    key: str
    lesson_key: uuid.UUID
    block_id: str
    title: str
    type_slug: str
    type_title: str
    pass_mark: int


def _type_title(slug: str) -> str:
    try:
        return str(exercise_type(slug).title)
    except UnknownExerciseType:
        return slug


def _exercise_values(raw_blocks) -> list[tuple[str, GradedActivityBlock, dict]]:
    """The exercise blocks among a lesson's stored blocks: (block id, block, value), in order."""
    definitions = lesson_block_definitions()
    found = []
    for item in raw_blocks:
        block = definitions.get(item.get("type"))
        if isinstance(block, GradedActivityBlock) and block.activity_kind == EXERCISE_KIND:
            found.append((item.get("id") or "", block, item.get("value") or {}))
    return found


def course_exercises(
    *, course_keys: Iterable[uuid.UUID], language: str | None = None
) -> dict[uuid.UUID, list[CourseExercise]]:
    """The sandbox exercises of each course, in course order (three queries whatever the number of courses).

    The exercises are those of the version of the course that defines its structure (the default
    language's, as `exercise_evidence` reads them); each title is the lesson's in `language` (the
    active one by default) where a live translation exists. A course without exercises maps to [].
    """
    keys = set(course_keys)
    structures = pages_in_language(CoursePage, keys, settings.LANGUAGE_CODE) if keys else {}
    exercises: dict[uuid.UUID, list[CourseExercise]] = {key: [] for key in keys}
    if not structures:
        return exercises
    under = Q()
    for structure in structures.values():
        under |= Page.objects.descendant_of_q(structure)
    course_of = {structure.path: key for key, structure in structures.items()}
    prefix_lengths = {len(path) for path in course_of}
    found: list[tuple[uuid.UUID, uuid.UUID, str, GradedActivityBlock, dict]] = []
    for path, lesson_key, body in (
        LessonPage.objects.live().filter(under).order_by("path").values_list("path", "translation_key", "body")
    ):
        course_key = next(course_of[path[:n]] for n in prefix_lengths if path[:n] in course_of)
        for block_id, block, value in _exercise_values(body.raw_data):
            found.append((course_key, lesson_key, block_id, block, value))
    language = language or get_language() or settings.LANGUAGE_CODE
    translated: dict[tuple[uuid.UUID, str], str] = {}
    lesson_keys = {lesson_key for _course, lesson_key, _id, _block, _value in found}
    if lesson_keys and language != settings.LANGUAGE_CODE:
        for lesson_key, body in (
            LessonPage.objects.live()
            .filter(translation_key__in=lesson_keys, locale__language_code=language)
            .values_list("translation_key", "body")
        ):
            for block_id, block, value in _exercise_values(body.raw_data):
                translated[(lesson_key, block_id)] = block.activity_title(value)
    for course_key, lesson_key, block_id, block, value in found:
        slug = value.get("exercise_type") or ""
        exercises[course_key].append(
            CourseExercise(
                key=exercise_key(lesson_key, block_id),
                lesson_key=lesson_key,
                block_id=block_id,
                title=translated.get((lesson_key, block_id)) or block.activity_title(value),
                type_slug=slug,
                type_title=_type_title(slug),
                pass_mark=block.activity_pass_mark(value),
            )
        )
    return exercises


def exercise_titles_in(*, course: CoursePage, exercise_keys: Iterable[str]) -> dict[str, str]:
    """The exercises' titles as the lessons in `course`'s language name them (else the other language's), by key."""
    wanted = set(exercise_keys)
    lesson_keys = {uuid.UUID(key.partition(":")[0]) for key in wanted}
    titles = {}
    for lesson in pages_in_language(LessonPage, lesson_keys, course.locale.language_code).values():
        for activity in lesson_activities(lesson=lesson, structure=course):
            key = exercise_key(activity.lesson_key, activity.block_id)
            if activity.kind == EXERCISE_KIND and key in wanted:
                titles[key] = activity.title
    return titles


# ---------------------------------------------------------------- a lesson's exercises


def exercise_block(*, lesson: LessonPage, block_id: str) -> tuple[ExerciseBlock, Any]:
    """A lesson's exercise block and its value; refused when the lesson no longer has it."""
    for child in lesson.body:
        if child.id == block_id and isinstance(child.block, ExerciseBlock):
            return child.block, child.value
    raise ExerciseRefused(_("This exercise is no longer part of the lesson."), code="gone")


def exercise_spec(*, lesson: LessonPage, block_id: str, value: Any) -> ExerciseSpec:
    """The exercise as the lesson sets it, for the engine: its key is the same in every language."""
    return ExerciseSpec(
        key=exercise_key(lesson.translation_key, block_id),
        type_slug=value["exercise_type"],
        parameters=exercise_parameters(value),
        title=value["title"],
        pass_mark=value["pass_mark"],
        return_path=f"{lesson.url}#exercise-{block_id}",
    )


@dataclass(frozen=True)
class ExerciseBrief:
    """The brief of a scenario as the type's template renders it."""

    template: str
    context: dict[str, Any]


def attempt_brief(*, attempt: ExerciseAttempt) -> ExerciseBrief | None:
    """The brief of the learner's attempt (never its expected outcome); None for a type gone from the platform."""
    try:
        kind = exercise_type(attempt.exercise_type)
    except UnknownExerciseType:
        return None
    return ExerciseBrief(kind.brief_template, {"brief": attempt.brief, **kind.brief_context(attempt.brief)})


# Any fixed seed: the editor's preview shows the same sample for the same type and parameters.
SAMPLE_SEED = 1


def exercise_sample(*, type_slug: str, parameters: dict[str, Any], now: datetime | None = None) -> ExerciseBrief | None:
    """A sample brief of the type with these parameters (the editor's preview), or None when they
    are not valid: the plan of a fixed seed is built and never written (no sandbox, no record)."""
    try:
        kind = exercise_type(type_slug)
        values = kind.parameters_clean(parameters or kind.sample_parameters())
    except (UnknownExerciseType, ValidationError):
        return None
    plan = kind.build(BuildContext(seed=SAMPLE_SEED, parameters=values, anchor=now or timezone.now(), sandbox=None))
    brief = resolve(plan.brief, {record.name: 0 for record in plan.records})
    return ExerciseBrief(kind.brief_template, {"brief": brief, **kind.brief_context(brief)})


@dataclass
class ExerciseState:
    """An exercise of a lesson as one learner stands on it (or, for course staff, a sample brief).

    `current` is the learner's open attempt; `latest` its last check with the findings' text;
    `result` the graded result of this enrolment (best score, first pass); `used` the attempts
    made, which `limit` (attempts allowed) caps: restarting, or starting again after a reset of
    the whole sandbox, takes one more."""

    block_id: str
    limit: int | None
    attempts: list[ExerciseAttempt] = field(default_factory=list)
    result: ActivityResult | None = None
    latest: ExerciseCheck | None = None
    findings: list[str] = field(default_factory=list)
    brief: ExerciseBrief | None = None
    is_stale: bool = False
    can_practise: bool = True
    is_available: bool = True
    sample: ExerciseBrief | None = None
    is_sample: bool = False

    @property
    def current(self) -> ExerciseAttempt | None:
        return next((attempt for attempt in self.attempts if attempt.is_open), None)

    @property
    def used(self) -> int:
        return max((attempt.number for attempt in self.attempts), default=0)

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(0, self.limit - self.used)

    @property
    def has_attempts_left(self) -> bool:
        return self.remaining is None or self.remaining > 0

    @property
    def can_start(self) -> bool:
        return (self.current is None or self.is_stale) and self.has_attempts_left

    @property
    def can_restart(self) -> bool:
        return self.current is not None and not self.is_stale and self.has_attempts_left

    @property
    def is_passed(self) -> bool:
        return self.result is not None and self.result.is_passed


def _exercise_blocks(lesson: LessonPage) -> dict[str, Any]:
    return {child.id: child.value for child in lesson.body if isinstance(child.block, ExerciseBlock)}


def lesson_exercise_samples(*, lesson: LessonPage) -> dict[str, ExerciseState]:
    """For course staff (who are not enrolled): each exercise of the lesson with a sample brief."""
    return {
        block_id: ExerciseState(
            block_id=block_id,
            limit=value["max_attempts"],
            sample=exercise_sample(type_slug=value["exercise_type"], parameters=exercise_parameters(value)),
            is_sample=True,
        )
        for block_id, value in _exercise_blocks(lesson).items()
    }


def lesson_exercise_states(*, enrolment: Enrolment, lesson: LessonPage) -> dict[str, ExerciseState]:
    """For each exercise of a lesson, the learner's attempts, the last check of the open one with
    its findings, its brief and this enrolment's result (no query for a lesson without one)."""
    blocks = _exercise_blocks(lesson)
    if not blocks:
        return {}
    learner = enrolment.learner
    keys = {block_id: exercise_key(lesson.translation_key, block_id) for block_id in blocks}
    attempts = attempts_by_key(user=learner, exercise_keys=keys.values())
    results = {
        result.block_id: result
        for result in ActivityResult.objects.filter(
            enrolment=enrolment, lesson_key=lesson.translation_key, block_id__in=list(blocks)
        )
    }
    current = {block_id: next((a for a in attempts.get(key, []) if a.is_open), None) for block_id, key in keys.items()}
    latest: dict[int, ExerciseCheck] = {}
    for check in ExerciseCheck.objects.filter(
        attempt_id__in=[attempt.pk for attempt in current.values() if attempt is not None]
    ).order_by("-number"):
        latest.setdefault(check.attempt_id, check)
    can_practise = learner.has_perm("sandbox.practise")
    states = {}
    for block_id, value in blocks.items():
        attempt = current[block_id]
        check = latest.get(attempt.pk) if attempt is not None else None
        is_stale = attempt is not None and attempt_is_stale(attempt)
        states[block_id] = ExerciseState(
            block_id=block_id,
            limit=value["max_attempts"],
            attempts=attempts.get(keys[block_id], []),
            result=results.get(block_id),
            latest=check,
            findings=finding_texts(check.findings) if check is not None else [],
            brief=attempt_brief(attempt=attempt) if attempt is not None and not is_stale else None,
            is_stale=is_stale,
            can_practise=can_practise,
            is_available=_is_known_type(value["exercise_type"]),
        )
    return states


def _is_known_type(slug: str) -> bool:
    try:
        exercise_type(slug)
    except UnknownExerciseType:
        return False
    return True
