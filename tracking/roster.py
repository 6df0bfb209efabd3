"""Staff rosters: check an uploaded CSV or XLSX file of a country's staff, plan the import, apply it.

Invariants:
- `roster_file_check` refuses a file (size, type by its content, binary content, a workbook that
  would unpack too far: `uploads`) before anything parses it;
- `roster_plan` writes nothing and reports every problem of the file in one pass, each message in
  every language of the platform (a plan is kept as JSON and read again, in either language);
- `roster_replan` plans the rows a plan kept again, against the people as they are now, without
  the file;
- cells with invisible or control characters (Unicode Cc, Cf) are refused, naming them;
- a person is matched by e-mail (without regard to case) or else by the authority's staff
  number; a person registered with another country or IOM is never changed, nor revealed;
- a blank optional cell keeps what an existing person has (a roster adds and corrects, it
  never erases);
- queries are bounded by the number of rows divided by `CHUNK`, never one per row;
- `roster_apply` writes a valid plan all or nothing, in bulk: no model `save()` and no
  `post_save` signals, so the caller refreshes derived data.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from people.models import Authority, DutyPost, JobFunction, Language, StaffProfile, User
from people.names import (
    describe_characters,
    name_invisible_characters,
    normalize_name,
    validate_name_characters,
)
from people.roles import Role, group_for
from tracking import uploads
from tracking.uploads import RosterFileRefused

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from people.models import Country

CHUNK = 500
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_ROWS = 10_000

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
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "email": ("email", "e-mail", "correo", "correo electronico"),
    "full_name": ("full name", "name", "nombre", "nombre completo"),
    "authority": ("authority", "autoridad", "institucion"),
    "duty_post": ("duty post", "post", "puesto", "puesto migratorio", "puesto fronterizo", "delegacion"),
    "job_function": ("job function", "function", "funcion", "cargo"),
    "staff_number": (
        "staff number",
        "employee number",
        "numero de empleado",
        "numero de personal",
        "codigo de empleado",
    ),
    "language": ("language", "idioma"),
}
MAX_LENGTHS = {"email": 254, "full_name": 200, "staff_number": 40}
LANGUAGE_ALIASES = {
    "es": Language.SPANISH,
    "espanol": Language.SPANISH,
    "spanish": Language.SPANISH,
    "en": Language.ENGLISH,
    "ingles": Language.ENGLISH,
    "english": Language.ENGLISH,
}
# What a spreadsheet would run as a formula when the cell is opened (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
OUTCOMES = (CREATE, UPDATE, UNCHANGED, ERROR)
OUTCOME_LABELS: dict[str, Promise] = {
    CREATE: gettext_lazy("To add"),
    UPDATE: gettext_lazy("To update"),
    UNCHANGED: gettext_lazy("Unchanged"),
    ERROR: gettext_lazy("Error"),
}
USER_FIELDS = {"email": "email", "full_name": "full_name", "language": "preferred_language"}
PROFILE_FIELDS = {"duty_post": "duty_post_id", "job_function": "job_function", "staff_number": "staff_number"}


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


@dataclass(frozen=True)
class RosterApplyResult:
    created_user_ids: list[int]
    updated: int
    unchanged: int


# The file -------------------------------------------------------------------------------------


def roster_file_check(name: str, data: bytes) -> str:
    """The kind of an uploaded roster ("csv" or "xlsx"), or RosterFileRefused; reads no row.

    The content decides: a workbook named .csv is read as a workbook; any other binary file is
    refused by what it is ("a PDF document"); a workbook that would unpack beyond the limits is
    refused by its ZIP directory, before any part of it is read.
    """
    if not data:
        raise RosterFileRefused(_("The file is empty."), code="empty")
    max_bytes = getattr(settings, "TRACKING_ROSTER_MAX_BYTES", DEFAULT_MAX_BYTES)
    if len(data) > max_bytes:
        raise RosterFileRefused(
            _("The file is larger than %(limit)s MB; split it into several files.")
            % {"limit": uploads.megabytes(max_bytes)},
            code="too_large",
        )
    content = uploads.content_kind(data)
    if content.description:
        raise RosterFileRefused(
            _(
                "This file is %(type)s, not a CSV or Excel (.xlsx) file. "
                "Save your roster from Excel as “Excel Workbook (.xlsx)” or “CSV UTF-8” and upload that file."
            )
            % {"type": content.description},
            code="file_type",
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ("csv", "xlsx"):
        raise RosterFileRefused(_("Upload a CSV or XLSX file."), code="extension")
    if content.kind == uploads.XLSX:
        uploads.xlsx_archive_check(data)
        return "xlsx"
    if extension == "xlsx":
        raise RosterFileRefused(
            _("This file is not an Excel workbook (XLSX). Save it from Excel as “Excel Workbook” or “CSV UTF-8”."),
            code="not_xlsx",
        )
    if content.kind != uploads.TEXT:
        raise RosterFileRefused(
            _("This file is not a CSV text file (it contains binary data). Save it as “CSV UTF-8”."),
            code="binary",
        )
    return "csv"


class _FileError(Exception):
    """A problem with the whole file, reported as the plan's only file error."""

    def __init__(self, make: Callable[[], str]) -> None:
        super().__init__()
        self.message = Message.of(make)


