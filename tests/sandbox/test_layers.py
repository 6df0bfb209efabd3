"""Copy-on-write layers: no query reads a layered table without saying whose view it means,
a learner's view is their layer over the baseline, one learner's changes never reach another,
and reset returns exactly to the baseline at a cost that does not depend on the baseline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox import services
from sandbox.models import LAYER_UID_BASE, LAYERED_MODELS, Document, Movement, Person, UnscopedLayerQuery
from sandbox.names import name_search_key
from tests.sandbox.factories import (
    baseline_document,
    baseline_movement,
    baseline_person,
    layer_person,
    learner_sandbox,
)

pytestmark = pytest.mark.django_db

FIELDS = ("given_names", "surname_1", "surname_2", "sex", "birth_date", "nationality_id")


def fields_of(person: Person) -> tuple:
    return tuple(getattr(person, name) for name in FIELDS)


def view_of(sandbox) -> dict[int, tuple]:
    """A learner's people, uid -> field values; every row's search key agrees with its names."""
    people = list(Person.objects.visible_to(sandbox))
    for person in people:
        assert person.search_name == name_search_key(person.given_names, person.surname_1, person.surname_2)
    return {person.uid: fields_of(person) for person in people}


def every_baseline_row() -> dict[str, list[tuple]]:
    """Every baseline row of every layered model, with every column: to prove nothing wrote it."""
    return {
        model.__name__: sorted(tuple(row.values()) for row in model.objects.baseline().values())
        for model in LAYERED_MODELS
    }


@pytest.fixture
def learners():
    return learner_sandbox(), learner_sandbox()


# The guard


@pytest.mark.parametrize(
    "evaluate",
    [
        pytest.param(list, id="list"),
        pytest.param(len, id="len"),
        pytest.param(bool, id="bool"),
        pytest.param(lambda qs: qs[0], id="index"),
        pytest.param(lambda qs: qs.count(), id="count"),
        pytest.param(lambda qs: qs.exists(), id="exists"),
        pytest.param(lambda qs: qs.get(uid=1), id="get"),
        pytest.param(lambda qs: qs.first(), id="first"),
        pytest.param(lambda qs: qs.latest("uid"), id="latest"),
        pytest.param(lambda qs: list(qs.values("uid")), id="values"),
        pytest.param(lambda qs: list(qs.values_list("uid", flat=True)), id="values_list"),
        pytest.param(lambda qs: qs.update(given_names="X"), id="update"),
        pytest.param(lambda qs: qs.delete(), id="delete"),
        pytest.param(lambda qs: list(qs.iterator()), id="iterator"),
        pytest.param(lambda qs: qs.aggregate(n=Count("pk")), id="aggregate"),
        pytest.param(lambda qs: qs.in_bulk([1]), id="in_bulk"),
        pytest.param(lambda qs: qs.filter(given_names="Ana").order_by("uid").count(), id="chained"),
        pytest.param(lambda qs: qs.get_or_create(uid=1), id="get_or_create"),
        pytest.param(
            lambda qs: list(Person.objects.baseline().filter(uid__in=qs.values("uid"))), id="in_a_scoped_query"
        ),
        pytest.param(
            lambda qs: list(Person.objects.baseline().filter(Exists(qs.filter(uid=OuterRef("uid"))))), id="in_exists"
        ),
        pytest.param(
            lambda qs: list(
                Person.objects.baseline().annotate(n=Subquery(qs.filter(uid=OuterRef("uid")).values("uid")))
            ),
            id="subquery",
        ),
        pytest.param(lambda qs: list(Person.objects.baseline().union(qs)), id="union"),
    ],
)
def test_an_unscoped_query_of_a_layered_model_refuses_to_run(evaluate):
    baseline_person(uid=1)
    with pytest.raises(UnscopedLayerQuery):
        evaluate(Person.objects.all())


def test_the_manager_itself_is_unscoped():
    baseline_person()
    with pytest.raises(UnscopedLayerQuery):
        Person.objects.count()
    with pytest.raises(UnscopedLayerQuery):
        list(Movement.objects.filter(direction="ENTRY"))


def test_every_scope_runs(learners):
    first, _second = learners
    base = baseline_person(uid=1, given_names="Ana")
    layer_person(first)
    assert Person.objects.baseline().count() == 1
    assert Person.objects.visible_to(None).get(uid=1).given_names == "Ana"
    assert Person.objects.visible_to(first).count() == 2
    assert Person.objects.layer_of(first).count() == 1
    assert Person.objects.every_row().count() == 2
    assert Person.objects.visible_to(first).filter(uid__in=Person.objects.baseline().values("uid")).get() == base
    assert Person.objects.visible_to(first).filter(Exists(Person.objects.baseline().filter(uid=OuterRef("uid"))))


def test_the_scope_survives_chaining():
    baseline_person(uid=1)
    chained = Person.objects.baseline().filter(sex="F").exclude(uid=2).order_by("uid").values("uid")
    assert chained.query is not None
    assert list(chained) == [{"uid": 1}]
    assert Person.objects.baseline().layer_scope == "baseline"
    assert Person.objects.all().layer_scope is None


# A learner's view


def test_a_learners_view_is_their_rows_over_the_baseline(learners):
    first, second = learners
    kept = baseline_person(given_names="Kept")
    edited = baseline_person(given_names="Old")
    deleted = baseline_person(given_names="Gone")
    created = layer_person(first, given_names="New")
    services.record_update(sandbox=first, record=edited, given_names="Edited")
    services.record_delete(sandbox=first, record=deleted)

    mine = {person.uid: person.given_names for person in Person.objects.visible_to(first)}
    assert mine == {kept.uid: "Kept", edited.uid: "Edited", created.uid: "New"}
    theirs = {person.uid: person.given_names for person in Person.objects.visible_to(second)}
    assert theirs == {kept.uid: "Kept", edited.uid: "Old", deleted.uid: "Gone"}
    assert view_of(second) == view_of(None)
    # The edit is a copy with the same uid; the deletion a tombstone; the baseline is untouched.
    layer = {(person.uid, person.is_deleted) for person in Person.objects.layer_of(first)}
    assert layer == {(created.uid, False), (edited.uid, False), (deleted.uid, True)}
    assert Person.objects.baseline().get(uid=edited.uid).given_names == "Old"


def test_a_learners_changes_are_their_rows_and_the_baseline_rows_they_shadow(learners):
    first, second = learners
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


def test_an_edited_person_keeps_their_documents_and_movements(learners):
    first, _second = learners
    holder = baseline_person()
    passport = baseline_document(holder=holder)
    entry = baseline_movement(person_uid=holder.uid, document_uid=passport.uid)
    services.record_update(sandbox=first, record=holder, surname_1="Cambiado")
    person = Person.objects.visible_to(first).get(uid=holder.uid)
    assert Document.objects.visible_to(first).get(person_uid=person.uid) == passport
    assert Movement.objects.visible_to(first).get(person_uid=person.uid) == entry


def test_every_layered_model_follows_the_same_rules(learners):
    first, second = learners
    entry = baseline_movement(direction="ENTRY")
    other = baseline_movement(direction="EXIT")
    services.record_update(sandbox=first, record=entry, crossing_point_id="CR-PBL")
    services.record_delete(sandbox=first, record=other)
    assert list(Movement.objects.visible_to(first).values_list("uid", "crossing_point_id")) == [(entry.uid, "CR-PBL")]
    assert sorted(Movement.objects.visible_to(second).values_list("uid", "crossing_point_id")) == [
        (entry.uid, "GT-GUA"),
        (other.uid, "GT-GUA"),
    ]


def test_another_learners_new_records_are_invisible(learners):
    first, second = learners
    theirs = layer_person(second, given_names="Secreta")
    assert not Person.objects.visible_to(first).filter(uid=theirs.uid).exists()
    assert not Person.objects.visible_to(None).filter(uid=theirs.uid).exists()
    with pytest.raises(Person.DoesNotExist):
        Person.objects.visible_to(first).get(uid=theirs.uid)


def test_two_learners_may_edit_the_same_baseline_record(learners):
    first, second = learners
    shared = baseline_person(given_names="Shared")
    services.record_update(sandbox=first, record=shared, given_names="First")
    services.record_update(sandbox=second, record=shared, given_names="Second")
    assert Person.objects.visible_to(first).get(uid=shared.uid).given_names == "First"
    assert Person.objects.visible_to(second).get(uid=shared.uid).given_names == "Second"
    assert Person.objects.every_row().filter(uid=shared.uid).count() == 3


# Uids


def test_layer_uids_are_unique_above_the_baseline_and_never_reused(learners):
    first, second = learners
    uids = first.uid_allocate(3) + second.uid_allocate(2) + first.uid_allocate(1)
    assert len(set(uids)) == 6
    assert min(uids) >= LAYER_UID_BASE
    assert uids[:3] == sorted(uids[:3])
    created = layer_person(first)
    services.sandbox_reset(sandbox=first)
    assert layer_person(first).uid > created.uid


# Database constraints


def _raw_person(**fields) -> Person:
    values = {
        "given_names": "T",
        "surname_1": "T",
        "sex": "F",
        "birth_date": dt.date(1990, 1, 1),
        "nationality_id": "GTM",
        "search_name": " T T ",
        **fields,
    }
    return Person.objects.create(**values)


def test_a_baseline_uid_is_unique():
    baseline_person(uid=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_person(uid=10)


def test_a_tombstone_lives_only_in_a_layer(learners):
    first, _second = learners
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_person(uid=11, is_deleted=True)
    assert _raw_person(uid=11, sandbox=first, is_deleted=True).is_deleted


def test_a_layer_holds_one_row_per_uid(learners):
    first, second = learners
    base = baseline_person(uid=12)
    services.record_update(sandbox=first, record=base, given_names="Once")
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_person(uid=12, sandbox=first)
    assert _raw_person(uid=12, sandbox=second).uid == 12


# Reset


def _layer_with_one_of_each(sandbox, people: list[Person]) -> None:
    layer_person(sandbox)
    services.record_update(sandbox=sandbox, record=people[0], given_names="Edited")
    services.record_delete(sandbox=sandbox, record=people[1])


def reset_queries() -> int:
    """On PostgreSQL one statement; elsewhere per layered model one DELETE of the layer, then one
    UPDATE and one SELECT of the sandbox, inside the service's savepoint (SAVEPOINT and RELEASE)."""
    return 1 if connection.vendor == "postgresql" else len(LAYERED_MODELS) + 4


