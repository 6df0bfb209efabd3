"""The sandbox exercises of a course as a learner stands on them, and the evidence they leave.

An exercise block in a lesson is named to the engine by `exercise_key(lesson_key, block_id)`:
the lesson's translation key and the block's id, the same in every language of the lesson.
`exercise_evidence` is what a certificate freezes: the exercises of the course the learner
passed during this enrolment, with the passing attempt's score, date and number;
`exercise_titles_in` gives their titles in a course's language, as a certificate prints them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from courses.models import CoursePage, Enrolment, LessonPage
from courses.selectors.outline import course_activities, lesson_activities
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
