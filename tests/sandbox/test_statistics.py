"""Monthly statistics: the baseline's summary, corrected by a learner's layer.

Proves that `summary_rebuild` counts a hand-made baseline exactly (every dimension, by the
local date at the crossing point, months without data absent) in a fixed number of queries,
that without a layer the figures are the summary, that a learner's own records, edits,
deletions and months count in their figures only, how a month outside the practice data's
period is counted, that for any sequence of learner operations the corrected figures equal a
direct count over the learner's view (hypothesis), and that the correction is one query whose
cost depends neither on the baseline's size nor on the layer's.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox import services, statistics
from sandbox.models import MonthlySummary, Movement, ReturnEvent, Sandbox
from tests.sandbox.baseline_rows import baseline_movement, baseline_movements, baseline_return
from tests.sandbox.factories import layer_movement, layer_return, learner_sandbox

pytestmark = pytest.mark.django_db

JANUARY, FEBRUARY, MARCH, APRIL, JUNE = (dt.date(2025, month, 1) for month in (1, 2, 3, 4, 6))
KINDS = {"GT-GUA": "AIR", "CR-PBL": "LAND", "GT-VNU": "LAND", "GT-TUM": "LAND"}


def hand_made_baseline() -> None:
    """Movements and returns of January, March and April 2025 (nothing in February)."""
    entry = baseline_movement(local_date=dt.date(2025, 3, 2), nationality_id="USA")
    baseline_movement(
        local_date=dt.date(2025, 3, 9), direction="EXIT", nationality_id="USA", closes_entry_uid=entry.uid
    )
    # 21:00 on 31 March at Peñas Blancas is already 1 April in UTC: it counts in March.
    baseline_movement(
        local_date=dt.date(2025, 3, 31),
        occurred_at=dt.datetime(2025, 4, 1, 3, 0, tzinfo=dt.UTC),
        crossing_point_id="CR-PBL",
        nationality_id="NIC",
        sex="F",
        age_group="Y_LT12",
    )
    baseline_movement(
        local_date=dt.date(2025, 3, 15), crossing_point_id="GT-VNU", nationality_id="SLV", sex="F", age_group="Y12T17"
    )
    baseline_movement(local_date=dt.date(2025, 3, 5), decision="REFUSED", nationality_id="COL", refusal_reason="Visa")
    # Neither an admitted movement nor a refused entry: counted nowhere.
    baseline_movement(local_date=dt.date(2025, 3, 6), direction="EXIT", decision="REFUSED", refusal_reason="Alert")
    baseline_movement(local_date=dt.date(2025, 3, 7), decision="REFERRED")
    baseline_movement(local_date=dt.date(2025, 4, 1), crossing_point_id="CR-PBL", nationality_id="NIC")
    baseline_movement(local_date=dt.date(2025, 1, 31), direction="EXIT", nationality_id="GTM")

    baseline_return(returned_on=dt.date(2025, 3, 20))
    baseline_return(
        returned_on=dt.date(2025, 3, 21),
        receiving_country_id="GTM",
        returning_country="MEX",
        mode="LAND",
        reception_point_id="GT-TUM",
        sex="F",
        is_minor=True,
        is_unaccompanied=True,
    )
    baseline_return(
        returned_on=dt.date(2025, 3, 1),
        receiving_country_id="GTM",
        returning_country="MEX",
        mode="LAND",
        reception_point_id="GT-TUM",
        is_minor=True,
    )
    baseline_return(returned_on=dt.date(2025, 4, 30), receiving_country_id="SLV", returning_country="OTHER")


EXPECTED_MARCH = {
    "month": "2025-03",
    "movements": {
        "total": {"ENTRY": 3, "EXIT": 1},
        "country": {"GTM": {"ENTRY": 2, "EXIT": 1}, "CRI": {"ENTRY": 1}},
        "crossing_point": {"GT-GUA": {"ENTRY": 1, "EXIT": 1}, "CR-PBL": {"ENTRY": 1}, "GT-VNU": {"ENTRY": 1}},
        "transport_mode": {"AIR": {"ENTRY": 1, "EXIT": 1}, "LAND": {"ENTRY": 2}},
        "nationality": {"USA": {"ENTRY": 1, "EXIT": 1}, "NIC": {"ENTRY": 1}, "SLV": {"ENTRY": 1}},
        "sex": {"M": {"ENTRY": 1, "EXIT": 1}, "F": {"ENTRY": 2}},
        "age_group": {"Y30T44": {"ENTRY": 1, "EXIT": 1}, "Y_LT12": {"ENTRY": 1}, "Y12T17": {"ENTRY": 1}},
    },
    "refusals": {"total": 1, "nationality": {"COL": 1}},
    "returns": {
        "total": 3,
        "receiving_country": {"HND": 1, "GTM": 2},
        "returning_country": {"USA": 1, "MEX": 2},
        "mode": {"AIR": 1, "LAND": 2},
        "sex": {"M": 2, "F": 1},
        "minor": {"minor": 2, "adult": 1},
        "unaccompanied": 1,
    },
}


def summary(month: dt.date) -> dict:
    return MonthlySummary.objects.get(month=month).data


def test_summary_rebuild_counts_every_dimension_of_the_baseline():
    hand_made_baseline()
    assert statistics.summary_rebuild() == 3
    assert summary(MARCH) == EXPECTED_MARCH


def test_summary_rebuild_writes_only_months_with_data():
    hand_made_baseline()
    MonthlySummary.objects.create(month=dt.date(2024, 12, 1), data=statistics.empty_statistics(dt.date(2024, 12, 1)))
    statistics.summary_rebuild()
    assert list(MonthlySummary.objects.values_list("month", flat=True)) == [JANUARY, MARCH, APRIL]
    assert statistics.months_available() == [APRIL, MARCH, JANUARY]
    assert summary(JANUARY)["movements"]["total"] == {"EXIT": 1}
    assert summary(JANUARY)["returns"]["total"] == 0
    april = summary(APRIL)
    assert (april["movements"]["crossing_point"], april["returns"]["returning_country"]) == (
        {"CR-PBL": {"ENTRY": 1}},
        {"OTHER": 1},
    )
    february = statistics.statistics_for(sandbox=None, month=FEBRUARY)
    assert february == statistics.empty_statistics(FEBRUARY)


def test_summary_rebuild_ignores_the_learners_layers(sandbox):
    hand_made_baseline()
    services.record_update(
        sandbox=sandbox, record=Movement.objects.baseline().get(nationality_id="COL"), decision="ADMITTED"
    )
    services.record_delete(sandbox=sandbox, record=ReturnEvent.objects.baseline().first())
    statistics.summary_rebuild()
    assert summary(MARCH) == EXPECTED_MARCH


@pytest.mark.parametrize("month", [JANUARY, FEBRUARY, MARCH, APRIL], ids=lambda month: f"{month:%Y-%m}")
def test_without_a_layer_the_figures_are_the_summary(sandbox, month):
    hand_made_baseline()
    statistics.summary_rebuild()
    from_summary = statistics.statistics_for(sandbox=None, month=month)
    assert from_summary == statistics.statistics_count(sandbox=None, month=month)
    assert statistics.statistics_for(sandbox=sandbox, month=month) == from_summary  # an empty layer
    if month != FEBRUARY:
        assert from_summary == summary(month)
        # Any day of the month reads the month.
        assert statistics.statistics_for(sandbox=None, month=month.replace(day=17)) == from_summary


def test_a_learners_changes_correct_their_figures_only(sandbox):
    hand_made_baseline()
    statistics.summary_rebuild()
    services.record_create(
        sandbox=sandbox,
        model=Movement,
        person_uid=1,
        direction="ENTRY",
        crossing_point_id="CR-PBL",
        occurred_at=dt.datetime(2025, 3, 12, 16, tzinfo=dt.UTC),
        local_date=dt.date(2025, 3, 12),
        transport_mode="LAND",
        nationality_id="NIC",
        sex="M",
        age_group="Y18T29",
    )
    moved = Movement.objects.baseline().get(crossing_point_id="GT-VNU")
    services.record_update(sandbox=sandbox, record=moved, local_date=dt.date(2025, 4, 2))
    mine = statistics.statistics_for(sandbox=sandbox, month=MARCH)
    assert mine["movements"]["total"] == {"ENTRY": 3, "EXIT": 1}
    assert mine["movements"]["crossing_point"] == {
        "GT-GUA": {"ENTRY": 1, "EXIT": 1},
        "CR-PBL": {"ENTRY": 2},
    }
    assert mine["movements"]["age_group"]["Y18T29"] == {"ENTRY": 1}
    assert "Y12T17" not in mine["movements"]["age_group"]
    assert statistics.statistics_for(sandbox=sandbox, month=APRIL)["movements"]["crossing_point"]["GT-VNU"] == {
        "ENTRY": 1
    }
    other = learner_sandbox()
    assert statistics.statistics_for(sandbox=other, month=MARCH) == EXPECTED_MARCH
    assert statistics.statistics_for(sandbox=None, month=MARCH) == EXPECTED_MARCH


def _layer_session(sandbox: Sandbox) -> None:
    services.record_update(
        sandbox=sandbox, record=Movement.objects.baseline().get(crossing_point_id="GT-VNU"), crossing_point_id="GT-GUA"
    )
    services.record_delete(sandbox=sandbox, record=Movement.objects.baseline().get(nationality_id="COL"))
    _register(sandbox, {"crossing_point_id": "CR-PBL", "local_date": dt.date(2025, 3, 20)})
    _return(sandbox, {"returned_on": dt.date(2025, 3, 22), "is_minor": True})
    services.record_delete(sandbox=sandbox, record=ReturnEvent.objects.baseline().get(receiving_country_id="HND"))


def _measured(sandbox: Sandbox) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        figures = statistics.statistics_for(sandbox=sandbox, month=MARCH)
    return len(queries), figures


def test_the_queries_of_a_learners_figures_do_not_grow_with_the_baseline(sandbox):
    baseline_movements(10, local_date=dt.date(2025, 3, 10))
    baseline_movement(local_date=dt.date(2025, 3, 15), crossing_point_id="GT-VNU")
    baseline_movement(local_date=dt.date(2025, 3, 5), decision="REFUSED", nationality_id="COL", refusal_reason="Visa")
    baseline_return(returned_on=dt.date(2025, 3, 20))
    statistics.summary_rebuild()
    _layer_session(sandbox)
    small_queries, small = _measured(sandbox)
    assert small == statistics.statistics_count(sandbox=sandbox, month=MARCH)
    baseline_movements(290, local_date=dt.date(2025, 3, 11), crossing_point_id="CR-PBL")
    statistics.summary_rebuild()
    large_queries, large = _measured(sandbox)
    assert large == statistics.statistics_count(sandbox=sandbox, month=MARCH)
    assert large["movements"]["total"]["ENTRY"] == small["movements"]["total"]["ENTRY"] + 290
    assert large_queries == small_queries


# A second, smaller baseline: its own figures, and the cost of rebuilding and correcting them.


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


def test_summary_rebuild_reads_the_baseline_in_a_fixed_number_of_queries():
    small_baseline()
    with CaptureQueriesContext(connection) as small:
        statistics.summary_rebuild()
    _grow_the_baseline()
    with CaptureQueriesContext(connection) as large:
        statistics.summary_rebuild()
    assert len(large) == len(small)
    assert sum(query["sql"].lstrip().upper().startswith("SELECT") for query in large) == 4


def test_a_month_without_a_summary_is_empty(sandbox):
    empty = statistics.statistics_for(sandbox=sandbox, month=FEBRUARY)
    assert empty == statistics.empty_statistics(FEBRUARY) == statistics.statistics_count(sandbox=None, month=FEBRUARY)
    assert empty["movements"]["total"] == {}
    assert empty["returns"]["unaccompanied"] == 0


def test_a_learners_own_records_count_in_their_statistics_only(sandbox):
    small_baseline()
    statistics.summary_rebuild()
    layer_movement(sandbox, local_date=dt.date(2025, 3, 15))
    layer_return(sandbox, is_minor=True, is_unaccompanied=True)
    mine = statistics.statistics_for(sandbox=sandbox, month=MARCH)
    assert mine["movements"]["total"] == {"ENTRY": 3, "EXIT": 1}
    assert mine["movements"]["crossing_point"]["CR-PBL"] == {"ENTRY": 2}
    assert mine["returns"]["returning_country"] == {"USA": 1, "MEX": 2}
    assert mine["returns"]["unaccompanied"] == 2
    assert mine == statistics.statistics_count(sandbox=sandbox, month=MARCH)
    other = learner_sandbox()
    assert statistics.statistics_for(sandbox=other, month=MARCH) == statistics.statistics_for(sandbox=None, month=MARCH)


def test_an_edit_moves_a_count_and_a_deletion_removes_it(sandbox):
    small_baseline()
    statistics.summary_rebuild()
    entry = Movement.objects.baseline().get(local_date=dt.date(2025, 3, 2))
    exit_ = Movement.objects.baseline().get(local_date=dt.date(2025, 3, 9))
    services.record_update(sandbox=sandbox, record=entry, local_date=dt.date(2025, 4, 2))
    services.record_delete(sandbox=sandbox, record=exit_)
    march = statistics.statistics_for(sandbox=sandbox, month=MARCH)
    april = statistics.statistics_for(sandbox=sandbox, month=APRIL)
    assert march["movements"]["total"] == {"ENTRY": 1}
    assert "USA" not in march["movements"]["nationality"]
    assert "GTM" not in march["movements"]["country"]
    assert april["movements"]["total"] == {"ENTRY": 2}
    assert april["movements"]["nationality"] == {"SLV": {"ENTRY": 1}, "USA": {"ENTRY": 1}}
    services.sandbox_reset(sandbox=sandbox)
    assert statistics.statistics_for(sandbox=sandbox, month=MARCH) == statistics.statistics_for(
        sandbox=None, month=MARCH
    )


def test_months_available_adds_the_months_of_a_learners_own_records(sandbox):
    small_baseline()
    statistics.summary_rebuild()
    layer_movement(sandbox, local_date=dt.date(2025, 6, 30))
    assert statistics.months_available(sandbox=sandbox) == [dt.date(2025, 6, 1), APRIL, MARCH]
    assert statistics.months_available(sandbox=None) == [APRIL, MARCH]


# A month outside the practice data's period


def test_outside_the_period_only_the_learners_own_records_count_and_stray_practice_records_are_counted_apart(
    sandbox,
):
    small_baseline()  # March and April 2025: the period below
    stray_entry = baseline_movement(local_date=dt.date(2025, 6, 3), nationality_id="USA")
    baseline_movement(local_date=dt.date(2025, 6, 4))
    stray_exit = baseline_movement(local_date=dt.date(2025, 6, 5), direction="EXIT")
    baseline_return(returned_on=dt.date(2025, 6, 6))  # four practice records dated in June by a defect
    statistics.summary_rebuild()
    assert MonthlySummary.objects.filter(month=JUNE).exists()  # the summary has the month, the page must not show it
    layer_movement(sandbox, local_date=dt.date(2025, 6, 30))
    own = statistics.statistics_coverage(sandbox=sandbox).own  # the period: March and April, as if generated so
    coverage = statistics.Coverage(first=MARCH, last=APRIL, own=own)
    assert coverage.own == {JUNE} and coverage.latest() == JUNE and not coverage.in_period(JUNE)

    june = statistics.statistics_month(sandbox=sandbox, month=JUNE, coverage=coverage)
    assert (june.own_only, june.stray) == (True, 4)
    assert june.data["movements"]["total"] == {"ENTRY": 1}
    assert june.data["movements"]["nationality"] == {"NIC": {"ENTRY": 1}}
    assert june.data["returns"]["total"] == 0

    # An edited stray record is the learner's own; a deleted one is neither theirs nor stray.
    services.record_update(sandbox=sandbox, record=stray_entry, nationality_id="HND")
    services.record_delete(sandbox=sandbox, record=stray_exit)
    june = statistics.statistics_month(sandbox=sandbox, month=JUNE, coverage=coverage)
    assert june.stray == 2
    assert june.data["movements"]["total"] == {"ENTRY": 2}
    assert june.data["movements"]["nationality"] == {"NIC": {"ENTRY": 1}, "HND": {"ENTRY": 1}}

    # Someone without a layer: nothing of theirs, every stray record said apart.
    nobody = statistics.statistics_month(sandbox=None, month=JUNE, coverage=coverage)
    assert (nobody.own_only, nobody.stray, nobody.data) == (True, 4, statistics.empty_statistics(JUNE))

    # Inside the period, the learner's whole view as before, nothing apart.
    march = statistics.statistics_month(sandbox=sandbox, month=MARCH, coverage=coverage)
    assert (march.own_only, march.stray) == (False, 0)
    assert march.data == statistics.statistics_for(sandbox=sandbox, month=MARCH)


# Cost


def _queries(sandbox) -> int:
    with CaptureQueriesContext(connection) as captured:
        statistics.statistics_for(sandbox=sandbox, month=MARCH)
    return len(captured)


def _grow_the_baseline() -> None:
    for day in range(1, 29):
        baseline_movements(10, local_date=dt.date(2025, 3, day))
        baseline_return(returned_on=dt.date(2025, 3, day))
    statistics.summary_rebuild()


def test_a_learners_statistics_are_one_query_whatever_they_changed(sandbox, django_assert_num_queries):
    small_baseline()
    statistics.summary_rebuild()
    with django_assert_num_queries(1):
        statistics.statistics_for(sandbox=sandbox, month=MARCH)
    layer_movement(sandbox)
    layer_return(sandbox)
    services.record_delete(sandbox=sandbox, record=Movement.objects.baseline().get(local_date=dt.date(2025, 3, 2)))
    with django_assert_num_queries(1):
        corrected = statistics.statistics_for(sandbox=sandbox, month=MARCH)
    assert corrected == statistics.statistics_count(sandbox=sandbox, month=MARCH)


def test_the_cost_does_not_grow_with_the_layer_either(sandbox):
    small_baseline()
    statistics.summary_rebuild()
    layer_movement(sandbox)
    small = _queries(sandbox)
    for day in range(1, 21):
        layer_movement(sandbox, local_date=dt.date(2025, 3, day))
    assert _queries(sandbox) == small


# Property: any sequence of a learner's operations keeps the corrected figures equal to a
# direct count over their view, in the month and the months either side.

DATES = [dt.date(2025, 2, 28), dt.date(2025, 3, 1), dt.date(2025, 3, 16), dt.date(2025, 3, 31), dt.date(2025, 4, 1)]
movement_fields = st.fixed_dictionaries(
    {},
    optional={
        "crossing_point_id": st.sampled_from(sorted(KINDS)),
        "direction": st.sampled_from(["ENTRY", "EXIT"]),
        "decision": st.sampled_from(["ADMITTED", "REFUSED", "REFERRED"]),
        "local_date": st.sampled_from(DATES),
        "nationality_id": st.sampled_from(["NIC", "USA", "GTM"]),
        "sex": st.sampled_from(["M", "F", "X"]),
        "age_group": st.sampled_from(["Y_LT12", "Y18T29", "Y_GE60"]),
    },
)
return_fields = st.fixed_dictionaries(
    {},
    optional={
        "returned_on": st.sampled_from(DATES),
        "returning_country": st.sampled_from(["USA", "MEX", "OTHER"]),
        "receiving_country_id": st.sampled_from(["GTM", "HND"]),
        "is_minor": st.booleans(),
        "sex": st.sampled_from(["M", "F"]),
    },
)
operation = st.one_of(
    st.tuples(st.just("register"), st.just(0), movement_fields),
    st.tuples(st.just("edit_movement"), st.integers(0, 40), movement_fields),
    st.tuples(st.just("delete_movement"), st.integers(0, 40), st.just({})),
    st.tuples(st.just("create_return"), st.just(0), return_fields),
    st.tuples(st.just("edit_return"), st.integers(0, 10), return_fields),
    st.tuples(st.just("delete_return"), st.integers(0, 10), st.just({})),
    st.tuples(st.just("reset"), st.just(0), st.just({})),
)


def _movement_changes(changes: dict) -> dict:
    changes = dict(changes)
    if "crossing_point_id" in changes:
        changes["transport_mode"] = KINDS[changes["crossing_point_id"]]
    if changes.get("direction") == "ENTRY":
        changes["closes_entry_uid"] = None
    if changes.get("decision") == "REFUSED":
        changes["refusal_reason"] = "Sin visa"
    return changes


def _register(sandbox: Sandbox, fields: dict) -> Movement:
    """A new movement in the learner's layer, as `record_create` writes any record."""
    values = {
        "person_uid": 1,
        "direction": "ENTRY",
        "crossing_point_id": "GT-GUA",
        "local_date": dt.date(2025, 3, 16),
        "nationality_id": "NIC",
        "sex": "F",
        "age_group": "Y45T59",
        **fields,
    }
    values.update(_movement_changes(values))
    values["occurred_at"] = dt.datetime.combine(values["local_date"], dt.time(18, 0), tzinfo=dt.UTC)
    return services.record_create(sandbox=sandbox, model=Movement, **values)


