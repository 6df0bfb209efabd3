"""Reads of the audit log for the audit viewer (`sandbox.views.audit`): the country's events
with the reviewer's filters, newest first, one page at a time, and the same list for an export.

Invariants:
- every read is `AuditEvent.objects.visible_to(sandbox)` narrowed to the events the viewer's
  country holds (the baseline's generated log of that country and the learner's own events);
  a sandbox bound to no country (IOM staff) reads the region's;
- pages are keyset pages on (occurred_at, uid), read through the (held_by, occurred_at) index:
  a page costs the same whatever the size of the log, and no page counts the whole list;
- the hidden `anomaly` truth never leaves this module: rows are read as the values of
  `ROW_FIELDS`, which leave it out, and handed on as `AuditRow`, which has no such field;
- query parameters that identify a traveller (names, dates of birth, document and ID numbers)
  are shown only as a keyed hash (DOMAIN.md 4.2): equal values have equal hashes, which is
  what a reviewer needs to see repeated lookups, and the value cannot be read back.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Func, Q, QuerySet, Value
from django.db.models.functions import ExtractHour, Replace, Upper
from django.utils.crypto import salted_hmac

from sandbox.models import AuditEvent, Sandbox
from sandbox.models.choices import AuditAction
from sandbox.mrz import transliterate

AUDIT_PAGE_SIZE = 50
# The hours of the working day, local time: from 07:00 to 19:00. Events outside them are what
# the "outside working hours" filter shows.
WORKING_HOURS = (7, 19)
# A parameter whose name matches this identifies a traveller: shown hashed, never as typed.
SENSITIVE_PARAMETER = re.compile(r"name|birth|document|national_id|passport|mrz|number", re.IGNORECASE)
PARAMETER_TEXT_MAX = 60
UNACCENTED = {
    **dict(zip("\u00e1\u00e0\u00e9\u00e8\u00ed\u00f3\u00f2\u00fa\u00fc", "aaeeioouu", strict=True)),
    **dict(zip("\u00c1\u00c0\u00c9\u00c8\u00cd\u00d3\u00d2\u00da\u00dc\u00d1", "AAEEIOOUUN", strict=True)),
}
# The columns a row is read with: everything an AuditRow shows, never the anomaly.
ROW_FIELDS = (
    "uid",
    "occurred_at",
    "actor__full_name",
    "actor__email",
    "actor_label",
    "action",
    "object_type",
    "object_uid",
    "purpose_code",
    "case_reference",
    "result_count",
    "parameters",
)


@dataclass(frozen=True)
class AuditFilters:
    """What the reviewer narrows the log to; empty values narrow nothing."""

    user: str = ""
    action: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    hour_from: int | None = None
    hour_to: int | None = None
    outside_working_hours: bool = False
    purpose: str = ""
    without_case_reference: bool = False
    object_type: str = ""
    min_results: int | None = None


@dataclass(frozen=True)
class AuditRow:
    """One event as the viewer and the export show it (no hidden truth)."""

    uid: int
    occurred_at: dt.datetime
    local_time: dt.datetime
    user: str
    action: str
    object_type: str
    object_uid: int | None
    purpose_code: str
    case_reference: str
    result_count: int | None
    parameters: str


@dataclass(frozen=True)
class AuditPage:
    """A page of the log: its rows and, if there are older events, the cursor of the next page."""

    rows: list[AuditRow]
    next_cursor: str
    is_first: bool


def audit_time_zone(sandbox: Sandbox | None) -> zoneinfo.ZoneInfo:
    """The zone the log is read in: the viewer's country's (UTC for the region)."""
    name = sandbox.country.time_zone if sandbox is not None and sandbox.country_id else ""
    return zoneinfo.ZoneInfo(name or "UTC")


def _folded(text: str) -> str:
    """Upper-case ASCII, accents dropped, for a user filter typed with or without accents."""
    return transliterate(text).replace("<", " ").strip()


def _unaccented(field: str) -> Func:
    """The column in upper case without the accents of Spanish names (SQLite's upper() knows
    ASCII only, so each accented letter is replaced in both cases before it)."""
    expression: Func = Replace(F(field), Value("\u00f1"), Value("n"))
    for accented, plain in UNACCENTED.items():
        expression = Replace(expression, Value(accented), Value(plain))
    return Upper(expression)


def _hours(first: int, last: int) -> list[int]:
    """The local hours from `first` to `last` inclusive, across midnight when `last` < `first`."""
    return list(range(first, last + 1)) if first <= last else [*range(first, 24), *range(last + 1)]


def audit_events(*, sandbox: Sandbox | None, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """The country's events that pass the filters, newest first (not evaluated)."""
    zone = audit_time_zone(sandbox)
    events = AuditEvent.objects.visible_to(sandbox)
    if sandbox is not None and sandbox.country_id:
        # The country's log: its own events, through the (held_by, occurred_at) index.
        events = events.filter(held_by_id=sandbox.country_id)
    if filters.user:
        typed, folded = filters.user.strip(), _folded(filters.user)
        matches = Q(actor_label__icontains=typed) | Q(actor__full_name__icontains=typed)
        if folded:
            events = events.annotate(
                label_folded=_unaccented("actor_label"), name_folded=_unaccented("actor__full_name")
            )
            matches |= Q(label_folded__contains=folded) | Q(name_folded__contains=folded)
        events = events.filter(matches)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.date_from:
        events = events.filter(occurred_at__gte=dt.datetime.combine(filters.date_from, dt.time(), zone))
    if filters.date_to:
        end = dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time(), zone)
        events = events.filter(occurred_at__lt=end)
    hours: set[int] = set()
    if filters.hour_from is not None or filters.hour_to is not None:
        first = filters.hour_from if filters.hour_from is not None else 0
        last = filters.hour_to if filters.hour_to is not None else 23
        hours = set(_hours(first, last))
    if filters.outside_working_hours:
        outside = set(_hours(WORKING_HOURS[1], WORKING_HOURS[0] - 1))
        hours = hours & outside if hours else outside
    if filters.hour_from is not None or filters.hour_to is not None or filters.outside_working_hours:
        events = events.annotate(local_hour=ExtractHour("occurred_at", tzinfo=zone)).filter(
            local_hour__in=sorted(hours)
        )
    if filters.purpose:
        events = events.filter(purpose_code=filters.purpose)
    if filters.without_case_reference:
        events = events.filter(case_reference="")
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.min_results is not None:
        events = events.filter(result_count__gte=filters.min_results)
    return events.order_by("-occurred_at", "-uid")


