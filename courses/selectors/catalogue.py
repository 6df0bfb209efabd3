"""The course catalogue: its filters, its courses (cached until a course page changes), and its URL."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from courses.models import CataloguePage, CourseAudience, CoursePage, EnrolmentPolicy, Topic
from courses.selectors.pages import _page_url, _site_root_paths
from people.models import JobFunction

if TYPE_CHECKING:
    from collections.abc import Mapping


CATALOGUE_VERSION_KEY = "courses:catalogue-version"


def catalogue_version() -> int:
    """A number that changes whenever a course page is published, unpublished, moved or deleted."""
    version = cache.get(CATALOGUE_VERSION_KEY)
    if version is None:
        version = secrets.randbelow(2**40)  # a lost key must never come back as an old version
        cache.add(CATALOGUE_VERSION_KEY, version, timeout=None)
        version = cache.get(CATALOGUE_VERSION_KEY, version)
    return version


def catalogue_version_bump() -> None:
    try:
        cache.incr(CATALOGUE_VERSION_KEY)
    except ValueError:
        catalogue_version()


def catalogue_context(*, catalogue: CataloguePage, filters: Mapping[str, str]) -> dict:
    """The catalogue's filters, and its courses computed only if the cached listing has expired."""
    topic = filters.get("topic") or ""
    language = filters.get("language") or ""
    job_function = filters.get("job_function") or ""
    topic = topic if topic in Topic.values else ""
    language = language if language in dict(settings.LANGUAGES) else ""
    job_function = job_function if job_function in JobFunction.values else ""

    def courses() -> list[CatalogueEntry]:
        return catalogue_courses(catalogue=catalogue, topic=topic, language=language, job_function=job_function)

    return {
        "courses": courses,
        "catalogue_cache_key": f"{catalogue.pk}:{catalogue_version()}:{topic}:{language}:{job_function}",
        "topics": Topic.choices,
        "languages": settings.LANGUAGES,
        "job_functions": [choice for choice in JobFunction.choices if choice[0] != JobFunction.OTHER],
        "selected": {"topic": topic, "language": language, "job_function": job_function},
    }


def catalogue_url() -> str | None:
    """The course catalogue in the active language (or the other one); cached, as every page's menu asks."""
    language = get_language() or settings.LANGUAGE_CODE
    key = f"courses:catalogue-url:{language}:{catalogue_version()}"
    url = cache.get(key)
    if url is None:
        catalogues = list(
            CataloguePage.objects.live().select_related("locale").only("id", "url_path", "path", "locale")
        )
        catalogue = next((c for c in catalogues if c.locale.language_code == language), None)
        catalogue = catalogue or next(iter(catalogues), None)
        url = catalogue.get_url() if catalogue else ""
        cache.set(key, url, timeout=60 * 60)
    return url or None


@dataclass
class CatalogueEntry:
    course: CoursePage
    url: str
    languages: list[str]
    is_fallback: bool
    job_functions: list[str]


def catalogue_courses(
    *, catalogue: CataloguePage, topic: str, language: str, job_function: str
) -> list[CatalogueEntry]:
    """Live courses of every language, one entry per course, shown in the catalogue's language if translated."""
    courses = (
        CoursePage.objects.live()
        .select_related("cover_image", "locale")
        .exclude(enrolment_policy=EnrolmentPolicy.CLOSED)
    )
    if topic:
        courses = courses.filter(topic=topic)
    by_key: dict[uuid.UUID, list[CoursePage]] = {}
    for course in courses.order_by("path"):
        by_key.setdefault(course.translation_key, []).append(course)
    audiences: dict[int, list[str]] = {}
    for course_id, function in CourseAudience.objects.filter(course__in=courses).values_list("course", "job_function"):
        audiences.setdefault(course_id, []).append(function)
    site_root = _site_root_paths()
    labels = dict(JobFunction.choices)
    entries = []
    for versions in by_key.values():
        languages = sorted({version.locale.language_code for version in versions})
        if language and language not in languages:
            continue
        shown = next((v for v in versions if v.locale_id == catalogue.locale_id), versions[0])
        functions = sorted({f for version in versions for f in audiences.get(version.pk, [])})
        if job_function and job_function not in functions:
            continue
        entries.append(
            CatalogueEntry(
                course=shown,
                url=_page_url(shown, site_root),
                languages=languages,
                is_fallback=shown.locale_id != catalogue.locale_id,
                job_functions=[str(labels[f]) for f in functions],
            )
        )
    return entries
