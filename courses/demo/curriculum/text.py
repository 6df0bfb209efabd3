"""The bilingual text of the demo curriculum, and how a course written once is read in one language.

A course is written once as structure (modules, lessons, blocks, questions, which options are
correct, points); each text that differs between the languages is a `T`, and a plain string is the
same in both (a code such as "MISSING_MINOR", a country's name, a number). Since a `T` holds only
texts, the Spanish and English versions of a course cannot differ in structure.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class T:
    """One text in Spanish and in English."""

    es: str
    en: str

    def __post_init__(self) -> None:
        for field in fields(self):
            text = getattr(self, field.name)
            if not isinstance(text, str):
                raise TypeError(f"T holds texts only, not {text!r}: structure is written once, outside T.")
            if not text.strip():
                raise ValueError(f"T has no {field.name} text: {self!r}.")


def option(text: T | str, *, correct: bool = False, feedback: T | str = "") -> dict:
    """An answer option of a knowledge check or a choice question."""
    return {"text": text, "is_correct": correct, "feedback": feedback}


def localise(structure, language: str):
    """The structure with each `T` replaced by its text in `language` (dicts, lists and tuples are copied)."""
    if isinstance(structure, T):
        return getattr(structure, language)
    if isinstance(structure, dict):
        return {key: localise(value, language) for key, value in structure.items()}
    if isinstance(structure, list | tuple):
        return type(structure)(localise(value, language) for value in structure)
    return structure
