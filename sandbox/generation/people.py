"""Travellers: sex, birth date, names, nationality, national ID, and the children who travel
with some of them.

Job: give every traveller of the trip plan an identity drawn from the pools (never one Faker
call per person), and add the children of travelling parents. Each nationality draws from its
own pool (`calibration.NAME_LOCALE`): Hispanic nationals get given names (sometimes two) and
two surnames, the others one surname as their nationality would write it; children carry a
surname of their parent.

Invariants: a child's nationality is their parent's and they are under 18 at the start of the
period; every adult of an OCAM state but Belize has a national ID number in their country's
format (Guatemalan and Panamanian children too); no one is older than 94 at the start, so the
two-digit MRZ birth year reads back in the right century.
"""

from __future__ import annotations

import numpy as np

from sandbox.generation.calibration import (
    ADULT_AGE_GROUPS,
    CHILDREN_PER_FAMILY,
    DEFAULT_NAME_LOCALE,
    FAMILY_SHARE_OF_PARENT_AGE,
    MALE_SHARE,
    NAME_LOCALE,
)
from sandbox.generation.context import Context, Frame, frame_concat, frame_length
from sandbox.generation.identifiers import national_ids
from sandbox.generation.pools import name_pools

DOUBLE_GIVEN_NAME_SHARE = 0.4
OTHER_BIRTH_COUNTRY_SHARE = 0.04
SECOND_NATIONALITY_SHARE = 0.03
SECOND_NATIONALITIES = np.array(["USA", "ESP", "MEX", "ITA", "CAN"])
YEAR_DAYS = 365.2425


def _objects(values) -> np.ndarray:
    values = list(values)
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def adult_ages(rng: np.random.Generator, n: int) -> np.ndarray:
    """Ages in years (float) of adults, by the age groups of DOMAIN.md 5b."""
    weights = np.array([w for _lo, _hi, w in ADULT_AGE_GROUPS])
    group = rng.choice(len(weights), size=n, p=weights / weights.sum())
    low = np.array([lo for lo, _hi, _w in ADULT_AGE_GROUPS])[group]
    high = np.array([hi for _lo, hi, _w in ADULT_AGE_GROUPS])[group]
    return low + (high - low) * rng.random(n)


def birth_dates(ctx: Context, ages: np.ndarray) -> np.ndarray:
    return ctx.start64 - np.rint(ages * YEAR_DAYS).astype(np.int64).astype("timedelta64[D]")


