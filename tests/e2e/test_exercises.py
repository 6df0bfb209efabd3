"""The graded-exercise journey of issue 18, in a browser, with a real Celery worker: a learner opens
exercise #1 from the lesson, registers the entry at the wrong post, reads the finding that names
it, starts again and registers it right, passes, completes the course and finds the exercise on
the certificate's verification page; a trainer reads that finding in the course report."""

from __future__ import annotations

import celery.contrib.testing.tasks  # noqa: F401 - registers celery.ping, used by start_worker
import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse

from certificates.models import Certificate
from courses.models import Enrolment
from lms.celery import app
from people.roles import Role
from sandbox.models import CrossingPoint, ExerciseAttempt, TravelPurpose
from tests.certificates.matrix import default_template
from tests.courses import factories
from tests.e2e.test_accessibility import _violations
from tests.e2e.test_certificates import _reload_until
from tests.e2e.test_courses import log_in
from tests.people.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    with start_worker(app, pool="solo", loglevel="WARNING", perform_ping_check=True, shutdown_timeout=30) as running:
        yield running


def _register_entry(page, attempt: ExerciseAttempt, *, crossing_point: str) -> None:
    """On the movement form opened from the exercise's page: the brief's MRZ, a post and the purpose;
    after the screening, the stay and the decision."""
    page.get_by_label("Zona de lectura mecánica (MRZ)").fill(attempt.brief["mrz"])
    page.get_by_label("Puesto fronterizo", exact=True).select_option(crossing_point)
    purpose = TravelPurpose.objects.get(code=attempt.expected["purpose"])
    page.get_by_label("Motivo del viaje").select_option(purpose.code)
    page.get_by_role("button", name="Verificar al viajero").click()  # the screening, before the decision
    page.get_by_label("Permanencia autorizada (días)").fill(str(attempt.expected["authorised_stay_days"]))
    page.get_by_role("button", name="Registrar la decisión").click()
    page.wait_for_url("**/sandbox/people/*/")


def _open_sandbox_from_lesson(page) -> None:
    page.get_by_role("link", name="Abrir su escenario en el sandbox").click()
    page.wait_for_url("**/sandbox/exercises/*/")
    assert _violations(page) == []
    page.get_by_role("link", name="Trabajar en el sandbox").click()
    page.wait_for_url("**/sandbox/movements/new/?exercise=*")


def test_a_learner_fixes_a_wrong_post_passes_and_the_certificate_and_report_show_it(page, browser, live_server, worker):
    default_template()
    built = factories.course(
        modules=1,
        lessons_per_module=1,
        title="Registro de entradas",
        exercise={"crossing_point": "CR-PBL"},
        completion_rules=[("lessons_completed", None), ("exercises_passed", None)],
    )
    learner = person(role=Role.LEARNER, email="practica@example.org", full_name="Rocío Zamora Núñez")
    lesson_url = built.exercise_lesson.url
    log_in(page, learner.email, built.page.url)
    page.get_by_role("button", name="Inscríbase en este curso").click()
    page.wait_for_url(f"**{lesson_url}")

    # Start: the lesson shows the brief of the learner's own scenario.
    page.get_by_role("button", name="Empezar el ejercicio").click()
    page.wait_for_url(f"**{lesson_url}*")
    attempt = ExerciseAttempt.objects.get(sandbox__owner=learner, state="OPEN")
    assert attempt.brief["traveller"] in page.get_by_role("main").inner_text()

    # The entry registered at the wrong post (one of the learner's own country's): the check names it.
    wrong = CrossingPoint.objects.get(code="GT-GUA")
    _open_sandbox_from_lesson(page)
    _register_entry(page, attempt, crossing_point=wrong.code)
    page.goto(lesson_url)
    page.get_by_role("button", name="Comprobar mi trabajo").click()
    page.wait_for_url(f"**{lesson_url}*")
    main = page.get_by_role("main").inner_text()
    assert "La Aurora" in main and "Peñas Blancas" in main, main
    assert _violations(page) == []

    # Start again: a new scenario; the entry registered right passes and completes the course.
    page.get_by_role("button", name="Empezar este ejercicio de nuevo").click()
    page.wait_for_url(f"**{lesson_url}*")
    attempt = ExerciseAttempt.objects.get(sandbox__owner=learner, state="OPEN")
    assert attempt.number == 2
    _open_sandbox_from_lesson(page)
    _register_entry(page, attempt, crossing_point=attempt.expected["crossing_point"])
    page.goto(lesson_url)
    page.get_by_role("button", name="Comprobar mi trabajo").click()
    page.wait_for_url(f"**{lesson_url}*")
    assert "Aprobado" in page.get_by_role("main").inner_text()
    # The pass completed the lesson, and with it the course.
    assert Enrolment.objects.get(learner=learner).completed_at is not None

    # The certificate lists the exercise, and so does its public verification page.
    page.goto("/certificates/")
    _reload_until(page, page.get_by_role("link", name="Descargar el PDF"))
    certificate = Certificate.objects.get(learner=learner)
    assert [item["type"] for item in certificate.evidence] == ["entry_registration"]
    verifier = browser.new_context(base_url=live_server.url, locale="es-ES").new_page()
    verifier.goto(reverse("certificates:verify", args=[certificate.code]))
    exercises = verifier.locator(".certificate-exercises").inner_text()
    assert attempt.title in exercises or "Registrar una entrada" in exercises, exercises
    assert _violations(verifier) == []

    # The trainer reads the finding among the course's most frequent.
    trainer = person(role=Role.TRAINER, email="formacion@example.org", authority_code="iom")
    trainer_page = browser.new_context(base_url=live_server.url, locale="es-ES").new_page()
    trainer_page.set_default_timeout(15_000)
    report = reverse("courses_report", args=[built.page.pk])
    log_in(trainer_page, trainer.email, report)
    assert "Puesto fronterizo equivocado" in trainer_page.get_by_role("main").inner_text()
