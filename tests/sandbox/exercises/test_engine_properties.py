"""Every registered exercise type, over many seeds: scenarios are valid (MRZs pass the ICAO
checks, posts exist, dates are consistent, every record passes its model's validation),
reproducible from their seed, and different between learners."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox.exercises import exercise_types
from sandbox.exercises.base import BuildContext, Ref
from sandbox.exercises.seeds import attempt_seed
from sandbox.models import AuditEvent, CrossingPoint, Document, DocumentScan, Movement, Person
from sandbox.mrz import mrz_read
from tests.sandbox.statistics_baselines import december_baseline

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def practice_data(db):
    """A small baseline with a December of exits at Peñas Blancas: what the types that read the
    practice data (#16) need for their default parameters."""
    december_baseline()


ANCHOR = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 31), timezones=st.just(dt.UTC))
SEEDS = st.integers(min_value=0, max_value=2**63 - 1)
TYPES = [kind.slug for kind in exercise_types()]


def _plan(slug: str, seed: int, anchor: dt.datetime):
    kind = next(kind for kind in exercise_types() if kind.slug == slug)
    return kind.build(BuildContext(seed=seed, parameters=kind.parameters_clean({}), anchor=anchor))


def _comparable(plan) -> tuple:
    return ([(r.name, r.model.__name__, r.fields) for r in plan.records], plan.brief, plan.expected)


def _validate(plan, anchor: dt.datetime) -> None:
    names = {record.name for record in plan.records}
    for record in plan.records:
        fields = {key: (0 if isinstance(value, Ref) else value) for key, value in record.fields.items()}
        for value in record.fields.values():
            if isinstance(value, Ref):
                assert value.name in names
        row = record.model(uid=1, **fields)
        if isinstance(row, Person):
            row.search_name = row.sort_name = "X"
            assert row.birth_date < anchor.date()
        # A fictional officer's audit event has no platform user: its `actor_label` names them.
        exclude = ["sandbox", "actor"] if isinstance(row, AuditEvent) else ["sandbox"]
        row.full_clean(validate_unique=False, validate_constraints=False, exclude=exclude)
        if isinstance(row, Document) and row.mrz:
            data = mrz_read(row.mrz)
            assert (data.number, data.issuing_state, data.expiry_date) == (
                row.number,
                row.issuing_state_id,
                row.expires_on,
            )
        if isinstance(row, Movement):
            assert CrossingPoint.objects.filter(code=row.crossing_point_id).exists()
            assert row.occurred_at <= anchor
        if isinstance(row, DocumentScan):
            assert row.scanned_at <= anchor + dt.timedelta(minutes=1)


@pytest.mark.parametrize("slug", TYPES)
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(seed=SEEDS, anchor=ANCHOR)
def test_scenarios_are_valid_and_rebuild_from_their_seed(slug, seed, anchor):
    plan = _plan(slug, seed, anchor)
    _validate(plan, anchor)
    assert _comparable(_plan(slug, seed, anchor)) == _comparable(plan)
    for text in _mrz_texts(plan.brief):
        mrz_read(text)


def _mrz_texts(brief) -> list[str]:
    if isinstance(brief, dict):
        return [text for key, value in brief.items() for text in ([value] if key == "mrz" else _mrz_texts(value))]
    if isinstance(brief, list):
        return [text for item in brief for text in _mrz_texts(item)]
    return []


@pytest.mark.parametrize("slug", TYPES)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(learners=st.lists(st.integers(min_value=1, max_value=10**6), min_size=2, max_size=2, unique=True), anchor=ANCHOR)
def test_two_learners_get_different_scenarios(slug, learners, anchor):
    first, second = (attempt_seed(learner_id=learner, exercise_key="lesson:block", number=1) for learner in learners)
    assert first != second
    plan_a, plan_b = _plan(slug, first, anchor), _plan(slug, second, anchor)
    if plan_a.records or plan_b.records:
        assert _comparable(plan_a)[0] != _comparable(plan_b)[0]


def test_seeds_differ_by_learner_exercise_and_attempt():
    seeds = {
        attempt_seed(learner_id=learner, exercise_key=key, number=number)
        for learner in (1, 2)
        for key in ("a:1", "a:2")
        for number in (1, 2)
    }
    assert len(seeds) == 8
    assert attempt_seed(learner_id=7, exercise_key="a:1", number=3) == attempt_seed(
        learner_id=7, exercise_key="a:1", number=3
    )
