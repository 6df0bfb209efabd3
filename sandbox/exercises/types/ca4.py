"""#3 CA-4 decisions: who may cross with a national identity card (DOMAIN.md 2.7 and 5c).

Three CA-4 nationals, each on file with the identity card they present (TD1), arrive in the
brief's order, which the seed shuffles:

- an adult at the CA-4 internal land post of the exercise (`crossing_point`): the card is
  enough, they are ADMITTED;
- a minor (13 to 16) at the same post with the card only: minors need a passport even within
  CA-4, they are REFUSED or REFERRED with the reason PASSPORT_REQUIRED;
- an adult at a second post of the same country that is not on a CA-4 internal border (a land
  post towards Mexico or Belize, else the country's airport; the brief names it): the card is
  not accepted there, they are REFUSED with the reason DOCUMENT_NOT_ACCEPTED_HERE.

The right reason is graded on the movement's reason code (`Movement.refusal_code`, the movement
form's list), never on the officer's free text, which stays theirs to write. The platform itself
refuses to admit a card outside CA-4 or for a minor, so the mistakes the screens allow are a
refused adult, a wrong decision or reason, the wrong post, a traveller missing or registered
twice, the wrong direction and a second person made from a mistyped card. Purpose and stay are
not graded here (#1 grades them). A check grades each traveller's latest movement; admitting a
traveller who must be refused is critical.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from sandbox.exercises.base import (
    BuildContext,
    CheckContext,
    CheckResult,
    ExerciseType,
    Finding,
    Ref,
    ScenarioPlan,
    coded,
    score_from,
)
from sandbox.exercises.people import Traveller, card_mrz, card_number, traveller_draw
from sandbox.exercises.registry import register
from sandbox.exercises.types.common import (
    CA4_NATIONALITIES,
    crossing_point_check,
    crossing_point_get,
    crossing_points_all,
    local_now,
    traveller_movements,
    visitor_nationality,
)
from sandbox.models import CrossingPoint, Document, IcaoCountry, Movement, Person

# Each traveller weighs the same: (criterion, weight); a traveller not registered loses them all.
WEIGHTS = {"several": 2, "direction": 1, "crossing_point": 2, "decision": 3, "reason": 1, "duplicate": 1}
TRAVELLER_WEIGHT = sum(WEIGHTS.values())


def _plan_card_holder(
    plan: ScenarioPlan, rng: random.Random, traveller: Traveller, *, name: str, today: dt.date, is_minor: bool
) -> tuple[Ref, Ref, str]:
    """The traveller on file with their national identity card: person, card and its MRZ."""
    number = card_number(rng)
    issued = today - dt.timedelta(days=rng.randint(60, 900))
    expires = issued + dt.timedelta(days=365 * (5 if is_minor else 10))
    person = plan.add(
        name,
        Person,
        **traveller.person_fields(),
        national_id_number=number,
        national_id_country_id=traveller.nationality,
        sensitivity="MINOR" if is_minor else "NORMAL",
    )
    mrz = card_mrz(traveller, number=number, expires_on=expires)
    card = plan.add(
        f"{name}_card",
        Document,
        person_uid=person,
        document_type_id="ID",
        number=number,
        issuing_state_id=traveller.nationality,
        issued_on=issued,
        expires_on=expires,
        mrz=mrz,
    )
    return person, card, mrz


def elsewhere_post(rng: random.Random, point: CrossingPoint) -> CrossingPoint:
    """A post of the same country off the CA-4 internal borders: a land post if it has one,
    else an airport; another CA-4 state's when it has neither."""
    posts = [post for post in crossing_points_all() if not post.is_ca4_internal and post.kind in ("LAND", "AIR")]
    own = [post for post in posts if post.country_id == point.country_id]
    pool = [post for post in own if post.kind == "LAND"] or own
    if not pool:
        pool = [post for post in posts if post.country_id in CA4_NATIONALITIES]
    return rng.choice(pool)


def _arrival(point: CrossingPoint, anchor: dt.datetime, minutes_ago: int) -> dt.datetime:
    return (local_now(point, anchor) - dt.timedelta(minutes=minutes_ago)).replace(second=0, microsecond=0)


