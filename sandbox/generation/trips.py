"""Trips: who crosses where and when, before any row is written.

Job: draw the base flow (country by its calibrated volume, post by its weight, nationality by
the country's and mode's mix, the first day by the seasonal weights), add the surges of
DOMAIN.md 2.6 (Peñas Blancas in December, Agostinas, Semana Morazánica, Esquipulas), decide
each trip's outcome (round trip, overstay, refusal, cut by the period's end, a missing record),
assign trips to travellers without overlapping stays, attach children to parents, and cut
the whole to exactly `scale` movements.

A trip is one or two movements: visitors enter then exit, residents exit then come back.
A land trip at a post with a counterpart next door may be a regional journey (`journeys`):
the neighbour records its crossings too, as a trip of the traveller's copy in its records,
added after the cut (`journeys.journeys_add`) but counted in it.
Invariants: a traveller's trips never overlap in time and stay in one country; children
travel on each trip of their parent; the kept trips, with their journeys' movements next
door, hold exactly `scale - len(TEST_RECORDS)` movements (the test records add the rest).
"""

from __future__ import annotations

import numpy as np

from sandbox.generation.calibration import (
    AGOSTINAS_MULTIPLIER,
    AUTHORISED_STAY_DAYS,
    CA4,
    CA4_STAY_DAYS,
    DEFECT_RATES,
    ESQUIPULAS_MULTIPLIER,
    MORAZANICA_MULTIPLIER,
    NATIONALITY_MIX,
    OTHER_NATIONALITIES,
    OVERSTAY_SHARE,
    PBL_DECEMBER_MULTIPLIER,
    REFUSAL_SHARE,
    RESIDENT_SHARE_FOREIGNERS,
    RESIDENT_SHARE_NATIONALS,
    RESIDENT_SHARE_SPECIAL,
    SAME_POST_ON_RETURN,
    STAY_RESIDENT_AIR,
    STAY_RESIDENT_LAND,
    STAY_VISITOR_AIR,
    STAY_VISITOR_LAND,
    STAY_VISITOR_LAND_CA4,
    TEST_RECORDS,
    TRIPS_PER_PERSON,
)
from sandbox.generation.context import Context, Frame, code_numbers, frame_concat, frame_length, frame_take
from sandbox.generation.journeys import journey_weights, journeys_mark
from sandbox.generation.seasons import day_weights, days_sample, seconds_sample

MOVEMENTS_PER_TRIP_GUESS = 2.25  # two movements, plus the children who come along
PURPOSES = ("TOURISM", "FAMILY", "BUSINESS", "WORK", "STUDY", "TRANSIT", "OTHER")
PURPOSE_WEIGHTS = (0.50, 0.20, 0.13, 0.06, 0.03, 0.05, 0.03)
OPEN_END = 10**6
AIR_HUBS = (("USA", 55), ("MEX", 10), ("PAN", 10), ("SLV", 7), ("COL", 5), ("ESP", 5), ("CRI", 4), ("GTM", 4))


def nationality_mix(country: str, mode: str) -> tuple[np.ndarray, np.ndarray]:
    """Nationalities and probabilities at a country's posts of one mode ("*" spread over the others)."""
    mix = NATIONALITY_MIX.get((country, mode)) or NATIONALITY_MIX[(country, "AIR")]
    codes, weights = [], []
    for code, weight in mix.items():
        if code == "*":
            others = {k: v for k, v in OTHER_NATIONALITIES.items() if k not in mix}
            total = sum(others.values())
            codes += list(others)
            weights += [weight * v / total for v in others.values()]
        else:
            codes.append(code)
            weights.append(weight)
    probabilities = np.array(weights, dtype=np.float64)
    return np.array(codes), probabilities / probabilities.sum()


def _resident_share(country: np.ndarray, nationality: np.ndarray) -> np.ndarray:
    share = np.where(country == nationality, RESIDENT_SHARE_NATIONALS, RESIDENT_SHARE_FOREIGNERS)
    for (where, who), value in RESIDENT_SHARE_SPECIAL.items():
        share[(country == where) & (nationality == who)] = value
    return share


