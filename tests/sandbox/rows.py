"""Baseline rows for tests, written as the generator writes them: no sandbox, explicit uids."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from sandbox.models import Document, Movement, Person, ReturnEvent
from sandbox.mrz import mrz_compose_td3
from sandbox.names import name_search_key, name_sort_key

_uids = itertools.count(1)


def next_uid() -> int:
    return next(_uids)


def person(given_names: str = "Ana", surname_1: str = "García", surname_2: str = "López", **fields: Any) -> Person:
    values = {"sex": "F", "birth_date": dt.date(1990, 6, 15), "nationality_id": "GTM", **fields}
    return Person.objects.create(
        uid=values.pop("uid", None) or next_uid(),
        given_names=given_names,
        surname_1=surname_1,
        surname_2=surname_2,
        search_name=name_search_key(given_names, surname_1, surname_2),
        sort_name=name_sort_key(surname_1, surname_2, given_names),
        **values,
    )


def document(holder: Person, number: str, **fields: Any) -> Document:
    expires_on = fields.pop("expires_on", dt.date(2031, 1, 31))
    mrz = mrz_compose_td3(
        document_code="P",
        issuing_state=holder.nationality_id,
        surnames=holder.surnames,
        given_names=holder.given_names,
        number=number,
        nationality=holder.nationality_id,
        birth_date=holder.birth_date,
        sex=holder.sex,
        expiry_date=expires_on,
    )
    return Document.objects.create(
        uid=next_uid(),
        person_uid=holder.uid,
        document_type_id="P",
        number=number,
        issuing_state_id=holder.nationality_id,
        expires_on=expires_on,
        mrz=mrz,
        **fields,
    )


def movement(holder_uid: int, local_date: dt.date, **fields: Any) -> Movement:
    values = {
        "direction": "ENTRY",
        "crossing_point_id": "GT-GUA",
        "transport_mode": "AIR",
        "decision": "ADMITTED",
        "nationality_id": "SLV",
        "sex": "M",
        "age_group": "Y30T44",
        **fields,
    }
    occurred_at = dt.datetime.combine(local_date, dt.time(18, 0), tzinfo=dt.UTC)
    return Movement.objects.create(
        uid=next_uid(), person_uid=holder_uid, occurred_at=occurred_at, local_date=local_date, **values
    )


def return_event(holder_uid: int, returned_on: dt.date, **fields: Any) -> ReturnEvent:
    values = {
        "receiving_country_id": "HND",
        "returning_country": "USA",
        "return_type": "DEPORTATION",
        "mode": "AIR",
        "reception_point_id": "HN-SAP",
        "sex": "M",
        **fields,
    }
    return ReturnEvent.objects.create(uid=next_uid(), person_uid=holder_uid, returned_on=returned_on, **values)
