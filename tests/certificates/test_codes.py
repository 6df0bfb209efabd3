"""Certificate codes: format, check character, typing slack, display form."""

from __future__ import annotations

import itertools
import random

import pytest

from certificates import codes
from certificates.codes import ALPHABET, CODE_LENGTH, check_character, code_display, code_new, code_normalise

# Codes whose characters are mostly different from their neighbours, plus fresh ones.
FIXED_BODIES = ("0123456789ABC", "DEFGHJKMNPQRS", "TVWXYZ1234560", "1QXR4T9B2HMWS")


def code_from_body(body: str) -> str:
    return body + check_character(body)


def sample_codes() -> list[str]:
    return [code_from_body(body) for body in FIXED_BODIES] + [code_new() for _ in range(4)]


def test_code_new_is_fourteen_characters_of_the_alphabet_with_a_valid_check():
    for _ in range(200):
        code = code_new()
        assert len(code) == CODE_LENGTH == 14
        assert set(code) <= set(ALPHABET)
        assert code_normalise(code) == code


def test_code_new_draws_thirteen_characters_from_secrets(monkeypatch):
    drawn = iter("ABCDEFGHJKMNP")
    monkeypatch.setattr(codes.secrets, "choice", lambda alphabet: next(drawn))
    assert code_new() == code_from_body("ABCDEFGHJKMNP")


def test_code_new_does_not_repeat():
    assert len({code_new() for _ in range(5000)}) == 5000


def test_check_character_known_answers():
    # 1 doubled is 2; 32 - 2 = 30 -> "Y".  16 doubled is 32, folded to 1 + 0; 32 - 1 = 31 -> "Z".
    assert check_character("0000000000001") == "Y"
    assert check_character("000000000000G") == "Z"
    assert check_character("0000000000000") == "0"


def test_every_single_mistyped_character_is_caught():
    checked = 0
    for code in sample_codes():
        for position, replacement in itertools.product(range(CODE_LENGTH), ALPHABET):
            if replacement == code[position]:
                continue
            typo = code[:position] + replacement + code[position + 1 :]
            assert code_normalise(typo) is None, (code, typo)
            checked += 1
    assert checked == len(sample_codes()) * CODE_LENGTH * (len(ALPHABET) - 1)


def test_every_swap_of_different_neighbours_is_caught_in_issued_codes():
    swaps = 0
    for code in sample_codes() + [code_new() for _ in range(300)]:
        for position in range(CODE_LENGTH - 1):
            first, second = code[position], code[position + 1]
            if first == second:
                continue
            swapped = code[:position] + second + first + code[position + 2 :]
            assert code_normalise(swapped) is None, (code, swapped)
            swaps += 1
    assert swaps > 3000


def test_code_new_never_issues_the_zero_z_neighbours_luhn_cannot_see(monkeypatch):
    blind = code_from_body("ABCDEFGHJK0ZM")
    swapped = blind.replace("0Z", "Z0")
    # The one swap Luhn mod 32 misses: both orders carry a valid check character.
    assert code_normalise(blind) == blind
    assert code_normalise(swapped) == swapped
    drawn = iter("ABCDEFGHJK0ZM" + "ABCDEFGHJKMNP")
    monkeypatch.setattr(codes.secrets, "choice", lambda alphabet: next(drawn))
    assert code_new() == code_from_body("ABCDEFGHJKMNP")


def test_code_normalise_forgives_case_separators_and_look_alike_letters():
    code = code_from_body("0123456789ABC")
    typed = code_display(code).lower().replace("0", "o").replace("1", "l", 1).replace("1", "I")
    assert code_normalise(f"  {typed.replace('-', ' - ')}\t") == code
    assert code_normalise(code_display(code).replace("-", "\u2011")) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "0123456789ABC",  # no check character
        "0123456789ABCDE",  # too long
        "0123456789ABCU",  # U is not in the alphabet
        "0123456789ABC*",
        "0123456789ABC\u0131",  # dotless i upper-cases to I; not a code character
    ],
)
def test_code_normalise_refuses_what_is_not_a_code(text):
    assert code_normalise(text) is None


def test_code_normalise_refuses_random_strings_mostly():
    rng = random.Random(5)
    accepted = sum(
        code_normalise("".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))) is not None for _ in range(3200)
    )
    # One in 32 random strings carries a valid check character by chance.
    assert 50 < accepted < 160


def test_code_display_groups_four_four_four_two_and_reads_back():
    code = code_new()
    shown = code_display(code)
    assert shown == f"{code[:4]}-{code[4:8]}-{code[8:12]}-{code[12:]}"
    assert code_normalise(shown) == code


def test_code_display_refuses_a_wrong_code():
    with pytest.raises(ValueError, match="Not a certificate code"):
        code_display("0123456789ABCD")
