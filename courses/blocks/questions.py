"""Question types: how a trainer writes each one, how a learner answers it, how the server grades it.

Each type is a StructBlock with three extra methods, so the quiz engine never needs to know
which type it holds:

- `present(value, *, seed, shuffle)` returns what the learner's form shows: prompts and
  options with their ids, never which one is correct. `seed` is the attempt's, drawn per
  question; options are shuffled with it when `shuffle` is on, and items to order or to
  match are always shown out of their authored order (that order is the answer), the
  matches under ids of their own;
- `response_from(value, data, *, field, seed)` reads the learner's answer from the submitted
  form; it raises `ResponseError` for an answer the question could not have produced (an
  option id that is not one of its options: a tampered form), and `AnswerInvalid`, with a
  message for the learner, for one they can correct (a number that cannot be read);
- `grade(value, response)` returns the credit, a number from 0 to 1.

Option ids are the ListBlock item ids Wagtail stores with each item, stable once saved.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.formatting import number_text, quantity_text


class ResponseError(ValueError):
    """A submitted answer that the question could not have produced (a tampered form)."""


class AnswerInvalid(ValueError):
    """An answer the learner can correct (a number typed so that it cannot be read): nothing is graded."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Choice:
    id: str
    text: str


@dataclass
class Presentation:
    """What a learner's form shows for one question: no correct answers."""

    kind: str
    choices: list[Choice] = field(default_factory=list)  # options, matches or items to order
    prompts: list[Choice] = field(default_factory=list)  # matching: the left-hand column
    unit: str = ""
    positions: list[int] = field(default_factory=list)  # ordering: 1..n


def normalize_text(value: str) -> str:
    """Compare short answers without regard to case, accents or spacing."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w\s.,-]", " ", bare).split())


def _items(list_value) -> list[tuple[str, Any]]:
    return [(child.id, child.value) for child in list_value.bound_blocks]


def _shuffled(items: list, *, seed: str | None) -> list:
    if seed is None:
        return list(items)
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)  # noqa: S311 - presentation order, not a secret
    return shuffled


def _out_of_order(items: list[Choice], *, seed: str | None) -> list[Choice]:
    """Items in an order that is never the authored one (for ordering and matching, where it is the answer)."""
    shuffled = (
        _shuffled(items, seed=seed)
        if seed is not None
        else sorted(items, key=lambda item: hashlib.sha256(item.id.encode()).hexdigest())
    )
    if len(shuffled) > 1 and shuffled == items:
        shuffled = shuffled[1:] + shuffled[:1]
    return shuffled


def _mask(seed: str | None, id: str) -> str:
    """Another id for the same item, so that a form's two columns never share ids."""
    return "m" + hashlib.sha256(f"{seed or ''}:{id}".encode()).hexdigest()[:16]


def _one(data, field_name: str) -> str:
    values = data.getlist(field_name) if hasattr(data, "getlist") else [data.get(field_name, "")]
    values = [value for value in values if value not in (None, "")]
    if len(values) > 1:
        raise ResponseError("several answers to a one-answer question")
    return values[0] if values else ""


def _error(**errors: str) -> StructBlockValidationError:
    return StructBlockValidationError(block_errors={name: ValidationError(message) for name, message in errors.items()})


