"""Fuzzy matching of a traveller against person alerts, the way Spanish names vary.

Job: say whether a traveller read at a post (given names, surnames, birth date) is the
subject of a person alert, with a score in [0, 1], a level (HIT or POSSIBLE) and which fields
matched how; and measure the matcher's error rates over a table of expected outcomes
(`error_rates`), so that a note can quote them.

Names vary by accents and Ñ/N (and the MRZ's "NXX" for Ñ), one or both surnames, swapped
surnames, particles ("DE LA", "DEL"), abbreviated given names ("MA." for MARÍA), and
transliteration (MOHAMED / MUHAMMAD, ALEKSANDR / ALEXANDER, a name in Cyrillic or Arabic
script); a birth date may have its day and month swapped.

Invariants:
- The birth date must agree up to a day/month swap: screening looks alerts up by that key
  (`birth_key`, an indexed column of `Alert`), never by scanning alerts or people.
- Every word of the shorter name must have its own counterpart in the longer one (each word
  used once), so a shared surname alone never matches, nor do twins with different given
  names (JUAN / JOSÉ, MARÍA JOSÉ / MARÍA ELENA), nor a brother and sister whose names differ
  by their gender ending (JUAN / JUANA, FRANCISCO / FRANCISCA).
- A HIT needs the whole name, both sides, and the birth date as written; anything partial (a
  surname or given name missing, the birth date swapped, several spelling differences) is at
  most POSSIBLE, for the secondary line to compare.

Words are compared with RapidFuzz (edit-distance ratio), a Spanish sound key (B/V, S/Z/C, LL/Y,
silent H, J/G/X, KH for the Cyrillic kha) and Jellyfish's metaphone (for transliterations).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import jellyfish
from anyascii import anyascii
from rapidfuzz import fuzz

# Words that join surnames or given names and are dropped or kept at will by whoever writes a name.
PARTICLES = frozenset({"DE", "DEL", "LA", "LAS", "LOS", "Y", "E", "DA", "DO", "DOS", "DAS", "VAN", "VON", "DER"})

# Abbreviations of given names as clerks write them ("JOSÉ MA.", "MA. DEL CARMEN", "FCO.").
GIVEN_NAME_ABBREVIATIONS = {"MA": "MARIA", "MARIA": "MARIA", "FCO": "FRANCISCO", "GPE": "GUADALUPE", "JSE": "JOSE"}

# Score at or above which a complete match is a HIT, and at or above which a match is worth a
# look at the secondary line (POSSIBLE).
HIT_THRESHOLD = 0.95
POSSIBLE_THRESHOLD = 0.82
# The least similarity a word needs to count as the same word: one letter changed in a
# five-letter name (MARÍA / MARTA, 0.8) is another name; a sound-alike spelling is not.
WORD_THRESHOLD = 0.84
# Words of a name part compared at most: a longer name is cut (hostile input, not real names).
MAX_WORDS = 6

_NOT_LETTER = re.compile(r"[^A-Z ]+")
# ICAO 9303 writes Ñ as "NXX" in a machine-readable zone (PEÑA -> PENXXA).
_MRZ_ENYE = re.compile(r"NXX")


def fold(text: str) -> str:
    """Upper-case ASCII letters and single spaces: accents dropped, Ñ read as N (and the MRZ's
    NXX), other scripts transliterated, hyphens and apostrophes read as spaces."""
    ascii_text = anyascii(text or "").upper().replace("'", "").replace("`", "")
    ascii_text = _MRZ_ENYE.sub("N", _NOT_LETTER.sub(" ", ascii_text))
    return " ".join(ascii_text.split())


def name_tokens(text: str) -> list[str]:
    """The words of a name, folded, without the particles that join surnames."""
    return [word for word in fold(text).split() if word not in PARTICLES]


def given_name_tokens(text: str) -> list[str]:
    """The words of given names, with the usual abbreviations written out ("JOSÉ MA." as JOSE MARIA)."""
    words = name_tokens(text)
    if len(words) < 2:
        return words
    return [GIVEN_NAME_ABBREVIATIONS.get(word, word) for word in words]


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


_SOUNDS = (
    ("PH", "F"),
    ("TH", "T"),
    ("KH", "J"),  # the Cyrillic kha, written KH in English, J in Spanish (MIKHAIL / MIJAIL)
    ("SCH", "S"),
    ("SH", "S"),
    ("QU", "K"),
    ("CE", "SE"),
    ("CI", "SI"),
    ("GE", "JE"),
    ("GI", "JI"),
    ("LL", "Y"),
    ("C", "K"),
    ("Q", "K"),
    ("Z", "S"),
    ("V", "B"),
    ("W", "B"),
    ("Y", "I"),
    ("J", "H"),
    ("H", ""),
)


@functools.lru_cache(maxsize=4096)
def sound_key(word: str) -> str:
    """A folded word as Spanish speakers hear it: B/V/W, S/Z/soft C, LL/Y/I, J/soft G and a
    leading X (XIMENA), K/hard C/QU alike, H silent, doubled letters once."""
    if word.startswith("X") and len(word) > 1 and word[1] in "AEIOU":
        word = "J" + word[1:]
    word = word.replace("X", "KS")
    for written, heard in _SOUNDS:
        word = word.replace(written, heard)
    return "".join(letter for letter, _run in itertools.groupby(word))


def _distinct_forms(a: str, b: str) -> bool:
    """Whether two words are two names of one root: the masculine and feminine of a given name
    (JUAN / JUANA, MARIO / MARIA), or a name and its patronymic surname (MARTIN / MARTINEZ,
    GONZALO / GONZALEZ, LOPE / LOPEZ)."""
    shorter, longer = sorted((a, b), key=len)
    if len(longer) - len(shorter) == 1 and longer == shorter + "A":
        return True
    if len(a) == len(b):
        return a[:-1] == b[:-1] and {a[-1], b[-1]} == {"A", "O"}
    if longer[-1] in "ZS" and longer[-2] in "AEIOU":
        stem = longer[:-2]
        return shorter in (stem, longer[:-1]) or (shorter[:-1] == stem and shorter[-1] in "AEIOU")
    return False


@functools.lru_cache(maxsize=65536)
def word_similarity(a: str, b: str) -> float:
    """How alike two folded words are, in [0, 1]: 1 when equal; 0.95 for the same Spanish
    sound; 0.92 for the same metaphone of a word spelled alike enough (a transliteration);
    0.85 for an initial; otherwise the edit-distance ratio. 0 for two names of one root."""
    if a == b:
        return 1.0
    if not a or not b or _distinct_forms(a, b):
        return 0.0
    if len(a) == 1 or len(b) == 1:
        return 0.85 if a[0] == b[0] else 0.0
    spelled = fuzz.ratio(a, b) / 100
    if len(a) >= 3 and len(b) >= 3 and sound_key(a) == sound_key(b):
        return max(spelled, 0.95)
    if spelled >= 0.6 and jellyfish.metaphone(a) == jellyfish.metaphone(b):
        return max(spelled, 0.92)
    return max(spelled, fuzz.ratio(sound_key(a), sound_key(b)) / 100 - 0.02)


def _alignment(a: list[str], b: list[str]) -> tuple[float, float, bool]:
    """(mean, least) similarity of the best pairing of the shorter list's words with distinct
    words of the longer one, and whether that pairing keeps their order."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not shorter:
        return 0.0, 0.0, True
    shorter, longer = shorter[:MAX_WORDS], longer[:MAX_WORDS]
    best: tuple[float, float, bool] = (-1.0, 0.0, True)
    for chosen in itertools.permutations(range(len(longer)), len(shorter)):
        scores = [word_similarity(word, longer[index]) for word, index in zip(shorter, chosen, strict=True)]
        candidate = (sum(scores) / len(scores), min(scores), list(chosen) == sorted(chosen))
        # On a tie, prefer the pairing that keeps the order (not "swapped").
        if candidate[:2] > best[:2] or (candidate[:2] == best[:2] and candidate[2] and not best[2]):
            best = candidate
    return best


