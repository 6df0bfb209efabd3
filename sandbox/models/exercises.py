"""Graded exercises in a learner's sandbox: each attempt (one scenario), and each check of it.

An exercise is named by whoever sets it (`exercise_key`, opaque here: the courses app uses the
lesson's translation key and the block's id) and has a type of `sandbox.exercises`. Each start
or restart is an `ExerciseAttempt` with the next number, a seed derived from the learner, the
exercise and that number, and a scenario: the records its builder wrote into the learner's layer,
marked with the attempt's id (`LayeredModel.scenario`). Each "check" is an `ExerciseCheck`.

Invariants (database constraints):
- attempts of one learner and exercise are numbered 1, 2, ... and at most one is open;
- checks of one attempt are numbered 1, 2, ...: two clicks on "check" that both saw check n
  record one check n+1 (`sandbox.exercises.engine.exercise_check`);
- `expected` (what a correct solution gives) stays on the server: no screen renders it.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from sandbox.models.choices import in_choices
from sandbox.models.sandboxes import Sandbox


class AttemptState(models.TextChoices):
    OPEN = "OPEN", _("In progress")
    RESTARTED = "RESTARTED", _("Restarted")


class ExerciseAttempt(models.Model):
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sandbox = models.ForeignKey(
        Sandbox, verbose_name=_("sandbox"), on_delete=models.CASCADE, related_name="exercise_attempts"
    )
    exercise_key = models.CharField(_("exercise"), max_length=120)
    exercise_type = models.CharField(_("exercise type"), max_length=40)
    title = models.CharField(_("title"), max_length=200, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict)
    number = models.PositiveSmallIntegerField(_("attempt"))
    seed = models.BigIntegerField(_("seed"))
    state = models.CharField(_("state"), max_length=10, choices=AttemptState.choices, default=AttemptState.OPEN)
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("restarted at"), null=True, blank=True)
    # The sandbox's reset count when the scenario was built: a whole-sandbox reset since then
    # deleted the scenario, which a check says instead of grading an empty sandbox.
    sandbox_resets = models.PositiveIntegerField(default=0)
    # What the learner reads (rendered in their language by the type's template), and the
    # scenario's records by the builder's names (uids in the learner's layer).
    brief = models.JSONField(default=dict)
    records = models.JSONField(default=dict)
    # What a correct solution gives: read by the checker only, never sent to the learner.
    expected = models.JSONField(default=dict)
    # The answer the learner recorded, for exercises that ask for one (a figure, a list).
    answer = models.JSONField(default=dict, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    checks_made = models.PositiveIntegerField(_("checks"), default=0)
    best_score = models.PositiveSmallIntegerField(_("best score"), null=True, blank=True)
    passed_at = models.DateTimeField(_("passed at"), null=True, blank=True)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark"), default=100)
    # Where the learner goes back to (the lesson that set the exercise): a path on this site.
    return_path = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("exercise attempt")
        verbose_name_plural = _("exercise attempts")
        ordering = ["sandbox", "exercise_key", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["sandbox", "exercise_key", "number"], name="sandbox_exerciseattempt_number_unique"
            ),
            models.UniqueConstraint(
                fields=["sandbox", "exercise_key"],
                condition=models.Q(state="OPEN"),
                name="sandbox_exerciseattempt_one_open",
            ),
            models.CheckConstraint(condition=in_choices("state", AttemptState), name="sandbox_exerciseattempt_state"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="sandbox_exerciseattempt_number_positive"),
            models.CheckConstraint(
                condition=models.Q(best_score__isnull=True) | models.Q(best_score__lte=100),
                name="sandbox_exerciseattempt_score_range",
            ),
            models.CheckConstraint(
                condition=models.Q(state="OPEN") | models.Q(ended_at__isnull=False),
                name="sandbox_exerciseattempt_restart_dated",
            ),
        ]
        indexes = [models.Index(fields=["exercise_key", "exercise_type"], name="sandbox_attempt_exercise")]

    def __str__(self) -> str:
        return f"{self.exercise_type} #{self.number} ({self.sandbox})"

    @property
    def is_open(self) -> bool:
        return self.state == AttemptState.OPEN

    @property
    def is_passed(self) -> bool:
        return self.passed_at is not None


class ExerciseCheck(models.Model):
    """One "check my work": the score and the findings, as the learner was told them."""

    attempt = models.ForeignKey(ExerciseAttempt, on_delete=models.CASCADE, related_name="checks")
    number = models.PositiveIntegerField(_("check"))
    checked_at = models.DateTimeField(_("checked at"))
    score = models.PositiveSmallIntegerField(_("score"))
    is_passed = models.BooleanField(_("passed"), default=False)
    # [{"code": ..., "params": {...}}]: rendered in the reader's language (`sandbox.exercises.findings`).
    findings = models.JSONField(_("findings"), default=list)
    answer = models.JSONField(_("answer checked"), default=dict, blank=True)

    class Meta:
        verbose_name = _("exercise check")
        verbose_name_plural = _("exercise checks")
        ordering = ["attempt", "number"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "number"], name="sandbox_exercisecheck_number_unique"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="sandbox_exercisecheck_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.number}: {self.score}"
