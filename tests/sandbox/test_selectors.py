"""Reads through a learner's view: a person's records, a document by its number, what the
learner has changed, and whether they have a sandbox yet. Person search is in
`test_person_search.py`."""

from __future__ import annotations

import datetime as dt

import pytest

from sandbox import selectors, services
from sandbox.models import Document, Person
from tests.people.factories import UserFactory
from tests.sandbox.baseline_rows import baseline_document, baseline_movement, baseline_person
from tests.sandbox.factories import layer_movement, layer_person, learner_sandbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    pena = baseline_person(given_names="José Luis", surname_1="Peña", surname_2="López", nationality_id="NIC")
    baseline_document(person=pena, number="C01234567")
    ortiz = baseline_person(given_names="María", surname_1="Ortiz", surname_2="de la Peña")
    baseline_document(person=ortiz, number="C09999999")
    lopez = baseline_person(given_names="Luisa", surname_1="López", surname_2="Ramírez")
    baseline_document(person=lopez, number="A55555555")
    return pena, ortiz, lopez


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
