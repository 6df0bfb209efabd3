"""The lesson page as one viewer stands on it: whether they may open it, and what it shows (the
outline with their progress, the way on, its quizzes with their attempts, its sandbox exercises
with their scenario and checks, or a sample brief for course staff).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.utils.translation import gettext as _

from courses.models import CoursePage, Enrolment, GlossaryTerm, LessonPage
from courses.selectors.enrolments import enrolment_current
from courses.selectors.exercises import lesson_exercise_samples, lesson_exercise_states
from courses.selectors.outline import Outline, course_outline
from courses.selectors.pages import translation_notice
from courses.selectors.progress import lesson_activities_pending, lesson_pending_text
from courses.selectors.quiz import lesson_quiz_states
from people.roles import Role
from people.selectors import Viewer, user_roles


@dataclass
class LessonState:
    """A lesson as one viewer stands on it: its course, their enrolment, the outline with their progress."""

    course: CoursePage
    enrolment: Enrolment | None
    outline: Outline

    @property
    def refusal(self) -> str | None:
        """Why this viewer may not open the lesson yet, or None."""
        return lesson_refusal(enrolment=self.enrolment, outline=self.outline, lesson_key=self.lesson_key)

    lesson_key: uuid.UUID | None = None


def course_of_lesson(lesson: LessonPage) -> CoursePage:
    """The course a lesson belongs to (one query)."""
    return CoursePage.objects.ancestor_of(lesson).select_related("locale").get()


def lesson_state(*, lesson: LessonPage, viewer: Viewer, course: CoursePage | None = None) -> LessonState:
    """Read once per request: the view checks access with it, and the page's context reuses it."""
    course = course or course_of_lesson(lesson)
    enrolment = enrolment_current(learner=viewer, course_key=course.translation_key)
    completed = set()
    if enrolment is not None:
        completed = set(enrolment.lesson_completions.values_list("lesson_key", flat=True))
    outline = course_outline(course=course, completed=completed)
    return LessonState(course=course, enrolment=enrolment, outline=outline, lesson_key=lesson.translation_key)


def lesson_refusal(*, enrolment: Enrolment | None, outline: Outline, lesson_key: uuid.UUID | None) -> str | None:
    """Why a lesson is closed to a learner: not enrolled, or its module waits for the previous one."""
    if enrolment is None:
        return str(_("Enrol in the course to open its lessons."))
    module = outline.module_of(lesson_key) if lesson_key else None
    if module is not None and module.is_locked:
        return _("Complete the previous module before you start «%(module)s».") % {"module": module.title}
    return None


def lesson_context(*, lesson: LessonPage, viewer: Viewer, state: LessonState | None = None) -> dict:
    """The lesson page's context; `state` is the one the view read to let the viewer in, if any."""
    if state is None or state.lesson_key != lesson.translation_key:
        state = lesson_state(lesson=lesson, viewer=viewer)
    course, enrolment, outline = state.course, state.enrolment, state.outline
    lessons = outline.lessons
    index = next((i for i, item in enumerate(lessons) if item.key == lesson.translation_key), None)
    for item in lessons:
        item.is_current = item.key == lesson.translation_key
    if enrolment is not None:
        states = lesson_quiz_states(enrolment=enrolment, lesson=lesson)
        states |= lesson_exercise_states(enrolment=enrolment, lesson=lesson)
    else:  # course staff, authoring or previewing: each exercise with a sample brief
        states = lesson_exercise_samples(lesson=lesson)
    required = [item for item in lessons if item.is_required]
    is_completed = any(item.is_current and item.is_completed for item in lessons)
    pending = []
    if enrolment is not None and not is_completed:
        pending = lesson_activities_pending(
            enrolment=enrolment, lesson=lesson, course=course, structure=outline.structure
        )
    children = list(lesson.body)
    body_prefetch(children=children, locale_id=lesson.locale_id)
    return {
        "course": course,
        "outline": outline,
        "enrolment": enrolment,
        "module": outline.module_of(lesson.translation_key),
        "previous_lesson": lessons[index - 1] if index else None,
        "next_lesson": lessons[index + 1] if index is not None and index + 1 < len(lessons) else None,
        "position": (index or 0) + 1,
        "lesson_count": len(lessons),
        "completed_count": sum(1 for item in required if item.is_completed),
        "required_count": len(required),
        "is_completed": is_completed,
        # While a required quiz (or exercise) waits, passing it completes the lesson: nothing to mark by hand.
        "pending_text": lesson_pending_text(pending) if pending else "",
        "body": [(child, states.get(child.id)) for child in children],
        "lesson_language": course.locale.language_code,
        **translation_notice(page=lesson, page_language=course.locale.language_code, viewer=viewer),
    }


def body_prefetch(*, children: list, locale_id: int) -> None:
    """Each glossary term of a lesson in the lesson's language, all in one query (not one per term).

    Images need nothing here: the StreamField reads each block type's images in one query, and
    Wagtail keeps renditions in the cache."""
    terms = [child.value["term"] for child in children if child.block_type == "glossary_term" and child.value["term"]]
    if terms:
        shown = {
            term.translation_key: term
            for term in GlossaryTerm.objects.filter(
                translation_key__in={term.translation_key for term in terms}, locale_id=locale_id
            )
        }
        for term in terms:
            term.shown = shown.get(term.translation_key, term)


def is_course_staff(*, user: Viewer) -> bool:
    """Trainers and administrators see every lesson, enrolled or not (to author and preview)."""
    return bool(user_roles(user=user) & {Role.TRAINER, Role.ADMINISTRATOR})
