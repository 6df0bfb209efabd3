"""Quiz scores: attempts beyond the limit refused (an expired one counts), the best score and the
pass kept, another learner's attempt out of reach; numbers graded as people type them, an
unreadable one sent back with the answers given, scores and numbers written in the reader's
language and never rounded up to the pass mark.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from courses import services
from courses.models import ActivityResult, AttemptStatus, QuestionBank, QuizAnswer, QuizAttempt
from courses.selectors.quiz import attempt_questions
from courses.services import AttemptRefused
from tests.conftest import client_for
from tests.courses import factories
from tests.courses.learner_steps import (
    answers,
    attempt_url,
    messages_of,
    quiz_course,
    snapshot,
    start,
    start_url,
    submit,
    submit_url,
)
from tests.people.factories import person

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- attempts limit and best score


def test_a_start_beyond_the_attempts_limit_is_refused(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2, max_attempts=2)
    for _ in range(2):
        attempt = start(built, enrolment)
        submit(built, learner, attempt, answers(attempt, correct=False))

    with pytest.raises(AttemptRefused) as refused:
        start(built, enrolment)

    assert refused.value.code == "attempts_exhausted"
    assert QuizAttempt.objects.count() == 2


def test_a_start_beyond_the_attempts_limit_through_the_view_is_refused_with_a_message(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2, max_attempts=1)
    attempt = start(built, enrolment)
    submit(built, learner, attempt, answers(attempt, correct=False))

    response = client_for(learner).post(start_url(built))

    assert response.status_code == 302
    assert response["Location"].startswith(built.quiz_lesson.url)
    assert any("Esta evaluación permite 1 intento, y ya lo usó." in message for message in messages_of(response))
    assert QuizAttempt.objects.count() == 1


def test_an_expired_attempt_counts_against_the_limit(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2, max_attempts=1, time_limit_minutes=5)
    attempt = start(built, enrolment)
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline_at=timezone.now() - timedelta(minutes=5))

    with pytest.raises(AttemptRefused) as refused:
        start(built, enrolment)

    assert refused.value.code == "attempts_exhausted"
    assert QuizAttempt.objects.count() == 1


def test_failing_then_passing_records_the_best_score_and_a_pass(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2, max_attempts=3)
    first = start(built, enrolment)
    submit(built, learner, first, answers(first, correct=False))
    result = ActivityResult.objects.get(enrolment=enrolment)
    assert (result.best_score, result.is_passed, result.attempts) == (0, False, 1)

    second = start(built, enrolment)
    graded = submit(built, learner, second, answers(second, correct=True))

    assert second.pk != first.pk
    assert graded.number == 2
    assert graded.is_passed
    result.refresh_from_db()
    assert result.best_score == 100
    assert result.is_passed
    assert result.attempts == 2
    assert result.kind == "quiz"
    assert result.block_id == built.quiz_id
    assert result.lesson_key == built.quiz_lesson.translation_key


def test_a_worse_attempt_after_a_pass_keeps_the_best_score_and_the_pass(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2, max_attempts=3)
    first = start(built, enrolment)
    submit(built, learner, first, answers(first, correct=True))
    passed_at = ActivityResult.objects.get(enrolment=enrolment).passed_at

    second = start(built, enrolment)
    submit(built, learner, second, answers(second, correct=False))

    result = ActivityResult.objects.get(enrolment=enrolment)
    assert result.best_score == 100
    assert result.passed_at == passed_at
    assert result.attempts == 2


def test_failing_then_passing_through_the_views(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2, max_attempts=2)
    client = client_for(learner)

    client.post(start_url(built))
    first = QuizAttempt.objects.get()
    client.post(submit_url(first), answers(first, correct=False))
    client.post(start_url(built))
    second = QuizAttempt.objects.exclude(pk=first.pk).get()
    response = client.post(submit_url(second), answers(second, correct=True))

    assert response["Location"] == attempt_url(second)
    result = ActivityResult.objects.get(enrolment=enrolment)
    assert result.best_score == 100
    assert result.is_passed
    assert result.attempts == 2
    page = client.get(attempt_url(second))
    assert page.status_code == 200
    assert "Ha aprobado." in page.content.decode()


def test_another_learner_can_neither_see_nor_submit_an_attempt(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2)
    attempt = start(built, enrolment)
    intruder = client_for(person(email="otra-persona@example.org"))

    assert intruder.get(attempt_url(attempt)).status_code == 404
    assert intruder.post(submit_url(attempt), answers(attempt)).status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert not QuizAnswer.objects.exists()


# ---------------------------------------------------------------- numbers as people type them (issue 16, item 17)


def number_quiz(learner, *, unit: str = "%", answer: str = "12.5", tolerance: str = "0", feedback: str = "full"):
    """A course whose quiz asks a single-choice question, then a numeric one, the learner enrolled."""
    bank = QuestionBank.objects.create(title="Banco de números")
    choice = factories.question(bank, prompt="¿Qué documento acepta?")
    number = factories.question(
        bank,
        kind="numeric",
        prompt="¿Qué porcentaje de las entradas fue por tierra?",
        value={"answer": answer, "tolerance": tolerance, "unit": unit},
    )
    built = factories.course(
        modules=1,
        lessons_per_module=1,
        quiz={
            "questions": [choice.pk, number.pk],
            "question_count": 2,
            "shuffle_options": False,
            "feedback": feedback,
        },
    )
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    return built, enrolment


def number_answers(attempt: QuizAttempt, number: str, *, choice_correct: bool = True) -> dict[str, str]:
    drawn = attempt_questions(attempt=attempt)
    options = [(child.id, child.value) for child in drawn[0].value["options"].bound_blocks]
    return {
        drawn[0].field: next(id for id, option in options if bool(option["is_correct"]) == choice_correct),
        drawn[1].field: number,
    }


@pytest.mark.parametrize("typed", ["12,5 %", " 12,5 ", "12.5", "12,5%"])
def test_a_number_typed_with_a_comma_a_point_a_unit_or_spaces_is_graded(learner, typed):
    built, enrolment = number_quiz(learner)
    attempt = start(built, enrolment)

    graded = submit(built, learner, attempt, number_answers(attempt, typed))

    assert graded.status == AttemptStatus.SUBMITTED
    assert graded.score == 100
    assert QuizAnswer.objects.get(attempt=graded, position=2).credit == 1


def test_a_number_that_cannot_be_read_is_not_graded_and_says_which_question(learner):
    built, enrolment = number_quiz(learner)
    attempt = start(built, enrolment)
    before = snapshot(attempt)

    with translation.override("es"), pytest.raises(services.AttemptAnswersInvalid) as refused:
        submit(built, learner, attempt, number_answers(attempt, "doce y medio"))

    assert refused.value.answer_errors == {"2": "Escriba un número, por ejemplo 12,5 o 12,5\u00a0%."}
    assert snapshot(attempt) == before
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert not QuizAnswer.objects.exists()
    assert not ActivityResult.objects.exists()


def test_a_number_that_cannot_be_read_brings_the_form_back_with_the_answers_given(learner):
    built, enrolment = number_quiz(learner)
    attempt = start(built, enrolment)
    data = number_answers(attempt, "doce y medio")
    client = client_for(learner)

    response = client.post(submit_url(attempt), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Escriba un número, por ejemplo 12,5 o 12,5\u00a0%." in html
    assert 'value="doce y medio"' in html
    assert 'aria-invalid="true"' in html
    chosen = re.search(rf'<input type="radio" name="answer-1" value="{data["answer-1"]}"[^>]*>', html)
    assert chosen and "checked" in chosen.group(0)  # the other answer is still chosen
    assert html.count("checked") == 1
    assert "No se registró nada" not in html  # not called tampering
    assert not messages_of(response)
    assert snapshot(attempt)[0] == AttemptStatus.IN_PROGRESS
    assert not QuizAnswer.objects.exists()

    corrected = client.post(submit_url(attempt), data | {"answer-2": "12,5 %"})

    assert corrected.status_code == 302
    assert corrected["Location"] == attempt_url(attempt)
    attempt.refresh_from_db()
    assert (attempt.status, attempt.score) == (AttemptStatus.SUBMITTED, 100)


def test_an_option_never_offered_is_still_called_tampering_even_beside_a_bad_number(learner):
    built, enrolment = number_quiz(learner)
    attempt = start(built, enrolment)
    data = number_answers(attempt, "doce") | {"answer-1": "00000000-0000-0000-0000-000000000000"}

    response = client_for(learner).post(submit_url(attempt), data)

    assert response.status_code == 302
    assert any("No se registró nada" in message for message in messages_of(response))
    assert not QuizAnswer.objects.exists()


# ---------------------------------------------------------------- numbers in the reader's language (issue 16, item 7)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", ["Intento 1: 50\u00a0% (nota mínima de aprobación: 70\u00a0%)", "61,6 ± 0,1\u00a0%"]),
        ("/en", ["Attempt 1: 50% (pass mark 70%)", "61.6 ± 0.1%"]),
    ],
)
def test_the_result_page_writes_scores_and_numbers_in_the_reader_language(learner, prefix, expected):
    built, enrolment = number_quiz(learner, answer="61.6", tolerance="0.1")
    attempt = start(built, enrolment)
    submit(built, learner, attempt, number_answers(attempt, "12"))

    with translation.override("es"):  # the client activates the page's language: leave the test's as it was
        html = client_for(learner).get(prefix + attempt_url(attempt)).content.decode()

    for text in expected:
        assert text in html
    assert "61.6" not in html or prefix == "/en"


def test_a_score_is_never_rounded_up_to_the_pass_mark(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=3, pass_mark=67)
    attempt = start(built, enrolment)
    data = answers(attempt)
    wrong = answers(attempt, correct=False)
    data["answer-3"] = wrong["answer-3"]
    graded = submit(built, learner, attempt, data)
    assert graded.score == Decimal("66.67")
    assert not graded.is_passed

    html = client_for(learner).get(attempt_url(attempt)).content.decode()

    assert "Intento 1: 66,67\u00a0% (nota mínima de aprobación: 67\u00a0%)" in html
    assert "Todavía no ha aprobado." in html
