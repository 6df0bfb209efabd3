"""Reads for the trainers' course reports: enrolments, the completion funnel, quiz item analysis,
sandbox exercises, stuck learners.

Every report starts from `enrolment_list(viewer=...)`, so a trainer of one country's authority
sees that country's learners only; IOM trainers and administrators see all countries.

Item analysis follows classical test theory: a question's facility is the mean credit earned
on it (0 to 1); its discrimination index is the facility among the best 27% of attempts
minus the facility among the worst 27% (Kelley's groups), from -1 to 1. A question that the
best learners miss as often as the weakest (index under 0.2) deserves review.

Sandbox exercises: for each exercise of the course, the learners who started it, the share who
passed, the mean number of the attempt that passed, and the findings (what learners got wrong in
the sandbox) by how many learners' checks named each, most frequent first; for each learner, the
attempt history with every check's score and findings. Learners are those of the enrolments the
viewer may see (their sandboxes), so the same country scope applies.

The admin pages write every figure in the trainer's language (`courses.formatting`); the CSV
files are for spreadsheets and scripts: numbers as Python writes them (a point as decimal
separator, no thousands separator, no "%"), whatever the language, and never neutralised as
formulas.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from courses.blocks import ActivityRef
from courses.models import (
    AttemptStatus,
    CoursePage,
    Enrolment,
    LessonCompletion,
    Question,
    QuizAnswer,
    QuizAttempt,
)
from courses.selectors.enrolments import enrolment_list
from courses.selectors.exercises import EXERCISE_KIND, exercise_key
from courses.selectors.outline import course_activities, course_outline
from courses.selectors.pages import structure_course
from courses.selectors.quiz import attempts_used
from people.models import User
from people.selectors import Viewer
from sandbox.exercises.findings import finding_label, finding_texts
from sandbox.exercises.selectors import ExerciseSummary, attempts_for_exercises, exercise_summaries
from sandbox.models import ExerciseAttempt, ExerciseCheck, Sandbox

KELLEY_SHARE = Decimal("0.27")
DISCRIMINATION_REVIEW_BELOW = Decimal("0.2")


@dataclass(frozen=True)
class EnrolmentSummary:
    enrolled: int
    completed: int
    in_progress: int
    overdue: int

    @property
    def completion_rate(self) -> int:
        return round(100 * self.completed / self.enrolled) if self.enrolled else 0


def enrolment_summary(*, viewer: Viewer, course: CoursePage) -> EnrolmentSummary:
    today = timezone.localdate()
    counts = enrolment_list(viewer=viewer, course_key=course.translation_key).aggregate(
        enrolled=Count("pk"),
        completed=Count("pk", filter=Q(completed_at__isnull=False)),
        overdue=Count("pk", filter=Q(completed_at__isnull=True, due_on__lt=today)),
    )
    return EnrolmentSummary(
        enrolled=counts["enrolled"],
        completed=counts["completed"],
        in_progress=counts["enrolled"] - counts["completed"],
        overdue=counts["overdue"],
    )


@dataclass(frozen=True)
class FunnelStep:
    title: str
    learners: int
    share: int  # percent of enrolled learners


def completion_funnel(*, viewer: Viewer, course: CoursePage) -> list[FunnelStep]:
    """How many learners completed each module's required lessons, in course order."""
    enrolments = enrolment_list(viewer=viewer, course_key=course.translation_key)
    enrolled = enrolments.count()
    done: dict[int, set[uuid.UUID]] = defaultdict(set)
    for enrolment_id, lesson_key in LessonCompletion.objects.filter(enrolment__in=enrolments.values("pk")).values_list(
        "enrolment_id", "lesson_key"
    ):
        done[enrolment_id].add(lesson_key)
    steps = []
    for module in course_outline(course=course).modules:
        required = {lesson.key for lesson in module.lessons if lesson.is_required}
        learners = sum(1 for lessons in done.values() if required <= lessons) if required else 0
        steps.append(FunnelStep(module.title, learners, round(100 * learners / enrolled) if enrolled else 0))
    completed = enrolments.filter(completed_at__isnull=False).count()
    steps.append(FunnelStep("", completed, round(100 * completed / enrolled) if enrolled else 0))
    return steps


@dataclass(frozen=True)
class ItemStatistics:
    question_key: uuid.UUID
    prompt: str
    kind: str
    answers: int
    facility: Decimal
    discrimination: Decimal | None

    @property
    def needs_review(self) -> bool:
        return self.discrimination is not None and self.discrimination < DISCRIMINATION_REVIEW_BELOW


