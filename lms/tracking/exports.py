"""CSV and XLSX exports of lists. Every text cell is neutralised against formula injection
(`courses.reports.csv_safe`): a spreadsheet shows it as text, never runs it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.text import slugify

from courses.reports import csv_safe as neutralise

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
        response = HttpResponse(_csv(headers, rows), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(_xlsx(stem, headers, rows), content_type=XLSX_TYPE)
    else:
        raise ValueError(f"Unknown export format {file_format!r}")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{timezone.localdate():%Y-%m-%d}.{file_format}"'
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response