@dataclass
class _Table:
    header: list[str]
    # Spreadsheet row number (the header is row 1), cells, and the indexes of formula cells.
    rows: list[tuple[int, list[str], set[int]]]


def _max_rows() -> int:
    return getattr(settings, "TRACKING_ROSTER_MAX_ROWS", DEFAULT_MAX_ROWS)


def _too_many_rows(max_rows: int) -> _FileError:
    return _FileError(
        lambda: (
            ngettext(
                "The file has more than %(max)s row; split it into several files.",
                "The file has more than %(max)s rows; split it into several files.",
                max_rows,
            )
            % {"max": number_format(max_rows)}
        )
    )


def _table(records: Iterable[tuple[int, list[str], set[int]]]) -> _Table:
    """The header and the non-blank data rows, at most TRACKING_ROSTER_MAX_ROWS of them."""
    max_rows = _max_rows()
    records = iter(records)
    first = next(records, None)
    if first is None:
        raise _FileError(lambda: _("The file has no rows."))
    rows = []
    for record in records:
        if not any(cell.strip() for cell in record[1]) and not record[2]:
            continue
        if len(rows) == max_rows:
            raise _too_many_rows(max_rows)
        rows.append(record)
    return _Table(header=first[1], rows=rows)


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str], set[int]]]:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _FileError(
            lambda: (
                _(
                    "Row %(row)s is not UTF-8 text. In Excel, save the file as “CSV UTF-8 (comma delimited)” "
                    "and upload it again."
                )
                % {"row": line}
            )
        ) from None
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells, set()
    except csv.Error:
        raise _FileError(lambda: _("The file is not a valid CSV file.")) from None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str], set[int]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds (zip, XML, key errors) for a damaged workbook.
        raise _FileError(lambda: _("The XLSX file could not be read; open it in Excel and save it again.")) from None
    try:
        if not workbook.worksheets:
            raise _FileError(lambda: _("The file has no rows."))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        # Read-only worksheets yield an empty tuple for each missing row, so numbering holds.
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            values = [_cell_text(getattr(cell, "value", None)) for cell in cells]
            formulas = {
                index
                for index, cell in enumerate(cells)
                if getattr(cell, "data_type", None) == "f" and values[index].startswith("=")
            }
            yield number, values, formulas
    finally:
        workbook.close()


# Matching text --------------------------------------------------------------------------------


def _folded(value: str) -> str:
    """Without accents, case or repeated spaces: how two spellings of one name compare."""
    decomposed = unicodedata.normalize("NFKD", value)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def _folded_key(value: str) -> str:
    """Like `_folded`, and spaces, underscores and hyphens are one separator (headers, choices)."""
    return " ".join(_folded(value).replace("_", " ").replace("-", " ").split())


HEADER_KEYS = {_folded_key(alias): key for key, aliases in HEADER_ALIASES.items() for alias in aliases}


def _columns(header: list[str], notices: list[Message]) -> dict[str, int]:
    """Each known column's index; unknown columns become notices."""
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        title = text.strip()
        if not title:
            continue
        key = HEADER_KEYS.get(_folded_key(title))
        if key is None:
            notices.append(
                Message.of(
                    lambda title=title: _("The column “%(column)s” is not used; it was ignored.") % {"column": title}
                )
            )
        elif key in found:
            raise _FileError(
                lambda key=key: (
                    _("The column “%(column)s” appears more than once; keep one.") % {"column": COLUMN_LABELS[key]}
                )
            )
        else:
            found[key] = index
    missing = [key for key in REQUIRED_COLUMNS if key not in found]
    if missing:
        raise _FileError(
            lambda: (
                _("Required columns are missing: %(columns)s.")
                % {"columns": ", ".join(str(COLUMN_LABELS[key]) for key in missing)}
            )
        )
    return found


