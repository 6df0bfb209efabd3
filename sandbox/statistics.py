"""Monthly statistics of the mirrored platform, for a learner's view of the data.

The baseline's figures are computed once, when the baseline is generated, into one
`MonthlySummary` per month that has data (`summary_rebuild`: three GROUP BY queries over the
baseline, whatever its size). A learner's figures are that summary corrected by their own
layer (`statistics_for`): +1 for each live row of theirs in the month, -1 for each baseline
row of the month they have superseded or deleted. The summary and the correction's rows (the
learner's rows and the baseline rows with the same uids: the `changes_of` scope) come in one
query, whose cost depends on the learner's layer and never on the baseline's size.
`statistics_count` computes the same figures directly over the learner's view; the tests
prove the two equal. `statistics_coverage` says which months have figures: the baseline's
period (its `Baseline` row, not a scan of movements; the few baseline records a defect dated
outside it do not widen it) and the months of the learner's own records (their layer).

`statistics_month` is what the statistics page shows: inside the period, the learner's view;
outside it, the learner's own records alone (`statistics_own`), with the number of practice
records a defect dated there (`stray_count`) said apart, never mixed into the figures: they
are data-quality defects a learner may be asked to find, not the month's statistics.

Shape (keys are codes: ICAO state codes, crossing-point codes, choice values):

    {"month": "YYYY-MM",
     "movements": {"total": {"ENTRY": n, "EXIT": n},
                   "country" | "crossing_point" | "transport_mode" | "nationality" | "sex"
                   | "age_group": {code: {"ENTRY": n, "EXIT": n}}},
     "refusals": {"total": n, "nationality": {code: n}},
     "returns": {"total": n, "receiving_country" | "returning_country" | "mode" | "sex": {code: n},
                 "minor": {"minor": n, "adult": n}, "unaccompanied": n}}

Movements count admitted movements by the month of their local date at the crossing point
(the country is the crossing point's); refusals count refused entries; referrals count in
neither. Returns count by the month of their date. Zero entries are left out, so a corrected
summary equals a direct count; a dimension without data is an empty dict.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, QuerySet, Value
from django.db.models.functions import JSONObject, TruncMonth

from sandbox.models import (
    STAND_IN_SANDBOX_ID,
    Baseline,
    CrossingPoint,
    MonthlySummary,
    Movement,
    ReturnEvent,
    Sandbox,
    rebind,
)

MOVEMENT_DIMENSIONS: dict[str, str] = {
    "country": "crossing_point__country_id",
    "crossing_point": "crossing_point_id",
    "transport_mode": "transport_mode",
    "nationality": "nationality_id",
    "sex": "sex",
    "age_group": "age_group",
}
RETURN_DIMENSIONS: dict[str, str] = {
    "receiving_country": "receiving_country_id",
    "returning_country": "returning_country",
    "mode": "mode",
    "sex": "sex",
}
_MOVEMENT_FIELDS = ("local_date", "direction", "decision", *MOVEMENT_DIMENSIONS.values())
_RETURN_FIELDS = ("returned_on", "is_minor", "is_unaccompanied", *RETURN_DIMENSIONS.values())


def empty_statistics(month: dt.date) -> dict[str, Any]:
    return {
        "month": f"{month:%Y-%m}",
        "movements": {"total": {}, **{name: {} for name in MOVEMENT_DIMENSIONS}},
        "refusals": {"total": 0, "nationality": {}},
        "returns": {
            "total": 0,
            **{name: {} for name in RETURN_DIMENSIONS},
            "minor": {},
            "unaccompanied": 0,
        },
    }


def _first_day(value: dt.date) -> dt.date:
    return value.replace(day=1)


def _bump(table: dict[str, Any], key: str, amount: int) -> None:
    table[key] = table.get(key, 0) + amount


def _add_movement(stats: dict[str, Any], row: dict[str, Any], amount: int) -> None:
    if row["decision"] == "ADMITTED":
        movements = stats["movements"]
        direction = row["direction"]
        _bump(movements["total"], direction, amount)
        for name, field in MOVEMENT_DIMENSIONS.items():
            _bump(movements[name].setdefault(row[field], {}), direction, amount)
    elif row["decision"] == "REFUSED" and row["direction"] == "ENTRY":
        stats["refusals"]["total"] += amount
        _bump(stats["refusals"]["nationality"], row["nationality_id"], amount)


def _add_return(stats: dict[str, Any], row: dict[str, Any], amount: int) -> None:
    returns = stats["returns"]
    returns["total"] += amount
    for name, field in RETURN_DIMENSIONS.items():
        _bump(returns[name], row[field], amount)
    _bump(returns["minor"], "minor" if row["is_minor"] else "adult", amount)
    if row["is_unaccompanied"]:
        returns["unaccompanied"] += amount


def _prune(table: dict[str, Any]) -> dict[str, Any]:
    """Drop the zero entries a correction leaves, so a corrected summary equals a direct count."""
    pruned = {}
    for key, value in table.items():
        if isinstance(value, dict):
            value = _prune(value)
            if value:
                pruned[key] = value
        elif value:
            pruned[key] = value
    return pruned


def _tidy(stats: dict[str, Any]) -> dict[str, Any]:
    movements = {"total": {}, **{name: {} for name in MOVEMENT_DIMENSIONS}}
    movements.update(_prune(stats["movements"]))
    stats["movements"] = movements
    stats["refusals"]["nationality"] = _prune(stats["refusals"]["nationality"])
    returns = stats["returns"]
    for name in (*RETURN_DIMENSIONS, "minor"):
        returns[name] = _prune(returns[name])
    return stats


def _grouped(queryset: QuerySet, date_field: str, *fields: str) -> Iterable[dict[str, Any]]:
    """Counts per month and `fields`: one GROUP BY, one small result."""
    return queryset.annotate(month=TruncMonth(date_field)).values("month", *fields).annotate(n=Count("pk")).order_by()


def _count(
    movements: QuerySet[Movement], returns: QuerySet[ReturnEvent], default_months: Iterable[dt.date] = ()
) -> dict[dt.date, dict[str, Any]]:
    """Every month's figures, in three GROUP BY queries: movements by place (crossing point,
    hence its country, and mode), movements by traveller (nationality, sex, age group), and
    returns by every dimension. Each result stays small (at 1M movements, some 5k and 20k rows
    and a few hundred), where one GROUP BY over all the movements' dimensions would return
    nearly a row per movement and one per dimension would read the table six times."""
    by_month: dict[dt.date, dict[str, Any]] = {month: empty_statistics(month) for month in default_months}

    def stats_of(row: dict[str, Any]) -> dict[str, Any]:
        month = _first_day(row["month"])
        return by_month.setdefault(month, empty_statistics(month))

    country_of = dict(CrossingPoint.objects.values_list("code", "country_id"))
    for row in _grouped(movements, "local_date", "direction", "decision", "crossing_point_id", "transport_mode"):
        if row["decision"] != "ADMITTED":
            continue
        table, direction, n = stats_of(row)["movements"], row["direction"], row["n"]
        _bump(table["total"], direction, n)
        _bump(table["crossing_point"].setdefault(row["crossing_point_id"], {}), direction, n)
        _bump(table["country"].setdefault(country_of[row["crossing_point_id"]], {}), direction, n)
        _bump(table["transport_mode"].setdefault(row["transport_mode"], {}), direction, n)
    for row in _grouped(movements, "local_date", "direction", "decision", "nationality_id", "sex", "age_group"):
        stats, direction, n = stats_of(row), row["direction"], row["n"]
        if row["decision"] == "ADMITTED":
            table = stats["movements"]
            for name in ("nationality", "sex", "age_group"):
                _bump(table[name].setdefault(row[MOVEMENT_DIMENSIONS[name]], {}), direction, n)
        elif row["decision"] == "REFUSED" and direction == "ENTRY":
            stats["refusals"]["total"] += n
            _bump(stats["refusals"]["nationality"], row["nationality_id"], n)
    for row in _grouped(returns, "returned_on", "is_minor", "is_unaccompanied", *RETURN_DIMENSIONS.values()):
        table, n = stats_of(row)["returns"], row["n"]
        table["total"] += n
        for name, field in RETURN_DIMENSIONS.items():
            _bump(table[name], row[field], n)
        _bump(table["minor"], "minor" if row["is_minor"] else "adult", n)
        if row["is_unaccompanied"]:
            table["unaccompanied"] += n
    return {month: _tidy(stats) for month, stats in by_month.items()}


@transaction.atomic
def summary_rebuild() -> int:
    """Recompute every month's summary from the baseline alone. Returns the months written."""
    by_month = _count(Movement.objects.baseline(), ReturnEvent.objects.baseline())
    MonthlySummary.objects.all().delete()
    MonthlySummary.objects.bulk_create(
        [MonthlySummary(month=month, data=stats) for month, stats in sorted(by_month.items())]
    )
    return len(by_month)


