"""#4 Raise an alert for a stolen passport (DOMAIN.md 5c), as the alert manager.

A citizen of the learner's country (`alerting.home_country`) has reported their passport stolen;
the citizen and the passport are on file. The learner raises the alert (category
DOC_LOST_STOLEN, action SEIZE_DOCUMENT, the passport's number and issuing state, a validity that
covers the passport's remaining life, shared with every OCAM member, the police report as its
legal basis) and has a second user approve it (`sandbox.alerts.alert_request_approval`: the
simulated colleague).

The proof is a crossing: at the check, someone presents the passport at a post of another OCAM
member (drawn with the scenario, never shown), and `sandbox.screening.screen` screens them as
that post would. The alert passes only if the screening hits it: it must be active, in force and
shared with that country. The hit is written into the learner's layer under the scenario (once:
a later check reuses it), where the learner can read it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
from sandbox.exercises.types.alerting import home_country, legal_reference, office_today
from sandbox.exercises.types.common import OCAM_NATIONALITIES, crossing_points_all, plan_traveller_on_file
from sandbox.models import Alert, AlertHit, IcaoCountry


@register
class AlertStolenPassport(ExerciseType):
    slug = "alert_stolen_passport"
    domain_number = 4
    role = "alert_manager"
    title = _("Raise an alert for a stolen passport")
    summary = _(
        "A citizen reports their passport stolen: raise the alert with the right category, action, document, "
        "validity and sharing, and have a second user approve it, so that the passport is stopped at any OCAM post."
    )
    parameters = ()
    brief_template = "sandbox/exercises/brief_alert_stolen_passport.html"
    workspace_url_name = "sandbox:alert_list"
    messages = {
        "stolen.missing": (
            _("No alert raised"),
            _("No alert on the passport %(number)s was raised in your sandbox for this exercise."),
        ),
        "stolen.document_number": (
            _("Wrong document number"),
            _("The alert names the document %(found)s; the stolen passport is %(expected)s."),
        ),
        "stolen.issuing_state": (
            _("Wrong issuing state"),
            _("The alert names %(found)s as the document's issuing state; the passport was issued by %(expected)s."),
        ),
        "stolen.category": (
            _("Wrong category"),
            _("The alert's category is %(found)s; a stolen passport is a lost or stolen document (%(expected)s)."),
        ),
        "stolen.action": (
            _("Wrong action"),
            _("The alert asks the post to %(found)s; a stolen passport is seized: %(expected)s."),
        ),
        "stolen.validity": (
            _("Validity too short"),
            _(
                "The alert is valid until %(found)s; the passport expires on %(expected)s, and until then anyone "
                "may try to travel with it."
            ),
        ),
        "stolen.sharing": (
            _("Not shared with every OCAM member"),
            _(
                "The alert is shared with %(found)s; a stolen passport may be presented at any member's border: "
                "share it with %(expected)s."
            ),
        ),
        "stolen.legal_reference": (
            _("Legal basis missing"),
            _("The alert's legal basis is “%(found)s”; it must name the police report %(expected)s."),
        ),
        "stolen.not_approved": (
            _("Alert not approved"),
            _(
                "The alert is “%(found)s”: an alert acts only once a second user has approved it. Ask a colleague "
                "to approve it."
            ),
        ),
        "stolen.no_hit": (
            _("The passport was not stopped"),
            _(
                "Someone presented the passport at %(post)s and the screening found no alert on it: the passport "
                "went through. An alert stops it only when it is active, in force that day and shared with that "
                "country."
            ),
        ),
    }

    def build(self, context: BuildContext) -> ScenarioPlan:
        rng = context.rng
        country = home_country(context, rng)
        today = office_today(context)
        citizen = traveller_draw(rng, nationality=country, on=today)
        plan = ScenarioPlan()
        person, passport, number, _mrz, expires = plan_traveller_on_file(
            plan, rng, citizen, name="citizen", today=today, passport_years_left=rng.randint(4, 8)
        )
        abroad = [
            post
            for post in crossing_points_all()
            if post.kind == "AIR" and post.country_id in OCAM_NATIONALITIES and post.country_id != country
        ]
        post = rng.choice(abroad)
        reported = today - dt.timedelta(days=rng.randint(0, 2))
        report = legal_reference(rng, country, reported.year, "DEN")
        plan.brief = {
            "citizen": citizen.full_name,
            "nationality": country,
            "birth_date": citizen.birth_date.isoformat(),
            "document_number": number,
            "issuing_state": country,
            "expires_on": expires.isoformat(),
            "report": report,
            "reported_on": reported.isoformat(),
        }
        plan.expected = {
            "person": person,
            "document": passport,
            "document_number": number,
            "issuing_state": country,
            "category": "DOC_LOST_STOLEN",
            "action": "SEIZE_DOCUMENT",
            "valid_until_at_least": expires.isoformat(),
            "sharing_scope": "OCAM_ALL",
            "report": report,
            "crossing": {
                "crossing_point": post.code,
                "direction": "ENTRY",
                "traveller": {
                    "given_names": citizen.given_names,
                    "surnames": citizen.surnames,
                    "birth_date": citizen.birth_date.isoformat(),
                    "nationality": country,
                    "sex": citizen.sex,
                },
            },
        }
        return plan

    def check(self, context: CheckContext) -> CheckResult:
        expected = context.expected
        alert = _learner_alert(context)
        if alert is None:
            return score_from([(1, Finding("stolen.missing", {"number": expected["document_number"]}, critical=True))])
        criteria: list[tuple[int, Finding | None]] = [
            (3, _differs("stolen.document_number", alert.document_number, expected["document_number"])),
            (
                1,
                None
                if alert.document_issuing_state_id == expected["issuing_state"]
                else Finding(
                    "stolen.issuing_state",
                    {
                        "found": coded("country", alert.document_issuing_state_id),
                        "expected": coded("country", expected["issuing_state"]),
                    },
                ),
            ),
            (
                2,
                None
                if alert.category_id == expected["category"]
                else Finding(
                    "stolen.category",
                    {
                        "found": coded("alert_category", alert.category_id),
                        "expected": coded("alert_category", expected["category"]),
                    },
                ),
            ),
            (
                2,
                None
                if alert.action == expected["action"]
                else Finding(
                    "stolen.action",
                    {
                        "found": coded("alert_action", alert.action),
                        "expected": coded("alert_action", expected["action"]),
                    },
                ),
            ),
            (2, _validity_finding(alert, expected)),
            (
                2,
                None
                if alert.sharing_scope == expected["sharing_scope"]
                else Finding(
                    "stolen.sharing",
                    {
                        "found": coded("sharing_scope", alert.sharing_scope),
                        "expected": coded("sharing_scope", expected["sharing_scope"]),
                    },
                ),
            ),
            (
                1,
                None
                if _folded(expected["report"]) in _folded(alert.legal_reference)
                else Finding(
                    "stolen.legal_reference", {"found": alert.legal_reference, "expected": expected["report"]}
                ),
            ),
            (
                3,
                None
                if alert.status == "ACTIVE" and alert.approved_by_id not in (None, alert.created_by_id)
                else Finding("stolen.not_approved", {"found": coded("alert_status", alert.status)}),
            ),
            (
                3,
                None
                if _crossing_hits(context, alert)
                else Finding(
                    "stolen.no_hit",
                    {"post": coded("crossing_point", expected["crossing"]["crossing_point"])},
                    critical=True,
                ),
            ),
        ]
        return score_from(criteria)

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        state = IcaoCountry.objects.filter(code=brief["issuing_state"]).first()
        return {
            "country_name": state.name if state else brief["issuing_state"],
            "birth_date": dt.date.fromisoformat(brief["birth_date"]),
            "expires_on": dt.date.fromisoformat(brief["expires_on"]),
            "reported_on": dt.date.fromisoformat(brief["reported_on"]),
        }


def _folded(text: str) -> str:
    return "".join(character for character in (text or "").upper() if character.isalnum())


def _differs(code: str, found: Any, expected: Any) -> Finding | None:
    return None if found == expected else Finding(code, {"found": found or "", "expected": expected})


def _learner_alert(context: CheckContext) -> Alert | None:
    """The alert the learner raised for this attempt: on the stolen passport if there is one (an
    active one first), else another document alert they raised since the attempt started."""
    expected = context.expected
    raised = (
        Alert.objects.layer_of(context.sandbox)
        .filter(is_deleted=False, created_by_id=context.sandbox.owner_id, subject_kind="DOCUMENT")
        .filter(created_at__gte=context.attempt.started_at)
        .order_by("-created_at", "-uid")
    )
    alerts = list(raised)
    on_passport = [alert for alert in alerts if alert.document_number == expected["document_number"]]
    pool = on_passport or alerts
    active = [alert for alert in pool if alert.status == "ACTIVE"]
    return (active or pool or [None])[0]


def _validity_finding(alert: Alert, expected: dict[str, Any]) -> Finding | None:
    least = dt.date.fromisoformat(expected["valid_until_at_least"])
    if alert.valid_until is None or alert.valid_until >= least:
        return None
    return Finding(
        "stolen.validity",
        {"found": coded("date", alert.valid_until.isoformat()), "expected": coded("date", least.isoformat())},
    )


def _crossing_hits(context: CheckContext, alert: Alert) -> bool:
    """Whether the seeded crossing with the passport hits the alert: screened once, at the
    check, at the scenario's post abroad (a hit already written by an earlier check counts)."""
    from sandbox.alerts import colleague_for
    from sandbox.exercises.types.common import crossing_point_get
    from sandbox.screening import Traveller, screen

    crossing = context.expected["crossing"]
    earlier = AlertHit.objects.visible_to(context.sandbox).filter(
        scenario=context.attempt.pk, alert_uid=alert.uid, crossing_point_id=crossing["crossing_point"]
    )
    if earlier.exists():
        return True
    point = crossing_point_get(crossing["crossing_point"])
    data = crossing["traveller"]
    screening = screen(
        sandbox=context.sandbox,
        actor=colleague_for(point.country_id),
        crossing_point=point,
        direction=crossing["direction"],
        traveller=Traveller(
            given_names=data["given_names"],
            surnames=data["surnames"],
            birth_date=dt.date.fromisoformat(data["birth_date"]),
            nationality=data["nationality"],
            document_number=context.expected["document_number"],
            issuing_state=context.expected["issuing_state"],
            sex=data["sex"],
        ),
        on=timezone.localdate(),
        document_uid=context.expected["document"],
        scenario=context.attempt.pk,
    )
    return any(hit.alert_uid == alert.uid for hit in screening.hits)
