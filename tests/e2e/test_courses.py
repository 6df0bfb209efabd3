"""The courses journeys of issue 4, in a browser: a learner enrols, reads, fails the quiz, passes it on
the second attempt and finds the course completed in "My learning"; a trainer edits a lesson in the
admin and previews it. Issue 16: the quiz, the catalogue and a lesson's progress on a 390 px phone, measured."""

from __future__ import annotations

import pytest

from courses import services
from courses.models import CourseAudience
from people.roles import Role
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
    status = page.get_by_role("status").inner_text()
    assert "Ha aprobado." in status
    # Issue 16: the pass completes the quiz's lesson, and with it the course; nothing left to mark.
    assert "Completó el curso «Registro en frontera»." in status
    assert "intentos" not in page.get_by_role("main").inner_text()
    assert page.get_by_role("button", name="Marcar como completada").count() == 0
    assert _violations(page) == []

    page.get_by_role("link", name="Ir a Mi aprendizaje").click()
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


def test_a_number_typed_badly_comes_back_with_a_message_and_every_answer_kept(page):
    built = a_course()
    bank = factories.QuestionBank.objects.get(course=built.page)
    number = factories.question(
        bank,
        prompt="¿Qué porcentaje de las entradas de 2021 fue por tierra?",
        kind="numeric",
        value={"answer": "61.6", "tolerance": "0.1", "unit": "%"},
    )
    body = built.quiz_lesson.body.raw_data
    for block in body:
        if block["type"] == "quiz":
            block["value"]["questions"].append({"type": "item", "value": number.pk, "id": str(number.pk)})
            block["value"]["question_count"] = 3
    built.quiz_lesson.body = body
    built.quiz_lesson.save_revision().publish()
    learner = person(role=Role.LEARNER, email="numeros@example.org")
    services.enrolment_create(learner=learner, course=built.page)
    log_in(page, learner.email, built.quiz_lesson.url)

    page.get_by_role("button", name="Comenzar la evaluación").click()
    page.get_by_label("Pasaporte").check()
    page.get_by_label("Falso").check()
    page.get_by_label("¿Qué porcentaje de las entradas de 2021 fue por tierra?").fill("sesenta y uno")
    page.get_by_role("button", name="Enviar mis respuestas").click()

    assert "Escriba un número, por ejemplo 12,5 o 12,5\u00a0%." in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Pasaporte").is_checked() and page.get_by_label("Falso").is_checked()
    assert _violations(page) == []
    page.get_by_role("link", name="Pregunta 3").click()  # the summary leads to the field to correct
    field = page.get_by_label("¿Qué porcentaje de las entradas de 2021 fue por tierra?")
    assert field.evaluate("element => element === document.activeElement")
    field.fill(" 61,6 % ")
    page.get_by_role("button", name="Enviar mis respuestas").click()

    status = page.get_by_role("status").inner_text()
    assert "Intento 1: 100\u00a0%" in status
    assert "Completó la lección «Lección 1.2»." in status  # lesson 1.1 is still to read
    assert page.get_by_role("link", name="Volver al programa del curso").is_visible()


# ---------------------------------------------------------------- a 390 px phone (issue 16, items 5 and 7)

PHONE = {"width": 390, "height": 844}

# For each question of the attempt form: its number, its prompt (legend or label), its first answer
# control, the list marker the browser would draw, and each choice row with its box and its input's.
QUESTION_BOXES = """() => [...document.querySelectorAll("li.question")].map((question) => {
    const box = (element) => element ? element.getBoundingClientRect().toJSON() : null;
    const prompt = question.querySelector("legend, label");
    const number = question.querySelector(".question-number");
    const firstControl = question.querySelector(".choice, input, select");
    const rows = [...question.querySelectorAll("input[type=radio], input[type=checkbox]")].map((input) => ({
        row: box(input.closest("label")),
        input: box(input),
    }));
    return {
        marker: getComputedStyle(question).listStyleType,
        prompt: box(prompt),
        number: box(number),
        numberInPrompt: Boolean(number && prompt && prompt.contains(number)),
        firstControl: box(firstControl),
        rows,
    };
})"""

# Every piece of text of each catalogue card, and the card's own box: text must stay inside it.
CARD_OVERFLOW = """() => [...document.querySelectorAll(".course-card")].map((card) => {
    const outer = card.getBoundingClientRect();
    const outside = [];
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (!node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
            if (rect.left < outer.left - 0.5 || rect.right > outer.right + 0.5) {
                outside.push(node.textContent.trim().slice(0, 40));
            }
        }
    }
    return {right: outer.right, outside, viewport: document.documentElement.clientWidth};
})"""