def _month_range(month: dt.date) -> tuple[dt.date, dt.date]:
    start = _first_day(month)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following


def _changes(model: type[Movement | ReturnEvent], sandbox: Sandbox, fields: tuple[str, ...]) -> QuerySet:
    """The learner's live rows and the baseline rows they shadow, as (kind, JSON object of
    `fields` and `layer`: the sandbox id, or null for a baseline row). Every month's: a filter
    on the date would make the planner read the date index's whole month, where these rows
    are found by the layer's index alone."""
    return (
        model.objects.changes_of(sandbox)
        .filter(is_deleted=False)
        .order_by()
        .values(kind=Value(model._meta.model_name), row=JSONObject(layer="sandbox_id", **{f: f for f in fields}))
    )


def _summary(month: dt.date) -> QuerySet:
    return MonthlySummary.objects.filter(month=month).order_by().values(kind=Value("summary"), row=F("data"))


# The correction query is compiled once per process for the stand-in sandbox and a stand-in
# month, then run with the learner's in their places: building and compiling the ORM query
# costs more than the database takes to answer it.
_STAND_IN_MONTH = dt.date(1901, 1, 1)
_DATE_FIELDS = {"movement": "local_date", "returnevent": "returned_on"}


@functools.cache
def _correction_statement() -> tuple[str, tuple[Any, ...]]:
    stand_in = Sandbox(pk=STAND_IN_SANDBOX_ID)
    query = _summary(_STAND_IN_MONTH).union(
        _changes(Movement, stand_in, _MOVEMENT_FIELDS), _changes(ReturnEvent, stand_in, _RETURN_FIELDS), all=True
    )
    sql, params = query.query.sql_with_params()
    # A backend may hand the month over as a date or as its ISO text (SQLite).
    if not {_STAND_IN_MONTH, _STAND_IN_MONTH.isoformat()} & set(params) or STAND_IN_SANDBOX_ID not in params:
        raise RuntimeError(f"The statistics query does not take the month and the sandbox as parameters: {params}")
    return sql, params