def with_empty_items(block: blocks.ListBlock) -> blocks.ListBlock:
    """A list that starts with `min_num` empty items instead of one, so that a block just added shows
    no "minimum number of items" error before anything is typed. Set on the instance, after
    construction, so that the block's migration state does not change."""
    block.meta.default = [block.child_block.get_default() for _item in range(block.meta.min_num or 1)]
    return block


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Option"), max_length=300)
    is_correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(
        label=_("Feedback for this option"),
        required=False,
        max_length=500,
        help_text=_("Shown after submission to a learner who chose this option, if the quiz shows feedback."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Option")


class QuestionTypeBlock(blocks.StructBlock):
    kind = ""

    def present(self, value, *, seed: str | None, shuffle: bool = True) -> Presentation:
        raise NotImplementedError

    def response_from(self, value, data, *, field: str, seed: str | None = None) -> Any:
        """The answer in the form, with the attempt's seed that `present()` was given."""
        raise NotImplementedError

    def grade(self, value, response: Any) -> Decimal:
        raise NotImplementedError

    def feedback(self, value, response: Any) -> list[str]:
        """Per-option feedback for what the learner answered."""
        return []

    def correct_answer(self, value) -> str:
        """The correct answer in words, for feedback after submission."""
        raise NotImplementedError

    def answer_text(self, value, response: Any) -> str:
        """The learner's answer in words."""
        return str(response) if response not in (None, "", [], {}) else ""


class ChoiceQuestionBlock(QuestionTypeBlock):
    def present(self, value, *, seed: str | None, shuffle: bool = True) -> Presentation:
        options = [Choice(id, option["text"]) for id, option in _items(value["options"])]
        return Presentation(kind=self.kind, choices=_shuffled(options, seed=seed if shuffle else None))

    def _option_ids(self, value) -> set[str]:
        return {id for id, _option in _items(value["options"])}

    def _correct_ids(self, value) -> set[str]:
        return {id for id, option in _items(value["options"]) if option["is_correct"]}

    def feedback(self, value, response: Any) -> list[str]:
        chosen = set(response if isinstance(response, list) else [response])
        return [option["feedback"] for id, option in _items(value["options"]) if id in chosen and option["feedback"]]

    def correct_answer(self, value) -> str:
        return "; ".join(option["text"] for _id, option in _items(value["options"]) if option["is_correct"])

    def answer_text(self, value, response: Any) -> str:
        chosen = set(response if isinstance(response, list) else [response])
        return "; ".join(option["text"] for id, option in _items(value["options"]) if id in chosen)


class SingleChoiceBlock(ChoiceQuestionBlock):
    kind = "single_choice"
    options = with_empty_items(blocks.ListBlock(OptionBlock(), min_num=2, label=_("Options")))

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        help_text = _("One correct option among several.")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["is_correct"])
        if correct != 1:
            raise _error(
                options=ngettext(
                    "Mark exactly one option as correct (%(count)s marked).",
                    "Mark exactly one option as correct (%(count)s marked).",
                    correct,
                )
                % {"count": correct}
            )
        return value

    def response_from(self, value, data, *, field: str, seed: str | None = None) -> str:
        answer = _one(data, field)
        if answer and answer not in self._option_ids(value):
            raise ResponseError("unknown option")
        return answer

    def grade(self, value, response: Any) -> Decimal:
        return Decimal(1) if response and response in self._correct_ids(value) else Decimal(0)


class MultipleResponseBlock(ChoiceQuestionBlock):
    kind = "multiple_response"
    options = with_empty_items(blocks.ListBlock(OptionBlock(), min_num=2, label=_("Options")))
    partial_credit = blocks.BooleanBlock(
        label=_("Partial credit"),
        required=False,
        help_text=_(
            "Give credit for each correct option chosen, minus each wrong one; otherwise only the exact set scores."
        ),
    )

    class Meta:
        icon = "tick-inverse"
        label = _("Multiple response")
        help_text = _("Several options may be correct; the learner chooses all that apply.")

    def clean(self, value):
        value = super().clean(value)
        if not any(option["is_correct"] for option in value["options"]):
            raise _error(options=_("Mark at least one option as correct."))
        return value

    def response_from(self, value, data, *, field: str, seed: str | None = None) -> list[str]:
        answers = data.getlist(field) if hasattr(data, "getlist") else list(data.get(field) or [])
        answers = sorted({answer for answer in answers if answer})
        if set(answers) - self._option_ids(value):
            raise ResponseError("unknown option")
        return answers

    def grade(self, value, response: Any) -> Decimal:
        chosen = set(response or [])
        correct = self._correct_ids(value)
        if not value["partial_credit"]:
            return Decimal(1) if chosen == correct else Decimal(0)
        earned = len(chosen & correct) - len(chosen - correct)
        return max(Decimal(0), Decimal(earned) / Decimal(len(correct)))


class TrueFalseBlock(QuestionTypeBlock):
    kind = "true_false"
    answer = blocks.BooleanBlock(label=_("The statement is true"), required=False)
    feedback_true = blocks.CharBlock(label=_("Feedback if the learner answers true"), required=False)
    feedback_false = blocks.CharBlock(label=_("Feedback if the learner answers false"), required=False)

    class Meta:
        icon = "tick"
        label = _("True or false")
        help_text = _("The question's text is a statement; the learner says whether it is true.")

    def present(self, value, *, seed: str | None, shuffle: bool = True) -> Presentation:
        return Presentation(kind=self.kind, choices=[Choice("true", _("True")), Choice("false", _("False"))])

    def response_from(self, value, data, *, field: str, seed: str | None = None) -> str:
        answer = _one(data, field)
        if answer not in ("", "true", "false"):
            raise ResponseError("not true or false")
        return answer

    def grade(self, value, response: Any) -> Decimal:
        if not response:
            return Decimal(0)
        return Decimal(1) if (response == "true") == bool(value["answer"]) else Decimal(0)

    def feedback(self, value, response: Any) -> list[str]:
        text = {"true": value["feedback_true"], "false": value["feedback_false"]}.get(response or "", "")
        return [text] if text else []

    def correct_answer(self, value) -> str:
        return str(_("True") if value["answer"] else _("False"))

    def answer_text(self, value, response: Any) -> str:
        return {"true": str(_("True")), "false": str(_("False"))}.get(response or "", "")


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


class PairBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(label=_("Item"), max_length=200)
    match = blocks.CharBlock(label=_("Its match"), max_length=200)

    class Meta:
        icon = "link"
        label = _("Pair")


class MatchingBlock(QuestionTypeBlock):
    kind = "matching"
    pairs = with_empty_items(blocks.ListBlock(PairBlock(), min_num=2, label=_("Pairs")))

    class Meta:
        icon = "link"
        label = _("Matching")
        help_text = _("The learner matches each item with its pair; each correct match earns its share.")

    def clean(self, value):
        value = super().clean(value)
        matches = [normalize_text(pair["match"]) for pair in value["pairs"]]
        if len(set(matches)) != len(matches):
            raise _error(pairs=_("Each match must be different, or two answers would be indistinguishable."))
        return value

    def present(self, value, *, seed: str | None, shuffle: bool = True) -> Presentation:
        pairs = _items(value["pairs"])
        matches = [Choice(_mask(seed, id), pair["match"]) for id, pair in pairs]
        return Presentation(
            kind=self.kind,
            prompts=[Choice(id, pair["prompt"]) for id, pair in pairs],
            choices=_out_of_order(matches, seed=seed),
        )

    def response_from(self, value, data, *, field: str, seed: str | None = None) -> dict[str, str]:
        ids = [id for id, _pair in _items(value["pairs"])]
        unmasked = {_mask(seed, id): id for id in ids}
        response = {}
        for prompt_id in ids:
            chosen = _one(data, f"{field}-{prompt_id}")
            if chosen and chosen not in unmasked:
                raise ResponseError("unknown match")
            if chosen:
                response[prompt_id] = unmasked[chosen]
        return response

    def grade(self, value, response: Any) -> Decimal:
        pairs = _items(value["pairs"])
        right = sum(1 for id, _pair in pairs if (response or {}).get(id) == id)
        return Decimal(right) / Decimal(len(pairs))

    def correct_answer(self, value) -> str:
        return "; ".join(f"{pair['prompt']} → {pair['match']}" for pair in value["pairs"])

    def answer_text(self, value, response: Any) -> str:
        matches = {id: pair["match"] for id, pair in _items(value["pairs"])}
        return "; ".join(
            f"{pair['prompt']} → {matches.get((response or {}).get(id), '—')}" for id, pair in _items(value["pairs"])
        )


class OrderingBlock(QuestionTypeBlock):
    kind = "ordering"
    items = with_empty_items(
        blocks.ListBlock(blocks.CharBlock(max_length=200), min_num=2, label=_("Items, in the correct order"))
    )

    class Meta:
        icon = "list-ol"
        label = _("Ordering")
        help_text = _("The learner puts the items in order; each item in its right place earns its share.")

    def present(self, value, *, seed: str | None, shuffle: bool = True) -> Presentation:
        items = [Choice(id, text) for id, text in _items(value["items"])]
        return Presentation(
            kind=self.kind, choices=_out_of_order(items, seed=seed), positions=list(range(1, len(items) + 1))
        )

    def response_from(self, value, data, *, field: str, seed: str | None = None) -> dict[str, int]:
        items = _items(value["items"])
        response = {}
        for id, _text in items:
            position = _one(data, f"{field}-{id}")
            if not position:
                continue
            if not position.isdigit() or not 1 <= int(position) <= len(items):
                raise ResponseError("position out of range")
            response[id] = int(position)
        return response

    def grade(self, value, response: Any) -> Decimal:
        items = _items(value["items"])
        right = sum(1 for position, (id, _text) in enumerate(items, start=1) if (response or {}).get(id) == position)
        return Decimal(right) / Decimal(len(items))

    def correct_answer(self, value) -> str:
        return " → ".join(value["items"])

    def answer_text(self, value, response: Any) -> str:
        placed = sorted(((response or {}).get(id, 999), text) for id, text in _items(value["items"]))
        return " → ".join(text for position, text in placed if position != 999)


class QuestionBodyBlock(blocks.StreamBlock):
    """A question holds exactly one of the types.

    No `min_num`: Wagtail's editor would show "the minimum number of items is 1" on a new,
    untouched question. The field is required (`blank=False`), which refuses an empty one on saving.
    """

    single_choice = SingleChoiceBlock()
    multiple_response = MultipleResponseBlock()
    true_false = TrueFalseBlock()
    numeric = NumericBlock()
    short_text = ShortTextBlock()
    matching = MatchingBlock()
    ordering = OrderingBlock()

    class Meta:
        max_num = 1
