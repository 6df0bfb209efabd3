"""Each country's records are its own (issue 20), proved on random datasets.

The query layer: whatever baseline rows the member countries hold and whatever two learners of
different countries write, edit, delete or build as an exercise's scenario, `visible_to` gives
a learner exactly the rows of their view that their country holds (`held_by_fields`) and their
own scenario rows, for every layered model: 0 rows another country holds, none of theirs
missing. A sandbox bound to no country (IOM staff) sees the whole region.

The screens are proved in `test_views_country_scope.py`. Only the modules of an explicit list
read across countries (`visible_across`) or as another country's node (`node_view`).
"""

from __future__ import annotations

import datetime as dt
import io
import tokenize
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from people.roles import Role
from sandbox import services
from sandbox.models import (
    LAYERED_MODELS,
    Alert,
    AlertChange,
    AlertHit,
    AuditEvent,
    CrossBorderQuery,
    CrossingPoint,
    Document,
    DocumentScan,
    HitNotification,
    InformationRequest,
    LayeredModel,
    Movement,
    Person,
    QueryResult,
    ReturnEvent,
    Sandbox,
)
from tests.people.factories import person as make_user
from tests.sandbox.baseline_rows import next_baseline_uid
from tests.sandbox.factories import learner_sandbox

pytestmark = pytest.mark.django_db

COUNTRIES = ("GTM", "HND", "CRI")
AUTHORITY = {"GTM": "gt-igm", "HND": "hn-inm", "CRI": "cr-dgme"}
WHEN = dt.datetime(2025, 3, 10, 15, 0, tzinfo=dt.UTC)


def post_of(country: str) -> str:
    """A crossing point of the country (its first by code)."""
    return CrossingPoint.objects.filter(country_id=country).order_by("code").values_list("code", flat=True).first()


def fields_for(model: type[LayeredModel], first: str, second: str, user: Any = None) -> dict[str, Any]:
    """A valid row of the model held by `first` (and, for an exchange between two members, by
    `second`); `user`, who asked a consultation."""
    if model is Person:
        return {
            "given_names": "Rosa",
            "surname_1": "Prueba",
            "sex": "F",
            "birth_date": dt.date(1990, 1, 2),
            "nationality_id": second,
            "held_by_id": first,
        }
    if model is Document:
        return {
            "person_uid": 1,
            "document_type_id": "P",
            "number": "X1234567",
            "issuing_state_id": second,
            "expires_on": dt.date(2031, 1, 31),
            "held_by_id": first,
        }
    if model is Movement:
        return {
            "person_uid": 1,
            "direction": "ENTRY",
            "crossing_point_id": post_of(first),
            "occurred_at": WHEN,
            "local_date": WHEN.date(),
            "transport_mode": "LAND",
            "decision": "ADMITTED",
            "nationality_id": second,
            "sex": "F",
            "age_group": "Y30T44",
        }
    if model is ReturnEvent:
        return {
            "person_uid": 1,
            "receiving_country_id": first,
            "returning_country": "USA",
            "return_type": "DEPORTATION",
            "mode": "LAND",
            "reception_point_id": post_of(first),
            "returned_on": WHEN.date(),
            "sex": "M",
        }
    if model is Alert:
        return {
            "category_id": "WANTED",
            "subject_kind": "PERSON",
            "subject_name": "PRUEBA, ROSA",
            "issuing_country_id": first,
            "action": "ARREST_NOTIFY",
            "valid_from": WHEN.date(),
            "sharing_scope": "OCAM_ALL",
            "legal_reference": "Orden 1",
        }
    if model is AlertChange:
        return {"alert_uid": 1, "kind": "CREATE", "to_status": "ACTIVE", "occurred_at": WHEN, "held_by_id": first}
    if model is AlertHit:
        return {"alert_uid": 1, "crossing_point_id": post_of(first), "match_type": "DOC_EXACT", "score": 1.0}
    if model is HitNotification:
        return {"hit_uid": 1, "alert_uid": 1, "from_country_id": first, "to_country_id": second, "sent_at": WHEN}
    if model is CrossBorderQuery:
        return {
            "requesting_country_id": first,
            "requested_by": user,
            "parameters": {"document": "X1234567"},
            "purpose_code": "BORDER_CHECK",
            "case_reference": "CASO-1",
            "created_at": WHEN,
            "target_countries": [second],
        }
    if model is QueryResult:
        return {"query_uid": 1, "requesting_country_id": first, "country_id": second, "outcome": "NO_HIT"}
    if model is InformationRequest:
        return {
            "result_uid": 1,
            "requesting_country_id": first,
            "answering_country_id": second,
            "requested_fields": ["surnames"],
            "justification": "Verificación",
            "due_at": WHEN,
        }
    if model is AuditEvent:
        return {"action": "SEARCH", "actor": user, "occurred_at": WHEN, "held_by_id": first}
    if model is DocumentScan:
        return {"crossing_point_id": post_of(first), "scanned_at": WHEN, "raw_mrz": "P<GTMPRUEBA<<ROSA"}
    raise AssertionError(f"No rows for {model.__name__}: add the new layered model here.")


