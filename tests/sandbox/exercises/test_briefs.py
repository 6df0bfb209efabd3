"""The briefs as an exercise page renders them (the stored brief and the type's `brief_context`):
what the learner needs, each MRZ in a `pre`, and nothing of the expected outcome."""

from __future__ import annotations

import html
import re

import pytest
from django.template.loader import render_to_string

from sandbox.exercises import exercise_type
from sandbox.models import CrossingPoint, IcaoCountry
from tests.people.factories import UserFactory
from tests.sandbox.exercises.helpers import start

pytestmark = pytest.mark.django_db


def _rendered(attempt) -> str:
    kind = exercise_type(attempt.exercise_type)
    return render_to_string(kind.brief_template, {"brief": attempt.brief, **kind.brief_context(attempt.brief)})


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _mrzs(page: str) -> list[str]:
    return [html.unescape(block) for block in re.findall(r'<pre class="mrz">([^<]*)</pre>', page)]


def test_the_entry_brief_tells_the_story_the_stay_and_the_mrz(english):
    attempt = start(UserFactory(), "entry_registration")
    brief = attempt.brief
    page = _rendered(attempt)
    text = _text(page)
    assert brief["traveller"] in text
    assert IcaoCountry.objects.get(code=brief["nationality"]).name_en in text
    assert "Peñas Blancas" in text
    story = {"TOURISM": "on holiday", "FAMILY": "visiting their family", "BUSINESS": "business meetings"}
    assert f"{story[brief['purpose_story']]} and plan to stay {brief['days_planned']} days." in text
    assert f"standard stay of {brief['standard_stay']} days." in text
    assert _mrzs(page) == [brief["mrz"]]
    assert re.search(r"\d\d:\d\d", text)


def test_the_ca4_brief_names_each_traveller_and_post_but_no_decision(english):
    attempt = start(UserFactory(), "ca4_decisions")
    page = _rendered(attempt)
    text = _text(page)
    other = CrossingPoint.objects.get(code=attempt.brief["second_point"])
    assert "Valle Nuevo" in text and other.name in text
    for traveller in attempt.brief["travellers"]:
        assert traveller["name"] in text
    assert _mrzs(page) == [traveller["mrz"] for traveller in attempt.brief["travellers"]]
    for outcome in ("Admitted", "Refused", "Referred", "passport is required", "minor"):
        assert outcome.lower() not in text.lower()


def test_the_exit_brief_gives_the_departure_and_the_passport_but_no_outcome(english):
    attempt = start(UserFactory(), "exit_closure")
    page = _rendered(attempt)
    text = _text(page)
    assert attempt.brief["traveller"] in text
    assert "by land, towards Nicaragua" in text
    assert _mrzs(page) == [attempt.brief["mrz"]]
    assert "overstay" not in text.lower()
    assert "record gap" not in text.lower()
