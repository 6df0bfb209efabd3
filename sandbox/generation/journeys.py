"""Regional journeys: travellers who cross from one member country into the next.

Job: a land crossing at a post with a counterpart on the other side of the border (the
crossing-points CSV's `counterpart`, DOMAIN.md 5d: Las Chinamas and Valle Nuevo, the two Peñas
Blancas, Paso Canoas...) is recorded by both countries: an exit from one is an entry into the
other a travel time later. `journeys_mark` picks the trip plan's journeys and times their
movements next door, before the plan is cut, so that those movements count in the scale;
`journeys_add` then gives each such traveller a record of their own in the neighbour's files (a
copy of the person, and of the document they show, with the same number) and the neighbour's
trip at the counterpart posts.

Volumes: each side of a pair keeps its calibrated volume (`journey_weights`). On the smaller
side, `JOURNEY_SHARE` of the crossings are the larger side's journeys (its own trips there
are thinned to the rest); the larger side has that many journeys among its trips, and a
surplus without counterpart where DOMAIN.md's volumes of the two sides disagree (calibration.py).

Invariants: a journey's movement next door is at the counterpart post of its trip's movement,
in the other direction: an entry 6 minutes to 4 hours after an exit, an exit as long before an
entry; its local date and time are those of the neighbour's time zone, within the post's
opening hours; a person's copy in one neighbour's records has stays that never overlap; a copy
is its own Person row, its `origin` the traveller it copies (the same identity).
"""

from __future__ import annotations

import numpy as np

from sandbox.generation.calibration import (
    JOURNEY_DELAY_BUS,
    JOURNEY_DELAY_PRIVATE,
    JOURNEY_SHARE,
    OCAM,
    annual_weights,
)
from sandbox.generation.context import Context, Frame, frame_concat, frame_length, frame_take, posts_load
from sandbox.generation.documents import documents_shown
from sandbox.generation.pools import BUS_SHARE_OF_LAND
from sandbox.reference import crossing_points

DAY = 86400
OPENS, CLOSES = 6 * 3600, 22 * 3600  # `sandbox.reference.NIGHT_CLOSED_HOURS`
MARGIN = 60
MEMBERS = np.array(sorted(OCAM))  # sorted, for searchsorted


def counterparts(ctx: Context) -> np.ndarray:
    """Per post, the index of its counterpart across a land border with another member (-1 for none)."""
    codes = {row["code"]: row["counterpart_code"] for row in crossing_points()}
    index = {str(code): i for i, code in enumerate(ctx.posts.code)}
    result = np.full(len(ctx.posts.code), -1, dtype=np.int64)
    for i, code in enumerate(ctx.posts.code):
        other = index.get(codes.get(str(code)) or "", -1)
        if ctx.posts.kind[i] == "LAND" and other >= 0 and ctx.posts.neighbour[i] in OCAM:
            result[i] = other
    return result


def pair_volumes(ctx: Context) -> np.ndarray:
    """Per post, its calibrated share of all movements (post weight times country weight)."""
    return ctx.posts.weight * np.array([ctx.country_weight[c] for c in ctx.posts.country])


