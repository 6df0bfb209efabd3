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
