"""The course page as one viewer stands on it: the outline with their progress, where to resume,
the rules and pass marks, prerequisites and audience.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from courses.models import CoursePage
from courses.selectors.enrolments import course_prerequisites, enrolment_current, prerequisites_missing
from courses.selectors.lesson import is_course_staff
from courses.selectors.outline import course_activities, course_outline
from courses.selectors.pages import translation_notice
from courses.selectors.progress import course_pass_marks, progress_percent, progress_snapshot, requirement_statuses
from people.models import JobFunction

if TYPE_CHECKING:
    from people.selectors import Viewer


def course_context(*, course: CoursePage, viewer: Viewer) -> dict:
    enrolment = enrolment_current(learner=viewer, course_key=course.translation_key)
    completed = set()
    snapshot = None
    if enrolment is not None:
        snapshot = progress_snapshot(enrolment=enrolment, course=course)
        completed = snapshot.completed_lesson_keys
    outline = course_outline(course=course, completed=completed)
    structure = outline.structure
    resume = None
    if enrolment is not None:
        resume = next((lesson for lesson in outline.lessons if lesson.key == enrolment.last_lesson_key), None)
        if resume is None or resume.is_completed:
            resume = next((lesson for lesson in outline.lessons if not lesson.is_completed), resume)
    prerequisites = course_prerequisites(course=course)
    labels = dict(JobFunction.choices)
    statuses = requirement_statuses(course=course, snapshot=snapshot) if snapshot else []
    activities = snapshot.activities if snapshot else course_activities(structure=structure)
    return {
        "outline": outline,
        "structure": structure,
        "enrolment": enrolment,
        "snapshot": snapshot,
        # A rule with nothing to count (no graded quiz in the course) does not apply: not listed.
        "statuses": [status for status in statuses if status.is_applicable],
        "progress": progress_percent(course=course, snapshot=snapshot) if snapshot else 0,
        "pass_marks": course_pass_marks(structure=structure, activities=activities),
        "resume": resume,
        "missing_prerequisites": prerequisites_missing(learner=viewer, course=course, prerequisites=prerequisites),
        "prerequisites": prerequisites,
        "audience": [str(labels[a.job_function]) for a in structure.audiences.all()],
        **translation_notice(page=course, page_language=course.locale.language_code, viewer=viewer),
        "can_open_lessons": enrolment is not None,
        "is_course_staff": is_course_staff(user=viewer),
    }
