"""The trainers' admin: validation errors before anything is saved, and the enrolment screen."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import Cohort, Enrolment, Question, QuestionBank
from people.roles import Role
from tests.conftest import client_for
from tests.courses import factories
from tests.courses.page_text import h1_text
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def list_block(items: list[dict]) -> dict:
    data = {"count": str(len(items))}
    for index, value in enumerate(items):
        data[str(index)] = {"value": value, "deleted": "", "order": str(index), "id": ""}
    return data


def question_form(bank: QuestionBank, kind: str, value: dict) -> dict:
    return nested_form_data(
        {
            "bank": bank.pk,
            "prompt": "¿Qué documento acepta?",
            "body": streamfield([(kind, value)]),
            "explanation": rich_text(""),
            "points": "1",
            "tags": "",
        }
    )


def test_a_question_with_no_correct_option_is_refused_and_nothing_saved(trainer):
    bank = QuestionBank.objects.create(title="Banco")
    options = list_block([{"text": "Pasaporte", "feedback": ""}, {"text": "Licencia", "feedback": ""}])
    response = client_for(trainer).post(
        reverse("wagtailsnippets_courses_question:add"), question_form(bank, "single_choice", {"options": options})
    )
    assert response.status_code == 200
    assert "Mark exactly one option as correct" in response.content.decode() or "exactamente una" in (
        response.content.decode()
    )
    assert not Question.objects.exists()


def test_a_numeric_question_without_a_tolerance_is_refused_and_nothing_saved(trainer):
    bank = QuestionBank.objects.create(title="Banco")
    response = client_for(trainer).post(
        reverse("wagtailsnippets_courses_question:add"),
        question_form(bank, "numeric", {"answer": "12", "tolerance": "", "unit": ""}),
    )
    assert response.status_code == 200
    assert not Question.objects.exists()


def test_a_valid_question_is_saved(trainer):
    bank = QuestionBank.objects.create(title="Banco")
    options = list_block(
        [{"text": "Pasaporte", "is_correct": "on", "feedback": ""}, {"text": "Licencia", "feedback": ""}]
    )
    response = client_for(trainer).post(
        reverse("wagtailsnippets_courses_question:add"), question_form(bank, "single_choice", {"options": options})
    )
    assert response.status_code == 302
    assert Question.objects.get().kind == "single_choice"


def test_trainer_enrols_a_pasted_list_into_a_cohort(trainer):
    built = factories.course(modules=1, lessons_per_module=1)
    cohort = Cohort.objects.create(
        name="Ola 1", course=built.page, starts_on="2026-12-01", ends_on="2026-12-31", due_on="2026-12-20"
    )
    first = person(role=Role.LEARNER, email="uno@example.org")
    second = person(role=Role.LEARNER, email="dos@example.org")
    response = client_for(trainer).post(
        reverse("courses_enrol"),
        {"course": built.page.pk, "cohort": cohort.pk, "emails": "UNO@example.org;\n dos@example.org", "due_on": ""},
    )
    assert response.status_code == 302
    enrolments = Enrolment.objects.filter(cohort=cohort)
    assert {e.learner for e in enrolments} == {first, second}
    assert {str(e.due_on) for e in enrolments} == {"2026-12-20"}


def test_an_unknown_address_in_the_list_enrols_no_one_and_is_named(trainer):
    built = factories.course(modules=1, lessons_per_module=1)
    person(role=Role.LEARNER, email="uno@example.org")
    response = client_for(trainer).post(
        reverse("courses_enrol"), {"course": built.page.pk, "emails": "uno@example.org, nadie@example.org"}
    )
    assert response.status_code == 200
    assert "nadie@example.org" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_a_question_answered_in_graded_attempts_is_kept_with_a_message(trainer, learner):
    from courses.services import attempt_start, attempt_submit, enrolment_create
    from tests.courses.answers import answer_form

    built = factories.course(modules=1, lessons_per_module=1, questions=2)
    enrolment = enrolment_create(learner=learner, course=built.page)
    attempt = attempt_start(enrolment=enrolment, lesson=built.quiz_lesson, course=built.page, block_id=built.quiz_id)
    attempt_submit(
        attempt_token=attempt.token,
        learner=learner,
        data=answer_form(attempt),
        course=built.page,
        lesson=built.quiz_lesson,
    )
    answered = Question.objects.get(pk=attempt.drawn[0]["question"])
    response = client_for(trainer).post(reverse("wagtailsnippets_courses_question:delete", args=[answered.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_courses_question:edit", args=[answered.pk])
    assert Question.objects.filter(pk=answered.pk).exists()

    unused = factories.question(built.bank)
    response = client_for(trainer).post(reverse("wagtailsnippets_courses_question:delete", args=[unused.pk]))
    assert response.status_code == 302
    assert not Question.objects.filter(pk=unused.pk).exists()


def test_a_bank_with_questions_and_a_course_with_cohorts_are_kept_with_a_message(administrator):
    from courses.models import CoursePage

    built = factories.course(modules=1, lessons_per_module=1, questions=2)
    Cohort.objects.create(
        name="Ola 1", course=built.page, starts_on="2026-01-01", ends_on="2026-02-01", due_on="2026-01-20"
    )
    client = client_for(administrator)
    response = client.post(reverse("wagtailsnippets_courses_questionbank:delete", args=[built.bank.pk]))
    assert response["Location"] == reverse("wagtailsnippets_courses_questionbank:edit", args=[built.bank.pk])
    assert QuestionBank.objects.filter(pk=built.bank.pk).exists()
    for page in (built.page, built.page.get_parent()):  # the course, and the catalogue above it
        response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        assert response.status_code == 302
        assert CoursePage.objects.filter(pk=built.page.pk).exists()


def test_a_new_question_form_shows_no_error_before_anything_is_typed(trainer):
    """Wagtail's editor shows "the minimum number of items is 1" at once on a stream declaring a minimum:
    the question's answer declares none; saving it empty is still refused."""
    html = client_for(trainer).get(reverse("wagtailsnippets_courses_question:add")).content.decode()
    body = re.search(r'id="body"[^>]*data-w-block-data-value="([^"]*)"', html)
    definition = json.loads(unescape(body.group(1)))
    assert definition["_type"] == "wagtail.blocks.StreamBlock"
    assert definition["_args"][-1]["minNum"] is None
    assert definition["_args"][-1]["maxNum"] == 1
    bank = QuestionBank.objects.create(title="Banco")
    empty = nested_form_data({"bank": bank.pk, "prompt": "¿Qué?", "body": streamfield([]), "points": "1", "tags": ""})
    response = client_for(trainer).post(reverse("wagtailsnippets_courses_question:add"), empty)
    assert response.status_code == 200
    assert not Question.objects.exists()


