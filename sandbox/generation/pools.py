"""Pools the generator draws from: names (Faker plus the curated Central American lists of
`sandbox/data/`), carriers and vehicle formats.

Job: build each pool once per seed, with Faker seeded (`seed_instance`) and called a few
thousand times in all, never once per generated row; rows then draw indices into the pools
with numpy. Frequencies survive as repetitions in the pools (a Faker locale's weighted
names, the curated lists' weights).

Invariants: same seed, same pools, in the same order; every pool is a non-empty numpy
object array of display strings (mixed case, with accents, as a clerk would type them).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from faker import Faker

from sandbox.generation.calibration import CURATED_SHARE, HISPANIC_LOCALES
from sandbox.names import name_words

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FAKER_LOCALES = ("es_MX", "es_ES", "es_CO", "es_AR", "en_US", "fr_FR", "de_DE", "nl_NL", "it_IT", "pt_BR")
POOL_DRAWS = {"male": 500, "female": 500, "surname": 1000}


@dataclass(frozen=True)
class NamePool:
    """Given names by sex and surnames of one group of nationalities."""

    male: np.ndarray
    female: np.ndarray
    surnames: np.ndarray
    is_hispanic: bool


def _curated(filename: str) -> tuple[list[str], np.ndarray]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    weights = np.array([float(row["weight"]) for row in rows])
    return [row["name"] for row in rows], weights / weights.sum()


def _faker_pool(locale: str, seed: int) -> dict[str, list[str]]:
    fake = Faker(locale)
    fake.seed_instance(seed)
    return {
        "male": [fake.first_name_male() for _ in range(POOL_DRAWS["male"])],
        "female": [fake.first_name_female() for _ in range(POOL_DRAWS["female"])],
        "surname": [fake.last_name() for _ in range(POOL_DRAWS["surname"])],
    }


def _array(values: list[str]) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


@functools.lru_cache(maxsize=4)
def name_pools(seed: int) -> dict[str, NamePool]:
    """Name pools keyed by locale ("ca" is the curated Central American mix)."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 101])))
    faker_pools = {locale: _faker_pool(locale, seed) for locale in FAKER_LOCALES}
    pools = {
        locale: NamePool(
            male=_array(names["male"]),
            female=_array(names["female"]),
            surnames=_array(names["surname"]),
            is_hispanic=locale in HISPANIC_LOCALES,
        )
        for locale, names in faker_pools.items()
    }
    mixed = {}
    for kind, filename in (
        ("male", "ca_given_names_male.csv"),
        ("female", "ca_given_names_female.csv"),
        ("surname", "ca_surnames.csv"),
    ):
        names, weights = _curated(filename)
        size = POOL_DRAWS[kind]
        curated = rng.choice(len(names), size=int(size * CURATED_SHARE), p=weights)
        mixed[kind] = [names[i] for i in curated] + faker_pools["es_MX"][kind][: size - len(curated)]
    pools["ca"] = NamePool(
        male=_array(mixed["male"]), female=_array(mixed["female"]), surnames=_array(mixed["surname"]), is_hispanic=True
    )
    return pools


class NameForms:
    """Memoised search and MRZ forms of name strings (`"De León"` -> `"DE LEON"`, `"DE<LEON"`).

    Both are the name's ICAO words (`sandbox.names.name_words`), joined by a space or by `<`;
    words are transliterated once each, since transliteration maps characters one by one.
    """

    def __init__(self) -> None:
        self._words: dict[str, str] = {}
        self._key: dict[str, str] = {"": ""}
        self._mrz: dict[str, str] = {"": ""}

    def _compose(self, value: str) -> str:
        words = self._words
        parts = []
        for word in value.split():
            key = words.get(word)
            if key is None:
                key = words[word] = " ".join(name_words(word))
            if key:
                parts.append(key)
        return " ".join(parts)

    def key(self, values: list[str]) -> list[str]:
        memo = self._key
        return [memo[v] if v in memo else memo.setdefault(v, self._compose(v)) for v in values]

    def mrz(self, values: list[str]) -> list[str]:
        memo = self._mrz
        return [memo[v] if v in memo else memo.setdefault(v, self._compose(v).replace(" ", "<")) for v in values]


# Carriers by country of the post: (IATA code, name). Flight numbers are derived per post,
# carrier and hour so that a flight carries many passengers.
AIRLINES = {
    "GTM": (("AV", "Avianca"), ("AA", "American Airlines"), ("UA", "United Airlines"), ("DL", "Delta"),
            ("CM", "Copa Airlines"), ("Y4", "Volaris"), ("5U", "TAG Airlines"), ("AM", "Aeroméxico")),
    "SLV": (("AV", "Avianca"), ("N0", "Volaris El Salvador"), ("UA", "United Airlines"), ("AA", "American Airlines"),
            ("CM", "Copa Airlines"), ("DL", "Delta"), ("IB", "Iberia"), ("AC", "Air Canada")),
    "HND": (("AV", "Avianca"), ("AA", "American Airlines"), ("UA", "United Airlines"), ("CM", "Copa Airlines"),
            ("DL", "Delta"), ("NK", "Spirit Airlines"), ("5U", "TAG Airlines")),
    "NIC": (("AV", "Avianca"), ("AA", "American Airlines"), ("CM", "Copa Airlines"), ("UA", "United Airlines"),
            ("NK", "Spirit Airlines")),
    "CRI": (("AA", "American Airlines"), ("UA", "United Airlines"), ("DL", "Delta"), ("B6", "JetBlue"),
            ("WN", "Southwest"), ("AC", "Air Canada"), ("CM", "Copa Airlines"), ("AV", "Avianca"),
            ("IB", "Iberia"), ("KL", "KLM"), ("LH", "Lufthansa"), ("BA", "British Airways")),
    "PAN": (("CM", "Copa Airlines"), ("AV", "Avianca"), ("AA", "American Airlines"), ("UA", "United Airlines"),
            ("IB", "Iberia"), ("KL", "KLM"), ("WG", "Wingo"), ("DL", "Delta")),
    "BLZ": (("AA", "American Airlines"), ("UA", "United Airlines"), ("DL", "Delta"), ("WN", "Southwest"),
            ("AC", "Air Canada"), ("TA", "Tropic Air"), ("9N", "Maya Island Air")),
    "DOM": (("AA", "American Airlines"), ("B6", "JetBlue"), ("UA", "United Airlines"), ("DL", "Delta"),
            ("DM", "Arajet"), ("IB", "Iberia"), ("AF", "Air France"), ("AC", "Air Canada"), ("NK", "Spirit Airlines"),
            ("UX", "Air Europa"), ("CM", "Copa Airlines")),
}  # fmt: skip
BUS_LINES = (
    ("TB", "Tica Bus"),
    ("PU", "Transportes Pullmantur"),
    ("KQ", "King Quality"),
    ("HA", "Hedman Alas"),
    ("TN", "Transnica"),
    ("PL", "Platinum Centroamérica"),
    ("EX", "Expreso Panamá"),
    ("CA", "Caribe Tours"),
)
SEA_LINES = (("FR", "Ferry regional"), ("CR", "Crucero"), ("LN", "Lancha de pasajeros"))
BUS_SHARE_OF_LAND = 0.55  # the rest cross in their own vehicle or on foot
ON_FOOT_SHARE_OF_LAND = 0.15
# Plate prefixes of private vehicles by country of the post's nationality (format only).
PLATE_PREFIX = {"GTM": "P", "SLV": "P", "HND": "PC", "NIC": "M", "CRI": "CL", "PAN": "AB", "BLZ": "BZ", "DOM": "A"}
