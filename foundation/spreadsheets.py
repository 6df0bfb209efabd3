"""Cells that spreadsheet programs show as text, never run: the defence against CSV injection.

A cell starting with =, +, -, @, a tab or a return is a formula to Excel, LibreOffice and
Google Sheets, even in a CSV file. Every export (course reports, tracking lists) writes its
cells through `spreadsheet_safe`, and the roster import refuses such cells.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

# What a spreadsheet would run as a formula when the cell is opened.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """A cell that spreadsheet programs show as text: a leading =, +, -, @, tab or return is neutralised.

    A number is written as it is, point decimal and sign included ("-0.25"): it cannot be a formula."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_text(rows: list[list[object]]) -> str:
    """Rows as CSV text, every cell through `spreadsheet_safe`."""
    output = io.StringIO()
    writer = csv.writer(output)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return output.getvalue()
