"""The mandatory training rules, and the certified courses a rule may name, with their titles in the
reader's language."""

from __future__ import annotations

import uuid
from collections import defaultdict

from django.conf import settings
from django.db.models import Count
from django.http import Http404

from certificates.models import CourseCertification
from certificates.selectors import certification_for, template_default
from courses.models import CoursePage
from courses.selectors.pages import pages_in_language
from people.models import Country
from people.selectors import Viewer
from tracking.models import TrainingRule
from tracking.selectors.scope import in_scope


def course_titles(keys) -> dict[uuid.UUID, str]:
    pages = pages_in_language(CoursePage, set(keys))
    return {key: page.title for key, page in pages.items()}


def rule_keys(countries) -> dict[int, set[uuid.UUID]]:
    keys = defaultdict(set)
    for country_id, key in TrainingRule.objects.filter(country__in=countries, is_active=True).values_list(
        "country_id", "course_key"
    ):
        keys[country_id].add(key)
    return keys


def course_gives_certificate(*, course_key: uuid.UUID) -> bool:
    """Whether completing the course is certified: by its certification rule, or by the default template
    (`certificates.services.issuance.certificate_issue` certifies every completed course with one or the other)."""
    return certification_for(course_key=course_key) is not None or template_default() is not None


def certified_course_keys() -> set[uuid.UUID]:
    """The live courses that give a certificate: those with a certification rule, or, when a default
    certificate template certifies the others, every live course (whatever its languages)."""
    live = CoursePage.objects.live()
    if template_default() is None:
        live = live.filter(translation_key__in=CourseCertification.objects.values("course__translation_key"))
    return set(live.values_list("translation_key", flat=True).distinct())


def certified_course_choices() -> list[tuple[str, str]]:
    """The courses a rule may require, by translation key, titled in the current language (or the other one,
    for a course written in one language only), in alphabetical order."""
    titles = course_titles(certified_course_keys())
    return sorted(((str(key), title) for key, title in titles.items()), key=lambda choice: choice[1].casefold())


def certified_course_page(*, course_key: uuid.UUID | str) -> CoursePage | None:
    """The page a rule names for a course: its live Spanish page (the canonical one), or its live page in
    the other language for a course written in that language only; None for a course that gives no certificate."""
    if not course_gives_certificate(course_key=course_key):
        return None
    pages = CoursePage.objects.live().filter(translation_key=course_key).select_related("locale")
    by_language = {page.locale.language_code: page for page in pages}
    return by_language.get(settings.LANGUAGE_CODE) or next(iter(by_language.values()), None)


def rules_for(*, viewer: Viewer, country: Country) -> list[tuple[TrainingRule, str, int]]:
    """A country's rules with their course titles and how many people each covers."""
    in_scope(viewer, country)
    rules = list(
        TrainingRule.objects.filter(country=country).annotate(people=Count("statuses")).order_by("job_function")
    )
    titles = course_titles({rule.course_key for rule in rules})
    return [(rule, titles.get(rule.course_key, str(rule.course)), rule.people) for rule in rules]


def rule_for(*, viewer: Viewer, country: Country, pk: int) -> TrainingRule:
    in_scope(viewer, country)
    rule = TrainingRule.objects.filter(country=country, pk=pk).select_related("course").first()
    if rule is None:
        raise Http404
    return rule
