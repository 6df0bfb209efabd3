"""What the alert exercises share: the country whose alert office the learner works for, alerts
planned into a scenario, the learner's changes to an alert, and the primary line's read -> screen
-> decide as the reference solutions and the tests do it."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from sandbox.exercises.base import BuildContext, CheckContext, Ref, ScenarioPlan
from sandbox.exercises.people import Traveller
from sandbox.exercises.types.common import OCAM_NATIONALITIES
from sandbox.job_functions import acting_country
from sandbox.matching import birth_key
from sandbox.models import Alert, AlertCategory, AlertChange, AlertHit, Movement


def home_country(context: BuildContext, rng: random.Random) -> str:
    """The country the learner acts for (their staff profile's, or the one IOM staff chose, when it
    is an OCAM member): its alert office issues and changes the scenario's alerts. A learner acting
    for the region (IOM staff) gets one drawn."""
    drawn = rng.choice(OCAM_NATIONALITIES)
    owner = getattr(context.sandbox, "owner", None)
    code = acting_country(user=owner, sandbox=context.sandbox) if owner is not None else None
    return code if code in OCAM_NATIONALITIES else drawn


def office_today(context: BuildContext) -> dt.date:
    """The alert office's today: the attempt's day, or the real day if later. The alert services
    judge validity, expiry and extensions against the real day, so a back-dated attempt (the
    tracking demo's history) gets alerts that meet their rules on the day it is done."""
    return max(context.anchor.date(), timezone.localdate())


def subject_name(traveller: Traveller) -> str:
    """An alert's subject as an issuing authority writes it: "SURNAMES, GIVEN NAMES"."""
    return f"{traveller.surnames}, {traveller.given_names}".upper()


def plan_person_alert(
    plan: ScenarioPlan,
    *,
    name: str,
    category: str,
    traveller: Traveller,
    issuing_country: str,
    valid_from: dt.date,
    valid_until: dt.date,
    person: Ref | None = None,
    written_name: str | None = None,
    written_birth_date: dt.date | None = None,
    national_id: str = "",
    nationality: str | None = None,
    legal_reference: str,
    review_due: dt.date | None = None,
    status: str = "ACTIVE",
    created_at: dt.datetime | None = None,
) -> Ref:
    """An alert on a person, active and shared with every OCAM member unless told otherwise;
    `written_name` and `written_birth_date`, as the issuing authority wrote them when they differ
    from the traveller's own."""
    kind = AlertCategory.objects.get(code=category)
    born = written_birth_date or traveller.birth_date
    return plan.add(
        name,
        Alert,
        category_id=category,
        subject_kind="PERSON",
        person_uid=person,
        subject_name=written_name or subject_name(traveller),
        subject_birth_date=born,
        subject_nationality_id=nationality or traveller.nationality,
        subject_national_id=national_id,
        birth_key=birth_key(born),
        document_number="",
        document_issuing_state_id=None,
        issuing_country_id=issuing_country,
        action=kind.default_action,
        legal_reference=legal_reference,
        valid_from=valid_from,
        valid_until=valid_until,
        review_due=review_due or min(valid_until, valid_from + dt.timedelta(days=90)),
        status=status,
        sharing_scope="OCAM_ALL",
        shared_with=[],
        sensitivity=kind.sensitivity,
        is_training_inflated=False,
        created_by=None,
        created_at=created_at,
    )


def alert_changes(context: CheckContext, alert_uid: int) -> list[AlertChange]:
    """The changes recorded on an alert of the scenario in the learner's view, oldest first."""
    return list(
        AlertChange.objects.visible_to(context.sandbox).filter(alert_uid=alert_uid).order_by("occurred_at", "uid")
    )


def alert_now(context: CheckContext, alert_uid: int) -> Alert | None:
    """The alert as the learner's view holds it now; None when the learner deleted it."""
    return Alert.objects.visible_to(context.sandbox).filter(uid=alert_uid).select_related("category").first()


def hits_of(context: CheckContext, movement: Movement) -> list[AlertHit]:
    """The hits the learner's screening linked to a movement they registered."""
    return list(AlertHit.objects.visible_to(context.sandbox).filter(movement_uid=movement.uid))


def legal_reference(rng: random.Random, country: str, year: int, prefix: str) -> str:
    """A file or court-order number, as the brief names it and the alert's legal basis carries it."""
    return f"{prefix}-{country}-{year}-{rng.randint(1000, 99999):05d}"
