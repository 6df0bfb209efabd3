"""Names as the platform searches and sorts them: upper-case ASCII words, accents dropped as ICAO does."""

from __future__ import annotations

from sandbox.mrz import transliterate


def name_words(text: str) -> list[str]:
    """Words of a name or query: `"Peña-López, José"` → `["PENA", "LOPEZ", "JOSE"]`."""
    return [word for word in transliterate(text).split("<") if word]


def name_search_key(*parts: str) -> str:
    """The stored search key of a person: their words framed by spaces, for word-prefix matching."""
    words = [word for part in parts for word in name_words(part)]
    return f" {' '.join(words)} " if words else " "


def name_sort_key(surname_1: str, surname_2: str, given_names: str) -> str:
    """The stored sort key of a person: the words the search reads (accents and case ignored),
    first surname, second surname, then given names (`"De León", "", "Ana"` → `"DE<LEON  ANA"`).

    Words of one name are joined by `<` and the names by a space, which sorts before `<` and
    every letter: compared byte by byte, the keys order people name by name, as the tuples
    (first surname, second surname, given names) would ("Cruz" before "Cruz García" before
    "Cruzado"). Databases must compare them byte by byte (`selectors.ByteOrder`)."""
    return " ".join("<".join(name_words(part)) for part in (surname_1, surname_2, given_names))