def _return(sandbox: Sandbox, fields: dict) -> ReturnEvent:
    values = {
        "person_uid": 2,
        "receiving_country_id": "GTM",
        "returning_country": "MEX",
        "return_type": "DEPORTATION",
        "mode": "LAND",
        "reception_point_id": "GT-TUM",
        "returned_on": dt.date(2025, 3, 10),
        "sex": "M",
        **fields,
    }
    values["is_unaccompanied"] = values.get("is_minor", False)
    return services.record_create(sandbox=sandbox, model=ReturnEvent, **values)


def _apply(sandbox: Sandbox, action: str, pick: int, fields: dict) -> None:
    movements = list(Movement.objects.visible_to(sandbox).order_by("uid"))
    returns = list(ReturnEvent.objects.visible_to(sandbox).order_by("uid"))
    if action == "register":
        _register(sandbox, fields)
    elif action == "edit_movement" and movements:
        services.record_update(sandbox=sandbox, record=movements[pick % len(movements)], **_movement_changes(fields))
    elif action == "delete_movement" and movements:
        services.record_delete(sandbox=sandbox, record=movements[pick % len(movements)])
    elif action == "create_return":
        _return(sandbox, fields)
    elif action == "edit_return" and returns:
        changes = dict(fields)
        if "is_minor" in changes:
            changes["is_unaccompanied"] = changes["is_minor"]
        services.record_update(sandbox=sandbox, record=returns[pick % len(returns)], **changes)
    elif action == "delete_return" and returns:
        services.record_delete(sandbox=sandbox, record=returns[pick % len(returns)])
    elif action == "reset":
        services.sandbox_reset(sandbox=sandbox)


@pytest.fixture
def learner_and_a_neighbour_over_the_baseline() -> Sandbox:
    """The hand-made baseline, its summary, and another learner's layer that must not count."""
    hand_made_baseline()
    statistics.summary_rebuild()
    neighbour = learner_sandbox()
    _layer_session(neighbour)
    _register(neighbour, {"local_date": dt.date(2025, 2, 28), "crossing_point_id": "GT-TUM"})
    return learner_sandbox()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=1, max_size=8))
def test_corrected_figures_equal_a_direct_count_over_the_learners_view(
    learner_and_a_neighbour_over_the_baseline, operations
):
    sandbox = learner_and_a_neighbour_over_the_baseline
    with transaction.atomic():
        for action, pick, fields in operations:
            _apply(sandbox, action, pick, fields)
            for month in (FEBRUARY, MARCH, APRIL):
                assert statistics.statistics_for(sandbox=sandbox, month=month) == statistics.statistics_count(
                    sandbox=sandbox, month=month
                )
        assert statistics.statistics_for(sandbox=None, month=MARCH) == EXPECTED_MARCH
        transaction.set_rollback(True)
