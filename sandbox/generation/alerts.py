"""The alert stock, inflated for training, and the hits it produced at the border.

Job: about 1% of movements (DOMAIN.md 5b: 0.5-2%) get a hit, split 60% fuzzy-name false
positives, 25% document hits (lost, stolen or revoked documents), 10% person alerts and 5%
minor-protection alerts; each hit's alert is created for it, then each OCAM country's stock
is filled up to a few hundred document alerts (on real generated documents, so learners'
crossings can hit them, and on documents never seen) and tens to hundreds of person alerts
(lookalikes of real travellers, so fuzzy matches happen). 10-20% of alerts are stale: past
their validity but still ACTIVE.

Invariants: every alert is `is_training_inflated`; a hit's alert was valid from before the
hit and after the previous use of the document or crossing of the person; the hit movement
is the document's or person's last, so no later crossing ignores an active alert; document
alerts name an existing document number; documents with alerts carry the matching status.
"""

from __future__ import annotations

import numpy as np

from sandbox.generation.calibration import (
    DOCUMENT_ALERTS_PER_COUNTRY,
    HIT_KINDS,
    HIT_SHARE,
    MISSING_MINOR_STALE_SHARE,
    OCAM,
    PERSON_ALERTS_PER_COUNTRY,
    STALE_ALERT_SHARE,
)
from sandbox.generation.context import Context, Frame, frame_concat, frame_length
from sandbox.reference import ALERT_CATEGORIES

CATEGORY = {row.code: row for row in ALERT_CATEGORIES}
ISO2 = {"GTM": "GT", "SLV": "SV", "HND": "HN", "NIC": "NI", "CRI": "CR", "PAN": "PA", "BLZ": "BZ", "DOM": "DO"}
SCOPES = (("OCAM_ALL", 0.6), ("NATIONAL", 0.3), ("SELECTED", 0.1))
NAT = np.datetime64("NaT", "D")


