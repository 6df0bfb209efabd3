"""Copy-on-write isolation of the learners' sandboxes.

Proves that no query reads a layered table without a scope, what each scope shows (a learner's
view is their layer over the baseline, their changes are their rows and the baseline rows they
shadow), that every layered model follows the same rules, that the database itself refuses
rows that break the layer invariants, that a learner can never write another learner's rows,
and (property test) that any sequence of creates, edits, deletes and resets by two learners
keeps each learner's view exactly their own changes over an untouched baseline. Reset costs
the same number of queries whatever the size of the baseline or of the layer.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox import selectors, services
from sandbox.models import (
    LAYER_UID_BASE,
    LAYERED_MODELS,
    AuditEvent,
    Document,
    Movement,
    Person,
    Sandbox,
    UnscopedLayerQuery,
)
from sandbox.names import name_search_key
from tests.sandbox.baseline_rows import (
    baseline_document,
    baseline_movement,
    baseline_people,
    baseline_person,
)
from tests.sandbox.factories import layer_person, learner_sandbox

pytestmark = pytest.mark.django_db

FIELDS = ("given_names", "surname_1", "surname_2", "sex", "birth_date", "nationality_id", "search_name")


def fields_of(person: Person) -> tuple:
    return tuple(getattr(person, field) for field in FIELDS)


def view_of(sandbox: Sandbox | None) -> dict[int, tuple]:
    """A learner's view of the people: {uid: their fields}."""
    return {person.uid: fields_of(person) for person in Person.objects.visible_to(sandbox)}


def baseline_state() -> dict[int, tuple]:
    return {person.uid: fields_of(person) for person in Person.objects.baseline()}


# The guard: every way a queryset reaches the database.

EVALUATIONS = {
    "list": list,
    "bool": bool,
    "len": len,
    "count": lambda qs: qs.count(),
    "exists": lambda qs: qs.exists(),
    "get": lambda qs: qs.get(uid=1),
    "first": lambda qs: qs.first(),
    "last": lambda qs: qs.last(),
    "values": lambda qs: list(qs.values("uid")),
    "values_list": lambda qs: list(qs.values_list("uid", flat=True)),
    "update": lambda qs: qs.update(given_names="Cambiado"),
    "delete": lambda qs: qs.delete(),
    "iterator": lambda qs: list(qs.iterator()),
    "aggregate": lambda qs: qs.aggregate(n=Count("pk")),
    "in_bulk": lambda qs: qs.in_bulk([1]),
    "filtered": lambda qs: list(qs.filter(given_names="Ana María").order_by("uid")),
}


# Paths tried on an unscoped query only (an empty layer has no first row, nothing latest).
UNSCOPED_ONLY = {
    "index": lambda qs: qs[0],
    "latest": lambda qs: qs.latest("uid"),
    "get_or_create": lambda qs: qs.get_or_create(uid=1),
}


@pytest.mark.parametrize(
    "evaluation", [*EVALUATIONS.values(), *UNSCOPED_ONLY.values()], ids=[*EVALUATIONS, *UNSCOPED_ONLY]
)
def test_an_unscoped_query_raises_on_every_evaluation_path(evaluation):
    baseline_person(uid=1)
    with pytest.raises(UnscopedLayerQuery):
        evaluation(Person.objects.all())
    with pytest.raises(UnscopedLayerQuery):
        evaluation(Person.objects.filter(sex="F"))
    assert Person.objects.baseline().get(uid=1).given_names == "Ana María"


def test_an_unscoped_query_inside_a_scoped_one_raises(first):
    baseline_document(person=baseline_person(uid=1))
    scoped = Person.objects.visible_to(first)
    unscoped_documents = Document.objects.filter(number__startswith="A")
    with pytest.raises(UnscopedLayerQuery):
        list(scoped.filter(uid__in=unscoped_documents.values("person_uid")))
    with pytest.raises(UnscopedLayerQuery):
        list(scoped.filter(Exists(unscoped_documents.filter(person_uid=OuterRef("uid")))))
    with pytest.raises(UnscopedLayerQuery):
        list(scoped.annotate(number=Subquery(unscoped_documents.filter(person_uid=OuterRef("uid")).values("number"))))
    with pytest.raises(UnscopedLayerQuery):
        list(scoped.union(Person.objects.all()))
    visible_documents = Document.objects.visible_to(first).values("person_uid")
    assert [p.uid for p in scoped.filter(uid__in=visible_documents)] == [1]


