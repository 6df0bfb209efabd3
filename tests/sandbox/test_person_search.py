"""Person search through a learner's view (`selectors.person_search`).

Proves that names are found without accents or case, by either or both surnames and by word
prefixes, that documents are found by number prefix (alone or with a name), that each learner
finds their own records and edits and never another learner's, that the limit holds and that
an empty query finds nobody.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sandbox import services
from sandbox.models import Document, Person, Sandbox
from sandbox.selectors import person_search
from tests.people.factories import UserFactory
from tests.sandbox.baseline_rows import baseline_document, baseline_person

pytestmark = pytest.mark.django_db


class People:
    def __init__(self) -> None:
        self.pena = baseline_person(given_names="José Luis", surname_1="Peña", surname_2="López", nationality_id="NIC")
        self.ortiz = baseline_person(given_names="María José", surname_1="Ortiz", surname_2="de la Peña")
        self.lopez = baseline_person(given_names="Luisa", surname_1="López", surname_2="Ramírez")
        self.perez = baseline_person(given_names="Josefina", surname_1="Pérez", surname_2="Núñez")
        self.pena_passport = baseline_document(person=self.pena, number="C01234567", issuing_state_id="NIC")
        self.ortiz_passport = baseline_document(person=self.ortiz, number="C09876543")
        self.lopez_card = baseline_document(person=self.lopez, number="0512345", document_type_id="ID")


@pytest.fixture
def people() -> People:
    return People()


def found(sandbox: Sandbox | None = None, **query) -> set[int]:
    return {person.uid for person in person_search(sandbox=sandbox, **query)}


def new_sandbox() -> Sandbox:
    return services.sandbox_for(user=UserFactory())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pena", {"pena", "ortiz"}),
        ("PEÑA", {"pena", "ortiz"}),
        ("Peña", {"pena", "ortiz"}),
        ("perez", {"perez"}),
        ("nunez", {"perez"}),
        ("lopez", {"pena", "lopez"}),
        ("ramírez", {"lopez"}),
        ("peña lópez", {"pena"}),
        ("lopez pena", {"pena"}),
        ("lopez ramirez", {"lopez"}),
        ("jos per", {"perez"}),
        ("jos pe", {"pena", "ortiz", "perez"}),
        ("jo lu", {"pena"}),
        ("lui", {"pena", "lopez"}),
        ("maria de la pena", {"ortiz"}),
        ("Pérez-Núñez, Josefina", {"perez"}),
        ("ez", set()),  # a prefix of a word, not any part of it
        ("nadie", set()),
    ],
)
def test_names_are_found_without_accents_or_case_by_either_surname_and_by_word_prefixes(people, name, expected):
    assert found(name=name) == {getattr(people, key).uid for key in expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"document_number": "C01234567"}, {"pena"}),
        ({"document_number": "c0123"}, {"pena"}),
        ({"document_number": " C 0987 "}, {"ortiz"}),
        ({"document_number": "C0"}, {"pena", "ortiz"}),
        ({"document_number": "05"}, {"lopez"}),
        ({"document_number": "1234"}, set()),  # a prefix, not any part of the number
        ({"name": "jose", "document_number": "C0"}, {"pena", "ortiz"}),
        ({"name": "ortiz", "document_number": "C0"}, {"ortiz"}),
        ({"name": "perez", "document_number": "C0"}, set()),
    ],
)
def test_documents_are_found_by_number_prefix_alone_or_with_a_name(people, query, expected):
    assert found(**query) == {getattr(people, key).uid for key in expected}


def test_an_empty_query_finds_nobody(people):
    assert person_search(sandbox=None) == []
    assert person_search(sandbox=None, name="  -  ", document_number="   ") == []


def test_the_limit_is_respected_in_name_order(people):
    for index in range(6):
        baseline_person(given_names=f"Ana {index}", surname_1="Zelaya")
    first_three = person_search(sandbox=new_sandbox(), name="zelaya", limit=3)
    assert [person.given_names for person in first_three] == ["Ana 0", "Ana 1", "Ana 2"]
    assert len(person_search(sandbox=None, name="a", limit=2)) == 2


def test_a_learners_new_person_is_found_by_that_learner_only(people):
    mine, other = new_sandbox(), new_sandbox()
    created = services.record_create(
        sandbox=mine,
        model=Person,
        given_names="Íñigo",
        surname_1="Zúñiga",
        sex="M",
        birth_date=dt.date(1980, 1, 1),
        nationality_id="HND",
    )
    services.record_create(
        sandbox=mine,
        model=Document,
        person_uid=created.uid,
        document_type_id="P",
        number="H77700011",
        issuing_state_id="HND",
        expires_on=dt.date(2030, 1, 1),
    )
    assert found(mine, name="inigo zuniga") == found(mine, document_number="H777") == {created.uid}
    assert found(other, name="zuniga") == found(other, document_number="H777") == set()
    assert found(None, name="zuniga") == set()


def test_an_edited_baseline_person_is_found_under_the_new_name_by_their_learner_only(people):
    mine, other = new_sandbox(), new_sandbox()
    services.record_update(sandbox=mine, record=people.lopez, given_names="Luz", surname_2="Ávalos")
    assert found(mine, name="luz avalos") == {people.lopez.uid}
    assert found(mine, name="luisa") == found(mine, name="ramirez") == set()
    assert found(mine, name="lopez") == {people.pena.uid, people.lopez.uid}
    assert found(other, name="luz") == found(None, name="luz") == set()
    assert found(other, name="luisa ramirez") == {people.lopez.uid}


def test_a_learners_document_edits_and_deletions_change_their_search_only(people):
    mine, other = new_sandbox(), new_sandbox()
    services.record_update(sandbox=mine, record=people.pena_passport, number="D01234567")
    services.record_delete(sandbox=mine, record=people.ortiz_passport)
    services.record_delete(sandbox=mine, record=people.perez)
    assert found(mine, document_number="C0") == set()
    assert found(mine, document_number="D0123") == {people.pena.uid}
    assert found(mine, name="perez") == set()
    assert found(other, document_number="C0") == {people.pena.uid, people.ortiz.uid}
    assert found(other, document_number="D0") == set()
    assert found(other, name="perez") == {people.perez.uid}
