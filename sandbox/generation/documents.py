"""Travellers' documents and their machine-readable zones, built for all documents at once.

Job: give each person a passport (TD3) unless they are an adult CA-4 national who only
crosses CA-4 internal borders without one, an identity card (TD1) to every adult CA-4
national, and to some an expired earlier passport; write each MRZ as ICAO 9303 does, with
check digits computed by `sandbox.mrz.check_digits` over numpy byte arrays.

Invariants: every MRZ equals what `sandbox.mrz.mrz_compose_td3/td1` would write for the
document and its holder's true identity (defects change some afterwards); numbers come from
`DocumentNumbers` (reserved prefix Z, unique); a document valid during the period is valid
on every day of it; minors hold passports only.
"""

from __future__ import annotations

import numpy as np

from sandbox.generation.calibration import CA4, CA4_ID_CARD_SHARE, PASSPORT_SHARE_CA4_LAND
from sandbox.generation.context import Context, Frame, frame_concat, frame_take
from sandbox.generation.identifiers import DocumentNumbers
from sandbox.generation.pools import NameForms
from sandbox.mrz import check_digits

FILLER = ord("<")
ADULT_VALIDITY_DAYS = 3652
MINOR_VALIDITY_DAYS = 1826
EXPIRED_PASSPORT_SHARE = 0.08


def ascii_block(values, width: int) -> np.ndarray:
    """Strings as an (n, width) array of ASCII codes, padded with the filler `<`."""
    block = np.array(values, dtype=f"S{width}").view(np.uint8).reshape(-1, width).copy()
    block[block == 0] = FILLER
    return block


def _checks(block: np.ndarray) -> np.ndarray:
    width = block.shape[1]
    return check_digits(np.ascontiguousarray(block).view(f"S{width}").ravel()).view(np.uint8)


