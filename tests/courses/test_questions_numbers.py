"""Numeric questions and `read_number`: numbers as people type them (a decimal comma or point, a
unit, spaces, thousands separators where they cannot be decimal ones) graded within the
tolerance; what is not a number or is ambiguous sent back with a message; the correct answer
written in the reader's language; and property tests that numbers written the ways people and
the platform write them are read back exactly.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import formats, translation
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from courses.blocks import ResponseError
from courses.blocks.questions.base import AnswerInvalid
from courses.blocks.questions.typed import NumberNotRead, NumericBlock, read_number
from tests.courses.question_values import FIELD, form

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


def test_numeric_asks_the_learner_to_correct_an_answer_that_is_not_a_number():
    # Not a tampered form (ResponseError): the learner typed something; they get a message to correct it.
    block, value = numeric()

    with translation.override("es"), pytest.raises(AnswerInvalid) as invalid:
        block.response_from(value, form(answer_1="doce"), field=FIELD)

    assert not isinstance(invalid.value, ResponseError)
    assert invalid.value.message == "Escriba un número, por ejemplo 12,5 o 12,5\u00a0km."


def percent_question():
    block = NumericBlock()
    return block, block.to_python({"answer": "12.5", "tolerance": "0", "unit": "%"})


@pytest.mark.parametrize(
    "answer",
    [
        "12,5 %",
        " 12,5 ",
        "12.5",
        "12,5%",
        "12.5 %",
        "12,5\u00a0%",
        "\t12,50 % ",
        "% 12,5",
        "+12,5",
        "\uff11\uff12,\uff15 \uff05",
    ],
)
def test_numeric_accepts_numbers_as_people_type_them_with_the_question_unit(answer):
    block, value = percent_question()

    response = block.response_from(value, form(answer_1=answer), field=FIELD)

    assert block.grade(value, response) == 1


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1 250", Decimal(1250)),
        ("1\u00a0250,5", Decimal("1250.5")),
        ("12\u202f345\u202f678.9", Decimal("12345678.9")),
        ("1.250.000", Decimal(1250000)),
        ("1,250,000", Decimal(1250000)),
        ("1.250,5", Decimal("1250.5")),
        ("1,250.75", Decimal("1250.75")),
        ("0,125", Decimal("0.125")),
        ("1,2500", Decimal("1.25")),
        (",5", Decimal("0.5")),
        ("\u2212 3,5", Decimal("-3.5")),
        ("-1 250,5 %", Decimal("-1250.5")),
    ],
)
def test_read_number_takes_a_thousands_separator_where_it_cannot_be_a_decimal_one(text, number):
    assert read_number(text, unit="%") == number


@pytest.mark.parametrize("text", ["1,250", "12.500", "-100,000", "1.250 %"])
def test_read_number_refuses_a_single_separator_before_three_digits_as_ambiguous(text):
    with pytest.raises(NumberNotRead) as refused:
        read_number(text, unit="%")

    assert refused.value.code == "ambiguous"


@pytest.mark.parametrize(
    "text",
    [
        "doce",
        "",
        "%",
        "12,5 km",
        "1e3",
        "NaN",
        "Infinity",
        "12,",
        "1,25,000",
        "1.2.3",
        "12..5",
        "1.250.5",
        "--12",
        "12 5",
        "1 25",
        "0x10",
        "12,5 %%",
        "1" * 61,
    ],
)
def test_read_number_refuses_what_is_not_a_number(text):
    with pytest.raises(NumberNotRead) as refused:
        read_number(text, unit="%")

    assert refused.value.code == "not_a_number"


def test_numeric_asks_to_write_an_ambiguous_number_again_naming_both_readings():
    block, value = numeric()

    with translation.override("es"), pytest.raises(AnswerInvalid) as invalid:
        block.response_from(value, form(answer_1="1,250"), field=FIELD)

    assert invalid.value.message == "«1,250» puede leerse como 1250 o como 1,25: escríbalo sin separador de miles."


def test_numeric_refuses_a_unit_the_question_does_not_have():
    block, value = numeric()  # in km

    with pytest.raises(AnswerInvalid):
        block.response_from(value, form(answer_1="12,5 %"), field=FIELD)
    assert block.grade(value, block.response_from(value, form(answer_1="12,5 KM"), field=FIELD)) == 1


@pytest.mark.parametrize(("language", "expected"), [("es", "61,6 ± 0,1\u00a0%"), ("en", "61.6 ± 0.1%")])
def test_numeric_correct_answer_is_written_in_the_reader_language(language, expected):
    block = NumericBlock()
    value = block.to_python({"answer": "61.6", "tolerance": "0.1", "unit": "%"})

    with translation.override(language):
        assert block.correct_answer(value) == expected


# Property tests: numbers written the ways people write them are read back exactly.

DECIMALS = st.builds(
    lambda units, places: Decimal(units).scaleb(-places),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.integers(min_value=0, max_value=4),
)
SPACES = st.sampled_from(["", " ", "  ", "\t", "\u00a0"])


def written(number: Decimal, *, decimal: str, thousands: str) -> str:
    """`number` as a person writes it: `decimal` between units and decimals, `thousands` between groups of three."""
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    whole = thousands.join([whole, *groups])
    return sign + whole + (decimal + fraction if fraction else "")


def is_ambiguous(text: str) -> bool:
    """One point or comma before exactly three digits, after one to three not starting with 0 (read_number's rule)."""
    return bool(re.fullmatch(r"-?[1-9][0-9]{0,2}[.,][0-9]{3}", text))


@settings(max_examples=300, deadline=None)
@given(
    number=DECIMALS,
    decimal=st.sampled_from([",", "."]),
    thousands=st.sampled_from(["", " ", "\u00a0", "\u202f", "other"]),
    unit=st.sampled_from(["", "%", "km"]),
    before=SPACES,
    between=SPACES,
    after=SPACES,
)
def test_read_number_reads_back_a_number_written_with_a_comma_or_a_point_a_unit_and_spaces(
    number, decimal, thousands, unit, before, between, after
):
    separator = {",": ".", ".": ","}[decimal] if thousands == "other" else thousands
    text = written(number, decimal=decimal, thousands=separator)
    assume(not is_ambiguous(text))
    # A point or a comma used once between groups, with nothing after it, is ambiguous: not written so.
    assume(not (thousands == "other" and text.count(separator) == 1 and decimal not in text))
    typed = before + text + (between + unit if unit else "") + after

    assert read_number(typed, unit=unit) == number


@settings(max_examples=300, deadline=None)
@given(
    units=st.integers(min_value=-(10**12), max_value=10**12),
    places=st.integers(min_value=0, max_value=4),
    language=st.sampled_from(["es", "en"]),
    grouped=st.booleans(),
)
def test_read_number_reads_back_what_the_platform_writes_in_either_language(units, places, language, grouped):
    number = Decimal(units).scaleb(-places)
    with translation.override(language):
        text = formats.number_format(number, decimal_pos=places, use_l10n=True, force_grouping=grouped)
    assume(not is_ambiguous(text))

    assert read_number(text) == number


@settings(max_examples=200, deadline=None)
@given(number=st.integers(min_value=1000, max_value=999_999), separator=st.sampled_from([",", "."]))
def test_read_number_never_guesses_a_number_with_one_thousands_separator(number, separator):
    with pytest.raises(NumberNotRead) as refused:
        read_number(written(Decimal(number), decimal="", thousands=separator))

    assert refused.value.code == "ambiguous"
    assert Decimal(number) in refused.value.readings


@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=70), unit=st.sampled_from(["", "%", "km", "m²"]))
def test_read_number_either_reads_a_finite_number_or_says_why_not(text, unit):
    try:
        number = read_number(text, unit=unit)
    except NumberNotRead as refused:
        assert refused.code in ("not_a_number", "ambiguous")
    else:
        assert number.is_finite()
