"""The guard of the learners' layers and the rules the database keeps: no query reads a layered
table without a scope, on any evaluation path or inside a scoped query; every scope runs on
every path and survives chaining; layer uids are unique across sandboxes, above the baseline and
never handed out again; the database refuses rows that break the layer invariants, and a
learner can never write another learner's rows.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Subquery

from sandbox import services
from sandbox.models import LAYER_UID_BASE, Document, Movement, Person, UnscopedLayerQuery
from sandbox.names import name_search_key
from tests.sandbox.baseline_rows import baseline_document, baseline_person
from tests.sandbox.factories import layer_person

pytestmark = pytest.mark.django_db


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
