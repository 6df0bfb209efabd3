"""The consultation exercises (DOMAIN.md 5c #6, and the refused consultation), as the analyst.

#6 `consultation_verify_nationality`: a returnee received by the learner's country claims the
nationality of a partner member (`PARTNER`, Honduras unless the learner acts for it). The
learner's records hold the returnee (a person and the return); the partner holds its own record
of them (a person with a national ID and a passport), written in the learner's layer for the
partner (`held_by`): the learner's screens never show it, only a consultation finds it. The
learner queries by name and date of birth for return verification with a case reference, gets
the partner's hit and requests the fields that verify the nationality, and no more.

`consultation_case_reference`: a case file names a person a partner holds and its case
reference. The exercise's link opens the consultation form filled in with the person and the
purpose but no case reference: sent as it is, it is refused (nothing written); the learner
corrects it with the file's reference.

The learner's queries on a scenario are those marked with it (the consultation form carries the
attempt's token) or, sent without it, those of the learner since the attempt started on the
scenario's person (its date of birth).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils.translation import gettext_lazy as _

from sandbox.consultation import BY_NAME
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
from sandbox.exercises.people import Traveller, passport_mrz, passport_number, traveller_draw
from sandbox.exercises.registry import register
from sandbox.exercises.types.alerting import home_country, office_today
from sandbox.exercises.types.common import OCAM_NATIONALITIES, crossing_points_all
from sandbox.models import (
    CrossBorderQuery,
    Document,
    IcaoCountry,
    InformationRequest,
    Person,
    QueryResult,
    ReturnEvent,
)
from sandbox.models.choices import PurposeCode, QueryOutcome
from sandbox.requests import ALLOWED_FIELDS, REQUEST_FIELDS

# The partner member whose record the scenario's person is, unless the learner acts for it.
PARTNER = "HND"
# What verifying a claimed nationality needs from the partner: who the record is, its nationality
# and a national ID number or a travel document that proves it.
VERIFY_NEEDED = ("full_name", "birth_date", "nationality", "national_id", "document")
VERIFY_PROOF = ("national_id", "document")


def partner_of(home: str, wanted: str = PARTNER) -> str:
    """The partner country: `wanted`, or the first other member when the learner acts for it."""
    if wanted != home:
        return wanted
    return next(code for code in OCAM_NATIONALITIES if code != home)


def _digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(count))


def plan_partner_record(
    plan: ScenarioPlan, rng: random.Random, traveller: Traveller, *, partner: str, today: dt.date
) -> tuple[Any, str]:
    """The partner's own record of the traveller: a person with a national ID and a passport, both
    held by the partner (never in the learner's screens). Returns the person's ref and the ID."""
    national_id = _digits(rng, 13)
    person = plan.add(
        "partner_person",
        Person,
        **traveller.person_fields(),
        birth_country_id=partner,
        national_id_number=national_id,
        national_id_country_id=partner,
        held_by_id=partner,
    )
    number = passport_number(rng)
    expires = today + dt.timedelta(days=365 * rng.randint(2, 8) + rng.randint(10, 300))
    plan.add(
        "partner_passport",
        Document,
        person_uid=person,
        document_type_id="P",
        number=number,
        issuing_state_id=partner,
        issued_on=expires - dt.timedelta(days=365 * 10),
        expires_on=expires,
        mrz=passport_mrz(traveller, number=number, expires_on=expires),
        held_by_id=partner,
    )
    return person, national_id


def _country_name(code: str) -> str:
    country = IcaoCountry.objects.filter(code=code).first()
    return str(country.name) if country else code


def learner_queries(context: CheckContext) -> list[CrossBorderQuery]:
    """The learner's queries on the scenario, oldest first: marked with it, or sent without the
    mark since the attempt started, about the scenario's person (their date of birth)."""
    birth_date = context.expected["birth_date"]
    queries = (
        CrossBorderQuery.objects.layer_of(context.sandbox)
        .filter(is_deleted=False, requested_by_id=context.sandbox.owner_id)
        .order_by("created_at", "uid")
    )
    found = []
    for query in queries:
        if query.scenario == context.attempt.pk or (
            query.scenario is None
            and query.created_at >= context.attempt.started_at
            and (query.parameters or {}).get("birth_date") == birth_date
        ):
            found.append(query)
    return found


def partner_hits(context: CheckContext, queries: list[CrossBorderQuery]) -> list[QueryResult]:
    """The partner's HIT answers to these queries."""
    return list(
        QueryResult.objects.visible_to(context.sandbox)
        .filter(
            query_uid__in=[query.uid for query in queries],
            country_id=context.expected["partner"],
            outcome=QueryOutcome.HIT,
        )
        .order_by("answered_at", "uid")
    )


def _fields(codes: list[str]) -> dict[str, Any]:
    return coded("request_fields", codes)


@register
class ConsultationVerifyNationality(ExerciseType):
    slug = "consultation_verify_nationality"
    domain_number = 6
    role = "analyst"
    title = _("Verify a returnee's nationality through consultation")
    summary = _(
        "A returnee claims the nationality of a partner member: consult the members by name and date of birth "
        "for return verification, with the case reference, then ask the country that has a hit for only the "
        "fields that verify the nationality."
    )
    parameters = ()
    brief_template = "sandbox/exercises/brief_consultation_verify_nationality.html"
    workspace_url_name = "sandbox:consultation_create"
    messages = {
        "verify.no_query": (
            _("No consultation"),
            _(
                "No consultation on %(person)s was sent from your sandbox for this exercise: query the member "
                "countries by the returnee's name and date of birth."
            ),
        ),
        "verify.purpose": (
            _("Wrong purpose"),
            _(
                "A consultation on the returnee was sent for “%(found)s”; verifying a returnee's nationality is "
                "“%(expected)s”: a consultation serves only the purpose it declares."
            ),
        ),
        "verify.no_hit": (
            _("No hit from the country of the claimed nationality"),
            _(
                "None of your consultations for return verification got a hit from %(country)s: ask it (or every "
                "member) by the name and date of birth the file gives."
            ),
        ),
        "verify.no_request": (
            _("No information request"),
            _(
                "No information request followed the hit of %(country)s: a hit says only that a record exists; "
                "ask for the fields that verify the nationality."
            ),
        ),
        "verify.not_enough": (
            _("Request does not verify the nationality"),
            _(
                "The request asks for %(found)s: verifying a nationality needs the nationality and a national ID "
                "number or a travel document."
            ),
        ),
        "verify.too_many": (
            _("More fields than the verification needs"),
            _("The request asked for more than the verification needs: %(fields)s."),
        ),
        "verify.not_allowed": (
            _("Fields not allowed for return verification"),
            _("The request asked for fields that return verification does not allow: %(fields)s."),
        ),
        "verify.biometrics": (
            _("Biometrics requested"),
            _("The request asked for biometric data (%(fields)s): verifying a nationality never needs them."),
        ),
    }

    def build(self, context: BuildContext) -> ScenarioPlan:
        rng = context.rng
        home = home_country(context, rng)
        partner = partner_of(home)
        today = office_today(context)
        returnee = traveller_draw(rng, nationality=partner, on=today)
        plan = ScenarioPlan()
        # The learner's country's record: the person as the returnee declared themself, and the return.
        person = plan.add("returnee", Person, **returnee.person_fields(), held_by_id=home)
        airports = [point for point in crossing_points_all() if point.country_id == home and point.kind == "AIR"]
        point = rng.choice(airports or [point for point in crossing_points_all() if point.country_id == home])
        returned_on = today - dt.timedelta(days=rng.randint(0, 2))
        plan.add(
            "return",
            ReturnEvent,
            person_uid=person,
            receiving_country_id=home,
            returning_country="USA",
            return_type="DEPORTATION",
            mode=point.kind,
            reception_point_id=point.code,
            transport_reference=f"VUELO-{_digits(rng, 5)}",
            returned_on=returned_on,
            sex=returnee.sex,
            is_minor=False,
            is_unaccompanied=False,
            origin_subdivision="",
        )
        partner_person, _national_id = plan_partner_record(plan, rng, returnee, partner=partner, today=today)
        case_reference = f"RET-{home}-{today.year}-{_digits(rng, 5)}"
        plan.brief = {
            "country": home,
            "partner": partner,
            "returnee": returnee.full_name,
            "given_names": returnee.given_names,
            "surnames": returnee.surnames,
            "birth_date": returnee.birth_date.isoformat(),
            "returned_on": returned_on.isoformat(),
            "reception_point": point.code,
            "case_reference": case_reference,
        }
        plan.expected = {
            "home": home,
            "partner": partner,
            "person": person,
            "partner_person": partner_person,
            "person_name": returnee.full_name,
            "birth_date": returnee.birth_date.isoformat(),
        }
        return plan

    def check(self, context: CheckContext) -> CheckResult:
        expected = context.expected
        partner = coded("country", expected["partner"])
        queries = learner_queries(context)
        if not queries:
            return score_from([(1, Finding("verify.no_query", {"person": expected["person_name"]}))])
        purpose = PurposeCode.RETURN_VERIFICATION
        wrong = [query for query in queries if query.purpose_code != purpose]
        criteria: list[tuple[int, Finding | None]] = [
            (
                2,
                Finding(
                    "verify.purpose",
                    {
                        "found": coded("consultation_purpose", wrong[0].purpose_code),
                        "expected": coded("consultation_purpose", purpose),
                    },
                )
                if wrong
                else None,
            )
        ]
        verifying = [query for query in queries if query.purpose_code == purpose and query.case_reference.strip()]
        hits = partner_hits(context, verifying)
        criteria.append((2, None if hits else Finding("verify.no_hit", {"country": partner})))
        # The request on the partner's hit of any of the learner's queries on the person.
        request = (
            InformationRequest.objects.visible_to(context.sandbox)
            .filter(result_uid__in=[hit.uid for hit in partner_hits(context, queries)])
            .order_by("-requested_at", "-uid")
            .first()
        )
        if request is None:
            criteria.append((3, Finding("verify.no_request", {"country": partner})))
            return score_from(criteria)
        asked = [code for code in REQUEST_FIELDS if code in set(request.requested_fields)]
        allowed = set(ALLOWED_FIELDS[purpose])
        biometric = [code for code in asked if REQUEST_FIELDS[code].is_biometric]
        not_allowed = [code for code in asked if code not in allowed and code not in biometric]
        beyond = [code for code in asked if code in allowed and code not in VERIFY_NEEDED]
        enough = "nationality" in asked and any(code in asked for code in VERIFY_PROOF)
        criteria += [
            (2, None if enough else Finding("verify.not_enough", {"found": _fields(asked)})),
            (2, Finding("verify.too_many", {"fields": _fields(beyond)}) if beyond else None),
            (2, Finding("verify.not_allowed", {"fields": _fields(not_allowed)}) if not_allowed else None),
            (2, Finding("verify.biometrics", {"fields": _fields(biometric)}, critical=True) if biometric else None),
        ]
        return score_from(criteria)

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        return {
            "country_name": _country_name(brief["country"]),
            "partner_name": _country_name(brief["partner"]),
            "birth_date": dt.date.fromisoformat(brief["birth_date"]),
            "returned_on": dt.date.fromisoformat(brief["returned_on"]),
        }


def _folded(text: str) -> str:
    return (text or "").strip().casefold()


@register
class ConsultationCaseReference(ExerciseType):
    slug = "consultation_case_reference"
    follows = 6
    role = "analyst"
    title = _("Correct a consultation refused for lack of a case reference")
    summary = _(
        "A consultation prepared from a case file is refused: it has no case reference. Find the reference in the "
        "file and send the consultation again with it."
    )
    parameters = ()
    brief_template = "sandbox/exercises/brief_consultation_case_reference.html"
    workspace_url_name = "sandbox:consultation_create"
    messages = {
        "case_reference.no_query": (
            _("Consultation not sent"),
            _(
                "No consultation on %(person)s was recorded for this exercise: a consultation without a case "
                "reference is refused and leaves nothing; send it again with the file's reference."
            ),
        ),
        "case_reference.wrong": (
            _("Wrong case reference"),
            _(
                "A consultation on the person was sent with the case reference “%(found)s”; the case file's is "
                "“%(expected)s”: a consultation names the file it serves."
            ),
        ),
        "case_reference.purpose": (
            _("Wrong purpose"),
            _("A consultation on the person was sent for “%(found)s”; the case file is “%(expected)s”."),
        ),
    }

    def build(self, context: BuildContext) -> ScenarioPlan:
        rng = context.rng
        home = home_country(context, rng)
        partner = partner_of(home)
        today = office_today(context)
        subject = traveller_draw(rng, nationality=partner, on=today)
        plan = ScenarioPlan()
        partner_person, _national_id = plan_partner_record(plan, rng, subject, partner=partner, today=today)
        opened = today - dt.timedelta(days=rng.randint(3, 40))
        case_reference = f"EXP-{opened.year}-{opened:%m%d}-{_digits(rng, 3)}-{home}"
        plan.brief = {
            "country": home,
            "partner": partner,
            "person": subject.full_name,
            "given_names": subject.given_names,
            "surnames": subject.surnames,
            "birth_date": subject.birth_date.isoformat(),
            "purpose": PurposeCode.INVESTIGATION,
            "case_reference": case_reference,
            "opened_on": opened.isoformat(),
        }
        plan.expected = {
            "partner": partner,
            "partner_person": partner_person,
            "person_name": subject.full_name,
            "birth_date": subject.birth_date.isoformat(),
            "purpose": PurposeCode.INVESTIGATION,
            "case_reference": case_reference,
        }
        return plan

    def check(self, context: CheckContext) -> CheckResult:
        expected = context.expected
        queries = learner_queries(context)
        if not queries:
            return score_from([(1, Finding("case_reference.no_query", {"person": expected["person_name"]}))])
        reference = _folded(expected["case_reference"])
        others = [query for query in queries if _folded(query.case_reference) != reference]
        purposes = [query for query in queries if query.purpose_code != expected["purpose"]]
        criteria: list[tuple[int, Finding | None]] = [
            (
                3,
                Finding(
                    "case_reference.wrong",
                    {"found": others[0].case_reference, "expected": expected["case_reference"]},
                )
                if others
                else None,
            ),
            (
                2,
                Finding(
                    "case_reference.purpose",
                    {
                        "found": coded("consultation_purpose", purposes[0].purpose_code),
                        "expected": coded("consultation_purpose", expected["purpose"]),
                    },
                )
                if purposes
                else None,
            ),
        ]
        return score_from(criteria)

    def workspace_parameters(self, attempt: Any) -> dict[str, str]:
        """The consultation as the case file prepares it: the person and the purpose, without the
        case reference (which the learner must add after the refusal)."""
        brief = attempt.brief
        return {
            "kind": BY_NAME,
            "surnames": brief["surnames"],
            "given_names": brief["given_names"],
            "birth_date": brief["birth_date"],
            "purpose": brief["purpose"],
        }

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        return {
            "country_name": _country_name(brief["country"]),
            "partner_name": _country_name(brief["partner"]),
            "birth_date": dt.date.fromisoformat(brief["birth_date"]),
            "opened_on": dt.date.fromisoformat(brief["opened_on"]),
            "purpose_label": PurposeCode(brief["purpose"]).label,
        }
