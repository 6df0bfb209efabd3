"""Planning a roster import: the rows checked, then matched with the people as they are (by e-mail
without regard to case, else by the authority's staff number; a person of another country or IOM is
never changed, nor revealed). Writes nothing; queries are bounded by the rows divided by `CHUNK`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from people.models import Authority, Language, User
from tracking.roster.checking import CheckedRow, Lookups, duplicates_check, row_check
from tracking.roster.plans import COLUMNS, CREATE, ERROR, UNCHANGED, UPDATE, PlannedRow, RosterPlan, chunks
from tracking.roster.reading import FileError, file_records, roster_file_check

if TYPE_CHECKING:
    from people.models import Country


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
    for chunk in chunks(sorted(set(emails))):
        users = User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=chunk)
        for values in users.values("email_lower", *_EXISTING_VALUES):
            found[values["email_lower"]] = _existing(values)
    return found


def _existing_by_staff_number(authority: Authority | None, staff_numbers: list[str]) -> dict[str, _Existing]:
    found: dict[str, _Existing] = {}
    if authority is None:
        return found
    for chunk in chunks(sorted(set(staff_numbers))):
        users = User.objects.filter(staff_profile__authority=authority, staff_profile__staff_number__in=chunk)
        for values in users.values(*_EXISTING_VALUES):
            found[values["staff_profile__staff_number"]] = _existing(values)
    return found


def _planned(row: CheckedRow, existing: _Existing | None, matched_by_staff_number: bool) -> PlannedRow:
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


def _planned_row(row: CheckedRow, outcome: str, language: str | None = None) -> PlannedRow:
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


def _match(rows: list[CheckedRow], lookups: Lookups) -> list[PlannedRow]:
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
        plan.records = file_records(kind, data, plan.notices)
    except FileError as error:
        plan.file_errors.append(error.message)
        return plan
    return _planned_records(country, plan)


def roster_replan(*, country: Country, plan: RosterPlan) -> RosterPlan:
    """The same file's plan against the people as they are now, from the rows kept: the file is not read again."""
    if plan.file_errors:
        return plan
    again = RosterPlan(country_id=country.pk, kind=plan.kind, notices=list(plan.notices), records=plan.records)
    return _planned_records(country, again)


def _planned_records(country: Country, plan: RosterPlan) -> RosterPlan:
    lookups = Lookups(country)
    rows = [row_check(record, lookups) for record in plan.records]
    duplicates_check(rows)
    plan.rows = _match(rows, lookups)
    plan.errors = [error for row in rows for error in row.errors]
    return plan
