"""#16 Peak planning: the right answer, counted directly here, scores 100; each single mistake
scores below the pass mark with a finding that says how far off it is without the true value;
the check follows the learner's own view (their exits count, another learner's never); the
parameters are refused on their fields; numbers are read as people type them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.timezone import now

from sandbox import services
from sandbox.exercises import exercise_type
from sandbox.exercises.base import BuildContext
from sandbox.exercises.engine import exercise_answer
from sandbox.exercises.findings import finding_texts
from sandbox.exercises.numbers import number_parse
from sandbox.exercises.types.peak import PeakAnswerForm
from sandbox.models import Baseline, Movement, Person
from tests.people.factories import UserFactory
from tests.sandbox.exercises.helpers import check, start
from tests.sandbox.factories import layer_movement
from tests.sandbox.statistics_baselines import DECEMBER_EXITS, december_baseline, december_count

pytestmark = pytest.mark.django_db

KIND = exercise_type("peak_planning")


@pytest.fixture
def december(db):
    december_baseline()


def truth(sandbox) -> tuple[Decimal, int, list[dt.date]]:
    """The average and peak daily exits at Peñas Blancas in December 2025 and the peak days,
    from a row-by-row count of the learner's view."""
    days = december_count(sandbox)
    peak = max(days.values())
    return Decimal(sum(days.values())) / 31, peak, sorted(day for day, count in days.items() if count == peak)


def typed(average: Decimal, peak: int, day: dt.date) -> dict[str, str]:
    """The answer as a Spanish-speaking learner types it: a decimal comma, a day/month/year date."""
    return {
        "average_exits": f"{average:.2f}".replace(".", ","),
        "peak_exits": str(peak),
        "peak_date": f"{day:%d/%m/%Y}",
    }


def answer(user, attempt, data: dict[str, str]):
    return exercise_answer(user=user, token=attempt.token, data=data)


def codes(result) -> list[str]:
    return [finding["code"] for finding in result.findings]


def started(user=None):
    user = user or UserFactory()
    return user, start(user, "peak_planning", crossing_point="CR-PBL", month="2025-12")


def test_the_right_answer_counted_directly_scores_100(december):
    user, attempt = started()
    average, peak, days = truth(attempt.sandbox)
    assert (peak, days) == (50, [dt.date(2025, 12, 22)])  # the refused exits of the 21st do not count
    answer(user, attempt, typed(average, peak, days[0]))
    result = check(user, attempt)
    assert (result.score, result.findings) == (100, [])


def test_the_builder_writes_nothing_and_names_the_post_and_the_month(december):
    _user, attempt = started()
    assert attempt.records == {}
    assert not Movement.objects.layer_of(attempt.sandbox).exists()
    assert not Person.objects.layer_of(attempt.sandbox).exists()
    assert attempt.brief == {"crossing_point": "CR-PBL", "month": "2025-12"}
    first = KIND.build(BuildContext(seed=1, parameters=attempt.parameters, anchor=now()))
    second = KIND.build(BuildContext(seed=2, parameters=attempt.parameters, anchor=now()))
    assert (first.brief, first.expected) == (second.brief, second.expected)
    assert first.records == second.records == []


MISTAKES = {
    "peak.average_high": lambda average, peak, day: typed(average * Decimal("1.10"), peak, day),
    "peak.average_low": lambda average, peak, day: typed(average * Decimal("0.90"), peak, day),
    "peak.peak_high": lambda average, peak, day: typed(average, peak + 5, day),
    "peak.peak_low": lambda average, peak, day: typed(average, peak - 5, day),
    "peak.date": lambda average, peak, day: typed(average, peak, day + dt.timedelta(days=1)),
}


@pytest.mark.parametrize("code", sorted(MISTAKES))
def test_each_single_mistake_is_named_and_fails(december, code):
    user, attempt = started()
    average, peak, days = truth(attempt.sandbox)
    answer(user, attempt, MISTAKES[code](average, peak, days[0]))
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert codes(result) == [code]


def test_a_figure_within_2_percent_is_right(december):
    user, attempt = started()
    average, peak, days = truth(attempt.sandbox)
    answer(user, attempt, typed(average * Decimal("1.019"), peak, days[0]))
    assert check(user, attempt).score == 100
    answer(user, attempt, typed(average * Decimal("1.025"), peak, days[0]))
    assert codes(check(user, attempt)) == ["peak.average_high"]


def test_findings_say_how_far_off_and_which_way_but_not_the_true_figure(december):
    user, attempt = started()
    assert truth(attempt.sandbox) == (Decimal(150) / 31, 50, [dt.date(2025, 12, 22)])
    answer(
        user,
        attempt,
        {"average_exits": "5,81", "peak_exits": "40", "peak_date": "23/12/2025"},  # 20 % high, 20 % low, the 23rd
    )
    result = check(user, attempt)
    assert result.score == 0
    with translation.override("en"):
        texts = finding_texts(result.findings)
    assert texts == [
        "The average daily exits you gave, 5.81, is 20 % too high for your data at Peñas Blancas (Costa Rica) in "
        "December 2025 (up to 2 % off counts as right).",
        "The exits you gave for the busiest day, 40, are 20 % too few for your data at Peñas Blancas (Costa Rica) "
        "in December 2025 (up to 2 % off counts as right).",
        "The date you gave, December 23, 2025, was not the busiest day at Peñas Blancas (Costa Rica) in December "
        "2025 in your data: that day had fewer exits (40) than the busiest.",
    ]
    assert not any("4.8" in text or "50" in text or "22" in text for text in texts)


