"""The courses journeys of issue 4, in a browser: a learner enrols, reads, fails the quiz, passes it on
the second attempt and finds the course completed in "My learning"; a trainer edits a lesson in the
admin and previews it."""

from __future__ import annotations

import pytest

from lms.people.roles import Role
from tests.courses import factories
from tests.courses.factories import items, option
from tests.e2e.test_accessibility import _violations
from tests.people.factories import TEST_PASSWORD, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_course():
    built = factories.course(
        modules=1,
        lessons_per_module=2,
        title="Registro en frontera",
        quiz={"questions": [], "question_count": 2, "shuffle_options": False},
    )
    bank = factories.QuestionBank.objects.create(title="Banco del recorrido", course=built.page)
    first = factories.question(
        bank,
        prompt="¿Qué documento acepta para una entrada por aire?",
        value={"options": items([option("Pasaporte", True), option("Licencia de conducir")])},
    )
    second = factories.question(
        bank,
        prompt="¿Se registra la entrada de un menor sin documento?",
        kind="true_false",
        value={"answer": False, "feedback_true": "", "feedback_false": ""},
    )
    lesson = built.quiz_lesson
    body = lesson.body.raw_data
    for block in body:
        if block["type"] == "quiz":
            block["value"] |= {
                "bank": None,
                "questions": [{"type": "item", "value": q.pk, "id": str(q.pk)} for q in (first, second)],
            }
    lesson.body = body
    lesson.save_revision().publish()
    return built


def log_in(page, email: str, next_path: str) -> None:
    page.goto(f"/account/login/?next={next_path}")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(TEST_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url(f"**{next_path}")


def answer(page, *, right: bool) -> None:
    page.get_by_label("Pasaporte" if right else "Licencia de conducir").check()
    page.get_by_label("Falso" if right else "Verdadero").check()
    page.get_by_role("button", name="Enviar mis respuestas").click()


def test_learner_enrols_fails_then_passes_the_quiz_and_completes_the_course(page):
    built = a_course()
    learner = person(role=Role.LEARNER, email="recorrido@example.org")
    log_in(page, learner.email, built.page.url)

    page.get_by_role("button", name="Inscríbase en este curso").click()
    page.wait_for_url(f"**{built.lessons[0].url}")
    assert page.get_by_role("heading", level=1).inner_text() == "Lección 1.1"
    page.get_by_role("button", name="Marcar como completada y continuar").click()
    page.wait_for_url(f"**{built.lessons[1].url}")

    page.get_by_role("button", name="Comenzar la evaluación").click()
    assert _violations(page) == []  # the quiz form, as WCAG 2.1 AA asks
    answer(page, right=False)
    assert "Todavía no ha aprobado." in page.get_by_role("status").inner_text()
    assert _violations(page) == []
    page.get_by_role("button", name="Intentar de nuevo").click()
    answer(page, right=True)
    assert "Ha aprobado." in page.get_by_role("status").inner_text()

    page.get_by_role("link", name="Volver a la lección").last.click()
    page.get_by_role("button", name="Marcar como completada").click()
    page.wait_for_url(f"**{built.page.url}")
    assert "Curso completado" in page.get_by_role("status").first.inner_text()

    page.get_by_role("navigation", name="Principal").get_by_role("link", name="Mi aprendizaje").click()
    completed = page.locator("section", has=page.get_by_role("heading", name="Completados"))
    assert "Registro en frontera" in completed.inner_text()


def test_trainer_edits_a_lesson_in_the_admin_and_previews_it(page):
    built = factories.course(modules=1, lessons_per_module=1, title="Curso para editar")
    lesson = built.lessons[0]
    trainer = person(role=Role.TRAINER, authority_code="iom", email="formadora@example.org")
    edit_path = f"/admin/pages/{lesson.pk}/edit/"
    log_in(page, trainer.email, edit_path)

    page.locator("#id_title").fill("Lección revisada por la formadora")
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    preview.get_by_role("heading", level=1, name="Lección revisada por la formadora").wait_for()
    assert "Texto de la lección." in preview.locator("article").inner_text()