def journey_weights(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Per post, the factor of its own trips in the base flow, and the share of them that are
    journeys: the smaller side of a pair keeps 1 - JOURNEY_SHARE of its own, the larger side
    sends JOURNEY_SHARE of the smaller side's volume across."""
    other = counterparts(ctx)
    volume = pair_volumes(ctx)
    factor, share = np.ones(len(other)), np.zeros(len(other))
    for i in np.flatnonzero(other >= 0):
        j = other[i]
        larger = volume[i] > volume[j] or (volume[i] == volume[j] and i < j)
        if larger and volume[i] > 0:
            share[i] = JOURNEY_SHARE * volume[j] / volume[i]
        elif not larger:
            factor[i] = 1 - JOURNEY_SHARE
    return factor, share


def _delays(rng: np.random.Generator, bus: np.ndarray) -> np.ndarray:
    """Seconds between the two controls: longer by bus (everyone is processed) than by car or on foot."""
    pairs = zip(JOURNEY_DELAY_BUS, JOURNEY_DELAY_PRIVATE, strict=True)
    median, sigma, low, high = (np.where(bus, by_bus, private) for by_bus, private in pairs)
    minutes = np.clip(median * np.exp(sigma * rng.standard_normal(len(bus))), low, high)
    return np.rint(minutes * 60).astype(np.int64)


def _mirror_time(
    ctx: Context,
    *,
    post: np.ndarray,
    other: np.ndarray,
    day: np.ndarray,
    sec: np.ndarray,
    exit_: np.ndarray,
    delay: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Local day and seconds next door of the movement that mirrors each one, and whether it
    falls in the post's hours: after an exit, before an entry, by the delay (shortened, down to
    the minimum, so that a post that closes at night is still open)."""  # fmt: skip
    utc = day * DAY + sec - ctx.post_offset[post]
    there = utc + ctx.post_offset[other]
    clock = there % DAY
    closes = ~ctx.posts.is_open_24h[other]
    room = np.where(exit_, CLOSES - MARGIN - clock, clock - OPENS - MARGIN)
    minimum = round(min(JOURNEY_DELAY_BUS[2], JOURNEY_DELAY_PRIVATE[2]) * 60)
    delay = np.where(closes & (room < delay), np.maximum(room, minimum), delay)
    local = there + np.where(exit_, delay, -delay)
    mirror_day, mirror_sec = local // DAY, local % DAY
    open_ = ~closes | ((mirror_sec >= OPENS) & (mirror_sec < CLOSES))
    return mirror_day, mirror_sec, open_ & (mirror_day >= 0) & (mirror_day < ctx.days)


def journeys_mark(ctx: Context, trips: Frame) -> None:
    """Mark the trips whose crossings the neighbour records too (`journey`) and time those
    (`jpost1`, `jday1`, `jsec1`, and the same for the second movement)."""
    rng = ctx.rng("journeys")
    n = frame_length(trips)
    other = counterparts(ctx)
    _factor, share = journey_weights(ctx)
    post1, post2 = trips["post1"], trips["post2"]
    jpost1, jpost2 = other[post1], other[post2]
    neighbour = np.where(jpost1 >= 0, ctx.posts.country[np.maximum(jpost1, 0)], "")
    same_neighbour = (jpost2 >= 0) & (ctx.posts.country[np.maximum(jpost2, 0)] == neighbour)
    ended = ~trips["has2"] & (trips["day2"] >= ctx.days)  # still away when the period ends
    bus = trips["carrier_pick"] < BUS_SHARE_OF_LAND
    exit1 = trips["resident"]
    jpost1, jpost2 = np.maximum(jpost1, 0), np.where(same_neighbour, np.maximum(jpost2, 0), np.maximum(jpost1, 0))
    jday1, jsec1, ok1 = _mirror_time(
        ctx, post=post1, other=jpost1, day=trips["day1"], sec=trips["sec1"], exit_=exit1, delay=_delays(rng, bus)
    )
    jday2, jsec2, ok2 = _mirror_time(
        ctx, post=post2, other=jpost2, day=np.minimum(trips["day2"], ctx.days), sec=trips["sec2"], exit_=~exit1,
        delay=_delays(rng, bus),
    )  # fmt: skip
    eligible = (other[post1] >= 0) & ~trips["refused"] & ~trips["overstay"] & ok1
    eligible &= (trips["has2"] & same_neighbour & ok2) | ended
    # The share of a post's trips that are journeys, drawn among those that can be.
    counts = np.bincount(post1, minlength=len(other))
    able = np.bincount(post1, weights=eligible, minlength=len(other))
    chance = np.minimum(1.0, share / np.maximum(able / np.maximum(counts, 1), 1e-9))
    journey = eligible & (rng.random(n) < chance[post1])
    trips.update(journey=journey, jpost1=jpost1, jpost2=jpost2, jday1=jday1, jsec1=jsec1, jday2=jday2, jsec2=jsec2)
    _overlaps_drop(ctx, trips)


def _overlaps_drop(ctx: Context, trips: Frame) -> None:
    """Unmark a journey whose stay next door would begin before the same traveller's previous
    one there ended (crossings near midnight at 24-hour posts)."""
    rows = np.flatnonzero(trips["journey"])
    if not len(rows):
        return
    start = trips["jday1"][rows] * DAY + trips["jsec1"][rows]
    end = np.where(trips["has2"][rows], trips["jday2"][rows] * DAY + trips["jsec2"][rows], np.iinfo(np.int64).max)
    low, high = np.minimum(start, end), np.maximum(start, end)
    country = np.searchsorted(MEMBERS, ctx.posts.country[trips["jpost1"][rows]])
    group = trips["person"][rows] * len(MEMBERS) + country
    order = np.lexsort((low, group))
    same = np.concatenate([[False], group[order][1:] == group[order][:-1]])
    clash = same & (low[order] <= np.concatenate([[0], high[order][:-1]]))
    trips["journey"][rows[order[clash]]] = False


def journeys_add(ctx: Context, trips: Frame, persons: Frame, docs: Frame) -> tuple[Frame, Frame, Frame, np.ndarray]:
    """The neighbours' trips, persons and documents of the marked journeys, after the others;
    and per person the index of the one they copy (their own for the originals). Adds to every
    trip its `home` (the country it sets out from) and the hour its buses left the border."""
    n_trips, n_persons = frame_length(trips), frame_length(persons)
    rows = np.flatnonzero(trips["journey"] & (trips["cluster"] >= 0))
    country = ctx.posts.country[trips["jpost1"][rows]]
    # One copy per traveller and neighbour.
    key = trips["person"][rows] * len(MEMBERS) + np.searchsorted(MEMBERS, country)
    keys, copy_of_row = np.unique(key, return_inverse=True)
    original = keys // len(MEMBERS)
    copies = frame_take(persons, original)
    copies["country"] = MEMBERS[keys % len(MEMBERS)]
    origin = np.concatenate([np.arange(n_persons), original])
    # The documents they show, copied into the neighbour's records with the same number.
    shown, _card = documents_shown(
        ctx, post=trips["post1"][rows], nationality=trips["nationality"][rows], person=trips["person"][rows],
        pick=trips["document_pick"][rows], persons=persons, docs=docs,
    )  # fmt: skip
    pairs = np.unique(np.stack([copy_of_row[shown >= 0], shown[shown >= 0]], axis=1), axis=0)
    doc_copies = frame_take(docs, pairs[:, 1])
    doc_copies["person"] = n_persons + pairs[:, 0]
    # Each trip's departure hour at the border: its own exits, the neighbour's for its entries.
    exit1 = trips["resident"]
    for leg, day, sec, jday, jsec in ((1, "day1", "sec1", "jday1", "jsec1"), (2, "day2", "sec2", "jday2", "jsec2")):
        own = trips[day] * 24 + trips[sec] // 3600
        across = trips[jday] * 24 + trips[jsec] // 3600
        exits_here = exit1 if leg == 1 else ~exit1
        trips[f"departure{leg}"] = np.where(trips["journey"] & ~exits_here, across, own)
    trips["home"] = trips["country"].copy()
    mirror = frame_take(trips, rows)
    position = np.full(n_trips, -1, dtype=np.int64)
    position[rows] = n_trips + np.arange(len(rows))
    mirror.update(
        post1=trips["jpost1"][rows], post2=trips["jpost2"][rows], country=country,
        mode=ctx.posts.kind[trips["jpost1"][rows]], day1=trips["jday1"][rows], sec1=trips["jsec1"][rows],
        day2=np.where(trips["has2"][rows], trips["jday2"][rows], trips["day2"][rows]), sec2=trips["jsec2"][rows],
        resident=~trips["resident"][rows], person=n_persons + copy_of_row, missing=np.zeros(len(rows), dtype=np.int8),
        journey=np.zeros(len(rows), dtype=bool), cluster=position[trips["cluster"][rows]],
        home=trips["country"][rows],
    )  # fmt: skip
    return (
        frame_concat([trips, mirror]),
        frame_concat([persons, copies]),
        frame_concat([docs, doc_copies]),
        origin,
    )


def pair_expectations() -> dict[tuple[str, str], tuple[float, float]]:
    """Per directed pair of neighbours (A, B) joined by counterpart posts: the share of A's
    exits there that the calibrated volumes let B record (the smaller side's volume over A's,
    post by post), and the mirror-statistics gap they imply (|B's volume - A's| / A's)."""
    posts = posts_load()
    weights = annual_weights()
    total = sum(weights.values())
    volume = posts.weight * np.array([weights[c] / total for c in posts.country])
    codes = {row["code"]: row["counterpart_code"] for row in crossing_points()}
    index = {str(code): i for i, code in enumerate(posts.code)}
    own: dict[tuple[str, str], float] = {}
    capped: dict[tuple[str, str], float] = {}
    for i, code in enumerate(posts.code):
        j = index.get(codes.get(str(code)) or "", -1)
        if posts.kind[i] != "LAND" or j < 0 or posts.neighbour[i] not in OCAM:
            continue
        pair = (str(posts.country[i]), str(posts.neighbour[i]))
        own[pair] = own.get(pair, 0.0) + volume[i]
        capped[pair] = capped.get(pair, 0.0) + min(volume[i], volume[j])
    return {
        (a, b): (capped[(a, b)] / own[(a, b)], abs(own.get((b, a), 0.0) - own[(a, b)]) / own[(a, b)])
        for a, b in sorted(own)
    }
