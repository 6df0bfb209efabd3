"""Movements: the rows of entries and exits, from the trip plan, the travellers and their documents.

Job: turn each trip into one or two movements (direction, post, local date and UTC time,
mode, carrier and flight or vehicle, purpose, authorised stay, decision, document used, the
traveller's nationality, sex and age group at the crossing) and link each exit to the entry
it closes.

Invariants: an exit closes the traveller's immediately preceding movement when that is an
entry, so `closes_entry` always points at an entry of the same person; adults of CA-4
states crossing a CA-4 internal border mostly show their identity card (`is_ca4_simplified`),
minors always a passport; only foreign visitors' entries carry an authorised stay; children
cross a few minutes after their parent, on the same flight or vehicle; a bus is a line of
the post's route (`pools.BUS_ROUTES`), and the two movements of a regional journey (the
exit and the neighbour's entry, `journeys`) name the same carrier, bus or plate.
"""

from __future__ import annotations

import functools

import numpy as np

from sandbox.generation.calibration import REFUSAL_REASONS
from sandbox.generation.context import Context, Frame
from sandbox.generation.documents import documents_shown
from sandbox.generation.identifiers import LETTERS
from sandbox.generation.pools import (
    AIRLINES,
    BUS_ROUTES,
    BUS_SHARE_OF_LAND,
    ON_FOOT_SHARE_OF_LAND,
    PLATE_FORMATS,
    SEA_LINES,
)
from sandbox.generation.trips import authorised_stay

AGE_GROUPS = np.array(["Y_LT12", "Y12T17", "Y18T29", "Y30T44", "Y45T59", "Y_GE60"])
AGE_LIMITS = np.array([12, 18, 30, 45, 60])
DAY_SECONDS = 86400


@functools.lru_cache(maxsize=1)
def _carrier_tables() -> tuple[dict[str, int], dict[tuple[str, str], int], int, np.ndarray, np.ndarray, np.ndarray]:
    """Global carrier index of each country's first airline and each route's first bus line,
    of the first sea line; names; labels "CM 123" and "TB-123" for numbers 100-999."""
    start, route_start, names, codes = {}, {}, [], []
    for country, airlines in AIRLINES.items():
        start[country] = len(names)
        names += [name for _code, name in airlines]
        codes += [code for code, _name in airlines]
    for route, lines in BUS_ROUTES.items():
        route_start[route] = len(names)
        names += [name for _code, name in lines]
        codes += [code for code, _name in lines]
    sea_first = len(names)
    for code, name in SEA_LINES:
        names.append(name)
        codes.append(code)
    labels = np.array([[f"{code} {n}" for n in range(100, 1000)] for code in codes], dtype=object)
    bus_labels = np.array([[f"{code}-{n}" for n in range(100, 1000)] for code in codes], dtype=object)
    return start, route_start, sea_first, np.array(names, dtype=object), labels, bus_labels


