"""Enrolments: a learner's current one in a course, the prerequisites they lack, their own
courses by status, and the enrolments a viewer may see.

Lists of people take the viewer and are scoped by country through `people.selectors`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from courses.models import ActivityResult, CoursePage, CoursePrerequisite, Enrolment, LessonCompletion
from courses.selectors.pages import pages_in_language, structure_course
from people.selectors import Viewer, country_scope_for


def enrolment_current(*, learner: Viewer, course_key: uuid.UUID) -> Enrolment | None:
    """A learner's latest enrolment in a course."""
    if not learner.is_authenticated:
        return None
    return Enrolment.objects.filter(learner=learner, course_key=course_key).order_by("-cycle").first()


def course_prerequisites(*, course: CoursePage) -> list[CoursePage]:
    """A course's prerequisite courses, each in the active language where translated (two queries)."""
    linked = [
        link.prerequisite
        for link in CoursePrerequisite.objects.filter(course=structure_course(course)).select_related("prerequisite")
    ]
    shown = pages_in_language(CoursePage, [page.translation_key for page in linked]) if linked else {}
    return [shown.get(page.translation_key, page) for page in linked]


def prerequisites_missing(
    *, learner: Viewer, course: CoursePage, prerequisites: list[CoursePage] | None = None
) -> list[CoursePage]:
    """The prerequisite courses a learner has not completed, in the active language."""
    if prerequisites is None:
        prerequisites = course_prerequisites(course=course)
    if not prerequisites:
        return []
    done = set()
    if learner.is_authenticated:
        done = set(
            Enrolment.objects.filter(
                learner=learner,
                course_key__in=[p.translation_key for p in prerequisites],
                completed_at__isnull=False,
            ).values_list("course_key", flat=True)
        )
    return [p for p in prerequisites if p.translation_key not in done]


@dataclass
class LearningEntry:
    enrolment: Enrolment
    course: CoursePage | None
    status: str  # "assigned", "in_progress", "completed"
    is_overdue: bool


def my_learning(*, learner: Viewer) -> dict[str, list[LearningEntry]]:
    """A learner's enrolments by status, each with its course in the learner's language (two queries)."""
    enrolments = list(Enrolment.objects.filter(learner=learner).select_related("cohort").order_by("-enrolled_at"))
    latest: dict[uuid.UUID, Enrolment] = {}
    for enrolment in enrolments:
        if enrolment.course_key not in latest or enrolment.cycle > latest[enrolment.course_key].cycle:
            latest[enrolment.course_key] = enrolment
    courses = pages_in_language(CoursePage, latest)
    started = set(
        LessonCompletion.objects.filter(enrolment__in=latest.values()).values_list("enrolment_id", flat=True)
    ) | set(ActivityResult.objects.filter(enrolment__in=latest.values()).values_list("enrolment_id", flat=True))
    today = timezone.localdate()
    groups: dict[str, list[LearningEntry]] = {"assigned": [], "in_progress": [], "completed": []}
    for enrolment in latest.values():
        if enrolment.completed_at:
            status = "completed"
        elif enrolment.pk in started or enrolment.last_lesson_key:
            status = "in_progress"
        elif enrolment.due_on or enrolment.source != "self":
            status = "assigned"
        else:
            status = "in_progress"
        groups[status].append(
            LearningEntry(
                enrolment=enrolment,
                course=courses.get(enrolment.course_key),
                status=status,
                is_overdue=bool(enrolment.due_on and enrolment.due_on < today and not enrolment.completed_at),
            )
        )
    groups["assigned"].sort(key=lambda e: (e.enrolment.due_on is None, e.enrolment.due_on))
    return groups


def enrolment_list(*, viewer: Viewer, course_key: uuid.UUID | None = None) -> QuerySet[Enrolment]:
    """Enrolments the viewer may see, scoped by the learners' country."""
    scope = country_scope_for(viewer=viewer)
    enrolments = Enrolment.objects.filter(
        scope.people_filter(user_field="learner", country_field="learner__staff_profile__country")
    )
    if course_key is not None:
        enrolments = enrolments.filter(course_key=course_key)
    return enrolments.select_related("learner__staff_profile__country", "cohort")