def test_a_block_just_added_has_the_items_its_lists_require():
    """A single-choice question starts with two empty options, not one under a "minimum 2" error;
    likewise every list block with a minimum, in questions and in lessons."""
    from wagtail import blocks

    from courses.blocks import LessonStreamBlock, QuestionBodyBlock

    def lists(block):
        for child in getattr(block, "child_blocks", {}).values():
            if isinstance(child, blocks.ListBlock):
                yield child
            yield from lists(child)

    short = [
        f"{block.label}: {len(block.get_default())} < {block.meta.min_num}"
        for stream in (QuestionBodyBlock(), LessonStreamBlock())
        for block in lists(stream)
        if block.meta.min_num and len(block.get_default()) < block.meta.min_num
    ]
    assert short == []


def test_the_questions_list_names_each_type_in_the_readers_language(trainer):
    from people.services import user_language_set

    bank = QuestionBank.objects.create(title="Banco")
    factories.question(bank, "single_choice")
    url = reverse("wagtailsnippets_courses_question:list")
    spanish = client_for(trainer).get(url).content.decode()
    assert "Opción única" in spanish
    assert "single_choice" not in spanish
    user_language_set(user=trainer, language="en")
    english = client_for(trainer).get(url).content.decode()
    assert "Single choice" in english
    assert "single_choice" not in english


