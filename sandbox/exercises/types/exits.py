"""Register an exit that closes the right entry, and flag an overstay (no DOMAIN.md 5c number;
listed after #3).

A visitor on file leaves today at the exercise's post (`crossing_point`, land or air). Their
record holds past trips through the post's country: an old round trip, an old entry whose exit
was never recorded (a record gap: it stays open) and the entry of the current stay, the latest.
The brief gives the passport's MRZ and the time of departure; the learner finds the traveller's
open entries on the person's page and registers the exit for the current one.

Whether the authorised stay of the current entry has run out is drawn from the seed, half the
scenarios each way: an overstay is an exit more than `authorised_stay_days` days after the
entry's date, as the baseline counts it. `difficulty` sets how plain the scenario is:

- standard: the current entry is at the same post, and the stay ran out weeks ago or has weeks
  left;
- hard: a round trip between the record gap and the current entry, the current entry at another
  post of the country when it has one (arrived by air, leaving by land, say), and the stay ending
  within three days of today, either side.

A correct solution is one admitted exit at the post, on the person on file, closing the current
entry (not the record gap), with the overstay flag set exactly when the stay has run out.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from sandbox.exercises.base import (
    DIFFICULTIES,
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
from sandbox.exercises.people import traveller_draw
from sandbox.exercises.registry import register
from sandbox.exercises.types.common import (
    VISITOR_PURPOSES,
    crossing_point_check,
    crossing_point_get,
    crossing_points_all,
    local_now,
    plan_movement,
    plan_traveller_on_file,
    standard_stay,
    traveller_movements,
    visitor_nationality,
)
from sandbox.models import CrossingPoint, IcaoCountry, Movement


def _entry_post(rng: random.Random, point: CrossingPoint, *, hard: bool) -> CrossingPoint:
    """Where the current stay began: the post itself, or (hard) another post of its country."""
    if not hard:
        return point
    others = [
        post
        for post in crossing_points_all()
        if post.country_id == point.country_id and post.kind in ("LAND", "AIR") and post.code != point.code
    ]
    return rng.choice(others) if others else point


def _days_since_entry(rng: random.Random, stay: int, *, overstay: bool, hard: bool) -> int:
    """Days from the current entry's date to today: over `stay` exactly when it is an overstay."""
    if hard:
        return stay + rng.randint(1, 3) if overstay else stay - rng.randint(0, 2)
    return stay + rng.randint(15, 60) if overstay else rng.randint(3, max(3, stay - 15))


def _at(now: dt.datetime, days_ago: int, rng: random.Random) -> dt.datetime:
    return (now - dt.timedelta(days=days_ago)).replace(
        hour=rng.randint(6, 18), minute=rng.randint(0, 59), second=0, microsecond=0
    )


