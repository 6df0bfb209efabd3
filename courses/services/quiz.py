"""Quiz attempts: drawing the questions, and grading a submission once, on the server.

The learner's browser receives the drawn questions and their options only; which answers
are correct stays here until the attempt is graded. A submission is refused, and no attempt
created or changed, when it comes after the time limit, when the attempt was already graded
with other answers (a replay), when it names a question or an option the attempt did not
draw (a tampered form), or when the quiz changed since the attempt started (a stale form).
Submitting the same answers twice returns the first grading. A form with an answer the learner
can correct (a number that cannot be read) is not graded: the attempt stays open and the
refusal (`AttemptAnswersInvalid`) says, question by question, what to correct.

`now` is the moment of the action (default: now) and `rng` the random generator that draws the
questions (default: the system's): the demo's history passes past moments and a seeded
generator, so that it is back-dated and the same for a seed.
"""

from __future__ import annotations

import random
import secrets
import uuid
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.blocks import ResponseError
from courses.blocks.questions.base import AnswerInvalid
from courses.models import AttemptStatus, CoursePage, Enrolment, LessonPage, QuizAnswer, QuizAttempt
from courses.selectors.quiz import (
    ANSWER_FIELD_PREFIX,
    AttemptAnswersInvalid,
    AttemptRefused,
    DrawnQuestion,
    attempt_questions,
    attempts_used,
    questions_in_locale,
    quiz_attempts,
    quiz_block,
    quiz_candidate_keys,
    quiz_translation_check,
)
from courses.services.progress import activity_result_record, enrolment_touch, lesson_access_check

# Slack for the time a submission spends on a slow link between the click and the server.
SUBMISSION_GRACE = timedelta(seconds=30)


