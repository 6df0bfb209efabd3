"""A learner's progress in a course: what they have done, how they stand on its completion rules,
which graded activities those rules require, and the share done (a fixed number of queries).
"""

from __future__ import annotations

import uuid

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from courses.blocks import (
    ActivityRef,
    AverageScoreBlock,
    LessonRef,
    ProgressSnapshot,
    Requirement,
    RequirementStatus,
    ResultRef,
)
from courses.models import ActivityResult, CoursePage, Enrolment, LessonPage
from courses.selectors.outline import course_activities, lesson_activities
from courses.selectors.pages import structure_course


def progress_snapshot(*, enrolment: Enrolment, course: CoursePage) -> ProgressSnapshot:
    """Everything a learner has done in a course, for its completion rules (four queries)."""
    structure = structure_course(course)
    lessons = [
        LessonRef(
            key=lesson.translation_key,
            page_id=lesson.pk,
            title=lesson.title,
            is_required=lesson.is_required,
        )
        for lesson in LessonPage.objects.live()
        .descendant_of(structure)
        .only("id", "title", "translation_key", "is_required")
    ]
    completed = set(enrolment.lesson_completions.values_list("lesson_key", flat=True))
    results = {
        (result.lesson_key, result.block_id): ResultRef(best_score=result.best_score, is_passed=result.is_passed)
        for result in enrolment.activity_results.all()
    }
    return ProgressSnapshot(
        pass_mark=structure.pass_mark,
        lessons=lessons,
        activities=course_activities(structure=structure),
        completed_lesson_keys=completed,
        results=results,
    )


def requirement_statuses(*, course: CoursePage, snapshot: ProgressSnapshot) -> list[RequirementStatus]:
    """How the learner stands on each of the course's completion rules."""
    rules = structure_course(course).completion_rules
    statuses = [child.block.evaluate(child.value, snapshot) for child in rules if isinstance(child.block, Requirement)]
    if not statuses:
        from courses.blocks import LessonsCompletedBlock

        statuses = [LessonsCompletedBlock().evaluate(None, snapshot)]
    return statuses


def activities_required(*, structure: CoursePage, activities: list[ActivityRef]) -> list[ActivityRef]:
    """Those of these graded activities that a completion rule of the course needs passed (no query).

    A lesson holding any is completed by the pass that leaves them all passed, never by hand; an
    activity no rule requires (a practice quiz) neither completes its lesson nor holds it back."""
    rules = [child for child in structure.completion_rules if isinstance(child.block, Requirement)]
    return [
        activity for activity in activities if any(rule.block.requires_activity(rule.value, activity) for rule in rules)
    ]


def lesson_activities_required(
    *, course: CoursePage, snapshot: ProgressSnapshot, lesson_key: uuid.UUID
) -> list[ActivityRef]:
    """The graded activities of a lesson that the course's completion rules need passed (no query
    for a course in the default language)."""
    return [
        activity
        for activity in activities_required(structure=structure_course(course), activities=snapshot.activities)
        if activity.lesson_key == lesson_key
    ]


def lesson_activities_pending(
    *, enrolment: Enrolment, lesson: LessonPage, course: CoursePage, structure: CoursePage | None = None
) -> list[ActivityRef]:
    """The graded activities of a lesson that the course's rules require and the learner has not
    passed yet: while there are any, the lesson cannot be marked as completed by hand (at most
    two queries; none for a lesson in the default language without a required activity)."""
    structure = structure or structure_course(course)
    required = activities_required(
        structure=structure, activities=lesson_activities(lesson=lesson, structure=structure)
    )
    if not required:
        return []
    passed = set(
        ActivityResult.objects.filter(
            enrolment=enrolment, lesson_key=lesson.translation_key, passed_at__isnull=False
        ).values_list("block_id", flat=True)
    )
    return [activity for activity in required if activity.block_id not in passed]


def course_pass_marks(*, structure: CoursePage, activities: list[ActivityRef]) -> list[int]:
    """The pass marks a learner has to reach, lowest first: those of the graded activities the
    course's rules require, and the course's own when its rule on the average quiz score applies.
    Empty when there is nothing to pass (no quiz, or only practice quizzes)."""
    marks = {activity.pass_mark for activity in activities_required(structure=structure, activities=activities)}
    has_quiz = any(activity.kind == "quiz" for activity in activities)
    if has_quiz and any(isinstance(child.block, AverageScoreBlock) for child in structure.completion_rules):
        marks.add(structure.pass_mark)
    return sorted(marks)


def lesson_pending_text(activities: list[ActivityRef]) -> str:
    """What a learner reads instead of "Mark as completed" while a lesson's required activities wait."""
    titles = ", ".join(
        pgettext("quotation marks around a title", "«%(title)s»") % {"title": activity.title} for activity in activities
    )
    return _("This lesson is completed when you pass %(activities)s.") % {"activities": titles}


def progress_percent(*, course: CoursePage, snapshot: ProgressSnapshot) -> int:
    """Share of what the course's rules require that is done: required lessons, and the graded
    activities a rule needs passed (a practice quiz counts for nothing). Never 100 while a rule
    is unmet, so that the bar does not claim a course done that is not."""
    structure = structure_course(course)
    required = [lesson for lesson in snapshot.lessons if lesson.is_required]
    activities = activities_required(structure=structure, activities=snapshot.activities)
    total = len(required) + len(activities)
    done = sum(1 for lesson in required if lesson.key in snapshot.completed_lesson_keys)
    done += sum(1 for activity in activities if (r := snapshot.result_of(activity)) and r.is_passed)
    percent = round(100 * done / total) if total else 0
    if percent == 100 and not all(status.is_met for status in requirement_statuses(course=course, snapshot=snapshot)):
        percent = 99
    return percent
