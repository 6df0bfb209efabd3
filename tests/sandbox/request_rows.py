"""Rows for the information-request tests: a Honduran record behind a hit (baseline rows held by
Honduras), and a Guatemalan learner's consultation with its hit, written through the services
into the learner's layer as the consultation screens write them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from people.models import User
from sandbox import services
from sandbox.models import Alert, CrossBorderQuery, Person, QueryResult, Sandbox
from tests.sandbox.baseline_rows import baseline_document, baseline_movement, baseline_person, next_baseline_uid

PARTNER = "HND"


def partner_person(**fields) -> Person:
    """A Honduran in Honduras's records, with a passport, two movements at El Amatillo and an
    active alert."""
    person = baseline_person(
        given_names="Carlos Alberto",
        surname_1="Reyes",
        surname_2="Mejía",
        sex="M",
        birth_date=dt.date(1988, 4, 2),
        nationality_id=PARTNER,
        birth_country_id=PARTNER,
        national_id_number="0801198812345",
        national_id_country_id=PARTNER,
        held_by_id=PARTNER,
        **fields,
    )
    baseline_document(person=person, number="E1234567", expires_on=dt.date(2031, 5, 1))
    for day, direction in ((3, "EXIT"), (9, "ENTRY")):
        baseline_movement(
            person_uid=person.uid,
            crossing_point_id="HN-EAM",
            direction=direction,
            local_date=dt.date(2025, 6, day),
            nationality_id=PARTNER,
        )
    Alert(
        uid=next_baseline_uid(Alert)[0],
        category_id="EXIT_BAN",
        subject_kind="PERSON",
        person_uid=person.uid,
        subject_name="REYES MEJÍA, CARLOS ALBERTO",
        issuing_country_id=PARTNER,
        action="PREVENT_EXIT",
        valid_from=dt.date(2025, 1, 1),
        status="ACTIVE",
        sharing_scope="OCAM_ALL",
    ).save(force_insert=True)
    return person


@dataclass
class Hit:
    query: CrossBorderQuery
    result: QueryResult


def learner_hit(sandbox: Sandbox, user: User, person: Person | None, *, purpose: str = "BORDER_CHECK") -> Hit:
    """The learner's consultation of Honduras for `purpose`, answered with a hit on `person`."""
    now = timezone.now()
    query = services.record_create(
        sandbox=sandbox,
        model=CrossBorderQuery,
        requesting_country_id=sandbox.country_id or "GTM",
        requested_by=user,
        parameters={"document_number": "E1234567"},
        purpose_code=purpose,
        case_reference="GT-2026-0042",
        created_at=now,
        target_countries=[PARTNER],
    )
    result = services.record_create(
        sandbox=sandbox,
        model=QueryResult,
        query_uid=query.uid,
        requesting_country_id=sandbox.country_id or "GTM",
        country_id=PARTNER,
        outcome="HIT",
        reference_token="HND-000042",
        answered_at=now,
        record_uid=person.uid if person is not None else 999_999,
    )
    return Hit(query=query, result=result)


def own_person(**fields) -> Person:
    """A Guatemalan in Guatemala's records (the learner's country), with a passport."""
    person = baseline_person(
        given_names="Luisa Fernanda",
        surname_1="Ortiz",
        surname_2="Coj",
        birth_date=dt.date(1992, 9, 30),
        nationality_id="GTM",
        held_by_id="GTM",
        **fields,
    )
    baseline_document(person=person, number="G7654321")
    return person