def test_the_manager_itself_is_unscoped():
    baseline_person()
    with pytest.raises(UnscopedLayerQuery):
        Person.objects.count()
    with pytest.raises(UnscopedLayerQuery):
        list(Movement.objects.filter(direction="ENTRY"))


@pytest.mark.parametrize("evaluation", EVALUATIONS.values(), ids=EVALUATIONS.keys())
def test_every_scope_runs_on_every_evaluation_path(evaluation, first):
    baseline_person(uid=1)
    for scoped in (
        Person.objects.baseline(),
        Person.objects.visible_to(None),
        Person.objects.visible_to(first),
        Person.objects.layer_of(first),
        Person.objects.every_row(),
    ):
        with transaction.atomic():
            try:
                evaluation(scoped)
            except Person.DoesNotExist:
                assert scoped.layer_scope == "layer"  # the layer is empty: nothing to get
            transaction.set_rollback(True)


def test_each_scope_shows_its_rows(first):
    base = baseline_person(uid=1, given_names="Ana")
    layer_person(first)
    assert Person.objects.baseline().count() == 1
    assert Person.objects.visible_to(None).get(uid=1).given_names == "Ana"
    assert Person.objects.visible_to(first).count() == 2
    assert Person.objects.layer_of(first).count() == 1
    assert Person.objects.every_row().count() == 2
    assert Person.objects.visible_to(first).filter(uid__in=Person.objects.baseline().values("uid")).get() == base
    assert Person.objects.visible_to(first).filter(Exists(Person.objects.baseline().filter(uid=OuterRef("uid"))))


def test_a_scope_survives_chaining():
    baseline_person(uid=1)
    chained = Person.objects.baseline().filter(sex="F").exclude(given_names="").order_by("uid").only("uid")[:5]
    assert [person.uid for person in chained] == [1]
    assert Person.objects.baseline().filter(sex="F").layer_scope == "baseline"
    assert Person.objects.filter(sex="F").layer_scope is None


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


# Uids.


def test_layer_uids_are_unique_across_sandboxes_and_above_the_baseline(first, second):
    uids = first.uid_allocate(3) + second.uid_allocate(2) + first.uid_allocate() + second.uid_allocate(4)
    assert len(set(uids)) == len(uids) == 10
    assert min(uids) >= LAYER_UID_BASE
    assert uids[:3] == sorted(uids[:3])
    created = [layer_person(first), layer_person(second)]
    assert not {person.uid for person in created} & set(uids)
    assert min(person.uid for person in created) >= LAYER_UID_BASE


def test_a_uid_is_never_handed_out_again_after_a_reset(first):
    before = layer_person(first).uid
    services.sandbox_reset(sandbox=first)
    assert layer_person(first).uid > before


# Constraints the database enforces on its own.


def _raw_person(**fields) -> Person:
    values = {
        "given_names": "Ana",
        "surname_1": "Ruiz",
        "sex": "F",
        "birth_date": dt.date(1990, 1, 1),
        "nationality_id": "GTM",
        "search_name": name_search_key("Ana", "Ruiz"),
        **fields,
    }
    return Person(**values)


def test_the_database_refuses_a_tombstone_outside_a_layer(first):
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_person(uid=1, sandbox=None, is_deleted=True).save(force_insert=True)
    _raw_person(uid=1, sandbox=first, is_deleted=True).save(force_insert=True)  # in a layer: allowed


