"""Trainers' course reports: funnel, item analysis, stuck learners, CSV exports scoped by country and safe."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import reports
from courses.models import Enrolment, QuizAttempt
from courses.services import attempt_start, attempt_submit, enrolment_create, lesson_complete
from foundation.spreadsheets import spreadsheet_safe
from people.roles import Role
from tests.conftest import client_for
from tests.courses import factories
from tests.courses.page_text import h1_text
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def answer(attempt, *, correct: set[int]):
    """Form data answering the attempt's single-choice questions: right for the positions in `correct`."""
    data = {}
    for position, item in enumerate(attempt.drawn, start=1):
        from courses.models import Question

        question = Question.objects.get(pk=item["question"])
        for child in question.body[0].value["options"].bound_blocks:
            if child.value["is_correct"] == (position in correct):
                data[f"answer-{position}"] = child.id
                break
    return data


def graded(built, learner, *, correct: set[int]) -> QuizAttempt:
    enrolment = enrolment_create(learner=learner, course=built.page)
    attempt = attempt_start(enrolment=enrolment, lesson=built.quiz_lesson, course=built.page, block_id=built.quiz_id)
    return attempt_submit(
        attempt_token=attempt.token,
        learner=learner,
        data=answer(attempt, correct=correct),
        course=built.page,
        lesson=built.quiz_lesson,
    )


def test_item_analysis_gives_facility_and_discrimination(trainer):
    built = factories.course(modules=1, lessons_per_module=1, questions=2, quiz={"shuffle_options": False})
    strong = [person(role=Role.LEARNER) for _ in range(4)]
    weak = [person(role=Role.LEARNER) for _ in range(4)]
    for learner in strong:
        graded(built, learner, correct={1, 2})
    for learner in weak:
        graded(built, learner, correct=set())
    items = reports.item_analysis(viewer=trainer, course=built.page)
    assert len(items) == 2
    for item in items:
        assert item.answers == 8
        assert item.facility == Decimal("0.50")
        assert item.discrimination == Decimal("1.00")


def test_funnel_counts_learners_per_module_and_completions(trainer):
    built = factories.course(modules=2, lessons_per_module=1)
    first, second = person(role=Role.LEARNER), person(role=Role.LEARNER)
    for learner in (first, second):
        enrolment_create(learner=learner, course=built.page)
    enrolment = Enrolment.objects.get(learner=first)
    lesson_complete(enrolment=enrolment, lesson=built.lessons[0], course=built.page)
    lesson_complete(enrolment=enrolment, lesson=built.lessons[1], course=built.page)
    funnel = reports.completion_funnel(viewer=trainer, course=built.page)
    assert [(step.learners, step.share) for step in funnel] == [(1, 50), (1, 50), (1, 50)]


@pytest.mark.clock_hours
def test_stuck_learners_are_those_out_of_attempts_or_inactive(trainer):
    built = factories.course(modules=1, lessons_per_module=1, questions=2, quiz={"max_attempts": 1})
    out_of_attempts = person(role=Role.LEARNER)
    graded(built, out_of_attempts, correct=set())
    idle = person(role=Role.LEARNER)
    enrolment_create(learner=idle, course=built.page)
    Enrolment.objects.filter(learner=idle).update(enrolled_at=timezone.now() - timedelta(days=30))
    active = person(role=Role.LEARNER)
    enrolment_create(learner=active, course=built.page)
    stuck = {item.enrolment.learner: item.reason for item in reports.stuck_learners(viewer=trainer, course=built.page)}
    assert stuck == {out_of_attempts: "attempts_exhausted", idle: "inactive"}


