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
from tests.people.factories import UserFactory
from tests.sandbox import rows

pytestmark = pytest.mark.django_db

MARCH, APRIL = dt.date(2025, 3, 1), dt.date(2025, 4, 1)


@pytest.fixture
def learner_sandbox():
    return services.sandbox_for(user=UserFactory())


def small_baseline() -> None:
    rows.movement(1, dt.date(2025, 3, 2), crossing_point_id="GT-GUA", transport_mode="AIR", nationality_id="USA")
    rows.movement(1, dt.date(2025, 3, 9), direction="EXIT", crossing_point_id="GT-GUA", nationality_id="USA")
    rows.movement(
        2,
        dt.date(2025, 3, 31),
        crossing_point_id="CR-PBL",
        transport_mode="LAND",
        nationality_id="NIC",
        sex="F",
        age_group="Y_LT12",
    )
    rows.movement(3, dt.date(2025, 3, 5), decision="REFUSED", nationality_id="COL", refusal_reason="No visa")
    rows.movement(4, dt.date(2025, 4, 1), crossing_point_id="CR-PBL", transport_mode="LAND")
    rows.return_event(5, dt.date(2025, 3, 20), is_minor=True, is_unaccompanied=True, sex="F")
    rows.return_event(
        6,
        dt.date(2025, 3, 21),
        returning_country="MEX",
        mode="LAND",
        reception_point_id="GT-TUM",
        receiving_country_id="GTM",
    )


def test_summary_rebuild_counts_the_baseline_by_month_and_dimension():
    small_baseline()
    assert statistics.summary_rebuild() == 2
    march = MonthlySummary.objects.get(month=MARCH).data
    movements = march["movements"]
    assert movements["total"] == {"ENTRY": 2, "EXIT": 1}
    assert movements["country"] == {"GTM": {"ENTRY": 1, "EXIT": 1}, "CRI": {"ENTRY": 1}}
    assert movements["crossing_point"] == {"GT-GUA": {"ENTRY": 1, "EXIT": 1}, "CR-PBL": {"ENTRY": 1}}
    assert movements["transport_mode"] == {"AIR": {"ENTRY": 1, "EXIT": 1}, "LAND": {"ENTRY": 1}}
    assert movements["nationality"] == {"USA": {"ENTRY": 1, "EXIT": 1}, "NIC": {"ENTRY": 1}}
    assert movements["sex"] == {"M": {"ENTRY": 1, "EXIT": 1}, "F": {"ENTRY": 1}}
    assert movements["age_group"] == {"Y30T44": {"ENTRY": 1, "EXIT": 1}, "Y_LT12": {"ENTRY": 1}}
    assert march["refusals"] == {"total": 1, "nationality": {"COL": 1}}
    returns = march["returns"]
    assert returns["total"] == 2
    assert returns["receiving_country"] == {"HND": 1, "GTM": 1}
    assert returns["returning_country"] == {"USA": 1, "MEX": 1}
    assert returns["mode"] == {"AIR": 1, "LAND": 1}
    assert returns["sex"] == {"F": 1, "M": 1}
    assert returns["minor"] == {"minor": 1, "adult": 1}
    assert returns["unaccompanied"] == 1
    assert MonthlySummary.objects.get(month=APRIL).data["movements"]["total"] == {"ENTRY": 1}
    assert statistics.months_available() == [APRIL, MARCH]


def test_without_a_layer_the_statistics_are_the_summary():
    small_baseline()
    statistics.summary_rebuild()
    assert statistics.statistics_for(sandbox=None, month=MARCH) == statistics.statistics_count(
        sandbox=None, month=MARCH
    )


def test_a_registered_entry_counts_in_the_learners_statistics_only(learner_sandbox):
    small_baseline()
    statistics.summary_rebuild()
    services.record_create(
        sandbox=learner_sandbox,
        model=Movement,
        person_uid=99,
        direction="ENTRY",
        crossing_point_id="CR-PBL",
        occurred_at=dt.datetime(2025, 3, 15, 15, tzinfo=dt.UTC),
        local_date=dt.date(2025, 3, 15),
        transport_mode="LAND",
        nationality_id="NIC",
        sex="M",
        age_group="Y18T29",
    )
    mine = statistics.statistics_for(sandbox=learner_sandbox, month=MARCH)
    assert mine["movements"]["total"] == {"ENTRY": 3, "EXIT": 1}
    assert mine["movements"]["crossing_point"]["CR-PBL"] == {"ENTRY": 2}
    assert mine == statistics.statistics_count(sandbox=learner_sandbox, month=MARCH)
    other = services.sandbox_for(user=UserFactory())
    assert statistics.statistics_for(sandbox=other, month=MARCH)["movements"]["total"] == {"ENTRY": 2, "EXIT": 1}