def test_the_database_refuses_a_second_baseline_row_with_a_uid():
    baseline_person(uid=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        baseline_person(uid=7)


def test_the_database_refuses_a_second_row_with_a_uid_in_one_layer(first, second):
    baseline_person(uid=7)
    _raw_person(uid=7, sandbox=first).save(force_insert=True)
    _raw_person(uid=7, sandbox=second).save(force_insert=True)  # another layer: allowed
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_person(uid=7, sandbox=first, is_deleted=True).save(force_insert=True)
    assert Person.objects.every_row().filter(uid=7).count() == 3


def test_a_learner_cannot_edit_or_delete_another_learners_row(first, second):
    theirs = layer_person(second, given_names="Ajena")
    with pytest.raises(PermissionDenied):
        services.record_update(sandbox=first, record=theirs, given_names="Mía")
    with pytest.raises(PermissionDenied):
        services.record_delete(sandbox=first, record=theirs)
    assert Person.objects.layer_of(second).get().given_names == "Ajena"
    assert not Person.objects.layer_of(first).exists()


# Reset.


def test_reset_empties_the_learners_layer_only(first, second):
    baseline_person(uid=1)
    baseline_person(uid=2)
    for sandbox in (first, second):
        layer_person(sandbox)
        services.record_update(sandbox=sandbox, record=Person.objects.baseline().get(uid=1), given_names="Otra")
        services.record_delete(sandbox=sandbox, record=Person.objects.baseline().get(uid=2))
        services.audit_record(sandbox=sandbox, actor=sandbox.owner, action="VIEW", object_type="person")
    theirs = view_of(second)
    assert services.sandbox_reset(sandbox=first) == 4
    assert not any(model.objects.layer_of(first).exists() for model in LAYERED_MODELS)
    assert view_of(first) == baseline_state()
    assert view_of(second) == theirs
    assert AuditEvent.objects.layer_of(second).count() == 1
    first.refresh_from_db()
    assert (first.reset_count, first.reset_at is not None) == (1, True)


def test_every_reset_counts_even_from_a_stale_copy_of_the_sandbox(first):
    stale = Sandbox.objects.get(pk=first.pk)
    services.sandbox_reset(sandbox=first)
    services.sandbox_reset(sandbox=stale)  # a double submit: the second request read the sandbox first
    assert Sandbox.objects.get(pk=first.pk).reset_count == 2
    assert stale.reset_count == 2


def _layer_session(sandbox: Sandbox) -> None:
    """A short session: an edit, a deletion, a new person with a movement."""
    services.record_update(sandbox=sandbox, record=Person.objects.baseline().get(uid=1), given_names="Editada")
    services.record_delete(sandbox=sandbox, record=Person.objects.baseline().get(uid=2))
    created = layer_person(sandbox)
    services.record_update(sandbox=sandbox, record=Movement.objects.baseline().get(uid=1), crossing_point_id="GT-VNU")
    services.record_create(
        sandbox=sandbox,
        model=Movement,
        person_uid=created.uid,
        direction="ENTRY",
        crossing_point_id="CR-PBL",
        occurred_at=dt.datetime(2025, 3, 1, 18, tzinfo=dt.UTC),
        local_date=dt.date(2025, 3, 1),
        transport_mode="LAND",
        nationality_id="HND",
        sex="F",
        age_group="Y30T44",
    )


def every_baseline_row() -> dict[str, list[tuple]]:
    """Every baseline row of every layered model, with every column: to prove nothing wrote it."""
    return {
        model.__name__: sorted(tuple(row.values()) for row in model.objects.baseline().values())
        for model in LAYERED_MODELS
    }


def _layer_with_one_of_each(sandbox, people: list[Person]) -> None:
    layer_person(sandbox)
    services.record_update(sandbox=sandbox, record=people[0], given_names="Edited")
    services.record_delete(sandbox=sandbox, record=people[1])


def reset_queries() -> int:
    """On PostgreSQL one statement; elsewhere per layered model one DELETE of the layer, then one
    UPDATE and one SELECT of the sandbox, inside the service's savepoint (SAVEPOINT and RELEASE)."""
    return 1 if connection.vendor == "postgresql" else len(LAYERED_MODELS) + 4


@pytest.mark.parametrize("baseline_size", [3, 300])
def test_reset_costs_the_same_whatever_the_baseline_size(first, second, django_assert_num_queries, baseline_size):
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


def test_reset_costs_the_same_whatever_the_layer_size(first, django_assert_num_queries):
    people = [baseline_person() for _ in range(3)]
    for _ in range(30):
        layer_person(first)
    _layer_with_one_of_each(first, people)
    with django_assert_num_queries(reset_queries()):
        assert services.sandbox_reset(sandbox=first) == 33


def test_reset_deletes_by_sandbox_and_never_reads_a_layered_table(first):
    baseline_people(3)
    baseline_movement(uid=1)
    _layer_session(first)
    with CaptureQueriesContext(connection) as queries:
        services.sandbox_reset(sandbox=first)
    statements = [query["sql"] for query in queries]
    # One DELETE per layered table: separate statements, or one statement of CTEs on PostgreSQL.
    deletes = [part for sql in statements for part in re.split(r"(?=DELETE FROM )", sql)[1:]]
    assert sorted(re.match(r'DELETE FROM "(\w+)"', part)[1] for part in deletes) == sorted(
        model._meta.db_table for model in LAYERED_MODELS
    )
    assert all(re.match(r'DELETE FROM "(\w+)" WHERE "\1"."sandbox_id" = ', part) for part in deletes)
    reads = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    assert all('"sandbox_sandbox"' in sql for sql in reads)
    read_tables = {table for sql in statements for table in re.findall(r'FROM "(\w+)"', sql)}
    assert read_tables <= {model._meta.db_table for model in LAYERED_MODELS} | {"sandbox_sandbox"}


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
