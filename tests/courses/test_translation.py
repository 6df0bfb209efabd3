"""Translating courses with wagtail-localize: a trainer submits a course, its tree appears in English as
drafts and stays sound, each translation goes live when published, learner state follows the translation
key, quiz settings stay in sync, an English quiz draws from the English bank or refuses to start, and the
editor says what else needs translating."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from courses.models import CataloguePage, CoursePage, GlossaryTerm, LessonPage, ModulePage, Question, QuestionBank
from courses.selectors.catalogue import catalogue_courses
from courses.selectors.enrolments import enrolment_current
from courses.selectors.quiz import AttemptRefused
from courses.services import attempt_start, enrolment_create, lesson_complete
from courses.translations import translation_gaps
from tests.conftest import client_for
from tests.courses import factories

pytestmark = pytest.mark.django_db

SOUND_TREE = ([], [], [], [], [])


def english() -> Locale:
    return Locale.objects.get(language_code="en")


def submit_with_subtree(client, page: Page):
    """What a trainer does: Translate this page, English, with its subpages."""
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [english().pk], "include_subtree": "on"},
    )
    assert response.status_code == 302
    return response


def assert_child_counts_right(*pages: Page) -> None:
    for page in pages:
        page.refresh_from_db()
        assert page.numchild == Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()


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
