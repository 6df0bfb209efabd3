"""Checking a roster's rows against the country's reference data (authority, duty posts, job
functions, languages) and the rules of a cell (no formulas, no invisible or control characters,
lengths); and what each column accepts, for the template and the roster page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from foundation.spreadsheets import FORMULA_PREFIXES
from people.models import Authority, DutyPost, JobFunction, Language, User
from people.names import describe_characters, name_invisible_characters, normalize_name, validate_name_characters
from tracking.roster.plans import COLUMN_LABELS, REQUIRED_COLUMNS, Message, Record, RowError, folded, folded_key

if TYPE_CHECKING:
    from people.models import Country

MAX_LENGTHS = {"email": 254, "full_name": 200, "staff_number": 40}
LANGUAGE_ALIASES = {
    "es": Language.SPANISH,
    "espanol": Language.SPANISH,
    "spanish": Language.SPANISH,
    "en": Language.ENGLISH,
    "ingles": Language.ENGLISH,
    "english": Language.ENGLISH,
}


@dataclass
class CheckedRow:
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


class Lookups:
    """The authorities, duty posts and job functions a roster names, each read once."""

    def __init__(self, country: Country) -> None:
        self.country = country
        self.authorities = list(Authority.objects.only("id", "country", "code", "name", "name_en", "acronym"))
        self.authority = next((a for a in self.authorities if a.country_id == country.pk), None)
        self.posts = list(DutyPost.objects.only("id", "country", "code", "name", "is_active"))
        self.job_functions: dict[str, str] = {}
        for choice in JobFunction:
            self.job_functions[folded_key(choice.value)] = choice.value
            for language in (Language.ENGLISH, Language.SPANISH):
                with translation.override(language):
                    self.job_functions[folded_key(str(choice.label))] = choice.value

    def another_country(self, value: str) -> str:
        return _("“%(value)s” is the authority of another country; this roster is for %(country)s.") % {
            "value": value,
            "country": self.country.name,
        }

    def authority_check(self, row: CheckedRow, value: str) -> None:
        wanted = folded(value)
        matches = [
            a
            for a in self.authorities
            if wanted in {folded(text) for text in (a.code, a.acronym, a.name, a.name_en) if text}
        ]
        if self.authority is not None and self.authority in matches:
            row.authority_id = self.authority.pk
        elif matches:
            row.error("authority", lambda: self.another_country(value))
        else:
            row.error("authority", lambda: _("Unknown authority “%(value)s”.") % {"value": value})

    def duty_post_check(self, row: CheckedRow, value: str) -> None:
        code, name = value.casefold(), folded(value)
        matches = [p for p in self.posts if p.code.casefold() == code] or [
            p for p in self.posts if folded(p.name) == name
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

    def job_function_check(self, row: CheckedRow, value: str) -> None:
        job_function = self.job_functions.get(folded_key(value))
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


def _invisible_characters_error(row: CheckedRow, key: str, value: str, characters: list[str]) -> None:
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


def row_check(record: Record, lookups: Lookups) -> CheckedRow:
    row = CheckedRow(row=record.row)
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
        if folded(language) in LANGUAGE_ALIASES:
            row.language = LANGUAGE_ALIASES[folded(language)]
        else:
            row.error("language", lambda: _("Unknown language “%(value)s”; use es or en.") % {"value": language})
    return row


def duplicates_check(rows: list[CheckedRow]) -> None:
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
    spellings = Counter(folded(post.name) for post in posts)
    duty_posts = [
        # A name two posts share, or one a spreadsheet would take for a formula, is offered by its code.
        (post.name, post.code)
        if spellings[folded(post.name)] == 1 and not post.name.startswith(FORMULA_PREFIXES)
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
