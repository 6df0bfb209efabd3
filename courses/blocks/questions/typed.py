"""Question types answered by typing: a number (read as people type it, in either language's
way of writing numbers) or a short text.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from courses.blocks.questions.base import AnswerInvalid, Presentation, QuestionTypeBlock, _error, _one, normalize_text
from courses.formatting import number_text, quantity_text

NUMBER_MAX_LENGTH = 60

_PLAIN_NUMBER = re.compile(r"(?P<whole>[0-9]*)(?:(?P<decimal>[.,])(?P<fraction>[0-9]+))?")
_GROUPED_NUMBER = re.compile(
    r"(?P<head>[0-9]{1,3})(?P<groups>(?P<separator>[ .,])[0-9]{3}(?:(?P=separator)[0-9]{3})*)"
    r"(?:(?P<decimal>[.,])(?P<fraction>[0-9]+))?"
)


class NumberNotRead(ValueError):
    """Text that is not a number, or one that can be read as two different numbers."""

    def __init__(self, code: str, *, readings: tuple[Decimal, Decimal] | None = None):
        super().__init__(code)
        self.code = code  # "not_a_number" or "ambiguous"
        self.readings = readings  # for "ambiguous": (with a thousands separator, with decimals)


def read_number(text: str, *, unit: str = "") -> Decimal:
    """A number as people type it, or `NumberNotRead`. The rule, in the order it is applied:

    1. Unicode compatibility forms are folded (NFKC: full-width digits, superscripts), any run
       of spaces (no-break, thin, tabs) counts as one space, surrounding spaces are ignored, and
       the minus sign (U+2212) counts as "-". Text longer than 60 characters is not a number.
    2. The question's unit ("%", "km"...), if it has one, may follow the number or precede it,
       once, with or without a space, in any case: "12,5 %", "12,5%". No other unit is accepted.
    3. An optional sign, "+" or "-", may precede the digits, with or without a space.
    4. The decimal separator is a comma or a point: "12,5", "12.5", ",5", "0,125".
    5. A thousands separator is accepted only where it cannot be a decimal separator:
       - a space between groups of three digits: "1 250", "1 250,5", "12 345 678.9";
       - a point, or a comma, repeated between groups of three digits: "1.250.000", "1,250,000";
       - a point, or a comma, between groups of three digits, followed by the other one as the
         decimal separator: "1.250,5", "1,250.75".
    6. One point or one comma followed by exactly three digits, after one to three digits that do
       not start with 0 ("1,250", "12.500", "100,000"), is ambiguous: 1250 to a reader in
       Guatemala, 1,25 to one in Costa Rica. It is refused with code "ambiguous" (and both
       readings) so that the learner writes it again without a thousands separator; it is never
       guessed. "0,125" and "1,2500" are not ambiguous: they are decimals.

    Anything else is refused with code "not_a_number": exponents ("1e3"), "NaN", groups of other
    than three digits ("1,25,000"), a trailing separator ("12,"), two decimal separators.
    """
    if len(text) > NUMBER_MAX_LENGTH:
        raise NumberNotRead("not_a_number")
    cleaned = " ".join(unicodedata.normalize("NFKC", text).replace("\u2212", "-").split())
    unit = " ".join(unicodedata.normalize("NFKC", unit or "").split())
    if unit:
        quoted = re.escape(unit)
        match = re.fullmatch(rf"(?P<number>.*?) ?{quoted}", cleaned, re.IGNORECASE) or re.fullmatch(
            rf"{quoted} ?(?P<number>.*)", cleaned, re.IGNORECASE
        )
        if match:
            cleaned = match.group("number")
    sign = ""
    if cleaned[:1] in ("+", "-"):
        sign, cleaned = cleaned[0], cleaned[1:].lstrip(" ")
    if (plain := _PLAIN_NUMBER.fullmatch(cleaned)) and (plain.group("whole") or plain.group("fraction")):
        whole, fraction = plain.group("whole"), plain.group("fraction")
        if fraction is None:
            digits = whole
        elif len(fraction) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0"):
            raise NumberNotRead(
                "ambiguous", readings=(Decimal(sign + whole + fraction), Decimal(f"{sign}{whole}.{fraction}"))
            )
        else:
            digits = f"{whole or '0'}.{fraction}"
    elif (grouped := _GROUPED_NUMBER.fullmatch(cleaned)) and grouped.group("decimal") != grouped.group("separator"):
        digits = grouped.group("head") + grouped.group("groups").replace(grouped.group("separator"), "")
        if grouped.group("decimal"):
            digits += "." + grouped.group("fraction")
    else:
        raise NumberNotRead("not_a_number")
    return Decimal(sign + digits)


def parse_number(text: str, *, unit: str = "") -> Decimal | None:
    """The number in `text` as `read_number` reads it, or None."""
    try:
        return read_number(text, unit=unit)
    except NumberNotRead:
        return None


def number_problem(text: str, error: NumberNotRead, *, unit: str = "") -> str:
    """What to tell a learner whose answer is not a number, in their language."""
    if error.code == "ambiguous" and error.readings:
        thousands, decimals = error.readings
        message = _(
            "«%(answer)s» can be read as %(thousands)s or as %(decimals)s: write it without a thousands separator."
        )
        return message % {
            "answer": text.strip(),
            "thousands": number_text(thousands, places=6),
            "decimals": number_text(decimals, places=6),
        }
    example = number_text(Decimal("12.5"))
    if unit:
        return _("Enter a number, for example %(example)s or %(example_with_unit)s.") % {
            "example": example,
            "example_with_unit": quantity_text(example, unit),
        }
    return _("Enter a number, for example %(example)s.") % {"example": example}


class NumericBlock(QuestionTypeBlock):
    kind = "numeric"
    answer = blocks.DecimalBlock(label=_("Correct answer"))
    tolerance = blocks.DecimalBlock(
        label=_("Tolerance"),
        min_value=0,
        help_text=_("Answers within this distance of the correct answer score. Write 0 for an exact answer."),
    )
    unit = blocks.CharBlock(label=_("Unit"), required=False, max_length=40)

    class Meta:
        icon = "order"
        label = _("Numeric")
        help_text = _("A number, correct within a tolerance.")

    def clean(self, value):
        if value.get("tolerance") in (None, ""):
            raise _error(tolerance=_("Give a tolerance (0 for an exact answer)."))
        return super().clean(value)

    def present(self, value, *, seed: str | None, shuffle: bool = True) -> Presentation:
        return Presentation(kind=self.kind, unit=value["unit"])

    def response_from(self, value, data, *, field: str, seed: str | None = None) -> str:
        text = _one(data, field).strip()
        if text:
            try:
                read_number(text, unit=value["unit"])
            except NumberNotRead as error:
                raise AnswerInvalid(number_problem(text, error, unit=value["unit"])) from error
        return text

    def grade(self, value, response: Any) -> Decimal:
        number = parse_number(response or "", unit=value["unit"])
        if number is None:
            return Decimal(0)
        return Decimal(1) if abs(number - Decimal(value["answer"])) <= Decimal(value["tolerance"]) else Decimal(0)

    def correct_answer(self, value) -> str:
        answer = number_text(value["answer"], places=6)
        if value["tolerance"]:
            answer = f"{answer} ± {number_text(value['tolerance'], places=6)}"
        return quantity_text(answer, value["unit"])


class ShortTextBlock(QuestionTypeBlock):
    kind = "short_text"
    accepted_answers = blocks.ListBlock(
        blocks.CharBlock(max_length=200),
        min_num=1,
        label=_("Accepted answers"),
        help_text=_("Any of these scores; case, accents and extra spaces are ignored."),
    )

    class Meta:
        icon = "pilcrow"
        label = _("Short text")
        help_text = _("A word or a short phrase.")

    def present(self, value, *, seed: str | None, shuffle: bool = True) -> Presentation:
        return Presentation(kind=self.kind)

    def response_from(self, value, data, *, field: str, seed: str | None = None) -> str:
        return _one(data, field)[:200]

    def grade(self, value, response: Any) -> Decimal:
        given = normalize_text(response or "")
        accepted = {normalize_text(answer) for answer in value["accepted_answers"]}
        return Decimal(1) if given and given in accepted else Decimal(0)

    def correct_answer(self, value) -> str:
        return " / ".join(value["accepted_answers"])
