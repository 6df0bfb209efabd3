"""Copy-on-write layers: what each scope shows (a learner's view is their layer over the baseline;
their changes are their rows and the baseline rows they shadow), for every layered model, with
edits, tombstones and another learner's layer; and (property test) any sequence of creates,
edits, deletes and resets by two learners keeps each learner's view exactly their own changes
over an untouched baseline.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox import selectors, services
from sandbox.models import Document, Movement, Person
from sandbox.names import name_search_key
from tests.sandbox.baseline_rows import baseline_document, baseline_movement, baseline_person
from tests.sandbox.factories import layer_person, learner_sandbox
from tests.sandbox.learner_views import FIELDS, baseline_state, every_baseline_row, fields_of, view_of

pytestmark = pytest.mark.django_db


# What each scope shows.


def test_a_learners_new_record_is_theirs_alone(first, second):
    baseline_person(uid=1)
    created = layer_person(first)
    assert set(view_of(first)) == {1, created.uid}
    assert set(view_of(second)) == {1}
    assert set(view_of(None)) == {1}
    assert list(Person.objects.layer_of(first).values_list("uid", flat=True)) == [created.uid]


def test_an_edited_copy_supersedes_the_baseline_row_with_its_uid(first, second):
    original = baseline_person(uid=1, given_names="José", surname_1="Pérez")
    edited = services.record_update(sandbox=first, record=original, given_names="Josué")
    assert (edited.uid, edited.sandbox_id, edited.pk != original.pk) == (1, first.pk, True)
    mine = list(Person.objects.visible_to(first))
    assert [(p.uid, p.given_names, p.search_name) for p in mine] == [(1, "Josué", " JOSUE PEREZ LOPEZ ")]
    assert Person.objects.visible_to(second).get(uid=1).given_names == "José"
    assert Person.objects.baseline().get(uid=1).given_names == "José"


def test_editing_again_through_the_stale_baseline_row_edits_the_learners_copy(first):
    original = baseline_person(uid=1)
    services.record_update(sandbox=first, record=original, given_names="Una")
    services.record_update(sandbox=first, record=original, surname_1="Dos")
    assert Person.objects.layer_of(first).count() == 1
    copy = Person.objects.visible_to(first).get(uid=1)
    assert (copy.given_names, copy.surname_1) == ("Una", "Dos")


def test_a_tombstone_hides_the_baseline_row_from_its_learner_only(first, second):
    baseline_person(uid=1)
    baseline_person(uid=2)
    services.record_delete(sandbox=first, record=Person.objects.visible_to(first).get(uid=1))
    assert set(view_of(first)) == {2}
    assert set(view_of(second)) == {1, 2}
    tombstone = Person.objects.layer_of(first).get()
    assert (tombstone.uid, tombstone.is_deleted) == (1, True)
    with pytest.raises(Person.DoesNotExist):
        selectors.person_get(sandbox=first, uid=1)
    with pytest.raises(ValueError, match="deleted"):
        services.record_update(sandbox=first, record=Person.objects.baseline().get(uid=1), given_names="Vuelve")


def test_deleting_an_edited_baseline_row_keeps_it_hidden(first):
    original = baseline_person(uid=1)
    services.record_update(sandbox=first, record=original, given_names="Editada")
    services.record_delete(sandbox=first, record=Person.objects.visible_to(first).get(uid=1))
    assert view_of(first) == {}
    assert Person.objects.layer_of(first).get().is_deleted


def test_deleting_a_learners_own_record_leaves_no_row(first):
    created = layer_person(first)
    services.record_delete(sandbox=first, record=created)
    assert view_of(first) == {}
    assert not Person.objects.layer_of(first).exists()


def test_another_learners_layer_is_invisible(first, second):
    baseline_person(uid=1)
    theirs = layer_person(second, given_names="Ajena")
    services.record_update(sandbox=second, record=Person.objects.baseline().get(uid=1), given_names="Cambiada")
    assert view_of(first) == view_of(None) == baseline_state()
    with pytest.raises(Person.DoesNotExist):
        selectors.person_get(sandbox=first, uid=theirs.uid)
    assert selectors.person_get(sandbox=second, uid=theirs.uid).given_names == "Ajena"


def test_none_sees_the_baseline_and_every_row_sees_everything(first, second):
    baseline_person(uid=1)
    layer_person(first)
    services.record_delete(sandbox=second, record=Person.objects.baseline().get(uid=1))
    assert set(view_of(None)) == {1}
    assert Person.objects.visible_to(None).layer_scope == "visible"
    assert Person.objects.every_row().count() == 3


def test_a_learners_changes_are_their_rows_and_the_baseline_rows_they_shadow(first, second):
    baseline_person(given_names="Kept")
    edited = baseline_person(given_names="Old")
    deleted = baseline_person(given_names="Gone")
    created = layer_person(first, given_names="New")
    services.record_update(sandbox=first, record=edited, given_names="Edited")
    services.record_delete(sandbox=first, record=deleted)
    services.record_update(sandbox=second, record=Person.objects.baseline().get(given_names="Kept"), given_names="K")

    changes = {
        (person.uid, person.given_names, person.sandbox_id, person.is_deleted)
        for person in Person.objects.changes_of(first)
    }
    assert changes == {
        (created.uid, "New", first.pk, False),
        (edited.uid, "Edited", first.pk, False),
        (edited.uid, "Old", None, False),
        (deleted.uid, "Gone", first.pk, True),
        (deleted.uid, "Gone", None, False),
    }
    assert Person.objects.changes_of(first).layer_scope == "changes"
    assert not Person.objects.changes_of(learner_sandbox()).exists()


def test_an_edited_person_keeps_their_documents_and_movements(first):
    holder = baseline_person()
    passport = baseline_document(person=holder)
    entry = baseline_movement(person_uid=holder.uid, document_uid=passport.uid)
    services.record_update(sandbox=first, record=holder, surname_1="Cambiado")
    person = Person.objects.visible_to(first).get(uid=holder.uid)
    assert Document.objects.visible_to(first).get(person_uid=person.uid) == passport
    assert Movement.objects.visible_to(first).get(person_uid=person.uid) == entry


def test_every_layered_model_follows_the_same_rules(first, second):
    entry = baseline_movement(direction="ENTRY")
    other = baseline_movement(direction="EXIT")
    services.record_update(sandbox=first, record=entry, crossing_point_id="CR-PBL")
    services.record_delete(sandbox=first, record=other)
    assert list(Movement.objects.visible_to(first).values_list("uid", "crossing_point_id")) == [(entry.uid, "CR-PBL")]
    assert sorted(Movement.objects.visible_to(second).values_list("uid", "crossing_point_id")) == [
        (entry.uid, "GT-GUA"),
        (other.uid, "GT-GUA"),
    ]


def test_two_learners_may_edit_the_same_baseline_record(first, second):
    shared = baseline_person(given_names="Shared")
    services.record_update(sandbox=first, record=shared, given_names="First")
    services.record_update(sandbox=second, record=shared, given_names="Second")
    assert Person.objects.visible_to(first).get(uid=shared.uid).given_names == "First"
    assert Person.objects.visible_to(second).get(uid=shared.uid).given_names == "Second"
    assert Person.objects.every_row().filter(uid=shared.uid).count() == 3


# Property: two learners, random operations, a model of what each should see.

NAMES = ["Ana", "Zoë", "Íñigo", "María José", "Peña", "O'Neill"]
operation = st.tuples(
    st.sampled_from([0, 1]),
    st.sampled_from(["create", "edit", "edit", "delete", "reset"]),
    st.integers(min_value=0, max_value=99),
    st.sampled_from(NAMES),
    st.sampled_from(["given_names", "surname_1", "surname_2"]),
    st.booleans(),
)


@pytest.fixture
def two_learners_over_five_people():
    for index, (given_names, surname) in enumerate(
        [("José Luis", "Peña"), ("María", "Núñez"), ("Ana", "Ortiz"), ("Luis", "García"), ("Íñigo", "Zúñiga")],
        start=1,
    ):
        baseline_person(uid=index, given_names=given_names, surname_1=surname, sex="MF"[index % 2])
    return learner_sandbox(), learner_sandbox()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=1, max_size=14))
def test_two_learners_never_see_each_others_changes_and_reset_restores_the_baseline(
    two_learners_over_five_people, operations
):
    sandboxes = two_learners_over_five_people
    with transaction.atomic():
        baseline = baseline_state()
        baseline_rows = every_baseline_row()
        assert len(baseline) == 5
        expected = [dict(baseline), dict(baseline)]
        for who, action, pick, name, field, through_baseline in operations:
            sandbox, model = sandboxes[who], expected[who]
            visible = sorted(model)
            if action == "create":
                created = layer_person(sandbox, given_names=name, surname_1="Nuevo")
                assert created.uid not in baseline and created.uid not in expected[1 - who]
                model[created.uid] = fields_of(created)
            elif action == "edit" and visible:
                uid = visible[pick % len(visible)]
                if through_baseline and uid in baseline:
                    record = Person.objects.baseline().get(uid=uid)  # a stale row: the service finds the copy
                else:
                    record = Person.objects.visible_to(sandbox).get(uid=uid)
                services.record_update(sandbox=sandbox, record=record, **{field: name})
                values = dict(zip(FIELDS, model[uid], strict=True))
                values[field] = name
                values["search_name"] = name_search_key(values["given_names"], values["surname_1"], values["surname_2"])
                model[uid] = tuple(values[f] for f in FIELDS)
            elif action == "delete" and visible:
                uid = visible[pick % len(visible)]
                services.record_delete(sandbox=sandbox, record=Person.objects.visible_to(sandbox).get(uid=uid))
                del model[uid]
            elif action == "reset":
                services.sandbox_reset(sandbox=sandbox)
                expected[who] = dict(baseline)
                assert view_of(sandbox) == baseline
            assert view_of(sandboxes[0]) == expected[0]
            assert view_of(sandboxes[1]) == expected[1]
            assert baseline_state() == baseline
            assert view_of(None) == baseline
        assert every_baseline_row() == baseline_rows
        for sandbox in sandboxes:
            services.sandbox_reset(sandbox=sandbox)
            assert view_of(sandbox) == baseline
        transaction.set_rollback(True)
