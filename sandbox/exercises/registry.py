"""The exercise types the platform knows, by slug. Types register themselves on import
(`sandbox.exercises.types`), which `sandbox.exercises` does once."""

from __future__ import annotations

from sandbox.exercises.base import ExerciseType

_TYPES: dict[str, ExerciseType] = {}


class UnknownExerciseType(LookupError):
    """No exercise type has this slug."""


def register(cls: type[ExerciseType]) -> type[ExerciseType]:
    if not cls.slug or cls.slug in _TYPES:
        raise ValueError(f"Exercise type slug {cls.slug!r} is empty or taken.")
    _TYPES[cls.slug] = cls()
    return cls


def exercise_type(slug: str) -> ExerciseType:
    try:
        return _TYPES[slug]
    except KeyError:
        raise UnknownExerciseType(slug) from None


def _position(kind: ExerciseType) -> float:
    if kind.domain_number is not None:
        return kind.domain_number
    if kind.follows is not None:
        return kind.follows + 0.5
    return 99


def exercise_types() -> list[ExerciseType]:
    """Every registered type, in the order of DOMAIN.md 5c; a type without a number right after
    the one it follows, or last."""
    return sorted(_TYPES.values(), key=lambda kind: (_position(kind), kind.slug))


def exercise_type_choices() -> list[tuple[str, str]]:
    return [(kind.slug, str(kind.title)) for kind in exercise_types()]


def finding_messages() -> dict[str, tuple[object, object]]:
    """(label, message) of every finding code of every type."""
    messages: dict[str, tuple[object, object]] = {}
    for kind in _TYPES.values():
        messages.update(kind.messages)
    return messages
