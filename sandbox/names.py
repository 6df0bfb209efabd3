"""Names as the platform searches them: upper-case ASCII words, accents dropped as ICAO does."""

from __future__ import annotations

from sandbox.mrz import transliterate


def name_words(text: str) -> list[str]:
    """Words of a name or query: `"Peña-López, José"` → `["PENA", "LOPEZ", "JOSE"]`."""
    return [word for word in transliterate(text).split("<") if word]


def name_search_key(*parts: str) -> str:
    """The stored search key of a person: their words framed by spaces, for word-prefix matching."""
    words = [word for part in parts for word in name_words(part)]
    return f" {' '.join(words)} " if words else " "
