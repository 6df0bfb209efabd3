"""Pools the generator draws from: names (Faker plus the curated lists of `sandbox/data/`:
Central American names, Chinese names in pinyin), carriers (airlines per country, bus lines
per route, sea lines) and the plate formats of each country.

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
FAKER_LOCALES = (
    "es_MX", "es_ES", "es_CO", "es_AR", "en_US", "en_GB", "fr_FR", "de_DE", "de_CH", "nl_NL", "it_IT", "pt_BR",
    "sv_SE", "en_IN", "ja_JP",
)  # fmt: skip
# Faker locales that write names in another script but have romanised forms of them.
ROMANISED = {"ja_JP": ("first_romanized_name_male", "first_romanized_name_female", "last_romanized_name")}
# Curated lists in sandbox/data/ (name,weight): (male, female, surnames) and the share of the
# pool they fill, the rest from a Faker locale ("" for none).
CURATED = {
    "ca": (("ca_given_names_male.csv", "ca_given_names_female.csv", "ca_surnames.csv"), "es_MX"),
    "zh_pinyin": (("cn_given_names_male.csv", "cn_given_names_female.csv", "cn_surnames.csv"), ""),
}
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
    male, female, surname = ROMANISED.get(locale, ("first_name_male", "first_name_female", "last_name"))
    return {
        "male": [getattr(fake, male)() for _ in range(POOL_DRAWS["male"])],
        "female": [getattr(fake, female)() for _ in range(POOL_DRAWS["female"])],
        "surname": [getattr(fake, surname)() for _ in range(POOL_DRAWS["surname"])],
    }


def _array(values: list[str]) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _pool(locale: str, names: dict[str, list[str]]) -> NamePool:
    return NamePool(
        male=_array(names["male"]),
        female=_array(names["female"]),
        surnames=_array(names["surname"]),
        is_hispanic=locale in HISPANIC_LOCALES,
    )


@functools.lru_cache(maxsize=4)
def name_pools(seed: int) -> dict[str, NamePool]:
    """Name pools keyed by locale: Faker's, the curated lists ("ca" the Central American mix,
    "zh_pinyin" Chinese names in pinyin) and "bz" (Belize: US and British English)."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 101])))
    faker_pools = {locale: _faker_pool(locale, seed) for locale in FAKER_LOCALES}
    pools = {locale: _pool(locale, names) for locale, names in faker_pools.items()}
    for locale, (files, base) in CURATED.items():
        mixed = {}
        for kind, filename in zip(("male", "female", "surname"), files, strict=True):
            names, weights = _curated(filename)
            size = POOL_DRAWS[kind]
            curated = rng.choice(len(names), size=int(size * CURATED_SHARE) if base else size, p=weights)
            mixed[kind] = [names[i] for i in curated] + (faker_pools[base][kind][: size - len(curated)] if base else [])
        pools[locale] = _pool(locale, mixed)
    us, british = faker_pools["en_US"], faker_pools["en_GB"]
    half = {kind: size // 2 for kind, size in POOL_DRAWS.items()}
    pools["bz"] = _pool("bz", {kind: us[kind][: half[kind]] + british[kind][: half[kind]] for kind in half})
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
# Bus lines by route (the pair of countries a land post joins), as (code, name): operators
# that run the route [k], see calibration.py. A line serves both sides of its borders.
BUS_ROUTES: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("GTM", "SLV"): (("TB", "Tica Bus"), ("PU", "Transportes Pullmantur"), ("KQ", "King Quality"),
                     ("PL", "Platinum Centroamérica"), ("MV", "Melva Internacional")),
    ("GTM", "HND"): (("HA", "Hedman Alas"), ("KQ", "King Quality"), ("RO", "Rutas Orientales Express")),
    ("HND", "SLV"): (("KQ", "King Quality"), ("PU", "Transportes Pullmantur"), ("TB", "Tica Bus"),
                     ("PL", "Platinum Centroamérica")),
    ("HND", "NIC"): (("TB", "Tica Bus"), ("TN", "Transnica"), ("KQ", "King Quality"),
                     ("PL", "Platinum Centroamérica")),
    ("CRI", "NIC"): (("TB", "Tica Bus"), ("TN", "Transnica"), ("NE", "Nica Expreso"), ("CL", "Central Line"),
                     ("DE", "Deldú Internacional")),
    ("CRI", "PAN"): (("TB", "Tica Bus"), ("EP", "Expreso Panamá"), ("TC", "Tracopa"),
                     ("PF", "Padafront Internacional")),
    ("BLZ", "GTM"): (("LD", "Línea Dorada"), ("FN", "Fuente del Norte"), ("SJ", "San Juan Travel Express")),
    ("GTM", "MEX"): (("TG", "Trans Galgos Inter"), ("LD", "Línea Dorada"), ("AD", "ADO Internacional")),
    ("BLZ", "MEX"): (("AD", "ADO Internacional"), ("NX", "Northern Transport Express")),
    ("DOM", "HTI"): (("CT", "Caribe Tours"), ("CC", "Capital Coach Line"), ("MT", "Metro Tours Internacional")),
}  # fmt: skip
SEA_LINES = (("FR", "Ferry regional"), ("CR", "Crucero"), ("LN", "Lancha de pasajeros"))
BUS_SHARE_OF_LAND = 0.55  # the rest cross in their own vehicle or on foot
ON_FOOT_SHARE_OF_LAND = 0.15
# Plates of private vehicles by the country that registered them (the traveller's, else the
# country they set out from: a hire car): a format per country [k: general knowledge, format
# only], "L" a letter and "9" a digit, other characters as they are.
PLATE_FORMATS = {
    "GTM": "P999LLL", "SLV": "P999-999", "HND": "LLL 9999", "NIC": "M 999-999", "CRI": "LLL-999",
    "PAN": "LL9999", "BLZ": "BZ C 99999", "DOM": "A999999", "MEX": "LLL-999-L", "USA": "LLL 9999",
}  # fmt: skip
