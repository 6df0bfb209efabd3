"""Travellers referred to the secondary line, built through the services as the primary line
builds them: an alert in the baseline (as the generator writes it), the traveller screened at the
post (`screening.screen`), the movement registered REFERRED (`services.movement_register`) and the
screening's hits linked to it (the registration takes the screening's hits).

    alert = baseline_alert(category="ENTRY_BAN", issuing_country="NIC")
    referral = referred(sandbox, user)  # José Luis Peña López at Peñas Blancas (Costa Rica)
    referral.movement, referral.hits

The traveller is the registration tests' (`screens.PASSPORT`): a Nicaraguan passport C01234567.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sandbox import services
from sandbox.matching import birth_key
from sandbox.models import Alert, AlertCategory, AlertHit, CrossingPoint, Movement, Sandbox
from sandbox.screening import Traveller, screen
from sandbox.services_movements import ScreeningOutcome
from tests.sandbox.baseline_rows import next_baseline_uid
from tests.sandbox.screens import PASSPORT, PASSPORT_MRZ

TRAVELLER = Traveller(
    given_names=PASSPORT["given_names"],
    surnames=PASSPORT["surnames"],
    birth_date=PASSPORT["birth_date"],
    nationality=PASSPORT["nationality"],
    document_number=PASSPORT["number"],
    issuing_state=PASSPORT["issuing_state"],
    sex=PASSPORT["sex"],
)
# The alerts' subject, as the issuing authority wrote them.
SUBJECT_NAME = "PEÑA LOPEZ, JOSE LUIS"
# When the traveller arrives at the post (local time): a Friday morning at Peñas Blancas.
ARRIVAL = dt.datetime(2025, 3, 14, 8, 30)

# The category whose default action is each alert action.
CATEGORY_OF_ACTION = {
    "REFUSE_ENTRY": "ENTRY_BAN",
    "PREVENT_EXIT": "EXIT_BAN",
    "ARREST_NOTIFY": "WANTED",
    "PROTECT_MINOR": "MISSING_MINOR",
    "SEIZE_DOCUMENT": "DOC_LOST_STOLEN",
    "DISCREET_CHECK": "DISCREET_CHECK",
    "INFO_ONLY": "INFO",
}


def baseline_alert(*, category: str = "ENTRY_BAN", issuing_country: str = "NIC", **fields: Any) -> Alert:
    """An active alert of the baseline on the traveller (a person alert by name and birth date, a
    document alert by their passport), shared with every OCAM member, in force since 2024."""
    kind = AlertCategory.objects.get(code=category)
    values: dict[str, Any] = {
        "category": kind,
        "subject_kind": kind.subject_kind,
        "action": kind.default_action,
        "issuing_country_id": issuing_country,
        "legal_reference": "Expediente 2024-117",
        "valid_from": dt.date(2024, 1, 1),
        "status": "ACTIVE",
        "sharing_scope": "OCAM_ALL",
        "sensitivity": kind.sensitivity,
    }
    if kind.subject_kind == "DOCUMENT":
        values |= {"document_number": TRAVELLER.document_number, "document_issuing_state_id": TRAVELLER.issuing_state}
    else:
        values |= {
            "subject_name": SUBJECT_NAME,
            "subject_birth_date": TRAVELLER.birth_date,
            "subject_nationality_id": TRAVELLER.nationality,
        }
    values |= fields
    alert = Alert(**values)
    alert.uid = next_baseline_uid(Alert)[0]
    alert.sandbox = None
    alert.is_deleted = False
    alert.birth_key = birth_key(alert.subject_birth_date) if alert.subject_kind == "PERSON" else ""
    alert.save(force_insert=True)
    return alert


def alert_for(action: str, **fields: Any) -> Alert:
    """A baseline alert whose action is `action`."""
    return baseline_alert(category=CATEGORY_OF_ACTION[action], **fields)


@dataclass
class Referral:
    movement: Movement
    hits: list[AlertHit]


def referred(
    sandbox: Sandbox,
    user: Any,
    *,
    direction: str = "ENTRY",
    crossing_point: str = "CR-PBL",
    local_time: dt.datetime = ARRIVAL,
) -> Referral:
    """The traveller screened at the post, referred to the secondary line, with the screening's
    hits linked to the referred movement (as the primary line leaves them)."""
    point = CrossingPoint.objects.select_related("country").get(code=crossing_point)
    screening = screen(
        sandbox=sandbox,
        actor=user,
        crossing_point=point,
        direction=direction,
        traveller=TRAVELLER,
        on=local_time.date(),
    )
    movement = services.movement_register(
        sandbox=sandbox,
        user=user,
        mrz=PASSPORT_MRZ,
        direction=direction,
        crossing_point=point,
        local_time=local_time,
        authorised_stay_days=30 if direction == "ENTRY" else None,
        decision="REFERRED",
        refusal_code="SCREENING_HIT",
        screening=ScreeningOutcome(ref="", result=screening.result, hit_uids=tuple(hit.uid for hit in screening.hits)),
    )
    hits = AlertHit.objects.visible_to(sandbox).filter(movement_uid=movement.uid)
    return Referral(movement=movement, hits=sorted(hits, key=lambda hit: hit.uid))


def admitted_entry(sandbox: Sandbox, user: Any, *, local_time: dt.datetime = ARRIVAL) -> Movement:
    """The traveller's admitted entry at Peñas Blancas, registered at the primary line."""
    return services.movement_register(
        sandbox=sandbox,
        user=user,
        mrz=PASSPORT_MRZ,
        direction="ENTRY",
        crossing_point=CrossingPoint.objects.select_related("country").get(code="CR-PBL"),
        local_time=local_time,
        authorised_stay_days=30,
    )


def referral_recorded(sandbox: Sandbox, *, crossing_point: str = "CR-PBL") -> Referral:
    """A referred movement with one pending hit, written straight into the learner's layer (no
    screening, no MRZ): an entry at Peñas Blancas (or `crossing_point`) on a Costa Rican entry ban
    on Ana Ramírez Soto, shared with every member. For fixtures that must not put an alert on the
    registration tests' traveller."""
    alert = Alert.objects.baseline().filter(legal_reference="Expediente de la matriz").first()
    if alert is None:
        alert = baseline_alert(
            category="ENTRY_BAN",
            issuing_country="CRI",
            subject_name="RAMIREZ SOTO, ANA",
            subject_birth_date=dt.date(1970, 5, 4),
            subject_nationality_id="PAN",
            legal_reference="Expediente de la matriz",
        )
    movement = services.record_create(
        sandbox=sandbox,
        model=Movement,
        person_uid=0,
        direction="ENTRY",
        crossing_point_id=crossing_point,
        occurred_at=dt.datetime(2025, 3, 14, 14, 30, tzinfo=dt.UTC),
        local_date=ARRIVAL.date(),
        transport_mode="LAND",
        decision="REFERRED",
        refusal_code="SCREENING_HIT",
        screening_result="HIT",
        nationality_id="PAN",
        sex="F",
        age_group="Y45T59",
    )
    hit = services.record_create(
        sandbox=sandbox,
        model=AlertHit,
        alert_uid=alert.uid,
        movement_uid=movement.uid,
        person_uid=0,
        crossing_point_id=crossing_point,
        traveller={"given_names": "Ana", "surnames": "Ramírez Soto", "birth_date": "1970-05-04", "nationality": "PAN"},
        matched_fields={"given_names": "exact", "surnames": "exact", "birth_date": "exact"},
        match_type="NAME_DOB_FUZZY",
        score=1.0,
    )
    return Referral(movement=movement, hits=[hit])
