"""A learner's statistics: the summary corrected by their layer. Their own records, edits,
deletions and months count in their figures only; a month outside the practice data's period
counts only their records and the stray practice records apart; the correction is one query
whose cost grows neither with the baseline nor with the layer.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sandbox import services, statistics
from sandbox.models import MonthlySummary, Movement, Sandbox
from tests.sandbox.baseline_rows import baseline_movement, baseline_movements, baseline_return
from tests.sandbox.factories import layer_movement, layer_return, learner_sandbox
from tests.sandbox.statistics_baselines import (
    APRIL,
    EXPECTED_MARCH,
    JUNE,
    MARCH,
    hand_made_baseline,
    layer_session,
    small_baseline,
)

pytestmark = pytest.mark.django_db


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
    layer_session(sandbox)
    small_queries, small = _measured(sandbox)
    assert small == statistics.statistics_count(sandbox=sandbox, month=MARCH)
    baseline_movements(290, local_date=dt.date(2025, 3, 11), crossing_point_id="CR-PBL")
    statistics.summary_rebuild()
    large_queries, large = _measured(sandbox)
    assert large == statistics.statistics_count(sandbox=sandbox, month=MARCH)
    assert large["movements"]["total"]["ENTRY"] == small["movements"]["total"]["ENTRY"] + 290
    assert large_queries == small_queries


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
