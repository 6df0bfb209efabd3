"""Statistics: the baseline's monthly summary, corrected by a learner's layer, equals a direct
count over the learner's view, at a cost that does not grow with the baseline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox import services, statistics
from sandbox.models import MonthlySummary, Movement, ReturnEvent
from tests.sandbox.factories import (
    baseline_movement,
    baseline_return,
    layer_movement,
    layer_return,
    learner_sandbox,
)

pytestmark = pytest.mark.django_db

FEBRUARY, MARCH, APRIL, JUNE = dt.date(2025, 2, 1), dt.date(2025, 3, 1), dt.date(2025, 4, 1), dt.date(2025, 6, 1)


@pytest.fixture
def learner():
    return learner_sandbox()


def small_baseline() -> None:
    """March: 2 admitted entries and 1 exit, 1 refusal, 1 referral, 2 returns; April: 1 entry."""
    baseline_movement(local_date=dt.date(2025, 3, 2), nationality_id="USA")
    baseline_movement(local_date=dt.date(2025, 3, 9), direction="EXIT", nationality_id="USA")
    baseline_movement(
        local_date=dt.date(2025, 3, 31),
        crossing_point_id="CR-PBL",
        transport_mode="LAND",
        nationality_id="NIC",
        sex="F",
        age_group="Y_LT12",
    )
    baseline_movement(local_date=dt.date(2025, 3, 5), decision="REFUSED", nationality_id="COL", refusal_reason="Visa")
    baseline_movement(local_date=dt.date(2025, 3, 6), decision="REFERRED", nationality_id="VEN")
    baseline_movement(local_date=dt.date(2025, 4, 1), crossing_point_id="CR-PBL", transport_mode="LAND")
    baseline_return(returned_on=dt.date(2025, 3, 20), is_minor=True, is_unaccompanied=True, sex="F")
    baseline_return(
        returned_on=dt.date(2025, 3, 21),
        returning_country="MEX",
        mode="LAND",
        reception_point_id="GT-TUM",
        receiving_country_id="GTM",
    )


def test_summary_rebuild_counts_the_baseline_by_month_and_dimension():
    small_baseline()
    assert statistics.summary_rebuild() == 2
    march = MonthlySummary.objects.get(month=MARCH).data
    assert march["month"] == "2025-03"
    movements = march["movements"]
    assert movements["total"] == {"ENTRY": 2, "EXIT": 1}
    assert movements["country"] == {"GTM": {"ENTRY": 1, "EXIT": 1}, "CRI": {"ENTRY": 1}}
    assert movements["crossing_point"] == {"GT-GUA": {"ENTRY": 1, "EXIT": 1}, "CR-PBL": {"ENTRY": 1}}
    assert movements["transport_mode"] == {"AIR": {"ENTRY": 1, "EXIT": 1}, "LAND": {"ENTRY": 1}}
    assert movements["nationality"] == {"USA": {"ENTRY": 1, "EXIT": 1}, "NIC": {"ENTRY": 1}}
    assert movements["sex"] == {"M": {"ENTRY": 1, "EXIT": 1}, "F": {"ENTRY": 1}}
    assert movements["age_group"] == {"Y30T44": {"ENTRY": 1, "EXIT": 1}, "Y_LT12": {"ENTRY": 1}}
    # Refusals are refused entries; a referral is neither admitted nor refused.
    assert march["refusals"] == {"total": 1, "nationality": {"COL": 1}}
    assert march["returns"] == {
        "total": 2,
        "receiving_country": {"HND": 1, "GTM": 1},
        "returning_country": {"USA": 1, "MEX": 1},
        "mode": {"AIR": 1, "LAND": 1},
        "sex": {"F": 1, "M": 1},
        "minor": {"minor": 1, "adult": 1},
        "unaccompanied": 1,
    }
    april = MonthlySummary.objects.get(month=APRIL).data
    assert april["movements"]["total"] == {"ENTRY": 1}
    assert april["refusals"] == {"total": 0, "nationality": {}}
    assert april["returns"]["total"] == 0
    assert statistics.months_available() == [APRIL, MARCH]


def test_summary_rebuild_reads_the_baseline_in_a_fixed_number_of_queries():
    small_baseline()
    with CaptureQueriesContext(connection) as small:
        statistics.summary_rebuild()
    _grow_the_baseline()
    with CaptureQueriesContext(connection) as large:
        statistics.summary_rebuild()
    assert len(large) == len(small)
    assert sum(query["sql"].lstrip().upper().startswith("SELECT") for query in large) == 4


def test_summary_rebuild_replaces_the_old_summary_and_ignores_the_layers(learner):
    small_baseline()
    statistics.summary_rebuild()
    Movement.objects.baseline().filter(local_date__gte=APRIL).delete()
    layer_movement(learner, local_date=dt.date(2025, 5, 5))
    layer_return(learner, returned_on=dt.date(2025, 3, 11))
    assert statistics.summary_rebuild() == 1
    assert list(MonthlySummary.objects.values_list("month", flat=True)) == [MARCH]
    assert MonthlySummary.objects.get(month=MARCH).data["returns"]["total"] == 2


def test_without_a_layer_the_statistics_are_the_summary():
    small_baseline()
    statistics.summary_rebuild()
    for month in (FEBRUARY, MARCH, APRIL):
        assert statistics.statistics_for(sandbox=None, month=month) == statistics.statistics_count(
            sandbox=None, month=month
        )
    assert statistics.statistics_for(sandbox=None, month=dt.date(2025, 3, 17)) == statistics.statistics_for(
        sandbox=None, month=MARCH
    )


def test_a_month_without_a_summary_is_empty(learner):
    empty = statistics.statistics_for(sandbox=learner, month=FEBRUARY)
    assert empty == statistics.empty_statistics(FEBRUARY) == statistics.statistics_count(sandbox=None, month=FEBRUARY)
    assert empty["movements"]["total"] == {}
    assert empty["returns"]["unaccompanied"] == 0


def test_a_learners_own_records_count_in_their_statistics_only(learner):
    small_baseline()
    statistics.summary_rebuild()
    layer_movement(learner, local_date=dt.date(2025, 3, 15))
    layer_return(learner, is_minor=True, is_unaccompanied=True)
    mine = statistics.statistics_for(sandbox=learner, month=MARCH)
    assert mine["movements"]["total"] == {"ENTRY": 3, "EXIT": 1}
    assert mine["movements"]["crossing_point"]["CR-PBL"] == {"ENTRY": 2}
    assert mine["returns"]["returning_country"] == {"USA": 1, "MEX": 2}
    assert mine["returns"]["unaccompanied"] == 2
    assert mine == statistics.statistics_count(sandbox=learner, month=MARCH)
    other = learner_sandbox()
    assert statistics.statistics_for(sandbox=other, month=MARCH) == statistics.statistics_for(sandbox=None, month=MARCH)


def test_an_edit_moves_a_count_and_a_deletion_removes_it(learner):
    small_baseline()
    statistics.summary_rebuild()
    entry = Movement.objects.baseline().get(local_date=dt.date(2025, 3, 2))
    exit_ = Movement.objects.baseline().get(local_date=dt.date(2025, 3, 9))
    services.record_update(sandbox=learner, record=entry, local_date=dt.date(2025, 4, 2))
    services.record_delete(sandbox=learner, record=exit_)
    march = statistics.statistics_for(sandbox=learner, month=MARCH)
    april = statistics.statistics_for(sandbox=learner, month=APRIL)
    assert march["movements"]["total"] == {"ENTRY": 1}
    assert "USA" not in march["movements"]["nationality"]
    assert "GTM" not in march["movements"]["country"]
    assert april["movements"]["total"] == {"ENTRY": 2}
    assert april["movements"]["nationality"] == {"SLV": {"ENTRY": 1}, "USA": {"ENTRY": 1}}
    services.sandbox_reset(sandbox=learner)
    assert statistics.statistics_for(sandbox=learner, month=MARCH) == statistics.statistics_for(
        sandbox=None, month=MARCH
    )


def test_months_available_adds_the_months_of_a_learners_own_records(learner):
    small_baseline()
    statistics.summary_rebuild()
    layer_movement(learner, local_date=dt.date(2025, 6, 30))
    assert statistics.months_available(sandbox=learner) == [dt.date(2025, 6, 1), APRIL, MARCH]
    assert statistics.months_available(sandbox=None) == [APRIL, MARCH]


# A month outside the practice data's period


def test_outside_the_period_only_the_learners_own_records_count_and_stray_practice_records_are_counted_apart(
    learner,
):
    small_baseline()  # March and April 2025: the period below
    stray_entry = baseline_movement(local_date=dt.date(2025, 6, 3), nationality_id="USA")
    baseline_movement(local_date=dt.date(2025, 6, 4))
    stray_exit = baseline_movement(local_date=dt.date(2025, 6, 5), direction="EXIT")
    baseline_return(returned_on=dt.date(2025, 6, 6))  # four practice records dated in June by a defect
    statistics.summary_rebuild()
    assert MonthlySummary.objects.filter(month=JUNE).exists()  # the summary has the month, the page must not show it
    layer_movement(learner, local_date=dt.date(2025, 6, 30))
    own = statistics.statistics_coverage(sandbox=learner).own  # the period: March and April, as if generated so
    coverage = statistics.Coverage(first=MARCH, last=APRIL, own=own)
    assert coverage.own == {JUNE} and coverage.latest() == JUNE and not coverage.in_period(JUNE)

    june = statistics.statistics_month(sandbox=learner, month=JUNE, coverage=coverage)
    assert (june.own_only, june.stray) == (True, 4)
    assert june.data["movements"]["total"] == {"ENTRY": 1}
    assert june.data["movements"]["nationality"] == {"NIC": {"ENTRY": 1}}
    assert june.data["returns"]["total"] == 0

    # An edited stray record is the learner's own; a deleted one is neither theirs nor stray.
    services.record_update(sandbox=learner, record=stray_entry, nationality_id="HND")
    services.record_delete(sandbox=learner, record=stray_exit)
    june = statistics.statistics_month(sandbox=learner, month=JUNE, coverage=coverage)
    assert june.stray == 2
    assert june.data["movements"]["total"] == {"ENTRY": 2}
    assert june.data["movements"]["nationality"] == {"NIC": {"ENTRY": 1}, "HND": {"ENTRY": 1}}

    # Someone without a layer: nothing of theirs, every stray record said apart.
    nobody = statistics.statistics_month(sandbox=None, month=JUNE, coverage=coverage)
    assert (nobody.own_only, nobody.stray, nobody.data) == (True, 4, statistics.empty_statistics(JUNE))

    # Inside the period, the learner's whole view as before, nothing apart.
    march = statistics.statistics_month(sandbox=learner, month=MARCH, coverage=coverage)
    assert (march.own_only, march.stray) == (False, 0)
    assert march.data == statistics.statistics_for(sandbox=learner, month=MARCH)


# Cost


def _queries(sandbox) -> int:
    with CaptureQueriesContext(connection) as captured:
        statistics.statistics_for(sandbox=sandbox, month=MARCH)
    return len(captured)


def _grow_the_baseline() -> None:
    for day in range(1, 29):
        for _ in range(10):
            baseline_movement(local_date=dt.date(2025, 3, day))
        baseline_return(returned_on=dt.date(2025, 3, day))
    statistics.summary_rebuild()


def test_the_cost_of_a_learners_statistics_does_not_grow_with_the_baseline(learner, django_assert_num_queries):
    small_baseline()
    statistics.summary_rebuild()
    edited = Movement.objects.baseline().get(local_date=dt.date(2025, 3, 2))
    services.record_update(sandbox=learner, record=edited, crossing_point_id="GT-VNU")
    deleted = ReturnEvent.objects.baseline().get(returned_on=dt.date(2025, 3, 20))
    services.record_delete(sandbox=learner, record=deleted)
    # One query: the summary, and per record type the layer's rows and the baseline rows they shadow.
    with django_assert_num_queries(1):
        statistics.statistics_for(sandbox=learner, month=MARCH)
    small = _queries(learner)
    _grow_the_baseline()
    with django_assert_num_queries(small):
        corrected = statistics.statistics_for(sandbox=learner, month=MARCH)
    assert corrected == statistics.statistics_count(sandbox=learner, month=MARCH)
    assert corrected["movements"]["total"]["ENTRY"] == 2 + 280
    assert corrected["returns"]["total"] == 1 + 28


def test_a_learners_statistics_are_one_query_whatever_they_changed(learner, django_assert_num_queries):
    small_baseline()
    statistics.summary_rebuild()
    with django_assert_num_queries(1):
        statistics.statistics_for(sandbox=learner, month=MARCH)
    layer_movement(learner)
    layer_return(learner)
    services.record_delete(sandbox=learner, record=Movement.objects.baseline().get(local_date=dt.date(2025, 3, 2)))
    with django_assert_num_queries(1):
        corrected = statistics.statistics_for(sandbox=learner, month=MARCH)
    assert corrected == statistics.statistics_count(sandbox=learner, month=MARCH)


def test_the_cost_does_not_grow_with_the_layer_either(learner):
    small_baseline()
    statistics.summary_rebuild()
    layer_movement(learner)
    small = _queries(learner)
    for day in range(1, 21):
        layer_movement(learner, local_date=dt.date(2025, 3, day))
    assert _queries(learner) == small


# Property: any sequence of learners' operations keeps statistics_for equal to a direct count.

movement_fields = st.fixed_dictionaries(
    {
        "crossing_point_id": st.sampled_from(["GT-GUA", "CR-PBL", "GT-VNU", "HN-SAP"]),
        "direction": st.sampled_from(["ENTRY", "EXIT"]),
        "decision": st.sampled_from(["ADMITTED", "ADMITTED", "REFUSED", "REFERRED"]),
        "local_date": st.sampled_from([dt.date(2025, 2, 28), MARCH, dt.date(2025, 3, 31), APRIL]),
        "nationality_id": st.sampled_from(["NIC", "USA", "GTM"]),
    }
)
# An edit changes one or two fields of a visible movement: crossing point, direction, month...
movement_change = movement_fields.flatmap(
    lambda fields: st.sets(st.sampled_from(sorted(fields)), min_size=1, max_size=2).map(
        lambda names: {name: fields[name] for name in names}
    )
)
return_change = st.fixed_dictionaries(
    {
        "returned_on": st.sampled_from([dt.date(2025, 2, 28), dt.date(2025, 3, 10), APRIL]),
        "returning_country": st.sampled_from(["USA", "MEX", "OTHER"]),
        "is_minor": st.booleans(),
    }
)
pick = st.integers(0, 30)
who = st.sampled_from([0, 1])
operation = st.one_of(
    st.tuples(st.just("register"), who, movement_fields),
    st.tuples(st.just("edit"), who, pick, movement_change),
    st.tuples(st.just("delete"), who, pick),
    st.tuples(st.just("return"), who, return_change),
    st.tuples(st.just("edit_return"), who, pick, return_change),
    st.tuples(st.just("delete_return"), who, pick),
    st.tuples(st.just("reset"), who),
)


def _nth(model, sandbox, index: int):
    records = list(model.objects.visible_to(sandbox).order_by("uid"))
    return records[index % len(records)] if records else None


def _apply(sandbox, action: str, *arguments) -> None:
    if action == "register":
        (fields,) = arguments
        layer_movement(sandbox, refusal_reason="Test" if fields["decision"] == "REFUSED" else "", **fields)
    elif action in ("edit", "delete"):
        index, *changes = arguments
        record = _nth(Movement, sandbox, index)
        if record is None:
            return
        if action == "delete":
            services.record_delete(sandbox=sandbox, record=record)
            return
        (change,) = changes
        if change.get("direction", record.direction) == "ENTRY":
            change = {**change, "closes_entry_uid": None}
        services.record_update(sandbox=sandbox, record=record, **change)
    elif action == "return":
        (change,) = arguments
        layer_return(sandbox, **change)
    elif action in ("edit_return", "delete_return"):
        index, *changes = arguments
        record = _nth(ReturnEvent, sandbox, index)
        if record is None:
            return
        if action == "delete_return":
            services.record_delete(sandbox=sandbox, record=record)
        else:
            (change,) = changes
            services.record_update(
                sandbox=sandbox,
                record=record,
                **change,
                is_unaccompanied=record.is_unaccompanied and change["is_minor"],
            )
    elif action == "reset":
        services.sandbox_reset(sandbox=sandbox)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=1, max_size=10))
def test_corrected_statistics_equal_a_direct_count_over_the_learners_view(operations):
    with transaction.atomic():
        small_baseline()
        statistics.summary_rebuild()
        learners = (learner_sandbox(), learner_sandbox())
        for action, index, *arguments in operations:
            _apply(learners[index], action, *arguments)
            _assert_corrected_equals_counted(learners[index])
        for sandbox in (*learners, None):
            _assert_corrected_equals_counted(sandbox)
        transaction.set_rollback(True)


def _assert_corrected_equals_counted(sandbox) -> None:
    for month in (FEBRUARY, MARCH, APRIL):
        assert statistics.statistics_for(sandbox=sandbox, month=month) == statistics.statistics_count(
            sandbox=sandbox, month=month
        )
