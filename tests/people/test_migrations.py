"""Data migrations of people, called directly with the app registry."""

import importlib

import pytest
from django.apps import apps

from people.models import User
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db

PERSIAN_NAME = "فاطمه\u200cزهرا رضایی"  # noqa: RUF001 (Persian letters, a ZWNJ inside the first name)
cleaning = importlib.import_module("people.migrations.0004_full_names_without_invisible_characters")


def _stored(user: User, full_name: str) -> None:
    """A name stored before the rule existed (a queryset update runs no validation)."""
    User.objects.filter(pk=user.pk).update(full_name=full_name)


def test_stored_names_lose_their_invisible_characters_in_batches(monkeypatch):
    monkeypatch.setattr(cleaning, "BATCH", 2)
    reversed_name, marked, zero_width, persian, plain = UserFactory.create_batch(5)
    _stored(reversed_name, "Ana \u202eLópez")
    _stored(marked, "\u200fJosé\u2066 Peña\u2069\ufeff")
    _stored(zero_width, "María\u200b Núñez\x07")
    _stored(persian, PERSIAN_NAME)
    _stored(plain, "Pedro Pérez")

    assert cleaning.full_names_clean(apps, None) == 3

    names = dict(User.objects.values_list("pk", "full_name"))
    assert names[reversed_name.pk] == "Ana López"
    assert names[marked.pk] == "José Peña"
    assert names[zero_width.pk] == "María Núñez"
    assert names[persian.pk] == PERSIAN_NAME
    assert names[plain.pk] == "Pedro Pérez"
    assert cleaning.full_names_clean(apps, None) == 0


def test_the_cleaning_is_reversible_as_a_no_op():
    operation = cleaning.Migration.operations[0]
    assert operation.reversible
    assert operation.reverse_code.__name__ == "noop"
