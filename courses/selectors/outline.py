"""The structure of a course: its modules and lessons, and the graded activities its lessons hold.

The structure is read from the course's version in the default language; each module and lesson
is then shown in the course's language where a live translation exists, else in the other with a
notice. Every read costs a fixed number of queries whatever the number of lessons or blocks.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field

from wagtail.models import Page

from courses.blocks import ActivityRef, GradedActivityBlock, LessonStreamBlock
from courses.models import CoursePage, LessonPage, ModulePage
from courses.selectors.pages import _page_url, _site_root_paths, structure_course


@functools.cache
def lesson_block_definitions() -> dict:
    """The lesson blocks, with those that settings add (cleared when those settings change)."""
    return LessonStreamBlock().child_blocks


@dataclass
class OutlineLesson:
    key: uuid.UUID
    title: str
    url: str
    page_id: int
    is_required: bool
    estimated_minutes: int
    is_fallback: bool
    is_completed: bool = False
    is_current: bool = False


@dataclass
class OutlineModule:
    key: uuid.UUID
    title: str
    summary: str
    page_id: int
    requires_previous_module: bool
    lessons: list[OutlineLesson] = field(default_factory=list)
    is_locked: bool = False
    is_fallback: bool = False

    @property
    def completed_count(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.is_completed)

    @property
    def is_completed(self) -> bool:
        return all(lesson.is_completed for lesson in self.lessons if lesson.is_required)


@dataclass
class Outline:
    course: CoursePage
    structure: CoursePage
    modules: list[OutlineModule]

    @property
    def lessons(self) -> list[OutlineLesson]:
        return [lesson for module in self.modules for lesson in module.lessons]

    def module_of(self, lesson_key: uuid.UUID) -> OutlineModule | None:
        for module in self.modules:
            if any(lesson.key == lesson_key for lesson in module.lessons):
                return module
        return None


def course_outline(*, course: CoursePage, completed: set[uuid.UUID] | None = None) -> Outline:
    """The modules and lessons of a course, in the course's language where translated (at most five queries)."""
    structure = structure_course(course)
    modules = list(
        ModulePage.objects.live()
        .child_of(structure)
        .order_by("path")
        .only("id", "title", "summary", "translation_key", "requires_previous_module", "path", "url_path")
    )
    lessons = list(
        LessonPage.objects.live()
        .descendant_of(structure)
        .order_by("path")
        .only("id", "title", "translation_key", "is_required", "estimated_minutes", "path", "url_path", "locale_id")
    )
    locale_id = course.locale_id
    translations: dict[uuid.UUID, Page] = {}
    if structure.pk != course.pk:
        keys = [page.translation_key for page in (*modules, *lessons)]
        translations = {
            page.translation_key: page
            for page in ModulePage.objects.live()
            .filter(translation_key__in=keys, locale_id=locale_id)
            .only("id", "title", "summary", "translation_key", "url_path", "path")
        }
        translations |= {
            page.translation_key: page
            for page in LessonPage.objects.live()
            .filter(translation_key__in=keys, locale_id=locale_id)
            .only("id", "title", "translation_key", "url_path", "path")
        }
    site_root = _site_root_paths()
    completed = completed or set()
    outline_modules = []
    by_path = {}
    for module in modules:
        shown = translations.get(module.translation_key, module)
        outline_module = OutlineModule(
            key=module.translation_key,
            title=shown.title,
            summary=shown.summary,
            page_id=shown.pk,
            requires_previous_module=module.requires_previous_module,
            is_fallback=shown is module and structure.pk != course.pk,
        )
        outline_modules.append(outline_module)
        by_path[module.path] = outline_module
    for lesson in lessons:
        module = by_path.get(lesson.path[: -Page.steplen])
        if module is None:
            continue
        shown = translations.get(lesson.translation_key, lesson)
        module.lessons.append(
            OutlineLesson(
                key=lesson.translation_key,
                title=shown.title,
                url=_page_url(shown, site_root),
                page_id=shown.pk,
                is_required=lesson.is_required,
                estimated_minutes=lesson.estimated_minutes,
                is_fallback=shown is lesson and structure.pk != course.pk,
                is_completed=lesson.translation_key in completed,
            )
        )
    previous_done = True
    for module in outline_modules:
        module.is_locked = module.requires_previous_module and not previous_done
        previous_done = module.is_completed
    return Outline(course=course, structure=structure, modules=outline_modules)


def _activities_in(lesson_key: uuid.UUID, raw_blocks) -> list[ActivityRef]:
    """The graded activities among a lesson's stored blocks, neither converted nor rendered."""
    definitions = lesson_block_definitions()
    activities = []
    for item in raw_blocks:
        block = definitions.get(item.get("type"))
        if isinstance(block, GradedActivityBlock):
            value = item.get("value") or {}
            activities.append(
                ActivityRef(
                    lesson_key=lesson_key,
                    block_id=item.get("id") or "",
                    kind=block.activity_kind,
                    title=block.activity_title(value),
                    pass_mark=block.activity_pass_mark(value),
                    attempts_limit=block.activity_attempts_limit(value),
                )
            )
    return activities


def course_activities(*, structure: CoursePage) -> list[ActivityRef]:
    """Every graded activity in the lessons of a course (one query, no rendering)."""
    activities = []
    rows = LessonPage.objects.live().descendant_of(structure).order_by("path").values_list("translation_key", "body")
    for lesson_key, body in rows:
        activities += _activities_in(lesson_key, body.raw_data)
    return activities


def lesson_activities(*, lesson: LessonPage, structure: CoursePage) -> list[ActivityRef]:
    """The graded activities of one lesson, as its version in the structure's language holds them
    (no query for a lesson in that language, one for a translation)."""
    body = lesson.body
    if lesson.locale_id != structure.locale_id:
        source = (
            LessonPage.objects.live()
            .filter(translation_key=lesson.translation_key, locale_id=structure.locale_id)
            .values_list("body", flat=True)
            .first()
        )
        body = source if source is not None else body
    return _activities_in(lesson.translation_key, body.raw_data)
