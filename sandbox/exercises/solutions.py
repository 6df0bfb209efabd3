"""Reference solutions: what a learner who does an exercise right, or with one named mistake,
does in their sandbox, through the same services as the screens.

The demo content uses them to give demo learners real attempts (passed, and failed with the
findings a trainer then reads), and the benchmarks to fill layers as learners would. Each
type's solver takes the attempt and a mistake (a finding code of the type, or None).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from sandbox import services
from sandbox.models import AlertHit, CrossingPoint, ExerciseAttempt, TravelPurpose

if TYPE_CHECKING:
    from people.models import User

Solver = Callable[["User", ExerciseAttempt, "str | None"], None]
SOLVERS: dict[str, Solver] = {}


def solver(slug: str) -> Callable[[Solver], Solver]:
    def register(function: Solver) -> Solver:
        SOLVERS[slug] = function
        return function

    return register


def solve(*, user: User, attempt: ExerciseAttempt, mistake: str | None = None) -> None:
    """Do the attempt's exercise in the learner's sandbox: right, or with the one mistake named."""
    SOLVERS[attempt.exercise_type](user, attempt, mistake)


def _other_point(code: str) -> CrossingPoint:
    point = CrossingPoint.objects.get(code=code)
    return (
        CrossingPoint.objects.select_related("country")
        .filter(country_id=point.country_id, kind=point.kind)
        .exclude(code=code)
        .order_by("code")
        .first()
    )


@solver("entry_registration")
def _entry(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    expected = attempt.expected
    point = CrossingPoint.objects.select_related("country").get(code=expected["crossing_point"])
    purpose = expected["purpose"]
    fields = {"direction": "ENTRY", "decision": "ADMITTED", "authorised_stay_days": expected["authorised_stay_days"]}
    if mistake == "entry.crossing_point":
        point = _other_point(point.code)
    elif mistake == "entry.purpose":
        purpose = next(code for code in ("TOURISM", "FAMILY", "BUSINESS") if code != purpose)
    elif mistake == "entry.stay":
        fields["authorised_stay_days"] = 30 if expected["authorised_stay_days"] != 30 else 15
    services.movement_register(
        sandbox=attempt.sandbox,
        user=user,
        mrz=attempt.brief["mrz"],
        crossing_point=point,
        local_time=dt.datetime.fromisoformat(attempt.brief["arrives_at"]),
        purpose=TravelPurpose.objects.get(code=purpose),
        scenario=attempt.pk,
        **fields,
    )


def _register(
    user: User, attempt: ExerciseAttempt, *, mrz: str, crossing_point: str, local_time: str, **fields
) -> None:
    services.movement_register(
        sandbox=attempt.sandbox,
        user=user,
        mrz=mrz,
        crossing_point=CrossingPoint.objects.select_related("country").get(code=crossing_point),
        local_time=dt.datetime.fromisoformat(local_time),
        scenario=attempt.pk,
        **{"direction": "ENTRY", **fields},
    )


# The decisions #3 asks for, by the traveller's role in the scenario.
CA4_DECISIONS = {
    "adult": {"decision": "ADMITTED"},
    "minor": {"decision": "REFERRED", "refusal_code": "PASSPORT_REQUIRED"},
    "elsewhere": {"decision": "REFUSED", "refusal_code": "DOCUMENT_NOT_ACCEPTED_HERE", "refusal_reason": "DUI"},
}


@solver("ca4_decisions")
def _ca4(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    briefs = {brief["name"]: brief for brief in attempt.brief["travellers"]}
    for expected in attempt.expected["travellers"]:
        brief = briefs[expected["name"]]
        decision = dict(CA4_DECISIONS[expected["role"]])
        if mistake == "ca4.reason" and expected["role"] == "minor":
            decision["refusal_code"] = "DOCUMENT_EXPIRED"
        if mistake == "ca4.adult_decision" and expected["role"] == "adult":
            decision = {"decision": "REFUSED", "refusal_code": "PASSPORT_REQUIRED"}
        _register(
            user,
            attempt,
            mrz=brief["mrz"],
            crossing_point=brief["crossing_point"],
            local_time=brief["arrives_at"],
            **decision,
        )


@solver("exit_closure")
def _exit(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    expected = attempt.expected
    _register(
        user,
        attempt,
        mrz=attempt.brief["mrz"],
        crossing_point=expected["crossing_point"],
        local_time=attempt.brief["leaves_at"],
        direction="EXIT",
        closes_entry_uid=expected["entry"],
        # "exit.overstay": the flag the other way round (missed, or set within the stay).
        is_overstay=expected["is_overstay"] != (mistake == "exit.overstay"),
    )


@solver("mrz_triage")
def _triage(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    from sandbox.selectors import document_scan_get
    from sandbox.services_triage import scan_decide

    for index, entry in enumerate(attempt.expected["scans"]):
        if entry["kind"] == "valid":
            decision = {"status": "ACCEPTED"}
        elif entry["kind"] == "misread":
            decision = {"status": "CORRECTED", "corrected_mrz": entry["zone"]}
            if mistake == "triage.misread_accepted" and index == next(
                i for i, e in enumerate(attempt.expected["scans"]) if e["kind"] == "misread"
            ):
                decision = {"status": "ACCEPTED"}
        else:
            decision = {"status": "REJECTED", "rejection_reason": entry["reason"]}
        scan = document_scan_get(sandbox=attempt.sandbox, uid=entry["scan"])
        scan_decide(sandbox=attempt.sandbox, user=user, scan=scan, **decision)


@solver("peak_planning")
def _peak(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    from sandbox.exercises.engine import exercise_answer
    from sandbox.forms import month_parse
    from sandbox.statistics_daily import movements_per_day

    brief = attempt.brief
    figures = movements_per_day(
        sandbox=attempt.sandbox, crossing_point=brief["crossing_point"], month=month_parse(brief["month"])
    )
    average, peak = figures.average("EXIT"), figures.peak("EXIT")
    if mistake == "peak.average_high":
        average *= 1.1
    days = figures.peak_days("EXIT")
    data = {
        "average_exits": f"{average:.2f}",
        "peak_exits": str(peak),
        "peak_date": days[0].isoformat() if days else "",
    }
    exercise_answer(user=user, token=attempt.token, data=data)


# The alert exercises (#4, #5, #12, #14 and the primary line's referral)


def screened_register(
    user: User,
    attempt: ExerciseAttempt,
    *,
    mrz: str,
    crossing_point: str,
    local_time: str | dt.datetime,
    attach: bool = True,
    **fields,
):
    """The primary line as the movement screen does it: read the zone, screen the traveller
    before the decision (`sandbox.screening.screen`), register the movement with the decision and
    the screening's hits (unless `attach` is False). Returns the movement and the screening."""
    from sandbox.mrz import mrz_read
    from sandbox.screening import Traveller, screen
    from sandbox.selectors import document_find

    point = CrossingPoint.objects.select_related("country").get(code=crossing_point)
    local = dt.datetime.fromisoformat(local_time) if isinstance(local_time, str) else local_time
    data = mrz_read(mrz)
    document = document_find(sandbox=attempt.sandbox, number=data.number, issuing_state=data.issuing_state)
    screening = screen(
        sandbox=attempt.sandbox,
        actor=user,
        crossing_point=point,
        direction=fields.get("direction", "ENTRY"),
        traveller=Traveller(
            given_names=data.given_names,
            surnames=data.surnames,
            birth_date=data.birth_date,
            nationality=data.nationality,
            document_number=data.number,
            issuing_state=data.issuing_state,
            sex=data.sex,
        ),
        on=local.date(),
        person_uid=document.person_uid if document is not None else None,
        document_uid=document.uid if document is not None else None,
        scenario=attempt.pk,
    )
    from sandbox.services_movements import ScreeningOutcome

    outcome = ScreeningOutcome(ref="", result=screening.result, hit_uids=tuple(hit.uid for hit in screening.hits))
    fields = {"direction": "ENTRY", **fields}
    # Admitting over a blocking hit and a referral without its hits are refused or impossible on
    # the screens; the mistakes are written past them, so the checkers are proved to name them.
    admitted_past_the_screen = fields["decision"] == "ADMITTED" and screening.blocking
    if admitted_past_the_screen:
        fields = {**fields, "decision": "REFERRED", "refusal_code": "SCREENING_HIT"}
    movement = services.movement_register(
        sandbox=attempt.sandbox,
        user=user,
        mrz=mrz,
        crossing_point=point,
        local_time=local,
        scenario=attempt.pk,
        screening=outcome,
        **fields,
    )
    if admitted_past_the_screen:
        movement = services.record_update(
            sandbox=attempt.sandbox, record=movement, decision="ADMITTED", refusal_code="", refusal_reason=""
        )
    if not attach:
        for hit in AlertHit.objects.visible_to(attempt.sandbox).filter(movement_uid=movement.uid):
            services.record_update(sandbox=attempt.sandbox, record=hit, movement_uid=None)
    return movement, screening