def _yymmdd(dates: np.ndarray) -> np.ndarray:
    years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    months = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
    days = (dates - dates.astype("datetime64[M]")).astype(np.int64) + 1
    parts = [years % 100 // 10, years % 10, months // 10, months % 10, days // 10, days % 10]
    return (np.stack(parts, axis=1) + 48).astype(np.uint8)


def _text(block: np.ndarray) -> list[str]:
    return block.view(f"S{block.shape[1]}").ravel().astype(f"U{block.shape[1]}").tolist()


def mrz_names(forms: NameForms, surname_1, surname_2, given, width: int) -> list[str]:
    """The name field: `SURNAME<SURNAME<<GIVEN<NAMES`, cut or padded to `width`."""
    pad = "<" * width
    return [
        ((f"{s1}<{s2}" if s2 else s1) + "<<" + g + pad)[:width]
        for s1, s2, g in zip(forms.mrz(surname_1), forms.mrz(surname_2), forms.mrz(given), strict=True)
    ]


def mrz_build(docs: Frame, persons: Frame, forms: NameForms) -> np.ndarray:
    """The MRZ text of each document with a TD3 or TD1 type ("" for the others)."""
    holder = docs["person"]
    result = np.full(len(holder), "", dtype=object)
    optional = np.array([v.replace("-", "").replace(" ", "") for v in persons["national_id_number"][holder].tolist()])
    sex = np.where(persons["sex"][holder] == "X", "<", persons["sex"][holder])
    number = ascii_block(docs["number"].tolist(), 9)
    nationality = ascii_block(persons["nationality"][holder].tolist(), 3)
    state = docs["issuing_state"]
    birth, expiry = _yymmdd(persons["birth_date"][holder]), _yymmdd(docs["expires_on"])
    names = (persons["surname_1"][holder].tolist(), persons["surname_2"][holder].tolist())
    given = persons["given_names"][holder].tolist()
    for kind in ("P", "ID"):
        rows = np.flatnonzero(docs["document_type"] == kind)
        if not len(rows):
            continue
        sex_block = ascii_block(sex[rows].tolist(), 1)
        opt = optional[rows]
        name_args = (forms, [names[0][i] for i in rows], [names[1][i] for i in rows], [given[i] for i in rows])
        if kind == "P":
            line2 = np.full((len(rows), 44), FILLER, dtype=np.uint8)
            line2[:, 0:9] = number[rows]
            line2[:, 9] = _checks(number[rows])
            line2[:, 10:13] = nationality[rows]
            line2[:, 13:19] = birth[rows]
            line2[:, 19] = _checks(birth[rows])
            line2[:, 20:21] = sex_block
            line2[:, 21:27] = expiry[rows]
            line2[:, 27] = _checks(expiry[rows])
            line2[:, 28:42] = ascii_block(opt.tolist(), 14)
            line2[:, 42] = np.where(opt != "", _checks(line2[:, 28:42]), FILLER)
            line2[:, 43] = _checks(np.concatenate([line2[:, 0:10], line2[:, 13:20], line2[:, 21:43]], axis=1))
            heads = [f"P<{s:<<3}" for s in state[rows].tolist()]
            lines1 = [h + n for h, n in zip(heads, mrz_names(*name_args, 39), strict=True)]
            result[rows] = [a + "\n" + b for a, b in zip(lines1, _text(line2), strict=True)]
        else:
            line1 = np.full((len(rows), 30), FILLER, dtype=np.uint8)
            line1[:, 0:2] = ascii_block(["ID"] * len(rows), 2)
            line1[:, 2:5] = ascii_block(state[rows].tolist(), 3)
            line1[:, 5:14] = number[rows]
            line1[:, 14] = _checks(number[rows])
            line1[:, 15:30] = ascii_block(opt.tolist(), 15)
            line2 = np.full((len(rows), 30), FILLER, dtype=np.uint8)
            line2[:, 0:6] = birth[rows]
            line2[:, 6] = _checks(birth[rows])
            line2[:, 7:8] = sex_block
            line2[:, 8:14] = expiry[rows]
            line2[:, 14] = _checks(expiry[rows])
            line2[:, 15:18] = nationality[rows]
            line2[:, 29] = _checks(
                np.concatenate([line1[:, 5:30], line2[:, 0:7], line2[:, 8:15], line2[:, 18:29]], axis=1)
            )
            result[rows] = [
                f"{a}\n{b}\n{c}" for a, b, c in zip(_text(line1), _text(line2), mrz_names(*name_args, 30), strict=True)
            ]
    return result


def _issued(ctx: Context, rng: np.random.Generator, validity: np.ndarray, birth: np.ndarray) -> np.ndarray:
    """Issue dates such that the document is valid over the whole period (and after the birth)."""
    end = np.datetime64(ctx.end, "D")
    low = np.minimum(end - validity.astype("timedelta64[D]") + 1, ctx.start64)
    span = (ctx.start64 - low).astype(np.int64) + 1
    issued = low + (rng.random(len(validity)) * span).astype(np.int64).astype("timedelta64[D]")
    return np.maximum(issued, birth + 1)


def documents_build(ctx: Context, persons: Frame, numbers: DocumentNumbers) -> Frame:
    """Passports, identity cards and expired passports of `persons`."""
    rng = ctx.rng("documents")
    n = len(persons["nationality"])
    is_ca4 = np.isin(persons["nationality"], CA4)
    adult = ~persons["is_minor"]
    id_card = is_ca4 & adult & (persons["national_id_number"] != "")
    passport = persons["needs_passport"] | ~id_card | (rng.random(n) < PASSPORT_SHARE_CA4_LAND)
    expired = passport & (persons["age"] >= 30) & (rng.random(n) < EXPIRED_PASSPORT_SHARE)
    parts = []
    for kind, mask in (("P", passport), ("ID", id_card), ("OLD", expired)):
        holders = np.flatnonzero(mask)
        birth = persons["birth_date"][holders]
        validity = np.where(persons["is_minor"][holders] & (kind == "P"), MINOR_VALIDITY_DAYS, ADULT_VALIDITY_DAYS)
        issued = _issued(ctx, rng, validity, birth)
        if kind == "OLD":
            issued = issued - (validity + rng.integers(30, 1100, len(holders))).astype("timedelta64[D]")
            issued = np.maximum(issued, birth + 1)
        parts.append(
            {
                "person": holders,
                "document_type": np.full(len(holders), "ID" if kind == "ID" else "P"),
                "issuing_state": persons["nationality"][holders],
                "issued_on": issued,
                "expires_on": issued + validity.astype("timedelta64[D]"),
                "status": np.full(len(holders), "EXPIRED" if kind == "OLD" else "VALID", dtype="<U8"),
            }
        )
    docs = frame_concat(parts)
    docs = frame_take(docs, rng.permutation(len(docs["person"])))
    docs["number"] = numbers.take(len(docs["person"]))
    docs["mrz"] = np.full(len(docs["person"]), "", dtype=object)
    return docs


def person_document_index(docs: Frame, n_persons: int, kind: str) -> np.ndarray:
    """Per person, the index of their valid document of a type (-1 if none)."""
    index = np.full(n_persons, -1, dtype=np.int64)
    rows = np.flatnonzero((docs["document_type"] == kind) & (docs["status"] == "VALID"))
    index[docs["person"][rows]] = rows
    return index


def documents_shown(
    ctx: Context,
    *,
    post: np.ndarray,
    nationality: np.ndarray,
    person: np.ndarray,
    pick: np.ndarray,
    persons: Frame,
    docs: Frame,
) -> tuple[np.ndarray, np.ndarray]:
    """The document each traveller shows (-1 for none) and whether it is the identity card: the
    card for most adult CA-4 nationals at CA-4 internal posts, else the passport."""
    n_persons = len(persons["nationality"])
    passport = person_document_index(docs, n_persons, "P")[person]
    card = person_document_index(docs, n_persons, "ID")[person]
    internal = ctx.posts.is_ca4_internal[post] & ctx.is_ca4(nationality)
    use_card = internal & (card >= 0) & ~persons["is_minor"][person]
    use_card &= (pick < CA4_ID_CARD_SHARE) | (passport < 0)
    return np.where(use_card, card, passport), use_card