@pytest.mark.parametrize("baseline_size", [3, 300])
def test_reset_costs_the_same_whatever_the_baseline_size(learners, django_assert_num_queries, baseline_size):
    first, second = learners
    people = [baseline_person() for _ in range(baseline_size)]
    _layer_with_one_of_each(first, people)
    _layer_with_one_of_each(second, people)
    baseline_before, theirs_before = every_baseline_row(), view_of(second)

    with django_assert_num_queries(reset_queries()):
        deleted = services.sandbox_reset(sandbox=first)

    assert deleted == 3
    assert every_baseline_row() == baseline_before
    assert view_of(second) == theirs_before
    assert view_of(first) == view_of(None)
    assert not any(model.objects.layer_of(first).exists() for model in LAYERED_MODELS)
    first.refresh_from_db()
    assert first.reset_count == 1
    assert first.reset_at is not None


def test_reset_costs_the_same_whatever_the_layer_size(learners, django_assert_num_queries):
    first, _second = learners
    people = [baseline_person() for _ in range(3)]
    for _ in range(30):
        layer_person(first)
    _layer_with_one_of_each(first, people)
    with django_assert_num_queries(reset_queries()):
        assert services.sandbox_reset(sandbox=first) == 33


# Property: random operations by two learners, checked after every step against a model.

