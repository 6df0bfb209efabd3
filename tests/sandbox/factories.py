"""Baseline rows for the sandbox's tests, written as the generator writes them: no sandbox,
an explicit uid from one counter shared by every record type (so uids never collide), and a
person's `search_name` and `sort_name` computed as the services compute them.

Rows in a learner's layer are never built here: tests make them through `sandbox.services`,
the only writer of layers.

    holder = baseline_person(given_names="José", surname_1="Peña")
    baseline_document(holder=holder, number="C01234567")
    baseline_movement(person_uid=holder.uid, local_date=dt.date(2025, 3, 2), direction="EXIT")
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import factory
from factory.django import DjangoModelFactory

from sandbox import services
from sandbox.models import Document, Movement, Person, ReturnEvent, Sandbox
from sandbox.mrz import mrz_compose_td1, mrz_compose_td3
from sandbox.names import name_search_key, name_sort_key
from tests.people.factories import UserFactory

# Baseline uids are 1..N, as the generator numbers them. One counter for every model keeps a
# test's uids distinct across record types, which makes a wrong join show up as a failure.
_uids = itertools.count(1)


def next_uid() -> int:
    return next(_uids)


class BaselineFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    uid = factory.LazyFunction(next_uid)
    sandbox = None
    is_deleted = False


class PersonFactory(BaselineFactory):
    class Meta:
        model = Person

    given_names = factory.Iterator(["Ana", "José Luis", "María", "Íñigo", "Zoë"])
    surname_1 = factory.Iterator(["García", "Peña", "Ortiz", "Zúñiga"])
    surname_2 = "López"
    sex = "F"
    birth_date = dt.date(1990, 6, 15)
    nationality_id = "GTM"
    search_name = factory.LazyAttribute(lambda p: name_search_key(p.given_names, p.surname_1, p.surname_2))
    sort_name = factory.LazyAttribute(lambda p: name_sort_key(p.surname_1, p.surname_2, p.given_names))


class DocumentFactory(BaselineFactory):
    """A passport (or, with `document_type_id="ID"`, an identity card) with a valid MRZ for its holder."""

    class Meta:
        model = Document
        exclude = ("holder",)

    holder = factory.SubFactory(PersonFactory)
    person_uid = factory.LazyAttribute(lambda d: d.holder.uid)
    document_type_id = "P"
    number = factory.Sequence(lambda n: f"T{n:08d}")
    issuing_state_id = factory.LazyAttribute(lambda d: d.holder.nationality_id)
    expires_on = dt.date(2031, 1, 31)
    mrz = factory.LazyAttribute(
        lambda d: (mrz_compose_td1 if d.document_type_id == "ID" else mrz_compose_td3)(
            document_code=d.document_type_id,
            issuing_state=d.issuing_state_id,
            surnames=d.holder.surnames,
            given_names=d.holder.given_names,
            number=d.number,
            nationality=d.holder.nationality_id,
            birth_date=d.holder.birth_date,
            sex=d.holder.sex,
            expiry_date=d.expires_on,
        )
    )


class MovementFactory(BaselineFactory):
    """An admitted air entry at La Aurora (Guatemala City), 18:00 UTC being noon there."""

    class Meta:
        model = Movement

    person_uid = 0
    direction = "ENTRY"
    crossing_point_id = "GT-GUA"
    local_date = dt.date(2025, 3, 2)
    occurred_at = factory.LazyAttribute(lambda m: dt.datetime.combine(m.local_date, dt.time(18, 0), tzinfo=dt.UTC))
    transport_mode = "AIR"
    decision = "ADMITTED"
    nationality_id = "SLV"
    sex = "M"
    age_group = "Y30T44"


class ReturnEventFactory(BaselineFactory):
    """An adult deported from the USA by air to San Pedro Sula."""

    class Meta:
        model = ReturnEvent

    person_uid = 0
    receiving_country_id = "HND"
    returning_country = "USA"
    return_type = "DEPORTATION"
    mode = "AIR"
    reception_point_id = "HN-SAP"
    returned_on = dt.date(2025, 3, 20)
    sex = "M"


def baseline_person(**fields: Any) -> Person:
    return PersonFactory(**fields)


def baseline_document(**fields: Any) -> Document:
    return DocumentFactory(**fields)


def baseline_movement(**fields: Any) -> Movement:
    return MovementFactory(**fields)


def baseline_return(**fields: Any) -> ReturnEvent:
    return ReturnEventFactory(**fields)


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
    """A movement the learner adds to their layer (defaults as `MovementFactory`)."""
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
