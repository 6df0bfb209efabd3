"""ICAO 9303 machine-readable zones (`sandbox.mrz`).

Proves the check digits and readings of the ICAO specimens, that composing then reading a
zone gives back its data (hypothesis, with Spanish names), that the generator's vectorised
check digits equal the scalar ones, that every single-digit corruption of a checked field is
caught, how names are transliterated, that typed zones are tolerated, and how a zone of the
wrong shape, an impossible date, a sex other than M, F, X or < and a TD2 zone are refused.
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

# The specimens of ICAO Doc 9303 part 4 (TD3) and part 5 (TD1).
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

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("field", "digit"),
    [("L898902C3", "6"), ("740812", "2"), ("120415", "9"), ("ZE184226B<<<<<", "1"), ("D23145890", "7")],
)
def test_check_digits_of_the_icao_specimens(field, digit):
    assert check_digit(field) == digit


def test_the_composite_check_digits_of_the_specimens():
    td3 = TD3_SPECIMEN.split("\n")[1]
    assert check_digit(td3[0:10] + td3[13:20] + td3[21:43]) == td3[43] == "0"
    td1_line1, td1_line2, _names = TD1_SPECIMEN.split("\n")
    assert check_digit(td1_line1[5:30] + td1_line2[0:7] + td1_line2[8:15] + td1_line2[18:29]) == td1_line2[29] == "6"


def test_the_specimens_are_composed_exactly():
    assert mrz_compose_td3(document_code="P", number="L898902C3", optional="ZE184226B", **SPECIMEN_HOLDER) == (
        TD3_SPECIMEN
    )
    assert mrz_compose_td1(document_code="I", number="D23145890", **SPECIMEN_HOLDER) == TD1_SPECIMEN


def test_the_td3_specimen_reads_correctly():
    data = mrz_read(TD3_SPECIMEN)
    assert (data.format, data.document_code, data.issuing_state, data.number) == ("TD3", "P", "UTO", "L898902C3")
    assert (data.surnames, data.given_names, data.sex, data.nationality) == ("ERIKSSON", "ANNA MARIA", "F", "UTO")
    assert (data.birth_date, data.expiry_date, data.optional) == (
        dt.date(1974, 8, 12),
        dt.date(2012, 4, 15),
        "ZE184226B",
    )


def test_the_td1_specimen_reads_correctly():
    data = mrz_read(TD1_SPECIMEN)
    assert (data.format, data.document_code, data.issuing_state, data.number) == ("TD1", "I", "UTO", "D23145890")
    assert (data.surnames, data.given_names, data.sex, data.nationality) == ("ERIKSSON", "ANNA MARIA", "F", "UTO")
    assert (data.birth_date, data.expiry_date, data.optional) == (dt.date(1974, 8, 12), dt.date(2012, 4, 15), "")


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


@pytest.mark.parametrize(
    ("position", "character", "field"),
    [(0, "M", "document number"), (9, "5", "document number"), (15, "9", "date of birth"), (22, "3", "date of expiry")],
)
def test_a_wrong_character_is_reported_against_its_field(position, character, field):
    line1, line2 = TD3_SPECIMEN.split("\n")
    assert line2[position] != character
    with pytest.raises(ValidationError) as refused:
        mrz_read(f"{line1}\n{line2[:position]}{character}{line2[position + 1 :]}")
    messages = refused.value.message_dict["mrz"]
    assert f"The check digit of the {field} is wrong." in messages
    assert "The check digit of the whole zone (composite) is wrong." in messages


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (TD3_SPECIMEN[:-1], "Line 2 has 43 characters; it must have 44."),
        (
            TD3_SPECIMEN.split("\n")[0] + "<\n" + TD3_SPECIMEN.split("\n")[1],
            "Line 1 has 45 characters; it must have 44.",
        ),
        (TD1_SPECIMEN + "<", "Line 3 has 31 characters; it must have 30."),
        (TD3_SPECIMEN.split("\n")[0], "this one has 1"),
        ("", "this one has 0"),
        (TD3_SPECIMEN.replace("P<UTO", "P-UTO"), "only capital letters"),
    ],
)
def test_a_zone_of_the_wrong_shape_is_refused(text, message):
    with pytest.raises(ValidationError) as refused:
        mrz_read(text)
    assert message in " ".join(refused.value.message_dict["mrz"])


def test_an_impossible_date_is_refused():
    line1, line2 = TD3_SPECIMEN.split("\n")
    birth = "741312"  # a 13th month
    body = line2[:13] + birth + check_digit(birth) + line2[20:43]
    body += check_digit(body[0:10] + body[13:20] + body[21:43])
    with pytest.raises(ValidationError) as refused:
        mrz_read(f"{line1}\n{body}")
    assert refused.value.message_dict["mrz"] == ["The date of birth is not a date (YYMMDD)."]


# Where each format keeps the holder's sex (line, position): no check digit covers it.
SEX_POSITIONS = {"TD3": (TD3_SPECIMEN, 1, 20), "TD1": (TD1_SPECIMEN, 1, 7)}
# A TD2 zone (ICAO 9303 part 6): 2 lines of 36.
TD2_SPECIMEN = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"


def _with_sex(zone: str, character: str) -> str:
    specimen, line, position = SEX_POSITIONS[zone]
    lines = specimen.split("\n")
    lines[line] = lines[line][:position] + character + lines[line][position + 1 :]
    return "\n".join(lines)


@pytest.mark.parametrize("zone", ["TD3", "TD1"])
@pytest.mark.parametrize("character", ["9", "0", "A", "U", "Z"])
def test_a_sex_other_than_m_f_x_or_the_filler_is_refused_naming_the_field(zone, character):
    with pytest.raises(ValidationError) as refused:
        mrz_read(_with_sex(zone, character))
    assert refused.value.message_dict["mrz"] == [
        f"The sex must be M, F, X or < (unspecified); this zone has {character}."
    ]


def test_the_sex_message_is_in_spanish_for_a_spanish_reader():
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        mrz_read(_with_sex("TD3", "9"))
    assert refused.value.message_dict["mrz"] == [
        "El campo «sexo» debe ser M, F, X o < (sin especificar); esta zona tiene 9."
    ]


@pytest.mark.parametrize("zone", ["TD3", "TD1"])
@pytest.mark.parametrize(("character", "sex"), [("M", "M"), ("F", "F"), ("X", "X"), ("<", "X")])
def test_m_f_x_and_the_filler_are_read_as_the_holders_sex(zone, character, sex):
    assert mrz_read(_with_sex(zone, character)).sex == sex


def test_a_td2_zone_is_refused_as_a_format_the_platform_does_not_read():
    line1, line2 = TD2_SPECIMEN.split("\n")
    assert len(line1) == len(line2) == 36
    for sex in ("F", "9"):
        with pytest.raises(ValidationError) as refused:
            mrz_read(f"{line1}\n{line2[:20]}{sex}{line2[21:]}")
        assert refused.value.message_dict["mrz"] == [
            "This is a TD2 zone (2 lines of 36 characters), which the platform does not read: "
            "type the zone of the passport (TD3) or of the identity card (TD1)."
        ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Line 1 has 1 character; it must have 44.", "Line 2 has 2 characters; it must have 44."]),
        ("es", ["La línea 1 tiene 1 carácter; debe tener 44.", "La línea 2 tiene 2 caracteres; debe tener 44."]),
    ],
)
def test_line_lengths_use_the_plural_form_of_their_count(language, expected):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        mrz_read("P\nL8")
    assert refused.value.message_dict["mrz"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peña", "PENA"),
        ("NÚÑEZ", "NUNEZ"),
        ("Núñez", "NUNEZ"),
        ("  Ñandú  ", "NANDU"),
        ("Ávila-Sáenz", "AVILA<SAENZ"),
        ("José-María de la O", "JOSE<MARIA<DE<LA<O"),
        ("María   José", "MARIA<JOSE"),
        ("  Ñandú   Güiro ", "NANDU<GUEIRO"),
        ("Müller", "MUELLER"),
        ("Çelik", "CELIK"),
        ("Çelik Ærø", "CELIK<AEROE"),
        ("-", ""),
        ("---", ""),
    ],
)
def test_transliteration_drops_accents_and_turns_hyphens_and_spaces_into_fillers(text, expected):
    assert transliterate(text) == expected


# Properties

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
        assert [len(line) for line in zone.split("\n")] == ([44, 44] if lines == 2 else [30, 30, 30])
        data = mrz_read(zone)
        assert data.document_code == code
        assert (data.surnames, data.given_names) == expected_names
        assert data.optional == optional
        for field, value in fields.items():
            assert getattr(data, field) == value, field


@given(
    width=st.integers(1, 30),
    seed_fields=st.lists(
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<", min_size=30, max_size=30), min_size=1
    ),
)
def test_vectorised_check_digits_equal_the_scalar_ones(width, seed_fields):
    fields = [field[:width] for field in seed_fields]
    vectorised = check_digits(np.array([field.encode() for field in fields], dtype=f"S{width}"))
    assert [digit.decode() for digit in vectorised] == [check_digit(field) for field in fields]


@given(text=st.text(max_size=40))
def test_transliteration_writes_only_the_mrz_alphabet(text):
    result = transliterate(text)
    assert set(result) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
    assert "<<" not in result
    assert not result.startswith("<")
    assert not result.endswith("<")
