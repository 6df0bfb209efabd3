"""Presenting questions without their answers: no question type's presentation or attempt page says
which answers are correct or shows their feedback, and matching and ordering questions give
nothing away by their ids or their order.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from django.urls import reverse

from courses.blocks.questions import QuestionBodyBlock
from courses.blocks.questions.arranged import MatchingBlock, OrderingBlock
from courses.models import QuestionBank
from courses.services import enrolment_create
from tests.conftest import client_for
from tests.courses import factories
from tests.courses.question_values import matching, with_items

SECRET_FEEDBACK = "Retroalimentación secreta"


def every_type() -> list[tuple[str, dict]]:
    """One raw value of each question type, each with feedback or answers a form must not show."""
    return [
        (
            "single_choice",
            {
                "options": factories.items(
                    [
                        factories.option("Pasaporte", True, f"{SECRET_FEEDBACK} 1"),
                        factories.option("Licencia", False, "x"),
                    ]
                )
            },
        ),
        (
            "multiple_response",
            {
                "partial_credit": True,
                "options": factories.items(
                    [factories.option("Visa", True, f"{SECRET_FEEDBACK} 2"), factories.option("Boleto", False)]
                ),
            },
        ),
        (
            "true_false",
            {"answer": True, "feedback_true": f"{SECRET_FEEDBACK} 3", "feedback_false": f"{SECRET_FEEDBACK} 4"},
        ),
        ("numeric", {"answer": "4817.25", "tolerance": "0.5", "unit": "km"}),
        ("short_text", {"accepted_answers": factories.items(["Respuestasecreta"])}),
        (
            "matching",
            {
                "pairs": factories.items(
                    [{"prompt": "Guatemala", "match": "IGM"}, {"prompt": "Honduras", "match": "INM"}]
                )
            },
        ),
        ("ordering", {"items": factories.items(["Primero", "Segundo", "Tercero"])}),
    ]


def test_every_question_type_is_covered_by_the_presentation_check():
    assert {kind for kind, _raw in every_type()} == set(QuestionBodyBlock().child_blocks)


@pytest.mark.parametrize(("kind", "raw"), every_type(), ids=[kind for kind, _raw in every_type()])
def test_presentation_never_says_which_answers_are_correct(kind, raw):
    block = QuestionBodyBlock().child_blocks[kind]
    value = block.to_python(raw)

    presentation = block.present(value, seed="0123456789abcdef")

    fields = {f.name for f in dataclasses.fields(presentation)}
    assert not {"is_correct", "correct", "answer", "accepted_answers", "feedback", "match"} & fields
    dumped = repr(dataclasses.asdict(presentation))
    assert "is_correct" not in dumped
    assert SECRET_FEEDBACK not in dumped
    assert "4817.25" not in dumped
    assert "Respuestasecreta" not in dumped
    assert presentation.kind == kind


@pytest.mark.django_db
def test_attempt_page_shows_no_correct_answers_nor_feedback_for_any_question_type(learner):
    bank = QuestionBank.objects.create(title="Banco de todos los tipos")
    questions = [factories.question(bank, kind, value=raw) for kind, raw in every_type()]
    built = factories.course(
        modules=1,
        lessons_per_module=1,
        quiz={"questions": [question.pk for question in questions], "question_count": 7, "feedback": "full"},
    )
    lesson = built.quiz_lesson
    enrolment_create(learner=learner, course=built.page)
    client = client_for(learner)

    started = client.post(reverse("courses:attempt_start", args=[lesson.pk, built.quiz_id]))
    page = client.get(started["Location"])

    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="question"') == 7
    assert "is_correct" not in html
    assert SECRET_FEEDBACK not in html
    assert "4817.25" not in html and "4817,25" not in html
    assert "Respuestasecreta" not in html
    for visible in ("Pasaporte", "Licencia", "Visa", "Boleto", "IGM", "INM", "Primero", "Tercero"):
        assert visible in html  # the options themselves are shown


def test_matching_presentation_does_not_pair_items_and_matches_by_id():
    block, value, _ids = matching()

    shown = block.present(value, seed="0123456789abcdef")

    # The form names each select after its item and gives each match its id as the option's
    # value: the same id on both sides would tell the learner every correct match.
    assert not {choice.id for choice in shown.prompts} & {choice.id for choice in shown.choices}


def many(count: int) -> list[str]:
    return [f"Paso {number}" for number in range(1, count + 1)]


def test_ordering_presentation_does_not_show_the_items_in_the_correct_order_even_unshuffled():
    block = OrderingBlock()
    raw, _ids = with_items(many(8))
    value = block.to_python({"items": raw})

    shown = block.present(value, seed=None)  # a quiz with "Shuffle options" off draws no seed

    assert sorted(choice.text for choice in shown.choices) == sorted(many(8))
    assert [choice.text for choice in shown.choices] != many(8)


def test_matching_presentation_does_not_list_the_matches_in_the_items_order_even_unshuffled():
    block = MatchingBlock()
    pairs = [{"prompt": f"Elemento {n}", "match": f"Pareja {n}"} for n in range(1, 9)]
    value = block.to_python({"pairs": factories.items(pairs)})

    shown = block.present(value, seed=None)

    assert [choice.text for choice in shown.prompts] == [pair["prompt"] for pair in pairs]
    assert [choice.text for choice in shown.choices] != [pair["match"] for pair in pairs]


@pytest.mark.django_db
def test_attempt_page_does_not_give_away_the_matches_of_a_matching_question(learner):
    bank = QuestionBank.objects.create(title="Banco de emparejar")
    pairs = [
        {"prompt": "Guatemala", "match": "IGM"},
        {"prompt": "Honduras", "match": "INM"},
        {"prompt": "Panamá", "match": "SNM"},
    ]
    question = factories.question(bank, "matching", value={"pairs": factories.items(pairs)})
    built = factories.course(modules=1, lessons_per_module=1, quiz={"questions": [question.pk]})
    enrolment_create(learner=learner, course=built.page)
    client = client_for(learner)

    started = client.post(reverse("courses:attempt_start", args=[built.quiz_lesson.pk, built.quiz_id]))
    html = client.get(started["Location"]).content.decode()

    selects = re.findall(r'<select[^>]*name="answer-1-([^"]+)"[^>]*>(.*?)</select>', html, re.S)
    assert len(selects) == 3
    for item_id, options in selects:
        assert f'value="{item_id}"' not in options, "the correct match carries the item's own id"