def test_a_country_trainer_reports_on_their_own_country_only():
    built = factories.course(modules=1, lessons_per_module=1)
    guatemalan = person(role=Role.LEARNER, authority_code="gt-igm")
    costa_rican = person(role=Role.LEARNER, authority_code="cr-dgme")
    for learner in (guatemalan, costa_rican):
        enrolment_create(learner=learner, course=built.page)
    country_trainer = person(role=Role.TRAINER, authority_code="gt-igm")
    iom_trainer = person(role=Role.TRAINER, authority_code="iom")
    assert reports.enrolment_summary(viewer=country_trainer, course=built.page).enrolled == 1
    assert reports.enrolment_summary(viewer=iom_trainer, course=built.page).enrolled == 2
    response = client_for(country_trainer).get(reverse("courses_report_export", args=[built.page.pk, "enrolments"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[0] for row in rows[1:]] == [guatemalan.email]


def test_csv_export_neutralises_formula_injection(trainer):
    built = factories.course(modules=1, lessons_per_module=1)
    learner = person(role=Role.LEARNER, full_name='=HYPERLINK("http://evil.example","x")')
    enrolment_create(learner=learner, course=built.page)
    response = client_for(trainer).get(reverse("courses_report_export", args=[built.page.pk, "enrolments"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    row = list(csv.reader(io.StringIO(response.content.decode())))[1]
    assert row[1] == '\'=HYPERLINK("http://evil.example","x")'
    for cell in ("+1", "-1", "@SUM(A1)", "\tx"):
        assert spreadsheet_safe(cell) == "'" + cell
    assert spreadsheet_safe("Ana") == "Ana"
    # A number is data, not a formula: a negative discrimination index stays a number for a spreadsheet.
    assert [spreadsheet_safe(value) for value in (Decimal("-0.25"), -3, Decimal("0.50"))] == ["-0.25", "-3", "0.50"]


def test_report_page_shows_every_section(trainer):
    built = factories.course(modules=1, lessons_per_module=1, questions=2)
    graded(built, person(role=Role.LEARNER), correct={1})
    html = client_for(trainer).get(reverse("courses_report", args=[built.page.pk])).content.decode()
    for heading in ('id="enrolments"', 'id="funnel"', 'id="items"', 'id="stuck"'):
        assert heading in html


def test_learners_and_focal_points_cannot_read_reports(learner, focal_point):
    built = factories.course(modules=1, lessons_per_module=1)
    for user in (learner, focal_point):
        response = client_for(user).get(reverse("courses_report", args=[built.page.pk]))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_report_pages_have_a_heading(trainer):
    built = factories.course(modules=1, lessons_per_module=1, title="Alertas migratorias")
    client = client_for(trainer)
    assert h1_text(client.get(reverse("courses_reports")).content.decode()) == "Informes de cursos"
    report = client.get(reverse("courses_report", args=[built.page.pk])).content.decode()
    assert h1_text(report) == "Informe del curso Alertas migratorias"


def test_report_counts_use_plural_forms(trainer):
    from people.services import user_language_set

    built = factories.course(modules=1, lessons_per_module=1)
    enrolment_create(learner=person(role=Role.LEARNER), course=built.page)
    url = reverse("courses_report", args=[built.page.pk])
    html = client_for(trainer).get(url).content.decode()
    assert "1 persona inscrita" in html
    assert "0 completaron el curso (0\u00a0%)" in html
    enrolment_create(learner=person(role=Role.LEARNER), course=built.page)
    html = client_for(trainer).get(url).content.decode()
    assert "2 personas inscritas" in html
    user_language_set(user=trainer, language="en")
    html = client_for(trainer).get(url).content.decode()
    assert "2 learners enrolled" in html
    assert "0 are past the due date without completing" in html


def test_item_analysis_export_names_question_types_in_the_readers_language(trainer):
    built = factories.course(modules=1, lessons_per_module=1, questions=2)
    graded(built, person(role=Role.LEARNER), correct={1})
    response = client_for(trainer).get(reverse("courses_report_export", args=[built.page.pk, "items"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][1] == "Tipo"
    assert {row[1] for row in rows[1:]} == {"Opción única"}


def test_report_figures_are_written_in_the_readers_language_and_csv_for_machines(trainer):
    # Issue 16: "por debajo de 0.2" beside "0,50", and "54%" where the rest of the site writes "54 %".
    from people.services import user_language_set

    built = factories.course(modules=1, lessons_per_module=1, questions=2, quiz={"shuffle_options": False})
    graded(built, person(role=Role.LEARNER), correct={1, 2})  # passes: completes the course
    graded(built, person(role=Role.LEARNER), correct={1})  # 50: not passed
    client = client_for(trainer)
    report_url = reverse("courses_report", args=[built.page.pk])

    html = client.get(report_url).content.decode()
    assert "1 completó el curso (50\u00a0%)" in html
    assert "<td>50\u00a0%</td>" in html  # the funnel
    assert "<td>1,00</td>" in html and "<td>0,50</td>" in html  # facility: both got question 1, one question 2
    assert "facilidad en el 27\u00a0% de los mejores intentos" in html
    assert "por debajo de 0,2, revise la pregunta" in html
    report = html.split('id="enrolments"', 1)[1].split("</main>", 1)[0]
    assert not re.search(r"\d%|\d\.\d", report)  # no figure left written the English way
    index = client.get(reverse("courses_reports")).content.decode()
    assert "1 (50\u00a0%)" in index

    user_language_set(user=trainer, language="en")
    html = client.get(report_url).content.decode()
    assert "1 has completed the course (50%)" in html
    assert "facility among the best 27% of the attempts" in html and "under 0.2, review the question" in html
    assert "<td>1.00</td>" in html and "<td>0.50</td>" in html

    user_language_set(user=trainer, language="es")
    response = client.get(reverse("courses_report_export", args=[built.page.pk, "items"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert sorted(row[3] for row in rows[1:]) == ["0.50", "1.00"]  # a point decimal, in Spanish too
