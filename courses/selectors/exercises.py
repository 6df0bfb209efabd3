"""The sandbox exercises of a course as a learner stands on them, and the evidence they leave.

An exercise block in a lesson is named to the engine by `exercise_key(lesson_key, block_id)`:
the lesson's translation key and the block's id, the same in every language of the lesson.
`exercise_evidence` is what a certificate freezes: the exercises of the course the learner
passed during this enrolment, with the passing attempt's score, date and number.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from courses.models import CoursePage, Enrolment
from courses.selectors.outline import course_activities
from courses.selectors.pages import structure_course
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
            "passed_on": self.passed_at.date().isoformat(),
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
