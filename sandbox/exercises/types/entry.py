"""#1 Register an entry at a named crossing point from a traveller's MRZ (DOMAIN.md 5c).

The traveller is on file (a person with the passport they present, and an earlier trip through
the post); they arrive from across the border with a purpose and a stay the brief tells. A
correct solution is one admitted entry at that post, by the post's mode, with that purpose and
the post's standard stay, on the person already on file (no second person).
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
from sandbox.exercises.types.common import (
    VISITOR_PURPOSES,
    crossing_point_check,
    crossing_point_get,
    learner_movements,
    learner_people,
    local_now,
    plan_movement,
    plan_traveller_on_file,
    standard_stay,
    visitor_nationality,
)
from sandbox.models import Person


@register
class EntryRegistration(ExerciseType):
    slug = "entry_registration"
    domain_number = 1
    role = "border_officer"
    title = _("Register an entry from the traveller's MRZ")
    summary = _(
        "A traveller on file arrives at a named crossing point: register the entry with the right "
        "direction, post, mode, purpose, stay and decision, on the person already on file."
    )
    parameters = ("crossing_point",)
    brief_template = "sandbox/exercises/brief_entry_registration.html"
    messages = {
        "entry.missing": (
            _("No entry registered"),
            _("No entry of %(traveller)s was registered in your sandbox for this exercise."),
        ),
        "entry.several": (
            _("Several movements registered"),
            ngettext_lazy(
                "%(count)s movement was registered for %(traveller)s; one entry was expected.",
                "%(count)s movements were registered for %(traveller)s; one entry was expected.",
                "count",
            ),
        ),
        "entry.direction": (
            _("Wrong direction"),
            _("The movement was registered as %(found)s; the traveller was arriving (%(expected)s)."),
        ),
        "entry.crossing_point": (
            _("Wrong crossing point"),
            _("The entry was registered at %(found)s; the traveller arrived at %(expected)s."),
        ),
        "entry.mode": (
            _("Wrong transport mode"),
            _("The entry's transport mode is %(found)s; the traveller came by %(expected)s."),
        ),
        "entry.purpose": (
            _("Wrong purpose of travel"),
            _("The purpose recorded is %(found)s; the traveller's purpose is %(expected)s."),
        ),
        "entry.stay": (
            _("Wrong authorised stay"),
            _("The authorised stay recorded, in days, is %(found)s; the post grants visitors %(expected)s."),
        ),
        "entry.decision": (
            _("Wrong decision"),
            _("The decision recorded is %(found)s; this traveller meets every condition: %(expected)s."),
        ),
        "entry.duplicate_person": (
            _("Duplicate person created"),
            _(
                "A second person record was created for %(traveller)s; the entry must be registered on the "
                "person already on file, from the passport they present."
            ),
        ),
    }

    def parameter_defaults(self) -> dict[str, Any]:
        return {"crossing_point": "CR-PBL"}

    def parameters_validate(self, values: dict[str, Any], errors: dict[str, list[str]]) -> None:
        crossing_point_check(values.get("crossing_point"), errors, kinds=("LAND", "AIR"))

    def build(self, context: BuildContext) -> ScenarioPlan:
        rng = context.rng
        point = crossing_point_get(context.parameters["crossing_point"])
        now = local_now(point, context.anchor)
        traveller = traveller_draw(rng, nationality=visitor_nationality(rng, point), on=now.date())
        plan = ScenarioPlan()
        person, passport, number, mrz, _expires = plan_traveller_on_file(
            plan, rng, traveller, name="traveller", today=now.date()
        )
        # An earlier trip through the same post: the platform knows the traveller.
        days_ago = rng.randint(60, 400)
        went = (now - dt.timedelta(days=days_ago)).replace(hour=rng.randint(7, 17), minute=rng.randint(0, 59))
        entry = plan_movement(
            plan,
            name="earlier_entry",
            traveller=traveller,
            person=person,
            document=passport,
            point=point,
            local=went,
            direction="ENTRY",
            stay_days=standard_stay(point, traveller.nationality),
        )
        plan_movement(
            plan,
            name="earlier_exit",
            traveller=traveller,
            person=person,
            document=passport,
            point=point,
            local=went + dt.timedelta(days=rng.randint(2, 12), hours=rng.randint(1, 5)),
            direction="EXIT",
            purpose=None,
            closes=entry,
        )
        purpose = rng.choice(VISITOR_PURPOSES)
        stay_requested = rng.randint(3, 21)
        plan.brief = {
            "traveller": traveller.full_name,
            "nationality": traveller.nationality,
            "crossing_point": point.code,
            "mode": point.kind,
            "purpose_story": purpose,
            "days_planned": stay_requested,
            "standard_stay": standard_stay(point, traveller.nationality),
            "mrz": mrz,
            "arrives_at": now.replace(second=0, microsecond=0).isoformat(),
        }
        plan.expected = {
            "person": person,
            "document_number": number,
            "direction": "ENTRY",
            "crossing_point": point.code,
            "mode": point.kind,
            "purpose": purpose,
            "authorised_stay_days": standard_stay(point, traveller.nationality),
            "decision": "ADMITTED",
        }
        return plan

    def check(self, context: CheckContext) -> CheckResult:
        expected = context.expected
        traveller = context.attempt.brief["traveller"]
        movements = list(learner_movements(context))
        duplicates = learner_people(context).exists() or _duplicate_of(context)
        if not movements:
            return score_from([(1, Finding("entry.missing", {"traveller": traveller}, critical=True))])
        movement = movements[-1]
        criteria: list[tuple[int, Finding | None]] = [
            (
                2,
                None
                if len(movements) == 1
                else Finding("entry.several", {"count": len(movements), "traveller": traveller}),
            ),
            (
                3,
                None
                if movement.direction == expected["direction"]
                else Finding(
                    "entry.direction",
                    {"found": coded("direction", movement.direction), "expected": coded("direction", "ENTRY")},
                    critical=True,
                ),
            ),
            (
                3,
                None
                if movement.crossing_point_id == expected["crossing_point"]
                else Finding(
                    "entry.crossing_point",
                    {
                        "found": coded("crossing_point", movement.crossing_point_id),
                        "expected": coded("crossing_point", expected["crossing_point"]),
                    },
                ),
            ),
            (
                1,
                None
                if movement.transport_mode == expected["mode"]
                else Finding(
                    "entry.mode",
                    {"found": coded("mode", movement.transport_mode), "expected": coded("mode", expected["mode"])},
                ),
            ),
            (
                2,
                None
                if movement.purpose_id == expected["purpose"]
                else Finding(
                    "entry.purpose",
                    {"found": coded("purpose", movement.purpose_id), "expected": coded("purpose", expected["purpose"])},
                ),
            ),
            (
                1,
                None
                if movement.authorised_stay_days == expected["authorised_stay_days"]
                else Finding(
                    "entry.stay",
                    {"found": movement.authorised_stay_days or 0, "expected": expected["authorised_stay_days"]},
                ),
            ),
            (
                3,
                None
                if movement.decision == expected["decision"]
                else Finding(
                    "entry.decision",
                    {"found": coded("decision", movement.decision), "expected": coded("decision", "ADMITTED")},
                    critical=True,
                ),
            ),
            (
                2,
                None
                if movement.person_uid == expected["person"] and not duplicates
                else Finding("entry.duplicate_person", {"traveller": traveller}),
            ),
        ]
        return score_from(criteria)

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        from sandbox.models import IcaoCountry, TravelPurpose

        point = crossing_point_get(brief["crossing_point"])
        purpose = TravelPurpose.objects.filter(code=brief["purpose_story"]).first()
        nationality = IcaoCountry.objects.filter(code=brief["nationality"]).first()
        return {
            "point": point,
            "purpose": purpose,
            "nationality_name": nationality.name if nationality else brief["nationality"],
            "arrives_at": dt.datetime.fromisoformat(brief["arrives_at"]),
        }


def _duplicate_of(context: CheckContext) -> bool:
    """A person the learner added, outside the scenario, with the traveller's identity (a second
    record made from a mistyped document), since the attempt started."""
    traveller = Person.objects.visible_to(context.sandbox).filter(uid=context.expected["person"]).first()
    if traveller is None:
        return False
    return (
        Person.objects.layer_of(context.sandbox)
        .filter(
            is_deleted=False,
            scenario__isnull=True,
            birth_date=traveller.birth_date,
            search_name=traveller.search_name,
        )
        .exists()
    )