@register
class Ca4Decisions(ExerciseType):
    slug = "ca4_decisions"
    domain_number = 3
    role = "border_officer"
    title = _("CA-4 crossings: decide on identity cards")
    summary = _(
        "Three CA-4 nationals present their national identity card: admit who may cross with it, "
        "and refuse or refer the others with the right reason."
    )
    parameters = ("crossing_point",)
    brief_template = "sandbox/exercises/brief_ca4_decisions.html"
    messages = {
        "ca4.missing": (
            _("Traveller not registered"),
            _("No movement of %(traveller)s was registered in your sandbox for this exercise."),
        ),
        "ca4.several": (
            _("Traveller registered several times"),
            ngettext_lazy(
                "%(count)s movement was registered for %(traveller)s; one was expected.",
                "%(count)s movements were registered for %(traveller)s; one was expected.",
                "count",
            ),
        ),
        "ca4.direction": (
            _("Wrong direction"),
            _("The movement of %(traveller)s was registered as %(found)s; they were arriving (%(expected)s)."),
        ),
        "ca4.crossing_point": (
            _("Wrong crossing point"),
            _("%(traveller)s was registered at %(found)s; they presented themselves at %(expected)s."),
        ),
        "ca4.adult_decision": (
            _("Adult CA-4 national not admitted"),
            _(
                "The decision recorded for %(traveller)s is %(found)s; an adult CA-4 national may cross a "
                "border between CA-4 states with their national identity card: %(expected)s."
            ),
        ),
        "ca4.minor_decision": (
            _("Minor with an identity card admitted"),
            _(
                "The decision recorded for %(traveller)s is %(found)s; a minor needs a passport, even within "
                "CA-4: with an identity card only, they are refused or referred."
            ),
        ),
        "ca4.elsewhere_decision": (
            _("Identity card accepted outside CA-4"),
            _(
                "The decision recorded for %(traveller)s at %(post)s is %(found)s; an identity card is accepted "
                "only at crossings between CA-4 states: there, the traveller is refused."
            ),
        ),
        "ca4.reason": (
            _("Wrong or missing reason"),
            _("The reason recorded for %(traveller)s is %(found)s; the reason is: %(expected)s."),
        ),
        "ca4.duplicate_person": (
            _("Duplicate person created"),
            _(
                "A second person record was created for %(traveller)s; register the movement on the person "
                "already on file, from the identity card they present."
            ),
        ),
    }

    def parameter_defaults(self) -> dict[str, Any]:
        return {"crossing_point": "GT-VNU"}

    def parameters_validate(self, values: dict[str, Any], errors: dict[str, list[str]]) -> None:
        crossing_point_check(values.get("crossing_point"), errors, kinds=("LAND",), ca4_internal=True)

    def build(self, context: BuildContext) -> ScenarioPlan:
        rng = context.rng
        point = crossing_point_get(context.parameters["crossing_point"])
        other = elsewhere_post(rng, point)
        today = local_now(point, context.anchor).date()
        nationality = visitor_nationality(rng, point)
        adult = traveller_draw(rng, nationality=nationality, on=today)
        minor = traveller_draw(rng, nationality=nationality, on=today, age=(13, 16))
        elsewhere = traveller_draw(
            rng, nationality=rng.choice([code for code in CA4_NATIONALITIES if code != other.country_id]), on=today
        )
        plan = ScenarioPlan()
        cast = (
            ("adult", adult, point, ["ADMITTED"], [], rng.randint(20, 50)),
            ("minor", minor, point, ["REFUSED", "REFERRED"], ["PASSPORT_REQUIRED"], rng.randint(5, 19)),
            ("elsewhere", elsewhere, other, ["REFUSED"], ["DOCUMENT_NOT_ACCEPTED_HERE"], rng.randint(5, 50)),
        )
        briefs, expected = [], []
        for role, traveller, post, decisions, reasons, minutes_ago in cast:
            person, card, mrz = _plan_card_holder(
                plan, rng, traveller, name=role, today=today, is_minor=role == "minor"
            )
            briefs.append(
                {
                    "name": traveller.full_name,
                    "nationality": traveller.nationality,
                    "crossing_point": post.code,
                    "mode": post.kind,
                    "coming_from": post.neighbour_id if post.kind == "LAND" else None,
                    "arrives_at": _arrival(post, context.anchor, minutes_ago).isoformat(),
                    "mrz": mrz,
                }
            )
            expected.append(
                {
                    "role": role,
                    "name": traveller.full_name,
                    "person": person,
                    "document": card,
                    "crossing_point": post.code,
                    "decisions": decisions,
                    "reasons": reasons,
                }
            )
        rng.shuffle(briefs)
        plan.brief = {"crossing_point": point.code, "second_point": other.code, "travellers": briefs}
        plan.expected = {"travellers": expected}
        return plan

    def check(self, context: CheckContext) -> CheckResult:
        criteria: list[tuple[int, Finding | None]] = []
        for expected in context.expected["travellers"]:
            criteria.extend(_traveller_criteria(context, expected))
        return score_from(criteria)

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        codes = [brief["crossing_point"], brief["second_point"]]
        points = CrossingPoint.objects.select_related("country").in_bulk(codes)
        travellers = brief["travellers"]
        states = IcaoCountry.objects.in_bulk(
            {t["nationality"] for t in travellers} | {t["coming_from"] for t in travellers if t["coming_from"]}
        )
        return {
            "point": points.get(brief["crossing_point"]),
            "second_point": points.get(brief["second_point"]),
            "travellers": [
                {
                    **traveller,
                    "point": points.get(traveller["crossing_point"]),
                    "nationality_name": getattr(states.get(traveller["nationality"]), "name", traveller["nationality"]),
                    "coming_from_name": getattr(states.get(traveller["coming_from"]), "name", ""),
                    "arrives_at": dt.datetime.fromisoformat(traveller["arrives_at"]),
                }
                for traveller in travellers
            ],
        }


