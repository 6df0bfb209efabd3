"""Trainers' reports on a course's sandbox exercises: per exercise, the learners who started it, the
pass rate, the attempts to pass and the most frequent findings; per learner, the attempt history
with every check's score and findings and a way into their sandbox read-only; scoped by country."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from courses import reports, services
from people.roles import Role
from people.services import user_language_set
from sandbox.exercises.findings import finding_texts
from sandbox.models import ExerciseCheck
from tests.conftest import client_for
from tests.courses import factories
from tests.courses.exercise_steps import solve
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def exercise_url(built) -> str:
    return reverse(
        "courses_report_exercise", args=[built.page.pk, built.exercise_lesson.translation_key, built.exercise_id]
    )


def learner_does(built, learner, steps: list[str]) -> None:
    """The learner enrols and does each step: "fail" (checks with nothing done), "pass" (does the
    right work and checks), "restart"."""
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    where = {
        "enrolment": enrolment,
        "lesson": built.exercise_lesson,
        "course": built.page,
        "block_id": built.exercise_id,
    }
    attempt = services.lesson_exercise_start(**where)
    for step in steps:
        if step == "restart":
            attempt = services.lesson_exercise_restart(**where, token=attempt.token)
            continue
        if step == "pass":
            solve(learner, attempt)
        services.lesson_exercise_check(**where, token=attempt.token, checks_seen=attempt.checks_made)
        attempt.refresh_from_db()


@pytest.fixture
def three_learners():
    """A passes at once; B fails, starts again and passes at the second attempt; C fails. A and B
    are Guatemalan, C Costa Rican."""
    built = factories.course(modules=1, lessons_per_module=1, exercise={})
    a = person(role=Role.LEARNER, authority_code="gt-igm", full_name="Ana Alvarado")
    b = person(role=Role.LEARNER, authority_code="gt-igm", full_name="Bruno Barrios")
    c = person(role=Role.LEARNER, authority_code="cr-dgme", full_name="Carla Castro")
    learner_does(built, a, ["pass"])
    learner_does(built, b, ["fail", "restart", "pass"])
    learner_does(built, c, ["fail"])
    return built, (a, b, c)


def test_each_exercise_has_its_pass_rate_attempts_to_pass_and_most_frequent_findings(trainer, three_learners):
    built, _learners = three_learners

    [report] = reports.exercise_reports(viewer=trainer, course=built.page)

    assert report.activity.block_id == built.exercise_id
    assert (report.summary.learners, report.summary.passed) == (3, 2)
    assert str(report.pass_rate) == "66.7"
    assert report.summary.attempts_to_pass == 1.5
    with translation.override("en"):
        [(label, learners)] = reports.exercise_reports(viewer=trainer, course=built.page)[0].findings
    assert (label, learners) == ("No entry registered", 2)


def test_the_course_report_shows_the_most_frequent_finding_and_leads_to_the_exercise(trainer, three_learners):
    built, _learners = three_learners
    user_language_set(user=trainer, language="en")

    html = client_for(trainer).get(reverse("courses_report", args=[built.page.pk])).content.decode()

    section = html.split('id="exercises"', 1)[1].split('id="stuck"', 1)[0]
    assert "No entry registered (2 learners)" in section
    assert "66.7%" in section
    assert exercise_url(built) in section


def test_the_exercise_report_gives_each_learners_checks_with_findings_and_a_way_into_their_sandbox(
    trainer, three_learners
):
    built, (a, b, c) = three_learners
    user_language_set(user=trainer, language="en")

    response = client_for(trainer).get(exercise_url(built))

    assert response.status_code == 200
    html = response.content.decode()
    for learner in (a, b, c):
        assert learner.full_name in html
    failed = ExerciseCheck.objects.filter(attempt__sandbox__owner=c).get()
    with translation.override("en"):
        [text] = finding_texts(failed.findings)
    assert text in html
    assert "Checked on" in html and "0 out of 100." in html and "100 out of 100." in html
    latest = failed.attempt
    assert reverse("sandbox:learner_exercise_detail", args=[latest.sandbox_id, latest.token]) in html


def test_an_administrator_reads_the_report_without_a_way_into_sandboxes(administrator, three_learners):
    built, _learners = three_learners
    html = client_for(administrator).get(exercise_url(built)).content.decode()
    assert "Carla Castro" in html
    assert "/sandbox/learners/" not in html


def test_a_national_trainer_reports_on_their_countrys_learners_only(three_learners):
    built, (a, b, c) = three_learners
    national = person(role=Role.TRAINER, authority_code="gt-igm")

    [report] = reports.exercise_reports(viewer=national, course=built.page)
    html = client_for(national).get(exercise_url(built)).content.decode()

    assert (report.summary.learners, report.summary.passed) == (2, 2)
    assert report.findings == [(report.findings[0][0], 1)]  # only B's failed check
    assert a.full_name in html and b.full_name in html
    assert c.full_name not in html


def test_an_exercise_the_course_does_not_have_is_not_found(trainer):
    built = factories.course(modules=1, lessons_per_module=1, exercise={})
    url = reverse("courses_report_exercise", args=[built.page.pk, built.exercise_lesson.translation_key, "no-block"])
    assert client_for(trainer).get(url).status_code == 404


def test_the_exercises_download_as_csv_for_machines(trainer, three_learners):
    import csv
    import io

    built, _learners = three_learners
    user_language_set(user=trainer, language="en")
    response = client_for(trainer).get(reverse("courses_report_export", args=[built.page.pk, "exercises"]))

    assert response.status_code == 200
    header, row = list(csv.reader(io.StringIO(response.content.decode())))
    assert header[0] == "Exercise"
    assert row == ["Registrar una entrada", "3", "2", "66.7", "1.5", "No entry registered: 2"]
