"""Admitted entries and exits per local day at one crossing point in one month, for a learner's
view of the data: the statistics screen's daily view and exercise #16 (peak planning) read the
same figures, so what a learner reads on the screen is what the check counts.

`movements_per_day` is one GROUP BY (local date, direction) over `Movement.objects.visible_to`
the learner's sandbox, filtered by the crossing point, the month's local dates (the post's own
dates, `Movement.local_date`, which has an index) and the decision ADMITTED: the practice data
the learner kept and their own live rows, their registrations included; a record they deleted
or moved to another post or day counts where it now is, or nowhere. Its cost grows with the
month's rows, never with the whole baseline's. `own_only` counts the learner's own live rows
alone (a month outside the practice data's period, as the monthly statistics do).

Every day of the month has its figures, days without movements at zero; the daily average is
the month's total divided by its number of days (calendar days: a post is open every day).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from sandbox.models import Decision, Direction, Movement, Sandbox


@dataclass(frozen=True)
class DayFigures:
    day: dt.date
    entries: int = 0
    exits: int = 0

    def count(self, direction: str) -> int:
        return self.entries if direction == Direction.ENTRY else self.exits


@dataclass(frozen=True)
class DailyFigures:
    """One crossing point's month, day by day (every day of the month, in order)."""

    crossing_point: str
    month: dt.date
    days: tuple[DayFigures, ...]

    def total(self, direction: str) -> int:
        return sum(day.count(direction) for day in self.days)

    def average(self, direction: str) -> float:
        """The month's total divided by its number of days."""
        return self.total(direction) / len(self.days)

    def peak(self, direction: str) -> int:
        """The largest daily figure (0 for a month without any)."""
        return max(day.count(direction) for day in self.days)

    def peak_days(self, direction: str) -> list[dt.date]:
        """The days with the largest figure, in order (several when they tie; none when it is 0)."""
        peak = self.peak(direction)
        return [day.day for day in self.days if peak and day.count(direction) == peak]

    def count_on(self, day: dt.date, direction: str) -> int | None:
        """The figure of one day, or None for a day outside the month."""
        if (day.year, day.month) != (self.month.year, self.month.month):
            return None
        return self.days[day.day - 1].count(direction)

    @property
    def is_empty(self) -> bool:
        return not any(day.entries or day.exits for day in self.days)


def month_days(month: dt.date) -> list[dt.date]:
    """Every day of the month of `month`."""
    last = calendar.monthrange(month.year, month.month)[1]
    return [dt.date(month.year, month.month, day) for day in range(1, last + 1)]


def movements_per_day(
    *, sandbox: Sandbox | None, crossing_point: str, month: dt.date, own_only: bool = False
) -> DailyFigures:
    """Admitted entries and exits per local day at the crossing point in the month of `month`,
    in the learner's view (`own_only`: their own live rows alone). One query."""
    days = month_days(month)
    counts: dict[tuple[dt.date, str], int] = {}
    if own_only:
        movements = Movement.objects.layer_of(sandbox).filter(is_deleted=False) if sandbox is not None else None
    else:
        movements = Movement.objects.visible_across(sandbox)
    if movements is not None:
        rows = (
            movements.filter(
                crossing_point_id=crossing_point,
                local_date__gte=days[0],
                local_date__lte=days[-1],
                decision=Decision.ADMITTED,
            )
            .values("local_date", "direction")
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts = {(row["local_date"], row["direction"]): row["n"] for row in rows}
    return DailyFigures(
        crossing_point=crossing_point,
        month=days[0],
        days=tuple(
            DayFigures(
                day=day,
                entries=counts.get((day, Direction.ENTRY), 0),
                exits=counts.get((day, Direction.EXIT), 0),
            )
            for day in days
        ),
    )