def _decision_finding(expected: dict[str, Any], movement: Movement) -> Finding | None:
    if movement.decision in expected["decisions"]:
        return None
    params: dict[str, Any] = {"traveller": expected["name"], "found": coded("decision", movement.decision)}
    role = expected["role"]
    if role == "adult":
        return Finding("ca4.adult_decision", {**params, "expected": coded("decision", "ADMITTED")})
    critical = movement.decision == "ADMITTED"
    if role == "minor":
        return Finding("ca4.minor_decision", params, critical=critical)
    return Finding(
        "ca4.elsewhere_decision",
        {**params, "post": coded("crossing_point", expected["crossing_point"])},
        critical=critical,
    )


def _reason_finding(expected: dict[str, Any], movement: Movement) -> Finding | None:
    if not expected["reasons"] or movement.decision == "ADMITTED" or movement.refusal_code in expected["reasons"]:
        return None
    return Finding(
        "ca4.reason",
        {
            "traveller": expected["name"],
            "found": coded("refusal_code", movement.refusal_code),
            "expected": coded("refusal_code", expected["reasons"][0]),
        },
    )


def _traveller_criteria(context: CheckContext, expected: dict[str, Any]) -> list[tuple[int, Finding | None]]:
    name = expected["name"]
    movements, duplicated = traveller_movements(context, expected["person"])
    if not movements:
        return [(TRAVELLER_WEIGHT, Finding("ca4.missing", {"traveller": name}))]
    movement = movements[-1]
    return [
        (
            WEIGHTS["several"],
            None if len(movements) == 1 else Finding("ca4.several", {"count": len(movements), "traveller": name}),
        ),
        (
            WEIGHTS["direction"],
            None
            if movement.direction == "ENTRY"
            else Finding(
                "ca4.direction",
                {
                    "traveller": name,
                    "found": coded("direction", movement.direction),
                    "expected": coded("direction", "ENTRY"),
                },
            ),
        ),
        (
            WEIGHTS["crossing_point"],
            None
            if movement.crossing_point_id == expected["crossing_point"]
            else Finding(
                "ca4.crossing_point",
                {
                    "traveller": name,
                    "found": coded("crossing_point", movement.crossing_point_id),
                    "expected": coded("crossing_point", expected["crossing_point"]),
                },
            ),
        ),
        (WEIGHTS["decision"], _decision_finding(expected, movement)),
        (WEIGHTS["reason"], _reason_finding(expected, movement)),
        (WEIGHTS["duplicate"], Finding("ca4.duplicate_person", {"traveller": name}) if duplicated else None),
    ]
