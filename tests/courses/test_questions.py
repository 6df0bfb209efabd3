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
from django.utils import formats, translation
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import QuizBlock, ResponseError
from courses.blocks.questions import QuestionBodyBlock
from courses.blocks.questions.arranged import MatchingBlock, OrderingBlock
from courses.blocks.questions.base import AnswerInvalid
from courses.blocks.questions.choice import MultipleResponseBlock, SingleChoiceBlock, TrueFalseBlock
from courses.blocks.questions.typed import NumberNotRead, NumericBlock, ShortTextBlock, read_number
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