NAMES = st.sampled_from(["Ana", "Zoë", "Íñigo", "María José", "Peña-López"])
operation = st.one_of(
    st.tuples(st.just("create"), st.sampled_from([0, 1]), NAMES),
    st.tuples(st.just("edit"), st.sampled_from([0, 1]), st.integers(0, 50), NAMES),
    st.tuples(st.just("delete"), st.sampled_from([0, 1]), st.integers(0, 50)),
    st.tuples(st.just("reset"), st.sampled_from([0, 1])),
)
BASELINE_SIZE = 4


def _apply(sandbox, expected: dict[int, tuple], step: tuple) -> None:
    """Apply one operation through the services and to the learner's expected view."""
    action, _who, *arguments = step
    visible = sorted(expected)
    if action == "create":
        (name,) = arguments
        person = layer_person(sandbox, given_names=name, surname_1="Nuevo", sex="X", nationality_id="CRI")
        expected[person.uid] = (name, "Nuevo", "", "X", dt.date(1985, 2, 3), "CRI")
    elif action == "edit" and visible:
        pick, name = arguments
        uid = visible[pick % len(visible)]
        record = Person.objects.visible_to(sandbox).get(uid=uid)
        services.record_update(sandbox=sandbox, record=record, given_names=name)
        expected[uid] = (name, *expected[uid][1:])
    elif action == "delete" and visible:
        (pick,) = arguments
        uid = visible[pick % len(visible)]
        services.record_delete(sandbox=sandbox, record=Person.objects.visible_to(sandbox).get(uid=uid))
        del expected[uid]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(operation, min_size=1, max_size=12))
def test_learners_never_see_each_others_changes_and_reset_restores_the_baseline(learners, steps):
    with transaction.atomic():
        for index in range(BASELINE_SIZE):
            baseline_person(given_names=f"Base{index}", surname_1="Pérez", surname_2="", sex="M")
        baseline = view_of(None)
        baseline_rows = every_baseline_row()
        expected = [dict(baseline), dict(baseline)]
        for step in steps:
            who = step[1]
            if step[0] == "reset":
                services.sandbox_reset(sandbox=learners[who])
                expected[who] = dict(baseline)
            else:
                _apply(learners[who], expected[who], step)
            assert view_of(learners[0]) == expected[0]
            assert view_of(learners[1]) == expected[1]
            assert view_of(None) == baseline
        assert every_baseline_row() == baseline_rows
        for sandbox in learners:
            services.sandbox_reset(sandbox=sandbox)
            assert view_of(sandbox) == baseline
        transaction.set_rollback(True)
