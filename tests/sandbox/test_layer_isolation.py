"""Copy-on-write isolation: one learner's changes never reach another, reset returns exactly to
the baseline, and no query reads a layered table without saying whose view it means."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox import services
from sandbox.models import LAYER_UID_BASE, LAYERED_MODELS, Person, UnscopedLayerQuery
from tests.people.factories import UserFactory
from tests.sandbox import rows

pytestmark = pytest.mark.django_db

BIRTH_DATE = dt.date(1985, 2, 3)
FIELDS = ("given_names", "surname_1", "surname_2", "sex", "birth_date", "nationality_id")


def view_of(sandbox) -> dict[int, tuple]:
    return {p.uid: tuple(getattr(p, f) for f in FIELDS) for p in Person.objects.visible_to(sandbox)}


@pytest.fixture
def learners():
    return services.sandbox_for(user=UserFactory()), services.sandbox_for(user=UserFactory())


@pytest.mark.parametrize(
    "evaluate",
    [
        list,
        lambda qs: qs.count(),
        lambda qs: qs.exists(),
        lambda qs: qs.get(uid=1),
        lambda qs: qs.first(),
        lambda qs: list(qs.values("uid")),
        lambda qs: list(qs.values_list("uid", flat=True)),
        lambda qs: qs.update(given_names="X"),
        lambda qs: qs.delete(),
        lambda qs: list(qs.iterator()),
        lambda qs: qs.aggregate(n=Count("pk")),
        lambda qs: qs.in_bulk([1]),
        lambda qs: qs.filter(given_names="Ana").count(),
    ],
)
def test_an_unscoped_query_of_a_layered_model_refuses_to_run(evaluate):
    rows.person()
    with pytest.raises(UnscopedLayerQuery):
        evaluate(Person.objects.all())


def test_scoped_queries_run():
    rows.person(uid=1)
    assert Person.objects.baseline().count() == 1
    assert Person.objects.visible_to(None).get(uid=1).given_names == "Ana"
    assert list(Person.objects.every_row().values_list("uid", flat=True)) == [1]


def test_a_learners_view_is_their_rows_over_the_baseline(learners):
    first, second = learners
    kept, edited, deleted = rows.person(given_names="Kept"), rows.person(given_names="Old"), rows.person()
    created = services.record_create(
        sandbox=first,
        model=Person,
        given_names="New",
        surname_1="Ruiz",
        sex="M",
        birth_date=kept.birth_date,
        nationality_id="HND",
    )
    services.record_update(sandbox=first, record=Person.objects.baseline().get(uid=edited.uid), given_names="Edited")
    services.record_delete(sandbox=first, record=Person.objects.baseline().get(uid=deleted.uid))

    mine = {p.uid: p.given_names for p in Person.objects.visible_to(first)}
    assert mine == {kept.uid: "Kept", edited.uid: "Edited", created.uid: "New"}
    theirs = {p.uid: p.given_names for p in Person.objects.visible_to(second)}
    assert theirs == {kept.uid: "Kept", edited.uid: "Old", deleted.uid: "Ana"}
    assert view_of(None) == view_of(second)
    assert Person.objects.baseline().get(uid=edited.uid).given_names == "Old"


def test_layer_uids_are_unique_and_above_the_baseline(learners):
    first, second = learners
    uids = first.uid_allocate(3) + second.uid_allocate(2) + first.uid_allocate(1)
    assert len(set(uids)) == 6
    assert min(uids) >= LAYER_UID_BASE


def test_editing_another_learners_row_is_refused(learners):
    first, second = learners
    theirs = services.record_create(
        sandbox=second,
        model=Person,
        given_names="B",
        surname_1="B",
        sex="F",
        birth_date=rows.person().birth_date,
        nationality_id="GTM",
    )
    with pytest.raises(PermissionDenied):
        services.record_update(sandbox=first, record=theirs, given_names="Mine now")
    with pytest.raises(PermissionDenied):
        services.record_delete(sandbox=first, record=theirs)


def test_the_database_refuses_rows_that_break_the_layer_invariants(learners):
    first, _second = learners
    base = rows.person(uid=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.person(uid=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            uid=11,
            is_deleted=True,
            given_names="T",
            surname_1="T",
            sex="F",
            birth_date=base.birth_date,
            nationality_id="GTM",
            search_name=" T ",
        )
    services.record_update(sandbox=first, record=base, given_names="Once")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            uid=10,
            sandbox=first,
            given_names="Twice",
            surname_1="T",
            sex="F",
            birth_date=base.birth_date,
            nationality_id="GTM",
            search_name=" T ",
        )


def _reset_queries(sandbox) -> int:
    with CaptureQueriesContext(connection) as queries:
        services.sandbox_reset(sandbox=sandbox)
    return len(queries)


def test_reset_costs_the_same_whatever_the_baseline_size(learners):
    first, _second = learners
    small = [rows.person() for _ in range(3)]
    services.record_update(sandbox=first, record=small[0], given_names="X")
    queries_small = _reset_queries(first)
    for _ in range(300):
        rows.person()
    services.record_update(sandbox=first, record=small[0], given_names="X")
    before = Person.objects.baseline().count()
    queries_large = _reset_queries(first)
    assert queries_large == queries_small
    assert Person.objects.baseline().count() == before
    assert not any(model.objects.layer_of(first).exists() for model in LAYERED_MODELS)


# Property: random operations by two learners, checked after every step against a model.

operation = st.tuples(
    st.sampled_from([0, 1]),
    st.sampled_from(["create", "edit", "delete", "reset"]),
    st.integers(min_value=0, max_value=50),
    st.sampled_from(["Ana", "Zoë", "Íñigo", "María José"]),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=1, max_size=12))
def test_learners_never_see_each_others_changes_and_reset_restores_the_baseline(learners, operations):
    with transaction.atomic():
        for index in range(4):
            rows.person(given_names=f"Base{index}", surname_1="Pérez")
        baseline = view_of(None)
        sandboxes = learners
        expected = [dict(baseline), dict(baseline)]
        for who, action, pick, name in operations:
            sandbox, model = sandboxes[who], expected[who]
            visible = sorted(model)
            if action == "create":
                person = services.record_create(
                    sandbox=sandbox,
                    model=Person,
                    given_names=name,
                    surname_1="Nuevo",
                    sex="X",
                    birth_date=BIRTH_DATE,
                    nationality_id="CRI",
                )
                model[person.uid] = tuple(getattr(person, f) for f in FIELDS)
            elif action in ("edit", "delete") and visible:
                uid = visible[pick % len(visible)]
                record = Person.objects.visible_to(sandbox).get(uid=uid)
                if action == "edit":
                    services.record_update(sandbox=sandbox, record=record, given_names=name)
                    model[uid] = (name, *model[uid][1:])
                else:
                    services.record_delete(sandbox=sandbox, record=record)
                    del model[uid]
            elif action == "reset":
                services.sandbox_reset(sandbox=sandbox)
                expected[who] = dict(baseline)
            assert view_of(sandboxes[0]) == expected[0]
            assert view_of(sandboxes[1]) == expected[1]
            assert view_of(None) == baseline
        for sandbox in sandboxes:
            services.sandbox_reset(sandbox=sandbox)
            assert view_of(sandbox) == baseline
        transaction.set_rollback(True)
