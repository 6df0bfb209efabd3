"""Reads through a learner's view: person search (accents, either surname, partial words,
document numbers), a person's records, and what the learner has changed."""

from __future__ import annotations

import datetime as dt

import pytest

from sandbox import selectors, services
from sandbox.models import Document, Person
from tests.people.factories import UserFactory
from tests.sandbox.factories import (
    baseline_document,
    baseline_movement,
    baseline_person,
    layer_movement,
    layer_person,
    learner_sandbox,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    pena = baseline_person(given_names="José Luis", surname_1="Peña", surname_2="López", nationality_id="NIC")
    baseline_document(holder=pena, number="C01234567")
    ortiz = baseline_person(given_names="María", surname_1="Ortiz", surname_2="de la Peña")
    baseline_document(holder=ortiz, number="C09999999")
    lopez = baseline_person(given_names="Luisa", surname_1="López", surname_2="Ramírez")
    baseline_document(holder=lopez, number="A55555555")
    return pena, ortiz, lopez


def uids(found) -> set[int]:
    return {person.uid for person in found}


def search(sandbox=None, **query) -> set[int]:
    return uids(selectors.person_search(sandbox=sandbox, **query))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pena", {0, 1}),  # accents and case ignored; first or second surname
        ("PEÑA", {0, 1}),
        ("Peña López", {0}),
        ("lópez", {0, 2}),
        ("lopez pena", {0}),  # any order
        ("jos pe", {0}),  # partial words
        ("lui", {0, 2}),
        ("ramirez luisa", {2}),
        ("maria de la pena", {1}),
        ("  josé-luis  ", {0}),
        ("ena", set()),  # word prefixes, not substrings
        ("nadie", set()),
    ],
)
def test_names_are_found_without_accents_case_or_whole_words(people, name, expected):
    assert search(name=name) == {people[index].uid for index in expected}


def test_document_numbers_are_found_by_prefix_alone_or_with_a_name(people):
    pena, ortiz, _lopez = people
    assert search(document_number="c0123") == {pena.uid}
    assert search(document_number="C0 12") == {pena.uid}
    assert search(document_number="C0") == {pena.uid, ortiz.uid}
    assert search(document_number="01234567") == set()  # a prefix, not a substring
    assert search(name="ortiz", document_number="C0") == {ortiz.uid}
    assert search(name="lopez", document_number="C0") == {pena.uid}
    assert search(name="luisa", document_number="C0") == set()


def test_an_empty_query_finds_nobody(people):
    assert selectors.person_search(sandbox=None) == []
    assert selectors.person_search(sandbox=None, name=" - ", document_number="  ") == []


def test_the_limit_is_respected_in_a_stable_order(people):
    found = selectors.person_search(sandbox=None, name="l")
    assert [p.surname_1 for p in found] == ["López", "Ortiz", "Peña"]  # "de LA Peña" too
    assert selectors.person_search(sandbox=None, name="l", limit=1) == found[:1]


def test_a_learners_changes_are_found_by_that_learner_only(people):
    pena, _ortiz, lopez = people
    mine, other = learner_sandbox(), learner_sandbox()
    created = layer_person(mine, given_names="Íñigo", surname_1="Zúñiga")
    services.record_update(sandbox=mine, record=lopez, given_names="Luz")
    services.record_delete(sandbox=mine, record=pena)
    assert search(mine, name="zuniga") == {created.uid}
    assert search(other, name="zuniga") == set()
    assert search(mine, name="luz") == {lopez.uid}
    assert search(mine, name="luisa") == set()
    assert search(other, name="luisa") == {lopez.uid}
    assert search(mine, name="pena") == {people[1].uid}
    assert search(other, name="pena") == {pena.uid, people[1].uid}


