"""The practical side of country tracking: the sandbox exercises a person passed in each course, and
the practical pass rate of each course for a country or a duty post.

Definitions, which the pages say in words:
- a person's exercises are read from their current enrolment in each course (its latest cycle):
  its results of kind "exercise" (`courses.ActivityResult`) for the exercises the course holds now;
- the learners who started a course's exercises are the active staff whose current enrolment
  holds a result in at least one of them (a checked attempt); those who passed are the ones
  among them whose current enrolment passed every exercise of the course;
- the practical pass rate is passed over started, in whole percent rounded half up as coverage
  is (`tracking.coverage`); with no one started there is no rate (a dash), and a course without
  exercises has none at all ("No practical exercises", never 0 %). Both counts are shown with it.

Every read is scoped by the viewer's country (`people.selectors`) and costs a fixed number of
queries, whatever the number of people or courses.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from courses.models import ActivityResult, Enrolment
from courses.selectors.exercises import EXERCISE_KIND, CourseExercise, course_exercises
from people.models import Country
from people.selectors import CountryScope
from tracking import coverage


@dataclass
class Practical:
    """How many learners started a course's exercises and how many passed every one of them."""

    exercises: int
    started: int = 0
    passed: int = 0

    def add(self, started: int, passed: int) -> None:
        self.started += started
        self.passed += passed

    @property
    def has_exercises(self) -> bool:
        return self.exercises > 0

    @property
    def percent(self) -> int | None:
        return coverage.coverage_percent(self.passed, self.started) if self.has_exercises else None

    @property
    def percent_label(self) -> str:
        return coverage.percent_label(self.percent)


@dataclass(frozen=True)
class ExercisePassed:
    exercise: CourseExercise
    best_score: Decimal
    passed_at: datetime
    attempts: int


@dataclass
class CourseExercisesPassed:
    """A person's exercises passed in one course, in course order, out of the course's exercises."""

    course_key: uuid.UUID
    title: str
    exercises: int
    passed: list[ExercisePassed]

    @property
    def has_exercises(self) -> bool:
        return self.exercises > 0


def current_enrolments(enrolments: Iterable[Enrolment]) -> dict[uuid.UUID, Enrolment]:
    """Each course's latest cycle among these enrolments."""
    current: dict[uuid.UUID, Enrolment] = {}
    for enrolment in enrolments:
        if enrolment.course_key not in current or enrolment.cycle > current[enrolment.course_key].cycle:
            current[enrolment.course_key] = enrolment
    return current


def exercises_passed(*, enrolments: Iterable[Enrolment], titles: dict[uuid.UUID, str]) -> list[CourseExercisesPassed]:
    """The exercises passed in each course of these (already scoped) enrolments, by their current cycle
    (four queries at most, whatever the number of courses)."""
    current = current_enrolments(enrolments)
    if not current:
        return []
    exercises = course_exercises(course_keys=current)
    results = {
        (result.enrolment_id, result.lesson_key, result.block_id): result
        for result in ActivityResult.objects.filter(
            enrolment__in=[enrolment.pk for enrolment in current.values()],
            kind=EXERCISE_KIND,
            passed_at__isnull=False,
        )
    }
    courses = []
    for course_key, enrolment in current.items():
        passed = []
        for exercise in exercises[course_key]:
            result = results.get((enrolment.pk, exercise.lesson_key, exercise.block_id))
            if result is not None:
                passed.append(ExercisePassed(exercise, result.best_score, result.passed_at, result.attempts))
        courses.append(
            CourseExercisesPassed(
                course_key=course_key,
                title=titles.get(course_key, str(course_key)),
                exercises=len(exercises[course_key]),
                passed=passed,
            )
        )
    courses.sort(key=lambda course: (not course.has_exercises, course.title))
    return courses


@dataclass(frozen=True)
class PracticalCount:
    """The learners of one country (and duty post, when asked) who started a course's exercises,
    and those of them who passed every one."""

    country_id: int
    course_key: uuid.UUID
    duty_post_id: int | None
    started: int
    passed: int


def practical_counts(
    *,
    scope: CountryScope,
    countries: Iterable[Country],
    exercises: dict[uuid.UUID, list[CourseExercise]],
    by_duty_post: bool = False,
) -> list[PracticalCount]:
    """The practical counts of these courses for these countries' active staff the scope covers,
    grouped by country and course (and duty post); one query, none if no course has exercises.

    The caller has checked that the viewer follows these countries."""
    with_exercises = {key: items for key, items in exercises.items() if items}
    if not with_exercises:
        return []
    of_the_courses = Q()
    passed_every = Q()
    for course_key, items in with_exercises.items():
        for exercise in items:
            of_the_courses |= Q(lesson_key=exercise.lesson_key, block_id=exercise.block_id)
        passed_every |= Q(course_key=course_key, exercises_passed=len(items))
    results = ActivityResult.objects.filter(of_the_courses, enrolment=OuterRef("pk"), kind=EXERCISE_KIND)
    passes = (
        results.filter(passed_at__isnull=False)
        .order_by()
        .values("enrolment")
        .annotate(passes=Count("pk"))
        .values("passes")
    )
    later_cycle = Enrolment.objects.filter(
        learner=OuterRef("learner"), course_key=OuterRef("course_key"), cycle__gt=OuterRef("cycle")
    )
    group = ["learner__staff_profile__country", "course_key"]
    if by_duty_post:
        group.append("learner__staff_profile__duty_post")
    rows = (
        Enrolment.objects.filter(
            scope.people_filter(user_field="learner", country_field="learner__staff_profile__country"),
            course_key__in=list(with_exercises),
            learner__is_active=True,
            learner__staff_profile__country__in=list(countries),
        )
        .filter(Exists(results))
        .exclude(Exists(later_cycle))
        .annotate(exercises_passed=Coalesce(Subquery(passes, output_field=IntegerField()), Value(0)))
        .values(*group)
        .annotate(started=Count("pk"), passed=Count("pk", filter=passed_every))
        .order_by()
    )
    return [
        PracticalCount(
            country_id=row["learner__staff_profile__country"],
            course_key=row["course_key"],
            duty_post_id=row.get("learner__staff_profile__duty_post"),
            started=row["started"],
            passed=row["passed"],
        )
        for row in rows
    ]
