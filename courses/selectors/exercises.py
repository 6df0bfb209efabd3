"""The sandbox exercises of a course as a learner stands on them, and the evidence they leave.

An exercise block in a lesson is named to the engine by `exercise_key(lesson_key, block_id)`:
the lesson's translation key and the block's id, the same in every language of the lesson.
`exercise_evidence` is what a certificate freezes: the exercises of the course the learner
passed during this enrolment, with the passing attempt's score, date and number;
`exercise_titles_in` gives their titles in a course's language, as a certificate prints them.
`course_exercises` names the exercises of many courses at once (three queries whatever their
number), for the pages that count them across people.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Page

from courses.blocks import GradedActivityBlock
from courses.models import CoursePage, Enrolment, LessonPage
from courses.selectors.outline import course_activities, lesson_activities, lesson_block_definitions
from courses.selectors.pages import pages_in_language, structure_course
from sandbox.exercises import exercise_type
from sandbox.exercises.registry import UnknownExerciseType
from sandbox.exercises.selectors import attempts_by_key

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
