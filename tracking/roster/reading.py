"""Reading an uploaded roster file: its kind by its content (CSV or XLSX), refused before anything
parses it when it is too large, binary or a workbook that would unpack too far (`uploads`); then its
rows, at most TRACKING_ROSTER_MAX_ROWS, as records of the known columns."""

from __future__ import annotations

import codecs
import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tracking import uploads
from tracking.roster.plans import COLUMN_LABELS, REQUIRED_COLUMNS, Message, Record, folded_key
from tracking.uploads import RosterFileRefused

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_ROWS = 10_000

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "email": ("email", "e-mail", "correo", "correo electronico"),
    "full_name": ("full name", "name", "nombre", "nombre completo"),
    "authority": ("authority", "autoridad", "institucion"),
    "duty_post": ("duty post", "post", "puesto", "puesto migratorio", "puesto fronterizo", "delegacion"),
    "job_function": ("job function", "function", "funcion", "cargo"),
    "staff_number": (
        "staff number",
        "employee number",
        "numero de empleado",
        "numero de personal",
        "codigo de empleado",
    ),
    "language": ("language", "idioma"),
}


def roster_file_check(name: str, data: bytes) -> str:
    """The kind of an uploaded roster ("csv" or "xlsx"), or RosterFileRefused; reads no row.

    The content decides: a workbook named .csv is read as a workbook; any other binary file is
    refused by what it is ("a PDF document"); a workbook that would unpack beyond the limits is
    refused by its ZIP directory, before any part of it is read.
    """
    if not data:
        raise RosterFileRefused(_("The file is empty."), code="empty")
    max_bytes = getattr(settings, "TRACKING_ROSTER_MAX_BYTES", DEFAULT_MAX_BYTES)
    if len(data) > max_bytes:
        raise RosterFileRefused(
            _("The file is larger than %(limit)s MB; split it into several files.")
            % {"limit": uploads.megabytes(max_bytes)},
            code="too_large",
        )
    content = uploads.content_kind(data)
    if content.description:
        raise RosterFileRefused(
            _(
                "This file is %(type)s, not a CSV or Excel (.xlsx) file. "
                "Save your roster from Excel as “Excel Workbook (.xlsx)” or “CSV UTF-8” and upload that file."
            )
            % {"type": content.description},
            code="file_type",
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ("csv", "xlsx"):
        raise RosterFileRefused(_("Upload a CSV or XLSX file."), code="extension")
    if content.kind == uploads.XLSX:
        uploads.xlsx_archive_check(data)
        return "xlsx"
    if extension == "xlsx":
        raise RosterFileRefused(
            _("This file is not an Excel workbook (XLSX). Save it from Excel as “Excel Workbook” or “CSV UTF-8”."),
            code="not_xlsx",
        )
    if content.kind != uploads.TEXT:
        raise RosterFileRefused(
            _("This file is not a CSV text file (it contains binary data). Save it as “CSV UTF-8”."),
            code="binary",
        )
    return "csv"


class FileError(Exception):
    """A problem with the whole file, reported as the plan's only file error."""

    def __init__(self, make: Callable[[], str]) -> None:
        super().__init__()
        self.message = Message.of(make)


@dataclass
class _Table:
    header: list[str]
    # Spreadsheet row number (the header is row 1), cells, and the indexes of formula cells.
    rows: list[tuple[int, list[str], set[int]]]


def _max_rows() -> int:
    return getattr(settings, "TRACKING_ROSTER_MAX_ROWS", DEFAULT_MAX_ROWS)


def _too_many_rows(max_rows: int) -> FileError:
    return FileError(
        lambda: (
            ngettext(
                "The file has more than %(max)s row; split it into several files.",
                "The file has more than %(max)s rows; split it into several files.",
                max_rows,
            )
            % {"max": number_format(max_rows)}
        )
    )


def _table(records: Iterable[tuple[int, list[str], set[int]]]) -> _Table:
    """The header and the non-blank data rows, at most TRACKING_ROSTER_MAX_ROWS of them."""
    max_rows = _max_rows()
    records = iter(records)
    first = next(records, None)
    if first is None:
        raise FileError(lambda: _("The file has no rows."))
    rows = []
    for record in records:
        if not any(cell.strip() for cell in record[1]) and not record[2]:
            continue
        if len(rows) == max_rows:
            raise _too_many_rows(max_rows)
        rows.append(record)
    return _Table(header=first[1], rows=rows)


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str], set[int]]]:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FileError(
            lambda: (
                _(
                    "Row %(row)s is not UTF-8 text. In Excel, save the file as “CSV UTF-8 (comma delimited)” "
                    "and upload it again."
                )
                % {"row": line}
            )
        ) from None
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells, set()
    except csv.Error:
        raise FileError(lambda: _("The file is not a valid CSV file.")) from None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str], set[int]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds (zip, XML, key errors) for a damaged workbook.
        raise FileError(lambda: _("The XLSX file could not be read; open it in Excel and save it again.")) from None
    try:
        if not workbook.worksheets:
            raise FileError(lambda: _("The file has no rows."))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        # Read-only worksheets yield an empty tuple for each missing row, so numbering holds.
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            values = [_cell_text(getattr(cell, "value", None)) for cell in cells]
            formulas = {
                index
                for index, cell in enumerate(cells)
                if getattr(cell, "data_type", None) == "f" and values[index].startswith("=")
            }
            yield number, values, formulas
    finally:
        workbook.close()


HEADER_KEYS = {folded_key(alias): key for key, aliases in HEADER_ALIASES.items() for alias in aliases}


def _columns(header: list[str], notices: list[Message]) -> dict[str, int]:
    """Each known column's index; unknown columns become notices."""
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        title = text.strip()
        if not title:
            continue
        key = HEADER_KEYS.get(folded_key(title))
        if key is None:
            notices.append(
                Message.of(
                    lambda title=title: _("The column “%(column)s” is not used; it was ignored.") % {"column": title}
                )
            )
        elif key in found:
            raise FileError(
                lambda key=key: (
                    _("The column “%(column)s” appears more than once; keep one.") % {"column": COLUMN_LABELS[key]}
                )
            )
        else:
            found[key] = index
    missing = [key for key in REQUIRED_COLUMNS if key not in found]
    if missing:
        raise FileError(
            lambda: (
                _("Required columns are missing: %(columns)s.")
                % {"columns": ", ".join(str(COLUMN_LABELS[key]) for key in missing)}
            )
        )
    return found


def file_records(kind: str, data: bytes, notices: list[Message]) -> list[Record]:
    """The data rows of a checked file (`roster_file_check` gave its kind), each with the cells of the
    known columns; unknown columns become notices, a problem with the whole file is a FileError."""
    table = _table(_xlsx_rows(data) if kind == "xlsx" else _csv_rows(data))
    columns = _columns(table.header, notices)
    if not table.rows:
        raise FileError(lambda: _("The file has no rows."))
    return [
        Record(
            row=number,
            cells={key: cells[index] if index < len(cells) else "" for key, index in columns.items()},
            formulas=frozenset(key for key, index in columns.items() if index in formulas),
        )
        for number, cells, formulas in table.rows
    ]
