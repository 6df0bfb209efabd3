"""Starting, checking, answering and restarting exercises in a learner's sandbox.

- `exercise_start` returns the learner's open attempt at an exercise, or builds attempt 1 (or
  the next one, after a whole-sandbox reset deleted the open one's scenario);
- `exercise_answer` records the answer of a type that asks for one (a figure, a list);
- `exercise_check` grades what the learner did in their sandbox and records the check once:
  two clicks that saw the same number of checks record one;
- `exercise_restart` deletes that attempt's scenario and what the learner did on it, and builds
  the next attempt; the rest of the sandbox stays as it is.

Starting or restarting switches the sandbox to the job function the type practises
(`sandbox.job_functions.sandbox_role_for_exercise`): the exercise a trainer set grants it.

Every refusal is an `ExerciseRefused` with a message for the learner, never a server error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sandbox.exercises.base import BuildContext, CheckContext, ExerciseType
from sandbox.exercises.registry import exercise_type
from sandbox.exercises.seeds import attempt_seed
from sandbox.exercises.writing import resolve, scenario_remove, scenario_uids, scenario_write
from sandbox.job_functions import sandbox_role_for_exercise
from sandbox.models import AttemptState, ExerciseAttempt, ExerciseCheck, Sandbox
from sandbox.services import sandbox_get_or_create

if TYPE_CHECKING:
    from people.models import User


class ExerciseRefused(Exception):
    """An action on an exercise that cannot be done now; the message says why, for the learner."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class ExerciseSpec:
    """An exercise as whoever sets it describes it to the engine."""

    key: str
    type_slug: str
    parameters: dict[str, Any]
    title: str = ""
    pass_mark: int | None = None
    return_path: str = ""

    @property
    def kind(self) -> ExerciseType:
        return exercise_type(self.type_slug)


def attempt_is_stale(attempt: ExerciseAttempt, sandbox: Sandbox | None = None) -> bool:
    """Whether a whole-sandbox reset deleted the attempt's scenario after it was built."""
    sandbox = sandbox or attempt.sandbox
    return attempt.is_open and sandbox.reset_count != attempt.sandbox_resets


def _build(*, sandbox: Sandbox, spec: ExerciseSpec, number: int, now: dt.datetime) -> ExerciseAttempt:
    """Attempt `number`: its scenario planned from its seed, its uids allocated, the attempt
    recorded with its brief and expected outcome, then the scenario's rows written under it."""
    kind = spec.kind
    parameters = kind.parameters_clean(spec.parameters)
    seed = attempt_seed(learner_id=sandbox.owner_id, exercise_key=spec.key, number=number)
    plan = kind.build(BuildContext(seed=seed, parameters=parameters, anchor=now, sandbox=sandbox))
    uids = scenario_uids(sandbox=sandbox, plan=plan)
    attempt = ExerciseAttempt.objects.create(
        sandbox=sandbox,
        exercise_key=spec.key,
        exercise_type=kind.slug,
        title=spec.title[:200],
        parameters=parameters,
        number=number,
        seed=seed,
        started_at=now,
        sandbox_resets=sandbox.reset_count,
        pass_mark=spec.pass_mark if spec.pass_mark is not None else kind.default_pass_mark,
        return_path=spec.return_path[:300],
        brief=resolve(plan.brief, uids),
        records=uids,
        expected=resolve(plan.expected, uids),
    )
    scenario_write(sandbox=sandbox, plan=plan, scenario=attempt.pk, uids=uids)
    return attempt


def _locked_sandbox(user: User) -> Sandbox:
    """The learner's sandbox, locked: one exercise action at a time per learner, so that two
    starts never build two attempts 1 (created at the first, then locked)."""
    sandbox = Sandbox.objects.select_for_update().filter(owner=user).first()
    if sandbox is None:
        sandbox_get_or_create(user=user)
        sandbox = Sandbox.objects.select_for_update().get(owner=user)
    return sandbox


