"""The primary line with a hit: refer, do not admit (no DOMAIN.md 5c number; listed after #5).

Travellers (`travellers`, 3 to 6) arrive at the exercise's post (`crossing_point`), each on file
with the passport they present. The learner reads each one's document, screens them and decides.
One is the subject of a blocking alert (an entry ban of the post's country, or another member's
arrest warrant shared with all): the screening shows a HIT, and the officer refers them to the
secondary line (REFERRED, reason SCREENING_HIT) with the hits attached to the movement; the
primary line neither admits nor refuses them. Another is the subject of a discreet-check alert:
the screening shows a hit too, but its action is to record and report discreetly, and the
traveller is admitted. The rest are clean and admitted.

Graded on the movements the learner registered on the scenario's people: one each, the hit
traveller referred with the reason and the hits attached (admitting them is critical), the
others admitted (referring or refusing them is over-referral).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from sandbox.exercises.base import (
    BuildContext,
    CheckContext,
    CheckResult,
    ExerciseType,
    Finding,
    ScenarioPlan,
    coded,
    score_from,
)
from sandbox.exercises.people import traveller_draw
from sandbox.exercises.registry import register
from sandbox.exercises.types.alerting import hits_of, legal_reference, plan_person_alert
from sandbox.exercises.types.common import (
    OCAM_NATIONALITIES,
    crossing_point_check,
    crossing_point_get,
    local_now,
    plan_traveller_on_file,
    standard_stay,
    traveller_movements,
    visitor_nationality,
)
from sandbox.models import IcaoCountry, Movement

TRAVELLERS = (3, 6)


@register
class PrimaryReferral(ExerciseType):
    slug = "primary_referral"
    domain_number = None
    follows = 5
    role = "border_officer"
    title = _("Screen travellers at the primary line: refer a hit")
    summary = _(
        "Several travellers arrive at the post: screen each one before deciding, refer to the secondary line the "
        "one whose screening shows a blocking hit, and admit the others, a discreet check included."
    )
    parameters = ("crossing_point", "travellers")
    brief_template = "sandbox/exercises/brief_primary_referral.html"
    messages = {
        "primary.missing": (
            _("Traveller not registered"),
            _("No movement of %(traveller)s was registered in your sandbox for this exercise."),
        ),
        "primary.several": (
            _("Traveller registered several times"),
            ngettext_lazy(
                "%(count)s movement was registered for %(traveller)s; one was expected.",
                "%(count)s movements were registered for %(traveller)s; one was expected.",
                "count",
            ),
        ),
        "primary.hit_admitted": (
            _("Traveller with a hit admitted"),
            _(
                "%(traveller)s was admitted although their screening showed a hit on an alert that forbids the "
                "crossing: refer them to the secondary line (%(expected)s)."
            ),
        ),
        "primary.hit_refused": (
            _("Hit decided at the primary line"),
            _(
                "%(traveller)s was %(found)s at the primary line; a hit is confirmed or cleared at the secondary "
                "line: refer them (%(expected)s)."
            ),
        ),
        "primary.hit_reason": (
            _("Wrong reason for the referral"),
            _("The reason recorded for %(traveller)s is %(found)s; they are referred for the hit: %(expected)s."),
        ),
        "primary.hits_not_attached": (
            _("Hit not attached to the referral"),
            _(
                "The referral of %(traveller)s carries no hit: screen the traveller before deciding, so that the "
                "secondary officer finds the hit with the movement."
            ),
        ),
        "primary.over_referral": (
            _("Traveller held without cause"),
            _(
                "%(traveller)s was %(found)s; nothing forbids their crossing (a discreet check is recorded and "
                "reported, not shown to the traveller): %(expected)s."
            ),
        ),
        "primary.crossing_point": (
            _("Wrong crossing point"),
            _("%(traveller)s was registered at %(found)s; they presented themselves at %(expected)s."),
        ),
    }

    def parameter_defaults(self) -> dict[str, Any]:
        return {"crossing_point": "CR-PBL", "travellers": 4}

    def parameters_validate(self, values: dict[str, Any], errors: dict[str, list[str]]) -> None:
        crossing_point_check(values.get("crossing_point"), errors, kinds=("LAND", "AIR"))
        try:
            count = int(values.get("travellers"))
        except (TypeError, ValueError):
            count = 0
        if not TRAVELLERS[0] <= count <= TRAVELLERS[1]:
            errors.setdefault("travellers", []).append(
                str(_("Between %(low)s and %(high)s travellers.") % {"low": TRAVELLERS[0], "high": TRAVELLERS[1]})
            )
        else:
            values["travellers"] = count

    def build(self, context: BuildContext) -> ScenarioPlan:
        rng = context.rng
        point = crossing_point_get(context.parameters["crossing_point"])
        country = point.country_id
        now = local_now(point, context.anchor).replace(second=0, microsecond=0)
        today = now.date()
        count = int(context.parameters["travellers"])
        roles = ["blocking", "discreet"] + ["clean"] * (count - 2)
        rng.shuffle(roles)
        plan = ScenarioPlan()
        briefs, expected = [], []
        for index, role in enumerate(roles):
            name = f"traveller_{index}"
            traveller = traveller_draw(rng, nationality=visitor_nationality(rng, point), on=today)
            person, _passport, _number, mrz, _expires = plan_traveller_on_file(
                plan, rng, traveller, name=name, today=today
            )
            alert = None
            if role != "clean":
                if role == "discreet":
                    category, issuer = "DISCREET_CHECK", rng.choice(OCAM_NATIONALITIES)
                elif rng.random() < 0.5:
                    category, issuer = "ENTRY_BAN", country
                else:
                    category = "WANTED"
                    issuer = rng.choice([code for code in OCAM_NATIONALITIES if code != country])
                valid_from = today - dt.timedelta(days=rng.randint(20, 200))
                alert = plan_person_alert(
                    plan,
                    name=f"{name}_alert",
                    category=category,
                    traveller=traveller,
                    person=person,
                    issuing_country=issuer,
                    valid_from=valid_from,
                    valid_until=valid_from + dt.timedelta(days=365),
                    legal_reference=legal_reference(rng, issuer, valid_from.year, "EXP"),
                )
            arrives = now - dt.timedelta(minutes=5 * (len(roles) - index) + rng.randint(0, 4))
            briefs.append(
                {
                    "name": traveller.full_name,
                    "nationality": traveller.nationality,
                    "arrives_at": arrives.isoformat(),
                    "mrz": mrz,
                    "stay": standard_stay(point, traveller.nationality),
                }
            )
            expected.append({"role": role, "name": traveller.full_name, "person": person, "alert": alert})
        plan.brief = {"crossing_point": point.code, "mode": point.kind, "travellers": briefs}
        plan.expected = {"crossing_point": point.code, "travellers": expected}
        return plan

    def check(self, context: CheckContext) -> CheckResult:
        criteria: list[tuple[int, Finding | None]] = []
        for entry in context.expected["travellers"]:
            criteria.extend(_traveller_criteria(context, entry))
        return score_from(criteria)

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        travellers = brief["travellers"]
        states = IcaoCountry.objects.in_bulk({traveller["nationality"] for traveller in travellers})
        return {
            "point": crossing_point_get(brief["crossing_point"]),
            "travellers": [
                {
                    **traveller,
                    "nationality_name": getattr(states.get(traveller["nationality"]), "name", traveller["nationality"]),
                    "arrives_at": dt.datetime.fromisoformat(traveller["arrives_at"]),
                }
                for traveller in travellers
            ],
        }


def _blocking_criteria(context: CheckContext, entry: dict[str, Any], movement: Movement) -> list:
    who = {"traveller": entry["name"]}
    referred = coded("decision", "REFERRED")
    decision: Finding | None = None
    if movement.decision == "ADMITTED":
        decision = Finding("primary.hit_admitted", {**who, "expected": referred}, critical=True)
    elif movement.decision != "REFERRED":
        decision = Finding(
            "primary.hit_refused", {**who, "found": coded("decision", movement.decision), "expected": referred}
        )
    reason = None
    attached = None
    if movement.decision == "REFERRED":
        if movement.refusal_code != "SCREENING_HIT":
            reason = Finding(
                "primary.hit_reason",
                {
                    **who,
                    "found": coded("refusal_code", movement.refusal_code),
                    "expected": coded("refusal_code", "SCREENING_HIT"),
                },
            )
        if not any(hit.alert_uid == entry["alert"] for hit in hits_of(context, movement)):
            attached = Finding("primary.hits_not_attached", who)
    return [(4, decision), (1, reason), (2, attached)]


def _traveller_criteria(context: CheckContext, entry: dict[str, Any]) -> list[tuple[int, Finding | None]]:
    who = {"traveller": entry["name"]}
    movements, _duplicated = traveller_movements(context, entry["person"])
    if not movements:
        return [(4, Finding("primary.missing", who))]
    movement = movements[-1]
    post = context.expected["crossing_point"]
    criteria: list[tuple[int, Finding | None]] = [
        (1, None if len(movements) == 1 else Finding("primary.several", {**who, "count": len(movements)})),
        (
            1,
            None
            if movement.crossing_point_id == post
            else Finding(
                "primary.crossing_point",
                {
                    **who,
                    "found": coded("crossing_point", movement.crossing_point_id),
                    "expected": coded("crossing_point", post),
                },
            ),
        ),
    ]
    if entry["role"] == "blocking":
        return criteria + _blocking_criteria(context, entry, movement)
    over = (
        None
        if movement.decision == "ADMITTED"
        else Finding(
            "primary.over_referral",
            {**who, "found": coded("decision", movement.decision), "expected": coded("decision", "ADMITTED")},
        )
    )
    return [*criteria, (2, over)]
