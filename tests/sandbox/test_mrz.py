"""ICAO 9303 machine-readable zones: check digits, composing and reading TD3 and TD1."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sandbox.mrz import check_digit, check_digits, mrz_compose_td1, mrz_compose_td3, mrz_read, transliterate

TD3_SPECIMEN = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1_SPECIMEN = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"


@pytest.mark.parametrize(
    ("field", "digit"), [("L898902C3", "6"), ("740812", "2"), ("120415", "9"), ("ZE184226B<<<<<", "1")]
)
def test_check_digits_of_the_icao_specimens(field, digit):
    assert check_digit(field) == digit


def test_the_td3_specimen_reads_correctly():
    data = mrz_read(TD3_SPECIMEN)
    assert (data.format, data.document_code, data.issuing_state, data.number) == ("TD3", "P", "UTO", "L898902C3")
    assert (data.surnames, data.given_names, data.sex) == ("ERIKSSON", "ANNA MARIA", "F")
    assert (data.birth_date, data.expiry_date, data.optional) == (
        dt.date(1974, 8, 12),
        dt.date(2012, 4, 15),
        "ZE184226B",
    )


def test_the_td1_specimen_reads_correctly():
    data = mrz_read(TD1_SPECIMEN)
    assert (data.format, data.document_code, data.number, data.nationality) == ("TD1", "I", "D23145890", "UTO")
    assert (data.surnames, data.given_names, data.birth_date) == ("ERIKSSON", "ANNA MARIA", dt.date(1974, 8, 12))


def test_lower_case_and_spaces_are_tolerated():
    assert mrz_read(" " + TD3_SPECIMEN.lower().replace("<<", "< <") + "\n\n").number == "L898902C3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Peña", "PENA"), ("José-María de la O", "JOSE<MARIA<DE<LA<O"), ("Müller", "MUELLER"), ("  Ñandú  ", "NANDU")],
)
def test_transliteration_follows_icao(text, expected):
    assert transliterate(text) == expected


def test_every_wrong_digit_in_a_checked_field_is_caught():
    lines = TD3_SPECIMEN.split("\n")
    for position in [*range(10), *range(13, 20), *range(21, 28), 43]:
        character = lines[1][position]
        if not character.isdigit():
            continue
        corrupted = lines[1][:position] + str((int(character) + 3) % 10) + lines[1][position + 1 :]
        with pytest.raises(ValidationError):
            mrz_read(f"{lines[0]}\n{corrupted}")


names = st.text(alphabet="abcdeñáéíóúüzANÑÉ -", min_size=1, max_size=18).filter(lambda n: transliterate(n))
dates = st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2024, 12, 31))
numbers = st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ0123456789", min_size=6, max_size=9)


@given(surnames=names, given_names=names, number=numbers, birth=dates, sex=st.sampled_from("MFX"))
def test_composed_zones_read_back(surnames, given_names, number, birth, sex):
    fields = {
        "issuing_state": "GTM",
        "surnames": surnames,
        "given_names": given_names,
        "number": number,
        "nationality": "GTM",
        "birth_date": birth,
        "sex": sex,
        "expiry_date": dt.date(2033, 7, 1),
    }
    for compose, code in ((mrz_compose_td3, "P"), (mrz_compose_td1, "ID")):
        data = mrz_read(compose(document_code=code, **fields))
        assert (data.number, data.birth_date, data.expiry_date, data.sex) == (number, birth, dt.date(2033, 7, 1), sex)
        assert data.surnames.replace(" ", "<").startswith(transliterate(surnames)[:10].rstrip("<"))


@given(st.lists(st.text(alphabet="ABCXYZ0123456789<", min_size=9, max_size=9), min_size=1, max_size=20))
def test_vectorised_check_digits_equal_the_scalar_ones(fields):
    vectorised = check_digits(np.array([field.encode() for field in fields], dtype="S9"))
    assert [digit.decode() for digit in vectorised] == [check_digit(field) for field in fields]
