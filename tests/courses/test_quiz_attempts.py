"""Quiz attempts: drawing the questions when an attempt starts (and not again while it is in
progress), a page that does not give the answers away, grading once on the server with replays
returning the first grading, and refusing tampered answers and late submissions; through the
services and through the views.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from courses import services
from courses.models import ActivityResult, AttemptStatus, QuestionBank, QuizAnswer, QuizAttempt
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

pytestmark = pytest.mark.django_db


FEEDBACK_OF_THE_RIGHT_OPTION = "Sí: documento de viaje."  # factories.question's default


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
    assert response["Location"] == attempt_url(attempt)
    assert len(attempt.drawn) == 3
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.content.decode().count('class="question"') == 3


def test_attempt_page_before_submission_does_not_contain_the_correct_answers(learner):
    built, enrolment = quiz_course(learner, questions=2, question_count=2, feedback="full")
    attempt = start(built, enrolment)

    page = client_for(learner).get(attempt_url(attempt))

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
    assert second["Location"] == first["Location"] == attempt_url(attempt)
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
    assert response["Location"] == attempt_url(attempt)  # back to the form, still open
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
