"""A quiz attempt's page: its questions to answer (with the answers given and what to correct), or
its graded result, and after a pass the way on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from courses.blocks import ActivityRef
from courses.models import AttemptStatus, CoursePage, Enrolment, LessonCompletion, LessonPage, QuizAttempt
from courses.selectors.lesson import course_of_lesson
from courses.selectors.outline import OutlineLesson, course_outline
from courses.selectors.progress import lesson_activities_pending, lesson_pending_text
from courses.selectors.quiz import DrawnQuestion, attempt_questions, attempts_used, quiz_attempts, quiz_block

if TYPE_CHECKING:
    from courses.blocks.questions.base import Choice, Presentation


@dataclass
class QuestionForm:
    """One question of an attempt's form; when the form comes back to be corrected, what the
    learner gave (`values` under the question's field, `rows` for items answered one by one)
    and what to correct."""

    number: int
    drawn: DrawnQuestion
    presentation: Presentation
    values: list[str] = field(default_factory=list)
    rows: list[tuple[Choice, str]] = field(default_factory=list)
    error: str = ""

    @property
    def text(self) -> str:
        return self.values[0] if self.values else ""


def _question_form(question: DrawnQuestion, *, data, errors: dict[str, str]) -> QuestionForm:
    presentation = question.block.present(question.value, seed=question.seed, shuffle=question.shuffle)
    # Matching answers each prompt, ordering each item, under a field of its own.
    items = presentation.prompts or (presentation.choices if presentation.positions else [])
    values, rows = [], [(item, "") for item in items]
    if data is not None:
        values = [value for value in data.getlist(question.field) if value] if hasattr(data, "getlist") else []
        rows = [(item, data.get(f"{question.field}-{item.id}", "")) for item in items]
    return QuestionForm(
        number=question.position,
        drawn=question,
        presentation=presentation,
        values=values,
        rows=rows,
        error=errors.get(str(question.position), ""),
    )


@dataclass
class AnsweredQuestion:
    drawn: DrawnQuestion
    credit: Decimal
    answer_text: str
    correct_answer: str | None
    feedback: list[str]
    explanation: str


@dataclass(frozen=True)
class NextStep:
    """Where a learner goes after passing a quiz: what the pass completed, and the way on."""

    is_lesson_completed: bool
    is_course_completed: bool
    next_lesson: OutlineLesson | None
    # Required activities of the lesson still to pass (an exercise beside the quiz): no "Mark as completed".
    pending_activities: list[ActivityRef] = field(default_factory=list)

    @property
    def pending_text(self) -> str:
        return lesson_pending_text(self.pending_activities) if self.pending_activities else ""


def attempt_next_step(*, attempt: QuizAttempt, lesson: LessonPage, course: CoursePage) -> NextStep:
    """After a pass: whether the lesson and the course are completed, and the next lesson (three to eight queries)."""
    enrolment = Enrolment.objects.only("completed_at").get(pk=attempt.enrolment_id)
    completed = set(
        LessonCompletion.objects.filter(enrolment_id=attempt.enrolment_id).values_list("lesson_key", flat=True)
    )
    outline = course_outline(course=course, completed=completed)
    lessons = outline.lessons
    index = next((i for i, item in enumerate(lessons) if item.key == lesson.translation_key), None)
    following = lessons[index + 1] if index is not None and index + 1 < len(lessons) else None
    if following is not None:
        module = outline.module_of(following.key)
        following = None if module is not None and module.is_locked else following
    is_lesson_completed = lesson.translation_key in completed
    pending = []
    if not is_lesson_completed:
        pending = lesson_activities_pending(
            enrolment=enrolment, lesson=lesson, course=course, structure=outline.structure
        )
    return NextStep(
        is_lesson_completed=is_lesson_completed,
        is_course_completed=enrolment.completed_at is not None,
        next_lesson=following,
        pending_activities=pending,
    )


def attempt_context(
    *,
    attempt: QuizAttempt,
    lesson: LessonPage,
    course: CoursePage | None = None,
    data=None,
    errors: dict[str, str] | None = None,
) -> dict:
    """What an attempt's page shows: its questions to answer (with the answers given and what to
    correct, when `data` and `errors` come back from a submission), or its graded result."""
    drawn = attempt_questions(attempt=attempt)
    _block, quiz = quiz_block(lesson=lesson, block_id=attempt.block_id)
    if attempt.status != AttemptStatus.SUBMITTED:
        remaining = None
        if attempt.deadline_at:
            remaining = max(0, int((attempt.deadline_at - timezone.now()).total_seconds()))
        questions = [_question_form(question, data=data, errors=errors or {}) for question in drawn]
        return {
            "quiz": quiz,
            "questions": questions,
            "questions_to_correct": [question for question in questions if question.error],
            "seconds_remaining": remaining,
            "is_expired": attempt.status == AttemptStatus.EXPIRED or attempt.is_past_deadline(),
        }
    others = quiz_attempts(enrolment=attempt.enrolment, lesson_key=attempt.lesson_key, block_id=attempt.block_id)
    limit = quiz["max_attempts"]
    is_quiz_passed = any(a.is_passed for a in others)
    is_done = is_quiz_passed or (limit is not None and attempts_used(others) >= limit)
    shows_answers = quiz["feedback"] == "full" or (quiz["feedback"] == "when_done" and is_done)
    credits = {answer.position: answer.credit for answer in attempt.answers.all()}
    answered = []
    for question in drawn:
        response = (attempt.responses or {}).get(str(question.position))
        answered.append(
            AnsweredQuestion(
                drawn=question,
                credit=credits.get(question.position, Decimal(0)),
                answer_text=question.block.answer_text(question.value, response),
                correct_answer=question.block.correct_answer(question.value) if shows_answers else None,
                feedback=question.block.feedback(question.value, response) if shows_answers else [],
                explanation=question.question.explanation if shows_answers else "",
            )
        )
    remaining = None if limit is None else max(0, limit - attempts_used(others))
    next_step = None
    if is_quiz_passed:
        next_step = attempt_next_step(attempt=attempt, lesson=lesson, course=course or course_of_lesson(lesson))
    return {
        "quiz": quiz,
        "answered": answered,
        "shows_answers": shows_answers,
        "is_quiz_passed": is_quiz_passed,
        "attempts_remaining": None if is_quiz_passed else remaining,
        "can_retry": not is_quiz_passed and (remaining is None or remaining > 0),
        "next_step": next_step,
    }