def _correction_rows(sandbox: Sandbox, month: dt.date) -> list[tuple[str, Any]]:
    """The month's summary and the learner's changes that fall in the month."""
    sql, params = _correction_statement()
    real = {STAND_IN_SANDBOX_ID: sandbox.pk, _STAND_IN_MONTH: month, _STAND_IN_MONTH.isoformat(): month.isoformat()}
    with connection.cursor() as cursor:
        cursor.execute(sql, rebind(params, real))
        rows = cursor.fetchall()
    # Dates arrive as ISO text inside the JSON objects, which order as the dates do.
    first, following = (day.isoformat() for day in _month_range(month))
    kept = []
    for kind, row in rows:
        value = json.loads(row) if isinstance(row, str | bytes) else row
        if kind == "summary" or first <= str(value[_DATE_FIELDS[kind]])[:10] < following:
            kept.append((kind, value))
    return kept


def statistics_for(*, sandbox: Sandbox | None, month: dt.date) -> dict[str, Any]:
    """The learner's figures for the month: the baseline's summary corrected by their layer.

    One query: the month's summary, and for movements and returns the learner's live rows of
    the month (+1 each) and the baseline rows of the month they supersede or delete (-1 each).
    Its cost depends on the learner's layer, never on the baseline's size.
    """
    start = _first_day(month)
    if sandbox is None:
        rows = [(item["kind"], item["row"]) for item in _summary(start)]
    else:
        rows = _correction_rows(sandbox, start)
    stats = next((row for kind, row in rows if kind == "summary"), None) or empty_statistics(start)
    add = {"movement": _add_movement, "returnevent": _add_return}
    for kind, row in rows:
        if kind != "summary":
            add[kind](stats, row, -1 if row["layer"] is None else +1)
    return _tidy(stats)


def statistics_count(*, sandbox: Sandbox | None, month: dt.date) -> dict[str, Any]:
    """The same figures counted directly over the learner's view: the reference for tests."""
    first, following = _month_range(month)
    counted = _count(
        Movement.objects.visible_across(sandbox).filter(local_date__gte=first, local_date__lt=following),
        ReturnEvent.objects.visible_across(sandbox).filter(returned_on__gte=first, returned_on__lt=following),
        default_months=[first],
    )
    return counted[first]