# Rows -----------------------------------------------------------------------------------------


@dataclass
class _Row:
    row: int
    email: str = ""
    full_name: str = ""
    authority_id: int | None = None
    duty_post_id: int | None = None
    job_function: str = ""
    staff_number: str = ""
    language: str = ""
    errors: list[RowError] = field(default_factory=list)

    def error(self, column: str | None, make: Callable[[], str]) -> None:
        """Record a problem; `make` writes its message, and is called once per language."""
        self.errors.append(RowError(self.row, column, Message.of(make)))


@dataclass
class _Existing:
    id: int
    email: str
    full_name: str
    language: str
    profile_country_id: int | None
    duty_post_id: int | None
    job_function: str
    staff_number: str


class _Lookups:
    """The authorities, duty posts and job functions a roster names, each read once."""

    def __init__(self, country: Country) -> None:
        self.country = country
        self.authorities = list(Authority.objects.only("id", "country", "code", "name", "name_en", "acronym"))
        self.authority = next((a for a in self.authorities if a.country_id == country.pk), None)
        self.posts = list(DutyPost.objects.only("id", "country", "code", "name", "is_active"))
        self.job_functions: dict[str, str] = {}
        for choice in JobFunction:
            self.job_functions[_folded_key(choice.value)] = choice.value
            for language in (Language.ENGLISH, Language.SPANISH):
                with translation.override(language):
                    self.job_functions[_folded_key(str(choice.label))] = choice.value

    def another_country(self, value: str) -> str:
        return _("“%(value)s” is the authority of another country; this roster is for %(country)s.") % {
            "value": value,
            "country": self.country.name,
        }

    def authority_check(self, row: _Row, value: str) -> None:
        wanted = _folded(value)
        matches = [
            a
            for a in self.authorities
            if wanted in {_folded(text) for text in (a.code, a.acronym, a.name, a.name_en) if text}
        ]
        if self.authority is not None and self.authority in matches:
            row.authority_id = self.authority.pk
        elif matches:
            row.error("authority", lambda: self.another_country(value))
        else:
            row.error("authority", lambda: _("Unknown authority “%(value)s”.") % {"value": value})

    def duty_post_check(self, row: _Row, value: str) -> None:
        code, name = value.casefold(), _folded(value)
        matches = [p for p in self.posts if p.code.casefold() == code] or [
            p for p in self.posts if _folded(p.name) == name
        ]
        own = [p for p in matches if p.country_id == self.country.pk]
        if len(own) > 1:
            row.error(
                "duty_post", lambda: _("Several duty posts are called “%(value)s”; use the code.") % {"value": value}
            )
        elif own and not own[0].is_active:
            row.error("duty_post", lambda: _("The duty post “%(value)s” is closed.") % {"value": value})
        elif own:
            row.duty_post_id = own[0].pk
        elif matches:
            row.error(
                "duty_post",
                lambda: (
                    _("“%(value)s” is a duty post of another country; this roster is for %(country)s.")
                    % {"value": value, "country": self.country.name}
                ),
            )
        else:
            row.error(
                "duty_post", lambda: _("Unknown duty post “%(value)s”; use its code, e.g. GT-TUM.") % {"value": value}
            )

    def job_function_check(self, row: _Row, value: str) -> None:
        job_function = self.job_functions.get(_folded_key(value))
        if job_function is None:
            row.error(
                "job_function",
                lambda: (
                    _("Unknown job function “%(value)s”; use one of: %(choices)s.")
                    % {"value": value, "choices": ", ".join(str(label) for label in JobFunction.labels)}
                ),
            )
        else:
            row.job_function = job_function


def _name_characters_message(value: str) -> str:
    """The people app's own message for a name with invisible or control characters."""
    try:
        validate_name_characters(value)
    except ValidationError as error:
        return error.messages[0]
    return ""


def _invisible_characters_error(row: _Row, key: str, value: str, characters: list[str]) -> None:
    if key == "full_name":
        row.error(key, lambda: _name_characters_message(value))
    else:
        row.error(
            key,
            lambda: (
                _(
                    "The cell contains invisible or control characters (%(characters)s). "
                    "Type the value again without them."
                )
                % {"characters": describe_characters(characters)}
            ),
        )


