"""Reading a roster file into a plan: CSV with commas or semicolons, XLSX with numbers read as
text, Spanish or English headers in any case, a UTF-8 BOM, a Latin-1 file, missing or doubled
columns, blank rows, too many rows; and the columns and messages, documented and translatable.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.functional import Promise

from people.models import DutyPost, JobFunction
from tests.people.factories import country
from tests.tracking.roster_files import (
    HEADER,
    csv_bytes,
    errors_of,
    only_error,
    plan_of,
    roster_row,
    texts,
    xlsx_bytes,
    xlsx_row,
)
from tracking.roster import checking
from tracking.roster.plans import COLUMN_LABELS, COLUMNS

# Messages are compared in English, whatever the catalogue holds for Spanish; a plan holds both.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


# Reading files ---------------------------------------------------------------------------------


def test_csv_with_commas_plans_every_row_as_a_create():
    plan = plan_of(csv_bytes([roster_row(1), roster_row(2)]))

    assert plan.is_valid, (plan.errors, plan.file_errors)
    assert plan.kind == "csv"
    assert plan.counts == {"create": 2, "update": 0, "unchanged": 0, "error": 0}
    first = plan.rows[0]
    assert (first.row, first.email, first.full_name, first.job_function, first.staff_number, first.language) == (
        2,
        "agente1@igm.gob.gt",
        "María José Pérez 1",
        JobFunction.BORDER_OFFICER,
        "E00001",
        "es",
    )
    assert first.duty_post_id == DutyPost.objects.get(code="GT-TUM").pk
    assert first.authority_id == country("GTM").authority.pk


def test_csv_with_semicolons_is_read():
    rows = [roster_row(1, full_name="Pérez, María"), roster_row(2)]

    plan = plan_of(csv_bytes(rows, delimiter=";"))

    assert plan.is_valid, plan.errors
    assert [row.full_name for row in plan.rows] == ["Pérez, María", "María José Pérez 2"]


def test_xlsx_plans_every_row_and_reads_numbers_as_text():
    rows = [xlsx_row(roster_row(1)), [*xlsx_row(roster_row(2))[:5], 12345.0, "en"]]

    plan = plan_of(xlsx_bytes(rows), name="Personal.XLSX")

    assert plan.is_valid, plan.errors
    assert plan.kind == "xlsx"
    assert plan.counts["create"] == 2
    assert (plan.rows[1].staff_number, plan.rows[1].language) == ("12345", "en")


def test_spanish_headers_with_accents_and_names_are_matched():
    header = (
        "Correo electrónico",
        "Nombre completo",
        "Institución",
        "Puesto fronterizo",
        "Función",
        "Número de empleado",
        "Idioma",
    )
    row = roster_row(1, authority="igm", duty_post="Tecun Uman", job_function="Border officer", language="Inglés")

    plan = plan_of(csv_bytes([row], header=header, delimiter=";"))

    assert plan.is_valid, (plan.errors, plan.file_errors)
    planned = plan.rows[0]
    assert planned.duty_post_id == DutyPost.objects.get(code="GT-TUM").pk
    assert (planned.job_function, planned.language) == (JobFunction.BORDER_OFFICER, "en")


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_template_headers_of_each_language_are_read_back(language):
    """The empty roster offered for download, filled in, imports with every column recognised."""
    with translation.override(language):
        header = tuple(str(COLUMN_LABELS[key]) for key in COLUMNS)
    plan = plan_of(csv_bytes([roster_row(1)], header=header))
    assert plan.is_valid and not plan.notices, (plan.errors, plan.file_errors, plan.notices)


def test_english_headers_in_any_case_and_separator_and_unknown_columns_are_a_notice():
    header = ("E-Mail", "FULL_NAME", "Authority", "Duty-Post", "job function", "Staff Number", "Notes")
    keys = (*HEADER[:6], "notes")

    plan = plan_of(csv_bytes([roster_row(1, notes="ok")], header=header, keys=keys))

    assert plan.is_valid, (plan.errors, plan.file_errors)
    assert texts(plan.notices) == ["The column “Notes” is not used; it was ignored."]


def test_utf8_bom_is_accepted():
    plan = plan_of(csv_bytes([roster_row(1)], bom=True))

    assert plan.is_valid, plan.file_errors
    assert plan.rows[0].email == "agente1@igm.gob.gt"


def test_latin1_file_gives_one_error_naming_the_row_and_utf8():
    plan = plan_of(csv_bytes([roster_row(1, full_name="Ana Ruiz"), roster_row(2)], encoding="latin-1"))

    assert plan.rows == []
    assert len(plan.file_errors) == 1
    assert "Row 3 " in str(plan.file_errors[0])
    assert "CSV UTF-8" in str(plan.file_errors[0])


def test_missing_required_columns_are_listed_by_label():
    plan = plan_of(csv_bytes([roster_row(1)], header=("email", "puesto"), keys=("email", "duty_post")))

    assert texts(plan.file_errors) == ["Required columns are missing: Full name, Authority, Job function."]
    assert not plan.is_valid


def test_a_column_twice_is_a_file_error():
    header = ("email", "correo", "full_name", "authority", "job_function")
    keys = ("email", "email", "full_name", "authority", "job_function")

    plan = plan_of(csv_bytes([roster_row(1)], header=header, keys=keys))

    assert texts(plan.file_errors) == ["The column “E-mail” appears more than once; keep one."]


def test_a_header_without_rows_is_a_file_error():
    plan = plan_of(csv_bytes([]))

    assert texts(plan.file_errors) == ["The file has no rows."]
    assert not plan.is_valid


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_number():
    data = (
        csv_bytes([roster_row(1)])
        + b",,,,,,\r\n\r\n"
        + csv_bytes([roster_row(2, email="bad")])[len(",".join(HEADER)) + 2 :]
    )

    plan = plan_of(data)

    assert [row.row for row in plan.rows] == [2, 5]
    assert errors_of(plan) == [(5, "email")]


def test_too_many_rows_is_a_file_error(settings):
    settings.TRACKING_ROSTER_MAX_ROWS = 2

    assert plan_of(csv_bytes([roster_row(1), roster_row(2)])).is_valid
    plan = plan_of(csv_bytes([roster_row(1), roster_row(2), roster_row(3)]))

    assert texts(plan.file_errors) == ["The file has more than 2 rows; split it into several files."]


# Translation -----------------------------------------------------------------------------------


def test_columns_and_labels_are_documented_in_order_and_translatable():
    assert COLUMNS == ("email", "full_name", "authority", "duty_post", "job_function", "staff_number", "language")
    assert list(COLUMN_LABELS) == list(COLUMNS)
    assert all(isinstance(label, Promise) for label in COLUMN_LABELS.values())


def test_messages_are_produced_through_gettext(monkeypatch):
    data = csv_bytes([roster_row(1, authority="x")])
    assert only_error(plan_of(data)).message == "Unknown authority “x”."

    monkeypatch.setattr(checking, "_", lambda message: f"[{message}]")

    assert only_error(plan_of(data)).message == "[Unknown authority “x”.]"
