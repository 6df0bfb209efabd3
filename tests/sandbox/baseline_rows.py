"""Baseline rows for tests, written as the generator writes them: no sandbox, explicit uids.

Each helper gives the row the next free baseline uid of its model (one above the largest), so
helpers can be mixed freely and a rolled-back hypothesis example reuses the same uids. A
person's `search_name` is `name_search_key(given_names, surname_1, surname_2)` and its
`sort_name` is `name_sort_key(surname_1, surname_2, given_names)`, as the generator and the
services keep them for every row. Learners' rows are never made here: they come from
`sandbox.services`, the only writer of a layer.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.db.models import Max

from sandbox.models import CrossingPoint, Document, LayeredModel, Movement, Person, ReturnEvent
from sandbox.mrz import mrz_compose_td1, mrz_compose_td3
from sandbox.names import name_search_key, name_sort_key

PERSON_DEFAULTS: dict[str, Any] = {
    "given_names": "Ana María",
    "surname_1": "García",
    "surname_2": "López",
    "sex": "F",
    "birth_date": dt.date(1990, 6, 15),
    "nationality_id": "GTM",
    # The test baseline's people are Guatemala's records, the country of a learner made with
    # `tests.people.factories.person` (the sandbox screens' `learner` sees the whole region).
    "held_by_id": "GTM",
}


def next_baseline_uid(model: type[LayeredModel], count: int = 1) -> list[int]:
    """The next `count` free baseline uids of the model."""
    largest = model.objects.baseline().aggregate(largest=Max("uid"))["largest"] or 0
    return list(range(largest + 1, largest + 1 + count))


def _baseline(model: type[LayeredModel], fields: dict[str, Any], uid: int | None = None) -> LayeredModel:
    row = model(**fields)
    row.uid = uid if uid is not None else next_baseline_uid(model)[0]
    row.sandbox = None
    row.is_deleted = False
    if isinstance(row, Person):
        row.search_name = name_search_key(row.given_names, row.surname_1, row.surname_2)
        row.sort_name = name_sort_key(row.surname_1, row.surname_2, row.given_names)
    return row


def _person_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {**PERSON_DEFAULTS, **fields}


def baseline_person(*, uid: int | None = None, **fields: Any) -> Person:
    person = _baseline(Person, _person_fields(fields), uid)
    person.save(force_insert=True)
    return person


def baseline_people(count: int, **fields: Any) -> list[Person]:
    """`count` people in one insert: for baselines whose size is what a test varies."""
    uids = next_baseline_uid(Person, count)
    people = [_baseline(Person, _person_fields({"surname_1": f"Apellido{uid}", **fields}), uid) for uid in uids]
    return Person.objects.bulk_create(people)


def baseline_document(*, person: Person | None = None, uid: int | None = None, **fields: Any) -> Document:
    """A document of `person` (a new baseline person by default) with a valid MRZ of its type."""
    holder = person or baseline_person()
    values = {
        "document_type_id": "P",
        "number": f"A{holder.uid:08d}",
        "issuing_state_id": holder.nationality_id,
        "expires_on": dt.date(2031, 1, 31),
        "held_by_id": holder.held_by_id,
        **fields,
    }
    if "mrz" not in values:
        compose, code = (mrz_compose_td1, "ID") if values["document_type_id"] == "ID" else (mrz_compose_td3, "P")
        values["mrz"] = compose(
            document_code=code,
            issuing_state=values["issuing_state_id"],
            surnames=holder.surnames,
            given_names=holder.given_names,
            number=values["number"],
            nationality=holder.nationality_id,
            birth_date=holder.birth_date,
            sex=holder.sex,
            expiry_date=values["expires_on"],
        )
    document = _baseline(Document, {"person_uid": holder.uid, **values}, uid)
    document.save(force_insert=True)
    return document


def _movement_fields(fields: dict[str, Any]) -> dict[str, Any]:
    point = CrossingPoint.objects.select_related("country").get(code=fields.get("crossing_point_id", "GT-GUA"))
    local_date = fields.get("local_date", dt.date(2025, 3, 10))
    local_noon = dt.datetime.combine(local_date, dt.time(12, 0), tzinfo=zoneinfo.ZoneInfo(point.country.time_zone))
    return {
        "person_uid": 1,
        "direction": "ENTRY",
        "crossing_point_id": point.code,
        "local_date": local_date,
        "occurred_at": local_noon.astimezone(dt.UTC),
        "transport_mode": point.kind,
        "decision": "ADMITTED",
        "nationality_id": "SLV",
        "sex": "M",
        "age_group": "Y30T44",
        **fields,
    }


def baseline_movement(*, uid: int | None = None, **fields: Any) -> Movement:
    """An admitted entry at La Aurora (GT-GUA) on 10 March 2025 unless told otherwise;
    `occurred_at` is noon at the post and the mode is the post's."""
    movement = _baseline(Movement, _movement_fields(fields), uid)
    movement.save(force_insert=True)
    return movement


def baseline_movements(count: int, **fields: Any) -> list[Movement]:
    """`count` identical movements in one insert."""
    values = _movement_fields(fields)
    movements = [_baseline(Movement, values, uid) for uid in next_baseline_uid(Movement, count)]
    return Movement.objects.bulk_create(movements)


def baseline_return(*, uid: int | None = None, **fields: Any) -> ReturnEvent:
    """An adult Honduran man deported by air from the USA to San Pedro Sula on 20 March 2025
    unless told otherwise."""
    values = {
        "person_uid": 1,
        "receiving_country_id": "HND",
        "returning_country": "USA",
        "return_type": "DEPORTATION",
        "mode": "AIR",
        "reception_point_id": "HN-SAP",
        "returned_on": dt.date(2025, 3, 20),
        "sex": "M",
        "is_minor": False,
        "is_unaccompanied": False,
        **fields,
    }
    event = _baseline(ReturnEvent, values, uid)
    event.save(force_insert=True)
    return event