def _own_months(sandbox: Sandbox) -> set[dt.date]:
    """Months of the learner's own live movements and returns (their layer alone)."""
    months: set[dt.date] = set()
    for model, date_field in ((Movement, "local_date"), (ReturnEvent, "returned_on")):
        own = model.objects.layer_of(sandbox).filter(is_deleted=False).annotate(month=TruncMonth(date_field))
        months |= {_first_day(month) for month in own.values_list("month", flat=True).distinct()}
    return months


def months_available(*, sandbox: Sandbox | None = None) -> list[dt.date]:
    """Months with figures, most recent first: the baseline's, and those of the learner's own records."""
    months = set(MonthlySummary.objects.values_list("month", flat=True))
    if sandbox is not None:
        months |= _own_months(sandbox)
    return sorted(months, reverse=True)


def _months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


@dataclass(frozen=True)
class Coverage:
    """Which months have figures for a learner: the months the practice data was generated for
    (`first` to `last`, None when there is no baseline) and the months of the learner's own
    movements and returns (`own`). A few baseline records fall outside the period (data-quality
    defects with mistyped dates): their months are not covered."""

    first: dt.date | None
    last: dt.date | None
    own: frozenset[dt.date]

    @property
    def own_outside(self) -> list[dt.date]:
        """The learner's own months outside the practice data's period, most recent first."""
        return sorted((month for month in self.own if not self.in_period(month)), reverse=True)

    def in_period(self, month: dt.date) -> bool:
        """Whether the month is in the practice data's period (`month` is its first day)."""
        return self.first is not None and self.last is not None and self.first <= month <= self.last

    def covers(self, month: dt.date) -> bool:
        return self.in_period(month) or month in self.own

    def months(self) -> list[dt.date]:
        """Every covered month, most recent first."""
        period = _months_between(self.first, self.last) if self.first and self.last else []
        return sorted({*period, *self.own}, reverse=True)

    def latest(self) -> dt.date | None:
        """The most recent covered month: where the statistics open."""
        return max(self.months(), default=None)


def statistics_coverage(*, sandbox: Sandbox | None) -> Coverage:
    """The months covered for the learner: the baseline's period (one row, `Baseline`) and the
    months of their own records (their layer). Never a scan of the baseline's movements."""
    period = Baseline.objects.filter(pk=1).values_list("period_start", "period_end").first()
    first, last = (_first_day(period[0]), _first_day(period[1])) if period else (None, None)
    return Coverage(first=first, last=last, own=frozenset(_own_months(sandbox) if sandbox is not None else ()))


def statistics_own(*, sandbox: Sandbox | None, month: dt.date) -> dict[str, Any]:
    """The figures of the learner's own live movements and returns dated in the month: their
    layer alone (new records and edited copies), never the baseline."""
    first, following = _month_range(month)
    if sandbox is None:
        return empty_statistics(first)
    live = {"is_deleted": False}
    counted = _count(
        Movement.objects.layer_of(sandbox).filter(**live, local_date__gte=first, local_date__lt=following),
        ReturnEvent.objects.layer_of(sandbox).filter(**live, returned_on__gte=first, returned_on__lt=following),
        default_months=[first],
    )
    return counted[first]


def stray_count(*, sandbox: Sandbox | None, month: dt.date) -> int:
    """How many practice records (baseline movements and returns) in the learner's view are dated
    in the month: outside the period, a few data-quality defects. Read through the date indexes:
    a month outside the period holds only those few."""
    first, following = _month_range(month)
    return sum(
        model.objects.visible_across(sandbox)
        .filter(sandbox__isnull=True, **{f"{field}__gte": first, f"{field}__lt": following})
        .count()
        for model, field in ((Movement, "local_date"), (ReturnEvent, "returned_on"))
    )


@dataclass(frozen=True)
class MonthFigures:
    """What the statistics page shows for a month. Inside the practice data's period: the
    learner's view (`own_only` False). Outside it: the learner's own records alone, and apart
    from them `stray`, the number of practice records dated in the month by a defect."""

    data: dict[str, Any]
    own_only: bool
    stray: int = 0


def statistics_month(*, sandbox: Sandbox | None, month: dt.date, coverage: Coverage) -> MonthFigures:
    """A month's figures for the statistics page (see `MonthFigures`)."""
    if coverage.in_period(_first_day(month)):
        return MonthFigures(data=statistics_for(sandbox=sandbox, month=month), own_only=False)
    return MonthFigures(
        data=statistics_own(sandbox=sandbox, month=month),
        own_only=True,
        stray=stray_count(sandbox=sandbox, month=month),
    )
