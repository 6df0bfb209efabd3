"""ICAO 9303 machine-readable zones (`sandbox.mrz`).

Proves the check digits and readings of the ICAO specimens, that composing then reading a
zone gives back its data (hypothesis, with Spanish names), that the generator's vectorised
check digits equal the scalar ones, that every single-digit corruption of a checked field is
caught, how names are transliterated, and that typed zones are tolerated.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from sandbox.mrz import (
    check_digit,
    check_digits,
    mrz_compose_td1,
    mrz_compose_td3,
    mrz_lines,
    mrz_read,
    transliterate,
)

TD3_SPECIMEN = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1_SPECIMEN = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
SPECIMEN_HOLDER = {
    "issuing_state": "UTO",
    "surnames": "Eriksson",
    "given_names": "Anna María",
    "nationality": "UTO",
    "birth_date": dt.date(1974, 8, 12),
    "sex": "F",
    "expiry_date": dt.date(2012, 4, 15),
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("field", "digit"), [("L898902C3", "6"), ("740812", "2"), ("120415", "9"), ("ZE184226B<<<<<", "1")]
)
def test_check_digits_of_the_icao_specimen(field, digit):
    assert check_digit(field) == digit


def test_the_td3_specimen_reads_correctly():
    data = mrz_read(TD3_SPECIMEN)
    assert (data.format, data.document_code, data.issuing_state, data.nationality) == ("TD3", "P", "UTO", "UTO")
    assert (data.surnames, data.given_names, data.sex) == ("ERIKSSON", "ANNA MARIA", "F")
    assert (data.number, data.birth_date, data.expiry_date, data.optional) == (
        "L898902C3",
        dt.date(1974, 8, 12),
        dt.date(2012, 4, 15),
        "ZE184226B",
    )


def test_the_td1_specimen_reads_correctly():
    data = mrz_read(TD1_SPECIMEN)
    assert (data.format, data.document_code, data.issuing_state, data.nationality) == ("TD1", "I", "UTO", "UTO")
    assert (data.surnames, data.given_names, data.sex) == ("ERIKSSON", "ANNA MARIA", "F")
    assert (data.number, data.birth_date, data.expiry_date, data.optional) == (
        "D23145890",
        dt.date(1974, 8, 12),
        dt.date(2012, 4, 15),
        "",
    )


def test_composing_the_specimens_data_gives_the_specimens():
    td3 = mrz_compose_td3(document_code="P", number="L898902C3", optional="ZE184226B", **SPECIMEN_HOLDER)
    assert td3 == TD3_SPECIMEN
    assert mrz_compose_td1(document_code="I", number="D23145890", **SPECIMEN_HOLDER) == TD1_SPECIMEN


# Round trips.

SPANISH_LETTERS = "abcdefghijklmnopqrstuvwxyzñáéíóúÁÉÍÓÚÑ"
names = st.text(alphabet=SPANISH_LETTERS + " -", min_size=1, max_size=12).filter(transliterate)
_today = dt.date.today()
# Two-digit years: a birth year is the last hundred years, an expiry year this century.
birth_dates = st.dates(min_value=dt.date(_today.year - 99, 1, 1), max_value=_today)
expiry_dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
numbers = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=9)
states = st.sampled_from(["GTM", "NIC", "CRI", "D", "XXA", "UTO"])


@given(
    surnames=names,
    given_names=names,
    number=numbers,
    birth_date=birth_dates,
    expiry_date=expiry_dates,
    sex=st.sampled_from("MFX"),
    issuing_state=states,
    nationality=states,
    optional=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", max_size=14),
)
def test_a_composed_zone_reads_back_its_data(surnames, given_names, optional, **fields):
    expected_names = (transliterate(surnames).replace("<", " "), transliterate(given_names).replace("<", " "))
    for compose, code, lines in ((mrz_compose_td3, "P", 2), (mrz_compose_td1, "ID", 3)):
        zone = compose(document_code=code, surnames=surnames, given_names=given_names, optional=optional, **fields)
        assert len(zone.split("\n")) == lines
        data = mrz_read(zone)
        assert data.document_code == code
        assert (data.surnames, data.given_names) == expected_names
        assert data.optional == optional
        for field, value in fields.items():
            assert getattr(data, field) == value, field


@given(st.integers(min_value=1, max_value=20).flatmap(
    lambda width: st.lists(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<", min_size=width, max_size=width),
                           min_size=1, max_size=30)
))  # fmt: skip
def test_vectorised_check_digits_equal_the_scalar_ones(fields):
    width = len(fields[0])
    vectorised = check_digits(np.array([field.encode("ascii") for field in fields], dtype=f"S{width}"))
    assert [digit.decode("ascii") for digit in vectorised] == [check_digit(field) for field in fields]


# Corruption.

# (line, first, last) of every field a check digit covers, the check digits included.
CHECKED = {
    TD3_SPECIMEN: [(1, 0, 10), (1, 13, 20), (1, 21, 28), (1, 28, 43), (1, 43, 44)],
    TD1_SPECIMEN: [(0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 30)],
}


def _digit_corruptions(zone: str):
    lines = zone.split("\n")
    for line, first, last in CHECKED[zone]:
        for position in range(first, last):
            original = lines[line][position]
            if not original.isdigit():
                continue
            for digit in "0123456789".replace(original, ""):
                corrupted = list(lines)
                corrupted[line] = f"{lines[line][:position]}{digit}{lines[line][position + 1 :]}"
                yield "\n".join(corrupted)


@pytest.mark.parametrize("zone", [TD3_SPECIMEN, TD1_SPECIMEN], ids=["TD3", "TD1"])
def test_every_single_digit_corruption_of_a_checked_field_is_caught(zone):
    corruptions = list(_digit_corruptions(zone))
    assert len(corruptions) > 200
    for corrupted in corruptions:
        with pytest.raises(ValidationError) as refused:
            mrz_read(corrupted)
        assert any("check digit" in message for message in refused.value.message_dict["mrz"]), corrupted


# Names and typing.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peña", "PENA"),
        ("Núñez", "NUNEZ"),
        ("  Ñandú  ", "NANDU"),
        ("Ávila-Sáenz", "AVILA<SAENZ"),
        ("José-María de la O", "JOSE<MARIA<DE<LA<O"),
        ("María   José", "MARIA<JOSE"),
        ("Çelik", "CELIK"),
        ("Müller", "MUELLER"),
        ("-", ""),
    ],
)
def test_transliteration_drops_accents_and_turns_hyphens_and_spaces_into_fillers(text, expected):
    assert transliterate(text) == expected


@pytest.mark.parametrize(
    "typed",
    [
        TD3_SPECIMEN.lower(),
        TD3_SPECIMEN.replace("<<", "< <"),
        f"\n  {TD3_SPECIMEN.replace(chr(10), chr(10) * 3)}  \n",
        TD3_SPECIMEN.replace("\n", "\r\n"),
        " ".join(TD3_SPECIMEN),
    ],
    ids=["lower-case", "spaces", "blank-lines", "crlf", "spaced-out"],
)
def test_typed_zones_are_tolerated(typed):
    assert mrz_lines(typed) == TD3_SPECIMEN.split("\n")
    assert mrz_read(typed).number == "L898902C3"


def test_characters_outside_the_mrz_alphabet_are_refused():
    with pytest.raises(ValidationError) as refused:
        mrz_read(TD3_SPECIMEN.replace("ERIKSSON", "ERIKSSÖN"))
    assert refused.value.message_dict["mrz"] == ["An MRZ holds only capital letters A to Z, digits and the filler <."]
