"""Question types: grading on the server, refusing tampered answers, presenting without the answers,
and the editor's checks on questions and quizzes."""

from __future__ import annotations

import dataclasses
import re
import uuid
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.urls import reverse
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import QuizBlock, ResponseError
from courses.blocks.questions import (
    MatchingBlock,
    MultipleResponseBlock,
    NumericBlock,
    OrderingBlock,
    QuestionBodyBlock,
    ShortTextBlock,
    SingleChoiceBlock,
    TrueFalseBlock,
)
from courses.models import QuestionBank
from courses.services import enrolment_create
from tests.conftest import client_for
from tests.courses import factories

FIELD = "answer-1"


def form(**fields) -> QueryDict:
    """A submitted form: each value a string or a list of strings (several values of one name)."""
    data = QueryDict(mutable=True)
    for name, value in fields.items():
        data.setlist(name.replace("_", "-"), value if isinstance(value, list) else [value])
    return data


def with_items(values: list) -> tuple[list[dict], list[str]]:
    """ListBlock raw items with their ids, and the ids in order."""
    raw = factories.items(values)
    return raw, [item["id"] for item in raw]


# ---------------------------------------------------------------- single choice


def single_choice():
    raw, ids = with_items(
        [factories.option("Pasaporte", True, "Correcto."), factories.option("Licencia de conducir", False, "No.")]
    )
    block = SingleChoiceBlock()
    return block, block.to_python({"options": raw}), ids


def test_single_choice_scores_the_correct_option_only():
    block, value, (right, wrong) = single_choice()

    assert block.grade(value, block.response_from(value, form(answer_1=right), field=FIELD)) == 1
    assert block.grade(value, block.response_from(value, form(answer_1=wrong), field=FIELD)) == 0
    assert block.grade(value, block.response_from(value, form(), field=FIELD)) == 0


def test_single_choice_refuses_an_option_that_is_not_one_of_its_own():
    block, value, _ids = single_choice()

    with pytest.raises(ResponseError):
        block.response_from(value, form(answer_1=str(uuid.uuid4())), field=FIELD)


def test_single_choice_refuses_two_answers_to_a_one_answer_question():
    block, value, ids = single_choice()

    with pytest.raises(ResponseError):
        block.response_from(value, form(answer_1=ids), field=FIELD)


# ---------------------------------------------------------------- multiple response


def multiple_response(*, partial_credit: bool):
    raw, ids = with_items(
        [
            factories.option("Pasaporte", True),
            factories.option("Documento de identidad", True),
            factories.option("Licencia de conducir", False),
        ]
    )
    block = MultipleResponseBlock()
    return block, block.to_python({"options": raw, "partial_credit": partial_credit}), ids


def test_multiple_response_without_partial_credit_scores_only_the_exact_set():
    block, value, (a, b, wrong) = multiple_response(partial_credit=False)

    def credit(chosen):
        return block.grade(value, block.response_from(value, form(answer_1=chosen), field=FIELD))

    assert credit([a, b]) == 1
    assert credit([b, a]) == 1
    assert credit([a]) == 0
    assert credit([a, b, wrong]) == 0
    assert credit([]) == 0


def test_multiple_response_with_partial_credit_gives_each_right_option_its_share_minus_wrong_ones():
    block, value, (a, b, wrong) = multiple_response(partial_credit=True)

    def credit(chosen):
        return block.grade(value, block.response_from(value, form(answer_1=chosen), field=FIELD))

    assert credit([a, b]) == 1
    assert credit([a]) == Decimal("0.5")
    assert credit([a, wrong]) == 0
    assert credit([a, b, wrong]) == Decimal("0.5")
    assert credit([wrong]) == 0  # never below zero


def test_multiple_response_refuses_an_option_that_is_not_one_of_its_own():
    block, value, (a, _b, _wrong) = multiple_response(partial_credit=True)

    with pytest.raises(ResponseError):
        block.response_from(value, form(answer_1=[a, str(uuid.uuid4())]), field=FIELD)