def _stays(ctx: Context, rng: np.random.Generator, trips: Frame) -> np.ndarray:
    n = frame_length(trips)
    mode, resident = trips["mode"], trips["resident"]
    ca4_land = (mode == "LAND") & ctx.is_ca4(trips["nationality"]) & ctx.is_ca4(trips["country"])
    median = np.select(
        [resident & (mode == "AIR"), resident, mode == "AIR", ca4_land],
        [STAY_RESIDENT_AIR[0], STAY_RESIDENT_LAND[0], STAY_VISITOR_AIR[0], STAY_VISITOR_LAND_CA4[0]],
        STAY_VISITOR_LAND[0],
    )
    sigma = np.select(
        [resident & (mode == "AIR"), resident, mode == "AIR", ca4_land],
        [STAY_RESIDENT_AIR[1], STAY_RESIDENT_LAND[1], STAY_VISITOR_AIR[1], STAY_VISITOR_LAND_CA4[1]],
        STAY_VISITOR_LAND[1],
    )
    stay = np.maximum(1, np.rint(median * np.exp(sigma * rng.standard_normal(n)))).astype(np.int64)
    limit = np.where(resident, 365, authorised_stay(trips["country"], trips["nationality"]))
    return np.minimum(stay, limit)


def authorised_stay(country: np.ndarray, nationality: np.ndarray) -> np.ndarray:
    """Days a visitor may stay: 90 between CA-4 states, else the country's parameter."""
    days = np.zeros(len(country), dtype=np.int64)
    for code, value in AUTHORISED_STAY_DAYS.items():
        days[country == code] = value
    days[np.isin(country, CA4) & np.isin(nationality, CA4)] = CA4_STAY_DAYS
    return days


def _return_posts(ctx: Context, rng: np.random.Generator, trips: Frame) -> np.ndarray:
    """The post of the second movement: usually the same, else another of the country and mode."""
    posts = ctx.posts
    second = trips["post1"].copy()
    other = rng.random(len(second)) >= SAME_POST_ON_RETURN
    for country in np.unique(trips["country"]):
        for mode in ("AIR", "LAND", "SEA"):
            members = np.flatnonzero((posts.country == country) & (posts.kind == mode))
            mask = other & (trips["country"] == country) & (trips["mode"] == mode)
            if len(members) > 1 and mask.any():
                p = posts.weight[members] / posts.weight[members].sum()
                second[mask] = members[rng.choice(len(members), size=int(mask.sum()), p=p)]
    return second


def _frame(ctx: Context, post: np.ndarray, nationality: np.ndarray, resident: np.ndarray, day1: np.ndarray) -> Frame:
    return {
        "post1": post.astype(np.int64),
        "country": ctx.posts.country[post],
        "mode": ctx.posts.kind[post],
        "nationality": nationality.astype("<U3"),
        "resident": resident.astype(bool),
        "day1": day1.astype(np.int64),
    }


def _base(ctx: Context, rng: np.random.Generator, n: int) -> Frame:
    posts = ctx.posts
    # Journeys from the larger side of a border fill part of the smaller side's volume.
    weights = posts.weight * np.array([ctx.country_weight[c] for c in posts.country]) * journey_weights(ctx)[0]
    post = rng.choice(len(posts.code), size=n, p=weights / weights.sum())
    country, mode = posts.country[post], posts.kind[post]
    nationality = np.empty(n, dtype="<U3")
    day1 = np.empty(n, dtype=np.int64)
    for c in np.unique(country):
        for m in np.unique(mode[country == c]):
            mask = (country == c) & (mode == m)
            size = int(mask.sum())
            codes, p = nationality_mix(str(c), str(m))
            nationality[mask] = codes[rng.choice(len(codes), size=size, p=p)]
            day1[mask] = days_sample(rng, day_weights(ctx.calendar, country=str(c), mode=str(m)), size)
    resident = rng.random(n) < _resident_share(country, nationality)
    return _frame(ctx, post, nationality, resident, day1)


