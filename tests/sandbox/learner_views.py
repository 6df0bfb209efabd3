"""What a learner sees, for the sandbox's isolation tests: a learner's view of the people (their
uids and fields), the baseline's, and every baseline row of every layered model with every
column, to prove that nothing wrote it."""

from __future__ import annotations

from sandbox.models import LAYERED_MODELS, Person, Sandbox

FIELDS = ("given_names", "surname_1", "surname_2", "sex", "birth_date", "nationality_id", "search_name")


def fields_of(person: Person) -> tuple:
    return tuple(getattr(person, field) for field in FIELDS)


def view_of(sandbox: Sandbox | None) -> dict[int, tuple]:
    """A learner's view of the people: {uid: their fields}."""
    return {person.uid: fields_of(person) for person in Person.objects.visible_to(sandbox)}


def baseline_state() -> dict[int, tuple]:
    return {person.uid: fields_of(person) for person in Person.objects.baseline()}


def every_baseline_row() -> dict[str, list[tuple]]:
    """Every baseline row of every layered model, with every column: to prove nothing wrote it."""
    return {
        model.__name__: sorted(tuple(row.values()) for row in model.objects.baseline().values())
        for model in LAYERED_MODELS
    }
