"""Numbers as the reader writes them: the decimal separator of the active language, and its way of writing "%".

Scores, pass marks and numeric answers on learner pages, and every figure of the trainers'
course reports, go through here (or through the `courses_numbers` template filters, which call
these), never through `str()` or an f-string, so that Spanish pages read "61,6 %" and English
ones "61.6%". A score is cut, never rounded up, so that a failing 69.996 is never shown as a
passing 70. CSV files are for machines and keep `str()`'s point decimal (`courses.reports`).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import pgettext


def number_text(value: Decimal | float | int | str | None, *, places: int = 2, fixed: bool = False) -> str:
    """A number in the active language, with at most `places` decimals (cut) and no trailing zeros;
    exactly `places` decimals if `fixed` (a column of figures: "0,50", "0,67")."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    try:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
    except InvalidOperation:  # more digits than the context holds: shown as it is
        fixed = False
    if number == 0:
        number = abs(number)  # not "-0"
    if not fixed:
        number = number.normalize()
        if number == 0:
            number = Decimal(0)  # not "0E-2"
    return number_format(number, decimal_pos=places if fixed else None, use_l10n=True)


def percent_text(value: Decimal | float | int | str | None, *, places: int = 2) -> str:
    """A percentage in the active language: "61,6 %" in Spanish, "61.6%" in English."""
    if value in (None, ""):
        return ""
    return pgettext("percentage", "%(number)s%%") % {"number": number_text(value, places=places)}


def quantity_text(number: str, unit: str) -> str:
    """A number already written for the reader, followed by its unit (a percentage as the language writes it)."""
    if not unit:
        return number
    if unit.strip() == "%":
        return pgettext("percentage", "%(number)s%%") % {"number": number}
    return f"{number}\u00a0{unit}"