def _routes(ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per post: the first bus line of its route (the two countries it joins), their number,
    and the route's index (-1, 0, -1 off land)."""
    _start, route_start, _sea, _names, _labels, _bus = _carrier_tables()
    routes = list(BUS_ROUTES)
    first = np.full(len(ctx.posts.code), -1, dtype=np.int64)
    count = np.zeros(len(ctx.posts.code), dtype=np.int64)
    index = np.full(len(ctx.posts.code), -1, dtype=np.int64)
    posts = ctx.posts
    for i, (country, kind, neighbour) in enumerate(zip(posts.country, posts.kind, posts.neighbour, strict=True)):
        if kind == "LAND":
            route = tuple(sorted((str(country), str(neighbour))))
            first[i], count[i], index[i] = route_start[route], len(BUS_ROUTES[route]), routes.index(route)
    return first, count, index


def _plates(plate_country: np.ndarray, vehicle: np.ndarray) -> np.ndarray:
    """Plates in the format of the registering country, from each vehicle's number."""
    plates = np.full(len(vehicle), "", dtype=object)
    scrambled = vehicle.astype(np.int64) * 2654435761 % 2**32
    for country, pattern in PLATE_FORMATS.items():
        rows = np.flatnonzero(plate_country == country)
        if not len(rows):
            continue
        v, x = vehicle[rows].astype(np.int64), scrambled[rows]
        text, digit, letter = np.full(len(rows), "", dtype="<U12"), 0, 0
        for char in pattern:
            if char == "9":
                part, digit = ((v // 10**digit) % 10).astype("<U1"), digit + 1
            elif char == "L":
                part, letter = LETTERS[(x // 26**letter) % 26], letter + 1
            else:
                part = np.full(len(rows), char)
            text = np.char.add(text, part)
        plates[rows] = text.astype(object)
    return plates


def carriers(
    ctx: Context,
    *,
    post: np.ndarray,
    nationality: np.ndarray,
    day: np.ndarray,
    seconds: np.ndarray,
    leg: np.ndarray,
    pick: np.ndarray,
    vehicle: np.ndarray,
    home: np.ndarray,
    departure: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Carrier name and flight number, bus, vessel or vehicle plate of each movement.

    A bus is a line of the post's route, numbered by route and by the hour it left the border
    (`departure`: hours since the period's start, at the exit), so a journey's two movements
    name the same bus; a private vehicle carries a plate of its traveller's country (if it has
    a format) or of the country they set out from (`home`)."""  # fmt: skip
    start, _route_start, sea_first, names, labels, bus_labels = _carrier_tables()
    n = len(post)
    carrier = np.full(n, "", dtype=object)
    label = np.full(n, "", dtype=object)
    kind = ctx.posts.kind[post]
    hour = seconds // 3600
    number = (post * 53 + hour * 7 + leg * 3) % 900
    air = np.flatnonzero(kind == "AIR")
    if len(air):
        post_first = np.array([start[c] for c in ctx.posts.country])
        post_count = np.array([len(AIRLINES[c]) for c in ctx.posts.country])
        first, count = post_first[post[air]], post_count[post[air]]
        index = first + (pick[air] * count).astype(np.int64)
        carrier[air] = names[index]
        label[air] = labels[index, (number[air] + index * 17) % 900]
    land = kind == "LAND"
    bus = np.flatnonzero(land & (pick < BUS_SHARE_OF_LAND))
    if len(bus):
        route_first, route_count, route = _routes(ctx)
        index = route_first[post[bus]] + (pick[bus] / BUS_SHARE_OF_LAND * route_count[post[bus]]).astype(np.int64)
        carrier[bus] = names[index]
        label[bus] = bus_labels[index, (route[post[bus]] * 31 + departure[bus] * 7) % 900]
    private = np.flatnonzero(land & (pick >= BUS_SHARE_OF_LAND) & (pick < 1 - ON_FOOT_SHARE_OF_LAND))
    if len(private):
        registered = np.where(np.isin(nationality[private], list(PLATE_FORMATS)), nationality[private], home[private])
        label[private] = _plates(registered, vehicle[private])
    sea = np.flatnonzero(kind == "SEA")
    if len(sea):
        carrier[sea] = names[sea_first + (pick[sea] * len(SEA_LINES)).astype(np.int64)]
    return carrier, label


def age_groups(birth: np.ndarray, on: np.ndarray) -> np.ndarray:
    """SDMX age group on a date, from the exact age in whole years."""

    def month_day(dates: np.ndarray) -> np.ndarray:
        months = dates.astype("datetime64[M]")
        return (months.astype(np.int64) % 12) * 32 + (dates - months).astype(np.int64)

    years = on.astype("datetime64[Y]").astype(np.int64) - birth.astype("datetime64[Y]").astype(np.int64)
    age = years - (month_day(on) < month_day(birth))
    return AGE_GROUPS[np.searchsorted(AGE_LIMITS, age, side="right")]


def _legs(trips: Frame) -> Frame:
    first = np.flatnonzero(trips["has1"] & (trips["missing"] != 1))
    second = np.flatnonzero(trips["has2"] & (trips["missing"] != 2))
    trip = np.concatenate([first, second])
    leg = np.concatenate([np.zeros(len(first), dtype=np.int64), np.ones(len(second), dtype=np.int64)])
    return {"trip": trip, "leg": leg}


def movements_build(ctx: Context, trips: Frame, persons: Frame, docs: Frame) -> Frame:
    """Movement rows in time order (UTC), with `closes_entry` as a row index (-1 for none)."""
    rng = ctx.rng("movements")
    legs = _legs(trips)
    t, leg = legs["trip"], legs["leg"]
    second = leg == 1
    post = np.where(second, trips["post2"][t], trips["post1"][t])
    day = np.where(second, trips["day2"][t], trips["day1"][t])
    seconds = np.where(second, trips["sec2"][t], trips["sec1"][t])
    child = trips["child"][t]
    seconds = np.where(child, np.minimum(seconds + rng.integers(30, 300, len(t)), DAY_SECONDS - 1), seconds)
    utc = (day * DAY_SECONDS + seconds - ctx.post_offset[post]).astype("timedelta64[s]")
    occurred_at = ctx.start64.astype("datetime64[s]") + utc
    order = np.argsort(occurred_at, kind="stable")
    t, leg, second, post, day, seconds, child = (a[order] for a in (t, leg, second, post, day, seconds, child))
    m: Frame = {name: trips[name][t] for name in ("person", "country", "mode", "nationality")}
    m.update(trip=t, leg=leg, post=post, day=day, seconds=seconds, child=child, occurred_at=occurred_at[order])
    n = len(t)
    resident = trips["resident"][t]
    m["direction"] = np.where(resident ^ second, "EXIT", "ENTRY").astype("<U5")
    refused = trips["refused"][t] & ~second
    m["decision"] = np.where(refused, "REFUSED", "ADMITTED").astype("<U8")
    reasons, weights = zip(*REFUSAL_REASONS, strict=True)
    m["refusal_reason"] = np.full(n, "", dtype=object)
    m["refusal_reason"][refused] = np.array(reasons, dtype=object)[
        rng.choice(len(reasons), size=int(refused.sum()), p=weights)
    ]
    m["purpose"] = np.where(resident & second, "RESIDENCE", trips["purpose"][t]).astype("<U12")
    entry = m["direction"] == "ENTRY"
    foreign = m["nationality"] != m["country"]
    stay = authorised_stay(m["country"], m["nationality"])
    m["authorised_stay_days"] = np.where(entry & foreign & ~refused, stay, -1)
    m["other_country"] = np.where(m["mode"] == "LAND", ctx.posts.neighbour[post], trips["other_country"][t])
    departure = np.where(second, trips["departure2"][t], trips["departure1"][t])
    m["carrier"], m["flight_or_vehicle"] = carriers(
        ctx, post=post, nationality=m["nationality"], day=day, seconds=seconds, leg=leg,
        pick=trips["carrier_pick"][t], vehicle=trips["vehicle"][t], home=trips["home"][t], departure=departure,
    )  # fmt: skip
    _documents_choose(ctx, m, trips, persons, docs)
    m["local_date"] = ctx.start64 + day.astype("timedelta64[D]")
    m["sex"] = persons["sex"][m["person"]]
    m["age_group"] = age_groups(persons["birth_date"][m["person"]], m["local_date"])
    kind = ctx.posts.kind[post]
    u = rng.random(n)
    m["capture_source"] = np.select(
        [u < 0.05, (kind == "AIR") & (u < 0.20), (kind == "LAND") & (m["country"] == "SLV") & (u < 0.30)],
        ["MANUAL", "CHIP", "MOBILE"],
        "MRZ_SCAN",
    ).astype("<U8")
    m["screening_result"] = np.full(n, "NO_HIT", dtype="<U8")
    m["closes_entry"] = closes_compute(m["person"], m["direction"])
    return m


def _documents_choose(ctx: Context, m: Frame, trips: Frame, persons: Frame, docs: Frame) -> None:
    """The document shown at each crossing (`documents.documents_shown`), and whether it is the card."""
    m["document"], m["is_ca4_simplified"] = documents_shown(
        ctx, post=m["post"], nationality=m["nationality"], person=m["person"],
        pick=trips["document_pick"][m["trip"]], persons=persons, docs=docs,
    )  # fmt: skip


def closes_compute(person: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """For each exit, the row of the traveller's preceding movement if it is an entry; else -1.

    The rows must be in time order: a stable sort by person keeps each traveller's in order.
    """
    order = np.argsort(person, kind="stable")
    same = np.concatenate([[False], person[order][1:] == person[order][:-1]])
    previous = np.concatenate([[-1], order[:-1]])
    closes_sorted = np.where(same & (direction[order] == "EXIT") & (direction[previous] == "ENTRY"), previous, -1)
    closes = np.full(len(person), -1, dtype=np.int64)
    closes[order] = closes_sorted
    return closes
