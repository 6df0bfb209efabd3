"""A learner's steps in the course tests, through the services and the views: completing lessons,
starting, answering and submitting quiz attempts, the addresses of those steps and the messages
a response left."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse

from courses import services
from courses.models import Enrolment, LessonPage, QuizAnswer, QuizAttempt
from courses.selectors.quiz import attempt_questions
from tests.courses import factories


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def complete_url(lesson: LessonPage) -> str:
    return reverse("courses:lesson_complete", args=[lesson.pk])


def fresh(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.get(pk=enrolment.pk)


def complete_all(built, enrolment: Enrolment) -> None:
    for lesson in built.lessons:
        services.lesson_complete(enrolment=fresh(enrolment), lesson=lesson, course=built.page)


def attempt_url(attempt) -> str:
    return reverse("courses:attempt_detail", args=[attempt.token])


# Quiz attempts


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


def snapshot(attempt: QuizAttempt) -> tuple:
    attempt.refresh_from_db()
    answers_ = sorted(QuizAnswer.objects.filter(attempt=attempt).values_list("id", "position", "response", "credit"))
    return (attempt.status, attempt.responses, attempt.score, attempt.submitted_at, attempt.is_passed, answers_)