@transaction.atomic
def attempt_start(
    *,
    enrolment: Enrolment,
    lesson: LessonPage,
    course: CoursePage,
    block_id: str,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> QuizAttempt:
    """Start an attempt (or return the one in progress), drawing its questions."""
    lesson_access_check(enrolment=enrolment, lesson=lesson, course=course)
    block, quiz = quiz_block(lesson=lesson, block_id=block_id)
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()  # one start at a time per learner
    now = now or timezone.now()
    rng = rng or secrets.SystemRandom()
    attempts = quiz_attempts(enrolment=enrolment, lesson_key=lesson.translation_key, block_id=block_id)
    for attempt in attempts:
        if attempt.status == AttemptStatus.IN_PROGRESS:
            if not attempt.is_past_deadline(at=now - SUBMISSION_GRACE):
                return attempt
            attempt.status = AttemptStatus.EXPIRED
            attempt.save(update_fields=["status"])
    limit = quiz["max_attempts"]
    if limit is not None and attempts_used(attempts, at=now) >= limit:
        raise AttemptRefused(
            ngettext(
                "This quiz allows %(limit)s attempt, and you have used it.",
                "This quiz allows %(limit)s attempts, and you have used them all.",
                limit,
            )
            % {"limit": limit},
            code="attempts_exhausted",
        )
    keys = quiz_candidate_keys(quiz=quiz, tag_names=block.tag_names(quiz))
    if not keys:
        raise AttemptRefused(_("This quiz has no questions yet."), code="empty")
    quiz_translation_check(keys=keys, lesson=lesson)
    if len(keys) > quiz["question_count"]:
        keys = rng.sample(keys, quiz["question_count"])
    questions = questions_in_locale(keys=keys, locale_id=lesson.locale_id)
    drawn = [
        {"question": questions[key].pk, "seed": f"{rng.getrandbits(64):016x}", "shuffle": bool(quiz["shuffle_options"])}
        for key in keys
        if key in questions
    ]
    minutes = quiz["time_limit_minutes"]
    attempt = QuizAttempt(
        enrolment=enrolment,
        lesson_key=lesson.translation_key,
        block_id=block_id,
        number=max((a.number for a in attempts), default=0) + 1,
        drawn=drawn,
        started_at=now,
        deadline_at=now + timedelta(minutes=minutes) if minutes else None,
    )
    attempt.save()
    enrolment_touch(enrolment=enrolment, lesson_key=lesson.translation_key, now=now)
    return attempt


def _responses_from(*, drawn: list[DrawnQuestion], data) -> tuple[dict[str, object], dict[str, str]]:
    """The answers of a form by question position, and what the learner must correct, by position.

    A tampered form (a question not drawn, an option never offered) is refused outright; an
    answer the learner can correct (a number that cannot be read) is reported, not refused.
    """
    allowed = {str(question.position) for question in drawn}
    for name in data:
        if name.startswith(ANSWER_FIELD_PREFIX) and name[len(ANSWER_FIELD_PREFIX) :].split("-")[0] not in allowed:
            raise AttemptRefused(
                _("The form answered questions that were not part of this attempt. Nothing was recorded."),
                code="tampered",
            )
    responses, errors = {}, {}
    for question in drawn:
        try:
            responses[str(question.position)] = question.block.response_from(
                question.value, data, field=question.field, seed=question.seed
            )
        except ResponseError as error:
            raise AttemptRefused(
                _("The form sent an answer that is not one of the options. Nothing was recorded."), code="tampered"
            ) from error
        except AnswerInvalid as error:
            errors[str(question.position)] = error.message
    return responses, errors


@transaction.atomic
def attempt_submit(
    *,
    attempt_token: uuid.UUID,
    learner,
    data,
    course: CoursePage,
    lesson: LessonPage,
    now: datetime | None = None,
) -> QuizAttempt:
    """Grade an attempt once. The same answers submitted again return the same attempt."""
    attempt = (
        QuizAttempt.objects.select_for_update()
        .select_related("enrolment")
        .filter(token=attempt_token, enrolment__learner=learner)
        .first()
    )
    if attempt is None:
        raise AttemptRefused(_("This attempt does not exist."), code="unknown")
    drawn = attempt_questions(attempt=attempt)
    responses, errors = _responses_from(drawn=drawn, data=data)
    if attempt.status == AttemptStatus.SUBMITTED:
        if attempt.responses == responses and not errors:
            return attempt
        raise AttemptRefused(_("This attempt was already graded; your first submission stands."), code="already_graded")
    now = now or timezone.now()
    if attempt.status == AttemptStatus.EXPIRED or attempt.is_past_deadline(at=now - SUBMISSION_GRACE):
        raise AttemptRefused(_("The time limit for this attempt has passed, so it was not graded."), code="time_limit")
    if errors:
        raise AttemptAnswersInvalid(errors)
    block, quiz = quiz_block(lesson=lesson, block_id=attempt.block_id)
    earned = Decimal(0)
    possible = 0
    answers = []
    for question in drawn:
        response = responses[str(question.position)]
        credit = question.block.grade(question.value, response).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        earned += credit * question.question.points
        possible += question.question.points
        answers.append(
            QuizAnswer(
                attempt=attempt,
                question=question.question,
                question_key=question.question.translation_key,
                position=question.position,
                response=response,
                credit=credit,
            )
        )
    score = (earned * 100 / possible).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if possible else Decimal(0)
    attempt.status = AttemptStatus.SUBMITTED
    attempt.submitted_at = now
    attempt.responses = responses
    attempt.points_earned = earned
    attempt.points_possible = possible
    attempt.score = score
    attempt.is_passed = score >= quiz["pass_mark"]
    try:
        with transaction.atomic():
            attempt.save()
            QuizAnswer.objects.bulk_create(answers)
    except IntegrityError as error:
        raise AttemptRefused(
            _("This attempt was already graded; your first submission stands."), code="race"
        ) from error
    enrolment = attempt.enrolment
    enrolment_touch(enrolment=enrolment, lesson_key=attempt.lesson_key, now=now)
    activity_result_record(
        enrolment=enrolment,
        course=course,
        lesson_key=attempt.lesson_key,
        block_id=attempt.block_id,
        kind=block.activity_kind,
        score=score,
        pass_mark=quiz["pass_mark"],
        now=now,
    )
    return attempt
