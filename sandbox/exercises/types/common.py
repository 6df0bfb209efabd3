"""What the border exercises share: the post a scenario happens at, a traveller on file with a
passport and past trips, and the movements the learner registered on a scenario."""

from __future__ import annotations

import datetime as dt
import functools
import random
import zoneinfo
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from sandbox.exercises.base import CheckContext, Ref, ScenarioPlan
from sandbox.exercises.people import Traveller, passport_mrz, passport_number
from sandbox.generation.calibration import AUTHORISED_STAY_DAYS, CA4_STAY_DAYS
from sandbox.models import CrossingPoint, Document, Movement, Person
from sandbox.mrz import mrz_name
from sandbox.services import age_group

OCAM_NATIONALITIES = ("GTM", "SLV", "HND", "NIC", "CRI", "PAN", "BLZ", "DOM")
# The CA-4 states, whose nationals cross the borders between them with their identity card.
CA4_NATIONALITIES = ("GTM", "SLV", "HND", "NIC")
# A post's visitors come from across the border; an airport's, from anywhere in the region.
VISITOR_PURPOSES = ("TOURISM", "FAMILY", "BUSINESS")


@functools.cache
def _crossing_points() -> dict[str, CrossingPoint]:
    return {point.code: point for point in CrossingPoint.objects.select_related("country", "neighbour")}


def crossing_point_get(code: str) -> CrossingPoint | None:
    """A crossing point of the catalogue (reference data, read once per process and again after
    each reference sync, which clears this cache: `crossing_points_forget`)."""
    point = _crossing_points().get(code)
    if point is None and code:
        _crossing_points.cache_clear()  # a post added since this process read the catalogue
        point = _crossing_points().get(code)
    return point


def crossing_points_all() -> list[CrossingPoint]:
    """Every crossing point of the catalogue, by code (the same per-process copy)."""
    return sorted(_crossing_points().values(), key=lambda point: point.code)


def crossing_points_forget() -> None:
    _crossing_points.cache_clear()


def crossing_point_check(
    code: Any, errors: dict[str, list[str]], *, kinds: tuple[str, ...], ca4_internal: bool | None = None
) -> CrossingPoint | None:
    """The crossing point of a parameter, or None with a message on the field."""
    point = crossing_point_get(str(code or ""))
    if point is None:
        errors.setdefault("crossing_point", []).append(_("Choose a border crossing point of the catalogue."))
        return None
    if point.kind not in kinds:
        errors.setdefault("crossing_point", []).append(
            _("%(post)s is a %(kind)s post: this exercise needs a %(kinds)s post.")
            % {
                "post": point.name,
                "kind": point.get_kind_display().lower(),
                "kinds": _(" or ").join(str(dict(point._meta.get_field("kind").choices)[k]).lower() for k in kinds),
            }
        )
        return None
    if ca4_internal is True and not point.is_ca4_internal:
        errors.setdefault("crossing_point", []).append(
            _("%(post)s is not on a border between CA-4 states: this exercise needs one.") % {"post": point.name}
        )
        return None
    if ca4_internal is False and point.is_ca4_internal:
        errors.setdefault("crossing_point", []).append(
            _("%(post)s is on a border between CA-4 states: this exercise needs a post outside CA-4.")
            % {"post": point.name}
        )
        return None
    return point


def post_zone(point: CrossingPoint) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(point.country.time_zone or "UTC")


def local_now(point: CrossingPoint, anchor: dt.datetime) -> dt.datetime:
    return anchor.astimezone(post_zone(point))


def visitor_nationality(rng: random.Random, point: CrossingPoint) -> str:
    if point.neighbour_id and point.neighbour_id in OCAM_NATIONALITIES:
        return point.neighbour_id
    return rng.choice([code for code in OCAM_NATIONALITIES if code != point.country_id])


def standard_stay(point: CrossingPoint, nationality: str) -> int:
    """The stay a visitor is granted at the post: 90 days between CA-4 states, else the country's."""
    if point.is_ca4_internal:
        return CA4_STAY_DAYS
    return AUTHORISED_STAY_DAYS.get(point.country_id, 90)


