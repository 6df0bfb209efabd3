"""Reference solutions: what a learner who does an exercise right, or with one named mistake,
does in their sandbox, through the same services as the screens.

The demo content uses them to give demo learners real attempts (passed, and failed with the
findings a trainer then reads), and the benchmarks to fill layers as learners would. Each
type's solver takes the attempt and a mistake (a finding code of the type, or None).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from sandbox import services
from sandbox.models import CrossingPoint, ExerciseAttempt, TravelPurpose

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