def _locked_with_attempts(user: User, key: str) -> tuple[Sandbox, list[tuple[int, int, str]]]:
    """The learner's sandbox, locked as `_locked_sandbox` locks it, and their attempts at the
    exercise as (id, number, state), in one statement (a LEFT JOIN locking the sandbox's row)."""
    sandbox_table = connection.ops.quote_name(Sandbox._meta.db_table)
    attempt_table = connection.ops.quote_name(ExerciseAttempt._meta.db_table)
    columns = ", ".join(f"s.{connection.ops.quote_name(field.column)}" for field in Sandbox._meta.concrete_fields)
    lock = " FOR UPDATE OF s" if connection.features.has_select_for_update_of else ""
    sql = (
        f"SELECT {columns}, a.id, a.number, a.state FROM {sandbox_table} s "  # noqa: S608 - names from the models
        f"LEFT JOIN {attempt_table} a ON a.sandbox_id = s.id AND a.exercise_key = %s "
        f"WHERE s.owner_id = %s ORDER BY a.number{lock}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, user.pk])
        rows = cursor.fetchall()
    if not rows:
        return _locked_sandbox(user), []
    width = len(Sandbox._meta.concrete_fields)
    sandbox = Sandbox.from_db(
        connection.alias, [field.attname for field in Sandbox._meta.concrete_fields], rows[0][:width]
    )
    return sandbox, [tuple(row[width:]) for row in rows if row[width] is not None]


def exercise_start(*, user: User, spec: ExerciseSpec, now: dt.datetime | None = None) -> ExerciseAttempt:
    """The learner's open attempt at the exercise, built now if there is none."""
    now = now or timezone.now()
    with transaction.atomic():
        sandbox, attempts = _locked_with_attempts(user, spec.key)
        sandbox_role_for_exercise(sandbox=sandbox, user=user, type_role=spec.kind.role)
        open_ids = [pk for pk, _number, state in attempts if state == AttemptState.OPEN]
        if open_ids:
            current = ExerciseAttempt.objects.get(pk=open_ids[0])
            if not attempt_is_stale(current, sandbox):
                return current
            # Its scenario went with a whole-sandbox reset: close it.
            ExerciseAttempt.objects.filter(pk=current.pk).update(state=AttemptState.RESTARTED, ended_at=now)
        last = attempts[-1][1] if attempts else 0
        return _build(sandbox=sandbox, spec=spec, number=last + 1, now=now)


def _open_attempt(*, user: User, token: Any) -> ExerciseAttempt:
    attempt = (
        ExerciseAttempt.objects.select_for_update()
        .select_related("sandbox")
        .filter(token=token, sandbox__owner=user)
        .first()
    )
    if attempt is None:
        raise ExerciseRefused(_("This exercise attempt is not yours or does not exist."), code="missing")
    if not attempt.is_open:
        raise ExerciseRefused(
            _("This attempt was restarted: the exercise now has a new scenario. Work on the current attempt."),
            code="restarted",
        )
    if attempt_is_stale(attempt):
        raise ExerciseRefused(
            _(
                "Your sandbox was reset after this exercise started, so its scenario is gone. "
                "Start the exercise again to get a new one."
            ),
            code="stale",
        )
    return attempt


def exercise_restart(*, user: User, token: Any, now: dt.datetime | None = None) -> ExerciseAttempt:
    """Delete the attempt's scenario and what the learner did on it, and build the next attempt."""
    now = now or timezone.now()
    with transaction.atomic():
        _locked_sandbox(user)
        attempt = (
            ExerciseAttempt.objects.select_for_update()
            .select_related("sandbox")
            .filter(token=token, sandbox__owner=user)
            .first()
        )
        if attempt is None:
            raise ExerciseRefused(_("This exercise attempt is not yours or does not exist."), code="missing")
        if not attempt.is_open:
            raise ExerciseRefused(_("This attempt was already restarted."), code="restarted")
        scenario_remove(sandbox=attempt.sandbox, scenario=attempt.pk)
        sandbox_role_for_exercise(
            sandbox=attempt.sandbox, user=user, type_role=exercise_type(attempt.exercise_type).role
        )
        ExerciseAttempt.objects.filter(pk=attempt.pk).update(state=AttemptState.RESTARTED, ended_at=now)
        spec = ExerciseSpec(
            key=attempt.exercise_key,
            type_slug=attempt.exercise_type,
            parameters=attempt.parameters,
            title=attempt.title,
            pass_mark=attempt.pass_mark,
            return_path=attempt.return_path,
        )
        return _build(sandbox=attempt.sandbox, spec=spec, number=attempt.number + 1, now=now)


def exercise_answer(*, user: User, token: Any, data: Any, now: dt.datetime | None = None) -> ExerciseAttempt:
    """Record the learner's answer; a ValidationError (from the type's form) when it is not one."""
    with transaction.atomic():
        attempt = _open_attempt(user=user, token=token)
        form = exercise_type(attempt.exercise_type).answer_form(attempt, data=data)
        if form is None:
            raise ExerciseRefused(_("This exercise does not ask for an answer."), code="no_answer")
        if not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        attempt.answer = form.cleaned_answer() if hasattr(form, "cleaned_answer") else form.cleaned_data
        attempt.answered_at = now or timezone.now()
        attempt.save(update_fields=["answer", "answered_at"])
        return attempt


@dataclass(frozen=True)
class CheckOutcome:
    check: ExerciseCheck
    attempt: ExerciseAttempt
    # False when this call found the check already recorded by a concurrent click.
    is_new: bool


def exercise_check(
    *, user: User, token: Any, checks_seen: int | None = None, now: dt.datetime | None = None
) -> CheckOutcome:
    """Grade the attempt against the learner's sandbox and record the check.

    `checks_seen` is how many checks the learner's page showed: a second click that saw the same
    number finds the first click's check and records nothing."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            attempt = _open_attempt(user=user, token=token)
            if checks_seen is not None and checks_seen < attempt.checks_made:
                latest = attempt.checks.order_by("-number").first()
                return CheckOutcome(check=latest, attempt=attempt, is_new=False)
            kind = exercise_type(attempt.exercise_type)
            result = kind.check(CheckContext(sandbox=attempt.sandbox, attempt=attempt))
            score = max(0, min(100, int(result.score)))
            passed = score >= attempt.pass_mark
            check = ExerciseCheck.objects.create(
                attempt=attempt,
                number=attempt.checks_made + 1,
                checked_at=now,
                score=score,
                is_passed=passed,
                findings=[finding.as_json() for finding in result.findings],
                answer=attempt.answer,
            )
            attempt.checks_made += 1
            attempt.best_score = max(attempt.best_score or 0, score)
            if passed and attempt.passed_at is None:
                attempt.passed_at = now
            attempt.save(update_fields=["checks_made", "best_score", "passed_at"])
            return CheckOutcome(check=check, attempt=attempt, is_new=True)
    except IntegrityError:
        # Two checks at once on a database without row locks: the other one was recorded.
        attempt = ExerciseAttempt.objects.get(token=token, sandbox__owner=user)
        return CheckOutcome(check=attempt.checks.order_by("-number").first(), attempt=attempt, is_new=False)
