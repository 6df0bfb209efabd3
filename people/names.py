"""Names as people write them: one Unicode form, and no invisible or control characters.

A name is printed on certificates and shown on public verification pages. Control characters
(Unicode category Cc) and format characters (Cf: bidirectional overrides and isolates,
zero-width spaces, the byte-order mark...) are invisible, and some reorder the text around
them (U+202E prints the rest of a sentence backwards), so they are refused. The two joiners
that real scripts need inside words are kept: ZERO WIDTH NON-JOINER (Persian, Kurdish,
Indic scripts) and ZERO WIDTH JOINER (Indic conjuncts, Sinhala). Whitespace control
characters (tab, line breaks) are folded into one space by `normalize_name`.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Format characters that scripts need inside words; every other Cc/Cf character is refused.
NAME_JOINERS = frozenset({"\u200c", "\u200d"})
NAME_CHARACTER_ERROR = "name_invisible_character"


def normalize_name(value: str) -> str:
    """Keep a name exactly as written, in one Unicode form (NFC), without outer or doubled spaces."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def name_invisible_characters(value: str) -> list[str]:
    """The control and format characters of a (normalised) name that are not allowed, in order, once each."""
    found: list[str] = []
    for character in normalize_name(value):
        if unicodedata.category(character) in ("Cc", "Cf") and character not in NAME_JOINERS and character not in found:
            found.append(character)
    return found


def name_without_invisible_characters(value: str) -> str:
    """The name with its refused characters removed (for cleaning data stored before the rule)."""
    refused = set(name_invisible_characters(value))
    return normalize_name("".join(character for character in value if character not in refused))


def describe_characters(characters: list[str]) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE, ... : what a person can look up."""
    return ", ".join(f"U+{ord(character):04X} {unicodedata.name(character, '')}".strip() for character in characters)


def validate_name_characters(value: str) -> None:
    """Refuse a name with invisible or control characters, naming them."""
    characters = name_invisible_characters(value)
    if characters:
        raise ValidationError(
            _("The name contains invisible or control characters (%(characters)s). Type the name again without them."),
            code=NAME_CHARACTER_ERROR,
            params={"characters": describe_characters(characters)},
        )
