"""Translating courses with wagtail-localize: a trainer submits a course, its tree appears in English
as drafts the English catalogue does not list and stays sound (also when wagtail-localize publishes
at submission, and after the migration that recounts children), each translation goes live when
published, a translated question keeps its correct answer, learner state follows the translation
key, and the translation editors open.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from courses.models import CataloguePage, CoursePage, LessonPage, ModulePage, Question
from courses.selectors.catalogue import catalogue_courses
from courses.selectors.enrolments import enrolment_current
from courses.services import enrolment_create, lesson_complete
from tests.conftest import client_for
from tests.courses import factories
from tests.courses.translating import english, submit_with_subtree, translate_everything

pytestmark = pytest.mark.django_db


SOUND_TREE = ([], [], [], [], [])


def assert_child_counts_right(*pages: Page) -> None:
    for page in pages:
        page.refresh_from_db()
        assert page.numchild == Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()


def test_trainer_translates_a_course_with_its_lessons_and_publishes_them(trainer, django_capture_on_commit_callbacks):
    factories.catalogue("en")
    built = factories.course(modules=1, lessons_per_module=2, questions=2, title="Curso de registro")
    client = client_for(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        submit_with_subtree(client, built.page)
    english_lessons = LessonPage.objects.filter(locale=english())
    assert english_lessons.count() == 2
    assert set(english_lessons.values_list("translation_key", flat=True)) == {
        lesson.translation_key for lesson in built.lessons
    }
    assert Page.find_problems() == SOUND_TREE
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        for translation in Translation.objects.filter(target_locale=english()):
            translate_everything(translation)
            translation.save_target(publish=True)
            assert Page.find_problems() == SOUND_TREE
    assert Page.find_problems() == SOUND_TREE
    assert_child_counts_right(
        *CoursePage.objects.filter(locale=english()), *ModulePage.objects.filter(locale=english())
    )
    english_quiz_lesson = LessonPage.objects.get(locale=english(), translation_key=built.quiz_lesson.translation_key)
    assert english_quiz_lesson.live
    assert english_quiz_lesson.title == built.quiz_lesson.title + " (EN)"
    quiz = next(child for child in english_quiz_lesson.body if child.block_type == "quiz")
    assert quiz.id == built.quiz_id
    assert quiz.value["pass_mark"] == 70 and quiz.value["max_attempts"] == 3
    assert quiz.value["title"] == "Evaluación final (EN)"
    english_course = CoursePage.objects.get(locale=english())
    assert client.get(english_course.url).status_code == 200
    assert client.get(english_quiz_lesson.url).status_code == 200
    assert client_for(None).get(english_course.url).status_code == 200
    # Anonymous visitors are sent to log in (lessons are for enrolled learners), not answered 404.
    assert client_for(None).get(english_quiz_lesson.url).status_code == 302


def test_submitting_a_course_creates_english_drafts_that_the_english_catalogue_does_not_list(
    trainer, django_capture_on_commit_callbacks
):
    english_catalogue = factories.catalogue("en")
    built = factories.course(modules=2, lessons_per_module=2, questions=2, title="Curso de registro")
    with django_capture_on_commit_callbacks(execute=True):  # as after a real request
        submit_with_subtree(client_for(trainer), built.page)

    english_pages = Page.objects.filter(locale=english()).descendant_of(english_catalogue)
    assert english_pages.count() == 1 + 2 + 4
    assert not english_pages.filter(live=True).exists()
    assert Page.find_problems() == SOUND_TREE
    assert_child_counts_right(english_catalogue, *english_pages)
    assert catalogue_courses(catalogue=english_catalogue, topic="", language="en", job_function="") == []
    listing = client_for(None).get(english_catalogue.url, {"language": "en"})
    assert listing.status_code == 200
    assert CoursePage.objects.get(locale=english()).url not in listing.content.decode()
    # Unfiltered, the English catalogue shows the Spanish course as such, with its Spanish address.
    (entry,) = catalogue_courses(catalogue=english_catalogue, topic="", language="", job_function="")
    assert entry.course == built.page and entry.is_fallback

    english_course = CoursePage.objects.get(locale=english())
    translation = Translation.objects.get(target_locale=english(), source__object_id=built.page.translation_key)
    translate_everything(translation)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    english_course.refresh_from_db()
    assert english_course.live
    assert not english_pages.exclude(pk=english_course.pk).filter(live=True).exists()
    assert Page.find_problems() == SOUND_TREE


def test_the_tree_stays_sound_when_wagtail_localize_publishes_at_submission(
    trainer, learner, settings, django_capture_on_commit_callbacks
):
    """wagtail-localize's default (the source's live status) published each copy on commit through an instance
    taken before its subpages existed, which wrote numchild = 0 (wagtail-localize#773): lessons answered 404."""
    settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = True
    factories.catalogue("en")
    built = factories.course(modules=1, lessons_per_module=2, title="Curso de registro")
    with django_capture_on_commit_callbacks(execute=True):
        submit_with_subtree(client_for(trainer), built.page)
    assert Page.find_problems() == SOUND_TREE
    english_course = CoursePage.objects.get(locale=english())
    assert_child_counts_right(english_course, ModulePage.objects.get(locale=english()))
    english_lesson = LessonPage.objects.filter(locale=english()).live().first()
    enrolment_create(learner=learner, course=english_course)
    assert client_for(learner).get(english_lesson.url).status_code == 200


def test_the_migration_recounts_the_children_of_damaged_course_pages(trainer):
    factories.catalogue("en")
    built = factories.course(modules=2, lessons_per_module=1)
    Page.objects.filter(pk__in=[built.page.pk, built.modules[0].pk]).update(numchild=0)
    assert Page.find_problems() != SOUND_TREE
    migration = importlib.import_module("courses.migrations.0004_course_tree_numchild")
    migration.recount_children(apps, None)
    assert Page.find_problems() == SOUND_TREE
    assert_child_counts_right(built.page, *built.modules, CataloguePage.objects.get(pk=built.page.get_parent().pk))


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