@dataclass(frozen=True)
class PersonMatch:
    score: float
    level: str  # "HIT" or "POSSIBLE"
    fields: dict[str, str] = field(default_factory=dict)


def person_match(
    *, given_names: str, surnames: str, birth_date: dt.date, subject_name: str, subject_birth_date: dt.date | None
) -> PersonMatch | None:
    """How well a traveller matches a person alert's subject; None below POSSIBLE.

    `fields` names each compared field and how it agreed: "exact", "similar", "swapped" (birth
    date or surnames in the other order), "one_surname" (a surname missing on one side),
    "partial" (a given name missing on one side) or "fields_swapped" (given names and
    surnames written in each other's place)."""
    if subject_birth_date is None or birth_date is None or birth_key(birth_date) != birth_key(subject_birth_date):
        return None
    alert_given, alert_surnames = split_subject_name(subject_name)
    given_a, given_b = given_name_tokens(given_names), given_name_tokens(alert_given)
    surnames_a, surnames_b = name_tokens(surnames), name_tokens(alert_surnames)
    dob_exact = birth_date == subject_birth_date
    fields = {"birth_date": "exact" if dob_exact else "swapped"}
    if surnames_a and surnames_b and given_a and given_b:
        match = _by_fields(given_a, given_b, surnames_a, surnames_b, surnames, alert_surnames, fields, dob_exact)
        if match is not None:
            return match
    return _by_all_words([*given_a, *surnames_a], [*given_b, *surnames_b], fields, dob_exact)


