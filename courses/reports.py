"""Reads for the trainers' course reports: enrolments, the completion funnel, quiz item analysis, stuck learners.

Every report starts from `enrolment_list(viewer=...)`, so a trainer of one country's authority
sees that country's learners only; IOM trainers and administrators see all countries.

Item analysis follows classical test theory: a question's facility is the mean credit earned
on it (0 to 1); its discrimination index is the facility among the best 27% of attempts
minus the facility among the worst 27% (Kelley's groups), from -1 to 1. A question that the
best learners miss as often as the weakest (index under 0.2) deserves review.

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
from courses.selectors.outline import course_activities, course_outline
from courses.selectors.pages import structure_course
from courses.selectors.quiz import attempts_used
from people.selectors import Viewer

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