def long_worded_courses() -> None:
    """Four courses, as the demo has, so that a desktop catalogue has four narrow columns."""
    for title, topic, functions in (
        (
            "Interoperabilidad de los sistemas nacionales de información migratoria",
            "information_exchange",
            ("border_officer", "supervisor", "analyst", "alert_manager", "statistics_officer"),
        ),
        ("Estadísticas migratorias y control de calidad", "statistics", ("analyst", "statistics_officer")),
        ("Alertas migratorias y atención de coincidencias", "alerts", ("border_officer", "alert_manager")),
        ("Registro de entradas y salidas", "border_control", ("border_officer",)),
    ):
        built = factories.course(modules=1, lessons_per_module=1, title=title, topic=topic, estimated_hours="12.5")
        built.page.summary = "Procedimientos interinstitucionales de confidencialidad, anonimización y transferencia."
        built.page.audiences = [CourseAudience(job_function=function) for function in functions]
        built.page.save_revision().publish()


@pytest.mark.parametrize("language", ["es", "en"])
def test_quiz_on_a_phone_keeps_each_number_with_its_question_and_large_choice_rows(
    browser, live_server, site_content, tmp_path, language
):
    built = a_course()
    learner = person(role=Role.LEARNER, email=f"telefono-{language}@example.org")
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    attempt = services.attempt_start(
        enrolment=enrolment, lesson=built.quiz_lesson, course=built.page, block_id=built.quiz_id
    )
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale=f"{language}-419")
    page = context.new_page()
    try:
        prefix = "" if language == "es" else "/en"
        log_in(page, learner.email, "/account/")
        page.goto(f"{prefix}/courses/attempts/{attempt.token}/")
        page.screenshot(path=tmp_path / f"quiz-phone-{language}.png", full_page=True)  # kept for a failure

        questions = page.evaluate(QUESTION_BOXES)

        assert len(questions) == 2
        for question in questions:
            assert question["marker"] == "none"  # no number drawn by the list beside the first option
            assert question["number"] is not None and question["numberInPrompt"]
            assert question["number"]["bottom"] <= question["firstControl"]["top"]
            assert question["rows"], "a choice question has rows to choose"
            for choice in question["rows"]:
                assert choice["row"]["height"] >= 44
                assert choice["input"]["width"] >= 20 and choice["input"]["height"] >= 20
                assert choice["row"]["right"] <= PHONE["width"]
            tops = [choice["row"]["top"] for choice in question["rows"]]
            bottoms = [choice["row"]["bottom"] for choice in question["rows"]]
            assert all(top >= bottom for top, bottom in zip(tops[1:], bottoms, strict=False))  # rows never overlap
        # The whole row is the target: a tap on the option's text chooses it.
        page.get_by_text("Licencia de conducir", exact=True).click()
        assert page.get_by_label("Licencia de conducir").is_checked()
        assert _violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["es", "en"])
def test_catalogue_cards_keep_their_facts_inside_the_card(
    browser, live_server, site_content, tmp_path, language, width
):
    long_worded_courses()
    factories.catalogue("en")
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 844})
    page = context.new_page()
    try:
        page.goto("/cursos/" if language == "es" else "/en/courses/")
        page.screenshot(path=tmp_path / f"catalogue-{language}-{width}.png", full_page=True)

        cards = page.evaluate(CARD_OVERFLOW)

        assert len(cards) == 4
        for card in cards:
            assert card["outside"] == []
            assert card["right"] <= card["viewport"]
    finally:
        context.close()


# A lesson's progress sentence and bar: each line of the sentence, the bar, and the viewport.
LESSON_PROGRESS = """() => {
    const text = document.getElementById("lesson-progress-text");
    const bar = document.getElementById("lesson-progress");
    const range = document.createRange();
    range.selectNodeContents(text);
    return {
        lines: [...range.getClientRects()].map((rect) => rect.toJSON()),
        bar: bar.getBoundingClientRect().toJSON(),
        name: bar.getAttribute("aria-labelledby"),
        viewport: document.documentElement.clientWidth,
    };
}"""


def test_lesson_progress_on_a_phone_reads_as_one_sentence_above_a_full_width_bar(
    browser, live_server, site_content, tmp_path
):
    # Issue 16: at 390 px the lesson read "8" beside the bar, then "de 8 lecciones obligatorias completadas" below.
    built = factories.course(modules=2, lessons_per_module=4, title="Registro de entradas y salidas")
    learner = person(role=Role.LEARNER, email="progreso@example.org")
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    for lesson in built.lessons[:-1]:
        services.lesson_complete(enrolment=enrolment, lesson=lesson, course=built.page)
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="es-419")
    page = context.new_page()
    try:
        log_in(page, learner.email, "/account/")
        page.goto(built.lessons[-1].url)
        page.screenshot(path=tmp_path / "lesson-progress.png", full_page=True)  # kept for a failure

        progress = page.evaluate(LESSON_PROGRESS)

        assert page.locator("#lesson-progress-text").inner_text() == "7 de 8 lecciones obligatorias completadas"
        assert progress["lines"], "the sentence is shown"
        assert all(line["bottom"] <= progress["bar"]["top"] for line in progress["lines"])  # nothing beside the bar
        assert all(line["right"] <= progress["viewport"] for line in progress["lines"])
        assert progress["bar"]["width"] >= 0.8 * progress["viewport"]  # the bar takes the width, not the sentence
        assert progress["name"] == "lesson-progress-text"  # the bar is named by its sentence
        assert _violations(page) == []
    finally:
        context.close()