def _row_check(record: Record, lookups: _Lookups) -> _Row:
    row = _Row(row=record.row)
    values: dict[str, str] = {}
    for key, raw in record.cells.items():
        value = raw.strip()
        if key in record.formulas:
            row.error(key, lambda: _("Formulas are not accepted; type the value."))
        elif raw.startswith(FORMULA_PREFIXES) or value.startswith(FORMULA_PREFIXES):
            row.error(key, lambda: _("Cells cannot start with =, +, -, @ (spreadsheet formulas)."))
        elif characters := name_invisible_characters(value):
            # Invisible, and some reorder the text around them: what is printed would not be what was read.
            _invisible_characters_error(row, key, value, characters)
        elif key in MAX_LENGTHS and len(value) > MAX_LENGTHS[key]:
            maximum, length = MAX_LENGTHS[key], len(value)
            row.error(
                key,
                lambda maximum=maximum, length=length: (
                    ngettext(
                        "At most %(max)s character (this has %(length)s).",
                        "At most %(max)s characters (this has %(length)s).",
                        maximum,
                    )
                    % {"max": maximum, "length": length}
                ),
            )
        else:
            values[key] = value
    rejected = {error.column for error in row.errors}
    for key in REQUIRED_COLUMNS:
        if key not in rejected and not values.get(key):
            row.error(key, lambda: _("This column is required."))

    if email := values.get("email"):
        try:
            validate_email(email)
            row.email = User.objects.normalize_email(email)
        except ValidationError:
            row.error("email", lambda: _("“%(value)s” is not a valid e-mail address.") % {"value": email})
    if full_name := values.get("full_name"):
        row.full_name = normalize_name(full_name)
    if authority := values.get("authority"):
        lookups.authority_check(row, authority)
    if duty_post := values.get("duty_post"):
        lookups.duty_post_check(row, duty_post)
    if job_function := values.get("job_function"):
        lookups.job_function_check(row, job_function)
    row.staff_number = values.get("staff_number", "")
    if language := values.get("language"):
        if _folded(language) in LANGUAGE_ALIASES:
            row.language = LANGUAGE_ALIASES[_folded(language)]
        else:
            row.error("language", lambda: _("Unknown language “%(value)s”; use es or en.") % {"value": language})
    return row


def _duplicates_check(rows: list[_Row]) -> None:
    first_email: dict[str, int] = {}
    first_staff_number: dict[str, int] = {}
    for row in rows:
        if row.email:
            first = first_email.setdefault(row.email.lower(), row.row)
            if first != row.row:
                row.error(
                    "email", lambda first=first: _("This e-mail address is already on row %(row)s.") % {"row": first}
                )
        if row.staff_number:
            first = first_staff_number.setdefault(row.staff_number, row.row)
            if first != row.row:
                row.error(
                    "staff_number",
                    lambda first=first: _("This staff number is already on row %(row)s.") % {"row": first},
                )


# Existing people ------------------------------------------------------------------------------

_EXISTING_VALUES = (
    "id",
    "email",
    "full_name",
    "preferred_language",
    "staff_profile__country_id",
    "staff_profile__duty_post_id",
    "staff_profile__job_function",
    "staff_profile__staff_number",
)


def _chunks(values: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _existing(values: dict) -> _Existing:
    return _Existing(
        id=values["id"],
        email=values["email"],
        full_name=values["full_name"],
        language=values["preferred_language"],
        profile_country_id=values["staff_profile__country_id"],
        duty_post_id=values["staff_profile__duty_post_id"],
        job_function=values["staff_profile__job_function"] or "",
        staff_number=values["staff_profile__staff_number"] or "",
    )


def _existing_by_email(emails: list[str]) -> dict[str, _Existing]:
    found: dict[str, _Existing] = {}
    for chunk in _chunks(sorted(set(emails))):
        users = User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=chunk)
        for values in users.values("email_lower", *_EXISTING_VALUES):
            found[values["email_lower"]] = _existing(values)
    return found


def _existing_by_staff_number(authority: Authority | None, staff_numbers: list[str]) -> dict[str, _Existing]:
    found: dict[str, _Existing] = {}
    if authority is None:
        return found
    for chunk in _chunks(sorted(set(staff_numbers))):
        users = User.objects.filter(staff_profile__authority=authority, staff_profile__staff_number__in=chunk)
        for values in users.values(*_EXISTING_VALUES):
            found[values["staff_profile__staff_number"]] = _existing(values)
    return found


