"""Question values and submitted forms for the question-type tests: a form's fields, raw list items
with their ids, and a matching question of three countries and their migration authorities."""

from __future__ import annotations

from django.http import QueryDict

from courses.blocks.questions.arranged import MatchingBlock
from tests.courses import factories

FIELD = "answer-1"


def form(**fields) -> QueryDict:
    """A submitted form: each value a string or a list of strings (several values of one name)."""
    data = QueryDict(mutable=True)
    for name, value in fields.items():
        data.setlist(name.replace("_", "-"), value if isinstance(value, list) else [value])
    return data


def with_items(values: list) -> tuple[list[dict], list[str]]:
    """ListBlock raw items with their ids, and the ids in order."""
    raw = factories.items(values)
    return raw, [item["id"] for item in raw]


def matching():
    block = MatchingBlock()
    raw, ids = with_items(
        [
            {"prompt": "Guatemala", "match": "IGM"},
            {"prompt": "Honduras", "match": "INM"},
            {"prompt": "Panamá", "match": "SNM"},
        ]
    )
    return block, block.to_python({"pairs": raw}), ids