@register
class ExitClosure(ExerciseType):
    slug = "exit_closure"
    domain_number = None
    follows = 3
    role = "border_officer"
    title = _("Register an exit: close the right entry, flag an overstay")
    summary = _(
        "A visitor on file leaves the country: register the exit on the entry of their current stay, "
        "not on an old entry left open, and flag it as an overstay when their authorised stay has run out."
    )
    parameters = ("crossing_point", "difficulty")
    brief_template = "sandbox/exercises/brief_exit_closure.html"
    messages = {
        "exit.missing": (
            _("No exit registered"),
            _("No exit of %(traveller)s was registered in your sandbox for this exercise."),
        ),
        "exit.several": (
            _("Several movements registered"),
            ngettext_lazy(
                "%(count)s movement was registered for %(traveller)s; one exit was expected.",
                "%(count)s movements were registered for %(traveller)s; one exit was expected.",
                "count",
            ),
        ),
        "exit.direction": (
            _("Wrong direction"),
            _("The movement was registered as %(found)s; the traveller was leaving (%(expected)s)."),
        ),
        "exit.crossing_point": (
            _("Wrong crossing point"),
            _("The exit was registered at %(found)s; the traveller left at %(expected)s."),
        ),
        "exit.decision": (
            _("Exit not admitted"),
            _(
                "The decision recorded is %(found)s; nothing prevents this traveller from leaving, even after an "
                "overstay: %(expected)s."
            ),
        ),
        "exit.closes": (
            _("Wrong entry closed"),
            _(
                "The exit closes the entry of %(found)s; it must close the entry of the current stay, of "
                "%(expected)s. An older entry left open is a record gap, not the stay that ends today."
            ),
        ),
        "exit.closes_nothing": (
            _("No entry closed"),
            _(
                "The exit closes no entry; it must close the entry of the current stay, of %(expected)s: only an "
                "admitted exit ends a stay."
            ),
        ),
        "exit.overstay_missed": (
            _("Overstay not flagged"),
            ngettext_lazy(
                "The exit is not flagged as an overstay; the traveller entered on %(entered)s with an authorised "
                "stay of %(stay)s day, which ran out on %(until)s.",
                "The exit is not flagged as an overstay; the traveller entered on %(entered)s with an authorised "
                "stay of %(stay)s days, which ran out on %(until)s.",
                "stay",
            ),
        ),
        "exit.overstay_wrong": (
            _("Overstay flagged wrongly"),
            ngettext_lazy(
                "The exit is flagged as an overstay; the traveller entered on %(entered)s with an authorised stay "
                "of %(stay)s day, until %(until)s: they leave within it.",
                "The exit is flagged as an overstay; the traveller entered on %(entered)s with an authorised stay "
                "of %(stay)s days, until %(until)s: they leave within it.",
                "stay",
            ),
        ),
        "exit.duplicate_person": (
            _("Duplicate person created"),
            _(
                "A second person record was created for %(traveller)s; the exit must be registered on the "
                "person already on file, from the passport they present."
            ),
        ),
    }

    def parameter_defaults(self) -> dict[str, Any]:
        return {"crossing_point": "CR-PBL", "difficulty": "standard"}

    def parameters_validate(self, values: dict[str, Any], errors: dict[str, list[str]]) -> None:
        crossing_point_check(values.get("crossing_point"), errors, kinds=("LAND", "AIR"))
        if values.get("difficulty") not in dict(DIFFICULTIES):
            errors.setdefault("difficulty", []).append(str(_("Choose a difficulty of the list.")))

    def build(self, context: BuildContext) -> ScenarioPlan:
        rng = context.rng
        hard = context.parameters.get("difficulty") == "hard"
        point = crossing_point_get(context.parameters["crossing_point"])
        now = local_now(point, context.anchor).replace(second=0, microsecond=0)
        traveller = traveller_draw(rng, nationality=visitor_nationality(rng, point), on=now.date())
        plan = ScenarioPlan()
        person, passport, number, mrz, _expires = plan_traveller_on_file(
            plan, rng, traveller, name="traveller", today=now.date()
        )
        entry_post = _entry_post(rng, point, hard=hard)
        stay = standard_stay(entry_post, traveller.nationality)
        is_overstay = rng.random() < 0.5
        current_days = _days_since_entry(rng, stay, overstay=is_overstay, hard=hard)
        gap_days = current_days + rng.randint(80, 250)
        old_days = gap_days + rng.randint(90, 300)

        def trip(name: str, post: CrossingPoint, days_ago: int, length: int | None) -> Ref:
            entered = _at(now, days_ago, rng)
            entry = plan_movement(
                plan,
                name=f"{name}_entry",
                traveller=traveller,
                person=person,
                document=passport,
                point=post,
                local=entered,
                direction="ENTRY",
                purpose=rng.choice(VISITOR_PURPOSES),
                stay_days=standard_stay(post, traveller.nationality),
            )
            if length is not None:
                plan_movement(
                    plan,
                    name=f"{name}_exit",
                    traveller=traveller,
                    person=person,
                    document=passport,
                    point=post,
                    local=_at(now, days_ago - length, rng),
                    direction="EXIT",
                    purpose=None,
                    closes=entry,
                )
            return entry

        trip("old", point, old_days, rng.randint(3, 20))
        gap = trip("gap", point, gap_days, None)
        if hard:
            trip("recent", point, current_days + rng.randint(25, 60), rng.randint(2, 12))
        current = trip("current", entry_post, current_days, None)
        entered_on = now.date() - dt.timedelta(days=current_days)
        plan.brief = {
            "traveller": traveller.full_name,
            "nationality": traveller.nationality,
            "crossing_point": point.code,
            "mode": point.kind,
            "going_to": point.neighbour_id if point.kind == "LAND" else None,
            "leaves_at": now.isoformat(),
            "mrz": mrz,
        }
        plan.expected = {
            "person": person,
            "document_number": number,
            "crossing_point": point.code,
            "entry": current,
            "gap": gap,
            "entered_on": entered_on.isoformat(),
            "stay": stay,
            "until": (entered_on + dt.timedelta(days=stay)).isoformat(),
            "is_overstay": is_overstay,
        }
        return plan

    def check(self, context: CheckContext) -> CheckResult:
        expected = context.expected
        traveller = context.attempt.brief["traveller"]
        movements, duplicated = traveller_movements(context, expected["person"])
        if not movements:
            return score_from([(1, Finding("exit.missing", {"traveller": traveller}, critical=True))])
        closing = [movement for movement in movements if movement.closes_entry_uid == expected["entry"]]
        movement = closing[0] if closing else movements[-1]
        stay = {"entered": coded("date", expected["entered_on"]), "stay": expected["stay"]}
        stay["until"] = coded("date", expected["until"])
        criteria: list[tuple[int, Finding | None]] = [
            (
                2,
                None
                if len(movements) == 1
                else Finding("exit.several", {"count": len(movements), "traveller": traveller}),
            ),
            (
                3,
                None
                if movement.direction == "EXIT"
                else Finding(
                    "exit.direction",
                    {"found": coded("direction", movement.direction), "expected": coded("direction", "EXIT")},
                    critical=True,
                ),
            ),
            (
                2,
                None
                if movement.crossing_point_id == expected["crossing_point"]
                else Finding(
                    "exit.crossing_point",
                    {
                        "found": coded("crossing_point", movement.crossing_point_id),
                        "expected": coded("crossing_point", expected["crossing_point"]),
                    },
                ),
            ),
            (
                2,
                None
                if movement.decision == "ADMITTED"
                else Finding(
                    "exit.decision",
                    {"found": coded("decision", movement.decision), "expected": coded("decision", "ADMITTED")},
                ),
            ),
            (3, _closes_finding(context, movement)),
            (3, _overstay_finding(expected, movement, stay)),
            (2, Finding("exit.duplicate_person", {"traveller": traveller}) if duplicated else None),
        ]
        return score_from(criteria)

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        point = crossing_point_get(brief["crossing_point"])
        states = IcaoCountry.objects.in_bulk([code for code in (brief["nationality"], brief["going_to"]) if code])
        return {
            "point": point,
            "nationality_name": getattr(states.get(brief["nationality"]), "name", brief["nationality"]),
            "going_to_name": getattr(states.get(brief["going_to"]), "name", ""),
            "leaves_at": dt.datetime.fromisoformat(brief["leaves_at"]),
        }


def _closes_finding(context: CheckContext, movement: Movement) -> Finding | None:
    expected = context.expected
    if movement.closes_entry_uid == expected["entry"]:
        return None
    closed = (
        Movement.objects.visible_to(context.sandbox).filter(uid=movement.closes_entry_uid).first()
        if movement.closes_entry_uid is not None
        else None
    )
    if closed is None:
        return Finding("exit.closes_nothing", {"expected": coded("date", expected["entered_on"])})
    return Finding(
        "exit.closes",
        {"found": coded("date", closed.local_date.isoformat()), "expected": coded("date", expected["entered_on"])},
    )


def _overstay_finding(expected: dict[str, Any], movement: Movement, stay: dict[str, Any]) -> Finding | None:
    if movement.is_overstay == expected["is_overstay"]:
        return None
    return Finding("exit.overstay_missed" if expected["is_overstay"] else "exit.overstay_wrong", stay)
