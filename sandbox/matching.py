"""Fuzzy matching of a traveller against person alerts, the way Spanish names vary.

Job: say whether a traveller read at a post (given names, surnames, birth date) is the
subject of a person alert, with a score in [0, 1] and which fields matched how. Names vary
by accents and Ñ/N, one or both surnames, swapped surnames, particles ("DE LA"), and
transliteration; a birth date may have its day and month swapped.

Screening never compares a traveller with every alert: it first looks alerts up by a
blocking key, the birth date with day and month in either order (`birth_key`, an indexed
column of `Alert`), then scores the few candidates here with RapidFuzz (edit-distance ratios)
and Jellyfish (phonetic keys, for transliterations such as MOHAMED / MUHAMMAD).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import jellyfish
from anyascii import anyascii
from rapidfuzz import fuzz

# Words that join surnames and are dropped or kept at will by whoever writes a name.
PARTICLES = frozenset({"DE", "DEL", "LA", "LAS", "LOS", "Y", "E", "DA", "DO", "DOS", "DAS", "VAN", "VON", "DER", "MC"})

# Score at or above which a match is a HIT (name and birth date agree), and at or above which
# it is worth a look at the secondary line (POSSIBLE).
HIT_THRESHOLD = 0.95
POSSIBLE_THRESHOLD = 0.82

_NOT_LETTER = re.compile(r"[^A-Z ]+")


def fold(text: str) -> str:
    """Upper-case ASCII letters and single spaces: accents dropped, Ñ read as N, other
    scripts transliterated, hyphens and apostrophes read as spaces."""
    ascii_text = anyascii(text or "").upper().replace("-", " ").replace("'", "")
    return " ".join(_NOT_LETTER.sub(" ", ascii_text).split())


def name_tokens(text: str) -> list[str]:
    """The words of a name, folded, without the particles that join surnames."""
    return [word for word in fold(text).split() if word not in PARTICLES]


def birth_key(date: dt.date | None) -> str:
    """The blocking key of a birth date: the year, then the day and the month in ascending
    order, so that a date with day and month swapped has the same key ("19850307" for both
    1985-03-07 and 1985-07-03). Empty for no date."""
    if date is None:
        return ""
    low, high = sorted((date.day, date.month))
    return f"{date.year:04d}{low:02d}{high:02d}"


def split_subject_name(subject_name: str) -> tuple[str, str]:
    """An alert's "SURNAMES, GIVEN NAMES" as (given names, surnames)."""
    surnames, _, given = subject_name.partition(",")
    return given.strip(), surnames.strip()


def _token_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    spelled = fuzz.ratio(a, b) / 100
    if len(a) >= 3 and len(b) >= 3 and jellyfish.metaphone(a) == jellyfish.metaphone(b):
        spelled = max(spelled, 0.93)
    return spelled


def _best_alignment(shorter: list[str], longer: list[str]) -> float:
    """Mean, over the words of the shorter list, of their best match in the longer one, each
    word of the longer list used once: word order does not count (swapped surnames)."""
    if not shorter or not longer:
        return 0.0
    remaining = list(longer)
    total = 0.0
    for word in shorter:
        scores = [_token_similarity(word, other) for other in remaining]
        best = max(range(len(scores)), key=scores.__getitem__)
        total += scores[best]
        remaining.pop(best)
    return total / len(shorter)


def _part_score(a: list[str], b: list[str]) -> float:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return _best_alignment(shorter, longer)


@dataclass(frozen=True)
class PersonMatch:
    score: float
    level: str  # "HIT" or "POSSIBLE"
    fields: dict[str, str] = field(default_factory=dict)


def person_match(
    *, given_names: str, surnames: str, birth_date: dt.date, subject_name: str, subject_birth_date: dt.date | None
) -> PersonMatch | None:
    """How well a traveller matches a person alert's subject; None below POSSIBLE.

    `fields` names each compared field and how it agreed: "exact", "similar", "swapped"
    (birth date), "one_surname" (one of two surnames missing) or "different"."""
    if subject_birth_date is None or birth_key(birth_date) != birth_key(subject_birth_date):
        return None
    alert_given, alert_surnames = split_subject_name(subject_name)
    given_a, given_b = name_tokens(given_names), name_tokens(alert_given)
    surnames_a, surnames_b = name_tokens(surnames), name_tokens(alert_surnames)
    if not surnames_a or not surnames_b or not given_a or not given_b:
        return None
    given_score = _part_score(given_a[:1], given_b) if len(given_a) > len(given_b) else _part_score(given_a, given_b)
    given_score = max(given_score, _part_score(given_b[:1], given_a))
    surname_score = _part_score(surnames_a, surnames_b)
    fields: dict[str, str] = {}
    fields["birth_date"] = "exact" if birth_date == subject_birth_date else "swapped"
    fields["given_names"] = _agreement(given_score, exact=given_a == given_b)
    if len(surnames_a) != len(surnames_b) and surname_score >= POSSIBLE_THRESHOLD:
        fields["surnames"] = "one_surname"
    else:
        fields["surnames"] = _agreement(surname_score, exact=surnames_a == surnames_b)
    score = 0.45 * surname_score + 0.35 * given_score + 0.20 * (1.0 if fields["birth_date"] == "exact" else 0.85)
    if len(surnames_a) != len(surnames_b):
        score -= 0.03
    score = round(max(0.0, min(1.0, score)), 3)
    if min(given_score, surname_score) < POSSIBLE_THRESHOLD - 0.1 or score < POSSIBLE_THRESHOLD:
        return None
    level = "HIT" if score >= HIT_THRESHOLD and fields["birth_date"] == "exact" else "POSSIBLE"
    return PersonMatch(score=score, level=level, fields=fields)


def _agreement(score: float, *, exact: bool) -> str:
    if exact:
        return "exact"
    return "similar" if score >= POSSIBLE_THRESHOLD else "different"
