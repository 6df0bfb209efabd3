"""Translating courses with wagtail-localize: a trainer submits a course, its tree appears in English,
learner state follows the translation key, quiz settings stay in sync."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

from courses.models import CoursePage, LessonPage, Question
from courses.selectors import enrolment_current
from courses.services import enrolment_create, lesson_complete
from tests.conftest import client_for
from tests.courses import factories

pytestmark = pytest.mark.django_db


def english() -> Locale:
    return Locale.objects.get(language_code="en")


def translate_everything(translation: Translation, suffix: str = " (EN)") -> None:
    """Give every string of a translation an English text, as a translator would in the editor."""
    for segment in translation.source.stringsegment_set.select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": segment.string.data + suffix},
        )


def test_trainer_translates_a_course_with_its_lessons_and_publishes_them(trainer, django_capture_on_commit_callbacks):
    factories.catalogue("en")
    built = factories.course(modules=1, lessons_per_module=2, questions=2, title="Curso de registro")
    client = client_for(trainer)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[built.page.pk]),
        {"locales": [english().pk], "include_subtree": "on"},
    )
    assert response.status_code == 302
    english_lessons = LessonPage.objects.filter(locale=english())
    assert english_lessons.count() == 2
    assert set(english_lessons.values_list("translation_key", flat=True)) == {
        lesson.translation_key for lesson in built.lessons
    }
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        for translation in Translation.objects.filter(target_locale=english()):
            translate_everything(translation)
            translation.save_target(publish=True)
    english_quiz_lesson = LessonPage.objects.get(locale=english(), translation_key=built.quiz_lesson.translation_key)
    assert english_quiz_lesson.live
    assert english_quiz_lesson.title == built.quiz_lesson.title + " (EN)"
    quiz = next(child for child in english_quiz_lesson.body if child.block_type == "quiz")
    assert quiz.id == built.quiz_id
    assert quiz.value["pass_mark"] == 70 and quiz.value["max_attempts"] == 3
    assert quiz.value["title"] == "Evaluación final (EN)"
    english_course = CoursePage.objects.get(locale=english())
    assert client.get(english_course.url).status_code == 200


def test_translated_question_keeps_its_correct_answer(trainer, django_capture_on_commit_callbacks):
    bank_course = factories.course(modules=1, lessons_per_module=1, questions=1)
    question = Question.objects.get(bank=bank_course.bank)
    response = client_for(trainer).post(
        reverse("wagtail_localize:submit_snippet_translation", args=["courses", "question", question.pk]),
        {"locales": [english().pk]},
    )
    assert response.status_code == 302
    translation = Translation.objects.get(target_locale=english(), source__object_id=question.translation_key)
    translate_everything(translation)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    translated = Question.objects.get(translation_key=question.translation_key, locale=english())
    source_options = question.body[0].value["options"]
    translated_options = translated.body[0].value["options"]
    assert [option["is_correct"] for option in translated_options] == [o["is_correct"] for o in source_options]
    assert translated_options[0]["text"] == source_options[0]["text"] + " (EN)"
    assert translated.prompt == question.prompt + " (EN)"


def test_progress_made_in_spanish_counts_in_english(learner):
    factories.catalogue("en")
    built = factories.course(modules=1, lessons_per_module=1, title="Curso bilingüe")
    english_course = built.page.copy_for_translation(english(), copy_parents=False)
    english_course.save_revision().publish()
    enrolment = enrolment_create(learner=learner, course=built.page)
    lesson_complete(enrolment=enrolment, lesson=built.lessons[0], course=built.page)
    english_course = CoursePage.objects.get(pk=english_course.pk)
    assert enrolment_current(learner=learner, course_key=english_course.translation_key) == enrolment
    assert enrolment_current(learner=learner, course_key=english_course.translation_key).completed_at is not None


def test_the_translation_editors_open_for_a_demo_lesson_and_question(trainer):
    """wagtail-localize's editors for our page and snippet types (their blocks all yield segments)."""
    from courses.demo.loader import demo_curriculum_load

    demo_curriculum_load()
    lesson = LessonPage.objects.filter(locale__language_code="es").order_by("path").last()
    LessonPage.objects.get(locale=english(), translation_key=lesson.translation_key).delete()
    client = client_for(trainer)
    submitted = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[lesson.pk]), {"locales": [english().pk]}
    )
    assert submitted.status_code == 302
    translated = LessonPage.objects.get(locale=english(), translation_key=lesson.translation_key)
    assert client.get(f"/admin/pages/{translated.pk}/edit/").status_code == 200

    question = Question.objects.filter(locale__language_code="es").first()
    Question.objects.filter(locale=english(), translation_key=question.translation_key).delete()
    submitted = client.post(
        reverse("wagtail_localize:submit_snippet_translation", args=["courses", "question", question.pk]),
        {"locales": [english().pk]},
    )
    assert submitted.status_code == 302
    translated_question = Question.objects.get(locale=english(), translation_key=question.translation_key)
    edit = client.get(reverse("wagtailsnippets_courses_question:edit", args=[translated_question.pk]))
    assert edit.status_code == 200
