"""Data-quality defects injected into the baseline at DOMAIN.md 5b's rates, with their hidden truth.

Job: make the data as dirty as real border data (duplicate travellers, name variants,
diacritics, swapped or impossible birth dates, sex errors, wrong country codes and misreads in
the MRZ as recorded, the same number on two documents, missing counterparts, time-zone and
date-format errors, crossings outside opening hours, minors exiting alone, stale alerts, test
records), and record each one (`DataQualityDefect`: entity, uid, type, field, injected and
original value, related uid).

Representation: a record keeps its true MRZ when its person fields are damaged (the MRZ is
the evidence), wrong country codes live in the MRZ text (its nationality field is outside
every check digit, so the zone still reads) because the country columns are foreign keys,
and missing counterparts are decided on the trip plan (trips.py) and recorded here.
Invariants: foreign keys and check constraints still hold; a duplicate traveller takes over
whole trips (so an exit never closes another record's entry once `closes_compute` reruns).
"""

from __future__ import annotations

import unicodedata

import numpy as np

from sandbox.generation.calibration import DEFECT_RATES, TEST_RECORDS
from sandbox.generation.context import Context, Frame, frame_concat, frame_length, frame_take

WRONG_CODES = {
    "GTM": "GUA", "SLV": "SAL", "HND": "HON", "NIC": "NCA", "CRI": "CRC", "PAN": "PAM", "DOM": "RD<",
    "BLZ": "BZ<", "USA": "US<", "MEX": "MX<", "CAN": "CA<", "ESP": "ES<", "COL": "CO<",
}  # fmt: skip
MISREADS = {"0": "O", "1": "I", "5": "S", "8": "B"}


