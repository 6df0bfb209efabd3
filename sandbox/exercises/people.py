"""Travellers of scenarios: Central American names (the curated lists of `sandbox/data/`),
dates of birth, document numbers and their machine-readable zones, drawn from a scenario's
random generator only, so that the same seed gives the same travellers."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import random
import string
from dataclasses import dataclass
from pathlib import Path

from sandbox.mrz import mrz_compose_td1, mrz_compose_td3

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@functools.cache
def _names(filename: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(row["name"] for row in rows), tuple(float(row["weight"]) for row in rows)


def _draw(rng: random.Random, filename: str) -> str:
    names, weights = _names(filename)
    return rng.choices(names, weights=weights, k=1)[0]


def surname_draw(rng: random.Random) -> str:
    """A surname of the region, as often as it is borne."""
    return _draw(rng, "ca_surnames.csv")


@dataclass(frozen=True)
class Traveller:
    given_names: str
    surname_1: str
    surname_2: str
    sex: str
    birth_date: dt.date
    nationality: str

    @property
    def surnames(self) -> str:
        return f"{self.surname_1} {self.surname_2}".strip()

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surnames}"

    def person_fields(self) -> dict[str, object]:
        return {
            "given_names": self.given_names,
            "surname_1": self.surname_1,
            "surname_2": self.surname_2,
            "sex": self.sex,
            "birth_date": self.birth_date,
            "nationality_id": self.nationality,
        }


def traveller_draw(rng: random.Random, *, nationality: str, on: dt.date, age: tuple[int, int] = (19, 70)) -> Traveller:
    """A traveller of `nationality` whose age on `on` is within `age` (inclusive)."""
    sex = rng.choice("MF")
    given = _draw(rng, "ca_given_names_male.csv" if sex == "M" else "ca_given_names_female.csv")
    if rng.random() < 0.4:
        second = _draw(rng, "ca_given_names_male.csv" if sex == "M" else "ca_given_names_female.csv")
        if second != given:
            given = f"{given} {second}"
    surname_1 = _draw(rng, "ca_surnames.csv")
    surname_2 = _draw(rng, "ca_surnames.csv")
    years = rng.randint(age[0], age[1])
    born = on - dt.timedelta(days=365 * years + rng.randint(30, 330) + years // 4)
    return Traveller(given, surname_1, surname_2, sex, born, nationality)


def passport_number(rng: random.Random) -> str:
    """A passport number: a letter and eight digits (as the region's passports print them)."""
    return rng.choice(string.ascii_uppercase.replace("O", "").replace("I", "")) + "".join(
        rng.choice(string.digits) for _ in range(8)
    )


def card_number(rng: random.Random) -> str:
    return "".join(rng.choice(string.digits) for _ in range(9))


def _zone(compose, document_code: str, traveller: Traveller, *, number: str, expires_on: dt.date) -> str:
    return compose(
        document_code=document_code,
        issuing_state=traveller.nationality,
        surnames=traveller.surnames,
        given_names=traveller.given_names,
        number=number,
        nationality=traveller.nationality,
        birth_date=traveller.birth_date,
        sex=traveller.sex,
        expiry_date=expires_on,
    )


def passport_mrz(traveller: Traveller, *, number: str, expires_on: dt.date) -> str:
    return _zone(mrz_compose_td3, "P", traveller, number=number, expires_on=expires_on)


def card_mrz(traveller: Traveller, *, number: str, expires_on: dt.date) -> str:
    return _zone(mrz_compose_td1, "ID", traveller, number=number, expires_on=expires_on)
