"""Copy-on-write isolation of the learners' sandboxes.

Proves that no query reads a layered table without a scope, what each scope shows, that the
database itself refuses rows that break the layer invariants, that a learner can never write
another learner's rows, and (property test) that any sequence of creates, edits, deletes and
resets by two learners keeps each learner's view exactly their own changes over an untouched
baseline. Reset costs the same number of queries whatever the baseline's size.
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
from tests.people.factories import UserFactory
from tests.sandbox.baseline_rows import (
    baseline_document,
    baseline_movement,
    baseline_movements,
    baseline_people,
    baseline_person,
)

pytestmark = pytest.mark.django_db

FIELDS = ("given_names", "surname_1", "surname_2", "sex", "birth_date", "nationality_id", "search_name")


def fields_of(person: Person) -> tuple:
    return tuple(getattr(person, field) for field in FIELDS)


def view_of(sandbox: Sandbox | None) -> dict[int, tuple]:
    """A learner's view of the people: {uid: their fields}."""
    return {person.uid: fields_of(person) for person in Person.objects.visible_to(sandbox)}


def baseline_state() -> dict[int, tuple]:
    return {person.uid: fields_of(person) for person in Person.objects.baseline()}


def new_person(sandbox: Sandbox, given_names: str = "Nueva", surname_1: str = "Persona") -> Person:
    return services.record_create(
        sandbox=sandbox,
        model=Person,
        given_names=given_names,
        surname_1=surname_1,
        sex="F",
        birth_date=dt.date(1992, 4, 5),
        nationality_id="HND",
    )


@pytest.fixture
def first() -> Sandbox:
    return services.sandbox_get_or_create(user=UserFactory())


@pytest.fixture
def second() -> Sandbox:
    return services.sandbox_get_or_create(user=UserFactory())


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


@pytest.mark.parametrize("evaluation", EVALUATIONS.values(), ids=EVALUATIONS.keys())
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


def test_a_scope_survives_chaining():
    baseline_person(uid=1)
    chained = Person.objects.baseline().filter(sex="F").exclude(given_names="").order_by("uid").only("uid")[:5]
    assert [person.uid for person in chained] == [1]
    assert Person.objects.baseline().filter(sex="F").layer_scope == "baseline"
    assert Person.objects.filter(sex="F").layer_scope is None


# What each scope shows.


def test_a_learners_new_record_is_theirs_alone(first, second):
    baseline_person(uid=1)
    created = new_person(first)
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
    created = new_person(first)
    services.record_delete(sandbox=first, record=created)
    assert view_of(first) == {}
    assert not Person.objects.layer_of(first).exists()


def test_another_learners_layer_is_invisible(first, second):
    baseline_person(uid=1)
    theirs = new_person(second, given_names="Ajena")
    services.record_update(sandbox=second, record=Person.objects.baseline().get(uid=1), given_names="Cambiada")
    assert view_of(first) == view_of(None) == baseline_state()
    with pytest.raises(Person.DoesNotExist):
        selectors.person_get(sandbox=first, uid=theirs.uid)
    assert selectors.person_get(sandbox=second, uid=theirs.uid).given_names == "Ajena"


def test_none_sees_the_baseline_and_every_row_sees_everything(first, second):
    baseline_person(uid=1)
    new_person(first)
    services.record_delete(sandbox=second, record=Person.objects.baseline().get(uid=1))
    assert set(view_of(None)) == {1}
    assert Person.objects.visible_to(None).layer_scope == "visible"
    assert Person.objects.every_row().count() == 3


# Uids.


def test_layer_uids_are_unique_across_sandboxes_and_above_the_baseline(first, second):
    uids = first.uid_allocate(3) + second.uid_allocate(2) + first.uid_allocate() + second.uid_allocate(4)
    assert len(set(uids)) == len(uids) == 10
    assert min(uids) >= LAYER_UID_BASE
    created = [new_person(first), new_person(second)]
    assert not {person.uid for person in created} & set(uids)
    assert min(person.uid for person in created) >= LAYER_UID_BASE


def test_a_uid_is_never_handed_out_again_after_a_reset(first):
    before = new_person(first).uid
    services.sandbox_reset(sandbox=first)
    assert new_person(first).uid > before


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


def test_the_database_refuses_a_tombstone_outside_a_layer():
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_person(uid=1, sandbox=None, is_deleted=True).save(force_insert=True)


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
    theirs = new_person(second, given_names="Ajena")
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
        new_person(sandbox)
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
    created = new_person(sandbox)
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


def _reset_measured(sandbox: Sandbox) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        deleted = services.sandbox_reset(sandbox=sandbox)
    return len(queries), deleted


def test_reset_runs_the_same_queries_whatever_the_baseline_size(first):
    baseline_people(5)
    baseline_movements(5)
    _layer_session(first)
    small = _reset_measured(first)
    baseline_people(495)
    baseline_movements(495)
    counts = {model: model.objects.baseline().count() for model in LAYERED_MODELS}
    assert (counts[Person], counts[Movement]) == (500, 500)
    _layer_session(first)
    large = _reset_measured(first)
    assert large == small
    assert small[1] == 5
    assert {model: model.objects.baseline().count() for model in LAYERED_MODELS} == counts
    assert view_of(first) == baseline_state()


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
    return services.sandbox_get_or_create(user=UserFactory()), services.sandbox_get_or_create(user=UserFactory())


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
        assert len(baseline) == 5
        expected = [dict(baseline), dict(baseline)]
        for who, action, pick, name, field, through_baseline in operations:
            sandbox, model = sandboxes[who], expected[who]
            visible = sorted(model)
            if action == "create":
                created = new_person(sandbox, given_names=name, surname_1="Nuevo")
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
        for sandbox in sandboxes:
            services.sandbox_reset(sandbox=sandbox)
            assert view_of(sandbox) == baseline
        transaction.set_rollback(True)
