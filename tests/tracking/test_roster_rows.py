"""Checking a roster's rows: e-mail, authority, duty post, job function, language and required
cells, each error tied to its row and column; the same e-mail or staff number twice; formula-like
cells and invisible or control characters refused; every error reported in one pass.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from people.models import DutyPost, JobFunction
from tests.people.factories import country
from tests.tracking.roster_files import csv_bytes, errors_of, only_error, plan_of, roster_row, xlsx_bytes, xlsx_row

# Messages are compared in English, whatever the catalogue holds for Spanish; a plan holds both.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_invalid_email_is_an_error_of_its_row():
    plan = plan_of(csv_bytes([roster_row(1), roster_row(2, email="agente2@igm")]))

    error = only_error(plan)
    assert (error.row, error.column, error.message) == (3, "email", "“agente2@igm” is not a valid e-mail address.")
    with translation.override("en"):
        assert error.column_label == "E-mail"
    assert [row.outcome for row in plan.rows] == ["create", "error"]
    assert not plan.is_valid


def test_unknown_authority_is_an_error():
    error = only_error(plan_of(csv_bytes([roster_row(1, authority="Policía")])))

    assert (error.row, error.column, error.message) == (2, "authority", "Unknown authority “Policía”.")


@pytest.mark.parametrize("authority", ["cr-dgme", "DGME", "Dirección General de Migración y Extranjería", "iom", "OIM"])
def test_authority_of_another_country_or_iom_is_an_error(authority):
    error = only_error(plan_of(csv_bytes([roster_row(1, authority=authority)])))

    assert (error.row, error.column) == (2, "authority")
    assert error.message == f"“{authority}” is the authority of another country; this roster is for Guatemala."


def test_shared_acronym_matches_the_country_of_the_roster():
    plan = plan_of(csv_bytes([roster_row(1, authority="dgme", duty_post="CR-PBL")]), iso3="CRI")

    assert plan.is_valid, plan.errors
    assert plan.rows[0].authority_id == country("CRI").authority.pk


def test_unknown_duty_post_is_an_error():
    error = only_error(plan_of(csv_bytes([roster_row(1, duty_post="GT-XXX")])))

    assert (error.row, error.column) == (2, "duty_post")
    assert error.message.startswith("Unknown duty post “GT-XXX”")


@pytest.mark.parametrize("duty_post", ["cr-pbl", "Peñas Blancas"])
def test_duty_post_of_another_country_is_an_error(duty_post):
    error = only_error(plan_of(csv_bytes([roster_row(1, duty_post=duty_post)])))

    assert (error.row, error.column) == (2, "duty_post")
    assert error.message == f"“{duty_post}” is a duty post of another country; this roster is for Guatemala."


def test_duty_post_name_shared_with_another_country_is_the_roster_countrys():
    plan = plan_of(csv_bytes([roster_row(1, duty_post="agua caliente")]))

    assert plan.is_valid, plan.errors
    assert plan.rows[0].duty_post_id == DutyPost.objects.get(code="GT-ACA").pk


def test_inactive_duty_post_is_an_error():
    DutyPost.objects.filter(code="GT-TUM").update(is_active=False)

    error = only_error(plan_of(csv_bytes([roster_row(1)])))

    assert (error.row, error.column, error.message) == (2, "duty_post", "The duty post “GT-TUM” is closed.")


def test_job_function_matches_value_and_labels_in_both_languages():
    with translation.override("es"):
        spanish = str(JobFunction.ALERT_MANAGER.label)
    values = ["alert_manager", "ALERT-MANAGER", "Alert manager", spanish.upper()]

    plan = plan_of(csv_bytes([roster_row(n, job_function=value) for n, value in enumerate(values, start=1)]))

    assert plan.is_valid, plan.errors
    assert {row.job_function for row in plan.rows} == {JobFunction.ALERT_MANAGER}


def test_unknown_job_function_lists_the_accepted_ones():
    error = only_error(plan_of(csv_bytes([roster_row(1, job_function="Cocinero")])))

    assert (error.row, error.column) == (2, "job_function")
    assert error.message.startswith("Unknown job function “Cocinero”; use one of: Border officer, Supervisor,")


def test_unknown_language_is_an_error_and_blank_is_spanish():
    plan = plan_of(csv_bytes([roster_row(1, language="Français"), roster_row(2, language="")]))

    assert errors_of(plan) == [(2, "language")]
    assert plan.rows[1].language == "es"


def test_required_cells_and_lengths_are_checked():
    plan = plan_of(csv_bytes([roster_row(1, full_name="", job_function="", staff_number="9" * 41)]))

    assert errors_of(plan) == [(2, "staff_number"), (2, "full_name"), (2, "job_function")]


def test_same_email_twice_is_an_error_on_the_later_row():
    plan = plan_of(csv_bytes([roster_row(1), roster_row(2), roster_row(3, email="AGENTE1@igm.gob.gt")]))

    error = only_error(plan)
    assert (error.row, error.column, error.message) == (4, "email", "This e-mail address is already on row 2.")


def test_same_staff_number_twice_is_an_error_on_the_later_row():
    plan = plan_of(csv_bytes([roster_row(1), roster_row(2, staff_number="E00001")]))

    error = only_error(plan)
    assert (error.row, error.column, error.message) == (3, "staff_number", "This staff number is already on row 2.")


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("full_name", '=HYPERLINK("https://example.org","Ana")'),
        ("staff_number", "+1"),
        ("duty_post", "@SUM(A1:A2)"),
        ("full_name", "-Ana"),
        ("full_name", "\t=1+1"),
    ],
)
def test_formula_like_cells_in_csv_are_refused(column, value):
    plan = plan_of(csv_bytes([roster_row(1), roster_row(2, **{column: value})]))

    error = only_error(plan)
    assert (error.row, error.column) == (3, column)
    assert error.message == "Cells cannot start with =, +, -, @ (spreadsheet formulas)."


def test_formula_cell_in_xlsx_is_refused():
    rows = [xlsx_row(roster_row(1)), xlsx_row(roster_row(2, full_name='=CONCAT("Ana", " Ruiz")'))]

    error = only_error(plan_of(xlsx_bytes(rows), name="personal.xlsx"))

    assert (error.row, error.column, error.message) == (3, "full_name", "Formulas are not accepted; type the value.")


@pytest.mark.parametrize(
    ("column", "value", "named"),
    [
        ("full_name", "María \u202eZEREP", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("full_name", "Ana\u200b Ruiz", "U+200B ZERO WIDTH SPACE"),
        ("full_name", "Ana \x1b[31mRuiz", "U+001B"),
        ("staff_number", "E\u2066001\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE, U+2069 POP DIRECTIONAL ISOLATE"),
        ("email", "agente2@igm.gob\u200b.gt", "U+200B ZERO WIDTH SPACE"),
        ("authority", "gt-igm\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ],
)
def test_invisible_and_control_characters_are_an_error_of_their_row_and_column(column, value, named):
    plan = plan_of(csv_bytes([roster_row(1), roster_row(2, **{column: value})]))

    error = only_error(plan)
    assert (error.row, error.column) == (3, column)
    assert named in error.message
    if column == "full_name":
        assert error.message.startswith("The name contains invisible or control characters (")
    else:
        assert error.message.startswith("The cell contains invisible or control characters (")
    assert not plan.is_valid


def test_the_joiners_that_scripts_need_are_kept_in_names():
    plan = plan_of(csv_bytes([roster_row(1, full_name="Mehr\u200cdad Ra\u200dmin")]))

    assert plan.is_valid, plan.errors
    assert plan.rows[0].full_name == "Mehr\u200cdad Ra\u200dmin"


def test_an_xlsx_name_with_a_bidirectional_override_is_refused():
    rows = [xlsx_row(roster_row(1, full_name="\u202eAna Ruiz"))]

    error = only_error(plan_of(xlsx_bytes(rows), name="personal.xlsx"))

    assert (error.row, error.column) == (2, "full_name")
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in error.message


def test_every_error_is_reported_in_one_pass():
    rows = [
        roster_row(1, email="no-es-un-correo"),
        roster_row(2, authority="cr-dgme"),
        roster_row(3, duty_post="GT-XXX"),
        roster_row(4, job_function="Cocinero"),
        roster_row(5, staff_number="=1"),
        roster_row(6),
    ]

    plan = plan_of(csv_bytes(rows))

    assert errors_of(plan) == [
        (2, "email"),
        (3, "authority"),
        (4, "duty_post"),
        (5, "job_function"),
        (6, "staff_number"),
    ]
    assert sorted(plan.errors_by_row) == [2, 3, 4, 5, 6]
    assert plan.counts == {"create": 1, "update": 0, "unchanged": 0, "error": 5}
