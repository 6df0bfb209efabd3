"""The learner's pages: catalogue (filters, cache, languages), course page, lesson page, language switch."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from courses.models import CourseAudience, LessonPage
from courses.selectors.catalogue import catalogue_version
from courses.services import enrolment_create
from tests.conftest import client_for
from tests.courses import factories

pytestmark = pytest.mark.django_db


def english_version(page, parent, **fields):
    """A translation of `page` under `parent` in English, published."""
    translated = page.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=False)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return type(page).objects.get(pk=translated.pk)


def test_catalogue_filters_by_topic_language_and_job_function(learner):
    border = factories.course(title="Registro en frontera", topic="border_control", modules=1, lessons_per_module=1)
    stats = factories.course(title="Estadísticas mensuales", topic="statistics", modules=1, lessons_per_module=1)
    CourseAudience.objects.create(course=stats.page, job_function="analyst")
    english_version(border.page, factories.catalogue("en"), title="Registering at the border")
    catalogue = factories.catalogue("es")
    client = client_for(learner)

    def titles(query: str) -> str:
        return client.get(catalogue.url + query).content.decode()

    assert "Registro en frontera" in titles("?topic=border_control")
    assert "Estadísticas mensuales" not in titles("?topic=border_control")
    assert "Estadísticas mensuales" in titles("?job_function=analyst")
    assert "Registro en frontera" not in titles("?job_function=analyst")
    assert "Registro en frontera" in titles("?language=en")
    assert "Estadísticas mensuales" not in titles("?language=en")
    assert "Estadísticas mensuales" in titles("?topic=nonsense")


def test_english_catalogue_shows_an_untranslated_course_in_spanish_with_a_notice(client):
    factories.course(title="Solo en español", modules=1, lessons_per_module=1)
    english = factories.catalogue("en")
    response = client.get(english.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Solo en español" in html
    assert "Not yet translated: shown in Spanish." in html


def test_catalogue_listing_is_cached_until_a_course_is_published(client):
    factories.course(title="Primer curso", modules=1, lessons_per_module=1)
    catalogue = factories.catalogue("es")
    client.get(catalogue.url)
    with CaptureQueriesContext(connection) as cold:
        client.get(catalogue.url + "?topic=platform")
    with CaptureQueriesContext(connection) as warm:
        response = client.get(catalogue.url + "?topic=platform")
    assert "Primer curso" in response.content.decode()
    assert len(warm) < len(cold)
    assert not [query for query in warm.captured_queries if "courses_coursepage" in query["sql"]]

    version = catalogue_version()
    factories.course(title="Segundo curso", modules=1, lessons_per_module=1)
    assert catalogue_version() != version
    assert "Segundo curso" in client.get(catalogue.url + "?topic=platform").content.decode()


def test_course_page_shows_outline_progress_and_resume(learner):
    built = factories.course(modules=2, lessons_per_module=2)
    enrolment = enrolment_create(learner=learner, course=built.page)
    client = client_for(learner)
    client.post(f"/courses/lessons/{built.lessons[0].pk}/complete/")
    html = client.get(built.page.url).content.decode()
    assert "Lección 1.1" in html and "Lección 2.2" in html
    assert 'value="25"' in html  # one of four lessons
    assert f'href="{built.lessons[1].url}"' in html  # resume: the next lesson not completed
    enrolment.refresh_from_db()
    assert enrolment.last_lesson_key == built.lessons[0].translation_key


def _facts(html: str) -> str:
    return html.split('<dl class="facts">', 1)[1].split("</dl>", 1)[0]


def test_a_course_without_a_quiz_lists_no_quiz_requirement_and_no_pass_mark(learner):
    # Issue 16: a course with no quiz showed "Pass mark 70%" and "Every graded quiz passed ✓".
    built = factories.course(
        modules=1,
        lessons_per_module=2,
        completion_rules=[("lessons_completed", None), ("quizzes_passed", None), ("average_score", None)],
    )
    enrolment_create(learner=learner, course=built.page)
    client = client_for(learner)

    html = client.get(built.page.url).content.decode()
    assert "Lecciones obligatorias completadas (0/2)" in html
    assert "Todas las evaluaciones calificadas aprobadas" not in html
    assert "Promedio de las evaluaciones" not in html
    assert "Nota mínima de aprobación" not in _facts(html)
    client.logout()
    assert "Nota mínima de aprobación" not in _facts(client.get(built.page.url).content.decode())


def test_a_course_with_a_required_quiz_lists_it_and_its_pass_mark(learner):
    built = factories.course(modules=1, lessons_per_module=2, questions=2, quiz={"question_count": 2, "pass_mark": 80})
    enrolment_create(learner=learner, course=built.page)

    html = client_for(learner).get(built.page.url).content.decode()

    assert "Todas las evaluaciones calificadas aprobadas (0/1)" in html
    assert "<dt>Nota mínima de aprobación</dt><dd>80\u00a0%</dd>" in _facts(html)  # the quiz's, not the course's 70


def test_a_practice_quiz_has_no_pass_mark_to_show_on_the_course(client):
    built = factories.course(
        modules=1,
        lessons_per_module=1,
        questions=2,
        quiz={"question_count": 2},
        completion_rules=[("lessons_completed", None)],
    )
    assert "Nota mínima de aprobación" not in _facts(client.get(built.page.url).content.decode())


def test_lesson_page_has_previous_next_and_position(learner):
    built = factories.course(modules=1, lessons_per_module=3)
    enrolment_create(learner=learner, course=built.page)
    html = client_for(learner).get(built.lessons[1].url).content.decode()
    assert f'rel="prev" href="{built.lessons[0].url}"' in html
    assert f'rel="next" href="{built.lessons[2].url}"' in html
    assert "Lesson 2 of 3" in html or "Lección 2 de 3" in html


def test_the_lesson_state_the_view_read_reaches_the_page_as_an_argument_read_once(learner, monkeypatch):
    """The view reads the lesson's state to let the learner in and hands it to the page's context:
    read once, and nothing is left on the request."""
    from courses.selectors import lesson as lesson_selectors

    built = factories.course(modules=1, lessons_per_module=2)
    enrolment_create(learner=learner, course=built.page)
    reads = []
    read = lesson_selectors.lesson_state

    def counted(**kwargs):
        reads.append(kwargs["lesson"].pk)
        return read(**kwargs)

    monkeypatch.setattr(lesson_selectors, "lesson_state", counted)
    monkeypatch.setattr("courses.views.lesson_state", counted)
    response = client_for(learner).get(built.lessons[1].url)
    assert response.status_code == 200
    assert reads == [built.lessons[1].pk]
    assert not hasattr(response.wsgi_request, "lesson_state")


def test_a_lesson_and_its_refusal_are_never_kept_by_a_cache(learner):
    built = factories.course(modules=2, lessons_per_module=1, gated=True)
    enrolment_create(learner=learner, course=built.page)
    client = client_for(learner)
    statuses = []
    for lesson in built.lessons:
        response = client.get(lesson.url)
        statuses.append(response.status_code)
        assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert statuses == [200, 403]  # the second module opens once the first is done


def test_lesson_is_refused_to_a_learner_not_enrolled_and_to_anonymous_visitors(client, learner):
    built = factories.course(modules=1, lessons_per_module=1)
    response = client.get(built.lessons[0].url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    response = client_for(learner).get(built.lessons[0].url)
    assert response.status_code == 302 and response["Location"] == built.page.url


def test_trainer_opens_lessons_without_enrolling(trainer):
    built = factories.course(modules=1, lessons_per_module=1)
    assert client_for(trainer).get(built.lessons[0].url).status_code == 200


def test_language_switch_goes_to_the_translated_page(learner):
    built = factories.course(modules=1, lessons_per_module=1, title="Curso traducido")
    english_course = english_version(
        built.page, factories.catalogue("en"), title="Translated course", slug="translated"
    )
    client = client_for(learner)
    response = client.post("/i18n/setlang/", {"language": "en", "next": built.page.url})
    assert response.status_code == 302
    assert response["Location"] == english_course.url


def test_language_switch_keeps_an_untranslated_page(learner):
    built = factories.course(modules=1, lessons_per_module=1, title="Sin traducir")
    response = client_for(learner).post("/i18n/setlang/", {"language": "en", "next": built.page.url})
    assert response["Location"] == built.page.url


def test_english_reader_of_an_untranslated_lesson_gets_a_notice(learner):
    learner.preferred_language = "en"
    learner.save()
    built = factories.course(modules=1, lessons_per_module=1)
    enrolment_create(learner=learner, course=built.page)
    html = client_for(learner).get(built.lessons[0].url).content.decode()
    notice = "This lesson is not yet translated into your language: it is shown in Spanish."
    assert f'<p class="notice" lang="en">{notice}' in html


def test_english_course_outline_falls_back_to_spanish_lessons_not_yet_translated(learner):
    built = factories.course(modules=1, lessons_per_module=2, title="Curso parcial")
    english_course = english_version(built.page, factories.catalogue("en"), title="Partial course", slug="partial")
    english_module = english_version(built.modules[0], english_course, title="Module one", slug="module-one")
    english_version(built.lessons[0], english_module, title="Lesson one", slug="lesson-one")
    html = client_for(learner).get(english_course.url).content.decode()
    assert "Lesson one" in html
    assert "Lección 1.2" in html  # the second lesson exists only in Spanish
    assert LessonPage.objects.filter(locale__language_code="en").count() == 1


def test_a_lesson_preview_may_be_shown_in_the_admin_frame(trainer):
    """Wagtail renders previews through a dummy request with the page's path; the admin frames it."""
    built = factories.course(modules=1, lessons_per_module=1)
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/pages/")
    request.user = trainer
    response = built.lessons[0].make_preview_request(original_request=request)
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_a_glossary_term_shows_in_the_lessons_language(trainer):
    import uuid

    from courses.models import GlossaryTerm

    spanish = GlossaryTerm.objects.create(term="Zona de lectura mecánica", definition="Las líneas de la MRZ.")
    GlossaryTerm.objects.create(
        term="Machine-readable zone",
        definition="The MRZ lines.",
        translation_key=spanish.translation_key,
        locale=Locale.objects.get(language_code="en"),
    )
    built = factories.course(modules=1, lessons_per_module=1)
    english_course = english_version(built.page, factories.catalogue("en"), title="Course", slug="course")
    english_module = english_version(built.modules[0], english_course, title="Module", slug="module")
    lesson = english_version(built.lessons[0], english_module, title="Lesson", slug="lesson")
    # A lesson translated before its term: its block still points at the Spanish term.
    lesson.body = [{"type": "glossary_term", "value": {"term": spanish.pk}, "id": str(uuid.uuid4())}]
    lesson.save_revision().publish()
    html = client_for(trainer).get(lesson.url).content.decode()
    assert "<dfn>Machine-readable zone</dfn>" in html
