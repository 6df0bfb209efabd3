"""National identity numbers in each country's format (DOMAIN.md 3.2) and document numbers.

Job: draw many numbers at once with numpy. Formats: GT CUI 13 digits `SSSS SSSSC DDMM`
(mod-11 check over the serial, weights 2-9), SV DUI `NNNNNNNN-C` (weights 9-2, mod 10), HN DNI
`MMMM-YYYY-NNNNN`, NI cédula `MMM-DDMMYY-NNNNL`, CR cédula `P-TTTT-AAAA` (9 digits), PA cédula
`P-TTT-AAAA`, DO cédula `XXX-XXXXXXX-C` (Luhn). Belize has no general national ID. The check
algorithms of GT, SV, HN, NI and PA are unverified community versions: format-plausible only.

Document numbers start with the reserved letter Z (DOMAIN.md 6), so they can never be a live
document's: `Z` + a letter + 7 digits, 9 characters, from a bijection of the document index,
so two documents never share a number unless a defect makes them.
"""

from __future__ import annotations

import math

import numpy as np

LETTERS = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
DOCUMENT_SPACE = 26 * 10**7


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    """The decimal digits of non-negative integers, most significant first: shape (n, width)."""
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return (values[:, None] // powers) % 10


def _text(values: np.ndarray, width: int) -> list[str]:
    return [f"{value:0{width}d}" for value in values.tolist()]


def gt_cui(rng: np.random.Generator, n: int) -> list[str]:
    serial = rng.integers(10**7, 10**8, n)
    check = (_digits(serial, 8) * np.arange(2, 10)).sum(axis=1) % 11
    while (bad := check == 10).any():
        serial[bad] = rng.integers(10**7, 10**8, int(bad.sum()))
        check = (_digits(serial, 8) * np.arange(2, 10)).sum(axis=1) % 11
    department, municipality = rng.integers(1, 23, n), rng.integers(1, 18, n)
    return [
        f"{s // 10**4:04d} {s % 10**4:04d}{c} {d:02d}{m:02d}"
        for s, c, d, m in zip(serial.tolist(), check.tolist(), department.tolist(), municipality.tolist(), strict=True)
    ]


def sv_dui(rng: np.random.Generator, n: int) -> list[str]:
    serial = rng.integers(0, 10**8, n)
    check = (10 - (_digits(serial, 8) * np.arange(9, 1, -1)).sum(axis=1) % 10) % 10
    return [f"{s:08d}-{c}" for s, c in zip(serial.tolist(), check.tolist(), strict=True)]


def hn_dni(rng: np.random.Generator, n: int, birth_years: np.ndarray) -> list[str]:
    municipality = rng.integers(1, 19, n) * 100 + rng.integers(1, 29, n)
    serial = rng.integers(1, 10**5, n)
    return [
        f"{m:04d}-{y}-{s:05d}"
        for m, y, s in zip(municipality.tolist(), birth_years.tolist(), serial.tolist(), strict=True)
    ]


def ni_cedula(rng: np.random.Generator, n: int, birth_dates: np.ndarray) -> list[str]:
    municipality = rng.integers(1, 616, n)
    serial = rng.integers(1, 10**4, n)
    letters = LETTERS[rng.integers(0, 25, n)]
    text = np.datetime_as_string(birth_dates, unit="D")
    return [
        f"{m:03d}-{d[8:10]}{d[5:7]}{d[2:4]}-{s:04d}{letter}"
        for m, d, s, letter in zip(municipality.tolist(), text.tolist(), serial.tolist(), letters.tolist(), strict=True)
    ]


def cr_cedula(rng: np.random.Generator, n: int) -> list[str]:
    province, tome, seat = rng.integers(1, 8, n), rng.integers(1, 2000, n), rng.integers(1, 10**4, n)
    return [f"{p}-{t:04d}-{a:04d}" for p, t, a in zip(province.tolist(), tome.tolist(), seat.tolist(), strict=True)]


def pa_cedula(rng: np.random.Generator, n: int) -> list[str]:
    province, tome, seat = rng.integers(1, 14, n), rng.integers(1, 1000, n), rng.integers(1, 10**4, n)
    return [f"{p}-{t}-{a}" for p, t, a in zip(province.tolist(), tome.tolist(), seat.tolist(), strict=True)]


def do_cedula(rng: np.random.Generator, n: int) -> list[str]:
    body = rng.integers(1, 10**10, n)
    digits = _digits(body, 10)
    doubled = digits * np.tile([1, 2], 5)
    total = (doubled // 10 + doubled % 10).sum(axis=1)
    check = (10 - total % 10) % 10
    return [f"{b // 10**7:03d}-{b % 10**7:07d}-{c}" for b, c in zip(body.tolist(), check.tolist(), strict=True)]


def national_ids(
    rng: np.random.Generator, nationality: np.ndarray, birth_dates: np.ndarray, eligible: np.ndarray
) -> np.ndarray:
    """National ID numbers of the eligible persons of OCAM nationalities ("" for everyone else)."""
    result = np.full(len(nationality), "", dtype=object)
    years = birth_dates.astype("datetime64[Y]").astype(np.int64) + 1970
    makers = {
        "GTM": lambda m: gt_cui(rng, int(m.sum())),
        "SLV": lambda m: sv_dui(rng, int(m.sum())),
        "HND": lambda m: hn_dni(rng, int(m.sum()), years[m]),
        "NIC": lambda m: ni_cedula(rng, int(m.sum()), birth_dates[m]),
        "CRI": lambda m: cr_cedula(rng, int(m.sum())),
        "PAN": lambda m: pa_cedula(rng, int(m.sum())),
        "DOM": lambda m: do_cedula(rng, int(m.sum())),
    }
    for code, make in makers.items():
        mask = eligible & (nationality == code)
        if mask.any():
            values = np.empty(int(mask.sum()), dtype=object)
            values[:] = make(mask)
            result[mask] = values
    return result


class DocumentNumbers:
    """Unique `Z` document numbers: index -> (a * index + b) mod 26e7, a bijection of the space."""

    def __init__(self, rng: np.random.Generator) -> None:
        while True:
            self.multiplier = int(rng.integers(10**6, DOCUMENT_SPACE))
            if math.gcd(self.multiplier, DOCUMENT_SPACE) == 1:
                break
        self.shift = int(rng.integers(0, DOCUMENT_SPACE))
        self.used = 0

    def take(self, n: int) -> np.ndarray:
        """The next n numbers, as a `<U9` array."""
        index = np.arange(self.used, self.used + n, dtype=np.int64)
        self.used += n
        value = (index * self.multiplier + self.shift) % DOCUMENT_SPACE
        letters = LETTERS[value // 10**7]
        return np.char.add(np.char.add("Z", letters), np.char.zfill((value % 10**7).astype("<U7"), 7))
