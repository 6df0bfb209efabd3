"""#14 The alert lifecycle review (DOMAIN.md 5c), as the alert manager.

Six active alerts of the learner's country (`alerting.home_country`), issued over the past
year or two, in the shuffled order of the seed:

- one whose validity ends soon, which a court has extended to a date the brief gives (within
  the category's longest validity): EXTEND to that date, with the justification;
- one whose validity has already run out: EXPIRE (not cancel: it ran its course);
- one whose purpose has been fulfilled, as the brief reports (the wanted person arrested, the
  missing child found): FULFIL, or CANCEL, with the justification;
- two still needed, with nothing new: REVIEW (their status stays active);
- one not yet due for review: nothing is required; any status change is a mistake.

Graded on the learner's `AlertChange` rows and each alert's final status and validity: every
change goes through `sandbox.alerts.alert_transition` and its one transition table.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

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
from sandbox.exercises.types.alerting import (
    alert_changes,
    alert_now,
    home_country,
    legal_reference,
    office_today,
    plan_person_alert,
    subject_name,
)
from sandbox.exercises.types.common import OCAM_NATIONALITIES
from sandbox.models import AlertCategory, IcaoCountry

# (role, category): what each alert of the scenario is and what it is about.
CAST = (
    ("extend", "EXIT_BAN"),
    ("expire", "DISCREET_CHECK"),
    ("fulfil", "WANTED"),
    ("review", "ENTRY_BAN"),
    ("review", "EXIT_BAN"),
    ("untouched", "DISCREET_CHECK"),
)
EXPECTED_STATUS = {
    "extend": ("ACTIVE",),
    "expire": ("EXPIRED",),
    "fulfil": ("FULFILLED", "CANCELLED"),
    "review": ("ACTIVE",),
    "untouched": ("ACTIVE",),
}


@register
class AlertLifecycleReview(ExerciseType):
    slug = "alert_lifecycle_review"
    domain_number = 14
    role = "alert_manager"
    title = _("Review alerts past their review date")
    summary = _(
        "Alerts of your country are due for review: extend the one a court extended, expire the one whose validity "
        "ran out, close the one that was fulfilled and review the others, each change with its reason."
    )
    parameters = ()
    brief_template = "sandbox/exercises/brief_alert_lifecycle_review.html"
    workspace_url_name = "sandbox:alert_list"
    messages = {
        "lifecycle.extend": (
            _("Extension missing or wrong"),
            _(
                "The alert on %(subject)s is valid until %(found)s; the court extended it until %(expected)s: "
                "extend it to that date, with the court's order as the justification."
            ),
        ),
        "lifecycle.extend_unjustified": (
            _("Extension without justification"),
            _("The alert on %(subject)s was extended without a justification: say why, naming the court's order."),
        ),
        "lifecycle.expire": (
            _("Alert past its validity not expired"),
            _(
                "The alert on %(subject)s is %(found)s; its validity ran out on %(until)s: it is expired, not "
                "cancelled nor left active."
            ),
        ),
        "lifecycle.fulfil": (
            _("Fulfilled alert left open"),
            _(
                "The alert on %(subject)s is %(found)s; its purpose was fulfilled on %(news)s: close it as fulfilled "
                "or cancel it, with the reason."
            ),
        ),
        "lifecycle.review": (
            _("Alert not reviewed"),
            _("The alert on %(subject)s was not reviewed: an alert past its review date is reviewed, or changed."),
        ),
        "lifecycle.changed": (
            _("Alert changed without a reason"),
            _(
                "The alert on %(subject)s is %(found)s; nothing called for that change: it stays active "
                "(a review keeps it so)."
            ),
        ),
    }

    def build(self, context: BuildContext) -> ScenarioPlan:
        rng = context.rng
        country = home_country(context, rng)
        today = office_today(context)
        foreigners = [code for code in OCAM_NATIONALITIES if code != country]
        cast = list(CAST)
        rng.shuffle(cast)
        plan = ScenarioPlan()
        news, expected = [], []
        for index, (role, code) in enumerate(cast):
            category = AlertCategory.objects.get(code=code)
            # An entry ban is on a foreigner; the others on the country's own nationals or residents.
            nationality = rng.choice(foreigners) if code == "ENTRY_BAN" else rng.choice([country, *foreigners])
            subject = traveller_draw(rng, nationality=nationality, on=today)
            days = min(category.default_validity_days, 365)
            if role == "extend":
                valid_from = today - dt.timedelta(days=days - rng.randint(10, 40))
            elif role == "expire":
                valid_from = today - dt.timedelta(days=days + rng.randint(5, 60))
            elif role == "untouched":
                valid_from = today - dt.timedelta(days=rng.randint(10, 60))
            else:
                valid_from = today - dt.timedelta(days=rng.randint(100, days - 60))
            valid_until = valid_from + dt.timedelta(days=days)
            review_due = (
                today + dt.timedelta(days=rng.randint(20, 60))
                if role == "untouched"
                else min(valid_until, today - dt.timedelta(days=rng.randint(1, 30)))
            )
            reference = legal_reference(rng, country, valid_from.year, "EXP")
            alert = plan_person_alert(
                plan,
                name=f"alert_{index}",
                category=code,
                traveller=subject,
                issuing_country=country,
                valid_from=valid_from,
                valid_until=valid_until,
                review_due=review_due,
                legal_reference=reference,
                created_at=dt.datetime.combine(valid_from, dt.time(9), tzinfo=dt.UTC),
            )
            entry: dict[str, Any] = {
                "alert": alert,
                "role": role,
                "subject": subject_name(subject),
                "valid_until": valid_until.isoformat(),
            }
            if role == "extend":
                longest = valid_from + dt.timedelta(days=category.max_validity_days)
                extended = min(longest, valid_until + dt.timedelta(days=rng.randint(90, 180)))
                order = legal_reference(rng, country, today.year, "ORD")
                entry["extended_until"] = extended.isoformat()
                news.append(
                    {"kind": "extended", "subject": entry["subject"], "order": order, "until": extended.isoformat()}
                )
            elif role == "fulfil":
                happened = today - dt.timedelta(days=rng.randint(2, 20))
                entry["news"] = happened.isoformat()
                news.append({"kind": "arrested", "subject": entry["subject"], "on": happened.isoformat()})
            expected.append(entry)
        plan.brief = {"country": country, "news": news, "alerts": len(cast)}
        plan.expected = {"alerts": expected}
        return plan

    def check(self, context: CheckContext) -> CheckResult:
        criteria: list[tuple[int, Finding | None]] = []
        for entry in context.expected["alerts"]:
            criteria.extend(_alert_criteria(context, entry))
        return score_from(criteria)

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        state = IcaoCountry.objects.filter(code=brief["country"]).first()
        return {
            "country_name": state.name if state else brief["country"],
            "news": [
                {
                    **item,
                    **{key: dt.date.fromisoformat(item[key]) for key in ("until", "on") if key in item},
                }
                for item in brief["news"]
            ],
        }


def _alert_criteria(context: CheckContext, entry: dict[str, Any]) -> list[tuple[int, Finding | None]]:
    alert = alert_now(context, entry["alert"])
    changes = alert_changes(context, entry["alert"])
    kinds = [change.kind for change in changes]
    status = alert.status if alert is not None else "CANCELLED"
    subject = {"subject": entry["subject"]}
    found = {"found": coded("alert_status", status)}
    role = entry["role"]
    if role == "extend":
        until = alert.valid_until.isoformat() if alert is not None and alert.valid_until else entry["valid_until"]
        extensions = [change for change in changes if change.kind == "EXTEND"]
        dated = (
            None
            if status == "ACTIVE" and until == entry["extended_until"] and extensions
            else Finding(
                "lifecycle.extend",
                {**subject, "found": coded("date", until), "expected": coded("date", entry["extended_until"])},
            )
        )
        justified = (
            None
            if all(change.justification.strip() for change in extensions)
            else Finding("lifecycle.extend_unjustified", subject)
        )
        return [(2, dated), (1, justified)]
    if status not in EXPECTED_STATUS[role]:
        if role == "expire":
            until = coded("date", entry["valid_until"])
            return [(2, Finding("lifecycle.expire", {**subject, **found, "until": until}))]
        if role == "fulfil":
            return [(2, Finding("lifecycle.fulfil", {**subject, **found, "news": coded("date", entry["news"])}))]
        return [(2, Finding("lifecycle.changed", {**subject, **found}))]
    if role == "review" and "REVIEW" not in kinds:
        return [(2, Finding("lifecycle.review", subject))]
    return [(2, None)]
