"""Answer an incoming request with minimal release (issue 20), as the country's focal point.

A partner member found, by a hit/no-hit consultation, a returnee in the learner's country's
records and asks, for RETURN_VERIFICATION, for more than it may have and more than its case
needs: the person (with a national ID and a passport) is written into the learner's records,
and the partner's hit and request (`InformationRequest`, SENT, due in 48 hours) under the
scenario, as `sandbox.requests.incoming_request_make` writes them. The request asks for the
identity, the nationality, the national ID, the passport, the movement history and the
photograph; the justification says the returnee arrived with their passport, which the
requesting authority holds, and claims the learner's nationality.

The minimum (`expected["minimum"]`) is what verifying that nationality needs: the identity, the
nationality and the national ID. The passport is allowed for the purpose but the partner
already holds it; the movement history and the photograph are not allowed for it. The check:
the request answered (not left SENT); nothing released beyond what the purpose allows (the
service refuses it, checked all the same); nothing beyond the minimum; the minimum released;
and, as a field asked is not allowed, the answer PARTIAL with a reason.
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
from sandbox.exercises.people import card_number, traveller_draw
from sandbox.exercises.registry import register
from sandbox.exercises.types.alerting import home_country
from sandbox.exercises.types.common import OCAM_NATIONALITIES, plan_traveller_on_file
from sandbox.models import IcaoCountry, InformationRequest, QueryResult

PURPOSE = "RETURN_VERIFICATION"
ASKED = ("full_name", "birth_date", "sex", "nationality", "national_id", "document", "movement_history", "photograph")
MINIMUM = ("full_name", "birth_date", "sex", "nationality", "national_id")
ANSWER_DUE = dt.timedelta(hours=48)


@register
class IncomingRequestMinimal(ExerciseType):
    slug = "incoming_request_minimal"
    follows = 13
    role = "focal_point"
    title = _("Answer an incoming request with minimal release")
    summary = _(
        "A member country asks for a returnee's data: release only what the purpose allows and the case needs, "
        "approving in part with a reason."
    )
    parameters = ()
    brief_template = "sandbox/exercises/brief_incoming_request_minimal.html"
    workspace_url_name = "sandbox:incoming_list"
    messages = {
        "incoming.unanswered": (
            _("Request left unanswered"),
            _("The request from %(country)s is still waiting for your answer."),
        ),
        "incoming.not_allowed": (
            _("Field released that the purpose does not allow"),
            _("You released %(fields)s, which a return verification may not receive."),
        ),
        "incoming.over_release": (
            _("More released than the case needs"),
            _("You released %(fields)s, which the case does not need: release only the minimum."),
        ),
        "incoming.under_release": (
            _("What the case needs was not released"),
            _("You did not release %(fields)s, which verifying the nationality needs and the purpose allows."),
        ),
        "incoming.not_partial": (
            _("Not approved in part with a reason"),
            _(
                "The answer is “%(found)s”: the request asked for fields the purpose does not allow, so it is "
                "approved in part, with the reason."
            ),
        ),
    }

    def build(self, context: BuildContext) -> ScenarioPlan:
        rng = context.rng
        country = home_country(context, rng)
        partner = rng.choice([code for code in OCAM_NATIONALITIES if code != country])
        today = context.anchor.date()
        returnee = traveller_draw(rng, nationality=country, on=today, age=(19, 60))
        plan = ScenarioPlan()
        national_id = card_number(rng)
        person, _passport, _number, _mrz, _expires = plan_traveller_on_file(
            plan,
            rng,
            returnee,
            name="returnee",
            today=today,
            held_by_id=country,
            national_id_number=national_id,
            national_id_country_id=country,
            birth_country_id=country,
        )
        plan.records[-1].fields["held_by_id"] = country
        requested_at = context.anchor - dt.timedelta(hours=rng.randint(2, 20))
        query_uid = rng.randint(10**9, 2 * 10**9)
        result = plan.add(
            "hit",
            QueryResult,
            query_uid=query_uid,
            requesting_country_id=partner,
            country_id=country,
            outcome="HIT",
            reference_token=f"{country}-{query_uid % 1_000_000:06d}",
            answered_at=requested_at,
            record_uid=person,
        )
        case = f"{partner}-{requested_at:%Y}-{rng.randint(1, 9999):04d}"
        request = plan.add(
            "request",
            InformationRequest,
            result_uid=result,
            query_uid=query_uid,
            requesting_country_id=partner,
            answering_country_id=country,
            purpose_code=PURPOSE,
            case_reference=case,
            requested_fields=list(ASKED),
            justification=(
                f"Returnee without residence status, deported on arrival; they claim to be a national of {country}. "
                "They arrived with their passport, which this authority holds: we need to verify the nationality."
            ),
            requested_by=None,
            requested_at=requested_at,
            status="SENT",
            due_at=requested_at + ANSWER_DUE,
            answer_at=None,
            record_uid=person,
        )
        plan.brief = {"country": country, "partner": partner, "case_reference": case, "returnee": returnee.full_name}
        plan.expected = {"request": request, "partner": partner, "minimum": list(MINIMUM)}
        return plan

    def check(self, context: CheckContext) -> CheckResult:
        from sandbox.requests import allowed_fields

        expected = context.expected
        request = InformationRequest.objects.visible_to(context.sandbox).filter(uid=expected["request"]).first()
        if request is None or request.status == "SENT":
            finding = Finding("incoming.unanswered", {"country": coded("country", expected["partner"])}, critical=True)
            return score_from([(1, finding)])
        released = list(request.released_fields or [])
        allowed = set(allowed_fields(request.purpose_code))
        minimum = expected["minimum"]
        not_allowed = [code for code in released if code not in allowed]
        beyond = [code for code in released if code in allowed and code not in minimum]
        missing = [code for code in minimum if code not in released]
        partial = request.status == "PARTIAL" and bool(request.response_reason.strip())
        return score_from(
            [
                (
                    3,
                    Finding("incoming.not_allowed", {"fields": coded("request_fields", not_allowed)}, critical=True)
                    if not_allowed
                    else None,
                ),
                (3, Finding("incoming.over_release", {"fields": coded("request_fields", beyond)}) if beyond else None),
                (
                    3,
                    Finding("incoming.under_release", {"fields": coded("request_fields", missing)})
                    if missing
                    else None,
                ),
                (
                    1,
                    None
                    if partial
                    else Finding("incoming.not_partial", {"found": coded("request_status", request.status)}),
                ),
            ]
        )

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        names = {
            country.code: country.name
            for country in IcaoCountry.objects.filter(code__in=[brief["country"], brief["partner"]])
        }
        return {
            "country_name": names.get(brief["country"], brief["country"]),
            "partner_name": names.get(brief["partner"], brief["partner"]),
        }
