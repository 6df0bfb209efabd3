"""Translating a course in the browser, as a trainer does (issue 16, defect 3): "Traducir esta página" >
English with its subpages in the Spanish admin, the strings translated in wagtail-localize's editor, each
English page published. The tree stays sound at every step, the English pages stay drafts until published,
the editor lists the questions still to translate, the English quiz refuses to start until they are, and
then draws them in English."""

from __future__ import annotations

import pytest
from wagtail.models import Locale, Page

from courses.models import CoursePage, LessonPage, ModulePage, Question
from courses.services import enrolment_create
from people.roles import Role
from tests.courses import factories
from tests.e2e.test_courses import log_in
from tests.people.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOUND_TREE = ([], [], [], [], [])
SUFFIX = " (EN)"


def translate_every_string(page) -> None:
    """In wagtail-localize's editor, give each string of every tab its English text, then wait until all are saved."""
    editor = page.locator(".js-translation-editor")
    editor.locator("footer button").first.wait_for()  # rendered by React after the page loads
    for tab in editor.get_by_role("tab").all() or [None]:
        if tab is not None:
            tab.click()
        while (pending := editor.locator("li.incomplete:visible")).count():
            segment = pending.first.element_handle()
            source = segment.query_selector("p").inner_text()
            segment.query_selector("button:text-is('Traducir')").click()
            segment.query_selector("textarea").fill(source + SUFFIX)
            segment.query_selector("button:text-is('Guardar')").click()
            page.wait_for_function("segment => !segment.classList.contains('incomplete')", arg=segment)
    page.get_by_text("Guardando...").first.wait_for(state="detached")
    assert editor.locator("li.incomplete").count() == 0


def publish_in_english(page) -> None:
    """The translation editor's main button, for a page and for a snippet alike."""
    with page.expect_navigation():
        page.get_by_role("button", name="Publicar en Inglés").click()
    assert Page.find_problems() == SOUND_TREE


def test_trainer_translates_a_course_and_an_english_learner_takes_its_quiz(page, browser, live_server):
    factories.catalogue("en")
    built = factories.course(modules=1, lessons_per_module=1, questions=2, title="Registro en frontera")
    spanish_questions = list(Question.objects.filter(bank=built.bank).order_by("pk"))
    english = Locale.objects.get(language_code="en")
    trainer = person(role=Role.TRAINER, authority_code="iom", email="formadora@example.org")
    log_in(page, trainer.email, f"/admin/pages/{built.page.pk}/edit/")

    # "Traducir esta página" > English, with the module and lesson.
    page.locator("header").get_by_role("button", name="Acciones", exact=True).first.click()
    page.get_by_role("link", name="Traducir esta página").click()
    page.get_by_label("Inglés").check()
    page.get_by_label("Incluir subárbol").check()
    page.get_by_role("button", name="Enviar").click()
    page.wait_for_url("**/edit/")
    assert Page.find_problems() == SOUND_TREE
    english_pages = Page.objects.filter(locale=english, depth__gt=3)
    assert english_pages.count() == 3
    assert not english_pages.filter(live=True).exists()  # drafts until the trainer publishes them

    # The editor says what else needs translating: the bank and its questions, with links.
    notice = page.locator(".messages")
    for question in spanish_questions:
        assert question.prompt in notice.inner_text()

    # Each page: its strings translated in the editor, then published.
    english_course = CoursePage.objects.get(locale=english)
    assert page.url.endswith(f"/admin/pages/{english_course.pk}/edit/")
    translate_every_string(page)
    publish_in_english(page)
    for model in (ModulePage, LessonPage):
        page.goto(f"/admin/pages/{model.objects.get(locale=english).pk}/edit/")
        translate_every_string(page)
        publish_in_english(page)
    english_lesson = LessonPage.objects.get(locale=english)
    assert english_lesson.live and english_lesson.title == built.quiz_lesson.title + SUFFIX

    # An English learner opens the lesson; the quiz refuses to start: its questions are not translated yet.
    learner = person(role=Role.LEARNER, email="learner@example.org", preferred_language="en")
    enrolment_create(learner=learner, course=english_course)
    reader = browser.new_context(base_url=live_server.url, locale="en-US").new_page()
    reader.set_default_timeout(15_000)
    assert reader.goto(CoursePage.objects.get(pk=english_course.pk).url).status == 200
    anonymous = reader.goto(english_lesson.url)  # lessons are for enrolled learners: log in first (not a 404)
    assert anonymous.status == 200 and "/account/login/" in reader.url
    log_in(reader, learner.email, english_lesson.url)
    assert reader.goto(english_lesson.url).status == 200
    assert reader.get_by_role("heading", level=1).inner_text() == english_lesson.title
    reader.get_by_role("button", name="Start the quiz").click()
    assert "2 of its questions have not been translated" in reader.locator("body").inner_text()
    assert not learner.enrolments.get().quiz_attempts.exists()

    # The trainer follows the notice's links: finishes the bank's translation (wagtail-localize copied it
    # with the lesson), submits each question, translates its strings and saves it.
    page.goto(f"/admin/pages/{english_lesson.pk}/edit/")
    page.locator(".courses-translation-gaps li", has_text=built.bank.title).get_by_role("link").click()
    translate_every_string(page)
    publish_in_english(page)
    for question in spanish_questions:
        page.goto(f"/admin/pages/{english_lesson.pk}/edit/")
        page.locator(".courses-translation-gaps li", has_text=question.prompt).get_by_role("link").click()
        page.get_by_label("Inglés").check()
        page.get_by_role("button", name="Enviar").click()
        page.wait_for_url("**/edit/**")
        translate_every_string(page)
        publish_in_english(page)
    assert Question.objects.filter(locale=english).count() == 2
    page.goto(f"/admin/pages/{english_lesson.pk}/edit/")
    assert page.locator(".courses-translation-gaps").count() == 0
    assert Page.find_problems() == SOUND_TREE

    # Now the English quiz starts, with the English questions.
    reader.goto(english_lesson.url)
    reader.get_by_role("button", name="Start the quiz").click()
    reader.wait_for_url("**/attempts/**")
    text = reader.locator("main").inner_text()
    for question in spanish_questions:
        assert question.prompt + SUFFIX in text
    reader.context.close()
