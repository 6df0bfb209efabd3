"""Rows of a learner's layer for the sandbox's tests, written through `sandbox.services` (the only
writer of layers) as every screen writes them. Baseline rows are built by `baseline_rows.py`.

    sandbox = learner_sandbox()
    person = layer_person(sandbox, given_names="Luz")
    layer_movement(sandbox, person_uid=person.uid, local_date=dt.date(2025, 3, 15))
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sandbox import services
from sandbox.models import Movement, Person, ReturnEvent, Sandbox
from tests.people.factories import UserFactory


def learner_sandbox() -> Sandbox:
    """A new learner's sandbox."""
    return services.sandbox_get_or_create(user=UserFactory())


def layer_person(sandbox: Sandbox, **fields: Any) -> Person:
    """A person the learner adds to their layer, through the service that every screen uses."""
    values = {
        "given_names": "Nueva",
        "surname_1": "Persona",
        "sex": "F",
        "birth_date": dt.date(1985, 2, 3),
        "nationality_id": "HND",
        **fields,
    }
    return services.record_create(sandbox=sandbox, model=Person, **values)


def layer_movement(sandbox: Sandbox, **fields: Any) -> Movement:
    """A movement the learner adds to their layer: an admitted land entry at Peñas Blancas."""
    local_date = fields.pop("local_date", dt.date(2025, 3, 15))
    values = {
        "person_uid": 0,
        "direction": "ENTRY",
        "crossing_point_id": "CR-PBL",
        "occurred_at": dt.datetime.combine(local_date, dt.time(18, 0), tzinfo=dt.UTC),
        "local_date": local_date,
        "transport_mode": "LAND",
        "nationality_id": "NIC",
        "sex": "F",
        "age_group": "Y18T29",
        **fields,
    }
    return services.record_create(sandbox=sandbox, model=Movement, **values)


def layer_return(sandbox: Sandbox, **fields: Any) -> ReturnEvent:
    """A return the learner adds to their layer: a minor returned from Mexico by land."""
    values = {
        "person_uid": 0,
        "receiving_country_id": "SLV",
        "returning_country": "MEX",
        "return_type": "DEPORTATION",
        "mode": "LAND",
        "reception_point_id": "SV-LHA",
        "returned_on": dt.date(2025, 3, 10),
        "sex": "F",
        "is_minor": True,
        "is_unaccompanied": False,
        **fields,
    }
    return services.record_create(sandbox=sandbox, model=ReturnEvent, **values)