def _surge(
    ctx: Context,
    rng: np.random.Generator,
    *,
    n_base: int,
    posts: list[str],
    nationalities: dict[str, list[str]],
    resident: bool,
    window: tuple[tuple[int, int], tuple[int, int]],
    multiplier: float,
) -> Frame:
    """Extra trips that lift the base flow at some posts, in a window of every year, by `multiplier`."""
    index = np.array([ctx.posts.index(code) for code in posts])
    country = str(ctx.posts.country[index[0]])
    days = ctx.calendar.every_year(*window)
    if not len(days):
        return _frame(ctx, index[:0], np.array([], dtype="<U3"), np.array([], dtype=bool), days)
    fraction = day_weights(ctx.calendar, country=country, mode=str(ctx.posts.kind[index[0]]))[days].sum()
    share = ctx.posts.weight[index]
    n = round((multiplier - 1) * n_base * ctx.country_weight[country] * float(share.sum()) * float(fraction))
    post = index[rng.choice(len(index), size=n, p=share / share.sum())]
    nationality = np.empty(n, dtype="<U3")
    for i, code in enumerate(posts):
        mask = post == index[i]
        nationality[mask] = rng.choice(nationalities[code], size=int(mask.sum()))
    return _frame(ctx, post, nationality, np.full(n, resident), rng.choice(days, size=n))


def _surges(ctx: Context, rng: np.random.Generator, n_base: int) -> Frame:
    posts = ctx.posts
    sv_land = [
        str(code)
        for code, country, kind, neighbour in zip(posts.code, posts.country, posts.kind, posts.neighbour, strict=True)
        if country == "SLV" and kind == "LAND" and neighbour in ("GTM", "HND")
    ]
    pbl = _surge(
        ctx, rng, n_base=n_base, posts=["CR-PBL"], nationalities={"CR-PBL": ["NIC"]}, resident=True,
        window=((12, 15), (12, 31)), multiplier=PBL_DECEMBER_MULTIPLIER,
    )  # fmt: skip
    # The Nicaraguans who went home in December come back 2-15 January.
    back = ctx.calendar.dates[pbl["day1"]].astype("datetime64[Y]") + np.timedelta64(1, "Y")
    back = (back.astype("datetime64[D]") + rng.integers(1, 15, frame_length(pbl))) - ctx.start64
    pbl["day2"] = back.astype(np.int64)
    surges = [
        pbl,
        _surge(
            ctx, rng, n_base=n_base, posts=sv_land, nationalities={code: ["SLV"] for code in sv_land}, resident=True,
            window=((7, 30), (8, 6)), multiplier=AGOSTINAS_MULTIPLIER,
        ),
        _surge(
            ctx, rng, n_base=n_base, posts=["HN-EAM"], nationalities={"HN-EAM": ["HND"]}, resident=True,
            window=((10, 1), (10, 7)), multiplier=MORAZANICA_MULTIPLIER,
        ),
        _surge(
            ctx, rng, n_base=n_base, posts=["GT-ANG", "GT-ACA", "GT-EFL"],
            nationalities={"GT-ANG": ["SLV"], "GT-ACA": ["HND"], "GT-EFL": ["HND"]}, resident=False,
            window=((1, 12), (1, 15)), multiplier=ESQUIPULAS_MULTIPLIER,
        ),
    ]  # fmt: skip
    for surge in surges[1:]:
        surge["day2"] = surge["day1"] + np.maximum(1, rng.poisson(2.0, frame_length(surge)))
    return frame_concat(surges)


