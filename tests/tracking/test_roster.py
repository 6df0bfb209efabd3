"""Roster files: refused before parsing, every error in one pass, matching people, bulk import."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import is_password_usable
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.functional import Promise

from lms.people.models import DutyPost, JobFunction, StaffProfile, User
from lms.people.roles import Role, group_for
from lms.tracking import roster
from lms.tracking.roster import (
    COLUMN_LABELS,
    COLUMNS,
    RosterFileRefused,
    RowError,
    roster_apply,
    roster_file_check,
    roster_plan,
)
from tests.people.factories import country, person
from tests.tracking.roster_files import HEADER, csv_bytes, roster_row, xlsx_bytes, xlsx_row

pytestmark = pytest.mark.django_db


def plan_of(data: bytes, name: str = "personal.csv", iso3: str = "GTM") -> roster.RosterPlan:
    # Messages are compared in English, whatever the catalogue holds for Spanish.
    with translation.override("en"):
        return roster_plan(country=country(iso3), name=name, data=data)


def errors_of(plan: roster.RosterPlan) -> list[tuple[int, str | None]]:
    return [(error.row, error.column) for error in plan.errors]


def only_error(plan: roster.RosterPlan) -> RowError:
    assert len(plan.errors) == 1, plan.errors
    return plan.errors[0]


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
        header = tuple(str(roster.COLUMN_LABELS[key]) for key in roster.COLUMNS)
    plan = plan_of(csv_bytes([roster_row(1)], header=header))
    assert plan.is_valid and not plan.notices, (plan.errors, plan.file_errors, plan.notices)


def test_english_headers_in_any_case_and_separator_and_unknown_columns_are_a_notice():
    header = ("E-Mail", "FULL_NAME", "Authority", "Duty-Post", "job function", "Staff Number", "Notes")
    keys = (*HEADER[:6], "notes")

    plan = plan_of(csv_bytes([roster_row(1, notes="ok")], header=header, keys=keys))

    assert plan.is_valid, (plan.errors, plan.file_errors)
    assert plan.notices == ["The column “Notes” is not used; it was ignored."]


def test_utf8_bom_is_accepted():
    plan = plan_of(csv_bytes([roster_row(1)], bom=True))

    assert plan.is_valid, plan.file_errors
    assert plan.rows[0].email == "agente1@igm.gob.gt"


def test_latin1_file_gives_one_error_naming_the_row_and_utf8():
    plan = plan_of(csv_bytes([roster_row(1, full_name="Ana Ruiz"), roster_row(2)], encoding="latin-1"))

    assert plan.rows == []
    assert len(plan.file_errors) == 1
    assert "Row 3 " in plan.file_errors[0]
    assert "CSV UTF-8" in plan.file_errors[0]


def test_missing_required_columns_are_listed_by_label():
    plan = plan_of(csv_bytes([roster_row(1)], header=("email", "puesto"), keys=("email", "duty_post")))

    assert plan.file_errors == ["Required columns are missing: Full name, Authority, Job function."]
    assert not plan.is_valid


def test_a_column_twice_is_a_file_error():
    header = ("email", "correo", "full_name", "authority", "job_function")
    keys = ("email", "email", "full_name", "authority", "job_function")

    plan = plan_of(csv_bytes([roster_row(1)], header=header, keys=keys))

    assert plan.file_errors == ["The column “E-mail” appears more than once; keep one."]


def test_a_header_without_rows_is_a_file_error():
    plan = plan_of(csv_bytes([]))

    assert plan.file_errors == ["The file has no rows."]
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

    assert plan.file_errors == ["The file has more than 2 rows; split it into several files."]


# Refused before parsing ------------------------------------------------------------------------


@pytest.fixture
def parsers_forbidden(monkeypatch):
    def refuse(data: bytes):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(roster, "_csv_rows", refuse)
    monkeypatch.setattr(roster, "_xlsx_rows", refuse)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("personal.csv", b"", "empty"),
        ("personal.txt", csv_bytes([roster_row(1)]), "extension"),
        ("personal.pdf", b"%PDF-1.7\n", "extension"),
        ("personal", csv_bytes([roster_row(1)]), "extension"),
        ("personal.xlsx", b"\x8f\x13 not a zip at all \x00\x01", "not_xlsx"),
        ("personal.csv", "email\r\n".encode("utf-16"), "binary"),
    ],
)
def test_files_are_refused_before_parsing(parsers_forbidden, name, data, code):
    with pytest.raises(RosterFileRefused) as refused:
        plan_of(data, name=name)

    assert refused.value.code == code


def test_a_zip_that_is_not_a_workbook_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")

    with translation.override("en"), pytest.raises(RosterFileRefused, match="not an Excel workbook"):
        roster_file_check("personal.xlsx", buffer.getvalue())


def test_an_oversize_file_is_refused_naming_the_limit_in_mb(settings, parsers_forbidden):
    settings.TRACKING_ROSTER_MAX_BYTES = 1024 * 1024
    data = csv_bytes([roster_row(n) for n in range(1, 20_000)])

    with translation.override("en"), pytest.raises(RosterFileRefused) as refused:
        roster_file_check("personal.csv", data)

    assert refused.value.messages == ["The file is larger than 1 MB; split it into several files."]


def test_file_check_returns_the_kind():
    assert roster_file_check("a.CSV", b"email\n") == "csv"
    assert roster_file_check("a.xlsx", xlsx_bytes([])) == "xlsx"


# Row validation --------------------------------------------------------------------------------


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


# Matching existing people ----------------------------------------------------------------------


def test_reimport_updates_by_email_without_duplicates():
    roster_apply(plan=plan_of(csv_bytes([roster_row(1), roster_row(2)])))
    users = User.objects.count()

    changed = roster_row(1, email="Agente1@IGM.gob.gt", full_name="María José Pérez López", job_function="supervisor")
    plan = plan_of(csv_bytes([changed, roster_row(2)]))

    assert [(row.outcome, row.changes) for row in plan.rows] == [
        ("update", ("full_name", "job_function")),
        ("unchanged", ()),
    ]
    result = roster_apply(plan=plan)
    assert (result.created_user_ids, result.updated, result.unchanged) == ([], 1, 1)
    assert User.objects.count() == users
    user = User.objects.select_related("staff_profile").get(email="agente1@igm.gob.gt")
    assert (user.full_name, user.staff_profile.job_function) == ("María José Pérez López", JobFunction.SUPERVISOR)
    assert plan_of(csv_bytes([changed, roster_row(2)])).counts["unchanged"] == 2


def test_reimport_matches_by_staff_number_and_changes_the_email():
    roster_apply(plan=plan_of(csv_bytes([roster_row(1)])))

    plan = plan_of(csv_bytes([roster_row(1, email="maria.perez@igm.gob.gt", duty_post="GT-GUA")]))

    assert [(row.outcome, row.changes) for row in plan.rows] == [("update", ("email", "duty_post"))]
    with translation.override("en"):
        assert (plan.rows[0].outcome_label, plan.rows[0].changes_label) == ("To update", "E-mail, Duty post")
    roster_apply(plan=plan)
    user = User.objects.select_related("staff_profile__duty_post").get()
    assert (user.email, user.staff_profile.duty_post.code) == ("maria.perez@igm.gob.gt", "GT-GUA")


def test_blank_optional_cells_keep_what_a_person_has():
    roster_apply(plan=plan_of(csv_bytes([roster_row(1, language="en")])))

    plan = plan_of(csv_bytes([roster_row(1, duty_post="", staff_number="", language="")]))

    assert plan.counts["unchanged"] == 1


def test_email_of_one_person_and_staff_number_of_another_is_an_error():
    roster_apply(plan=plan_of(csv_bytes([roster_row(1), roster_row(2)])))

    plan = plan_of(csv_bytes([roster_row(1, staff_number="E00002")]))

    error = only_error(plan)
    assert (error.row, error.column) == (2, "staff_number")


def test_one_person_on_two_rows_is_an_error():
    roster_apply(plan=plan_of(csv_bytes([roster_row(1)])))

    plan = plan_of(csv_bytes([roster_row(1, staff_number="E00009"), roster_row(2, staff_number="E00001")]))

    error = only_error(plan)
    assert (error.row, error.column, error.message) == (3, "staff_number", "This person is already on row 2.")


@pytest.mark.parametrize("authority_code", ["cr-dgme", "iom", None])
def test_person_of_another_country_or_organisation_is_an_error_and_nothing_is_written(authority_code):
    outsider = person(authority_code=authority_code, email="Viajero@example.org", full_name="Luis Mora")
    users = User.objects.count()

    plan = plan_of(csv_bytes([roster_row(1), roster_row(2, email="viajero@example.org")]))

    error = only_error(plan)
    assert (error.row, error.column) == (3, "email")
    assert error.message == (
        "This person is registered with another country or organisation; ask the regional coordinator."
    )
    with pytest.raises(ValueError, match="valid"):
        roster_apply(plan=plan)
    assert User.objects.count() == users
    outsider.refresh_from_db()
    assert outsider.full_name == "Luis Mora"


# Applying --------------------------------------------------------------------------------------


def test_apply_creates_users_with_unusable_passwords_profiles_and_the_learner_role():
    plan = plan_of(csv_bytes([roster_row(1), roster_row(2, staff_number="", duty_post="", language="english")]))

    result = roster_apply(plan=plan)

    users = {user.email: user for user in User.objects.filter(pk__in=result.created_user_ids)}
    assert sorted(users) == ["agente1@igm.gob.gt", "agente2@igm.gob.gt"]
    assert not any(is_password_usable(user.password) for user in users.values())
    assert users["agente2@igm.gob.gt"].preferred_language == "en"
    profiles = {p.user.email: p for p in StaffProfile.objects.select_related("user", "authority", "duty_post")}
    first = profiles["agente1@igm.gob.gt"]
    assert (first.country, first.authority.code, first.duty_post.code, first.staff_number) == (
        country("GTM"),
        "gt-igm",
        "GT-TUM",
        "E00001",
    )
    assert profiles["agente2@igm.gob.gt"].duty_post is None
    learners = group_for(Role.LEARNER)
    assert set(learners.user_set.values_list("pk", flat=True)) >= set(result.created_user_ids)


def test_apply_refuses_an_invalid_plan():
    plan = plan_of(csv_bytes([roster_row(1, email="bad")]))

    with pytest.raises(ValueError, match="valid"):
        roster_apply(plan=plan)
    assert not User.objects.filter(full_name__startswith="María").exists()


def test_plan_and_apply_queries_do_not_grow_with_rows():
    def counted(function):
        with CaptureQueriesContext(connection) as queries:
            result = function()
        return len(queries), result

    def rows(first: int, number: int, **cells) -> bytes:
        return csv_bytes([roster_row(n, **cells) for n in range(first, first + number)])

    small, large = rows(1, 50), rows(1001, 600)
    plan_small, small_plan = counted(lambda: plan_of(small))
    plan_large, large_plan = counted(lambda: plan_of(large))
    create_small, _result = counted(lambda: roster_apply(plan=small_plan))
    create_large, _result = counted(lambda: roster_apply(plan=large_plan))
    updates_small = plan_of(rows(1, 50, job_function="analyst", language="en"))
    updates_large = plan_of(rows(1001, 600, job_function="analyst", language="en"))
    update_small, _result = counted(lambda: roster_apply(plan=updates_small))
    update_large, _result = counted(lambda: roster_apply(plan=updates_large))

    assert updates_large.counts["update"] == 600
    # Two look-ups (e-mails, staff numbers) per further chunk of 500 rows.
    assert plan_large == plan_small + 2
    # SQLite's 999 parameters per statement split bulk writes into batches of 100 to 500 rows.
    assert create_large - create_small <= 12
    assert update_large - update_small <= 8


# Translation -----------------------------------------------------------------------------------


def test_columns_and_labels_are_documented_in_order_and_translatable():
    assert COLUMNS == ("email", "full_name", "authority", "duty_post", "job_function", "staff_number", "language")
    assert list(COLUMN_LABELS) == list(COLUMNS)
    assert all(isinstance(label, Promise) for label in COLUMN_LABELS.values())


def test_messages_are_produced_through_gettext(monkeypatch):
    data = csv_bytes([roster_row(1, authority="x")])
    assert only_error(plan_of(data)).message == "Unknown authority “x”."

    monkeypatch.setattr(roster, "_", lambda message: f"[{message}]")

    assert only_error(plan_of(data)).message == "[Unknown authority “x”.]"