def test_no_answer_recorded_is_a_finding(december):
    user, attempt = started()
    result = check(user, attempt)
    assert (result.score, codes(result)) == (0, ["peak.no_answer"])
    with translation.override("en"):
        assert "No answer has been recorded yet" in finding_texts(result.findings)[0]


def test_the_check_follows_the_learners_own_exits_and_ignores_another_learners(december):
    user, attempt = started()
    before = truth(attempt.sandbox)
    # The learner registers 30 exits on 20 December (now 60: the new peak) and deletes one of the 22nd.
    for _ in range(30):
        layer_movement(attempt.sandbox, direction="EXIT", local_date=dt.date(2025, 12, 20))
    services.record_delete(
        sandbox=attempt.sandbox,
        record=Movement.objects.baseline().filter(direction="EXIT", local_date=dt.date(2025, 12, 22)).first(),
    )
    # Another learner's exits at the same post and month count in their view only.
    _other_user, other_attempt = started()
    for _ in range(100):
        layer_movement(other_attempt.sandbox, direction="EXIT", local_date=dt.date(2025, 12, 1))

    after = truth(attempt.sandbox)
    assert after == (Decimal(sum(DECEMBER_EXITS.values()) + 30 - 1) / 31, 60, [dt.date(2025, 12, 20)])
    answer(user, attempt, typed(*before[:2], before[2][0]))
    stale = check(user, attempt)
    assert set(codes(stale)) >= {"peak.average_low", "peak.peak_low", "peak.date"}
    assert "peak.own_changes" in codes(stale)  # the practice data's figures, without the learner's changes
    answer(user, attempt, typed(*after[:2], after[2][0]))
    assert check(user, attempt).score == 100


def test_entries_given_for_exits_are_named(december):
    user, attempt = started()
    entries = december_count(attempt.sandbox, direction="ENTRY")
    answer(
        user,
        attempt,
        typed(Decimal(sum(entries.values())) / 31, max(entries.values()), dt.date(2025, 12, 5)),
    )
    result = check(user, attempt)
    assert result.score == 0
    assert codes(result)[-1] == "peak.entries"


def test_tied_busiest_days_are_each_right(december):
    user, attempt = started()
    for _ in range(10):  # the 23rd reaches the 22nd's 50 exits
        layer_movement(attempt.sandbox, direction="EXIT", local_date=dt.date(2025, 12, 23))
    average, peak, days = truth(attempt.sandbox)
    assert days == [dt.date(2025, 12, 22), dt.date(2025, 12, 23)]
    for day in days:
        answer(user, attempt, typed(average, peak, day))
        assert check(user, attempt).score == 100


# Parameters


def refused(**parameters) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error, translation.override("en"):
        KIND.parameters_clean(parameters)
    return error.value.message_dict


def test_defaults_are_penas_blancas_in_the_practice_datas_december(december):
    assert KIND.parameters_clean({}) == {"crossing_point": "CR-PBL", "month": "2025-12"}


def test_without_exits_at_penas_blancas_the_default_is_the_busiest_land_post_of_the_month(december):
    # October: more exits at La Aurora, an airport, than at Valle Nuevo, a land post.
    assert KIND.parameters_clean({"month": "2025-10"}) == {"crossing_point": "GT-VNU", "month": "2025-10"}


def test_without_a_december_the_default_month_is_the_last_of_the_period(december):
    Baseline.objects.filter(pk=1).update(period_end=dt.date(2025, 11, 30))
    assert KIND.parameter_defaults()["month"] == "2025-11"


def test_an_airport_is_refused_on_the_crossing_point(december):
    errors = refused(crossing_point="GT-GUA", month="2025-12")
    assert list(errors) == ["crossing_point"]
    assert "needs a land post" in errors["crossing_point"][0]


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("2024-12", "December 2024 is outside the period of the practice data (January 2025 to December 2025)"),
        ("2025-13", "Write the month as YYYY-MM"),
        ("2025-09", "Peñas Blancas has no admitted exits in September 2025 in the practice data"),
    ],
)
def test_a_month_outside_the_period_or_without_exits_at_the_post_is_refused_on_the_month(december, month, message):
    errors = refused(crossing_point="CR-PBL", month=month)
    assert list(errors) == ["month"]
    assert message in errors["month"][0]


def test_a_post_without_exits_in_the_month_is_refused(december):
    errors = refused(crossing_point="GT-VNU", month="2025-12")
    assert "Valle Nuevo has no admitted exits in December 2025" in errors["month"][0]


