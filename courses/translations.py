"""Reads for trainers translating courses: what a translated page uses that is translated separately.

wagtail-localize translates a page's own text; the question banks, questions and glossary terms
its lessons use are snippets, each translated on its own. A snippet counts as translated into a
language when its version in that language exists and, if wagtail-localize manages that version,
every one of its strings has been translated (a version it has just created still holds the
source's text). A read costs a fixed number of queries per kind of snippet, and one per question bank.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Exists, OuterRef
from wagtail_localize.models import StringSegment, StringTranslation

from courses.models import GlossaryTerm, LessonPage, Question, QuestionBank

if TYPE_CHECKING:
    from django.db.models import Model
    from wagtail.models import Page


def keys_being_translated(*, keys: Iterable[uuid.UUID], locale_id: int) -> set[uuid.UUID]:
    """The translation keys whose translation into a locale, managed by wagtail-localize, still has
    untranslated strings (one query)."""
    keys = list(keys)
    if not keys:
        return set()
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=locale_id,
        has_error=False,
    )
    return set(
        StringSegment.objects.filter(
            source__object_id__in=keys,
            source__translations__target_locale_id=locale_id,
            source__translations__enabled=True,
        )
        .exclude(Exists(translated))
        .values_list("source__object_id", flat=True)
        .distinct()
    )


def keys_untranslated(*, model: type[Model], keys: Iterable[uuid.UUID], locale_id: int) -> list[uuid.UUID]:
    """The translation keys, in their order, of the objects not (yet completely) translated into a locale."""
    keys = list(dict.fromkeys(keys))
    present = set(
        model.objects.filter(translation_key__in=keys, locale_id=locale_id).values_list("translation_key", flat=True)
    )
    pending = keys_being_translated(keys=present, locale_id=locale_id)
    return [key for key in keys if key not in present or key in pending]


@dataclass
class SnippetGap:
    """A snippet still to translate: `instance` is the version to open (the new translation if it
    was started, else the source to submit), `is_started` whether wagtail-localize already holds
    a translation of it with strings left."""

    instance: Model
    is_started: bool


@dataclass
class TranslationGaps:
    locale_id: int
    banks: list[SnippetGap] = field(default_factory=list)
    questions: list[SnippetGap] = field(default_factory=list)
    glossary_terms: list[SnippetGap] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.banks or self.questions or self.glossary_terms)


@dataclass
class _References:
    bank_ids: set[int] = field(default_factory=set)
    bank_tags: dict[int, set[str] | None] = field(default_factory=dict)  # None: every question of the bank
    question_ids: set[int] = field(default_factory=set)
    term_ids: set[int] = field(default_factory=set)


def _references(lessons: Iterable[LessonPage]) -> _References:
    """The snippets named by the lessons' quiz and glossary blocks, read from the stored JSON (no query)."""
    found = _References()
    for lesson in lessons:
        for block in lesson.body.raw_data:
            value = block.get("value") or {}
            if block.get("type") == "glossary_term" and value.get("term"):
                found.term_ids.add(value["term"])
            elif block.get("type") == "quiz":
                fixed = [item["value"] if isinstance(item, dict) else item for item in value.get("questions") or []]
                found.question_ids.update(question for question in fixed if question)
                if value.get("bank") and not any(fixed):
                    bank = value["bank"]
                    tags = {tag.strip() for tag in (value.get("tags") or "").split(",") if tag.strip()}
                    known = found.bank_tags.get(bank, set())
                    found.bank_ids.add(bank)
                    found.bank_tags[bank] = None if known is None or not tags else known | tags
    return found


def _gaps(model: type[Model], keys: list[uuid.UUID], locale_id: int) -> list[SnippetGap]:
    missing = keys_untranslated(model=model, keys=keys, locale_id=locale_id)
    if not missing:
        return []
    versions: dict[uuid.UUID, Model] = {}
    for version in model.objects.filter(translation_key__in=missing).select_related("locale").order_by("pk"):
        current = versions.get(version.translation_key)
        if (
            current is None
            or version.locale_id == locale_id
            or (current.locale_id != locale_id and version.locale.language_code == settings.LANGUAGE_CODE)
        ):
            versions[version.translation_key] = version
    return [
        SnippetGap(instance=versions[key], is_started=versions[key].locale_id == locale_id)
        for key in missing
        if key in versions
    ]


def translation_gaps(*, page: Page) -> TranslationGaps:
    """What the lessons of a course, module or lesson use, in the page's language, that is not translated yet:
    their quizzes' question banks and questions, and their glossary terms."""
    lessons = LessonPage.objects.filter(locale_id=page.locale_id).descendant_of(page, inclusive=True)
    found = _references(lessons.only("id", "body"))
    gaps = TranslationGaps(locale_id=page.locale_id)
    bank_keys = dict(QuestionBank.objects.filter(pk__in=found.bank_ids).values_list("pk", "translation_key"))
    question_keys = list(
        Question.objects.filter(pk__in=found.question_ids).order_by("pk").values_list("translation_key", flat=True)
    )
    for bank_id, bank_key in bank_keys.items():
        pool = Question.objects.filter(bank__translation_key=bank_key)
        tags = found.bank_tags.get(bank_id)
        if tags:
            pool = pool.filter(tags__name__in=tags)
        question_keys.extend(pool.order_by("pk").values_list("translation_key", flat=True))
    term_keys = list(
        GlossaryTerm.objects.filter(pk__in=found.term_ids).order_by("term").values_list("translation_key", flat=True)
    )
    gaps.banks = _gaps(QuestionBank, list(bank_keys.values()), page.locale_id)
    gaps.questions = _gaps(Question, question_keys, page.locale_id)
    gaps.glossary_terms = _gaps(GlossaryTerm, term_keys, page.locale_id)
    return gaps
