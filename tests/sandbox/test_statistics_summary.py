"""The monthly summary of the baseline: `summary_rebuild` counts a hand-made baseline exactly
(every dimension, by the local date at the crossing point, months without data absent),
ignores the learners' layers and reads the baseline in a fixed number of queries; without a
layer the figures are the summary, and a month without one is empty.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sandbox import services, statistics
from sandbox.models import MonthlySummary, Movement, ReturnEvent
from tests.sandbox.baseline_rows import baseline_movements, baseline_return
from tests.sandbox.statistics_baselines import (
    APRIL,
    EXPECTED_MARCH,
    FEBRUARY,
    JANUARY,
    MARCH,
    hand_made_baseline,
    small_baseline,
)

pytestmark = pytest.mark.django_db


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


def _grow_the_baseline() -> None:
    for day in range(1, 29):
        baseline_movements(10, local_date=dt.date(2025, 3, day))
        baseline_return(returned_on=dt.date(2025, 3, day))
    statistics.summary_rebuild()