def item_analysis(*, viewer: Viewer, course: CoursePage) -> list[ItemStatistics]:
    """Facility and discrimination index of each question answered in the course's quizzes."""
    enrolments = enrolment_list(viewer=viewer, course_key=course.translation_key)
    rows = list(
        QuizAnswer.objects.filter(
            attempt__enrolment__in=enrolments.values("pk"), attempt__status=AttemptStatus.SUBMITTED
        ).values_list("question_key", "credit", "attempt_id", "attempt__score")
    )
    scores = sorted({(score, attempt_id) for _key, _credit, attempt_id, score in rows})
    group = int(len(scores) * KELLEY_SHARE)
    lower = {attempt_id for _score, attempt_id in scores[:group]}
    upper = {attempt_id for _score, attempt_id in scores[len(scores) - group :]} if group else set()
    credits: dict[uuid.UUID, list[Decimal]] = defaultdict(list)
    upper_credits: dict[uuid.UUID, list[Decimal]] = defaultdict(list)
    lower_credits: dict[uuid.UUID, list[Decimal]] = defaultdict(list)
    for key, credit, attempt_id, _score in rows:
        credits[key].append(credit)
        if attempt_id in upper:
            upper_credits[key].append(credit)
        if attempt_id in lower:
            lower_credits[key].append(credit)
    language = course.locale_id
    questions: dict[uuid.UUID, Question] = {}
    for question in Question.objects.filter(translation_key__in=credits).order_by("id"):
        if question.translation_key not in questions or question.locale_id == language:
            questions[question.translation_key] = question

    def mean(values: list[Decimal]) -> Decimal:
        return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"))

    statistics = []
    for key, values in credits.items():
        question = questions.get(key)
        discrimination = None
        if upper_credits[key] and lower_credits[key]:
            discrimination = mean(upper_credits[key]) - mean(lower_credits[key])
        statistics.append(
            ItemStatistics(
                question_key=key,
                prompt=question.prompt if question else "",
                kind=question.kind if question else "",
                answers=len(values),
                facility=mean(values),
                discrimination=discrimination,
            )
        )
    return sorted(statistics, key=lambda item: (item.discrimination is None, item.discrimination or 0, item.facility))


def course_exercises(*, course: CoursePage) -> list[ActivityRef]:
    """The sandbox exercises of a course's lessons, in course order (one query)."""
    return [
        activity for activity in course_activities(structure=structure_course(course)) if activity.kind == EXERCISE_KIND
    ]


def _learners_sandboxes(*, viewer: Viewer, course: CoursePage):
    """The sandboxes of the course's learners that the viewer may see."""
    learners = enrolment_list(viewer=viewer, course_key=course.translation_key).values("learner")
    return Sandbox.objects.filter(owner__in=learners)


@dataclass(frozen=True)
class ExerciseReport:
    activity: ActivityRef
    summary: ExerciseSummary
    findings: list[tuple[str, int]]  # (what the finding names, learners whose checks named it)

    @property
    def key(self) -> str:
        return exercise_key(self.activity.lesson_key, self.activity.block_id)

    @property
    def pass_rate(self) -> Decimal | None:
        """The share of the learners who started it that passed it, in percent."""
        rate = self.summary.pass_rate
        return None if rate is None else (Decimal(rate) * 100).quantize(Decimal("0.1"))


def exercise_reports(
    *, viewer: Viewer, course: CoursePage, exercises: list[ActivityRef] | None = None
) -> list[ExerciseReport]:
    """Each sandbox exercise of the course (or those given) across the learners the viewer may see
    (a fixed number of queries)."""
    exercises = course_exercises(course=course) if exercises is None else exercises
    if not exercises:
        return []
    keys = [exercise_key(activity.lesson_key, activity.block_id) for activity in exercises]
    summaries = exercise_summaries(exercise_keys=keys, sandboxes=_learners_sandboxes(viewer=viewer, course=course))
    return [
        ExerciseReport(
            activity=activity,
            summary=summaries[key],
            findings=[(finding_label(code), learners) for code, learners in summaries[key].findings],
        )
        for activity, key in zip(exercises, keys, strict=True)
    ]