def _last_and_previous(key: np.ndarray, eligible: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per key of the movements (already in time order): the key, its last movement and the one before (-1)."""
    rows = np.flatnonzero(eligible & (key >= 0))
    order = rows[np.argsort(key[rows], kind="stable")]
    ends = np.flatnonzero(np.concatenate([key[order][1:] != key[order][:-1], [True]]))
    last = order[ends]
    has_previous = (ends > 0) & np.concatenate([[False], key[order][ends[1:] - 1] == key[order][ends[1:]]])
    previous = np.where(has_previous, order[np.maximum(ends - 1, 0)], -1)
    return key[last], last, previous


def _subject_names(persons: Frame, index: np.ndarray) -> np.ndarray:
    given, s1, s2 = (persons[name][index].tolist() for name in ("given_names", "surname_1", "surname_2"))
    values = np.empty(len(index), dtype=object)
    values[:] = [f"{a} {b}".strip() + f", {g}" for a, b, g in zip(s1, s2, given, strict=True)]
    return values


def _alerts(
    rng: np.random.Generator, *, category: np.ndarray, issuing: np.ndarray, valid_from: np.ndarray, n: int
) -> Frame:
    scopes, shares = zip(*SCOPES, strict=True)
    return {
        "category": category.astype("<U20"),
        "subject_kind": np.array([CATEGORY[c].subject_kind for c in category.tolist()], dtype="<U8"),
        "action": np.array([CATEGORY[c].default_action for c in category.tolist()], dtype="<U16"),
        "sensitivity": np.array([CATEGORY[c].sensitivity for c in category.tolist()], dtype="<U8"),
        "issuing_country": issuing.astype("<U3"),
        "valid_from": valid_from,
        "sharing_scope": np.array(scopes)[rng.choice(len(scopes), size=n, p=shares)].astype("<U8"),
        "person": np.full(n, -1, dtype=np.int64),
        "subject_name": np.full(n, "", dtype=object),
        "subject_birth_date": np.full(n, NAT),
        "document": np.full(n, -1, dtype=np.int64),
        "document_number": np.full(n, "", dtype=object),
        "document_issuing_state": np.full(n, "", dtype="<U3"),
        "hit_day": np.full(n, NAT),
        "lookalike_of": np.full(n, -1, dtype=np.int64),
    }


def _valid_from(ctx: Context, rng: np.random.Generator, m: Frame, last: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """A day after the previous use (or up to a year before) and before the hit."""
    hit = m["local_date"][last]
    before = np.where(previous >= 0, m["local_date"][np.maximum(previous, 0)], hit - np.timedelta64(400, "D"))
    span = np.maximum((hit - before).astype(np.int64) - 1, 1)
    return np.minimum(before + 1 + (rng.random(len(last)) * span).astype(np.int64), hit)


def alerts_build(ctx: Context, persons: Frame, docs: Frame, m: Frame, numbers) -> tuple[Frame, Frame]:
    """Alerts (with `person`/`document` indices) and hits (`alert`, `movement` indices); marks
    the movements' screening result and the alerted documents' status in place."""
    rng = ctx.rng("alerts")
    n_movements = frame_length(m)
    eligible = (m["decision"] == "ADMITTED") & ~persons["is_test"][m["person"]] & (m["document"] >= 0)
    taken = np.zeros(n_movements, dtype=bool)
    total = round(HIT_SHARE * n_movements)
    wanted = {kind: round(total * share) for kind, share in HIT_KINDS}
    parts, hit_rows, hit_kind = [], [], []

    # Document hits: the last crossing with a document reported lost, stolen or revoked.
    doc, last, previous = _last_and_previous(m["document"], eligible)
    pick = rng.permutation(len(doc))[: wanted["DOCUMENT"]]
    doc, last, previous = doc[pick], last[pick], previous[pick]
    revoked = rng.random(len(doc)) < 0.2
    part = _alerts(
        rng, category=np.where(revoked, "DOC_REVOKED", "DOC_LOST_STOLEN"), issuing=docs["issuing_state"][doc],
        valid_from=_valid_from(ctx, rng, m, last, previous), n=len(doc),
    )  # fmt: skip
    part["document"], part["hit_day"] = doc, m["local_date"][last]
    docs["status"][doc] = np.where(revoked, "REVOKED", np.where(rng.random(len(doc)) < 0.5, "STOLEN", "LOST"))
    parts.append(part)
    hit_rows.append(last)
    hit_kind.append(np.full(len(last), "DOCUMENT"))
    taken[last] = True

    # Person and minor-protection hits: the person's last crossing.
    minor_at_crossing = np.isin(m["age_group"], ("Y_LT12", "Y12T17"))
    for kind in ("PERSON", "MINOR"):
        mask = eligible & ~taken & (minor_at_crossing if kind == "MINOR" else ~minor_at_crossing)
        if kind == "MINOR":
            mask &= m["direction"] == "EXIT"
        who, last, previous = _last_and_previous(m["person"], mask)
        pick = rng.permutation(len(who))[: wanted[kind]]
        who, last, previous = who[pick], last[pick], previous[pick]
        if kind == "MINOR":
            category = np.full(len(who), "MISSING_MINOR")
            nationality = persons["nationality"][who]
            issuing = np.where(np.isin(nationality, OCAM), nationality, m["country"][last])
        else:
            u = rng.random(len(who))
            ban = np.where(m["direction"][last] == "EXIT", "EXIT_BAN", "ENTRY_BAN")
            category = np.where(u < 0.4, ban, np.where(u < 0.8, "WANTED", "DISCREET_CHECK"))
            issuing = m["country"][last]
        part = _alerts(
            rng, category=category, issuing=issuing, valid_from=_valid_from(ctx, rng, m, last, previous), n=len(who)
        )
        part["person"], part["hit_day"] = who, m["local_date"][last]
        parts.append(part)
        hit_rows.append(last)
        hit_kind.append(np.full(len(last), kind))
        taken[last] = True

    alerts = frame_concat(parts)
    alerts = frame_concat([alerts, _stock(ctx, rng, persons, docs, m, alerts, numbers)])
    fuzzy_rows, fuzzy_alerts = _fuzzy_hits(rng, persons, m, alerts, eligible & ~taken, wanted["FUZZY"])
    _fill_subjects(rng, persons, docs, alerts)
    _validity(ctx, rng, alerts)
    rows = np.concatenate([*hit_rows, fuzzy_rows])
    alert_of_row = np.concatenate([np.arange(sum(map(len, hit_rows))), fuzzy_alerts])
    kinds = np.concatenate([*hit_kind, np.full(len(fuzzy_rows), "FUZZY")])
    hits = _hits(ctx, rng, m, rows, alert_of_row, kinds)
    return alerts, hits


def _stock(
    ctx: Context, rng: np.random.Generator, persons: Frame, docs: Frame, m: Frame, alerts: Frame, numbers
) -> Frame:
    """Alerts without hits, up to each OCAM country's stock: documents and lookalike persons."""
    doc_low, doc_high = DOCUMENT_ALERTS_PER_COUNTRY
    person_low, person_high = PERSON_ALERTS_PER_COUNTRY
    doc_target = int(np.clip(ctx.scale / 400, doc_low, doc_high))
    person_target = int(np.clip(ctx.scale / 2000, person_low, person_high))
    last_use = np.full(len(docs["person"]), ctx.start64 - np.timedelta64(1, "D"))
    used = m["document"] >= 0
    np.maximum.at(last_use, m["document"][used], m["local_date"][used])
    alerted = np.zeros(len(docs["person"]), dtype=bool)
    alerted[alerts["document"][alerts["document"] >= 0]] = True
    end = np.datetime64(ctx.end, "D")
    parts = []
    for country in OCAM:
        have = alerts["issuing_country"] == country
        n_doc = max(0, doc_target - int((have & (alerts["subject_kind"] == "DOCUMENT")).sum()))
        candidates = np.flatnonzero(
            (docs["issuing_state"] == country) & (docs["status"] == "VALID") & ~alerted & (last_use < end - 30)
        )
        real = rng.permutation(candidates)[: n_doc // 2]
        alerted[real] = True
        invented = n_doc - len(real)
        after = last_use[real] + 1 + rng.integers(0, 30, len(real))
        valid_from = np.concatenate([after, end - rng.integers(30, 1500, invented).astype("timedelta64[D]")])
        category = np.where(rng.random(n_doc) < 0.8, "DOC_LOST_STOLEN", "DOC_REVOKED")
        part = _alerts(rng, category=category, issuing=np.full(n_doc, country), valid_from=valid_from, n=n_doc)
        part["document"][: len(real)] = real
        part["document_number"][len(real) :] = numbers.take(invented).astype(object)
        part["document_issuing_state"][len(real) :] = country
        docs["status"][real] = np.where(category[: len(real)] == "DOC_REVOKED", "REVOKED", "STOLEN")
        parts.append(part)
        n_person = max(0, person_target - int((have & (alerts["subject_kind"] == "PERSON")).sum()))
        u = rng.random(n_person)
        category = np.select(
            [u < 0.3, u < 0.55, u < 0.8, u < 0.9], ["ENTRY_BAN", "EXIT_BAN", "WANTED", "DISCREET_CHECK"], "INFO"
        )
        part = _alerts(
            rng, category=category, issuing=np.full(n_person, country),
            valid_from=end - rng.integers(30, 900, n_person).astype("timedelta64[D]"), n=n_person,
        )  # fmt: skip
        part["lookalike_of"] = rng.choice(np.flatnonzero(~persons["is_minor"] & ~persons["is_test"]), size=n_person)
        parts.append(part)
    return frame_concat(parts)


def _fuzzy_hits(
    rng: np.random.Generator, persons: Frame, m: Frame, alerts: Frame, candidates: np.ndarray, wanted: int
) -> tuple[np.ndarray, np.ndarray]:
    """False positives: crossings of travellers who share a first surname with a lookalike alert."""
    lookalikes = np.flatnonzero(alerts["lookalike_of"] >= 0)
    if not len(lookalikes) or not wanted:
        return np.arange(0), np.arange(0)
    code = np.unique(persons["surname_1"].astype(str), return_inverse=True)[1]
    alert_code = code[alerts["lookalike_of"][lookalikes]]
    order = np.argsort(alert_code, kind="stable")
    sorted_code = alert_code[order]
    movement_code = code[m["person"]]
    rows = np.flatnonzero(candidates & np.isin(movement_code, sorted_code))
    rows = np.sort(rng.permutation(rows)[:wanted])
    first = np.searchsorted(sorted_code, movement_code[rows], side="left")
    count = np.searchsorted(sorted_code, movement_code[rows], side="right") - first
    chosen = lookalikes[order[first + (rng.random(len(rows)) * count).astype(np.int64)]]
    return rows, chosen


def _fill_subjects(rng: np.random.Generator, persons: Frame, docs: Frame, alerts: Frame) -> None:
    """Names and birth dates of person alerts, numbers and states of document alerts."""
    linked = np.flatnonzero(alerts["person"] >= 0)
    alerts["subject_name"][linked] = _subject_names(persons, alerts["person"][linked])
    alerts["subject_birth_date"][linked] = persons["birth_date"][alerts["person"][linked]]
    alike = np.flatnonzero(alerts["lookalike_of"] >= 0)
    source = alerts["lookalike_of"][alike]
    other = rng.integers(0, len(persons["surname_1"]), len(alike))
    given, s1 = persons["given_names"][source].tolist(), persons["surname_1"][source].tolist()
    s2 = np.where(persons["surname_2"][source] != "", persons["surname_1"][other], "").tolist()
    names = np.empty(len(alike), dtype=object)
    names[:] = [f"{a} {b}".strip() + f", {g}" for a, b, g in zip(s1, s2, given, strict=True)]
    alerts["subject_name"][alike] = names
    shift = rng.integers(200, 2500, len(alike)) * np.where(rng.random(len(alike)) < 0.5, -1, 1)
    alerts["subject_birth_date"][alike] = persons["birth_date"][source] + shift.astype("timedelta64[D]")
    documents = np.flatnonzero(alerts["document"] >= 0)
    alerts["document_number"][documents] = docs["number"][alerts["document"][documents]].astype(object)
    alerts["document_issuing_state"][documents] = docs["issuing_state"][alerts["document"][documents]]


def _validity(ctx: Context, rng: np.random.Generator, alerts: Frame) -> None:
    """Validity and status; the stale alerts are past their validity and still ACTIVE."""
    n = frame_length(alerts)
    end = np.datetime64(ctx.end, "D")
    days = np.array([CATEGORY[c].default_validity_days for c in alerts["category"].tolist()])
    normal_until = alerts["valid_from"] + days.astype("timedelta64[D]")
    share = np.where(alerts["category"] == "MISSING_MINOR", MISSING_MINOR_STALE_SHARE, STALE_ALERT_SHARE)
    lower = np.where(
        np.isnat(alerts["hit_day"]), alerts["valid_from"], np.maximum(alerts["valid_from"], alerts["hit_day"])
    )
    lower = np.maximum(lower, ctx.start64) + 1
    room = (end - 1 - lower).astype(np.int64)
    stale = (rng.random(n) < share) & (room > 0)
    stale_until = lower + (rng.random(n) * np.maximum(room, 1)).astype(np.int64)
    alerts["valid_until"] = np.where(stale, stale_until, normal_until)
    expired = ~stale & (alerts["valid_until"] < end)
    closed = np.where(rng.random(n) < 0.8, "EXPIRED", np.where(rng.random(n) < 0.5, "FULFILLED", "CANCELLED"))
    alerts["status"] = np.where(expired, closed, "ACTIVE").astype("<U10")
    alerts["stale"] = stale
    year = alerts["valid_from"].astype("datetime64[Y]").astype(np.int64) + 1970
    kind = np.where(alerts["subject_kind"] == "DOCUMENT", "DOC", "PER")
    serial = rng.integers(1, 10**5, n)
    alerts["legal_reference"] = np.array(
        [
            f"{ISO2.get(c, c)}-{k}-{y}-{s:05d}"
            for c, k, y, s in zip(
                alerts["issuing_country"].tolist(), kind.tolist(), year.tolist(), serial.tolist(), strict=True
            )
        ],
        dtype=object,
    )


def _hits(
    ctx: Context, rng: np.random.Generator, m: Frame, rows: np.ndarray, alert: np.ndarray, kind: np.ndarray
) -> Frame:
    """AlertHit rows, and the screening result of their movements."""
    n = len(rows)
    fuzzy = kind == "FUZZY"
    m["screening_result"][rows] = np.where(fuzzy, "POSSIBLE", "HIT")
    recent = m["local_date"][rows] >= np.datetime64(ctx.end, "D") - 3
    confirmed = np.where(rng.random(n) < 0.95, "CONFIRMED", "INCONCLUSIVE")
    disposition = np.where(recent, "PENDING", np.where(fuzzy, "FALSE_POSITIVE", confirmed))
    disposed_at = m["occurred_at"][rows] + rng.integers(600, 14400, n).astype("timedelta64[s]")
    score = np.select(
        [kind == "DOCUMENT", fuzzy],
        [1.0, np.round(0.72 + 0.2 * rng.random(n), 2)],
        np.round(0.93 + 0.07 * rng.random(n), 2),
    )
    return {
        "alert": alert.astype(np.int64),
        "movement": rows.astype(np.int64),
        "match_type": np.where(kind == "DOCUMENT", "DOC_EXACT", "NAME_DOB_FUZZY").astype("<U16"),
        "score": score,
        "disposition": disposition.astype("<U16"),
        "disposed_at": np.where(disposition == "PENDING", np.datetime64("NaT", "s"), disposed_at),
        "kind": kind,
    }
