"""Question types answered by putting items in place: matching each item with its pair, ordering items."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from courses.blocks.questions.base import (
    Choice,
    Presentation,
    QuestionTypeBlock,
    ResponseError,
    _error,
    _items,
    _one,
    _shuffled,
    normalize_text,
    with_empty_items,
)


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
