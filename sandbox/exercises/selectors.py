"""Reads of exercise attempts: a learner's own, and those a trainer may inspect."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from sandbox.models import ExerciseAttempt, ExerciseCheck

if TYPE_CHECKING:
    from people.models import User


def attempts_of(*, user: User, exercise_key: str) -> list[ExerciseAttempt]:
    """The learner's attempts at one exercise, first to last."""
    return list(
        ExerciseAttempt.objects.filter(sandbox__owner=user, exercise_key=exercise_key)
        .select_related("sandbox")
        .order_by("number")
    )


def attempts_by_key(*, user: User, exercise_keys: Iterable[str]) -> dict[str, list[ExerciseAttempt]]:
    """The learner's attempts at several exercises (a lesson's), by exercise key: one query."""
    found: dict[str, list[ExerciseAttempt]] = {}
    rows = (
        ExerciseAttempt.objects.filter(sandbox__owner=user, exercise_key__in=list(exercise_keys))
        .select_related("sandbox")
        .order_by("exercise_key", "number")
    )
    for attempt in rows:
        found.setdefault(attempt.exercise_key, []).append(attempt)
    return found


def attempt_own(*, user: User, token: Any) -> ExerciseAttempt | None:
    """One of the learner's own attempts, or None (another learner's attempt is never found)."""
    return ExerciseAttempt.objects.select_related("sandbox").filter(token=token, sandbox__owner=user).first()


def attempt_open_own(*, user: User, token: Any) -> ExerciseAttempt | None:
    """The learner's own open attempt a token names (its scenario still there), or None for
    anything else: a malformed token, another learner's, a restarted or stale attempt."""
    from sandbox.exercises.engine import attempt_is_stale

    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    attempt = attempt_own(user=user, token=token)
    if attempt is None or not attempt.is_open or attempt_is_stale(attempt):
        return None
    return attempt


def attempt_checks(*, attempt: ExerciseAttempt) -> list[ExerciseCheck]:
    return list(attempt.checks.order_by("number"))


def attempts_for_exercises(*, exercise_keys: Iterable[str], sandboxes: QuerySet | None = None) -> QuerySet:
    """Every attempt at these exercises (of the sandboxes given, when given), for reports."""
    attempts = ExerciseAttempt.objects.filter(exercise_key__in=list(exercise_keys))
    if sandboxes is not None:
        attempts = attempts.filter(sandbox__in=sandboxes)
    return attempts.select_related("sandbox__owner").order_by("exercise_key", "sandbox_id", "number")


@dataclass(frozen=True)
class ExerciseSummary:
    """One exercise across learners: how many tried, passed, the attempts it took, the mistakes."""

    exercise_key: str
    learners: int
    passed: int
    attempts_to_pass: float | None
    findings: list[tuple[str, int]]  # (finding code, learners who got it), most frequent first

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.learners if self.learners else None


def exercise_summaries(
    *, exercise_keys: Iterable[str], sandboxes: QuerySet | None = None
) -> dict[str, ExerciseSummary]:
    """Per exercise: learners who started it, passed it, the mean attempt number of the pass, and
    each finding code with how many learners' checks named it (each learner once per code)."""
    keys = list(exercise_keys)
    attempts = ExerciseAttempt.objects.filter(exercise_key__in=keys)
    checks = ExerciseCheck.objects.filter(attempt__exercise_key__in=keys)
    if sandboxes is not None:
        attempts = attempts.filter(sandbox__in=sandboxes)
        checks = checks.filter(attempt__sandbox__in=sandboxes)
    learners: dict[str, set[int]] = {}
    first_pass: dict[tuple[str, int], int] = {}
    for key, sandbox_id, number, passed_at in attempts.values_list(
        "exercise_key", "sandbox_id", "number", "passed_at"
    ).order_by("number"):
        learners.setdefault(key, set()).add(sandbox_id)
        if passed_at is not None:
            first_pass.setdefault((key, sandbox_id), number)
    seen: dict[str, Counter] = {}
    named: set[tuple[str, int, str]] = set()
    for key, sandbox_id, findings in checks.values_list("attempt__exercise_key", "attempt__sandbox_id", "findings"):
        for finding in findings or []:
            mark = (key, sandbox_id, finding.get("code", ""))
            if mark not in named:
                named.add(mark)
                seen.setdefault(key, Counter())[mark[2]] += 1
    summaries = {}
    for key in keys:
        passes = [number for (pass_key, _sandbox), number in first_pass.items() if pass_key == key]
        summaries[key] = ExerciseSummary(
            exercise_key=key,
            learners=len(learners.get(key, ())),
            passed=len(passes),
            attempts_to_pass=sum(passes) / len(passes) if passes else None,
            findings=seen.get(key, Counter()).most_common(),
        )
    return summaries
