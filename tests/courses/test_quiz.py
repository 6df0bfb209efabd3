"""Quiz attempts: drawing questions, grading once on the server, refusing replays, tampering,
late submissions and attempts beyond the limit; through the services and through the views."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from courses import services
from courses.models import ActivityResult, AttemptStatus, QuestionBank, QuizAnswer, QuizAttempt
from courses.selectors.quiz import attempt_questions
from courses.services import AttemptRefused
from tests.conftest import client_for
from tests.courses import factories
from tests.people.factories import person

pytestmark = pytest.mark.django_db

FEEDBACK_OF_THE_RIGHT_OPTION = "Sí: documento de viaje."  # factories.question's default


def quiz_course(learner, *, questions: int = 3, **quiz):
    """A course with a quiz drawing from a bank of single-choice questions, the learner enrolled."""
    built = factories.course(modules=1, lessons_per_module=2, questions=questions, quiz=quiz or None)
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    return built, enrolment


def start(built, enrolment) -> QuizAttempt:
    return services.attempt_start(
        enrolment=enrolment, lesson=built.quiz_lesson, course=built.page, block_id=built.quiz_id
    )


def answers(attempt: QuizAttempt, *, correct: bool = True) -> dict[str, str]:
    """A form answering every drawn single-choice question rightly (or wrongly)."""
    data = {}
    for drawn in attempt_questions(attempt=attempt):
        options = [(child.id, child.value) for child in drawn.value["options"].bound_blocks]
        data[drawn.field] = next(id for id, option in options if bool(option["is_correct"]) == correct)
    return data


def submit(built, learner, attempt: QuizAttempt, data) -> QuizAttempt:
    return services.attempt_submit(
        attempt_token=attempt.token, learner=learner, data=data, course=built.page, lesson=built.quiz_lesson
    )


def start_url(built) -> str:
    return reverse("courses:attempt_start", args=[built.quiz_lesson.pk, built.quiz_id])


def submit_url(attempt: QuizAttempt) -> str:
    return reverse("courses:attempt_submit", args=[attempt.token])


def detail_url(attempt: QuizAttempt) -> str:
    return reverse("courses:attempt_detail", args=[attempt.token])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def snapshot(attempt: QuizAttempt) -> tuple:
    attempt.refresh_from_db()
    answers_ = sorted(QuizAnswer.objects.filter(attempt=attempt).values_list("id", "position", "response", "credit"))
    return (attempt.status, attempt.responses, attempt.score, attempt.submitted_at, attempt.is_passed, answers_)


# ---------------------------------------------------------------- starting


def test_start_draws_the_quiz_question_count_from_the_bank(learner):
    built, enrolment = quiz_course(learner, questions=5, question_count=3)

    attempt = start(built, enrolment)

    drawn_ids = [item["question"] for item in attempt.drawn]
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert attempt.number == 1
    assert len(drawn_ids) == 3
    assert len(set(drawn_ids)) == 3
    assert set(drawn_ids) <= set(built.bank.questions.values_list("pk", flat=True))


def test_start_draws_the_quiz_question_count_from_a_fixed_list_longer_than_it(learner):
    # "Questions per attempt: how many questions each attempt draws. A fixed list uses all of
    # its questions when this is larger." Here it is smaller: two of the four are drawn.
    bank = QuestionBank.objects.create(title="Banco de la lista fija")
    fixed = [factories.question(bank) for _ in range(4)]
    built = factories.course(
        modules=1, lessons_per_module=1, quiz={"questions": [q.pk for q in fixed], "question_count": 2}
    )
    enrolment = services.enrolment_create(learner=learner, course=built.page)

    attempt = start(built, enrolment)

    drawn_ids = [item["question"] for item in attempt.drawn]
    assert len(drawn_ids) == 2
    assert set(drawn_ids) <= {q.pk for q in fixed}


def test_start_uses_every_question_of_a_fixed_list_shorter_than_the_question_count(learner):
    bank = QuestionBank.objects.create(title="Banco de la lista corta")
    fixed = [factories.question(bank) for _ in range(2)]
    built = factories.course(
        modules=1, lessons_per_module=1, quiz={"questions": [q.pk for q in fixed], "question_count": 5}
    )
    enrolment = services.enrolment_create(learner=learner, course=built.page)

    attempt = start(built, enrolment)

    assert [item["question"] for item in attempt.drawn] == [q.pk for q in fixed]


def test_start_returns_the_attempt_in_progress_instead_of_drawing_again(learner):
    built, enrolment = quiz_course(learner, questions=5, question_count=3)
    first = start(built, enrolment)

    again = start(built, enrolment)

    assert again.pk == first.pk
    assert QuizAttempt.objects.count() == 1


def test_start_through_the_view_draws_the_questions_and_shows_them(learner):
    built, _enrolment = quiz_course(learner, questions=5, question_count=3)
    client = client_for(learner)

    response = client.post(start_url(built))

    attempt = QuizAttempt.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(attempt)
    assert len(attempt.drawn) == 3
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.content.decode().count('class="question"') == 3


def test_attempt_page_before_submission_does_not_contain_the_correct_answers(learner):
    built, enrolment = quiz_course(learner, questions=2, question_count=2, feedback="full")
    attempt = start(built, enrolment)

    page = client_for(learner).get(detail_url(attempt))

    html = page.content.decode()
    assert page.status_code == 200
    assert "is_correct" not in html
    assert FEEDBACK_OF_THE_RIGHT_OPTION not in html
    assert "Correct answer" not in html
    # Both options of each question are offered alike: no mark on the right one.
    assert html.count("Pasaporte") == html.count("Licencia de conducir") == 2
    assert "checked" not in html


# ---------------------------------------------------------------- grading and replays


def test_submit_grades_every_drawn_question_on_the_server(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2)
    attempt = start(built, enrolment)

    graded = submit(built, learner, attempt, answers(attempt))

    assert graded.status == AttemptStatus.SUBMITTED
    assert graded.score == 100
    assert graded.is_passed
    assert QuizAnswer.objects.filter(attempt=graded).count() == 2
    assert all(answer.credit == 1 for answer in QuizAnswer.objects.filter(attempt=graded))


def test_submitting_the_same_answers_twice_returns_the_first_grading(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2)
    attempt = start(built, enrolment)
    data = answers(attempt)
    first = submit(built, learner, attempt, data)
    before = snapshot(first)

    second = submit(built, learner, attempt, data)

    assert second.pk == first.pk
    assert QuizAttempt.objects.count() == 1
    assert QuizAnswer.objects.count() == 2
    assert snapshot(first) == before
    assert ActivityResult.objects.get(enrolment=enrolment).attempts == 1


def test_submitting_the_same_answers_twice_through_the_view_creates_nothing_more(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2)
    attempt = start(built, enrolment)
    data = answers(attempt)
    client = client_for(learner)
    first = client.post(submit_url(attempt), data)
    before = snapshot(attempt)

    second = client.post(submit_url(attempt), data)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == detail_url(attempt)
    assert QuizAttempt.objects.count() == 1
    assert QuizAnswer.objects.count() == 2
    assert snapshot(attempt) == before
    assert ActivityResult.objects.get(enrolment=enrolment).attempts == 1


def test_resubmitting_other_answers_to_a_graded_attempt_is_refused_and_changes_nothing(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2)
    attempt = start(built, enrolment)
    submit(built, learner, attempt, answers(attempt, correct=False))
    before = snapshot(attempt)

    with pytest.raises(AttemptRefused) as refused:
        submit(built, learner, attempt, answers(attempt, correct=True))

    assert refused.value.code == "already_graded"
    assert snapshot(attempt) == before
    assert attempt.score == 0
    assert ActivityResult.objects.get(enrolment=enrolment).best_score == 0


def test_resubmitting_other_answers_through_the_view_is_refused_with_a_message(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2)
    attempt = start(built, enrolment)
    client = client_for(learner)
    client.post(submit_url(attempt), answers(attempt, correct=False))
    before = snapshot(attempt)

    response = client.post(submit_url(attempt), answers(attempt, correct=True))

    assert response.status_code == 302
    assert any("ya fue calificado" in message for message in messages_of(response))
    assert snapshot(attempt) == before
    assert QuizAnswer.objects.count() == 2
    assert ActivityResult.objects.get(enrolment=enrolment).best_score == 0


# ---------------------------------------------------------------- tampering and time limits


def test_answers_to_a_question_not_drawn_are_refused_and_nothing_is_recorded(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2)
    attempt = start(built, enrolment)
    before = snapshot(attempt)

    with pytest.raises(AttemptRefused) as refused:
        submit(built, learner, attempt, answers(attempt) | {"answer-99": "cualquier-cosa"})

    assert refused.value.code == "tampered"
    assert snapshot(attempt) == before
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert not QuizAnswer.objects.exists()
    assert not ActivityResult.objects.exists()


def test_answers_to_a_question_not_drawn_are_refused_through_the_view(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2)
    attempt = start(built, enrolment)
    before = snapshot(attempt)

    response = client_for(learner).post(submit_url(attempt), answers(attempt) | {"answer-99": "x"})

    assert response.status_code == 302
    assert response["Location"] == detail_url(attempt)  # back to the form, still open
    assert any("No se registró nada" in message for message in messages_of(response))
    assert snapshot(attempt) == before
    assert not QuizAnswer.objects.exists()


def test_an_option_that_is_not_the_question_own_is_refused_through_the_view(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2)
    attempt = start(built, enrolment)
    data = answers(attempt)
    data["answer-1"] = "00000000-0000-0000-0000-000000000000"

    response = client_for(learner).post(submit_url(attempt), data)

    assert response.status_code == 302
    assert any("No se registró nada" in message for message in messages_of(response))
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert not QuizAnswer.objects.exists()


def test_a_submission_after_the_time_limit_is_refused_and_the_attempt_stays_ungraded(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2, time_limit_minutes=10)
    attempt = start(built, enrolment)
    assert attempt.deadline_at is not None
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline_at=timezone.now() - timedelta(minutes=5))

    with pytest.raises(AttemptRefused) as refused:
        submit(built, learner, attempt, answers(attempt))

    assert refused.value.code == "time_limit"
    attempt.refresh_from_db()
    assert attempt.status != AttemptStatus.SUBMITTED
    assert attempt.score is None
    assert attempt.submitted_at is None
    assert not QuizAnswer.objects.exists()
    assert not ActivityResult.objects.exists()


def test_a_submission_after_the_time_limit_through_the_view_is_refused_with_a_message(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2, time_limit_minutes=10)
    attempt = start(built, enrolment)
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline_at=timezone.now() - timedelta(minutes=5))

    response = client_for(learner).post(submit_url(attempt), answers(attempt))

    assert response.status_code == 302
    assert any("tiempo límite" in message for message in messages_of(response))
    attempt.refresh_from_db()
    assert attempt.status != AttemptStatus.SUBMITTED
    assert attempt.score is None
    assert not QuizAnswer.objects.exists()


def test_a_submission_within_the_time_limit_is_graded(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2, time_limit_minutes=10)
    attempt = start(built, enrolment)

    graded = submit(built, learner, attempt, answers(attempt))

    assert graded.status == AttemptStatus.SUBMITTED
    assert graded.score == 100


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

    assert response["Location"] == detail_url(second)
    result = ActivityResult.objects.get(enrolment=enrolment)
    assert result.best_score == 100
    assert result.is_passed
    assert result.attempts == 2
    page = client.get(detail_url(second))
    assert page.status_code == 200
    assert "Ha aprobado." in page.content.decode()


def test_another_learner_can_neither_see_nor_submit_an_attempt(learner):
    built, enrolment = quiz_course(learner, questions=3, question_count=2)
    attempt = start(built, enrolment)
    intruder = client_for(person(email="otra-persona@example.org"))

    assert intruder.get(detail_url(attempt)).status_code == 404
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
    assert corrected["Location"] == detail_url(attempt)
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
        html = client_for(learner).get(prefix + detail_url(attempt)).content.decode()

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

    html = client_for(learner).get(detail_url(attempt)).content.decode()

    assert "Intento 1: 66,67\u00a0% (nota mínima de aprobación: 67\u00a0%)" in html
    assert "Todavía no ha aprobado." in html
