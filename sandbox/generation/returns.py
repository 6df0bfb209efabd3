"""Returns of nationals to Guatemala, Honduras and El Salvador (DOMAIN.md 2.4 and 5b).

Job: draw about 2% of the scale as ReturnEvent rows with their returnees: receiving country
by the 2024 mix, returning country USA/Mexico/other, mode (from the USA always by air; from
Mexico mostly by land), reception point, date (June peak, December dip; charters on
weekdays), sex (adults about 75% men), minors (13-18%) and unaccompanied minors, department
of origin (ISO 3166-2), and an emergency travel document for some.

Invariants: reception points exist among the crossing points of the receiving country and
match the mode; only minors are unaccompanied; origin codes are ISO 3166-2 subdivisions of
the receiving country (pycountry).
"""

from __future__ import annotations

import functools

import numpy as np
import pycountry

from sandbox.generation.calibration import (
    RETURN_ADULT_MALE,
    RETURN_AIR_POINTS,
    RETURN_FROM,
    RETURN_FROM_MEXICO_BY_LAND,
    RETURN_LAND_POINTS,
    RETURN_MINOR_MALE,
    RETURN_MINORS,
    RETURN_MONTH_FACTOR,
    RETURN_ORIGIN_WEIGHTS,
    RETURN_RECEIVING,
    RETURNS_SHARE_OF_SCALE,
)
from sandbox.generation.context import Context, Frame
from sandbox.generation.people import adult_ages, persons_make
from sandbox.generation.seasons import days_sample

ISO2 = {"GTM": "GT", "HND": "HN", "SLV": "SV"}
ETD_SHARE = 0.6
ETD_VALIDITY_DAYS = 30
RETURN_TYPES = (("DEPORTATION", 0.93), ("AVR", 0.04), ("INADMISSION", 0.02), ("EXPULSION", 0.01))
WEEKDAY_AIR_RETURNS = (1.0, 1.0, 1.0, 1.0, 1.0, 0.3, 0.1)


@functools.lru_cache(maxsize=1)
def origin_codes() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per receiving country, its ISO 3166-2 subdivision codes and origin weights."""
    result = {}
    for country, iso2 in ISO2.items():
        codes = sorted(sub.code for sub in pycountry.subdivisions.get(country_code=iso2) if len(sub.code) <= 6)
        weights = np.array([RETURN_ORIGIN_WEIGHTS[country].get(code, 0.6) for code in codes])
        result[country] = (np.array(codes), weights / weights.sum())
    return result


def _pick(rng: np.random.Generator, table: dict[str, float], size: int) -> np.ndarray:
    keys, weights = zip(*table.items(), strict=True)
    weights = np.array(weights, dtype=np.float64)
    return np.array(keys)[rng.choice(len(keys), size=size, p=weights / weights.sum())]


def returns_build(ctx: Context) -> tuple[Frame, Frame]:
    """ReturnEvent rows (with `person` indices into the returned persons) and the returnees."""
    rng = ctx.rng("returns")
    n = max(1, round(ctx.scale * RETURNS_SHARE_OF_SCALE))
    receiving = _pick(rng, RETURN_RECEIVING, n)
    returning = _pick(rng, RETURN_FROM, n)
    land = (returning == "MEX") & (rng.random(n) < RETURN_FROM_MEXICO_BY_LAND)
    mode = np.where(land, "LAND", "AIR")
    minor = rng.random(n) < RETURN_MINORS
    unaccompanied_share = np.select([returning == "USA", returning == "MEX"], [0.30, 0.75], 0.30)
    unaccompanied = minor & (rng.random(n) < unaccompanied_share)
    male = rng.random(n) < np.where(minor, RETURN_MINOR_MALE, RETURN_ADULT_MALE)
    age = np.where(
        unaccompanied,
        12 + 5.9 * rng.random(n),
        np.where(minor, 0.5 + 17.4 * rng.random(n), np.minimum(adult_ages(rng, n), 55)),
    )
    point = np.empty(n, dtype="<U12")
    origin = np.empty(n, dtype="<U6")
    for country in ISO2:
        for by_land, table in ((False, RETURN_AIR_POINTS), (True, RETURN_LAND_POINTS)):
            mask = (receiving == country) & (land == by_land)
            point[mask] = _pick(rng, table[country], int(mask.sum()))
        mask = receiving == country
        codes, weights = origin_codes()[country]
        origin[mask] = codes[rng.choice(len(codes), size=int(mask.sum()), p=weights)]
    calendar = ctx.calendar
    month_factor = np.array([RETURN_MONTH_FACTOR.get(month, 1.0) for month in range(1, 13)])[calendar.month - 1]
    day = np.empty(n, dtype=np.int64)
    for by_land in (False, True):
        mask = land == by_land
        weights = month_factor * (1.0 if by_land else np.array(WEEKDAY_AIR_RETURNS)[calendar.weekday])
        day[mask] = days_sample(rng, weights / weights.sum(), int(mask.sum()))
    persons = persons_make(ctx, "returnees", nationality=receiving, sex=np.where(male, "M", "F"), age=age)
    returned_on = ctx.start64 + day.astype("timedelta64[D]")
    point_number = np.unique(point, return_inverse=True)[1]
    transport = np.where(
        land,
        np.char.add("BUS-", np.char.zfill((day * 10 + rng.integers(0, 8, n)).astype("<U5"), 5)),
        np.char.add("VUELO-", np.char.zfill((day * 10 + point_number % 10).astype("<U5"), 5)),
    )
    kinds, shares = zip(*RETURN_TYPES, strict=True)
    events: Frame = {
        "person": np.arange(n),
        "receiving_country": receiving,
        "returning_country": returning,
        "return_type": np.array(kinds)[rng.choice(len(kinds), size=n, p=shares)],
        "mode": mode,
        "reception_point": point,
        "transport_reference": transport,
        "returned_on": returned_on,
        "sex": persons["sex"],
        "is_minor": minor,
        "is_unaccompanied": unaccompanied,
        "origin_subdivision": origin,
        "has_etd": rng.random(n) < ETD_SHARE,
    }
    return events, persons


def returnee_documents(ctx: Context, events: Frame, first_person: int, numbers) -> Frame:
    """Emergency travel documents (no MRZ) issued by the consulates to some returnees."""
    rows = np.flatnonzero(events["has_etd"])
    issued = events["returned_on"][rows] - np.timedelta64(3, "D")
    expires = issued + np.timedelta64(ETD_VALIDITY_DAYS, "D")
    return {
        "person": first_person + events["person"][rows],
        "document_type": np.full(len(rows), "ETD", dtype="<U3"),
        "issuing_state": events["receiving_country"][rows],
        "issued_on": issued,
        "expires_on": expires,
        "status": np.where(expires < np.datetime64(ctx.end, "D"), "EXPIRED", "VALID").astype("<U8"),
        "number": numbers.take(len(rows)),
        "mrz": np.full(len(rows), "", dtype=object),
    }
