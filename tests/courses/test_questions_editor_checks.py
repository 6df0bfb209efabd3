"""The editor's checks on questions and quizzes: a single choice needs exactly one correct option, a
numeric question a tolerance (zero allowed), a quiz a pass mark of at most 100 and no more
questions than its bank holds.
"""

from __future__ import annotations

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import QuizBlock
from courses.blocks.questions.choice import SingleChoiceBlock
from courses.blocks.questions.typed import NumericBlock
from courses.models import QuestionBank
from tests.courses import factories


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