# ---------------------------------------------------------------- true or false


@pytest.mark.parametrize(
    ("statement_is_true", "answer", "credit"),
    [
        (True, "true", 1),
        (True, "false", 0),
        (False, "false", 1),
        (False, "true", 0),
        (True, "", 0),
    ],
)
def test_true_false_scores_the_answer_that_matches_the_statement(statement_is_true, answer, credit):
    block = TrueFalseBlock()
    value = block.to_python({"answer": statement_is_true, "feedback_true": "", "feedback_false": ""})

    assert block.grade(value, block.response_from(value, form(answer_1=answer), field=FIELD)) == credit


def test_true_false_refuses_anything_but_true_or_false():
    block = TrueFalseBlock()
    value = block.to_python({"answer": True, "feedback_true": "", "feedback_false": ""})

    with pytest.raises(ResponseError):
        block.response_from(value, form(answer_1="maybe"), field=FIELD)


# ---------------------------------------------------------------- numeric


def numeric():
    block = NumericBlock()
    return block, block.to_python({"answer": "12.5", "tolerance": "0.1", "unit": "km"})


@pytest.mark.parametrize("answer", ["12,5", "12.5", " 12.5 ", "12,45", "12.6", "12,4"])
def test_numeric_accepts_decimal_comma_and_point_within_the_tolerance(answer):
    block, value = numeric()

    assert block.grade(value, block.response_from(value, form(answer_1=answer), field=FIELD)) == 1


@pytest.mark.parametrize("answer", ["12,7", "12.39", "125", "", "-12.5"])
def test_numeric_scores_zero_outside_the_tolerance(answer):
    block, value = numeric()

    assert block.grade(value, block.response_from(value, form(answer_1=answer), field=FIELD)) == 0


def test_numeric_refuses_an_answer_that_is_not_a_number():
    block, value = numeric()

    with pytest.raises(ResponseError):
        block.response_from(value, form(answer_1="doce"), field=FIELD)


# ---------------------------------------------------------------- short text


def short_text():
    block = ShortTextBlock()
    raw, _ids = with_items(["Pasaporte electrónico", "e-pasaporte"])
    return block, block.to_python({"accepted_answers": raw})


@pytest.mark.parametrize(
    "answer",
    [
        "Pasaporte electrónico",
        "PASAPORTE ELECTRONICO",
        "  pasaporte   Electrónico ",
        "pasaporte electronico",
        "E-Pasaporte",
    ],
)
def test_short_text_ignores_case_accents_and_spacing(answer):
    block, value = short_text()

    assert block.grade(value, block.response_from(value, form(answer_1=answer), field=FIELD)) == 1


@pytest.mark.parametrize("answer", ["pasaporte", "licencia", ""])
def test_short_text_scores_zero_for_an_answer_not_accepted(answer):
    block, value = short_text()

    assert block.grade(value, block.response_from(value, form(answer_1=answer), field=FIELD)) == 0


# ---------------------------------------------------------------- matching


def matching():
    block = MatchingBlock()
    raw, ids = with_items(
        [
            {"prompt": "Guatemala", "match": "IGM"},
            {"prompt": "Honduras", "match": "INM"},
            {"prompt": "Panamá", "match": "SNM"},
        ]
    )
    return block, block.to_python({"pairs": raw}), ids


def test_matching_gives_each_correct_match_its_share():
    block, value, _ids = matching()
    shown = block.present(value, seed=None)
    prompt = {choice.text: choice.id for choice in shown.prompts}  # as the form names its fields
    match = {choice.text: choice.id for choice in shown.choices}  # as the form offers the matches

    def credit(pairs: dict[str, str]):
        data = form(**{f"{FIELD}-{prompt[left]}": match[right] for left, right in pairs.items()})
        return block.grade(value, block.response_from(value, data, field=FIELD))

    assert credit({"Guatemala": "IGM", "Honduras": "INM", "Panamá": "SNM"}) == 1
    assert credit({"Guatemala": "IGM", "Honduras": "SNM", "Panamá": "INM"}) == Decimal(1) / Decimal(3)
    assert credit({"Guatemala": "IGM"}) == Decimal(1) / Decimal(3)
    assert credit({"Guatemala": "INM", "Honduras": "SNM", "Panamá": "IGM"}) == 0
    assert credit({}) == 0