def _queries(sandbox) -> int:
    with CaptureQueriesContext(connection) as captured:
        statistics.statistics_for(sandbox=sandbox, month=MARCH)
    return len(captured)


def test_the_cost_of_a_learners_statistics_does_not_grow_with_the_baseline(learner_sandbox):
    small_baseline()
    statistics.summary_rebuild()
    edited = Movement.objects.baseline().filter(local_date__month=3).first()
    services.record_update(sandbox=learner_sandbox, record=edited, crossing_point_id="GT-VNU")
    small = _queries(learner_sandbox)
    for day in range(1, 29):
        for _ in range(10):
            rows.movement(7, dt.date(2025, 3, day))
    statistics.summary_rebuild()
    assert _queries(learner_sandbox) == small


# Property: any sequence of learner operations keeps statistics_for equal to a direct count.

movement_change = st.fixed_dictionaries(
    {
        "crossing_point_id": st.sampled_from(["GT-GUA", "CR-PBL", "GT-VNU"]),
        "direction": st.sampled_from(["ENTRY", "EXIT"]),
        "decision": st.sampled_from(["ADMITTED", "REFUSED", "REFERRED"]),
        "local_date": st.sampled_from([dt.date(2025, 2, 28), dt.date(2025, 3, 1), dt.date(2025, 3, 31), APRIL]),
        "nationality_id": st.sampled_from(["NIC", "USA", "GTM"]),
    }
)
operation = st.one_of(
    st.tuples(st.just("register"), movement_change),
    st.tuples(st.just("edit"), movement_change),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("return"), st.booleans()),
    st.tuples(st.just("delete_return"), st.integers(0, 5)),
    st.tuples(st.just("reset"), st.none()),
)


def _apply(sandbox, action, argument, pick: int) -> None:
    movements = list(Movement.objects.visible_to(sandbox).order_by("uid"))
    if action == "register":
        services.record_create(
            sandbox=sandbox,
            model=Movement,
            person_uid=1,
            occurred_at=dt.datetime(2025, 3, 3, tzinfo=dt.UTC),
            transport_mode="LAND",
            sex="F",
            age_group="Y45T59",
            **argument,
        )
    elif action == "edit" and movements:
        changes = dict(argument)
        if changes["direction"] == "ENTRY":
            changes["closes_entry_uid"] = None
        services.record_update(sandbox=sandbox, record=movements[pick % len(movements)], **changes)
    elif action == "delete" and movements:
        services.record_delete(sandbox=sandbox, record=movements[argument % len(movements)])
    elif action == "return":
        services.record_create(
            sandbox=sandbox,
            model=ReturnEvent,
            person_uid=2,
            receiving_country_id="SLV",
            returning_country="MEX",
            return_type="DEPORTATION",
            mode="LAND",
            reception_point_id="SV-LHA",
            returned_on=dt.date(2025, 3, 10),
            sex="F",
            is_minor=argument,
            is_unaccompanied=argument,
        )
    elif action == "delete_return":
        returns = list(ReturnEvent.objects.visible_to(sandbox).order_by("uid"))
        if returns:
            services.record_delete(sandbox=sandbox, record=returns[argument % len(returns)])
    elif action == "reset":
        services.sandbox_reset(sandbox=sandbox)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=1, max_size=10), pick=st.integers(0, 30))
def test_corrected_statistics_equal_a_direct_count_over_the_learners_view(learner_sandbox, operations, pick):
    with transaction.atomic():
        small_baseline()
        statistics.summary_rebuild()
        for action, argument in operations:
            _apply(learner_sandbox, action, argument, pick)
            for month in (dt.date(2025, 2, 1), MARCH, APRIL):
                assert statistics.statistics_for(sandbox=learner_sandbox, month=month) == statistics.statistics_count(
                    sandbox=learner_sandbox, month=month
                )
        transaction.set_rollback(True)
