"""Monthly statistics: the baseline's summary, corrected by a learner's layer.

Proves that `summary_rebuild` counts a hand-made baseline exactly (every dimension, by the
local date at the crossing point, months without data absent), that without a layer the
figures are the summary, that for any sequence of learner operations the corrected figures
equal a direct count over the learner's view (hypothesis), and that the correction's cost in
queries does not depend on the baseline's size.
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
from tests.people.factories import UserFactory
from tests.sandbox.baseline_rows import baseline_movement, baseline_movements, baseline_return

pytestmark = pytest.mark.django_db

JANUARY, FEBRUARY, MARCH, APRIL = (dt.date(2025, month, 1) for month in (1, 2, 3, 4))
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


@pytest.fixture
def sandbox() -> Sandbox:
    return services.sandbox_get_or_create(user=UserFactory())


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
    other = services.sandbox_get_or_create(user=UserFactory())
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
    neighbour = services.sandbox_get_or_create(user=UserFactory())
    _layer_session(neighbour)
    _register(neighbour, {"local_date": dt.date(2025, 2, 28), "crossing_point_id": "GT-TUM"})
    return services.sandbox_get_or_create(user=UserFactory())


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