def test_the_enrolment_form_groups_the_courses_by_language(trainer):
    spanish = factories.course(modules=1, lessons_per_module=1, title="Estadísticas migratorias")
    english = factories.course(modules=1, lessons_per_module=1, title="Migration statistics", language="en")
    html = client_for(trainer).get(reverse("courses_enrol")).content.decode()
    groups = dict(re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', html, re.DOTALL))
    assert list(groups) == ["Español", "Inglés"]
    assert f'value="{spanish.page.pk}"' in groups["Español"]
    assert f'value="{english.page.pk}"' in groups["Inglés"]
    response = client_for(trainer).post(
        reverse("courses_enrol"), {"course": english.page.pk, "emails": person(role=Role.LEARNER).email}
    )
    assert response.status_code == 302
    assert Enrolment.objects.get().course_key == english.page.translation_key


def test_the_enrolment_screen_has_a_heading(trainer):
    assert h1_text(client_for(trainer).get(reverse("courses_enrol")).content.decode()) == "Inscribir participantes"


def test_the_enrolment_message_counts_with_plural_forms(trainer):
    built = factories.course(modules=1, lessons_per_module=1)
    first = person(role=Role.LEARNER, email="uno@example.org")
    client = client_for(trainer)
    response = client.post(reverse("courses_enrol"), {"course": built.page.pk, "emails": first.email}, follow=True)
    assert "Se inscribió a 1 participante." in response.content.decode()
    person(role=Role.LEARNER, email="dos@example.org")
    person(role=Role.LEARNER, email="tres@example.org")
    response = client.post(
        reverse("courses_enrol"),
        {"course": built.page.pk, "emails": "uno@example.org, dos@example.org, tres@example.org"},
        follow=True,
    )
    html = response.content.decode()
    assert "Se inscribió a 2 participantes. 1 ya tenía inscripción." in html


def test_a_refused_deletion_counts_the_records_with_plural_forms(trainer):
    from courses.viewsets import protected_by

    built = factories.course(modules=1, lessons_per_module=1, questions=2)
    assert protected_by([built.bank]) == ["2 registros: preguntas"]
    single = QuestionBank.objects.create(title="Otro banco")
    factories.question(single)
    assert protected_by([single]) == ["1 registro: preguntas"]


# ---------------------------------------------------------------- the page explorer (issue 16)


def _listed_in_order(html: str, titles: list[str]) -> list[str]:
    """The titles as the explorer's listing shows them, top to bottom."""
    rows = html[html.index("<tbody") :]
    return sorted(titles, key=rows.index)


def _edited_newest_first(pages) -> None:
    """Each page last edited after the one before it in the tree, as when a trainer revises in order."""
    base = timezone.now() - timedelta(days=30)
    for days, page in enumerate(pages):
        type(page).objects.filter(pk=page.pk).update(latest_revision_created_at=base + timedelta(days=days))


def test_the_explorer_lists_courses_modules_and_lessons_in_the_course_order(trainer):
    courses = [factories.course(modules=3, lessons_per_module=3, title=f"Curso {n} del catálogo") for n in (1, 2, 3)]
    built = courses[0]
    module_lessons = [lesson for lesson in built.lessons if lesson.get_parent().pk == built.modules[0].pk]
    for pages in ([course.page for course in courses], built.modules, module_lessons):
        _edited_newest_first(pages)
    client = client_for(person(role=Role.ADMINISTRATOR, email="arbol@example.org"))

    for parent, pages in (
        (factories.catalogue("es"), [course.page for course in courses]),
        (built.page, built.modules),
        (built.modules[0], module_lessons),
    ):
        response = client.get(reverse("wagtailadmin_explore", args=[parent.pk]))
        assert response.status_code == 200
        titles = [page.title for page in pages]
        assert _listed_in_order(response.content.decode(), titles) == titles, parent.title
