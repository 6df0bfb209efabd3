"""#12 A minor's exit with a stale missing-minor alert (DOMAIN.md 5c).

A national child of 9 leaves the country at the exercise's post (`crossing_point`, La Aurora by
default) with one parent, who presents no exit permit from the other parent. Both are on file
with their passports. The child is the subject of a missing-minor alert of the post's country
(an Alba-Keneth alert, raised during a custody dispute last year): the child was found, the
alert was never lifted, and its review is long overdue; screening the child hits it.

The officer does not decide the alert's fate: they refer the child to the secondary line
(REFERRED, with the reason MINOR_CONSENT or SCREENING_HIT) and ask the alert's owner, the issuing
office, to follow the alert up (`sandbox.alerts.alert_transition`, kind FOLLOW_UP, with the
reason). Only the owner changes an alert's status: the learner neither deletes the alert nor
changes its status, even though it is visibly stale. Admitting the child is critical.
"""

from __future__ import annotations

import dataclasses
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
from sandbox.exercises.types.alerting import alert_changes, alert_now, legal_reference, plan_person_alert
from sandbox.exercises.types.common import (
    crossing_point_check,
    crossing_point_get,
    local_now,
    plan_traveller_on_file,
    traveller_movements,
)
from sandbox.models import IcaoCountry

REFERRAL_REASONS = ("MINOR_CONSENT", "SCREENING_HIT")


@register
class MinorExitStaleAlert(ExerciseType):
    slug = "minor_exit_stale_alert"
    domain_number = 12
    # DOMAIN.md 5c names the primary officer and the alert manager; in the sandbox the learner
    # works the case as the secondary-line officer, who registers the referral and, seeing the
    # alert's details (DOMAIN.md 1.4), asks its owner to follow it up.
    role = "secondary_officer"
    title = _("A minor's exit with a stale alert")
    summary = _(
        "A child leaves the country with one parent and no exit permit, and screening hits an old missing-minor "
        "alert: refer the child, ask the alert's owner to follow it up, and leave the alert to its owner."
    )
    parameters = ("crossing_point",)
    brief_template = "sandbox/exercises/brief_minor_exit_stale_alert.html"
    messages = {
        "minor.missing": (
            _("Child's exit not registered"),
            _("No movement of %(traveller)s was registered in your sandbox for this exercise."),
        ),
        "minor.several": (
            _("Child registered several times"),
            ngettext_lazy(
                "%(count)s movement was registered for %(traveller)s; one was expected.",
                "%(count)s movements were registered for %(traveller)s; one was expected.",
                "count",
            ),
        ),
        "minor.direction": (
            _("Wrong direction"),
            _("The child's movement was registered as %(found)s; the child was leaving (%(expected)s)."),
        ),
        "minor.admitted": (
            _("Child let through"),
            _(
                "The child's exit was admitted: a child leaving with one parent, without an exit permit and with "
                "a missing-minor alert, is referred to the secondary line (%(expected)s)."
            ),
        ),
        "minor.refused": (
            _("Child refused at the primary line"),
            _(
                "The child's exit was %(found)s: at the primary line, a child with a hit and no exit permit is "
                "referred (%(expected)s); the secondary line decides once the alert is clarified."
            ),
        ),
        "minor.reason": (
            _("Wrong reason for the referral"),
            _(
                "The reason recorded is %(found)s; the child is referred for the missing permit or the hit: "
                "%(expected)s."
            ),
        ),
        "minor.no_follow_up": (
            _("No follow-up requested"),
            _(
                "No follow-up was requested from the alert's owner: a stale alert is reported to the office that "
                "issued it, with what you saw, so that it can lift it."
            ),
        ),
        "minor.alert_changed": (
            _("Alert changed at the border"),
            _(
                "The alert was changed at the border (%(found)s): only the office that issued it changes its "
                "status. Ask it to follow the alert up instead."
            ),
        ),
        "minor.alert_deleted": (
            _("Alert deleted"),
            _("The alert was deleted: an alert is never removed at the border, even a stale one; its owner lifts it."),
        ),
    }

    def parameter_defaults(self) -> dict[str, Any]:
        return {"crossing_point": "GT-GUA"}

    def parameters_validate(self, values: dict[str, Any], errors: dict[str, list[str]]) -> None:
        crossing_point_check(values.get("crossing_point"), errors, kinds=("LAND", "AIR"))

    def build(self, context: BuildContext) -> ScenarioPlan:
        rng = context.rng
        point = crossing_point_get(context.parameters["crossing_point"])
        country = point.country_id
        now = local_now(point, context.anchor).replace(second=0, microsecond=0)
        today = now.date()
        child = traveller_draw(rng, nationality=country, on=today, age=(9, 9))
        parent = traveller_draw(rng, nationality=country, on=today, age=(28, 45))
        # A child bears the father's first surname, then the mother's.
        if parent.sex == "M":
            parent = dataclasses.replace(parent, surname_1=child.surname_1)
        else:
            parent = dataclasses.replace(parent, surname_1=child.surname_2)
        plan = ScenarioPlan()
        minor, _passport, _number, child_mrz, _expires = plan_traveller_on_file(
            plan, rng, child, name="child", today=today, passport_years_left=2, sensitivity="MINOR"
        )
        _adult, _adult_passport, _adult_number, parent_mrz, _ = plan_traveller_on_file(
            plan, rng, parent, name="parent", today=today
        )
        reported = today - dt.timedelta(days=rng.randint(200, 330))
        alert = plan_person_alert(
            plan,
            name="alert",
            category="MISSING_MINOR",
            traveller=child,
            person=minor,
            issuing_country=country,
            valid_from=reported,
            valid_until=reported + dt.timedelta(days=365),
            review_due=reported + dt.timedelta(days=30),
            legal_reference=legal_reference(rng, country, reported.year, "AK"),
            created_at=dt.datetime.combine(reported, dt.time(10), tzinfo=dt.UTC),
        )
        plan.brief = {
            "crossing_point": point.code,
            "mode": point.kind,
            "child": child.full_name,
            "age": 9,
            "parent": parent.full_name,
            "parent_sex": parent.sex,
            "nationality": country,
            "leaves_at": now.isoformat(),
            "child_mrz": child_mrz,
            "parent_mrz": parent_mrz,
            "reported_on": reported.isoformat(),
        }
        plan.expected = {
            "person": minor,
            "alert": alert,
            "crossing_point": point.code,
            "direction": "EXIT",
            "decision": "REFERRED",
            "reasons": list(REFERRAL_REASONS),
        }
        return plan

    def check(self, context: CheckContext) -> CheckResult:
        name = context.attempt.brief["child"]
        criteria = _movement_criteria(context, name) + _alert_criteria(context)
        return score_from(criteria)

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        state = IcaoCountry.objects.filter(code=brief["nationality"]).first()
        return {
            "point": crossing_point_get(brief["crossing_point"]),
            "nationality_name": state.name if state else brief["nationality"],
            "leaves_at": dt.datetime.fromisoformat(brief["leaves_at"]),
            "reported_on": dt.date.fromisoformat(brief["reported_on"]),
        }


