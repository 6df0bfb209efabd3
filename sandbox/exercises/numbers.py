"""Numbers in answers, read as people type them, in Spanish or in English.

Officials of the region write numbers both ways: "1.234,5" (Spain, Costa Rica) and "1,234.5"
(Guatemala, Honduras, El Salvador, Nicaragua, Panama and the Dominican Republic, and English);
the Spanish screens group thousands with a space. So the reading does not depend on the
language of the page (a learner who switches language reads the same number):

- spaces (also the no-break and thin spaces the screens print) separate thousands;
- with both a point and a comma, the last one is the decimal mark: "1.234,5" and "1,234.5";
- a mark that comes back ("1.234.567") separates thousands;
- a single mark after one to three digits (not a lone 0) and before exactly three digits
  separates thousands: "1.234" and "1,234" are both 1234, since nobody gives a count of people
  to the thousandth; any other single mark is the decimal mark: "1234,5", "890.25", "0,125";
- groups of thousands have exactly three digits; signs, letters and exponents are refused.

`number_parse` returns a `Decimal` or raises a ValidationError with a message the learner can
act on; `NumberField` is the form field, which shows a stored number back in the page's
language, as the learner would read it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

SPACES = "\u00a0\u202f\u2009 "
MAX_LENGTH = 30
_SHAPE = re.compile(r"[0-9]+([ .,][0-9]+)*")


def _invalid() -> ValidationError:
    return ValidationError(_("Type a number, for example 890 or 890.5."), code="invalid")


def _grouping() -> ValidationError:
    return ValidationError(
        _("Separate the thousands in groups of three digits, for example 12.345, 12,345 or 12 345."), code="grouping"
    )


def _whole_part(text: str, separator: str | None) -> str:
    """The digits of a whole part whose thousands are separated by `separator` (one kind only)."""
    if separator is None:
        return text
    groups = text.split(separator)
    if not 1 <= len(groups[0]) <= 3 or any(len(group) != 3 for group in groups[1:]):
        raise _grouping()
    return "".join(groups)


def number_parse(value: str) -> Decimal:
    """The number a person typed (see the module's rules), never negative."""
    text = str(value).strip()
    for space in SPACES:
        text = text.replace(space, " ")
    if text[:1] in ("-", "\u2212"):
        raise ValidationError(_("A number of people cannot be negative."), code="negative")
    if len(text) > MAX_LENGTH or not _SHAPE.fullmatch(text):
        raise _invalid()
    marks = [character for character in text if character in ".,"]
    decimal_mark: str | None = None
    if "." in marks and "," in marks:
        decimal_mark = marks[-1]
        if marks.count(decimal_mark) != 1:
            raise _invalid()
    elif len(marks) == 1:
        whole, fraction = re.split(r"[.,]", text)
        thousands = len(fraction) == 3 and " " not in text and 1 <= len(whole) <= 3 and whole != "0"
        decimal_mark = None if thousands else marks[0]
    whole, _mark, fraction = text.partition(decimal_mark) if decimal_mark else (text, "", "")
    if " " in fraction or any(mark in fraction for mark in ".,"):
        raise _invalid()
    separators = {character for character in whole if character in SPACES + ".,"}
    if len(separators) > 1:
        raise _grouping()
    digits = _whole_part(whole, separators.pop() if separators else None)
    return Decimal(f"{digits}.{fraction}" if fraction else digits)


class NumberField(forms.Field):
    """A number typed as people write it (`number_parse`); `whole` refuses decimals.

    Cleans to a `Decimal`; a stored number (int, float or Decimal) is shown back in the page's
    language with its thousands grouped, which `number_parse` reads again as the same number."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"})

    def __init__(self, *, whole: bool = False, **kwargs: Any) -> None:
        self.whole = whole
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        number = number_parse(text)
        if self.whole and number != number.to_integral_value():
            raise ValidationError(_("Give a whole number: people are counted one by one."), code="whole")
        return number

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return formats.number_format(value, use_l10n=True, force_grouping=True)
        return value

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "maxlength": str(MAX_LENGTH)}