def _by_fields(
    given_a: list[str],
    given_b: list[str],
    surnames_a: list[str],
    surnames_b: list[str],
    surnames_text_a: str,
    surnames_text_b: str,
    fields: dict[str, str],
    dob_exact: bool,
) -> PersonMatch | None:
    given_mean, given_least, _given_in_order = _alignment(given_a, given_b)
    surname_mean, surname_least, surnames_in_order = _alignment(surnames_a, surnames_b)
    # A compound surname written joined or apart (DE LA CRUZ / DELACRUZ, PÉREZ-GÓMEZ / PEREZGOMEZ).
    joined_a, joined_b = fold(surnames_text_a).replace(" ", ""), fold(surnames_text_b).replace(" ", "")
    joined = joined_a == joined_b or "".join(surnames_a) == "".join(surnames_b)
    if joined:
        surname_mean, surname_least, surnames_in_order = 1.0, 1.0, True
    if min(given_least, surname_least) < WORD_THRESHOLD:
        return None
    one_surname = not joined and len(surnames_a) != len(surnames_b)
    partial_given = len(given_a) != len(given_b)
    fields = dict(fields)
    fields["given_names"] = "partial" if partial_given else _agreement(given_mean)
    if one_surname:
        fields["surnames"] = "one_surname"
    elif not surnames_in_order:
        fields["surnames"] = "swapped"
    else:
        fields["surnames"] = _agreement(surname_mean)
    score = 0.45 * surname_mean + 0.35 * given_mean + 0.20 * (1.0 if dob_exact else 0.85)
    score -= 0.04 * one_surname + 0.04 * partial_given + 0.01 * (not surnames_in_order)
    score = round(max(0.0, min(1.0, score)), 3)
    if score < POSSIBLE_THRESHOLD:
        return None
    complete = dob_exact and not one_surname and not partial_given
    level = "HIT" if complete and score >= HIT_THRESHOLD else "POSSIBLE"
    return PersonMatch(score=score, level=level, fields=fields)


def _by_all_words(
    words_a: list[str], words_b: list[str], fields: dict[str, str], dob_exact: bool
) -> PersonMatch | None:
    """Given names and surnames written in each other's place (a name read in the wrong order):
    every word of either side has its counterpart; at most POSSIBLE."""
    if len(words_a) < 2 or len(words_a) != len(words_b):
        return None
    mean, least, _in_order = _alignment(words_a, words_b)
    if least < WORD_THRESHOLD:
        return None
    score = round(0.8 * mean + 0.2 * (1.0 if dob_exact else 0.85) - 0.1, 3)
    if score < POSSIBLE_THRESHOLD:
        return None
    return PersonMatch(score=score, level="POSSIBLE", fields={**fields, "names": "fields_swapped"})


def _agreement(score: float) -> str:
    if score >= 1.0:
        return "exact"
    return "similar" if score >= WORD_THRESHOLD else "different"


# The outcomes a matcher's table states: a level of PersonMatch, or no match.
NO_HIT = "NO_HIT"


def outcome_of(match: PersonMatch | None) -> str:
    """The outcome of one comparison: "HIT", "POSSIBLE" or "NO_HIT"."""
    return NO_HIT if match is None else match.level


@dataclass(frozen=True)
class ErrorRates:
    """A matcher's errors over a table of (expected, found) outcomes.

    A false negative is an expected HIT or POSSIBLE found NO_HIT; a false positive, an
    expected NO_HIT found HIT or POSSIBLE. `level_disagreements` counts matches at the other
    level (HIT expected, POSSIBLE found, or the reverse), which are neither."""

    cases: int
    expected_matches: int
    expected_no_hits: int
    false_negatives: int
    false_positives: int
    level_disagreements: int

    @property
    def false_negative_rate(self) -> float:
        return self.false_negatives / self.expected_matches if self.expected_matches else 0.0

    @property
    def false_positive_rate(self) -> float:
        return self.false_positives / self.expected_no_hits if self.expected_no_hits else 0.0

    def __str__(self) -> str:
        return (
            f"{self.cases} cases ({self.expected_matches} expected matches, {self.expected_no_hits} expected no hits): "
            f"false negatives {self.false_negatives} ({self.false_negative_rate:.1%}), "
            f"false positives {self.false_positives} ({self.false_positive_rate:.1%}), "
            f"level disagreements {self.level_disagreements}"
        )


def error_rates(outcomes: Iterable[tuple[str, str]]) -> ErrorRates:
    """The false-negative and false-positive rates of (expected, found) outcomes."""
    pairs = list(outcomes)
    expected_matches = [found for expected, found in pairs if expected != NO_HIT]
    expected_no_hits = [found for expected, found in pairs if expected == NO_HIT]
    return ErrorRates(
        cases=len(pairs),
        expected_matches=len(expected_matches),
        expected_no_hits=len(expected_no_hits),
        false_negatives=sum(found == NO_HIT for found in expected_matches),
        false_positives=sum(found != NO_HIT for found in expected_no_hits),
        level_disagreements=sum(NO_HIT not in (expected, found) and expected != found for expected, found in pairs),
    )
