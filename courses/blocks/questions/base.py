"""What every question type shares: how a trainer writes it, how a learner answers it, how it is graded.

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

This module holds what every type shares: the interface (`QuestionTypeBlock`), what a form
shows (`Presentation`, `Choice`), the errors a response raises, and the helpers the types use.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


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