def _planned(row: _Row, existing: _Existing | None, matched_by_staff_number: bool) -> PlannedRow:
    if row.errors:
        return _planned_row(row, ERROR)
    if existing is None:
        return _planned_row(row, CREATE, language=row.language or Language.SPANISH)
    final = {
        "email": row.email if matched_by_staff_number else existing.email,
        "full_name": row.full_name,
        "duty_post": row.duty_post_id or existing.duty_post_id,
        "job_function": row.job_function,
        "staff_number": row.staff_number or existing.staff_number,
        "language": row.language or existing.language,
    }
    current = {
        "email": existing.email,
        "full_name": existing.full_name,
        "duty_post": existing.duty_post_id,
        "job_function": existing.job_function,
        "staff_number": existing.staff_number,
        "language": existing.language,
    }
    changes = tuple(key for key in COLUMNS if key in final and final[key] != current[key])
    return PlannedRow(
        row=row.row,
        outcome=UPDATE if changes else UNCHANGED,
        email=final["email"],
        full_name=final["full_name"],
        authority_id=row.authority_id,
        duty_post_id=final["duty_post"],
        job_function=final["job_function"],
        staff_number=final["staff_number"],
        language=final["language"],
        user_id=existing.id,
        changes=changes,
    )


def _planned_row(row: _Row, outcome: str, language: str | None = None) -> PlannedRow:
    return PlannedRow(
        row=row.row,
        outcome=outcome,
        email=row.email,
        full_name=row.full_name,
        authority_id=row.authority_id,
        duty_post_id=row.duty_post_id,
        job_function=row.job_function,
        staff_number=row.staff_number,
        language=language if language is not None else row.language,
    )


def _match(rows: list[_Row], lookups: _Lookups) -> list[PlannedRow]:
    by_email = _existing_by_email([row.email.lower() for row in rows if row.email])
    by_staff_number = _existing_by_staff_number(
        lookups.authority, [row.staff_number for row in rows if row.staff_number]
    )

    def elsewhere() -> str:
        return _("This person is registered with another country or organisation; ask the regional coordinator.")

    first_row_of_user: dict[int, int] = {}
    planned = []
    for row in rows:
        email_match = by_email.get(row.email.lower()) if row.email else None
        number_match = by_staff_number.get(row.staff_number) if row.staff_number else None
        existing = email_match or number_match
        column = "email" if email_match else "staff_number"
        if email_match and number_match and email_match.id != number_match.id:
            row.error(
                "staff_number",
                lambda: _("This staff number belongs to another person of this authority, not to this e-mail address."),
            )
        elif existing and existing.profile_country_id != lookups.country.pk:
            row.error("email", elsewhere)
        elif existing:
            first = first_row_of_user.setdefault(existing.id, row.row)
            if first != row.row:
                row.error(column, lambda first=first: _("This person is already on row %(row)s.") % {"row": first})
        planned.append(
            _planned(row, existing, matched_by_staff_number=email_match is None and number_match is not None)
        )
    return planned


def roster_plan(*, country: Country, name: str, data: bytes) -> RosterPlan:
    """What importing this file would do for the country's staff, with every error; writes nothing."""
    kind = roster_file_check(name, data)
    plan = RosterPlan(country_id=country.pk, kind=kind)
    try:
        table = _table(_xlsx_rows(data) if kind == "xlsx" else _csv_rows(data))
        columns = _columns(table.header, plan.notices)
        if not table.rows:
            raise _FileError(lambda: _("The file has no rows."))
    except _FileError as error:
        plan.file_errors.append(error.message)
        return plan
    plan.records = [
        Record(
            row=number,
            cells={key: cells[index] if index < len(cells) else "" for key, index in columns.items()},
            formulas=frozenset(key for key, index in columns.items() if index in formulas),
        )
        for number, cells, formulas in table.rows
    ]
    return _planned_records(country, plan)


def roster_replan(*, country: Country, plan: RosterPlan) -> RosterPlan:
    """The same file's plan against the people as they are now, from the rows kept: the file is not read again."""
    if plan.file_errors:
        return plan
    again = RosterPlan(country_id=country.pk, kind=plan.kind, notices=list(plan.notices), records=plan.records)
    return _planned_records(country, again)


def _planned_records(country: Country, plan: RosterPlan) -> RosterPlan:
    lookups = _Lookups(country)
    rows = [_row_check(record, lookups) for record in plan.records]
    _duplicates_check(rows)
    plan.rows = _match(rows, lookups)
    plan.errors = [error for row in rows for error in row.errors]
    return plan