def names_draw(
    rng: np.random.Generator, *, seed: int, nationality: np.ndarray, sex: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Given names, first and second surname (empty unless Hispanic), and whether Hispanic."""
    n = len(nationality)
    pools = name_pools(seed)
    given, surname_1, surname_2 = (np.full(n, "", dtype=object) for _ in range(3))
    hispanic = np.zeros(n, dtype=bool)
    locale = np.array([NAME_LOCALE.get(code, DEFAULT_NAME_LOCALE) for code in nationality.tolist()])
    for name in np.unique(locale):
        mask = locale == name
        size = int(mask.sum())
        pool = pools[str(name)]
        male = sex[mask] == "M"
        first = np.where(
            male, pool.male[rng.integers(0, len(pool.male), size)], pool.female[rng.integers(0, len(pool.female), size)]
        )
        if pool.is_hispanic:
            second = np.where(
                male,
                pool.male[rng.integers(0, len(pool.male), size)],
                pool.female[rng.integers(0, len(pool.female), size)],
            )
            double = (rng.random(size) < DOUBLE_GIVEN_NAME_SHARE) & (first != second)
            first[double] = _objects(f"{a} {b}" for a, b in zip(first[double], second[double], strict=True))
            surname_2[mask] = pool.surnames[rng.integers(0, len(pool.surnames), size)]
        given[mask] = first
        surname_1[mask] = pool.surnames[rng.integers(0, len(pool.surnames), size)]
        hispanic[mask] = pool.is_hispanic
    return given, surname_1, surname_2, hispanic


def _per_person(trips: Frame, n: int, column: str) -> np.ndarray:
    values = np.empty(n, dtype=trips[column].dtype)
    values[trips["person"]] = trips[column]
    return values


def persons_draw(ctx: Context, trips: Frame) -> Frame:
    """Identities of the travellers of `trips` (by their `person` index), then their children."""
    rng = ctx.rng("persons")
    n = int(trips["person"].max()) + 1
    needs_passport = np.zeros(n, dtype=bool)
    outside_ca4 = ~ctx.posts.is_ca4_internal[trips["post1"]] | ~ctx.is_ca4(trips["nationality"])
    np.logical_or.at(needs_passport, trips["person"], outside_ca4)
    adults: Frame = {
        "nationality": _per_person(trips, n, "nationality"),
        "country": _per_person(trips, n, "country"),
        "sex": np.where(rng.random(n) < MALE_SHARE, "M", "F"),
        "age": adult_ages(rng, n),
        "needs_passport": needs_passport,
    }
    parent = (adults["age"] >= 25) & (adults["age"] < 55) & (rng.random(n) < FAMILY_SHARE_OF_PARENT_AGE)
    sizes, weights = zip(*CHILDREN_PER_FAMILY, strict=True)
    n_children = np.where(parent, np.array(sizes)[rng.choice(len(sizes), size=n, p=weights)], 0)
    adults["n_children"] = n_children.astype(np.int64)
    adults["first_child"] = n + np.cumsum(n_children) - n_children
    parent_of = np.repeat(np.arange(n), n_children)
    m = len(parent_of)
    children: Frame = {
        "nationality": adults["nationality"][parent_of],
        "country": adults["country"][parent_of],
        "sex": np.where(rng.random(m) < MALE_SHARE, "M", "F"),
        "age": np.minimum(0.2 + 17.7 * rng.random(m), adults["age"][parent_of] - 18),
        "needs_passport": np.ones(m, dtype=bool),
        "n_children": np.zeros(m, dtype=np.int64),
        "first_child": np.zeros(m, dtype=np.int64),
    }
    persons = frame_concat([adults, children])
    _identities(ctx, rng, persons, parent_of=parent_of, first_child=n)
    return persons


def _identities(
    ctx: Context, rng: np.random.Generator, persons: Frame, *, parent_of: np.ndarray, first_child: int
) -> None:
    """Names, birth date, national ID and the rest of a person's record, in place."""
    n = frame_length(persons)
    nationality, sex = persons["nationality"], persons["sex"]
    given, surname_1, surname_2, hispanic = names_draw(rng, seed=ctx.seed, nationality=nationality, sex=sex)
    if len(parent_of):
        child = np.arange(first_child, n)
        parent_male = sex[parent_of] == "M"
        # A father passes on his first surname first; a mother's first surname comes second.
        inherited = surname_1[parent_of]
        surname_1[child] = np.where(parent_male | ~hispanic[child], inherited, surname_1[child])
        surname_2[child] = np.where(~parent_male & hispanic[child], inherited, surname_2[child])
    persons["given_names"], persons["surname_1"], persons["surname_2"] = given, surname_1, surname_2
    persons["birth_date"] = birth_dates(ctx, persons["age"])
    persons["is_minor"] = persons["age"] < 18
    eligible = ~persons["is_minor"] | np.isin(nationality, ("GTM", "PAN"))
    persons["national_id_number"] = national_ids(rng, nationality, persons["birth_date"], eligible)
    other_birth = rng.random(n) < OTHER_BIRTH_COUNTRY_SHARE
    persons["birth_country"] = np.where(other_birth, SECOND_NATIONALITIES[rng.integers(0, 5, n)], nationality)
    second = SECOND_NATIONALITIES[rng.integers(0, 5, n)]
    persons["second_nationality"] = np.where(
        (rng.random(n) < SECOND_NATIONALITY_SHARE) & (second != nationality), second, ""
    )
    persons["is_test"] = np.zeros(n, dtype=bool)


def persons_make(ctx: Context, rng_name: str, *, nationality: np.ndarray, sex: np.ndarray, age: np.ndarray) -> Frame:
    """Persons of given nationality, sex and age (returnees, test records), without children."""
    n = len(nationality)
    persons: Frame = {
        "nationality": nationality.astype("<U3"),
        "country": nationality.astype("<U3"),
        "sex": sex.astype("<U1"),
        "age": age.astype(np.float64),
        "needs_passport": np.ones(n, dtype=bool),
    }
    _identities(ctx, ctx.rng(rng_name), persons, parent_of=np.arange(0), first_child=n)
    return persons
