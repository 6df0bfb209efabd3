"""The alert exercises' briefs as the exercise page renders them: what the learner needs, in
English and Spanish, and nothing of the expected outcome (no disposition, no post abroad)."""

from __future__ import annotations

import html
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from sandbox.exercises import exercise_type
from tests.people.factories import person
from tests.sandbox.exercises.helpers import start

pytestmark = pytest.mark.django_db

TYPES = (
    "alert_stolen_passport",
    "hit_adjudication",
    "minor_exit_stale_alert",
    "alert_lifecycle_review",
    "primary_referral",
)


def _text(attempt, language: str) -> str:
    kind = exercise_type(attempt.exercise_type)
    with translation.override(language):
        page = render_to_string(kind.brief_template, {"brief": attempt.brief, **kind.brief_context(attempt.brief)})
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.parametrize("slug", TYPES)
def test_each_brief_renders_in_both_languages_without_the_outcome(slug):
    attempt = start(person(), slug)
    for text in (_text(attempt, "en"), _text(attempt, "es")):
        for hidden in ("CONFIRMED", "FALSE_POSITIVE", "REFERRED", "SCREENING_HIT", "EXPIRE"):
            assert hidden not in text


def test_the_stolen_passport_brief_gives_the_document_and_report_but_not_the_crossing():
    attempt = start(person(), "alert_stolen_passport")
    text = _text(attempt, "en")
    brief = attempt.brief
    assert brief["document_number"] in text and brief["report"] in text and brief["citizen"] in text
    assert "Guatemala" in text
    from sandbox.models import CrossingPoint

    abroad = CrossingPoint.objects.get(code=attempt.expected["crossing"]["crossing_point"])
    assert abroad.name not in text


def test_the_minor_brief_names_the_child_the_parent_and_both_zones():
    attempt = start(person(), "minor_exit_stale_alert")
    text = _text(attempt, "en")
    assert attempt.brief["child"] in text and attempt.brief["parent"] in text
    assert "9 years old" in text and "La Aurora" in text
    for line in (attempt.brief["child_mrz"] + "\n" + attempt.brief["parent_mrz"]).splitlines():
        assert line in text


def test_the_lifecycle_brief_tells_the_news_of_the_extension_and_the_arrest():
    attempt = start(person(), "alert_lifecycle_review")
    text = _text(attempt, "en")
    orders = [item["order"] for item in attempt.brief["news"] if item["kind"] == "extended"]
    assert orders and orders[0] in text
    assert "was arrested on" in text
    assert "extends the measure against" in text
