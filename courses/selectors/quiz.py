"""Quizzes: the questions a quiz may draw and in which language, the questions drawn for an
attempt, a learner's attempts and how many count, and why an attempt is refused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.blocks import QuestionTypeBlock
from courses.models import AttemptStatus, Enrolment, LessonPage, Question, QuizAttempt
from courses.translations import keys_untranslated


def quiz_candidate_keys(*, quiz, tag_names: list[str]) -> list[uuid.UUID]:
    """Translation keys of the questions a quiz may draw, in a stable order."""
    fixed = [question for question in (quiz["questions"] or []) if question is not None]
    if fixed:
        seen = []
        for question in fixed:
            if question.translation_key not in seen:
                seen.append(question.translation_key)
        return seen
    if quiz["bank"] is None:
        return []
    # The bank in every language: a quiz draws from the same questions whatever the lesson's language.
    questions = Question.objects.filter(bank__translation_key=quiz["bank"].translation_key)
    if tag_names:
        questions = questions.filter(tags__name__in=tag_names)
    return list(dict.fromkeys(questions.order_by("id").values_list("translation_key", flat=True)))


def questions_in_locale(*, keys: list[uuid.UUID], locale_id: int) -> dict[uuid.UUID, Question]:
    """One version of each question: in the locale asked for, else any (one query)."""
    chosen: dict[uuid.UUID, Question] = {}
    for question in Question.objects.filter(translation_key__in=keys).order_by("id"):
        current = chosen.get(question.translation_key)
        if current is None or (question.locale_id == locale_id and current.locale_id != locale_id):
            chosen[question.translation_key] = question
    return chosen


def quiz_translation_check(*, keys: list[uuid.UUID], lesson: LessonPage) -> None:
    """Refuse a quiz whose questions are not all translated into the lesson's language (two queries):
    a learner never gets questions in another language than the lesson's."""
    untranslated = keys_untranslated(model=Question, keys=keys, locale_id=lesson.locale_id)
    if untranslated:
        raise AttemptRefused(
            ngettext(
                "This quiz is not available in this language yet: %(counter)s of its questions has not been "
                "translated. Come back later, or take the quiz in the other language: your result counts in both.",
                "This quiz is not available in this language yet: %(counter)s of its questions have not been "
                "translated. Come back later, or take the quiz in the other language: your result counts in both.",
                len(untranslated),
            )
            % {"counter": len(untranslated)},
            code="untranslated",
        )


def quiz_attempts(*, enrolment: Enrolment, lesson_key: uuid.UUID, block_id: str) -> list[QuizAttempt]:
    return list(
        QuizAttempt.objects.filter(enrolment=enrolment, lesson_key=lesson_key, block_id=block_id).order_by("number")
    )


def attempts_used(attempts: list[QuizAttempt], *, at=None) -> int:
    """Attempts that count against the limit: submitted ones and those whose time ran out."""
    at = at or timezone.now()
    return sum(
        1 for attempt in attempts if attempt.status != AttemptStatus.IN_PROGRESS or attempt.is_past_deadline(at=at)
    )


ANSWER_FIELD_PREFIX = "answer-"


class AttemptRefused(ValidationError):
    """A quiz attempt's start or submission refused; nothing was created or changed."""


class AttemptAnswersInvalid(AttemptRefused):
    """A submission with answers the learner can correct (a number that cannot be read): the
    attempt stays open and ungraded, and the form comes back with the answers given."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(
            ngettext(
                "%(count)s answer needs correcting. Nothing was graded yet.",
                "%(count)s answers need correcting. Nothing was graded yet.",
                len(errors),
            )
            % {"count": len(errors)},
            code="invalid_answers",
        )
        self.answer_errors = errors  # {question position: what to correct}


@dataclass(frozen=True)
class DrawnQuestion:
    position: int
    question: Question
    block: QuestionTypeBlock
    value: object
    seed: str | None
    shuffle: bool = True

    @property
    def field(self) -> str:
        return f"{ANSWER_FIELD_PREFIX}{self.position}"


def attempt_questions(*, attempt: QuizAttempt) -> list[DrawnQuestion]:
    """The questions of an attempt, in the order drawn (one query). Refused if one was deleted."""
    ids = [item["question"] for item in attempt.drawn]
    questions = Question.objects.in_bulk(ids)
    if len(questions) != len(set(ids)):
        raise AttemptRefused(_("The quiz changed since this attempt started. Start a new attempt."), code="stale")
    drawn = []
    for position, item in enumerate(attempt.drawn, start=1):
        question = questions[item["question"]]
        block, value = question.kind_block
        drawn.append(
            DrawnQuestion(
                position=position,
                question=question,
                block=block,
                value=value,
                seed=item["seed"],
                shuffle=item["shuffle"],
            )
        )
    return drawn


def quiz_block(*, lesson: LessonPage, block_id: str):
    """A lesson's quiz block and its value; refused as stale when the lesson no longer has it."""
    for child in lesson.body:
        if child.id == block_id and child.block_type == "quiz":
            return child.block, child.value
    raise AttemptRefused(_("This quiz is no longer part of the lesson."), code="stale")


@dataclass
class QuizState:
    block_id: str
    attempts: list[QuizAttempt]
    used: int
    limit: int | None
    in_progress: QuizAttempt | None
    best: QuizAttempt | None

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(0, self.limit - self.used)

    @property
    def can_start(self) -> bool:
        return self.in_progress is None and (self.remaining is None or self.remaining > 0) and not self.is_passed

    @property
    def is_passed(self) -> bool:
        return any(attempt.is_passed for attempt in self.attempts)


def lesson_quiz_states(*, enrolment: Enrolment, lesson: LessonPage) -> dict[str, QuizState]:
    """For each quiz of a lesson, the learner's attempts (one query)."""
    quizzes = {child.id: child.value for child in lesson.body if child.block_type == "quiz"}
    if not quizzes:
        return {}
    attempts: dict[str, list[QuizAttempt]] = {}
    for attempt in QuizAttempt.objects.filter(enrolment=enrolment, lesson_key=lesson.translation_key).order_by(
        "number"
    ):
        attempts.setdefault(attempt.block_id, []).append(attempt)
    now = timezone.now()
    states = {}
    for block_id, value in quizzes.items():
        mine = attempts.get(block_id, [])
        in_progress = next(
            (a for a in mine if a.status == AttemptStatus.IN_PROGRESS and not a.is_past_deadline(at=now)), None
        )
        submitted = [a for a in mine if a.status == AttemptStatus.SUBMITTED]
        states[block_id] = QuizState(
            block_id=block_id,
            attempts=mine,
            used=attempts_used(mine, at=now),
            limit=value["max_attempts"],
            in_progress=in_progress,
            best=max(submitted, key=lambda a: (a.score, -a.number), default=None),
        )
    return states