def test_matching_refuses_a_match_that_is_not_one_of_its_own():
    block, value, (gt, _hn, _pa) = matching()

    with pytest.raises(ResponseError):
        block.response_from(value, form(**{f"{FIELD}-{gt}": str(uuid.uuid4())}), field=FIELD)


# ---------------------------------------------------------------- ordering


def ordering():
    block = OrderingBlock()
    raw, ids = with_items(["Leer la zona MRZ", "Verificar alertas", "Registrar la entrada"])
    return block, block.to_python({"items": raw}), ids


def test_ordering_gives_each_item_in_its_place_its_share():
    block, value, (first, second, third) = ordering()

    def credit(positions: dict[str, int]):
        data = form(**{f"{FIELD}-{id}": str(position) for id, position in positions.items()})
        return block.grade(value, block.response_from(value, data, field=FIELD))

    assert credit({first: 1, second: 2, third: 3}) == 1
    assert credit({first: 1, second: 3, third: 2}) == Decimal(1) / Decimal(3)
    assert credit({first: 3, second: 2, third: 1}) == Decimal(1) / Decimal(3)
    assert credit({first: 2, second: 3, third: 1}) == 0
    assert credit({}) == 0


def test_ordering_refuses_a_position_out_of_range():
    block, value, (first, _second, _third) = ordering()

    with pytest.raises(ResponseError):
        block.response_from(value, form(**{f"{FIELD}-{first}": "4"}), field=FIELD)


# ---------------------------------------------------------------- presentation hides the answers


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


# ---------------------------------------------------------------- editor checks


def test_single_choice_without_a_correct_option_is_refused():
    block = SingleChoiceBlock()
    value = block.to_python({"options": factories.items([factories.option("A"), factories.option("B")])})

    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)

    assert "options" in refused.value.block_errors


def test_single_choice_with_exactly_one_correct_option_is_accepted():
    block = SingleChoiceBlock()
    value = block.to_python({"options": factories.items([factories.option("A", True), factories.option("B")])})

    assert block.clean(value)["options"][0]["is_correct"] is True


def test_numeric_without_a_tolerance_is_refused():
    block = NumericBlock()
    value = block.to_python({"answer": "12.5", "tolerance": None, "unit": ""})

    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)

    assert "tolerance" in refused.value.block_errors


def test_numeric_with_a_zero_tolerance_is_accepted():
    block = NumericBlock()
    value = block.to_python({"answer": "12.5", "tolerance": "0", "unit": ""})

    assert block.clean(value)["tolerance"] == 0


@pytest.fixture
def bank_of_three(db) -> QuestionBank:
    bank = QuestionBank.objects.create(title="Banco de tres")
    for _ in range(3):
        factories.question(bank)
    return bank


def test_quiz_with_a_pass_mark_above_100_is_refused(bank_of_three):
    block = QuizBlock()
    value = block.to_python(factories.quiz_value(bank_of_three, pass_mark=101))

    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)

    assert "pass_mark" in refused.value.block_errors


def test_quiz_drawing_more_questions_than_its_bank_holds_is_refused(bank_of_three):
    block = QuizBlock()
    value = block.to_python(factories.quiz_value(bank_of_three, question_count=4))

    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)

    assert "question_count" in refused.value.block_errors
    assert "3" in str(refused.value.block_errors["question_count"])


def test_quiz_drawing_all_of_its_bank_with_a_pass_mark_of_100_is_accepted(bank_of_three):
    block = QuizBlock()
    value = block.to_python(factories.quiz_value(bank_of_three, question_count=3, pass_mark=100))

    cleaned = block.clean(value)

    assert cleaned["bank"] == bank_of_three
    assert cleaned["question_count"] == 3
