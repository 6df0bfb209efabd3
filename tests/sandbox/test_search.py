"""Person search through a learner's view: accents, either surname, partial words, documents."""

from __future__ import annotations

import pytest

from sandbox import services
from sandbox.models import Person
from sandbox.selectors import person_search
from tests.people.factories import UserFactory
from tests.sandbox import rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    pena = rows.person(given_names="José Luis", surname_1="Peña", surname_2="López", nationality_id="NIC")
    rows.document(pena, "C01234567")
    ortiz = rows.person(given_names="María", surname_1="Ortiz", surname_2="de la Peña")
    rows.document(ortiz, "C09999999")
    lopez = rows.person(given_names="Luisa", surname_1="López", surname_2="Ramírez")
    return pena, ortiz, lopez


def uids(found) -> set[int]:
    return {person.uid for person in found}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pena", {0, 1}),
        ("PEÑA lopez", {0}),
        ("lópez", {0, 2}),
        ("jos pe", {0}),
        ("lui", {0, 2}),
        ("ramirez luisa", {2}),
        ("maria de la pena", {1}),
        ("nadie", set()),
    ],
)
def test_names_are_found_without_accents_case_or_whole_words(people, query, expected):
    assert uids(person_search(sandbox=None, name=query)) == {people[index].uid for index in expected}


def test_document_numbers_are_found_by_prefix_alone_or_with_a_name(people):
    assert uids(person_search(sandbox=None, document_number="c0123")) == {people[0].uid}
    assert uids(person_search(sandbox=None, document_number="C0")) == {people[0].uid, people[1].uid}
    assert uids(person_search(sandbox=None, name="ortiz", document_number="C0")) == {people[1].uid}


def test_an_empty_query_finds_nobody(people):
    assert person_search(sandbox=None) == []


def test_the_limit_is_respected(people):
    assert len(person_search(sandbox=None, name="l", limit=1)) == 1


def test_a_learners_records_are_found_by_that_learner_only(people):
    mine = services.sandbox_for(user=UserFactory())
    other = services.sandbox_for(user=UserFactory())
    created = services.record_create(
        sandbox=mine,
        model=Person,
        given_names="Íñigo",
        surname_1="Zúñiga",
        sex="M",
        birth_date=people[0].birth_date,
        nationality_id="HND",
    )
    services.record_update(sandbox=mine, record=people[2], given_names="Luz")
    assert uids(person_search(sandbox=mine, name="zuniga")) == {created.uid}
    assert person_search(sandbox=other, name="zuniga") == []
    assert uids(person_search(sandbox=mine, name="luz")) == {people[2].uid}
    assert person_search(sandbox=mine, name="luisa") == []
    assert uids(person_search(sandbox=other, name="luisa")) == {people[2].uid}
