"""What a roster plan is made of, shared by reading, checking, planning and applying: the columns,
the outcomes, messages kept in every language, the planned rows, and the plan with its JSON form (a
plan is kept with its upload and read again, perhaps in the other language)."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django.utils.functional import Promise


CHUNK = 500

COLUMNS = ("email", "full_name", "authority", "duty_post", "job_function", "staff_number", "language")
REQUIRED_COLUMNS = ("email", "full_name", "authority", "job_function")
COLUMN_LABELS: dict[str, Promise] = {
    "email": gettext_lazy("E-mail"),
    "full_name": gettext_lazy("Full name"),
    "authority": gettext_lazy("Authority"),
    "duty_post": gettext_lazy("Duty post"),
    "job_function": gettext_lazy("Job function"),
    "staff_number": gettext_lazy("Staff number"),
    "language": gettext_lazy("Language"),
}

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
OUTCOMES = (CREATE, UPDATE, UNCHANGED, ERROR)
OUTCOME_LABELS: dict[str, Promise] = {
    CREATE: gettext_lazy("To add"),
    UPDATE: gettext_lazy("To update"),
    UNCHANGED: gettext_lazy("Unchanged"),
    ERROR: gettext_lazy("Error"),
}


@dataclass(frozen=True)
class Message:
    """A message written once in each of the platform's languages and shown in the reader's: a plan
    is kept and read again later, perhaps in the other language."""

    texts: dict[str, str]

    @classmethod
    def of(cls, make: Callable[[], str]) -> Message:
        texts = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                texts[code] = str(make())
        return cls(texts)

    def __str__(self) -> str:
        language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return self.texts.get(language) or self.texts.get(settings.LANGUAGE_CODE) or next(iter(self.texts.values()))


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None
    text: Message

    @property
    def message(self) -> str:
        return str(self.text)

    @property
    def column_label(self) -> str:
        return str(COLUMN_LABELS[self.column]) if self.column else ""


@dataclass(frozen=True)
class PlannedRow:
    row: int
    outcome: str
    email: str
    full_name: str
    authority_id: int | None
    duty_post_id: int | None
    job_function: str
    staff_number: str
    language: str
    user_id: int | None = None
    changes: tuple[str, ...] = ()

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])

    @property
    def changes_label(self) -> str:
        return ", ".join(str(COLUMN_LABELS[key]) for key in self.changes)


@dataclass(frozen=True)
class PlanLine:
    """A line of the check page: what a row would do. A row with problems shows its cells as the file had
    them (the focal point finds the row by them), invisible characters written out as code points."""

    row: int
    outcome: str
    outcome_label: str
    email: str
    full_name: str
    changes_label: str


def shown_as_read(value: str) -> str:
    """A cell as the file had it, each invisible or control character written as its code point ("[U+202E]")."""
    return "".join(
        f"[U+{ord(character):04X}]" if unicodedata.category(character) in ("Cc", "Cf") else character
        for character in value
    )


@dataclass(frozen=True)
class Record:
    """A data row as read from the file: its spreadsheet number, its cells by column, its formula cells."""

    row: int
    cells: dict[str, str]
    formulas: frozenset[str] = frozenset()


@dataclass
class RosterPlan:
    """What importing a file would do. `records` keeps the rows as read, so that the plan can be
    made again against the people as they are then, without reading the file again."""

    country_id: int
    kind: str
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    file_errors: list[Message] = field(default_factory=list)
    notices: list[Message] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and not self.file_errors and bool(self.rows)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.outcome for row in self.rows)
        return {outcome: counted[outcome] for outcome in OUTCOMES}

    @property
    def errors_by_row(self) -> dict[int, list[RowError]]:
        grouped: dict[int, list[RowError]] = defaultdict(list)
        for error in self.errors:
            grouped[error.row].append(error)
        return dict(grouped)

    def lines(self) -> list[PlanLine]:
        """What each row that changes something would do; a row with problems, as the file had it."""
        cells = {record.row: record.cells for record in self.records}
        problems = self.errors_by_row
        lines = []
        for planned in self.rows:
            if planned.outcome == UNCHANGED:
                continue
            line = PlanLine(
                row=planned.row,
                outcome=planned.outcome,
                outcome_label=planned.outcome_label,
                email=planned.email,
                full_name=planned.full_name,
                changes_label=planned.changes_label,
            )
            if planned.outcome == ERROR:
                had = cells.get(planned.row, {})
                wrong = {error.column for error in problems.get(planned.row, [])}
                columns = ", ".join(str(COLUMN_LABELS[key]) for key in COLUMNS if key in wrong)
                line = replace(
                    line,
                    email=shown_as_read(had.get("email", "")),
                    full_name=shown_as_read(had.get("full_name", "")),
                    changes_label=_("Problems in: %(columns)s") % {"columns": columns} if columns else "",
                )
            lines.append(line)
        return lines

    def has_same_outcome(self, other: RosterPlan) -> bool:
        """Whether another plan of the same file does exactly the same (rows, changes, errors)."""
        return (self.rows, self.errors, self.file_errors) == (other.rows, other.errors, other.file_errors)

    def to_json(self) -> dict:
        """The plan as JSON, to keep with the upload (`plan_from_json` reads it back)."""
        return {
            "version": PLAN_FORMAT,
            "country_id": self.country_id,
            "kind": self.kind,
            "rows": [[getattr(row, name) for name in PLANNED_ROW_FIELDS] for row in self.rows],
            "errors": [[error.row, error.column, error.text.texts] for error in self.errors],
            "file_errors": [message.texts for message in self.file_errors],
            "notices": [message.texts for message in self.notices],
            "records": [[record.row, record.cells, sorted(record.formulas)] for record in self.records],
        }


PLAN_FORMAT = 1
PLANNED_ROW_FIELDS = tuple(PlannedRow.__dataclass_fields__)


def plan_from_json(data: dict) -> RosterPlan | None:
    """A plan kept by `RosterPlan.to_json`, or None if there is none in this format."""
    if not data or data.get("version") != PLAN_FORMAT:
        return None
    rows = []
    for values in data["rows"]:
        row = dict(zip(PLANNED_ROW_FIELDS, values, strict=True))
        rows.append(PlannedRow(**{**row, "changes": tuple(row["changes"])}))
    return RosterPlan(
        country_id=data["country_id"],
        kind=data["kind"],
        rows=rows,
        errors=[RowError(row, column, Message(texts)) for row, column, texts in data["errors"]],
        file_errors=[Message(texts) for texts in data["file_errors"]],
        notices=[Message(texts) for texts in data["notices"]],
        records=[Record(row, cells, frozenset(formulas)) for row, cells, formulas in data["records"]],
    )


def folded(value: str) -> str:
    """Without accents, case or repeated spaces: how two spellings of one name compare."""
    decomposed = unicodedata.normalize("NFKD", value)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def folded_key(value: str) -> str:
    """Like `folded`, and spaces, underscores and hyphens are one separator (headers, choices)."""
    return " ".join(folded(value).replace("_", " ").replace("-", " ").split())


def chunks(values: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
