"""Property test of a learner's statistics: for any sequence of their operations (registering,
editing and deleting movements and returns, resetting), beside another learner's layer, the
corrected figures equal a direct count over their view in the month and the months either side.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox import services, statistics
from sandbox.models import Movement, ReturnEvent, Sandbox
from tests.sandbox.factories import learner_sandbox
from tests.sandbox.statistics_baselines import (
    APRIL,
    EXPECTED_MARCH,
    FEBRUARY,
    KINDS,
    MARCH,
    create_return,
    hand_made_baseline,
    layer_session,
    movement_changes,
    register_movement,
)

pytestmark = pytest.mark.django_db


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


def _apply(sandbox: Sandbox, action: str, pick: int, fields: dict) -> None:
    movements = list(Movement.objects.visible_to(sandbox).order_by("uid"))
    returns = list(ReturnEvent.objects.visible_to(sandbox).order_by("uid"))
    if action == "register":
        register_movement(sandbox, fields)
    elif action == "edit_movement" and movements:
        services.record_update(sandbox=sandbox, record=movements[pick % len(movements)], **movement_changes(fields))
    elif action == "delete_movement" and movements:
        services.record_delete(sandbox=sandbox, record=movements[pick % len(movements)])
    elif action == "create_return":
        create_return(sandbox, fields)
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
    layer_session(neighbour)
    register_movement(neighbour, {"local_date": dt.date(2025, 2, 28), "crossing_point_id": "GT-TUM"})
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
