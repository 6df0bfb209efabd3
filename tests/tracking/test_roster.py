"""Roster files: refused before parsing, every error in one pass, matching people, bulk import."""

from __future__ import annotations

import gzip
import struct
import zipfile

import pytest
from django.contrib.auth.hashers import is_password_usable
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.functional import Promise

from people.models import DutyPost, JobFunction, StaffProfile, User
from people.roles import Role, group_for
from tests.people.factories import country, person
from tests.tracking.roster_files import (
    HEADER,
    csv_bytes,
    roster_row,
    with_declared_size,
    xlsx_bytes,
    xlsx_row,
    zip_bytes,
)
from tracking.roster import checking, reading
from tracking.roster.applying import roster_apply
from tracking.roster.planning import roster_plan
from tracking.roster.plans import COLUMN_LABELS, COLUMNS, RosterPlan, RowError
from tracking.roster.reading import roster_file_check
from tracking.uploads import RosterFileRefused

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English, whatever the catalogue holds for Spanish; a plan holds both."""
    with translation.override("en"):
        yield


def plan_of(data: bytes, name: str = "personal.csv", iso3: str = "GTM") -> RosterPlan:
    return roster_plan(country=country(iso3), name=name, data=data)


def texts(messages) -> list[str]:
    return [str(message) for message in messages]


def errors_of(plan: RosterPlan) -> list[tuple[int, str | None]]:
    return [(error.row, error.column) for error in plan.errors]


def only_error(plan: RosterPlan) -> RowError:
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


# Refused before parsing ------------------------------------------------------------------------


@pytest.fixture
def parsers_forbidden(monkeypatch):
    def refuse(data: bytes):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(reading, "_csv_rows", refuse)
    monkeypatch.setattr(reading, "_xlsx_rows", refuse)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("personal.csv", b"", "empty"),
        ("personal.txt", csv_bytes([roster_row(1)]), "extension"),
        ("personal.pdf", b"%PDF-1.7\n", "file_type"),
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
        archive.writestr("notes/roster.txt", "not a workbook")

    with pytest.raises(RosterFileRefused, match=r"This file is a ZIP archive, not a CSV or Excel \(\.xlsx\) file"):
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


# What a file is, by its content ----------------------------------------------------------------


def _ole2(stream: str) -> bytes:
    """A minimal Office 97-2003 compound file: header, one FAT sector, a directory with the root and one stream."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<I", header, 76, 0)
    header[80:512] = b"\xff" * 432
    fat = struct.pack("<II", 0xFFFFFFFD, 0xFFFFFFFE) + b"\xff" * 504

    def entry(name: str, kind: int, child: int) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\x00").encode("utf-16-le")
        raw[0 : len(encoded)] = encoded
        struct.pack_into("<HBBIII", raw, 64, len(encoded), kind, 1, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<I", raw, 116, 0xFFFFFFFE)
        return bytes(raw)

    directory = entry("Root Entry", 5, 1) + entry(stream, 2, 0xFFFFFFFF) + bytes(256)
    return bytes(header) + fat + directory


def _pe() -> bytes:
    dos = bytearray(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(0x80 - 16))
    struct.pack_into("<I", dos, 0x3C, 0x80)
    return bytes(dos) + b"PE\x00\x00\x4c\x01\x03\x00" + bytes(64)


OFFICE_OPEN_XML_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

FOREIGN_FILES = [
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "a PDF document"),
    (
        "docx",
        zip_bytes([("[Content_Types].xml", OFFICE_OPEN_XML_TYPES), ("word/document.xml", b"<w:document/>")]),
        "a Word document (.docx)",
    ),
    (
        "ods",
        zip_bytes([("mimetype", ODS_MIMETYPE), ("content.xml", b"<office:document-content/>")], stored=["mimetype"]),
        "an OpenDocument spreadsheet (.ods)",
    ),
    ("xls", _ole2("Workbook"), "an Excel 97-2003 workbook (.xls)"),
    ("doc", _ole2("WordDocument"), "a Word 97-2003 document (.doc)"),
    ("zip", zip_bytes([("roster.csv", b"email\n")]), "a ZIP archive"),
    (
        "png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00",
        "an image (PNG)",
    ),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", "an image (JPG)"),
    ("elf", b"\x7fELF\x02\x01\x01\x00" + bytes(56), "a program (Linux executable)"),
    ("exe", _pe(), "a program (Windows executable)"),
    ("mach-o", b"\xcf\xfa\xed\xfe\x07\x00\x00\x01\x03\x00\x00\x00" + bytes(20), "a program (macOS executable)"),
    ("gzip", gzip.compress(b"email,full_name\n"), "a gzip archive"),
    ("7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(24), "a 7-Zip archive"),
    ("rar", b"Rar!\x1a\x07\x01\x00" + bytes(24), "a RAR archive"),
]


@pytest.mark.parametrize(
    ("data", "description"), [case[1:] for case in FOREIGN_FILES], ids=[c[0] for c in FOREIGN_FILES]
)
@pytest.mark.parametrize("name", ["personal.csv", "personal.xlsx"])
def test_other_file_types_are_refused_by_name_before_parsing(parsers_forbidden, name, data, description):
    """A PDF renamed .csv is named as a PDF, not reported as a CSV whose second row is not UTF-8."""
    with pytest.raises(RosterFileRefused) as refused:
        roster_file_check(name, data)

    assert refused.value.code == "file_type"
    assert refused.value.messages[0].startswith(f"This file is {description}, not a CSV or Excel (.xlsx) file.")


def test_the_type_is_named_in_the_readers_language(parsers_forbidden):
    with translation.override("es"), pytest.raises(RosterFileRefused) as refused:
        roster_file_check("personal.csv", FOREIGN_FILES[0][1])

    assert refused.value.messages[0].startswith("Este archivo es un documento PDF, no un archivo CSV ni Excel (.xlsx).")


def test_a_workbook_named_csv_is_read_as_a_workbook_and_text_that_starts_like_a_program_is_text():
    assert roster_file_check("personal.csv", xlsx_bytes([xlsx_row(roster_row(1))])) == "xlsx"
    assert roster_file_check("personal.csv", b"MZ,email,full_name\r\n1,a@b.gt,Ana\r\n") == "csv"
    assert plan_of(xlsx_bytes([xlsx_row(roster_row(1))]), name="personal.csv").is_valid


# Decompression bombs ---------------------------------------------------------------------------


@pytest.fixture
def archive_parts_forbidden(monkeypatch):
    """Fail if any part of an archive is opened for reading, or openpyxl is asked to read it."""
    import openpyxl

    def refuse(*args, **kwargs):
        raise AssertionError("a part of the archive was read")

    writable = zipfile.ZipFile.open

    def open_for_writing_only(archive, name, mode="r", *args, **kwargs):
        if mode == "r":
            refuse()
        return writable(archive, name, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", open_for_writing_only)
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    monkeypatch.setattr(reading, "_xlsx_rows", refuse)


def test_a_workbook_whose_directory_declares_a_gigabyte_is_refused_without_reading_a_part(archive_parts_forbidden):
    bomb = with_declared_size(xlsx_bytes([xlsx_row(roster_row(1))]), "xl/worksheets/sheet1.xml", 2**30)

    with pytest.raises(RosterFileRefused) as refused:
        roster_file_check("personal.xlsx", bomb)

    assert refused.value.code == "unpacked_too_large"
    assert refused.value.messages[0].startswith("This workbook unpacks to more than 32 MB")


def test_many_parts_that_add_up_beyond_the_total_are_refused_unread(archive_parts_forbidden, settings):
    settings.TRACKING_ROSTER_XLSX_MAX_UNPACKED_BYTES = 3 * 1024 * 1024
    settings.TRACKING_ROSTER_XLSX_MAX_RATIO = 10_000_000  # only the total counts here
    workbook = xlsx_bytes([xlsx_row(roster_row(1))])
    for part in ("xl/styles.xml", "xl/theme/theme1.xml", "docProps/app.xml"):
        workbook = with_declared_size(workbook, part, 1024 * 1024 + 1)

    with pytest.raises(RosterFileRefused, match="more than 3 MB") as refused:
        roster_file_check("personal.xlsx", workbook)

    assert refused.value.code == "unpacked_too_large"


def test_a_workbook_with_too_many_parts_is_refused_unread(archive_parts_forbidden, settings):
    settings.TRACKING_ROSTER_XLSX_MAX_PARTS = 12
    parts = [("[Content_Types].xml", OFFICE_OPEN_XML_TYPES), ("xl/workbook.xml", b"<workbook/>")]
    parts += [(f"xl/media/image{n}.png", b"x") for n in range(11)]

    with pytest.raises(RosterFileRefused, match="more than 12 parts") as refused:
        roster_file_check("personal.xlsx", zip_bytes(parts))

    assert refused.value.code == "too_many_parts"


def test_a_highly_compressed_shared_strings_part_is_refused_by_its_ratio_unread(archive_parts_forbidden):
    """The 311 KB file whose 300 MB of shared strings took 740 MB of memory, in small: 4 MB at over 100 to 1."""
    shared_strings = b"<sst>" + b"<si><t>a</t></si>" * 250_000 + b"</sst>"
    parts = [
        ("[Content_Types].xml", OFFICE_OPEN_XML_TYPES),
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/sharedStrings.xml", shared_strings),
    ]

    with pytest.raises(RosterFileRefused) as refused:
        roster_file_check("personal.xlsx", zip_bytes(parts))

    assert refused.value.code == "compression_ratio"
    assert "compressed more than 100 to 1" in refused.value.messages[0]


def test_a_directory_that_understates_a_part_is_caught_while_streaming_before_openpyxl(monkeypatch):
    import openpyxl

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl read the workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    rows = [xlsx_row(roster_row(n)) for n in range(1, 200)]
    lying = with_declared_size(xlsx_bytes(rows), "xl/worksheets/sheet1.xml", 1000)

    with pytest.raises(RosterFileRefused) as refused:
        roster_file_check("personal.xlsx", lying)

    assert refused.value.code == "damaged"


def test_the_limits_let_a_full_roster_through():
    rows = [xlsx_row(roster_row(n)) for n in range(1, 2001)]

    assert roster_file_check("personal.xlsx", xlsx_bytes(rows)) == "xlsx"


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

    monkeypatch.setattr(checking, "_", lambda message: f"[{message}]")

    assert only_error(plan_of(data)).message == "[Unknown authority “x”.]"