@solver("alert_stolen_passport")
def _stolen(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    from django.utils import timezone

    from sandbox.alerts import alert_create, alert_request_approval
    from sandbox.models import AlertCategory

    brief, expected = attempt.brief, attempt.expected
    category = AlertCategory.objects.get(code="DOC_REVOKED" if mistake == "stolen.category" else "DOC_LOST_STOLEN")
    today = timezone.localdate()
    valid_until = dt.date.fromisoformat(expected["valid_until_at_least"])
    if mistake == "stolen.validity":
        valid_until -= dt.timedelta(days=100)
    fields = {
        "category": category,
        "document_number": brief["document_number"],
        "document_issuing_state_id": brief["issuing_state"],
        "issuing_country_id": brief["issuing_state"],
        "valid_from": today,
        "valid_until": valid_until,
        "sharing_scope": "NATIONAL" if mistake == "stolen.sharing" else "OCAM_ALL",
        "legal_reference": brief["report"],
    }
    if mistake == "stolen.action":
        fields["action"] = "INFO_ONLY"
    alert = alert_create(sandbox=attempt.sandbox, actor=user, scenario=attempt.pk, **fields)
    if mistake != "stolen.not_approved":
        alert_request_approval(sandbox=attempt.sandbox, alert=alert, actor=user)


@solver("hit_adjudication")
def _adjudication(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    from sandbox.screening import hit_adjudicate

    entries = attempt.expected["hits"]
    wrong = None
    if mistake == "adjudication.missed":
        wrong = next(entry["hit"] for entry in entries if entry["disposition"] == "CONFIRMED")
    elif mistake == "adjudication.wrongly_confirmed":
        wrong = next(entry["hit"] for entry in entries if entry["disposition"] == "FALSE_POSITIVE")
    for entry in entries:
        disposition = entry["disposition"]
        if entry["hit"] == wrong:
            disposition = "FALSE_POSITIVE" if disposition == "CONFIRMED" else "CONFIRMED"
        hit = AlertHit.objects.visible_to(attempt.sandbox).select_related("crossing_point").get(uid=entry["hit"])
        reason = (
            "Same nationality and national ID number; the alert wrote the name or date otherwise."
            if disposition == "CONFIRMED"
            else "The national ID number differs from the alert's subject."
        )
        hit_adjudicate(sandbox=attempt.sandbox, actor=user, hit=hit, disposition=disposition, reason=reason)


@solver("minor_exit_stale_alert")
def _minor_exit(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    from sandbox.alerts import alert_transition
    from sandbox.models import Alert

    brief, expected = attempt.brief, attempt.expected
    decision = {"decision": "REFERRED", "refusal_code": "MINOR_CONSENT"}
    if mistake == "minor.admitted":
        decision = {"decision": "ADMITTED"}
    elif mistake == "minor.refused":
        decision = {"decision": "REFUSED", "refusal_code": "MINOR_CONSENT"}
    elif mistake == "minor.reason":
        decision = {"decision": "REFERRED", "refusal_code": "OTHER", "refusal_reason": "Revisión"}
    screened_register(
        user,
        attempt,
        mrz=brief["child_mrz"],
        crossing_point=brief["crossing_point"],
        local_time=brief["leaves_at"],
        direction="EXIT",
        **decision,
    )
    alert = Alert.objects.visible_across(attempt.sandbox).select_related("category").get(uid=expected["alert"])
    if mistake != "minor.no_follow_up":
        alert = alert_transition(
            sandbox=attempt.sandbox,
            alert=alert,
            actor=user,
            kind="FOLLOW_UP",
            justification="The child was found, the parent says; the alert seems stale: please review it.",
        )
    if mistake == "minor.alert_changed":
        alert_transition(
            sandbox=attempt.sandbox, alert=alert, actor=user, kind="SUSPEND", justification="The child was found."
        )


@solver("alert_lifecycle_review")
def _lifecycle(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    from sandbox.alerts import alert_transition
    from sandbox.models import Alert

    def change(entry: dict, kind: str, **fields) -> None:
        alert = Alert.objects.visible_across(attempt.sandbox).select_related("category").get(uid=entry["alert"])
        alert_transition(sandbox=attempt.sandbox, alert=alert, actor=user, kind=kind, **fields)

    for entry in attempt.expected["alerts"]:
        role = entry["role"]
        if role == "extend":
            until = dt.date.fromisoformat(entry["extended_until"])
            if mistake == "lifecycle.extend":
                until -= dt.timedelta(days=30)
            change(entry, "EXTEND", valid_until=until, justification="Court order extending the measure.")
        elif role == "expire":
            if mistake == "lifecycle.expire":
                change(entry, "CANCEL", justification="No longer needed.")
            else:
                change(entry, "EXPIRE")
        elif role == "fulfil":
            if mistake == "lifecycle.fulfil":
                change(entry, "REVIEW")
            else:
                change(entry, "FULFIL", justification="Arrested, as the police report.")
        elif role == "review":
            if mistake != "lifecycle.review":
                change(entry, "REVIEW")
        elif mistake == "lifecycle.changed":
            change(entry, "SUSPEND", justification="Suspended while reviewing the others.")


@solver("primary_referral")
def _primary(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    briefs = {brief["name"]: brief for brief in attempt.brief["travellers"]}
    for entry in attempt.expected["travellers"]:
        brief = briefs[entry["name"]]
        fields: dict = {"decision": "ADMITTED", "authorised_stay_days": brief["stay"]}
        attach = True
        if entry["role"] == "blocking":
            fields = {"decision": "REFERRED", "refusal_code": "SCREENING_HIT"}
            if mistake == "primary.hit_admitted":
                fields = {"decision": "ADMITTED", "authorised_stay_days": brief["stay"]}
            elif mistake == "primary.hit_refused":
                fields = {"decision": "REFUSED", "refusal_code": "SCREENING_HIT"}
            attach = mistake != "primary.hits_not_attached"
        elif entry["role"] == "discreet" and mistake == "primary.over_referral":
            fields = {"decision": "REFERRED", "refusal_code": "SCREENING_HIT"}
        screened_register(
            user,
            attempt,
            mrz=brief["mrz"],
            crossing_point=attempt.brief["crossing_point"],
            local_time=brief["arrives_at"],
            attach=attach,
            purpose=TravelPurpose.objects.get(code="TOURISM") if fields["decision"] == "ADMITTED" else None,
            **fields,
        )


def _consult(
    user: User, attempt: ExerciseAttempt, *, purpose: str, case_reference: str, countries: list[str] | None = None
):
    """A query by the brief's name and date of birth to every other member (or `countries`), as
    the consultation form sends it from the exercise's page (marked with the attempt). Someone
    bound to no country (IOM staff) first acts for the scenario's country, as the screens let them."""
    from sandbox.consultation import BY_NAME, QueryParameters, member_countries, query_send
    from sandbox.job_functions import sandbox_country_switch

    brief, sandbox = attempt.brief, attempt.sandbox
    if not sandbox.country_id:
        sandbox = sandbox_country_switch(sandbox=sandbox, user=user, country=brief["country"])
    return query_send(
        sandbox=sandbox,
        user=user,
        parameters=QueryParameters(
            kind=BY_NAME,
            given_names=brief["given_names"],
            surnames=brief["surnames"],
            birth_date=dt.date.fromisoformat(brief["birth_date"]),
        ),
        countries=countries or [code for code in member_countries() if code != sandbox.country_id],
        purpose_code=purpose,
        case_reference=case_reference,
        scenario=attempt.pk,
    )


@solver("consultation_verify_nationality")
def _verify_nationality(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    from sandbox.models import QueryResult
    from sandbox.requests import request_send

    brief = attempt.brief
    purpose = "INVESTIGATION" if mistake in ("verify.purpose", "verify.biometrics") else "RETURN_VERIFICATION"
    countries = None
    if mistake == "verify.no_hit":
        countries = [code for code in ("GTM", "SLV", "NIC") if code not in (brief["partner"], brief["country"])]
    query = _consult(user, attempt, purpose=purpose, case_reference=brief["case_reference"], countries=countries)
    hit = QueryResult.objects.visible_to(query.sandbox).filter(
        query_uid=query.uid, country_id=brief["partner"], outcome="HIT"
    )
    result = hit.first()
    if result is None or mistake == "verify.no_request":
        return
    fields = ["full_name", "birth_date", "nationality", "national_id"]
    if mistake == "verify.too_many":
        fields += ["sex", "birth_country"]
    elif mistake == "verify.not_enough":
        fields = ["full_name", "birth_date"]
    elif mistake == "verify.purpose":
        # An investigation's fields: no nationality to ask for.
        fields = ["full_name", "birth_date", "document"]
    elif mistake == "verify.biometrics":
        fields = ["full_name", "birth_date", "photograph"]
    request_send(
        sandbox=query.sandbox,
        user=user,
        result=result,
        fields=fields,
        justification=f"Return file {brief['case_reference']}: the returnee claims this nationality.",
        scenario=attempt.pk,
    )


@solver("consultation_case_reference")
def _case_reference(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    from django.core.exceptions import ValidationError

    brief = attempt.brief
    purpose = "BORDER_CHECK" if mistake == "case_reference.purpose" else brief["purpose"]
    # The prepared consultation, sent as it is: refused, nothing written.
    with contextlib.suppress(ValidationError):
        _consult(user, attempt, purpose=purpose, case_reference="")
    reference = "EXP-0000" if mistake == "case_reference.wrong" else f"  {brief['case_reference'].lower()} "
    _consult(user, attempt, purpose=purpose, case_reference=reference)


@solver("audit_review")
def _audit_review(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    """Flag the scenario's anomalies in the audit viewer; "audit.missed": only those without a
    case reference; "audit.false_flags": every event of the period."""
    from sandbox.services_audit import audit_flag

    anomalies = attempt.expected["anomalies"]
    if mistake == "audit.missed":
        uids = anomalies["NO_CASE_REF"]
    elif mistake == "audit.false_flags":
        uids = attempt.expected["events"]
    else:
        uids = [uid for kind_uids in anomalies.values() for uid in kind_uids]
    audit_flag(sandbox=attempt.sandbox, actor=user, uids=uids, flag=True, note="Fuera de la tarea asignada.")


@solver("incoming_request_minimal")
def _incoming_minimal(user: User, attempt: ExerciseAttempt, mistake: str | None) -> None:
    """Approve in part the minimum with a reason; "incoming.over_release": approve (every allowed
    field asked goes); "incoming.under_release": refuse; "incoming.unanswered": leave it."""
    from sandbox.models import InformationRequest
    from sandbox.requests import incoming_answer

    if mistake == "incoming.unanswered":
        return
    request = InformationRequest.objects.visible_to(attempt.sandbox).get(uid=attempt.expected["request"])
    decision = {"incoming.over_release": "APPROVE", "incoming.under_release": "REFUSE"}.get(mistake, "PARTIAL")
    incoming_answer(
        sandbox=attempt.sandbox,
        user=user,
        request=request,
        decision=decision,
        fields=attempt.expected["minimum"] if decision == "PARTIAL" else (),
        reason="" if decision == "APPROVE" else "Solo lo necesario para verificar la nacionalidad.",
    )