class DefectLog:
    """The rows of the truth table, collected as parallel lists."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, int, str, str, str, str, int]] = []

    def add(self, entity: str, uids, defect: str, field: str, injected, original, related=None) -> None:
        uids = np.asarray(uids).tolist()
        injected = [str(v) for v in np.asarray(injected, dtype=object).tolist()] if len(uids) else []
        original = [str(v) for v in np.asarray(original, dtype=object).tolist()] if len(uids) else []
        related = [-1] * len(uids) if related is None else np.asarray(related).tolist()
        self.rows += [
            (entity, u, defect, field, i[:200], o[:200], r)
            for u, i, o, r in zip(uids, injected, original, related, strict=True)
        ]

    def frame(self) -> Frame:
        columns = list(zip(*self.rows, strict=True)) if self.rows else [()] * 7
        names = ("entity", "entity_uid", "defect_type", "field_name", "injected_value", "original_value", "related_uid")
        return {
            name: np.array(values, dtype=np.int64 if name.endswith("uid") else object)
            for name, values in zip(names, columns, strict=True)
        }


def _count(rate: float, n: int) -> int:
    return min(n, max(1, round(rate * n))) if n else 0


def _strip_accents(value: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))


def _full_name(persons: Frame, index: np.ndarray) -> list[str]:
    return [
        " ".join(part for part in (g, a, b) if part)
        for g, a, b in zip(
            persons["given_names"][index].tolist(), persons["surname_1"][index].tolist(),
            persons["surname_2"][index].tolist(), strict=True,
        )
    ]  # fmt: skip


def test_records_add(ctx: Context, trips: Frame, persons: Frame, make_persons) -> tuple[Frame, Frame]:
    """The ~10 test records of production systems: one entry each at a busy airport."""
    rng = ctx.rng("test-records")
    n = len(TEST_RECORDS)
    airports = np.flatnonzero((ctx.posts.kind == "AIR") & (ctx.posts.weight > 0.1))
    post = rng.choice(airports, size=n)
    country = ctx.posts.country[post]
    extra = make_persons(ctx, "test-records", nationality=country, sex=np.full(n, "M"), age=np.full(n, 40.0))
    extra["given_names"][:] = [given for given, _s1, _s2 in TEST_RECORDS]
    extra["surname_1"][:] = [s1 for _given, s1, _s2 in TEST_RECORDS]
    extra["surname_2"][:] = [s2 for _given, _s1, s2 in TEST_RECORDS]
    extra["is_test"][:] = True
    first = frame_length(persons)
    test_trips = frame_take(trips, rng.integers(0, frame_length(trips), n))
    test_trips.update(
        post1=post, post2=post, country=country, mode=ctx.posts.kind[post], nationality=country,
        resident=np.zeros(n, dtype=bool), has1=np.ones(n, dtype=bool), has2=np.zeros(n, dtype=bool),
        refused=np.zeros(n, dtype=bool), missing=np.zeros(n, dtype=np.int8), child=np.zeros(n, dtype=bool),
        person=first + np.arange(n), cluster=np.full(n, -1),
    )  # fmt: skip
    common = [name for name in persons if name in extra]
    return frame_concat([trips, test_trips]), frame_concat(
        [{k: persons[k] for k in common}, {k: extra[k] for k in common}]
    )


def duplicates_inject(
    ctx: Context, persons: Frame, docs: Frame, m: Frame, trips: Frame, log: DefectLog
) -> tuple[Frame, Frame]:
    """Second records of travellers who later crossed under a new record (their later trips).
    Every person has an `identity`: the index of the traveller they are (their own, or for a
    second record or a neighbour's copy the first one's)."""
    rng = ctx.rng("defects-duplicates")
    # A journey's copy in a neighbour's records already has its traveller's identity.
    persons.setdefault("identity", np.arange(frame_length(persons), dtype=np.int64))
    span = frame_length(trips) + 1
    keys = np.unique(m["person"] * span + m["trip"])
    pairs = np.stack([keys // span, keys % span], axis=1)
    trips_per_person = np.bincount(pairs[:, 0], minlength=frame_length(persons))
    candidates = np.flatnonzero((trips_per_person >= 2) & ~persons["is_test"] & ~persons["is_minor"])
    chosen = rng.permutation(candidates)[: _count(DEFECT_RATES["DUPLICATE_PERSON"], frame_length(persons))]
    if not len(chosen):
        return persons, docs
    new_index = np.full(frame_length(persons), -1, dtype=np.int64)
    new_index[chosen] = frame_length(persons) + np.arange(len(chosen))
    # The later half of each chosen traveller's trips moves to the new record.
    mine = pairs[np.isin(pairs[:, 0], chosen)]
    start = trips["day1"][mine[:, 1]]
    order = np.lexsort((start, mine[:, 0]))
    mine, start = mine[order], start[order]
    first_row = np.searchsorted(mine[:, 0], chosen)
    cut_day = start[first_row + trips_per_person[chosen] // 2]
    cut = np.full(frame_length(persons), np.iinfo(np.int64).max)
    cut[chosen] = cut_day
    moved = np.flatnonzero((new_index[m["person"]] >= 0) & (trips["day1"][m["trip"]] >= cut[m["person"]]))
    copies = frame_take(persons, chosen)
    copies["identity"] = persons["identity"][chosen]
    variant = rng.random(len(chosen))
    hispanic = copies["surname_2"] != ""
    swap, drop, plain = (variant < 0.2) & hispanic, (variant >= 0.2) & (variant < 0.4) & hispanic, variant >= 0.6
    s1, s2 = copies["surname_1"].copy(), copies["surname_2"].copy()
    copies["surname_1"] = np.where(swap, s2, s1)
    copies["surname_2"] = np.where(swap, s1, np.where(drop, "", s2))
    for name in ("given_names", "surname_1", "surname_2"):
        values = copies[name]
        values[plain] = [_strip_accents(v) for v in values[plain].tolist()]
    old_docs = np.unique(m["document"][moved])
    old_docs = old_docs[old_docs >= 0]
    doc_copies = frame_take(docs, old_docs)
    doc_copies["person"] = new_index[docs["person"][old_docs]]
    # (A crossing without a document keeps none: it must not take the first copy.)
    shown = moved[m["document"][moved] >= 0]
    m["document"][shown] = frame_length(docs) + np.searchsorted(old_docs, m["document"][shown])
    m["person"][moved] = new_index[m["person"][moved]]
    log.add(
        "person", new_index[chosen] + 1, "DUPLICATE_PERSON", "", _full_name(copies, np.arange(len(chosen))),
        _full_name(persons, chosen), related=chosen + 1,
    )  # fmt: skip
    return frame_concat([persons, copies]), frame_concat([docs, doc_copies])


def names_damage(ctx: Context, persons: Frame, log: DefectLog, *, kept: np.ndarray) -> None:
    """Swapped, missing and married or particle surname variants; Ñ and accent variants; none
    on the `kept` persons (the hits' travellers: screening them again finds the same alerts)."""
    rng = ctx.rng("defects-names")
    n = frame_length(persons)
    usable = ~persons["is_test"] & ~kept
    hispanic = np.flatnonzero(usable & (persons["surname_2"] != ""))
    chosen = rng.permutation(hispanic)[: _count(DEFECT_RATES["NAME_VARIANT"], len(hispanic))]
    u = rng.random(len(chosen))
    s1, s2 = persons["surname_1"], persons["surname_2"]
    rows = chosen[u < 0.4]
    before = _full_name(persons, rows)
    s1[rows], s2[rows] = s2[rows].copy(), s1[rows].copy()
    log.add("person", rows + 1, "NAME_VARIANT", "surname_1", _full_name(persons, rows), before)
    rows = chosen[(u >= 0.4) & (u < 0.7)]
    before = _full_name(persons, rows)
    s2[rows] = ""
    log.add("person", rows + 1, "NAME_VARIANT", "surname_2", _full_name(persons, rows), before)
    rows = chosen[(u >= 0.7) & (persons["sex"][chosen] == "F")]
    before = _full_name(persons, rows)
    s2[rows] = np.array(["de " + v for v in s1[rng.integers(0, n, len(rows))].tolist()], dtype=object)
    log.add("person", rows + 1, "NAME_VARIANT", "surname_2", _full_name(persons, rows), before)
    rows = chosen[(u >= 0.7) & (persons["sex"][chosen] != "F")]
    before = _full_name(persons, rows)
    s1[rows] = np.array([v[3:] if v.startswith("De ") else "De " + v for v in s1[rows].tolist()], dtype=object)
    log.add("person", rows + 1, "NAME_VARIANT", "surname_1", _full_name(persons, rows), before)
    accented = np.array(
        [
            not (g + a + b).isascii()
            for g, a, b in zip(persons["given_names"].tolist(), s1.tolist(), s2.tolist(), strict=True)
        ]
    )
    candidates = np.flatnonzero(usable & accented)
    chosen = rng.permutation(candidates)[: _count(DEFECT_RATES["DIACRITIC"], n) if len(candidates) else 0]
    for row, nxx in zip(chosen.tolist(), (rng.random(len(chosen)) < 0.5).tolist(), strict=True):
        field = next(f for f in ("surname_1", "surname_2", "given_names") if not persons[f][row].isascii())
        original = persons[field][row]
        injected = original.replace("ñ", "nxx" if nxx else "n").replace("Ñ", "Nxx" if nxx else "N")
        persons[field][row] = _strip_accents(injected)
        log.add("person", [row + 1], "DIACRITIC", field, [persons[field][row]], [original])


def persons_damage(ctx: Context, persons: Frame, log: DefectLog, *, kept: np.ndarray) -> None:
    """Birth dates with day and month swapped or implausible; sex missing or inconsistent; no
    birth date changed of the `kept` persons."""
    rng = ctx.rng("defects-persons")
    n = frame_length(persons)
    usable = ~persons["is_test"]
    dated = usable & ~kept
    birth = persons["birth_date"]
    months = birth.astype("datetime64[M]")
    day = (birth - months).astype(np.int64) + 1
    month = months.astype(np.int64) % 12 + 1
    year = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    candidates = np.flatnonzero(dated & (day <= 12) & (day != month))
    chosen = rng.permutation(candidates)[: _count(DEFECT_RATES["DOB_SWAPPED"], n)]
    swapped = np.array(
        [
            np.datetime64(f"{y:04d}-{d:02d}-{mo:02d}")
            for y, d, mo in zip(year[chosen], day[chosen], month[chosen], strict=True)
        ],
        dtype="datetime64[D]",
    )
    log.add("person", chosen + 1, "DOB_SWAPPED", "birth_date", swapped.astype(str), birth[chosen].astype(str))
    birth[chosen] = swapped
    rest = np.setdiff1d(np.flatnonzero(dated), chosen)
    chosen = rng.permutation(rest)[: _count(DEFECT_RATES["DOB_IMPLAUSIBLE"], n)]
    implausible = np.where(
        rng.random(len(chosen)) < 0.5,
        np.datetime64("1900-01-01"),
        np.datetime64("2049-01-01") + rng.integers(0, 365, len(chosen)).astype("timedelta64[D]"),
    )
    log.add("person", chosen + 1, "DOB_IMPLAUSIBLE", "birth_date", implausible.astype(str), birth[chosen].astype(str))
    birth[chosen] = implausible
    chosen = rng.permutation(np.flatnonzero(usable))[: _count(DEFECT_RATES["SEX_MISMATCH"], n)]
    wrong = np.where(rng.random(len(chosen)) < 0.5, "X", np.where(persons["sex"][chosen] == "M", "F", "M"))
    log.add("person", chosen + 1, "SEX_MISMATCH", "sex", wrong, persons["sex"][chosen])
    persons["sex"][chosen] = wrong


def _mrz_positions(docs: Frame, rows: np.ndarray, field: str) -> np.ndarray:
    """Offset in the MRZ text of a field: TD3 lines are 44 long, TD1 lines 30 (plus the newline)."""
    td3 = docs["document_type"][rows] == "P"
    if field == "nationality":
        return np.where(td3, 45 + 10, 31 + 15)
    return np.where(td3, 45, 5)  # the document number


def documents_damage(ctx: Context, docs: Frame, log: DefectLog, *, kept: np.ndarray) -> None:
    """Wrong country codes and misreads in the MRZ as recorded; one number on two documents;
    none of them on the `kept` documents (the hits' and the alerted ones), nor a kept number
    given to another document."""
    rng = ctx.rng("defects-documents")
    n = frame_length(docs)
    with_mrz = np.flatnonzero((docs["mrz"] != "") & ~kept)
    shuffled = rng.permutation(with_mrz)
    n_code = _count(DEFECT_RATES["WRONG_COUNTRY_CODE"], n)
    n_misread = _count(DEFECT_RATES["MRZ_MISREAD"], n)
    n_shared = _count(DEFECT_RATES["SHARED_DOCUMENT"], n)
    code_rows = shuffled[:n_code]
    misread_rows = shuffled[n_code : n_code + n_misread]
    shared_rows = shuffled[n_code + n_misread : n_code + n_misread + n_shared]
    for row, at in zip(code_rows.tolist(), _mrz_positions(docs, code_rows, "nationality").tolist(), strict=True):
        text = docs["mrz"][row]
        right = text[at : at + 3]
        wrong = WRONG_CODES.get(right.strip("<"), (right.strip("<")[:2] + "<<")[:3])
        docs["mrz"][row] = text[:at] + wrong + text[at + 3 :]
        log.add("document", [row + 1], "WRONG_COUNTRY_CODE", "mrz", [wrong.strip("<")], [right.strip("<")])
    for row, at in zip(misread_rows.tolist(), _mrz_positions(docs, misread_rows, "number").tolist(), strict=True):
        text = docs["mrz"][row]
        number = text[at : at + 9]
        position = next((i for i, c in enumerate(number) if c in MISREADS), 0)
        read = number[:position] + MISREADS.get(number[position], "2") + number[position + 1 :]
        docs["mrz"][row] = text[:at] + read + text[at + 9 :]
        log.add("document", [row + 1], "MRZ_MISREAD", "mrz", [read], [number])
    if len(shared_rows):
        donors = np.flatnonzero(~kept)
        donor = donors[rng.integers(0, len(donors), len(shared_rows))]
        donor = np.where(donor == shared_rows, donors[(np.searchsorted(donors, donor) + 1) % len(donors)], donor)
        log.add(
            "document", shared_rows + 1, "SHARED_DOCUMENT", "number", docs["number"][donor],
            docs["number"][shared_rows], related=donor + 1,
        )  # fmt: skip
        docs["number"][shared_rows] = docs["number"][donor]
        docs["issuing_state"][shared_rows] = docs["issuing_state"][donor]


def movements_damage(
    ctx: Context, m: Frame, trips: Frame, persons: Frame, uid: np.ndarray, log: DefectLog, *, kept: np.ndarray
) -> None:
    """Missing counterparts (decided on the trips), time-zone and date errors, crossings outside
    opening hours, minors exiting without their adult. `uid` is each movement's uid; the `kept`
    movements (those with hits) keep their local date."""
    rng = ctx.rng("defects-movements")
    n = frame_length(m)
    missing = trips["missing"][m["trip"]]
    rows = np.flatnonzero(missing > 0)
    lost = np.where(m["direction"][rows] == "ENTRY", "EXIT", "ENTRY")
    log.add("movement", uid[rows], "MISSING_COUNTERPART", "", np.full(len(rows), ""), lost)
    offset = ctx.post_offset[m["post"]]
    shuffled = rng.permutation(n)
    rows = shuffled[: _count(DEFECT_RATES["TIME_ZONE"], n)]
    local = m["local_date"][rows]
    months = local.astype("datetime64[M]")
    day, month = (local - months).astype(np.int64) + 1, months.astype(np.int64) % 12 + 1
    year = local.astype("datetime64[Y]").astype(np.int64) + 1970
    swap = (rng.random(len(rows)) < 0.3) & (day <= 12) & (day != month) & ~kept[rows]
    swapped = np.array(
        [
            np.datetime64(f"{y:04d}-{d:02d}-{mo:02d}")
            for y, d, mo in zip(year[swap], day[swap], month[swap], strict=True)
        ],
        dtype="datetime64[D]",
    )
    log.add("movement", uid[rows[swap]], "TIME_ZONE", "local_date", swapped.astype(str), local[swap].astype(str))
    m["local_date"][rows[swap]] = swapped
    shifted = rows[~swap]
    wrong = m["occurred_at"][shifted] + offset[shifted].astype("timedelta64[s]")
    log.add("movement", uid[shifted], "TIME_ZONE", "occurred_at", _iso(wrong), _iso(m["occurred_at"][shifted]))
    m["occurred_at"][shifted] = wrong
    day_hours = ~ctx.posts.is_open_24h[m["post"]] & (ctx.posts.kind[m["post"]] == "LAND")
    rows = rng.permutation(np.setdiff1d(np.flatnonzero(day_hours), shuffled[: _count(DEFECT_RATES["TIME_ZONE"], n)]))
    rows = rows[: _count(DEFECT_RATES["OUTSIDE_HOURS"], n)]
    seconds = rng.integers(1800, 5 * 3600, len(rows))
    _retime(m, rows, seconds, offset, uid, "OUTSIDE_HOURS", log)
    minors = np.flatnonzero(m["child"] & (m["direction"] == "EXIT"))
    rows = rng.permutation(minors)[: _count(DEFECT_RATES["MINOR_WITHOUT_ADULT"], len(minors))]
    seconds = m["seconds"][rows]
    seconds = np.where(seconds < 14 * 3600, seconds + 4 * 3600, seconds - 4 * 3600)
    parent_key = np.full(2 * frame_length(trips), -1, dtype=np.int64)
    parent_key[m["trip"] * 2 + m["leg"]] = np.arange(n)
    parents = parent_key[trips["cluster"][m["trip"][rows]] * 2 + m["leg"][rows]]
    _retime(m, rows, seconds, offset, uid, "MINOR_WITHOUT_ADULT", log, related=np.where(parents >= 0, uid[parents], -1))


def _iso(values: np.ndarray) -> np.ndarray:
    return np.char.add(np.datetime_as_string(values, unit="s"), "Z")


def _retime(m: Frame, rows, seconds, offset, uid, defect: str, log: DefectLog, related=None) -> None:
    """Move movements to other seconds of their local day, keeping the local date."""
    midnight = m["local_date"][rows].astype("datetime64[s]")
    wrong = midnight + (seconds - offset[rows]).astype("timedelta64[s]")
    log.add("movement", uid[rows], defect, "occurred_at", _iso(wrong), _iso(m["occurred_at"][rows]), related=related)
    m["occurred_at"][rows] = wrong
    m["seconds"][rows] = seconds


def alerts_and_tests_record(alerts: Frame, persons: Frame, log: DefectLog) -> None:
    stale = np.flatnonzero(alerts["stale"])
    log.add("alert", stale + 1, "STALE_ALERT", "status", np.full(len(stale), "ACTIVE"), np.full(len(stale), "EXPIRED"))
    tests = np.flatnonzero(persons["is_test"])
    log.add("person", tests + 1, "TEST_RECORD", "given_names", _full_name(persons, tests), np.full(len(tests), ""))