def plan_traveller_on_file(
    plan: ScenarioPlan,
    rng: random.Random,
    traveller: Traveller,
    *,
    name: str,
    today: dt.date,
    passport_years_left: int = 4,
    **person_fields: Any,
) -> tuple[Ref, Ref, str, str, dt.date]:
    """The traveller as the platform already holds them: person (with `person_fields` beside
    the traveller's own, a national ID say) and passport.
    Returns the person and passport refs, the passport number, its MRZ and its expiry date."""
    person = plan.add(name, Person, **traveller.person_fields(), **person_fields)
    number = passport_number(rng)
    expires = today + dt.timedelta(days=365 * passport_years_left + rng.randint(10, 300))
    mrz = passport_mrz(traveller, number=number, expires_on=expires)
    passport = plan.add(
        f"{name}_passport",
        Document,
        person_uid=person,
        document_type_id="P",
        number=number,
        issuing_state_id=traveller.nationality,
        issued_on=expires - dt.timedelta(days=365 * 10),
        expires_on=expires,
        mrz=mrz,
    )
    return person, passport, number, mrz, expires


def plan_movement(
    plan: ScenarioPlan,
    *,
    name: str,
    traveller: Traveller,
    person: Ref,
    document: Ref,
    point: CrossingPoint,
    local: dt.datetime,
    direction: str,
    purpose: str | None = "TOURISM",
    stay_days: int | None = None,
    closes: Ref | None = None,
    decision: str = "ADMITTED",
    refusal_code: str = "",
    screening_result: str = "NO_HIT",
) -> Ref:
    """A past movement of the traveller at `point`, at the post's local time `local` (admitted
    after no hit, unless told otherwise)."""
    return plan.add(
        name,
        Movement,
        person_uid=person,
        document_uid=document,
        direction=direction,
        crossing_point_id=point.code,
        occurred_at=local.astimezone(dt.UTC),
        local_date=local.date(),
        transport_mode=point.kind,
        purpose_id=purpose,
        other_country_id=point.neighbour_id,
        authorised_stay_days=stay_days if direction == "ENTRY" else None,
        decision=decision,
        refusal_code=refusal_code,
        screening_result=screening_result,
        capture_source="MRZ_SCAN",
        is_ca4_simplified=False,
        closes_entry_uid=closes,
        nationality_id=traveller.nationality,
        sex=traveller.sex,
        age_group=age_group(birth_date=traveller.birth_date, on=local.date()),
    )


def learner_movements(context: CheckContext) -> QuerySet[Movement]:
    """The movements of the learner's view on this scenario that its builder did not write:
    what the learner registered, oldest first."""
    planned = set(context.records.values())
    return (
        Movement.objects.scenario_of(context.sandbox, context.attempt.pk)
        .exclude(uid__in=planned)
        .select_related("crossing_point__country")
        .order_by("occurred_at", "uid")
    )


def learner_people(context: CheckContext) -> QuerySet[Person]:
    """People of the learner's view on this scenario that its builder did not write (duplicates)."""
    planned = set(context.records.values())
    return Person.objects.scenario_of(context.sandbox, context.attempt.pk).exclude(uid__in=planned)


def _name_as_printed(person: Person) -> str:
    # As an identity card's 30 characters print it: a name read from a card's MRZ is cut there.
    return mrz_name(f"{person.surname_1} {person.surname_2}".strip(), person.given_names, 30)


def person_duplicates(context: CheckContext, person_uid: int) -> list[int]:
    """People the learner created with the identity of the scenario's person `person_uid` (the
    same date of birth, and the same name as a card's MRZ prints it): a second record, made from a
    document the platform did not find (a mistyped number), on this scenario or outside any."""
    person = Person.objects.visible_to(context.sandbox).filter(uid=person_uid).first()
    if person is None:
        return []
    name = _name_as_printed(person)
    candidates = (
        Person.objects.layer_of(context.sandbox)
        .filter(is_deleted=False, birth_date=person.birth_date)
        .filter(Q(scenario=context.attempt.pk) | Q(scenario__isnull=True))
        .exclude(uid__in=set(context.records.values()))
    )
    return [candidate.uid for candidate in candidates if _name_as_printed(candidate) == name]


def traveller_movements(context: CheckContext, person_uid: int) -> tuple[list[Movement], bool]:
    """The movements the learner registered for the scenario's person, oldest first: on their
    record (which only this scenario has) or on a duplicate the learner created; and whether
    there is such a duplicate."""
    duplicates = person_duplicates(context, person_uid)
    movements = (
        Movement.objects.visible_to(context.sandbox)
        .filter(person_uid__in=[person_uid, *duplicates])
        .exclude(uid__in=set(context.records.values()))
        .select_related("crossing_point__country")
        .order_by("occurred_at", "uid")
    )
    return list(movements), bool(duplicates)
