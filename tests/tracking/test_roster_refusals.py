"""Roster files refused before parsing: empty, of the wrong extension or kind, too large; other
file types (PDF, Word, OpenDocument, Office 97-2003, archives, images, programs) named by their
content in the reader's language; and decompression bombs (a declared gigabyte, too many or
too compressed parts, an understated part) refused without reading a part of the archive.
"""

from __future__ import annotations

import gzip
import struct
import zipfile

import pytest
from django.utils import translation

from tests.tracking.roster_files import (
    csv_bytes,
    plan_of,
    roster_row,
    with_declared_size,
    xlsx_bytes,
    xlsx_row,
    zip_bytes,
)
from tracking.roster import reading
from tracking.roster.reading import roster_file_check
from tracking.uploads import RosterFileRefused

# Messages are compared in English, whatever the catalogue holds for Spanish; a plan holds both.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


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