def _outcomes(ctx: Context, rng: np.random.Generator, trips: Frame) -> None:
    """Second day and post, overstays, refusals, the period's end and missing records."""
    n = frame_length(trips)
    if "day2" not in trips:
        trips["day2"] = trips["day1"] + _stays(ctx, rng, trips)
    trips["post2"] = _return_posts(ctx, rng, trips)
    foreign_visitor = (trips["nationality"] != trips["country"]) & ~trips["resident"]
    u = rng.random(n)
    # Exactly the share of foreign visitors (those with the lowest draws): at a small scale a
    # draw each left the refusals' count to chance (a few dozen, give or take a third).
    candidates = np.flatnonzero(foreign_visitor)
    trips["refused"] = np.zeros(n, dtype=bool)
    trips["refused"][candidates[np.argsort(u[candidates])[: round(REFUSAL_SHARE * len(candidates))]]] = True
    overstay = (u >= REFUSAL_SHARE) & (u < REFUSAL_SHARE + OVERSTAY_SHARE)
    trips["overstay"] = foreign_visitor & ~trips["refused"] & overstay
    trips["has1"] = np.ones(n, dtype=bool)
    trips["has2"] = (trips["day2"] < ctx.days) & ~trips["refused"] & ~trips["overstay"]
    trips["end"] = np.where(trips["has2"], trips["day2"], np.where(trips["refused"], trips["day1"], OPEN_END))
    trips["purpose"] = np.array(PURPOSES)[rng.choice(len(PURPOSES), size=n, p=PURPOSE_WEIGHTS)]
    trips["missing"] = np.zeros(n, dtype=np.int8)
    trips["sec1"] = seconds_sample(rng, hour_kind(ctx, trips["post1"]))
    trips["sec2"] = seconds_sample(rng, hour_kind(ctx, trips["post2"]))
    trips["carrier_pick"] = rng.random(n)
    trips["vehicle"] = rng.integers(0, 10**6, n)
    trips["document_pick"] = rng.random(n)
    trips["other_country"] = _other_country(ctx, rng, trips)


def hour_kind(ctx: Context, post: np.ndarray) -> np.ndarray:
    """Index into `seasons.HOUR_KINDS` of each post."""
    kind = ctx.posts.kind[post]
    return np.select(
        [kind == "AIR", (kind == "LAND") & ~ctx.posts.is_open_24h[post], kind == "LAND"], [0, 1, 2], 3
    ).astype(np.int64)


def _other_country(ctx: Context, rng: np.random.Generator, trips: Frame) -> np.ndarray:
    """Where the traveller comes from or goes to: the neighbour by land, else home or a hub by air."""
    n = frame_length(trips)
    hubs, weights = zip(*AIR_HUBS, strict=True)
    hub = np.array(hubs)[rng.choice(len(hubs), size=n, p=np.array(weights) / sum(weights))]
    hub = np.where(hub == trips["country"], "USA", hub)
    foreign = trips["nationality"] != trips["country"]
    by_air = np.where(foreign & (rng.random(n) < 0.7), trips["nationality"], hub)
    neighbour = ctx.posts.neighbour[trips["post1"]]
    return np.select([trips["mode"] == "LAND", trips["mode"] == "AIR"], [neighbour, by_air], "").astype("<U3")


def _assign_travellers(rng: np.random.Generator, trips: Frame) -> np.ndarray:
    """Traveller of each trip: frequent travellers share a group (country, nationality, residence,
    mode); a trip that would overlap its traveller's previous stay goes to a new traveller."""
    # The post fixes the country and the mode.
    key = (trips["post1"] * 128**3 + code_numbers(trips["nationality"])) * 2 + trips["resident"]
    _keys, first, group, counts = np.unique(key, return_index=True, return_inverse=True, return_counts=True)
    mode = trips["mode"][first]
    per_person = np.select(
        [mode == "AIR", mode == "LAND"], [TRIPS_PER_PERSON["AIR"], TRIPS_PER_PERSON["LAND"]], TRIPS_PER_PERSON["SEA"]
    )
    size = np.ceil(counts / per_person).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum(size)[:-1]])
    local = np.minimum((size[group] * rng.random(len(group)) ** 1.3).astype(np.int64), size[group] - 1)
    person = offsets[group] + local
    order = np.lexsort((trips["day1"], person))
    sorted_person, start, end = person[order], trips["day1"][order], trips["end"][order]
    span = OPEN_END + 1
    running = np.maximum.accumulate(sorted_person * span + end)
    previous_end = np.concatenate([[-1], running[:-1]]) - sorted_person * span
    same = np.concatenate([[False], sorted_person[1:] == sorted_person[:-1]])
    clash = same & (start <= previous_end)
    sorted_person[clash] = person.max() + 1 + np.arange(int(clash.sum()))
    person[order] = sorted_person
    return np.unique(person, return_inverse=True)[1]


