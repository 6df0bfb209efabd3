"""Question banks per language: an English quiz draws the English questions of the English bank or
refuses to start until every question is translated, with the refusal on the lesson; bank titles
are unique within a language and a question is filed in a bank of its own; and the editor says
what else needs translating until everything is.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from courses.models import CoursePage, GlossaryTerm, LessonPage, Question, QuestionBank
from courses.selectors.quiz import AttemptRefused
from courses.services import attempt_start, enrolment_create
from courses.translations import translation_gaps
from tests.conftest import client_for
from tests.courses import factories
from tests.courses.translating import english, submit_with_subtree, translate_everything

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- question banks per language


def english_quiz_course(learner, *, translated: int):
    """A Spanish course whose lesson's quiz draws from a two-question bank; the bank translated with
    `translated` of its questions; the course, module and quiz lesson translated and published; the learner
    enrolled."""
    factories.catalogue("en")
    built = factories.course(modules=1, lessons_per_module=1, questions=2)
    english_bank = factories.bank_translation(built.bank, title="Registration bank")
    for question in Question.objects.filter(bank=built.bank).order_by("pk")[:translated]:
        factories.question_translation(question, english_bank)
    for page in (built.page, built.modules[0]):
        page.copy_for_translation(english()).save_revision().publish()
    english_lesson = built.quiz_lesson.copy_for_translation(english())
    body = english_lesson.body.raw_data
    for block in body:
        if block["type"] == "quiz":
            block["value"]["bank"] = english_bank.pk
    english_lesson.body = body
    english_lesson.save_revision().publish()
    enrolment = enrolment_create(learner=learner, course=built.page)
    return built, LessonPage.objects.get(pk=english_lesson.pk), enrolment


def start_in(lesson: LessonPage, built, enrolment):
    course = CoursePage.objects.ancestor_of(lesson).get()
    return attempt_start(enrolment=enrolment, lesson=lesson, course=course, block_id=built.quiz_id)


def test_an_english_quiz_draws_the_english_questions_of_the_english_bank(learner):
    built, english_lesson, enrolment = english_quiz_course(learner, translated=2)
    attempt = start_in(english_lesson, built, enrolment)
    drawn = Question.objects.filter(pk__in=[item["question"] for item in attempt.drawn])
    assert drawn.count() == 2
    assert set(drawn.values_list("locale__language_code", flat=True)) == {"en"}
    assert set(drawn.values_list("bank__title", flat=True)) == {"Registration bank"}


def test_an_english_quiz_refuses_to_start_until_every_question_is_translated(learner):
    built, english_lesson, enrolment = english_quiz_course(learner, translated=1)
    with pytest.raises(
        AttemptRefused, match="no está disponible en este idioma: 1 de sus preguntas no se ha traducido"
    ) as refusal:
        start_in(english_lesson, built, enrolment)
    assert refusal.value.code == "untranslated"
    assert not enrolment.quiz_attempts.exists()
    # The Spanish lesson's quiz is complete, and the result counts in both languages.
    assert start_in(built.quiz_lesson, built, enrolment).drawn


def test_the_refusal_reaches_the_learner_on_the_english_lesson(learner):
    built, english_lesson, enrolment = english_quiz_course(learner, translated=0)
    client = client_for(learner)
    response = client.post(reverse("courses:attempt_start", args=[english_lesson.pk, built.quiz_id]), follow=True)
    assert response.redirect_chain[-1][0].startswith(english_lesson.url)
    assert "2 de sus preguntas no se han traducido" in response.content.decode()
    assert not enrolment.quiz_attempts.exists()


def test_a_fixed_list_quiz_needs_each_of_its_questions_translated(learner):
    built, english_lesson, enrolment = english_quiz_course(learner, translated=1)
    spanish = list(Question.objects.filter(bank=built.bank).order_by("pk"))
    body = english_lesson.body.raw_data
    for block in body:
        if block["type"] == "quiz":
            block["value"] |= {
                "bank": None,
                "questions": [{"type": "item", "value": q.pk, "id": str(q.pk)} for q in spanish],
            }
    english_lesson.body = body
    english_lesson.save_revision().publish()
    english_lesson.refresh_from_db()
    gaps = translation_gaps(page=english_lesson)
    assert [gap.instance for gap in gaps.questions] == [spanish[1]]
    assert not gaps.questions[0].is_started and not gaps.banks
    with pytest.raises(AttemptRefused, match="1 de sus preguntas no se ha traducido"):
        start_in(english_lesson, built, enrolment)


def test_a_question_whose_translation_has_strings_left_is_not_drawn(trainer, learner):
    """wagtail-localize creates a question's English version with the Spanish text at once: until its strings are
    translated it is not English, and the English quiz still refuses to start."""
    built, english_lesson, enrolment = english_quiz_course(learner, translated=1)
    untranslated = Question.objects.filter(bank=built.bank).order_by("pk").last()
    response = client_for(trainer).post(
        reverse("wagtail_localize:submit_snippet_translation", args=["courses", "question", untranslated.pk]),
        {"locales": [english().pk]},
    )
    assert response.status_code == 302
    assert Question.objects.filter(translation_key=untranslated.translation_key, locale=english()).exists()
    with pytest.raises(AttemptRefused, match="1 de sus preguntas no se ha traducido"):
        start_in(english_lesson, built, enrolment)
    translation = Translation.objects.get(target_locale=english(), source__object_id=untranslated.translation_key)
    translate_everything(translation)
    translation.save_target(publish=True)
    assert start_in(english_lesson, built, enrolment).drawn


def test_translating_a_course_points_its_english_quiz_at_the_english_bank(trainer):
    factories.catalogue("en")
    built = factories.course(modules=1, lessons_per_module=1, questions=2)
    client = client_for(trainer)
    submit_with_subtree(client, built.page)
    english_bank = QuestionBank.objects.get(translation_key=built.bank.translation_key, locale=english())
    english_lesson = LessonPage.objects.get(locale=english())
    quiz = next(child.value for child in english_lesson.body if child.block_type == "quiz")
    assert quiz["bank"] == english_bank
    question = Question.objects.filter(bank=built.bank).first()
    client.post(
        reverse("wagtail_localize:submit_snippet_translation", args=["courses", "question", question.pk]),
        {"locales": [english().pk]},
    )
    assert Question.objects.get(translation_key=question.translation_key, locale=english()).bank == english_bank


def test_bank_titles_are_unique_within_a_language():
    bank = QuestionBank.objects.create(title="Banco de fronteras")
    duplicate = QuestionBank(title="Banco de fronteras", locale=bank.locale)
    with pytest.raises(ValidationError, match="Ya existe un banco de preguntas con este título en este idioma"):
        duplicate.full_clean()
    factories.bank_translation(bank, title="Banco de fronteras").full_clean()


def test_a_question_is_filed_in_a_bank_of_its_language():
    bank = QuestionBank.objects.create(title="Banco")
    question = Question(bank=bank, prompt="Question?", locale=english(), body=factories.question(bank).body.raw_data)
    with pytest.raises(ValidationError, match="Elija un banco en el idioma de la pregunta"):
        question.full_clean()


def test_the_migration_files_each_language_s_questions_in_a_bank_of_that_language():
    bank = QuestionBank.objects.create(title="Banco antiguo")
    spanish = factories.question(bank)
    english_question = factories.question(bank, language="en", translation_key=spanish.translation_key)
    migration = importlib.import_module("courses.migrations.0006_questionbank_per_language")
    migration.banks_per_language(apps, None)
    spanish.refresh_from_db()
    english_question.refresh_from_db()
    assert spanish.bank == bank
    assert english_question.bank.locale == english()
    assert english_question.bank.translation_key == QuestionBank.objects.get(pk=bank.pk).translation_key
    assert english_question.bank.title == "Banco antiguo"


# ---------------------------------------------------------------- what the editor tells the trainer


def course_with_glossary(trainer):
    factories.catalogue("en")
    built = factories.course(modules=1, lessons_per_module=1, questions=2)
    term = GlossaryTerm.objects.create(term="Pasaporte", definition="Documento de viaje.")
    lesson = built.quiz_lesson
    lesson.body = [
        {"type": "glossary_term", "value": {"term": term.pk}, "id": "glosario"},
        *lesson.body.raw_data,
    ]
    lesson.save_revision().publish()
    submit_with_subtree(client_for(trainer), built.page)
    return built


def test_the_translation_editor_lists_what_else_needs_translating(trainer):
    built = course_with_glossary(trainer)
    english_lesson = LessonPage.objects.get(locale=english())
    english_bank = QuestionBank.objects.get(locale=english())
    english_term = GlossaryTerm.objects.get(locale=english())
    questions = list(Question.objects.filter(bank=built.bank).order_by("pk"))
    client = client_for(trainer)

    page = client.get(f"/admin/pages/{english_lesson.pk}/edit/").content.decode()
    assert "js-translation-editor" in page  # wagtail-localize's editor
    assert "courses-translation-gaps" in page
    for question in questions:  # not submitted yet: a link to submit each
        assert question.prompt in page
        assert reverse("wagtail_localize:submit_snippet_translation", args=["courses", "question", question.pk]) in page
    # The bank and the term were copied with the lesson, their strings untranslated: links to finish them.
    assert reverse("wagtailsnippets_courses_questionbank:edit", args=[english_bank.pk]) in page
    assert reverse("wagtailsnippets_courses_glossaryterm:edit", args=[english_term.pk]) in page
    # The course's editor tells the same for all its lessons; the Spanish course needs nothing.
    english_course = CoursePage.objects.get(locale=english())
    assert questions[0].prompt in client.get(f"/admin/pages/{english_course.pk}/edit/").content.decode()
    assert "courses-translation-gaps" not in client.get(f"/admin/pages/{built.page.pk}/edit/").content.decode()
    assert not translation_gaps(page=built.page)


def test_the_notice_goes_once_everything_is_translated(trainer):
    built = course_with_glossary(trainer)
    client = client_for(trainer)
    for question in Question.objects.filter(bank=built.bank):
        client.post(
            reverse("wagtail_localize:submit_snippet_translation", args=["courses", "question", question.pk]),
            {"locales": [english().pk]},
        )
    english_lesson = LessonPage.objects.get(locale=english())
    gaps = translation_gaps(page=english_lesson)
    assert len(gaps.questions) == 2 and all(gap.is_started for gap in gaps.questions)
    for translation in Translation.objects.filter(target_locale=english()).exclude(
        source__object_id__in=Page.objects.values("translation_key")
    ):
        translate_everything(translation)
        translation.save_target(publish=True)
    assert not translation_gaps(page=english_lesson)
    page = client.get(f"/admin/pages/{english_lesson.pk}/edit/").content.decode()
    assert "courses-translation-gaps" not in page
