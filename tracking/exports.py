"""CSV and XLSX exports of lists. Every text cell is neutralised against formula injection
(`foundation.spreadsheets.spreadsheet_safe`): a spreadsheet shows it as text, never runs it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from foundation.http import never_cached
from foundation.spreadsheets import spreadsheet_safe as neutralise

if TYPE_CHECKING:
    from tracking.roster.checking import AcceptedValues

EXPORT_FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv(headers: list[str], rows: Iterable[Sequence[object]]) -> bytes:
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([neutralise(header) for header in headers])
    for row in rows:
        writer.writerow([neutralise(cell.isoformat() if isinstance(cell, date) else cell) for cell in row])
    return ("\ufeff" + output.getvalue()).encode("utf-8")


def _xlsx(title: str, headers: list[str], rows: Iterable[Sequence[object]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "export")
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=neutralise(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([neutralise(cell) if isinstance(cell, str) or cell is None else cell for cell in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def table_export(
    *, filename_stem: str, headers: list[str], rows: Iterable[Sequence[object]], file_format: str
) -> HttpResponse:
    """A list as a downloadable CSV (UTF-8 with BOM, for Excel) or XLSX file, never cached."""
    stem = slugify(filename_stem) or "export"
    if file_format == "csv":
        return _download(_csv(headers, rows), "text/csv; charset=utf-8", stem, file_format)
    if file_format == "xlsx":
        return _download(_xlsx(stem, headers, rows), XLSX_TYPE, stem, file_format)
    raise ValueError(f"Unknown export format {file_format!r}")


def _download(content: bytes, content_type: str, stem: str, file_format: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}-{timezone.localdate():%Y-%m-%d}.{file_format}"'
    response["X-Content-Type-Options"] = "nosniff"
    return never_cached(response)


def roster_template_export(
    *, filename_stem: str, columns: Sequence[str], headers: list[str], accepted: list[AcceptedValues], rows: int
) -> HttpResponse:
    """The empty roster as a workbook: the headers on the first sheet; on the second, the values each coded
    column accepts, offered on the first sheet's `rows` rows as drop-down lists (Excel data validation)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    bold = Font(bold=True)
    workbook = Workbook()
    roster_sheet = workbook.active
    roster_sheet.title = _("Roster")[:31]
    roster_sheet.append([neutralise(header) for header in headers])
    reference = workbook.create_sheet(_("Accepted values")[:31])
    for index, values in enumerate(accepted):
        value_column, note_column = 2 * index + 1, 2 * index + 2
        reference.cell(row=1, column=value_column, value=values.label).font = bold
        reference.cell(row=1, column=note_column, value=_("Code or other spellings")).font = bold
        for row, (value, note) in enumerate(values.values, start=2):
            reference.cell(row=row, column=value_column, value=value)
            reference.cell(row=row, column=note_column, value=neutralise(note))
        for column in (value_column, note_column):
            reference.column_dimensions[get_column_letter(column)].width = 34
        if not values.values or values.column not in columns:
            continue
        letter = get_column_letter(value_column)
        listed = DataValidation(
            type="list",
            formula1=f"{quote_sheetname(reference.title)}!${letter}$2:${letter}${len(values.values) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle=values.label[:32],
            error=_("Choose a value from the list; the sheet “%(sheet)s” lists them.") % {"sheet": reference.title},
        )
        target = get_column_letter(columns.index(values.column) + 1)
        listed.add(f"{target}2:{target}{rows + 1}")
        roster_sheet.add_data_validation(listed)
    for index, header in enumerate(headers, start=1):
        roster_sheet.cell(row=1, column=index).font = bold
        roster_sheet.column_dimensions[get_column_letter(index)].width = max(18, len(header) + 4)
    roster_sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return _download(output.getvalue(), XLSX_TYPE, slugify(filename_stem) or "roster", "xlsx")
