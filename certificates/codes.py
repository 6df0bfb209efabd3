"""Certificate codes: unguessable, short enough to type, and checked before any lookup.

A code is 13 random characters of Crockford's base32 (65 bits from `secrets`) and one check
character (Luhn mod N over the same alphabet, N = 32), 14 characters in all. The canonical form
is upper case without separators; people see it as `XXXX-XXXX-XXXX-XX`.

The check character catches every single mistyped character and every swap of two different
neighbouring characters, with one exception inherent to Luhn mod N: swapping "0" and "Z" (the
values 0 and N - 1) keeps the sum. `code_new` never issues a code with those two side by side,
so the guarantee holds for every code it issues.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BASE = len(ALPHABET)
RANDOM_LENGTH = 13
CODE_LENGTH = RANDOM_LENGTH + 1
DISPLAY_GROUPS = (4, 4, 4, 2)

VALUES = {character: value for value, character in enumerate(ALPHABET)}
# Crockford's reading of look-alike letters.
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Spaces, hyphens and the dashes a PDF viewer or a word processor puts in their place.
SEPARATORS = re.compile("[\\s\\-\u2010-\u2015\u2212]")
# Luhn mod N cannot see these two swapped (see the module docstring).
BLIND_PAIRS = ("0Z", "Z0")


def luhn_sum(text: str, *, double_rightmost: bool) -> int:
    """Luhn mod N sum over `text`, doubling every other value from the right."""
    total = 0
    is_doubled = double_rightmost
    for character in reversed(text):
        addend = VALUES[character] * (2 if is_doubled else 1)
        total += addend // BASE + addend % BASE
        is_doubled = not is_doubled
    return total


def check_character(body: str) -> str:
    """The character that makes `body + check` sum to a multiple of N."""
    return ALPHABET[(BASE - luhn_sum(body, double_rightmost=True) % BASE) % BASE]


def has_valid_check(code: str) -> bool:
    """Whether the last character is the right check character for the others."""
    return luhn_sum(code, double_rightmost=False) % BASE == 0


def code_new() -> str:
    """A fresh canonical code (14 characters, no separators)."""
    while True:
        body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
        code = body + check_character(body)
        if not any(pair in code for pair in BLIND_PAIRS):
            return code


def code_normalise(text: str) -> str | None:
    """The canonical code a person meant by `text`, or None if it is not a valid code."""
    compact = SEPARATORS.sub("", text.strip())
    # Checked before upper-casing: str.upper() turns some non-ASCII letters into ASCII ones.
    if not compact.isascii():
        return None
    code = compact.upper().translate(LOOK_ALIKES)
    if len(code) != CODE_LENGTH or any(character not in VALUES for character in code):
        return None
    return code if has_valid_check(code) else None


def code_display(code: str) -> str:
    """`XXXX-XXXX-XXXX-XX`, the form printed on certificates and shown on pages."""
    canonical = code_normalise(code)
    if canonical is None:
        raise ValueError(f"Not a certificate code: {code!r}")
    groups, start = [], 0
    for size in DISPLAY_GROUPS:
        groups.append(canonical[start : start + size])
        start += size
    return "-".join(groups)