# Accepted values ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AcceptedValues:
    """What a roster column accepts for a country, in the reader's language: each value to type, and a
    note beside it (its code, the other spellings also accepted)."""

    column: str
    values: list[tuple[str, str]]

    @property
    def label(self) -> str:
        return str(COLUMN_LABELS[self.column])


def accepted_values(*, country: Country) -> list[AcceptedValues]:
    """The authority, duty posts, job functions and languages a country's roster accepts (for the
    template's lists and the roster page); every value offered reads back as itself."""
    authorities = []
    authority = Authority.objects.filter(country=country).first()
    if authority is not None:
        name = (
            authority.name_en
            if translation.get_language() == Language.ENGLISH and authority.name_en
            else authority.name
        )
        others = ", ".join(text for text in (authority.code, authority.acronym) if text)
        authorities.append((name, others) if not name.startswith(FORMULA_PREFIXES) else (authority.code, others))
    posts = list(DutyPost.objects.filter(country=country).order_by("name", "code"))
    spellings = Counter(_folded(post.name) for post in posts)
    duty_posts = [
        # A name two posts share, or one a spreadsheet would take for a formula, is offered by its code.
        (post.name, post.code)
        if spellings[_folded(post.name)] == 1 and not post.name.startswith(FORMULA_PREFIXES)
        else (post.code, post.name)
        for post in posts
        if post.is_active
    ]
    return [
        AcceptedValues("authority", authorities),
        AcceptedValues("duty_post", duty_posts),
        AcceptedValues("job_function", [(str(label), value) for value, label in JobFunction.choices]),
        AcceptedValues("language", [(str(label), value) for value, label in Language.choices]),
    ]


# Applying -------------------------------------------------------------------------------------


def roster_apply(*, plan: RosterPlan) -> RosterApplyResult:
    """Create and update the people of a valid plan, all or nothing, in bulk."""
    if not plan.is_valid:
        raise ValueError("Only a valid roster plan can be applied.")
    creates = [row for row in plan.rows if row.outcome == CREATE]
    updates = [row for row in plan.rows if row.outcome == UPDATE]
    with transaction.atomic():
        created_ids = _people_create(plan.country_id, creates)
        _people_update(updates)
    return RosterApplyResult(
        created_user_ids=created_ids,
        updated=len(updates),
        unchanged=sum(row.outcome == UNCHANGED for row in plan.rows),
    )


def _people_create(country_id: int, rows: list[PlannedRow]) -> list[int]:
    if not rows:
        return []
    User.objects.bulk_create(
        [
            User(
                email=row.email,
                full_name=row.full_name,
                preferred_language=row.language,
                password=make_password(None),
            )
            for row in rows
        ],
        batch_size=CHUNK,
    )
    # Read the ids back rather than trusting bulk_create to have set them on every backend.
    ids: dict[str, int] = {}
    for chunk in _chunks([row.email.lower() for row in rows]):
        users = User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=chunk)
        ids.update(users.values_list("email_lower", "id"))
    StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user_id=ids[row.email.lower()],
                country_id=country_id,
                authority_id=row.authority_id,
                duty_post_id=row.duty_post_id,
                job_function=row.job_function,
                staff_number=row.staff_number,
            )
            for row in rows
        ],
        batch_size=CHUNK,
    )
    learners = group_for(Role.LEARNER)
    membership = User.groups.through
    membership.objects.bulk_create(
        [membership(user_id=ids[row.email.lower()], group_id=learners.pk) for row in rows],
        batch_size=CHUNK,
        ignore_conflicts=True,
    )
    return [ids[row.email.lower()] for row in rows]


def _people_update(rows: list[PlannedRow]) -> None:
    user_rows = [row for row in rows if set(row.changes) & USER_FIELDS.keys()]
    User.objects.bulk_update(
        [
            User(pk=row.user_id, email=row.email, full_name=row.full_name, preferred_language=row.language)
            for row in user_rows
        ],
        list(USER_FIELDS.values()),
        batch_size=CHUNK,
    )
    profile_rows = {row.user_id: row for row in rows if set(row.changes) & PROFILE_FIELDS.keys()}
    profiles = []
    for chunk in _chunks(list(profile_rows)):
        for profile in StaffProfile.objects.filter(user_id__in=chunk).only("id", "user_id"):
            row = profile_rows[profile.user_id]
            profile.duty_post_id = row.duty_post_id
            profile.job_function = row.job_function
            profile.staff_number = row.staff_number
            profiles.append(profile)
    StaffProfile.objects.bulk_update(profiles, list(PROFILE_FIELDS.values()), batch_size=CHUNK)
