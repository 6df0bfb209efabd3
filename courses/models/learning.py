"""What learners do: enrolments and cohorts, completed lessons, quiz attempts and activity results.

Invariants:
- one enrolment per learner, course and cycle (a later cycle is a re-certification);
- a course is named by its pages' `translation_key`, a lesson likewise, so that everything
  here holds in both languages;
- one quiz attempt in progress at a time per learner and quiz; a submitted attempt is never
  changed again;
- percentages are computed by the services from the answers, never edited by hand;
- every choice field is backed by a named database constraint.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.roles import GROUP_NAMES, Role


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("Self-enrolled")
    TRAINER = "trainer", _("Enrolled by a trainer")
    COHORT = "cohort", _("Member of a cohort")
    RENEWAL = "renewal", _("Renewing a certificate")
    MANDATORY = "mandatory", _("Mandatory training for the job")


class Cohort(models.Model):
    """A training wave: a group of learners who take one course together, with a due date."""

    name = models.CharField(_("name"), max_length=200)
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="cohorts"
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        related_name="cohorts_trained",
        blank=True,
        limit_choices_to={"groups__name": GROUP_NAMES[Role.TRAINER]},
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    due_on = models.DateField(_("due date"), help_text=_("Members should complete the course by this date."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="courses_cohort_dates"),
            models.UniqueConstraint(fields=["course", "name"], name="courses_cohort_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A cohort cannot end before it starts.")})
        if self.starts_on and self.due_on and self.due_on < self.starts_on:
            raise ValidationError({"due_on": _("The due date cannot be before the cohort starts.")})


class Enrolment(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="enrolments"
    )
    course_key = models.UUIDField(_("course"), db_index=True)
    cycle = models.PositiveSmallIntegerField(_("cycle"), default=1)
    source = models.CharField(_("source"), max_length=16, choices=EnrolmentSource.choices)
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), null=True, blank=True, on_delete=models.SET_NULL, related_name="enrolments"
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    last_lesson_key = models.UUIDField(null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["learner", "course_key", "cycle"], name="courses_enrolment_unique"),
            models.CheckConstraint(
                condition=models.Q(source__in=EnrolmentSource.values), name="courses_enrolment_source_valid"
            ),
            models.CheckConstraint(condition=models.Q(cycle__gte=1), name="courses_enrolment_cycle_positive"),
        ]
        indexes = [models.Index(fields=["course_key", "completed_at"], name="courses_enrol_course_done")]

    def __str__(self) -> str:
        return f"{self.learner} · {self.course_key}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lesson_completions")
    lesson_key = models.UUIDField()
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("completed lesson")
        verbose_name_plural = _("completed lessons")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson_key"], name="courses_lesson_completion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.lesson_key}"


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    EXPIRED = "expired", _("Time ran out")


class QuizAttempt(models.Model):
    """One attempt at a lesson's quiz: the questions drawn, then the graded answers."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="quiz_attempts")
    lesson_key = models.UUIDField()
    block_id = models.CharField(max_length=64)
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS)
    # [{"question": <Question pk>, "seed": <shuffle seed or null>}], in the order shown.
    drawn = models.JSONField(default=list)
    started_at = models.DateTimeField(default=timezone.now)
    deadline_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The submitted form's answers, normalised: a second identical submission is recognised.
    responses = models.JSONField(null=True, blank=True)
    points_earned = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    points_possible = models.PositiveIntegerField(null=True, blank=True)
    score = models.DecimalField(_("score (%)"), max_digits=6, decimal_places=2, null=True, blank=True)
    is_passed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson_key", "block_id", "number"], name="courses_attempt_number_unique"
            ),
            models.UniqueConstraint(
                fields=["enrolment", "lesson_key", "block_id"],
                condition=models.Q(status="in_progress"),
                name="courses_attempt_one_in_progress",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=AttemptStatus.values), name="courses_attempt_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(submitted_at__isnull=False, score__isnull=False),
                name="courses_attempt_submitted_is_graded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.block_id} #{self.number}"

    def is_past_deadline(self, *, at=None) -> bool:
        return self.deadline_at is not None and (at or timezone.now()) > self.deadline_at


class QuizAnswer(models.Model):
    """One graded answer of a submitted attempt: what item analysis reads."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("courses.Question", on_delete=models.PROTECT, related_name="answers")
    question_key = models.UUIDField(db_index=True)
    position = models.PositiveSmallIntegerField()
    response = models.JSONField(null=True, blank=True)
    credit = models.DecimalField(max_digits=5, decimal_places=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="courses_answer_position_unique"),
            models.CheckConstraint(
                condition=models.Q(credit__gte=0, credit__lte=1), name="courses_answer_credit_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.position}"


class ActivityResult(models.Model):
    """The best result of a learner in one graded activity of a lesson (a quiz, a sandbox exercise)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="activity_results")
    lesson_key = models.UUIDField()
    block_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=32)
    best_score = models.DecimalField(max_digits=6, decimal_places=2)
    attempts = models.PositiveSmallIntegerField(default=0)
    passed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson_key", "block_id"], name="courses_activity_result_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.block_id}"

    @property
    def is_passed(self) -> bool:
        return self.passed_at is not None
