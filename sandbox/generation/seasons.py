"""Seasonality of the baseline: how likely each day and hour of the period is, per country and mode.

Job: turn DOMAIN.md 2.6/5b into day weights (monthly index, weekdays, Holy Week from
`dateutil.easter`, national holidays from the `holidays` package, Guatemala's Christmas peak,
Panama's Carnival) and hour-of-day distributions (air flight banks, land posts 06-22 peaking
07-11, 24-hour posts, sea), and sample from them with numpy.

Invariants: day indices count from the period's first day (0 .. days-1); every weight vector
is positive and sums to 1; the same period gives the same weights (no dependence on today).
"""

from __future__ import annotations

import datetime as dt
import functools

import holidays
import numpy as np
from dateutil.easter import easter

from sandbox.generation.calibration import (
    AIR_HOURS,
    GT_CHRISTMAS,
    HOLY_WEEK_LAND,
    LAND_HOURS,
    LAND_HOURS_24H,
    LAND_MONTH_AMPLITUDE,
    MONTH_INDEX,
    NATIONAL_HOLIDAY,
    PANAMA_CARNIVAL,
    SEA_HOURS,
    WEEKDAY_AIR,
    WEEKDAY_LAND,
)

ISO2 = {"GTM": "GT", "SLV": "SV", "HND": "HN", "NIC": "NI", "CRI": "CR", "PAN": "PA", "BLZ": "BZ", "DOM": "DO"}
HOUR_KINDS = ("AIR", "LAND", "LAND_24H", "SEA")


class Calendar:
    """The days of the period with their month, weekday and the dates that move traffic."""

    def __init__(self, start: dt.date, days: int) -> None:
        self.start = start
        self.days = days
        self.dates = np.datetime64(start, "D") + np.arange(days)
        self.month = (self.dates.astype("datetime64[M]").astype(np.int64) % 12) + 1
        self.weekday = (self.dates.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
        years = range(start.year, (start + dt.timedelta(days=days)).year + 1)
        self.years = list(years)

    def index_of(self, day: dt.date) -> int:
        return (day - self.start).days

    def window(self, first: dt.date, last: dt.date) -> np.ndarray:
        """Day indices of the inclusive window that fall inside the period."""
        lo, hi = max(self.index_of(first), 0), min(self.index_of(last), self.days - 1)
        return np.arange(lo, hi + 1) if lo <= hi else np.arange(0)

    def holy_weeks(self) -> np.ndarray:
        """Wednesday of Holy Week to Easter Sunday, every year of the period."""
        return np.concatenate(
            [self.window(easter(year) - dt.timedelta(days=4), easter(year)) for year in self.years]
        ).astype(np.int64)

    def carnivals(self) -> np.ndarray:
        """The four days before Ash Wednesday (Saturday to Tuesday)."""
        return np.concatenate(
            [
                self.window(easter(year) - dt.timedelta(days=50), easter(year) - dt.timedelta(days=47))
                for year in self.years
            ]
        ).astype(np.int64)

    def every_year(self, first: tuple[int, int], last: tuple[int, int]) -> np.ndarray:
        """The window (month, day)-(month, day) in every year of the period."""
        return np.concatenate([self.window(dt.date(year, *first), dt.date(year, *last)) for year in self.years]).astype(
            np.int64
        )

    @functools.cached_property
    def _holiday_sets(self) -> dict[str, set[dt.date]]:
        return {code: set(holidays.country_holidays(iso2, years=self.years).keys()) for code, iso2 in ISO2.items()}

    def public_holidays(self, country: str) -> np.ndarray:
        days = [self.index_of(day) for day in self._holiday_sets[country]]
        return np.array(sorted(d for d in days if 0 <= d < self.days), dtype=np.int64)


def day_weights(calendar: Calendar, *, country: str, mode: str) -> np.ndarray:
    """Relative traffic of each day at a country's posts of one mode, normalised to sum 1."""
    index = np.array(MONTH_INDEX)[calendar.month - 1]
    if mode == "LAND":
        index = 1 + LAND_MONTH_AMPLITUDE * (index - 1)
        weights = index * np.array(WEEKDAY_LAND)[calendar.weekday]
        weights[calendar.holy_weeks()] *= HOLY_WEEK_LAND
    else:
        weights = index * np.array(WEEKDAY_AIR)[calendar.weekday]
    weights[calendar.public_holidays(country)] *= NATIONAL_HOLIDAY
    if country == "GTM" and mode != "SEA":
        first, last, factor = GT_CHRISTMAS
        weights[calendar.every_year(first, last)] *= factor
    if country == "PAN":
        weights[calendar.carnivals()] *= PANAMA_CARNIVAL
    return weights / weights.sum()


def days_sample(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    """Day indices drawn from a weight vector (inverse of its cumulative distribution)."""
    cdf = np.cumsum(weights)
    cdf /= cdf[-1]
    return np.minimum(np.searchsorted(cdf, rng.random(size), side="right"), len(weights) - 1)


@functools.lru_cache(maxsize=1)
def _hour_cdfs() -> np.ndarray:
    table = np.array([AIR_HOURS, LAND_HOURS, LAND_HOURS_24H, SEA_HOURS], dtype=np.float64)
    cdf = np.cumsum(table, axis=1)
    return cdf / cdf[:, -1:]


def seconds_sample(rng: np.random.Generator, hour_kind: np.ndarray) -> np.ndarray:
    """Seconds after local midnight, by hour kind (index into HOUR_KINDS)."""
    cdfs = _hour_cdfs()
    u = rng.random(len(hour_kind))
    hours = np.empty(len(hour_kind), dtype=np.int64)
    for kind in range(len(HOUR_KINDS)):
        mask = hour_kind == kind
        hours[mask] = np.searchsorted(cdfs[kind], u[mask], side="right")
    hours = np.minimum(hours, 23)
    return hours * 3600 + rng.integers(0, 3600, len(hour_kind))