def course_exercise(*, course: CoursePage, lesson_key: uuid.UUID, block_id: str) -> ActivityRef | None:
    """One sandbox exercise of the course, or None when the course has no such exercise."""
    return next(
        (a for a in course_exercises(course=course) if a.lesson_key == lesson_key and a.block_id == block_id), None
    )


@dataclass(frozen=True)
class CheckHistory:
    check: ExerciseCheck
    findings: list[str]  # in the reader's language


@dataclass(frozen=True)
class AttemptHistory:
    attempt: ExerciseAttempt
    checks: list[CheckHistory]


@dataclass(frozen=True)
class LearnerExerciseHistory:
    """One learner's attempts at one exercise, with every check's score and findings."""

    learner: User
    sandbox_id: int
    attempts: list[AttemptHistory]

    @property
    def latest(self) -> ExerciseAttempt:
        return self.attempts[-1].attempt

    @property
    def is_passed(self) -> bool:
        return any(item.attempt.is_passed for item in self.attempts)

    @property
    def best_score(self) -> int | None:
        scores = [item.attempt.best_score for item in self.attempts if item.attempt.best_score is not None]
        return max(scores, default=None)


def exercise_histories(*, viewer: Viewer, course: CoursePage, activity: ActivityRef) -> list[LearnerExerciseHistory]:
    """Each learner the viewer may see who started the exercise, with their attempts and checks (a fixed
    number of queries)."""
    key = exercise_key(activity.lesson_key, activity.block_id)
    attempts = list(
        attempts_for_exercises(exercise_keys=[key], sandboxes=_learners_sandboxes(viewer=viewer, course=course))
    )
    checks: dict[int, list[ExerciseCheck]] = defaultdict(list)
    for check in ExerciseCheck.objects.filter(attempt_id__in=[attempt.pk for attempt in attempts]).order_by("number"):
        checks[check.attempt_id].append(check)
    # Every finding's text at once: the names the findings show are read in one go.
    every = [finding for attempt in attempts for check in checks[attempt.pk] for finding in check.findings]
    texts = iter(finding_texts(every))
    histories: dict[int, LearnerExerciseHistory] = {}
    for attempt in attempts:
        owner = attempt.sandbox.owner
        history = histories.setdefault(
            owner.pk,
            LearnerExerciseHistory(learner=owner, sandbox_id=attempt.sandbox_id, attempts=[]),
        )
        history.attempts.append(
            AttemptHistory(
                attempt=attempt,
                checks=[
                    CheckHistory(check=check, findings=[next(texts) for _finding in check.findings])
                    for check in checks[attempt.pk]
                ],
            )
        )
    return sorted(histories.values(), key=lambda history: (history.learner.full_name or history.learner.email).lower())


@dataclass(frozen=True)
class StuckLearner:
    enrolment: Enrolment
    reason: str  # "attempts_exhausted" or "inactive"
    days_inactive: int | None


def stuck_learners(*, viewer: Viewer, course: CoursePage, inactive_days: int = 14) -> list[StuckLearner]:
    """Learners who used every attempt at a quiz without passing, or made no progress for N days."""
    limits = {
        (activity.lesson_key, activity.block_id): activity.attempts_limit
        for activity in course_activities(structure=structure_course(course))
        if activity.kind == "quiz"
    }
    lesson_keys = {lesson_key for lesson_key, _block_id in limits}
    enrolments = list(
        enrolment_list(viewer=viewer, course_key=course.translation_key).filter(completed_at__isnull=True)
    )
    attempts: dict[tuple[int, uuid.UUID, str], list[QuizAttempt]] = defaultdict(list)
    for attempt in QuizAttempt.objects.filter(enrolment__in=enrolments, lesson_key__in=lesson_keys):
        attempts[(attempt.enrolment_id, attempt.lesson_key, attempt.block_id)].append(attempt)
    now = timezone.now()
    stuck = []
    for enrolment in enrolments:
        exhausted = False
        for (lesson_key, block_id), limit in limits.items():
            mine = attempts.get((enrolment.pk, lesson_key, block_id), [])
            if limit and attempts_used(mine, at=now) >= limit and not any(a.is_passed for a in mine):
                exhausted = True
        last = enrolment.last_activity_at or enrolment.enrolled_at
        days = (now - last).days
        if exhausted:
            stuck.append(StuckLearner(enrolment, "attempts_exhausted", days))
        elif now - last > timedelta(days=inactive_days):
            stuck.append(StuckLearner(enrolment, "inactive", days))
    return stuck