def _cursor_parse(cursor: str) -> tuple[dt.datetime, int] | None:
    """`<microseconds since the epoch>.<uid>` of the last row of the previous page, or None."""
    try:
        moment, uid = cursor.split(".")
        return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=int(moment)), int(uid)
    except (ValueError, OverflowError):
        return None


def _cursor(row: AuditRow) -> str:
    delta = row.occurred_at - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return f"{delta // dt.timedelta(microseconds=1)}.{row.uid}"


def parameters_summary(parameters: Any) -> str:
    """The query's parameters in a line, each value that identifies a traveller as a keyed hash."""
    if not isinstance(parameters, dict):
        return ""
    parts = []
    for key in sorted(parameters):
        value = parameters[key]
        if value in ("", None, [], {}):
            continue
        if SENSITIVE_PARAMETER.search(str(key)):
            digest = salted_hmac("sandbox.audit.parameter", str(value)).hexdigest()[:10]
            parts.append(f"{key}: #{digest}")
            continue
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        if len(text) > PARAMETER_TEXT_MAX:
            text = text[: PARAMETER_TEXT_MAX - 1] + "…"
        parts.append(f"{key}: {text}")
    return "; ".join(parts)


def _row(values: dict[str, Any], zone: zoneinfo.ZoneInfo) -> AuditRow:
    user = values["actor_label"] or values["actor__full_name"] or values["actor__email"] or ""
    return AuditRow(
        uid=values["uid"],
        occurred_at=values["occurred_at"],
        local_time=values["occurred_at"].astimezone(zone),
        user=user,
        action=values["action"],
        object_type=values["object_type"],
        object_uid=values["object_uid"],
        purpose_code=values["purpose_code"],
        case_reference=values["case_reference"],
        result_count=values["result_count"],
        parameters=parameters_summary(values["parameters"]),
    )


def audit_page(
    *, sandbox: Sandbox | None, filters: AuditFilters, cursor: str = "", size: int = AUDIT_PAGE_SIZE
) -> AuditPage:
    """One page of `audit_events`: the newest, or those older than the cursor's row. One query."""
    zone = audit_time_zone(sandbox)
    events = audit_events(sandbox=sandbox, filters=filters)
    after = _cursor_parse(cursor) if cursor else None
    if after is not None:
        moment, uid = after
        events = events.filter(Q(occurred_at__lt=moment) | Q(occurred_at=moment, uid__lt=uid))
    values = list(events.values(*ROW_FIELDS)[: size + 1])
    rows = [_row(value, zone) for value in values[:size]]
    return AuditPage(rows=rows, next_cursor=_cursor(rows[-1]) if len(values) > size else "", is_first=after is None)


def audit_rows(*, sandbox: Sandbox | None, filters: AuditFilters) -> Iterator[AuditRow]:
    """Every event of `audit_events`, for an export: read in chunks, never all at once."""
    zone = audit_time_zone(sandbox)
    for values in audit_events(sandbox=sandbox, filters=filters).values(*ROW_FIELDS).iterator(chunk_size=2000):
        yield _row(values, zone)


def audit_flags(*, sandbox: Sandbox | None, actor: Any, uids: Iterable[int] | None = None) -> dict[int, str]:
    """The events the reviewer `actor` has flagged for review, with each flag's note: of the
    reviewer's flag events (`services_audit.audit_flag`: UPDATE of an "audit_event"), the latest
    per flagged event wins. `uids` narrows the reading to those events (a page's)."""
    if sandbox is None or actor is None:
        return {}
    changes = AuditEvent.objects.visible_to(sandbox).filter(
        actor_id=actor.pk, action=AuditAction.UPDATE, object_type="audit_event"
    )
    if uids is not None:
        changes = changes.filter(object_uid__in=list(uids))
    flags: dict[int, str] = {}
    for uid, parameters in changes.order_by("occurred_at", "uid").values_list("object_uid", "parameters"):
        parameters = parameters if isinstance(parameters, dict) else {}
        if parameters.get("flag"):
            flags[uid] = str(parameters.get("note") or "")
        else:
            flags.pop(uid, None)
    return flags
