"""Resetting a sandbox: it empties that learner's layer only and counts every reset, even from a
stale copy; it deletes by sandbox and never reads a layered table, in the same number of
queries whatever the size of the baseline or of the layer.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sandbox import services
from sandbox.models import LAYERED_MODELS, AuditEvent, Movement, Person, Sandbox
from tests.sandbox.baseline_rows import baseline_movement, baseline_people, baseline_person
from tests.sandbox.factories import layer_person
from tests.sandbox.learner_views import baseline_state, every_baseline_row, view_of

pytestmark = pytest.mark.django_db


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