def test_without_practice_data_the_month_is_refused(db):
    errors = refused(crossing_point="CR-PBL", month="2025-12")
    assert "There is no practice data yet" in errors["month"][0]


# Numbers and the answer form


@pytest.mark.parametrize(
    ("typed_text", "number"),
    [
        ("1234", "1234"),
        ("1.234", "1234"),
        ("1,234", "1234"),
        ("1 234", "1234"),
        ("1\u00a0234,5", "1234.5"),  # as the Spanish screens print it
        ("1234,5", "1234.5"),
        ("1234.5", "1234.5"),
        ("890,25", "890.25"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("12.345.678", "12345678"),
        ("0,125", "0.125"),
        ("1234.567", "1234.567"),
        (" 42 ", "42"),
    ],
)
def test_numbers_are_read_as_people_type_them(typed_text, number):
    assert number_parse(typed_text) == Decimal(number)


@pytest.mark.parametrize(
    ("typed_text", "message"),
    [
        ("mucho", "Type a number"),
        ("12e3", "Type a number"),
        ("1..2", "Type a number"),
        ("1,234,5.6", "groups of three digits"),
        ("1.234,5,6", "Type a number"),
        ("-3", "cannot be negative"),
        ("1.23.4", "groups of three digits"),
        ("1 23", "groups of three digits"),
        ("1.234 567,5", "groups of three digits"),
    ],
)
def test_nonsense_is_refused_with_a_message(typed_text, message):
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            number_parse(typed_text)
        assert message in error.value.messages[0]


def _form(**data) -> PeakAnswerForm:
    values = {"average_exits": "4,84", "peak_exits": "50", "peak_date": "2025-12-22", **data}
    return PeakAnswerForm(data=values, month=dt.date(2025, 12, 1))


def test_the_answer_form_reads_figures_and_dates_as_typed():
    form = _form(average_exits="1.234,5", peak_exits="1,234", peak_date="22/12/2025")
    assert form.is_valid(), form.errors
    assert form.cleaned_answer() == {"average_exits": 1234.5, "peak_exits": 1234, "peak_date": "2025-12-22"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("average_exits", "ochocientos", "Type a number, for example 890 or 890.5."),
        ("peak_exits", "50,5", "Give a whole number: people are counted one by one."),
        ("peak_exits", "-50", "A number of people cannot be negative."),
        ("peak_date", "2025-11-30", "Give a day of December 2025."),
        ("peak_date", "el 22", "Type a date as day/month/year, for example 05/12/2025."),
        ("average_exits", "", "This field is required."),
    ],
)
def test_the_answer_form_refuses_what_is_not_an_answer(field, value, message):
    with translation.override("en"):
        form = _form(**{field: value})
        assert not form.is_valid()
        assert form.errors[field] == [message]


def test_a_refused_answer_is_not_recorded(december):
    user, attempt = started()
    with pytest.raises(ValidationError) as error:
        answer(user, attempt, {"average_exits": "x", "peak_exits": "50", "peak_date": "2025-12-22"})
    assert "average_exits" in error.value.message_dict
    attempt.refresh_from_db()
    assert attempt.answer == {}


def test_the_answer_form_renders_with_labels_help_and_the_months_days():
    with translation.override("en"):
        html = str(PeakAnswerForm(month=dt.date(2025, 12, 1)))
    assert "Average daily exits" in html and "Exits on the busiest day" in html and "Date of the busiest day" in html
    assert "A day of December 2025" in html
    assert 'type="date"' in html and 'min="2025-12-01"' in html and 'max="2025-12-31"' in html
    assert 'inputmode="decimal"' in html


def test_a_recorded_answer_is_shown_back_as_the_learner_reads_numbers(december):
    user, attempt = started()
    attempt = answer(user, attempt, {"average_exits": "1.234,5", "peak_exits": "1234", "peak_date": "22/12/2025"})
    with translation.override("es"):
        html = str(KIND.answer_form(attempt))
    assert 'value="1\u00a0234,5"' in html and 'value="2025-12-22"' in html
    with translation.override("en"):
        html = str(KIND.answer_form(attempt))
    assert 'value="1,234.5"' in html and 'value="1,234"' in html
    # What is shown back reads again as the same answer.
    with translation.override("es"):
        again = KIND.answer_form(
            attempt, data={"average_exits": "1\u00a0234,5", "peak_exits": "1\u00a0234", "peak_date": "2025-12-22"}
        )
        assert again.is_valid() and again.cleaned_answer() == attempt.answer


def test_the_brief_names_the_post_and_the_month(december):
    from django.template.loader import render_to_string

    _user, attempt = started()
    with translation.override("en"):
        html = render_to_string(KIND.brief_template, {"brief": attempt.brief, **KIND.brief_context(attempt.brief)})
    assert "Peñas Blancas (Costa Rica)" in html and "December 2025" in html
    assert "divided by its 31 days" in html and "busiest day" in html and "any of them" in html
