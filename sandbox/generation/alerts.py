"""The alert stock, inflated for training, and the hits it produced at the border.

Job: about 1% of movements (DOMAIN.md 5b: 0.5-2%) get a hit, split 60% fuzzy-name false
positives, 25% document hits (lost, stolen or revoked documents), 10% person alerts and 5%
minor-protection alerts; each hit's alert is created for it, then each OCAM country's stock
is filled up to a few hundred document alerts (on real generated documents, so learners'
crossings can hit them, and on documents never seen) and tens to hundreds of person alerts
(lookalikes of real travellers). A fuzzy hit's alert is a lookalike of its own traveller that
the live matcher (`sandbox.matching.person_match`) scores POSSIBLE, never HIT: the same birth
date or its day and month swapped (the same blocking key), one or both surnames, swapped or
misspelt, the given names misspelt or the first one only; its score and matched fields are
the matcher's, and it matches no other person with the same blocking key. Screening a hit's
traveller again, at its post on its day, finds its alert at the same level (the hits'
travellers and documents take no injected defect, nor do the dates of those travellers'
crossings).
10-20% of alerts are stale: past their validity but still ACTIVE. The hits are adjudicated
as the secondary line would (`sandbox.screening.hit_adjudicate`): a confirmed alert that
forbids the crossing refuses the movement (refusal code ALERT_CONFIRMED; a refused exit
closes no entry, which stays open), seizes an alerted document, notifies the issuing country
when it is another; hits of the last three days are still PENDING and their movements
REFERRED (SCREENING_HIT).

Hits fall throughout travellers' histories: a discreet-check alert hits each of a run of a
person's crossings; an alert that refuses the crossing falls on a crossing after which the
history stays consistent (the person's last, or an entry followed by another entry: the
traveller went back), never on a national's entry home.

Invariants: every alert is `is_training_inflated`; an alert is in force (from `valid_from`
to `valid_until`, whatever its final status) on no day its subject crosses (a movement of the
person, or with the document) without a hit of that alert: the window starts after the
subject's crossing before its first hit and ends before the one after its last; a confirmed
hit of a blocking alert (`sandbox.screening.BLOCKING_ACTIONS`) never ends in an admitted
movement; a confirmed document hit leaves the document SEIZED; no entry ban is issued by a
country on one of its nationals; an alert reaches the post of each of its hits under its
sharing scope (`shared_with` lists members, never the issuer) and applies to its direction;
a fuzzy hit's alert hits one crossing and is in force on no other of its traveller's;
document alerts name an existing document number; documents with alerts carry the matching
status.
"""

from __future__ import annotations

import datetime as dt

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
from sandbox.matching import PersonMatch, person_match
from sandbox.reference import ALERT_CATEGORIES
from sandbox.screening import ACTIONS_ON_CONFIRMATION, BLOCKING_ACTIONS

CATEGORY = {row.code: row for row in ALERT_CATEGORIES}
ISO2 = {"GTM": "GT", "SLV": "SV", "HND": "HN", "NIC": "NI", "CRI": "CR", "PAN": "PA", "BLZ": "BZ", "DOM": "DO"}
SCOPES = (("OCAM_ALL", 0.6), ("NATIONAL", 0.3), ("SELECTED", 0.1))
NAT = np.datetime64("NaT", "D")
REVIEW_INTERVAL_DAYS = 90  # as sandbox.alerts: a review every quarter, within the validity
DISCREET_SHARE_OF_PERSON_HITS = 0.3  # the rest: bans and warrants, one hit each
DISCREET_RUN = (1, 4)  # crossings of a person a discreet-check alert hits, at least and at most
DISCREET_SPAN_DAYS = 300
INCONCLUSIVE_SHARE = 0.1  # of discreet-check hits
PENDING_DAYS = 3  # hits of the period's last days wait for the secondary line
# A confirmed hit closes these alerts: the person is detained or found, the document seized.
FULFILLED_ON_CONFIRMATION = ("WANTED", "MISSING_MINOR", "DOC_LOST_STOLEN", "DOC_REVOKED")
# The officers' words: the refusal of a confirmed hit, by category, and their dispositions.
REFUSAL_REASONS = {
    "DOC_LOST_STOLEN": "Documento con denuncia de robo o extravío: retenido",
    "DOC_REVOKED": "Documento anulado: retenido",
    "ENTRY_BAN": "Prohibición de ingreso vigente confirmada",
    "EXIT_BAN": "Impedimento de salida (arraigo) vigente confirmado",
    "WANTED": "Orden de captura confirmada: entregado a la policía",
    "MISSING_MINOR": "Alerta de niñez desaparecida confirmada: remitido a protección de la niñez",
}
DISPOSITION_REASONS = {
    "DOCUMENT": "Número y estado emisor coinciden con la alerta; el documento es el denunciado",
    "PERSON": "Identidad confirmada con el registro de la persona y el documento",
    "MINOR": "Identidad del menor confirmada con el documento y la ficha de la alerta",
    "FALSE_POSITIVE": "Nombre y fecha de nacimiento parecidos; filiación, documento y fotografía no corresponden",
    "INCONCLUSIVE": "Datos insuficientes para confirmar; se consultó al país emisor",
}
ACKNOWLEDGED_SHARE = 0.85
LOOKALIKE_TRIES = 12  # name variants tried per fuzzy hit before its crossing is left unhit
# Spellings clerks confuse in Spanish names: (as written, as misspelt).
SPELLING_CONFUSIONS = (
    ("z", "s"), ("s", "z"), ("v", "b"), ("b", "v"), ("ll", "y"), ("y", "ll"), ("c", "s"), ("j", "g"),
    ("g", "j"), ("rr", "r"), ("h", ""), ("i", "y"),
)  # fmt: skip


