"""Which version of a page a reader gets: the viewer's language, the version of a course that
defines its structure (the default language's, the one courses are authored in), each page in a
language or else in the other, whether a translation is missing, and page URLs read in bulk.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page

from courses.models import CoursePage, LessonPage

if TYPE_CHECKING:
    from people.selectors import Viewer


def viewer_language(viewer: Viewer | None) -> str:
    """The language a viewer reads: their preferred language if signed in, else the page's."""
    if viewer is not None and viewer.is_authenticated and viewer.preferred_language:
        return viewer.preferred_language
    return get_language() or settings.LANGUAGE_CODE


def structure_course(course: CoursePage) -> CoursePage:
    """The version of a course whose tree defines its structure: the default language's, if live."""
    if course.locale.language_code == settings.LANGUAGE_CODE:
        return course
    source = (
        CoursePage.objects.live()
        .filter(translation_key=course.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )
    return source or course


def pages_in_language(model: type[Page], keys, language: str | None = None) -> dict[uuid.UUID, Page]:
    """The live version of each page in a language, or in the other one, by translation key (one query)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    chosen: dict[uuid.UUID, Page] = {}
    for page in model.objects.live().filter(translation_key__in=list(keys)).select_related("locale"):
        if page.translation_key not in chosen or page.locale.language_code == language:
            chosen[page.translation_key] = page
    return chosen


def _site_root_paths():
    from wagtail.models import Site

    return Site.get_site_root_paths()


def _page_url(page: Page, site_root) -> str:
    page._wagtail_cached_site_root_paths = site_root
    return page.get_url() or "#"


def lesson_in_language(*, lesson_key: uuid.UUID) -> LessonPage | None:
    """The live version of a lesson in the active language, or in the other one."""
    return pages_in_language(LessonPage, [lesson_key]).get(lesson_key)


def translation_notice(*, page: Page, page_language: str, viewer: Viewer | None) -> dict:
    """The reader's language, and whether the page is shown in the other for want of a live translation."""
    language = viewer_language(viewer)
    is_missing = (
        page_language != language
        and not Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .exists()
    )
    return {"viewer_language": language, "is_translation_missing": is_missing}