def test_a_search_by_document_number_reads_the_learners_documents(people):
    pena, ortiz, _lopez = people
    mine, other = learner_sandbox(), learner_sandbox()
    new_holder = layer_person(mine)
    services.record_create(
        sandbox=mine,
        model=Document,
        person_uid=new_holder.uid,
        document_type_id="P",
        number="C01299999",
        issuing_state_id="HND",
        expires_on=dt.date(2030, 1, 1),
    )
    services.record_update(sandbox=mine, record=Document.objects.baseline().get(number="C09999999"), number="B09999999")
    assert search(mine, document_number="C012") == {pena.uid, new_holder.uid}
    assert search(other, document_number="C012") == {pena.uid}
    assert search(mine, document_number="C099") == set()
    assert search(mine, document_number="B099") == {ortiz.uid}
    services.record_delete(sandbox=mine, record=Document.objects.baseline().get(number="C01234567"))
    assert search(mine, document_number="C012") == {new_holder.uid}


# A person's records


def test_a_person_and_their_records_in_the_learners_view(people):
    pena = people[0]
    mine, other = learner_sandbox(), learner_sandbox()
    passport = Document.objects.baseline().get(person_uid=pena.uid)
    entry = baseline_movement(person_uid=pena.uid, document_uid=passport.uid, local_date=dt.date(2025, 3, 2))
    exit_ = layer_movement(
        mine,
        person_uid=pena.uid,
        direction="EXIT",
        local_date=dt.date(2025, 3, 9),
        occurred_at=dt.datetime(2025, 3, 9, 12, tzinfo=dt.UTC),
        closes_entry_uid=entry.uid,
    )
    assert selectors.person_get(sandbox=mine, uid=pena.uid) == pena
    assert list(selectors.person_documents(sandbox=mine, person_uid=pena.uid)) == [passport]
    assert list(selectors.person_movements(sandbox=mine, person_uid=pena.uid)) == [exit_, entry]
    assert list(selectors.person_movements(sandbox=other, person_uid=pena.uid)) == [entry]
    assert selectors.open_entry_for(sandbox=mine, person_uid=pena.uid) is None
    assert selectors.open_entry_for(sandbox=other, person_uid=pena.uid) == entry


def test_another_learners_person_does_not_exist_for_me(people):
    mine, other = learner_sandbox(), learner_sandbox()
    theirs = layer_person(other)
    with pytest.raises(Person.DoesNotExist):
        selectors.person_get(sandbox=mine, uid=theirs.uid)
    with pytest.raises(Person.DoesNotExist):
        selectors.person_get(sandbox=None, uid=theirs.uid)
    assert selectors.person_get(sandbox=other, uid=theirs.uid) == theirs


def test_document_find_reads_the_learners_view(people):
    mine = learner_sandbox()
    found = selectors.document_find(sandbox=mine, number="C01234567", issuing_state="NIC")
    assert found.person_uid == people[0].uid
    assert selectors.document_find(sandbox=mine, number="C01234567", issuing_state="GTM") is None
    services.record_delete(sandbox=mine, record=found)
    assert selectors.document_find(sandbox=mine, number="C01234567", issuing_state="NIC") is None
    assert selectors.document_find(sandbox=None, number="C01234567", issuing_state="NIC") == found


def test_layer_counts_say_what_the_learner_added_edited_and_deleted(people):
    pena, ortiz, lopez = people
    mine = learner_sandbox()
    assert selectors.layer_counts(sandbox=None) == {}
    assert selectors.layer_counts(sandbox=mine) == {}
    layer_person(mine)
    layer_person(mine)
    services.record_update(sandbox=mine, record=pena, given_names="X")
    services.record_delete(sandbox=mine, record=ortiz)
    services.record_delete(sandbox=mine, record=services.record_update(sandbox=mine, record=lopez, given_names="Y"))
    assert selectors.layer_counts(sandbox=mine) == {"person": {"added": 2, "edited": 1, "deleted": 2}}


def test_sandbox_of_a_learner_who_has_not_written_is_none():
    user = UserFactory()
    assert selectors.sandbox_find(user=user) is None
    assert selectors.sandbox_find(user=user) is None
    sandbox = services.sandbox_get_or_create(user=user)
    assert selectors.sandbox_find(user=user) == sandbox
