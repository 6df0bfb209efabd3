"""The generated baseline as tables of columns, and their rendering for loading.

Job: hold each model's rows as typed numpy columns named by database column, in an order
that is safe for foreign keys, and render them either as PostgreSQL COPY text (in chunks, so
loading can stream while rendering goes on) or as Python rows for SQLite's `executemany`.

Invariants: a column holds one of the kinds below; nulls are negative integers, NaT dates and
times, or "" in a text column marked nullable; text never contains a tab, a carriage return
or a backslash, and its newlines (the MRZ's) are escaped for COPY; datetimes are UTC; a
json column holds Python values (dicts, lists), rendered per row as JSON text, escaped for COPY.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from django.db import models

NULL = "\\N"
KINDS = ("int", "bool", "date", "datetime", "float", "text", "json", "constant")


class Column(NamedTuple):
    """One column's values: `kind` says how they render; `nullable` what counts as NULL."""

    kind: str
    values: object
    nullable: bool = False


def constant(value: str | None, n: int) -> Column:
    """A column holding one value (None for NULL) on every row."""
    return Column("constant", (value, n))


@dataclass
class Table:
    """The rows of one model: db column names and their values, in the same order."""

    model: type[models.Model]
    columns: list[str]
    data: list[Column]

    def __len__(self) -> int:
        first = self.data[0]
        return first.values[1] if first.kind == "constant" else len(first.values)

    @property
    def db_table(self) -> str:
        return self.model._meta.db_table

    def copy_chunks(self, rows_per_chunk: int = 50_000):
        """The table in PostgreSQL COPY text format, in chunks of whole rows."""
        n = len(self)
        for start in range(0, n, rows_per_chunk):
            stop = min(n, start + rows_per_chunk)
            rendered = [_copy_text(column, start, stop) for column in self.data]
            yield "\n".join(map("\t".join, zip(*rendered, strict=True))) + "\n"

    def copy_text(self) -> str:
        return "".join(self.copy_chunks())

    def sqlite_rows(self):
        """Rows of Python values for `executemany` on SQLite (Django's storage formats)."""
        n = len(self)
        return zip(*[_python_values(column, n) for column in self.data], strict=True)


def _copy_text(column: Column, start: int, stop: int) -> list[str]:
    kind, values, nullable = column
    if kind == "constant":
        value, _n = values
        return [NULL if value is None else value] * (stop - start)
    part = values[start:stop]
    if kind == "int":
        text = list(map(str, part.tolist()))
        if nullable:
            text = [NULL if v[0] == "-" else v for v in text]
        return text
    if kind == "bool":
        return np.where(part, "t", "f").tolist()
    if kind == "date":
        text = np.datetime_as_string(part, unit="D").tolist()
        return [NULL if v == "NaT" else v for v in text] if nullable else text
    if kind == "datetime":
        text = np.datetime_as_string(part, unit="s").tolist()
        return [NULL if v == "NaT" else v + "+00" for v in text]
    if kind == "float":
        return list(map(repr, part.tolist()))
    if kind == "json":
        escape = str.maketrans({"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"})
        return [_json(v).translate(escape) for v in part.tolist()]
    text = part.tolist()
    if nullable:
        text = [v if v else NULL for v in text]
    if text and any("\n" in v for v in text):
        text = [v.replace("\n", "\\n") for v in text]
    return text


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _python_values(column: Column, n: int) -> list:
    kind, values, nullable = column
    if kind == "constant":
        return [values[0]] * n
    if kind == "int":
        result = values.tolist()
        return [v if v >= 0 else None for v in result] if nullable else result
    if kind == "bool":
        return values.astype(np.int64).tolist()
    if kind == "date":
        text = np.datetime_as_string(values, unit="D").tolist()
        return [None if v == "NaT" else v for v in text]
    if kind == "datetime":
        text = np.datetime_as_string(values, unit="s").tolist()
        return [None if v == "NaT" else v.replace("T", " ") for v in text]
    if kind == "float":
        return values.tolist()
    if kind == "json":
        return [_json(v) for v in values.tolist()]
    text = values.tolist()
    return [v if v else None for v in text] if nullable else text


def table_build(model: type[models.Model], values: dict[str, Column], n: int) -> Table:
    """A table of every concrete column of the model but an auto primary key.

    Layered bookkeeping defaults (baseline rows: no sandbox, not deleted) and nullable columns
    the generator does not fill are added here; any other missing column is an error.
    """
    columns, data = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and isinstance(field, models.AutoField | models.BigAutoField):
            continue
        column = values.get(field.attname)
        if column is None:
            if field.attname == "is_deleted":
                column = Column("bool", np.zeros(n, dtype=bool))
            elif field.null:
                column = constant(None, n)
            else:
                raise ValueError(f"{model.__name__}.{field.attname} has no generated values.")
        columns.append(field.column)
        data.append(column)
    return Table(model=model, columns=columns, data=data)