def held_by(row: LayeredModel) -> set[str | None]:
    """The member countries whose records the row is, read in Python from `held_by_fields`."""
    countries = set()
    for path in row.held_by_fields:
        value: Any = row
        for part in path.split("__"):
            value = getattr(value, part) if value is not None else None
        countries.add(value.pk if value is not None else None)
    return countries


def world_of(model: type[LayeredModel], sandbox: Sandbox) -> list[LayeredModel]:
    """Every country's rows as the learner's layer changed them, computed in Python from every row."""
    rows = list(model.objects.every_row())
    mine = {row.uid for row in rows if row.sandbox_id == sandbox.pk}
    return [
        row
        for row in rows
        if (row.sandbox_id == sandbox.pk and not row.is_deleted) or (row.sandbox_id is None and row.uid not in mine)
    ]


def baseline_row(model: type[LayeredModel], first: str, second: str) -> LayeredModel:
    """A baseline row as the generator writes it: no sandbox, the next free uid."""
    row = model(**fields_for(model, first, second))
    row.uid = next_baseline_uid(model)[0]
    row.sandbox = None
    row.is_deleted = False
    if isinstance(row, Person):
        row.search_name = row.sort_name = "PRUEBA ROSA"
    row.save(force_insert=True)
    return row


def country_learner(country: str, email: str) -> Sandbox:
    sandbox = services.sandbox_get_or_create(
        user=make_user(role=Role.LEARNER, authority_code=AUTHORITY[country], email=email)
    )
    assert sandbox.country_id == country
    return sandbox


# The query layer, for every layered model.

country = st.sampled_from(COUNTRIES)
model_index = st.integers(min_value=0, max_value=len(LAYERED_MODELS) - 1)
baseline_rows = st.lists(st.tuples(model_index, country, country), max_size=30)
# (learner, what they do, model, countries, which baseline row)
layer_operations = st.lists(
    st.tuples(
        st.sampled_from([0, 1]),
        st.sampled_from(["create", "scenario", "edit", "delete"]),
        model_index,
        country,
        country,
        st.integers(min_value=0, max_value=99),
    ),
    max_size=20,
)


@pytest.fixture
def learners_of_two_countries():
    return (
        country_learner("GTM", "gt@example.org"),
        country_learner("HND", "hn@example.org"),
        learner_sandbox(),  # bound to no country: IOM staff, the region
    )


def test_every_layered_model_names_the_countries_that_hold_it():
    for model in LAYERED_MODELS:
        assert model.held_by_fields, model.__name__


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(baseline=baseline_rows, operations=layer_operations)
def test_a_learner_sees_exactly_their_countrys_rows_and_their_scenario(learners_of_two_countries, baseline, operations):
    learners = learners_of_two_countries
    with transaction.atomic():
        for index, first, second in baseline:
            baseline_row(LAYERED_MODELS[index], first, second)
        for who, action, index, first, second, pick in operations:
            sandbox, model = learners[who], LAYERED_MODELS[index]
            stock = list(model.objects.baseline().order_by("uid"))
            if action in ("create", "scenario"):
                services.record_create(
                    sandbox=sandbox,
                    model=model,
                    scenario=1000 + who if action == "scenario" else None,
                    **fields_for(model, first, second, sandbox.owner),
                )
            elif action == "edit" and stock:
                # Through the services, whoever holds it: the edit may move the row to another country.
                record = stock[pick % len(stock)]
                if not model.objects.layer_of(sandbox).filter(uid=record.uid, is_deleted=True).exists():
                    services.record_update(
                        sandbox=sandbox, record=record, **fields_for(model, first, second, sandbox.owner)
                    )
            elif action == "delete" and stock:
                record = stock[pick % len(stock)]
                if not model.objects.layer_of(sandbox).filter(uid=record.uid).exists():
                    services.record_delete(sandbox=sandbox, record=record)

        for model in LAYERED_MODELS:
            for sandbox in learners:
                seen = {row.pk: row for row in model.objects.visible_to(sandbox).select_related()}
                world = world_of(model, sandbox)
                if sandbox.country_id is None:
                    assert set(seen) == {row.pk for row in world}, model.__name__
                    continue
                # An exercise's scenario rows are the learner's whatever country holds them, but for
                # people and documents: another country's are reached only by consultation.
                own_scenario = {
                    row.pk
                    for row in world
                    if row.sandbox_id == sandbox.pk and row.scenario is not None and model.scenario_spans_countries
                }
                foreign = [
                    row for pk, row in seen.items() if pk not in own_scenario and sandbox.country_id not in held_by(row)
                ]
                assert foreign == [], f"{model.__name__}: rows of another country in {sandbox.country_id}'s view"
                expected = {row.pk for row in world if sandbox.country_id in held_by(row)} | own_scenario
                assert set(seen) == expected, f"{model.__name__}: {sandbox.country_id}'s view is not its own rows"
                # The same scope counts and probes alike (every path to the database).
                assert model.objects.visible_to(sandbox).count() == len(expected)
        transaction.set_rollback(True)


