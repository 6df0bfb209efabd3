"""Doing exercises as a learner would, through the services the sandbox's screens call."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sandbox import services
from sandbox.exercises.engine import ExerciseSpec, exercise_check, exercise_start
from sandbox.models import CrossingPoint, ExerciseAttempt, TravelPurpose


def start(user, type_slug: str, key: str = "lesson:exercise", **parameters: Any) -> ExerciseAttempt:
    return exercise_start(user=user, spec=ExerciseSpec(key=key, type_slug=type_slug, parameters=parameters))


def check(user, attempt: ExerciseAttempt):
    return exercise_check(user=user, token=attempt.token).check


def register(user, attempt: ExerciseAttempt, *, mrz: str, crossing_point: str, scenario: bool = True, **fields: Any):
    """Register a movement in the learner's sandbox as the movement screen does."""
    point = CrossingPoint.objects.select_related("country").get(code=crossing_point)
    purpose = fields.pop("purpose", None)
    values = {
        "direction": "ENTRY",
        "decision": "ADMITTED",
        "local_time": dt.datetime.fromisoformat(attempt.brief.get("arrives_at", attempt.started_at.isoformat())),
        **fields,
    }
    return services.movement_register(
        sandbox=attempt.sandbox,
        user=user,
        mrz=mrz,
        crossing_point=point,
        purpose=TravelPurpose.objects.get(code=purpose) if purpose else None,
        scenario=attempt.pk if scenario else None,
        **values,
    )


def another_number(mrz: str, number: str) -> str:
    """The same document's zone with another document number (what a mistyped number gives): a
    passport's or a card's, valid check digits."""
    from sandbox.mrz import mrz_compose_td1, mrz_compose_td3, mrz_read

    data = mrz_read(mrz)
    compose = mrz_compose_td3 if data.format == "TD3" else mrz_compose_td1
    return compose(
        document_code=data.document_code,
        issuing_state=data.issuing_state,
        surnames=data.surnames,
        given_names=data.given_names,
        number=number,
        nationality=data.nationality,
        birth_date=data.birth_date,
        sex=data.sex,
        expiry_date=data.expiry_date,
    )
