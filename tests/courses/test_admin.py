"""The trainers' admin: validation errors before anything is saved, and the enrolment screen."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import Cohort, Enrolment, Question, QuestionBank
from lms.people.roles import Role
from tests.conftest import client_for
from tests.courses import factories
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def list_block(items: list[dict]) -> dict:
    data = {"count": str(len(items))}
    for index, value in enumerate(items):
        data[str(index)] = {"value": value, "deleted": "", "order": str(index), "id": ""}
    return data


def question_form(bank: QuestionBank, kind: str, value: dict) -> dict:
    return nested_form_data(
        {
            "bank": bank.pk,
            "prompt": "¿Qué documento acepta?",
            "body": streamfield([(kind, value)]),
            "explanation": rich_text(""),
            "points": "1",
            "tags": "",
        }
    )


def test_a_question_with_no_correct_option_is_refused_and_nothing_saved(trainer):
    bank = QuestionBank.objects.create(title="Banco")
    options = list_block([{"text": "Pasaporte", "feedback": ""}, {"text": "Licencia", "feedback": ""}])
    response = client_for(trainer).post(
        reverse("wagtailsnippets_courses_question:add"), question_form(bank, "single_choice", {"options": options})
    )
    assert response.status_code == 200
    assert "Mark exactly one option as correct" in response.content.decode() or "exactamente una" in (
        response.content.decode()
    )
    assert not Question.objects.exists()


def test_a_numeric_question_without_a_tolerance_is_refused_and_nothing_saved(trainer):
    bank = QuestionBank.objects.create(title="Banco")
    response = client_for(trainer).post(
        reverse("wagtailsnippets_courses_question:add"),
        question_form(bank, "numeric", {"answer": "12", "tolerance": "", "unit": ""}),
    )
    assert response.status_code == 200
    assert not Question.objects.exists()


def test_a_valid_question_is_saved(trainer):
    bank = QuestionBank.objects.create(title="Banco")
    options = list_block(
        [{"text": "Pasaporte", "is_correct": "on", "feedback": ""}, {"text": "Licencia", "feedback": ""}]
    )
    response = client_for(trainer).post(
        reverse("wagtailsnippets_courses_question:add"), question_form(bank, "single_choice", {"options": options})
    )
    assert response.status_code == 302
    assert Question.objects.get().kind == "single_choice"


def test_trainer_enrols_a_pasted_list_into_a_cohort(trainer):
    built = factories.course(modules=1, lessons_per_module=1)
    cohort = Cohort.objects.create(
        name="Ola 1", course=built.page, starts_on="2026-12-01", ends_on="2026-12-31", due_on="2026-12-20"
    )
    first = person(role=Role.LEARNER, email="uno@example.org")
    second = person(role=Role.LEARNER, email="dos@example.org")
    response = client_for(trainer).post(
        reverse("courses_enrol"),
        {"course": built.page.pk, "cohort": cohort.pk, "emails": "UNO@example.org;\n dos@example.org", "due_on": ""},
    )
    assert response.status_code == 302
    enrolments = Enrolment.objects.filter(cohort=cohort)
    assert {e.learner for e in enrolments} == {first, second}
    assert {str(e.due_on) for e in enrolments} == {"2026-12-20"}


def test_an_unknown_address_in_the_list_enrols_no_one_and_is_named(trainer):
    built = factories.course(modules=1, lessons_per_module=1)
    person(role=Role.LEARNER, email="uno@example.org")
    response = client_for(trainer).post(
        reverse("courses_enrol"), {"course": built.page.pk, "emails": "uno@example.org, nadie@example.org"}
    )
    assert response.status_code == 200
    assert "nadie@example.org" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_a_question_answered_in_graded_attempts_is_kept_with_a_message(trainer, learner):
    from courses.services import attempt_start, attempt_submit, enrolment_create
    from tests.courses.answers import answer_form

    built = factories.course(modules=1, lessons_per_module=1, questions=2)
    enrolment = enrolment_create(learner=learner, course=built.page)
    attempt = attempt_start(enrolment=enrolment, lesson=built.quiz_lesson, course=built.page, block_id=built.quiz_id)
    attempt_submit(
        attempt_token=attempt.token,
        learner=learner,
        data=answer_form(attempt),
        course=built.page,
        lesson=built.quiz_lesson,
    )
    answered = Question.objects.get(pk=attempt.drawn[0]["question"])
    response = client_for(trainer).post(reverse("wagtailsnippets_courses_question:delete", args=[answered.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_courses_question:edit", args=[answered.pk])
    assert Question.objects.filter(pk=answered.pk).exists()

    unused = factories.question(built.bank)
    response = client_for(trainer).post(reverse("wagtailsnippets_courses_question:delete", args=[unused.pk]))
    assert response.status_code == 302
    assert not Question.objects.filter(pk=unused.pk).exists()


def test_a_bank_with_questions_and_a_course_with_cohorts_are_kept_with_a_message(administrator):
    from courses.models import CoursePage

    built = factories.course(modules=1, lessons_per_module=1, questions=2)
    Cohort.objects.create(
        name="Ola 1", course=built.page, starts_on="2026-01-01", ends_on="2026-02-01", due_on="2026-01-20"
    )
    client = client_for(administrator)
    response = client.post(reverse("wagtailsnippets_courses_questionbank:delete", args=[built.bank.pk]))
    assert response["Location"] == reverse("wagtailsnippets_courses_questionbank:edit", args=[built.bank.pk])
    assert QuestionBank.objects.filter(pk=built.bank.pk).exists()
    for page in (built.page, built.page.get_parent()):  # the course, and the catalogue above it
        response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        assert response.status_code == 302
        assert CoursePage.objects.filter(pk=built.page.pk).exists()