def _neighbours(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per movement (in time order): the row of the previous and of the next movement with the
    same key (-1 for none, or for a negative key)."""
    n = len(key)
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    pairs = np.flatnonzero((ordered[1:] == ordered[:-1]) & (ordered[:-1] >= 0))
    previous, following = np.full(n, -1, dtype=np.int64), np.full(n, -1, dtype=np.int64)
    following[order[pairs]] = order[pairs + 1]
    previous[order[pairs + 1]] = order[pairs]
    return previous, following


def _pick(rng: np.random.Generator, key: np.ndarray, mask: np.ndarray, k: int) -> np.ndarray:
    """Up to k random rows of the mask, one per key, in time order."""
    rows = rng.permutation(np.flatnonzero(mask))
    first = np.sort(np.unique(key[rows], return_index=True)[1])
    return np.sort(rows[first][:k])


def _subject_names(persons: Frame, index: np.ndarray) -> np.ndarray:
    given, s1, s2 = (persons[name][index].tolist() for name in ("given_names", "surname_1", "surname_2"))
    values = np.empty(len(index), dtype=object)
    values[:] = [f"{a} {b}".strip() + f", {g}" for a, b, g in zip(s1, s2, given, strict=True)]
    return values


def _alerts(
    rng: np.random.Generator, *, category: np.ndarray, issuing: np.ndarray, n: int, valid_from: np.ndarray | None = None
) -> Frame:
    scopes, shares = zip(*SCOPES, strict=True)
    return {
        "category": category.astype("<U20"),
        "subject_kind": np.array([CATEGORY[c].subject_kind for c in category.tolist()], dtype="<U8"),
        "action": np.array([CATEGORY[c].default_action for c in category.tolist()], dtype="<U16"),
        "sensitivity": np.array([CATEGORY[c].sensitivity for c in category.tolist()], dtype="<U8"),
        "issuing_country": issuing.astype("<U3"),
        "valid_from": np.full(n, NAT) if valid_from is None else valid_from.astype("datetime64[D]"),
        "sharing_scope": np.array(scopes)[rng.choice(len(scopes), size=n, p=shares)].astype("<U8"),
        "person": np.full(n, -1, dtype=np.int64),
        "subject_name": np.full(n, "", dtype=object),
        "subject_birth_date": np.full(n, NAT),
        "subject_nationality": np.full(n, "", dtype="<U3"),
        "document": np.full(n, -1, dtype=np.int64),
        "document_number": np.full(n, "", dtype=object),
        "document_issuing_state": np.full(n, "", dtype="<U3"),
        "lookalike_of": np.full(n, -1, dtype=np.int64),
        # A fuzzy hit's alert: the score and fields of `sandbox.matching.person_match` on its traveller.
        "match_score": np.full(n, np.nan),
        "match_fields": np.full(n, None, dtype=object),
        # The days of the first and last hit, and of the subject's crossings just before and after them.
        "first_day": np.full(n, NAT),
        "last_day": np.full(n, NAT),
        "after_day": np.full(n, NAT),
        "before_day": np.full(n, NAT),
    }


def _window(part: Frame, m: Frame, first: np.ndarray, last: np.ndarray, previous, following) -> None:
    day = m["local_date"]
    part["first_day"], part["last_day"] = day[first], day[last]
    part["after_day"] = np.where(previous[first] >= 0, day[np.maximum(previous[first], 0)], NAT)
    part["before_day"] = np.where(following[last] >= 0, day[np.maximum(following[last], 0)], NAT)


def _discreet_runs(
    rng: np.random.Generator, m: Frame, starts: np.ndarray, free: np.ndarray, apart_after: np.ndarray, following, k: int
) -> list[list[int]]:
    """Runs of consecutive crossings of a person, from each start, until k crossings are taken."""
    low, high = DISCREET_RUN
    day = m["local_date"]
    runs, total = [], 0
    for start in starts.tolist():
        if total >= k:
            break
        run, length = [start], int(rng.integers(low, high + 1))
        while len(run) < min(length, k - total):
            after = int(following[run[-1]])
            if after < 0 or not free[after] or (day[after] - day[start]).astype(np.int64) > DISCREET_SPAN_DAYS:
                break
            run.append(after)
        while run and not apart_after[run[-1]]:
            run.pop()
        if run:
            runs.append(run)
            total += len(run)
    return runs


def alerts_build(ctx: Context, persons: Frame, docs: Frame, m: Frame, numbers) -> tuple[Frame, Frame, Frame]:
    """Alerts (with `person`/`document` indices), hits (`alert`, `movement` indices) and the
    notifications of confirmed hits to other issuing countries; marks the movements' screening
    result and decision, and the alerted documents' status, in place."""
    rng = ctx.rng("alerts")
    n = frame_length(m)
    day, person, direction, country = m["local_date"], m["person"], m["direction"], m["country"]
    previous, following = _neighbours(person)
    # A document is its number and issuing state: a duplicate record's copy crosses as the same one.
    number_key = np.unique(
        np.char.add(docs["issuing_state"].astype(str), docs["number"].astype(str)), return_inverse=True
    )[1]
    used_key = np.where(m["document"] >= 0, number_key[np.maximum(m["document"], 0)], -1)
    last_use_key, next_use = _neighbours(used_key)
    entry = direction == "ENTRY"
    home = (
        (m["nationality"] == country)
        | (persons["nationality"][person] == country)
        | (persons["second_nationality"][person] == country)
    )
    minor = np.isin(m["age_group"], ("Y_LT12", "Y12T17"))
    eligible = (m["decision"] == "ADMITTED") & ~persons["is_test"][person] & (m["document"] >= 0)
    apart_before = (previous < 0) | (day[np.maximum(previous, 0)] < day)
    apart_after = (following < 0) | (day[np.maximum(following, 0)] > day)
    # Refusing here leaves a consistent history: no later crossing, or the next is another entry.
    then_entry = (following >= 0) & (direction[np.maximum(following, 0)] == "ENTRY")
    blockable = eligible & apart_before & apart_after & ((following < 0) | (entry & then_entry)) & ~(entry & home)
    taken = np.zeros(n, dtype=bool)
    total = round(HIT_SHARE * n)
    wanted = {kind: round(total * share) for kind, share in HIT_KINDS}
    parts, hit_rows, hit_alerts, hit_kind = [], [], [], []

    def add(part: Frame, rows: np.ndarray, alert_of_row: np.ndarray, kind: str) -> None:
        offset = sum(frame_length(p) for p in parts)
        parts.append(part)
        hit_rows.append(rows)
        hit_alerts.append(alert_of_row + offset)
        hit_kind.append(np.full(len(rows), kind))
        taken[rows] = True

    # Document hits: the document's last use, lost, stolen or revoked since the crossing before.
    rows = _pick(rng, person, blockable & (next_use < 0), wanted["DOCUMENT"])
    rows = rows[(last_use_key[rows] < 0) | (day[np.maximum(last_use_key[rows], 0)] < day[rows])]
    doc = m["document"][rows]
    revoked = rng.random(len(doc)) < 0.2
    category = np.where(revoked, "DOC_REVOKED", "DOC_LOST_STOLEN")
    part = _alerts(rng, category=category, issuing=docs["issuing_state"][doc], n=len(doc))
    part["document"] = doc
    _window(part, m, rows, rows, previous, following)
    used_before = np.where(last_use_key[rows] >= 0, day[np.maximum(last_use_key[rows], 0)], NAT)
    part["after_day"] = np.where(np.isnat(part["after_day"]), used_before, np.fmax(part["after_day"], used_before))
    docs["status"][doc] = np.where(revoked, "REVOKED", np.where(rng.random(len(doc)) < 0.5, "STOLEN", "LOST"))
    add(part, rows, np.arange(len(rows)), "DOCUMENT")

    # Person hits: entry and exit bans and warrants, one crossing each, by the post's country or
    # (some warrants) another member's; never an entry ban on a national coming home.
    discreet = round(wanted["PERSON"] * DISCREET_SHARE_OF_PERSON_HITS)
    rows = _pick(rng, person, blockable & ~taken & ~minor, wanted["PERSON"] - discreet)
    u = rng.random(len(rows))
    ban = np.where(direction[rows] == "EXIT", "EXIT_BAN", np.where(home[rows], "WANTED", "ENTRY_BAN"))
    category = np.where(u < 0.45, ban, "WANTED")
    other = np.array(OCAM)[rng.integers(0, len(OCAM), len(rows))]
    issuing = np.where((category == "WANTED") & (rng.random(len(rows)) < 0.3), other, country[rows])
    part = _alerts(rng, category=category, issuing=issuing, n=len(rows))
    part["person"] = person[rows]
    _window(part, m, rows, rows, previous, following)
    add(part, rows, np.arange(len(rows)), "PERSON")

    # Discreet checks: each hits a run of its subject's crossings, all admitted.
    free = eligible & ~taken & ~minor
    starts = rng.permutation(np.flatnonzero(free & apart_before))
    starts = starts[np.sort(np.unique(person[starts], return_index=True)[1])]
    runs = _discreet_runs(rng, m, starts, free, apart_after, following, discreet)
    first = np.array([run[0] for run in runs], dtype=np.int64)
    last = np.array([run[-1] for run in runs], dtype=np.int64)
    rows = np.array([row for run in runs for row in run], dtype=np.int64)
    category = np.where(rng.random(len(runs)) < 0.8, "DISCREET_CHECK", "INFO")
    part = _alerts(rng, category=category, issuing=country[first], n=len(runs))
    part["person"] = person[first]
    _window(part, m, first, last, previous, following)
    add(part, rows, np.repeat(np.arange(len(runs)), [len(run) for run in runs]).astype(np.int64), "PERSON")

    # Minor-protection hits: a missing minor's exit.
    rows = _pick(rng, person, blockable & ~taken & minor & ~entry, wanted["MINOR"])
    nationality = persons["nationality"][person[rows]]
    issuing = np.where(np.isin(nationality, OCAM), nationality, country[rows])
    part = _alerts(rng, category=np.full(len(rows), "MISSING_MINOR"), issuing=issuing, n=len(rows))
    part["person"] = person[rows]
    _window(part, m, rows, rows, previous, following)
    add(part, rows, np.arange(len(rows)), "MINOR")

    # Fuzzy-name false positives: each crossing hits a lookalike alert of its own traveller,
    # in force on none of the traveller's other crossings (under a second record too).
    identity = persons["identity"][person]
    before, after = _neighbours(identity)
    single = eligible & ~taken & ~minor
    single &= ((before < 0) | (day[np.maximum(before, 0)] < day)) & ((after < 0) | (day[np.maximum(after, 0)] > day))
    rows = _pick(rng, identity, single & (persons["surname_1"][person] != ""), 2 * wanted["FUZZY"])
    part, rows = _fuzzy_alerts(rng, persons, m, rows, home, wanted["FUZZY"])
    _window(part, m, rows, rows, before, after)
    add(part, rows, np.arange(len(rows)), "FUZZY")

    alerts = frame_concat(parts)
    alerts = frame_concat([alerts, _stock(ctx, rng, persons, docs, m, alerts, numbers)])
    _fill_subjects(rng, persons, docs, alerts)
    rows = np.concatenate(hit_rows)
    alert_of_row = np.concatenate(hit_alerts).astype(np.int64)
    kinds = np.concatenate(hit_kind)
    _sharing(rng, alerts, country[rows], alert_of_row)
    hits = _hits(ctx, rng, persons, docs, m, alerts, rows, alert_of_row, kinds)
    confirmed = hits["disposition"] == "CONFIRMED"
    fulfilled = np.zeros(frame_length(alerts), dtype=bool)
    fulfilled[alert_of_row[confirmed & np.isin(alerts["category"][alert_of_row], FULFILLED_ON_CONFIRMATION)]] = True
    _validity(ctx, rng, alerts, fulfilled)
    return alerts, hits, _notifications(rng, m, alerts, hits)


def _stock(
    ctx: Context, rng: np.random.Generator, persons: Frame, docs: Frame, m: Frame, alerts: Frame, numbers
) -> Frame:
    """Alerts without hits, up to each OCAM country's stock: documents and lookalike persons."""
    doc_low, doc_high = DOCUMENT_ALERTS_PER_COUNTRY
    person_low, person_high = PERSON_ALERTS_PER_COUNTRY
    doc_target = int(np.clip(ctx.scale / 400, doc_low, doc_high))
    person_target = int(np.clip(ctx.scale / 2000, person_low, person_high))
    # The last use of each document's number and issuing state, by any record of it.
    number_key = np.unique(
        np.char.add(docs["issuing_state"].astype(str), docs["number"].astype(str)), return_inverse=True
    )[1]
    last_use = np.full(len(docs["person"]), ctx.start64 - np.timedelta64(1, "D"))
    used = m["document"] >= 0
    np.maximum.at(last_use, number_key[m["document"][used]], m["local_date"][used])
    last_use = last_use[number_key]
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


def _misspell(rng: np.random.Generator, word: str) -> str:
    """A word as another clerk may have spelt it: a common Spanish confusion (Z/S, B/V, LL/Y,
    silent H...) past its first letter, else one inner letter dropped."""
    lower = word.lower()
    options = [
        (at, wrong, right)
        for wrong, right in SPELLING_CONFUSIONS
        for at in range(1, len(lower) - len(wrong) + 1)
        if lower.startswith(wrong, at)
    ]
    if options:
        at, wrong, right = options[int(rng.integers(0, len(options)))]
        return word[:at] + right + word[at + len(wrong) :]
    if len(word) > 4:
        at = int(rng.integers(1, len(word) - 1))
        return word[:at] + word[at + 1 :]
    return word


def _name_variant(rng: np.random.Generator, given: str, surname_1: str, surname_2: str) -> tuple[str, str]:
    """(surnames, given names) of a lookalike: one or both surnames, swapped or misspelt; the
    given names as read, misspelt, or the first one only."""
    if surname_2:
        surnames = (
            f"{surname_1} {surname_2}",
            surname_1,
            f"{surname_2} {surname_1}",
            f"{_misspell(rng, surname_1)} {surname_2}",
            f"{surname_1} {_misspell(rng, surname_2)}",
            _misspell(rng, surname_1),
        )
    else:
        surnames = (surname_1, _misspell(rng, surname_1))
    words = given.split()
    givens = (given, " ".join([_misspell(rng, words[0]), *words[1:]]), words[0]) if words else (given,)
    return surnames[int(rng.integers(0, len(surnames)))], givens[int(rng.integers(0, len(givens)))]


def _birth_key_numbers(dates: np.ndarray) -> np.ndarray:
    """`sandbox.matching.birth_key` of each date as a number (year, then day and month in
    ascending order)."""
    year = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    month = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (dates - dates.astype("datetime64[M]")).astype(np.int64) + 1
    return year * 10000 + np.minimum(day, month) * 100 + np.maximum(day, month)


def _swapped(date: dt.date) -> dt.date | None:
    """The date with its day and month swapped, if that is another date."""
    if date.day > 12 or date.day == date.month:
        return None
    return dt.date(date.year, date.day, date.month)


def _lookalike(
    rng: np.random.Generator, given: str, surname_1: str, surname_2: str, born: dt.date, others: list[tuple]
) -> tuple[str, dt.date, PersonMatch] | None:
    """The subject name and birth date of an alert that `person_match` scores POSSIBLE (never
    HIT) against the traveller and matches none of the `others` (given names, surnames, birth
    date of the other people with the same blocking key), with its match; None if no variant
    tried does."""
    dates = [born, *filter(None, [_swapped(born)])]
    surnames = f"{surname_1} {surname_2}".strip()
    for _ in range(LOOKALIKE_TRIES):
        alert_surnames, alert_given = _name_variant(rng, given, surname_1, surname_2)
        subject_name = f"{alert_surnames}, {alert_given}"
        subject_born = dates[int(rng.integers(0, len(dates)))]
        match = person_match(
            given_names=given,
            surnames=surnames,
            birth_date=born,
            subject_name=subject_name,
            subject_birth_date=subject_born,
        )
        if match is None or match.level != "POSSIBLE":
            continue
        if not any(
            person_match(
                given_names=other_given,
                surnames=other_surnames,
                birth_date=other_born,
                subject_name=subject_name,
                subject_birth_date=subject_born,
            )
            for other_given, other_surnames, other_born in others
        ):
            return subject_name, subject_born, match
    return None


def _fuzzy_alerts(
    rng: np.random.Generator, persons: Frame, m: Frame, rows: np.ndarray, home: np.ndarray, wanted: int
) -> tuple[Frame, np.ndarray]:
    """A person alert on a lookalike of each crossing's traveller (up to `wanted` crossings, in
    time order), which the live screening scores POSSIBLE there: the same birth date or its
    day and month swapped, names varied; issued by the post's country in a category that
    applies to the crossing (no exit ban at an entry, no entry ban at an exit nor on a
    national coming home)."""
    who = m["person"][rows]
    # The people sharing each traveller's blocking key (but the traveller's own records).
    key = _birth_key_numbers(persons["birth_date"])
    order = np.argsort(key, kind="stable")
    low = np.searchsorted(key[order], key[who], side="left")
    high = np.searchsorted(key[order], key[who], side="right")
    identity = persons["identity"]

    def others(traveller: int, start: int, stop: int) -> list[tuple]:
        index = order[start:stop]
        index = index[identity[index] != identity[traveller]]
        return [
            (given, f"{s1} {s2}".strip(), born)
            for given, s1, s2, born in zip(
                persons["given_names"][index].tolist(), persons["surname_1"][index].tolist(),
                persons["surname_2"][index].tolist(), persons["birth_date"][index].astype(object).tolist(),
                strict=True,
            )
        ]  # fmt: skip

    found = [
        _lookalike(
            rng, persons["given_names"][t], persons["surname_1"][t], persons["surname_2"][t],
            persons["birth_date"][t].astype(object), others(t, a, b),
        )
        for t, a, b in zip(who.tolist(), low.tolist(), high.tolist(), strict=True)
    ]  # fmt: skip
    order = rng.permutation(len(rows))
    keep = np.sort(np.array([i for i in order.tolist() if found[i] is not None][:wanted], dtype=np.int64))
    rows, who = rows[keep], who[keep]
    n = len(rows)
    exit_ = m["direction"][rows] == "EXIT"
    ban = np.where(exit_, "EXIT_BAN", np.where(home[rows], "WANTED", "ENTRY_BAN"))
    u = rng.random(n)
    category = np.select([u < 0.55, u < 0.8, u < 0.9], [ban, "WANTED", "DISCREET_CHECK"], "INFO")
    part = _alerts(rng, category=category, issuing=m["country"][rows], n=n)
    names, born, scores = np.empty(n, dtype=object), np.full(n, NAT), np.zeros(n)
    fields = np.empty(n, dtype=object)
    for i, index in enumerate(keep.tolist()):
        subject_name, subject_born, match = found[index]
        names[i], born[i], scores[i], fields[i] = subject_name, np.datetime64(subject_born), match.score, match.fields
    part["subject_name"], part["subject_birth_date"] = names, born
    part["subject_nationality"] = persons["nationality"][who].astype("<U3")
    part["match_score"], part["match_fields"] = scores, fields
    return part, rows


def _fill_subjects(rng: np.random.Generator, persons: Frame, docs: Frame, alerts: Frame) -> None:
    """Names, birth dates and nationalities of person alerts, numbers and states of document
    alerts; an entry ban on a national of the issuing country becomes an exit ban."""
    linked = np.flatnonzero(alerts["person"] >= 0)
    alerts["subject_name"][linked] = _subject_names(persons, alerts["person"][linked])
    alerts["subject_birth_date"][linked] = persons["birth_date"][alerts["person"][linked]]
    alerts["subject_nationality"][linked] = persons["nationality"][alerts["person"][linked]]
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
    alerts["subject_nationality"][alike] = persons["nationality"][source]
    documents = np.flatnonzero(alerts["document"] >= 0)
    alerts["document_number"][documents] = docs["number"][alerts["document"][documents]].astype(object)
    alerts["document_issuing_state"][documents] = docs["issuing_state"][alerts["document"][documents]]
    holders = docs["person"][alerts["document"][documents]]
    alerts["subject_nationality"][documents] = persons["nationality"][holders]
    invented = (alerts["subject_kind"] == "DOCUMENT") & (alerts["document"] < 0)
    alerts["subject_nationality"][invented] = alerts["document_issuing_state"][invented]
    own = (alerts["category"] == "ENTRY_BAN") & (alerts["subject_nationality"] == alerts["issuing_country"])
    alerts["category"][own] = "EXIT_BAN"
    alerts["action"][own] = CATEGORY["EXIT_BAN"].default_action


def _sharing(rng: np.random.Generator, alerts: Frame, post_country: np.ndarray, alert_of_row: np.ndarray) -> None:
    """The members a SELECTED alert is shared with (never its issuer), and a scope that reaches
    the post of each of its hits: a national alert hit at another member's post is shared with all."""
    n = frame_length(alerts)
    members = np.array(OCAM)
    shared: list[list[str]] = [[] for _ in range(n)]
    for index in np.flatnonzero(alerts["sharing_scope"] == "SELECTED").tolist():
        others = members[members != alerts["issuing_country"][index]]
        shared[index] = sorted(rng.choice(others, size=int(rng.integers(1, 4)), replace=False).tolist())
    for index, post in zip(alert_of_row.tolist(), post_country.tolist(), strict=True):
        if post == alerts["issuing_country"][index]:
            continue
        if alerts["sharing_scope"][index] == "NATIONAL":
            alerts["sharing_scope"][index] = "OCAM_ALL"
        elif alerts["sharing_scope"][index] == "SELECTED" and post not in shared[index]:
            shared[index] = sorted([*shared[index], post])
    alerts["shared_with"] = np.empty(n, dtype=object)
    alerts["shared_with"][:] = shared


def _validity(ctx: Context, rng: np.random.Generator, alerts: Frame, fulfilled: np.ndarray) -> None:
    """Validity, status, review date and creation time. A hit alert's window covers its hits and
    none of its subject's other crossings; alerts a confirmed hit fulfilled are FULFILLED; the
    stale alerts are past their validity but still ACTIVE."""
    n = frame_length(alerts)
    end = np.datetime64(ctx.end, "D")
    days = np.array([CATEGORY[c].default_validity_days for c in alerts["category"].tolist()])
    hit = np.flatnonzero(~np.isnat(alerts["first_day"]))
    first, last, after = (alerts[name][hit] for name in ("first_day", "last_day", "after_day"))
    floor = np.where(np.isnat(after), first - 400, after + 1)
    floor = np.maximum(floor, last - days[hit] + 1)
    span = (first - floor).astype(np.int64) + 1
    alerts["valid_from"][hit] = floor + (rng.random(len(hit)) * span).astype(np.int64)
    far = end + np.timedelta64(3650, "D")
    cap = np.where(np.isnat(alerts["before_day"]), far, alerts["before_day"] - 1)
    normal_until = np.minimum(alerts["valid_from"] + days.astype("timedelta64[D]"), cap)
    share = np.where(alerts["category"] == "MISSING_MINOR", MISSING_MINOR_STALE_SHARE, STALE_ALERT_SHARE)
    lower = np.where(np.isnat(alerts["last_day"]), alerts["valid_from"], alerts["last_day"])
    lower = np.maximum(np.maximum(lower, alerts["valid_from"]), ctx.start64) + 1
    room = (np.minimum(end - 1, cap) - lower).astype(np.int64)
    stale = (rng.random(n) < share) & (room > 0) & ~fulfilled
    stale_until = lower + (rng.random(n) * np.maximum(room, 1)).astype(np.int64)
    alerts["valid_until"] = np.where(stale, stale_until, normal_until)
    expired = ~stale & (alerts["valid_until"] < end)
    closed = np.where(rng.random(n) < 0.8, "EXPIRED", np.where(rng.random(n) < 0.5, "FULFILLED", "CANCELLED"))
    alerts["status"] = np.where(fulfilled, "FULFILLED", np.where(expired, closed, "ACTIVE")).astype("<U10")
    alerts["stale"] = stale
    # Reviews every quarter from the start: the next one due around the period's end (overdue
    # for some, and for the stale alerts), never after the validity; none for closed alerts.
    periods = np.maximum(np.ceil((end - 30 - alerts["valid_from"]).astype(np.int64) / REVIEW_INTERVAL_DAYS), 1)
    review = alerts["valid_from"] + (periods.astype(np.int64) * REVIEW_INTERVAL_DAYS).astype("timedelta64[D]")
    alerts["review_due"] = np.where(alerts["status"] == "ACTIVE", np.minimum(review, alerts["valid_until"]), NAT)
    hours = rng.integers(-5 * 86400, 0, n) + 14 * 3600
    alerts["created_at"] = alerts["valid_from"].astype("datetime64[s]") + hours.astype("timedelta64[s]")
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


def _travellers(persons: Frame, docs: Frame, m: Frame, rows: np.ndarray, level: np.ndarray) -> np.ndarray:
    """The traveller of each hit as the document read (`sandbox.screening.Traveller.as_json`)."""
    who, doc = m["person"][rows], m["document"][rows]
    columns = zip(
        persons["given_names"][who].tolist(), persons["surname_1"][who].tolist(), persons["surname_2"][who].tolist(),
        persons["birth_date"][who].astype(str).tolist(), persons["nationality"][who].tolist(),
        docs["number"][doc].tolist(), docs["issuing_state"][doc].tolist(), persons["sex"][who].tolist(),
        persons["national_id_number"][who].tolist(), m["direction"][rows].tolist(), level.tolist(),
        strict=True,
    )  # fmt: skip
    values = np.empty(len(rows), dtype=object)
    values[:] = [
        {
            "given_names": given,
            "surnames": f"{s1} {s2}".strip(),
            "birth_date": born,
            "nationality": nationality,
            "document_number": number,
            "issuing_state": state,
            "sex": sex,
            "national_id_number": national_id,
            "direction": direction,
            "level": lvl,
        }
        for given, s1, s2, born, nationality, number, state, sex, national_id, direction, lvl in columns
    ]
    return values


def _matched_fields(alerts: Frame, alert: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """What agreed, as `sandbox.screening` records it for each match type."""
    values = np.empty(len(alert), dtype=object)
    for i, (k, index) in enumerate(zip(kind.tolist(), alert.tolist(), strict=True)):
        if k == "DOCUMENT":
            values[i] = {"document_number": "exact", "issuing_state": "exact"}
        elif k == "FUZZY":
            values[i] = dict(alerts["match_fields"][index])
        else:
            values[i] = {"person": "exact"}
    return values


def _hits(
    ctx: Context, rng: np.random.Generator, persons: Frame, docs: Frame, m: Frame, alerts: Frame,
    rows: np.ndarray, alert: np.ndarray, kind: np.ndarray,
) -> Frame:  # fmt: skip
    """AlertHit rows as the secondary line adjudicated them, and their consequences for the
    movements (screening result, decision) and documents (seized)."""
    n = len(rows)
    fuzzy = kind == "FUZZY"
    level = np.where(fuzzy, "POSSIBLE", "HIT")
    m["screening_result"][rows] = level
    recent = m["local_date"][rows] >= np.datetime64(ctx.end, "D") - PENDING_DAYS
    category, action = alerts["category"][alert], alerts["action"][alert]
    discreet = np.isin(action, ("DISCREET_CHECK", "INFO_ONLY"))
    inconclusive = discreet & (rng.random(n) < INCONCLUSIVE_SHARE)
    disposition = np.where(
        recent, "PENDING", np.where(fuzzy, "FALSE_POSITIVE", np.where(inconclusive, "INCONCLUSIVE", "CONFIRMED"))
    )
    delay = rng.integers(600, 14400, n)
    score = np.where(fuzzy, alerts["match_score"][alert], 1.0)
    post_country = m["country"][rows]
    confirmed = disposition == "CONFIRMED"
    actions = np.empty(n, dtype=object)
    actions[:] = [
        [*ACTIONS_ON_CONFIRMATION[a], *(["NOTIFY_ISSUER"] if issuer != post else [])] if ok else []
        for a, issuer, post, ok in zip(
            action.tolist(),
            alerts["issuing_country"][alert].tolist(),
            post_country.tolist(),
            confirmed.tolist(),
            strict=True,
        )
    ]
    reasons = np.array([DISPOSITION_REASONS.get(k, "") for k in kind.tolist()], dtype=object)
    reasons = np.where(disposition == "CONFIRMED", reasons, "")
    reasons = np.where(disposition == "FALSE_POSITIVE", DISPOSITION_REASONS["FALSE_POSITIVE"], reasons)
    reasons = np.where(disposition == "INCONCLUSIVE", DISPOSITION_REASONS["INCONCLUSIVE"], reasons)

    # The movements: refused on a confirmed blocking hit (an exit refused closes no entry),
    # referred while a hit waits; a confirmed document hit seizes the document.
    m["refusal_code"] = np.full(frame_length(m), "", dtype=object)
    refused = confirmed & np.isin(action, list(BLOCKING_ACTIONS))
    refused_rows = rows[refused]
    m["decision"][refused_rows] = "REFUSED"
    m["refusal_code"][refused_rows] = "ALERT_CONFIRMED"
    m["refusal_reason"][refused_rows] = np.array([REFUSAL_REASONS[c] for c in category[refused].tolist()], dtype=object)
    m["closes_entry"][refused_rows[m["direction"][refused_rows] == "EXIT"]] = -1
    pending_rows = rows[disposition == "PENDING"]
    m["decision"][pending_rows] = "REFERRED"
    m["refusal_code"][pending_rows] = "SCREENING_HIT"
    seized = alerts["document"][alert[confirmed & (kind == "DOCUMENT")]]
    docs["status"][seized] = "SEIZED"
    return {
        "alert": alert.astype(np.int64),
        "movement": rows.astype(np.int64),
        "match_type": np.select([kind == "DOCUMENT", fuzzy], ["DOC_EXACT", "NAME_DOB_FUZZY"], "PERSON_RECORD"),
        "score": score,
        "disposition": disposition.astype("<U16"),
        "delay": delay,
        "kind": kind,
        "traveller": _travellers(persons, docs, m, rows, level),
        "matched_fields": _matched_fields(alerts, alert, kind),
        "disposition_reason": reasons,
        "actions_taken": actions,
    }


def _notifications(rng: np.random.Generator, m: Frame, alerts: Frame, hits: Frame) -> Frame:
    """A notification to the issuing country of each confirmed hit on another country's alert."""
    index = np.flatnonzero(np.array(["NOTIFY_ISSUER" in a for a in hits["actions_taken"].tolist()], dtype=bool))
    alert, rows = hits["alert"][index], hits["movement"][index]
    n = len(index)
    acknowledged = rng.random(n) < ACKNOWLEDGED_SHARE
    return {
        "hit": index.astype(np.int64),
        "alert": alert,
        "from_country": m["country"][rows].astype("<U3"),
        "to_country": alerts["issuing_country"][alert],
        "action_taken": np.array([hits["actions_taken"][i][0] for i in index.tolist()], dtype=object),
        "acknowledged_after": np.where(acknowledged, rng.integers(3600, 72 * 3600, n), -1),
    }