def _movement_criteria(context: CheckContext, name: str) -> list[tuple[int, Finding | None]]:
    expected = context.expected
    movements, _duplicated = traveller_movements(context, expected["person"])
    if not movements:
        return [(7, Finding("minor.missing", {"traveller": name}))]
    movement = movements[-1]
    referred = coded("decision", "REFERRED")
    decision: Finding | None = None
    if movement.decision == "ADMITTED":
        decision = Finding("minor.admitted", {"expected": referred}, critical=True)
    elif movement.decision != "REFERRED":
        decision = Finding("minor.refused", {"found": coded("decision", movement.decision), "expected": referred})
    reason: Finding | None = None
    if movement.decision == "REFERRED" and movement.refusal_code not in expected["reasons"]:
        reason = Finding(
            "minor.reason",
            {
                "found": coded("refusal_code", movement.refusal_code),
                "expected": coded("refusal_code", expected["reasons"][0]),
            },
        )
    return [
        (1, None if len(movements) == 1 else Finding("minor.several", {"count": len(movements), "traveller": name})),
        (
            1,
            None
            if movement.direction == "EXIT"
            else Finding(
                "minor.direction",
                {"found": coded("direction", movement.direction), "expected": coded("direction", "EXIT")},
            ),
        ),
        (4, decision),
        (1, reason),
    ]


def _alert_criteria(context: CheckContext) -> list[tuple[int, Finding | None]]:
    uid = context.expected["alert"]
    learner = context.sandbox.owner_id
    changes = alert_changes(context, uid)
    follow_up = any(
        change.kind == "FOLLOW_UP" and change.actor_id == learner and change.justification.strip() for change in changes
    )
    alert = alert_now(context, uid)
    others = [change for change in changes if change.kind != "FOLLOW_UP"]
    changed: Finding | None = None
    if alert is None:
        changed = Finding("minor.alert_deleted")
    elif alert.status != "ACTIVE" or others:
        kind = others[-1].kind if others else None
        found = coded("alert_change", kind) if kind else coded("alert_status", alert.status)
        changed = Finding("minor.alert_changed", {"found": found})
    return [(3, None if follow_up else Finding("minor.no_follow_up")), (3, changed)]
