"""Grading each question type on the server (single choice, multiple response with or without
partial credit, true or false, short text, matching, ordering) and refusing answers that are not
the question's own.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from courses.blocks import ResponseError
from courses.blocks.questions.arranged import OrderingBlock
from courses.blocks.questions.choice import MultipleResponseBlock, SingleChoiceBlock, TrueFalseBlock
from courses.blocks.questions.typed import ShortTextBlock
from tests.courses import factories
from tests.courses.question_values import FIELD, form, matching, with_items

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