def test_a_scenario_in_another_country_is_seen_by_its_learner_only(learners_of_two_countries):
    guatemalan, honduran, _region = learners_of_two_countries
    # A trainer's exercise builder writes a crossing at a Costa Rican post into the Guatemalan's
    # layer: the scenario's movement is theirs to see; Costa Rica's record of the traveller is
    # not (another country's people are reached only by consultation).
    movement = services.record_create(
        sandbox=guatemalan, model=Movement, scenario=7, **fields_for(Movement, "CRI", "CRI")
    )
    traveller = services.record_create(sandbox=guatemalan, model=Person, scenario=7, **fields_for(Person, "CRI", "CRI"))
    free = services.record_create(sandbox=guatemalan, model=Person, **fields_for(Person, "CRI", "CRI"))
    assert list(Movement.objects.visible_to(guatemalan).values_list("uid", flat=True)) == [movement.uid]
    assert not Movement.objects.visible_to(honduran).exists()
    assert not Person.objects.visible_to(guatemalan).exists()
    assert set(Person.objects.node_view(guatemalan, "CRI").values_list("uid", flat=True)) == {traveller.uid, free.uid}


def test_a_learners_new_record_is_held_by_their_country(learners_of_two_countries):
    guatemalan, _honduran, region = learners_of_two_countries
    values = fields_for(Person, "GTM", "SLV")
    del values["held_by_id"]
    assert services.record_create(sandbox=guatemalan, model=Person, **values).held_by_id == "GTM"
    # Someone bound to no country writes the record of the traveller's own country.
    assert services.record_create(sandbox=region, model=Person, **values).held_by_id == "SLV"


# Only the listed modules cross countries.

# The modules allowed to read every member's records (`visible_across`): screening against the
# alerts other members share, the secondary line's alerts named by hits, the regional statistics,
# and the exercises' model solutions (which act on shared alerts as a learner would).
VISIBLE_ACROSS_ALLOWED = {
    "sandbox/screening.py",
    "sandbox/selectors_secondary.py",
    "sandbox/statistics.py",
    "sandbox/statistics_daily.py",
    "sandbox/exercises/solutions.py",
}
# The modules allowed to search as another member's node: the consultation's answers and requests.
NODE_VIEW_ALLOWED = {"sandbox/consultation.py", "sandbox/requests.py"}
# Where the scopes are defined.
DEFINED_IN = "sandbox/models/layers.py"


def scope_uses(source: str, names: set[str]) -> set[str]:
    """The scope names the source uses as code (an attribute, a call, a name in a string such as a
    getattr's), not in its comments."""
    used = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NAME and token.string in names:
            used.add(token.string)
        elif token.type == tokenize.STRING:
            used.update(name for name in names if repr(name) == token.string or f'"{name}"' == token.string)
    return used


def modules_using(name: str) -> set[str]:
    root = Path(django_settings.BASE_DIR)
    return {
        path.relative_to(root).as_posix()
        for path in (root / "sandbox").rglob("*.py")
        if path.relative_to(root).as_posix() != DEFINED_IN
        and name in scope_uses(path.read_text(encoding="utf-8"), {name})
    }


@pytest.mark.parametrize(
    ("name", "allowed"), [("visible_across", VISIBLE_ACROSS_ALLOWED), ("node_view", NODE_VIEW_ALLOWED)]
)
def test_only_the_listed_modules_read_across_countries(name, allowed):
    assert modules_using(name) - allowed == set(), (
        f"A module calls {name}(): a screen lists through visible_to(sandbox). Add it to the list only "
        "if it must cross countries by rule, and say why in record 0024."
    )


def test_the_scan_sees_calls_getattr_and_not_comments():
    source = 'x = Alert.objects.visible_across(s)\ny = getattr(q, "node_view")\n# visible_across in a comment\n'
    assert scope_uses(source, {"visible_across", "node_view"}) == {"visible_across", "node_view"}
    assert scope_uses("# node_view\n'''visible_across in a docstring'''\n", {"visible_across", "node_view"}) == set()