def trips_plan(ctx: Context, persons_draw) -> tuple[Frame, Frame]:
    """The kept trips (adults' and children's) and their travellers, for exactly the scale."""
    rng = ctx.rng("trips")
    target = ctx.scale - len(TEST_RECORDS)
    factor = 1.08
    while True:
        n_base = int(target / MOVEMENTS_PER_TRIP_GUESS * factor) + 50
        trips = _base(ctx, rng, n_base)
        _outcomes(ctx, rng, trips)
        surges = _surges(ctx, rng, n_base)
        _outcomes(ctx, rng, surges)
        trips = frame_concat([trips, surges])
        rate = DEFECT_RATES["MISSING_COUNTERPART"]
        missing = trips["has2"] & ~trips["refused"] & (rng.random(frame_length(trips)) < rate)
        trips["missing"][missing] = rng.integers(1, 3, int(missing.sum()))
        trips["person"] = _assign_travellers(rng, trips)
        journeys_mark(ctx, trips)
        persons = persons_draw(ctx, trips)
        trips = _with_children(trips, persons)
        # A journey's movements next door count too (never missing: `journeys`).
        counts = (
            (trips["has1"] & (trips["missing"] != 1)).astype(np.int64)
            + (trips["has2"] & (trips["missing"] != 2)).astype(np.int64)
            + trips["journey"] * (1 + trips["has2"].astype(np.int64))
        )
        keep = _cut(rng, trips["cluster"], counts, target) if counts.sum() >= target else None
        if keep is not None:
            break
        factor *= 1.25
    trips = frame_take(trips, keep)
    renumber = np.full(len(counts), -1, dtype=np.int64)
    renumber[keep] = np.arange(len(keep))
    trips["cluster"] = renumber[trips["cluster"]]
    used, trips["person"] = np.unique(trips["person"], return_inverse=True)
    # Records were created in no particular order of nationality or post: shuffle the travellers.
    shuffle = rng.permutation(len(used))
    persons = frame_take(persons, used[shuffle])
    position = np.empty(len(used), dtype=np.int64)
    position[shuffle] = np.arange(len(used))
    trips["person"] = position[trips["person"]]
    del persons["n_children"], persons["first_child"]
    return trips, persons


def _with_children(trips: Frame, persons: Frame) -> Frame:
    """Each trip of a parent repeated for each of their children (who never miss a record)."""
    trips["cluster"] = np.arange(frame_length(trips))
    trips["child"] = np.zeros(frame_length(trips), dtype=bool)
    counts = persons["n_children"][trips["person"]]
    parent_trips = np.repeat(np.arange(frame_length(trips)), counts)
    if not len(parent_trips):
        return trips
    rank = np.arange(len(parent_trips)) - np.repeat(np.cumsum(counts) - counts, counts)
    child_person = persons["first_child"][trips["person"][parent_trips]] + rank
    children = frame_take(trips, parent_trips)
    children["person"] = child_person
    children["missing"] = np.zeros(len(parent_trips), dtype=np.int8)
    children["child"] = np.ones(len(parent_trips), dtype=bool)
    return frame_concat([trips, children])


def _cut(rng: np.random.Generator, cluster: np.ndarray, counts: np.ndarray, target: int) -> np.ndarray | None:
    """Trips of randomly ordered whole clusters (a trip and its children) holding exactly `target` movements."""
    per_cluster = np.bincount(cluster, weights=counts).astype(np.int64)
    order = rng.permutation(len(per_cluster))
    running = np.cumsum(per_cluster[order])
    n_full = int(np.searchsorted(running, target, side="right"))
    chosen = list(order[:n_full])
    remainder = target - (int(running[n_full - 1]) if n_full else 0)
    # Fill the remainder with the next clusters that still fit (round trips, single movements).
    for cluster_index in order[n_full:]:
        if remainder == 0:
            break
        if per_cluster[cluster_index] <= remainder:
            chosen.append(cluster_index)
            remainder -= int(per_cluster[cluster_index])
    if remainder:
        return None
    keep = np.zeros(len(per_cluster), dtype=bool)
    keep[np.array(chosen, dtype=np.int64)] = True
    return np.flatnonzero(keep[cluster])
