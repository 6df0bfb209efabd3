"""Completing a course: `course_completed` is sent once and only after commit; a lesson whose
required quiz is not passed cannot be marked as completed, and the progress bar counts it done
only once the quiz is passed; passing the required quiz completes its lesson and the course; the
result page leads on; a required lesson added later keeps the completions already earned.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from courses import services
from courses.models import Enrolment, LessonCompletion, LessonPage
from courses.selectors.enrolments import my_learning
from courses.selectors.quiz import attempt_questions
from courses.signals import course_completed
from tests.conftest import client_for
from tests.courses import factories
from tests.courses.answers import answer_form
from tests.courses.learner_steps import attempt_url, complete_all, complete_url, fresh, messages_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def completions():
    """The enrolments `course_completed` was sent for, in order."""
    received = []

    def receiver(sender, enrolment, **kwargs):
        received.append(enrolment.pk)

    course_completed.connect(receiver, weak=False, dispatch_uid="test-progress-completions")
    yield received
    course_completed.disconnect(dispatch_uid="test-progress-completions")


def test_course_completed_is_sent_once_and_only_after_commit(learner, completions, django_capture_on_commit_callbacks):
    built = factories.course(modules=1, lessons_per_module=2)
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    stale = fresh(enrolment)  # as a concurrent request would hold it, before completion

    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_complete(enrolment=fresh(enrolment), lesson=built.lessons[0], course=built.page)
    assert completions == []

    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_complete(enrolment=fresh(enrolment), lesson=built.lessons[1], course=built.page)
        assert completions == []  # not before the transaction commits
    assert completions == [enrolment.pk]
    assert fresh(enrolment).completed_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_complete(enrolment=fresh(enrolment), lesson=built.lessons[1], course=built.page)
        services.lesson_complete(enrolment=stale, lesson=built.lessons[1], course=built.page)
    assert completions == [enrolment.pk]


def test_completing_the_last_lesson_twice_through_the_view_sends_course_completed_once(
    learner, completions, django_capture_on_commit_callbacks
):
    built = factories.course(modules=1, lessons_per_module=2)
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    client = client_for(learner)
    client.post(complete_url(built.lessons[0]))

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(complete_url(built.lessons[1]))
        second = client.post(complete_url(built.lessons[1]))

    assert completions == [enrolment.pk]
    assert first["Location"] == second["Location"] == built.page.url
    assert any("Curso completado" in message for message in messages_of(first))


def test_passing_the_quiz_after_every_other_lesson_completes_the_course(
    learner, completions, django_capture_on_commit_callbacks
):
    built = factories.course(modules=1, lessons_per_module=2, questions=2, quiz={"question_count": 2})
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    services.lesson_complete(enrolment=fresh(enrolment), lesson=built.lessons[0], course=built.page)
    assert fresh(enrolment).completed_at is None  # the quiz is still to pass

    with django_capture_on_commit_callbacks(execute=True):
        attempt = services.attempt_start(
            enrolment=fresh(enrolment), lesson=built.quiz_lesson, course=built.page, block_id=built.quiz_id
        )
        data = {}
        for drawn in attempt_questions(attempt=attempt):
            data[drawn.field] = next(c.id for c in drawn.value["options"].bound_blocks if c.value["is_correct"])
        services.attempt_submit(
            attempt_token=attempt.token, learner=learner, data=data, course=built.page, lesson=built.quiz_lesson
        )

    assert fresh(enrolment).completed_at is not None
    assert completions == [enrolment.pk]


# Issue 16: "Mark as completed" sat under "Start the quiz"; pressing it first completed the
# lesson, showed every required lesson done and 89 % while the quiz was not passed.
PENDING = "Esta lección se completa cuando apruebe «Evaluación final»."


def test_a_lesson_whose_required_quiz_is_not_passed_cannot_be_marked_as_completed(learner, completions):
    built = factories.course(modules=1, lessons_per_module=2, questions=2, quiz={"question_count": 2})
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    services.lesson_complete(enrolment=enrolment, lesson=built.lessons[0], course=built.page)

    with pytest.raises(PermissionDenied) as refusal:
        services.lesson_complete(enrolment=fresh(enrolment), lesson=built.quiz_lesson, course=built.page)
    assert str(refusal.value) == PENDING
    take_quiz(built, enrolment, correct=False)
    with pytest.raises(services.LessonCompletionRefused):
        services.lesson_complete(enrolment=fresh(enrolment), lesson=built.quiz_lesson, course=built.page)

    assert not is_completed(enrolment, built.quiz_lesson)
    assert fresh(enrolment).completed_at is None
    assert completions == []
    take_quiz(built, enrolment)  # the pass completes the lesson, and the course
    assert is_completed(enrolment, built.quiz_lesson)
    assert fresh(enrolment).completed_at is not None
    completion = services.lesson_complete(enrolment=fresh(enrolment), lesson=built.quiz_lesson, course=built.page)
    assert completion.lesson_key == built.quiz_lesson.translation_key  # marking it again is harmless


def test_the_lesson_page_offers_no_mark_as_completed_before_its_required_quiz_is_passed(learner):
    built = factories.course(modules=1, lessons_per_module=2, questions=2, quiz={"question_count": 2})
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    client = client_for(learner)

    html = client.get(built.quiz_lesson.url).content.decode()
    assert "Comenzar la evaluación" in html
    assert f'action="{complete_url(built.quiz_lesson)}"' not in html
    assert "Marcar como completada" not in html
    assert PENDING in html
    # The lesson without a quiz keeps its button.
    assert f'action="{complete_url(built.lessons[0])}"' in client.get(built.lessons[0].url).content.decode()

    response = client.post(complete_url(built.quiz_lesson))  # a POST anyway: refused, back to the lesson

    assert response["Location"] == built.quiz_lesson.url
    assert messages_of(response) == [PENDING]
    assert not is_completed(enrolment, built.quiz_lesson)


def test_the_course_page_counts_a_quiz_lesson_done_only_once_its_quiz_is_passed(learner):
    built = factories.course(modules=1, lessons_per_module=2, questions=2, quiz={"question_count": 2})
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    client = client_for(learner)
    client.post(complete_url(built.lessons[0]))
    client.post(complete_url(built.quiz_lesson))  # refused

    html = client.get(built.page.url).content.decode()

    # One of two lessons and none of one quiz: a third done, not two thirds.
    assert 'value="33"' in html
    assert "Lecciones obligatorias completadas (1/2)" in html
    assert "Todas las evaluaciones calificadas aprobadas (0/1)" in html
    take_quiz(built, enrolment)
    assert "Completó este curso" in client.get(built.page.url).content.decode()


def test_a_practice_quiz_counts_for_nothing_in_the_progress_bar(learner):
    built = factories.course(
        modules=1,
        lessons_per_module=2,
        questions=2,
        quiz={"question_count": 2},
        completion_rules=[("lessons_completed", None)],
    )
    services.enrolment_create(learner=learner, course=built.page)
    client = client_for(learner)
    client.post(complete_url(built.lessons[0]))

    assert 'value="50"' in client.get(built.page.url).content.decode()  # one of two lessons


def test_the_progress_bar_never_shows_a_course_done_while_a_rule_is_unmet(learner):
    built = factories.course(
        modules=1,
        lessons_per_module=1,
        questions=2,
        quiz={"question_count": 2},
        completion_rules=[("lessons_completed", None), ("average_score", None)],
    )
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    take_quiz(built, enrolment, correct=False)
    client = client_for(learner)
    client.post(complete_url(built.quiz_lesson))  # the average rule asks no quiz passed: the lesson is the learner's

    html = client.get(built.page.url).content.decode()

    assert fresh(enrolment).completed_at is None  # an average of 0 against a pass mark of 70
    assert 'value="99"' in html


def take_quiz(built, enrolment: Enrolment, *, correct: bool = True):
    """Start an attempt at the course's quiz and submit every answer right (or wrong), through the services."""
    attempt = services.attempt_start(
        enrolment=fresh(enrolment), lesson=built.quiz_lesson, course=built.page, block_id=built.quiz_id
    )
    return services.attempt_submit(
        attempt_token=attempt.token,
        learner=enrolment.learner,
        data=answer_form(attempt, correct=correct),
        course=built.page,
        lesson=built.quiz_lesson,
    )


def is_completed(enrolment: Enrolment, lesson: LessonPage) -> bool:
    return LessonCompletion.objects.filter(enrolment=enrolment, lesson_key=lesson.translation_key).exists()


def test_passing_the_required_quiz_completes_its_lesson_and_the_course_once(
    learner, completions, django_capture_on_commit_callbacks
):
    # Issue 16: an officer who passes the final quiz and closes the tab gets the course completed.
    built = factories.course(modules=1, lessons_per_module=2, questions=2, quiz={"question_count": 2})
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    services.lesson_complete(enrolment=enrolment, lesson=built.lessons[0], course=built.page)

    with django_capture_on_commit_callbacks(execute=True):
        passed = take_quiz(built, enrolment)
        assert completions == []  # sent once the transaction that completed it commits
    assert passed.is_passed
    assert is_completed(enrolment, built.quiz_lesson)
    assert fresh(enrolment).completed_at is not None
    assert completions == [enrolment.pk]

    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(  # the same answers again: the first grading stands
            attempt_token=passed.token,
            learner=learner,
            data=answer_form(passed),
            course=built.page,
            lesson=built.quiz_lesson,
        )
        take_quiz(built, enrolment)  # another pass
    assert completions == [enrolment.pk]
    assert LessonCompletion.objects.filter(enrolment=enrolment).count() == 2


def test_a_failed_attempt_completes_neither_the_lesson_nor_the_course(learner, completions):
    built = factories.course(modules=1, lessons_per_module=2, questions=2, quiz={"question_count": 2})
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    services.lesson_complete(enrolment=enrolment, lesson=built.lessons[0], course=built.page)

    failed = take_quiz(built, enrolment, correct=False)

    assert not failed.is_passed
    assert not is_completed(enrolment, built.quiz_lesson)
    assert fresh(enrolment).completed_at is None
    assert completions == []


def test_a_quiz_the_course_rules_do_not_require_leaves_the_lesson_to_the_learner(learner, completions):
    built = factories.course(
        modules=1,
        lessons_per_module=1,
        questions=2,
        quiz={"question_count": 2},
        completion_rules=[("lessons_completed", None)],
    )
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    client = client_for(learner)
    # A practice quiz holds nothing back: the lesson keeps its button before the quiz is taken.
    assert f'action="{complete_url(built.quiz_lesson)}"' in client.get(built.quiz_lesson.url).content.decode()

    passed = take_quiz(built, enrolment)

    assert passed.is_passed
    assert not is_completed(enrolment, built.quiz_lesson)
    assert fresh(enrolment).completed_at is None
    html = client.get(attempt_url(passed)).content.decode()
    assert "Marcar la lección como completada" in html  # the way on, from the result page
    assert f'action="{complete_url(built.quiz_lesson)}"' in html
    response = client.post(complete_url(built.quiz_lesson))
    assert response["Location"] == built.page.url
    assert fresh(enrolment).completed_at is not None


def test_the_result_page_of_the_last_pass_says_the_course_is_complete_and_leads_on(learner):
    built = factories.course(
        modules=1, lessons_per_module=2, questions=2, quiz={"question_count": 2, "max_attempts": 3}, title="Alertas"
    )
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    services.lesson_complete(enrolment=enrolment, lesson=built.lessons[0], course=built.page)
    passed = take_quiz(built, enrolment)
    client = client_for(learner)

    html = client.get(attempt_url(passed)).content.decode()

    assert "Ha aprobado." in html
    assert "Completó el curso «Alertas»." in html
    assert f'href="{reverse("courses:my_learning")}">Ir a Mi aprendizaje</a>' in html
    assert "Marcar" not in html
    assert "Le quedan" not in html and "Intentar de nuevo" not in html
    lesson_page = client.get(built.quiz_lesson.url).content.decode()
    assert "Ha completado esta lección." in lesson_page
    assert "Le quedan" not in lesson_page
    course_page = client.get(built.page.url).content.decode()
    assert "Completó este curso" in course_page


def test_the_result_page_of_a_pass_leads_to_the_next_lesson(learner):
    built = factories.course(modules=1, lessons_per_module=1, questions=2, quiz={"question_count": 2})
    following = factories.publish(
        built.modules[0],
        LessonPage(
            title="Lección siguiente", slug="siguiente", body=[factories.text_block()], locale=built.page.locale
        ),
    )
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    passed = take_quiz(built, enrolment)

    html = client_for(learner).get(attempt_url(passed)).content.decode()

    assert is_completed(enrolment, built.quiz_lesson)
    assert fresh(enrolment).completed_at is None  # the next lesson is still to do
    assert f"Completó la lección «{built.quiz_lesson.title}»." in html
    assert f'href="{following.url}">Siguiente lección: Lección siguiente</a>' in html


def test_an_earlier_failed_attempt_seen_after_a_pass_offers_no_retry(learner):
    built = factories.course(
        modules=1, lessons_per_module=1, questions=2, quiz={"question_count": 2, "max_attempts": 3}
    )
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    failed = take_quiz(built, enrolment, correct=False)
    take_quiz(built, enrolment)

    html = client_for(learner).get(attempt_url(failed)).content.decode()

    assert "Aprobó esta evaluación en otro intento." in html
    assert "Todavía no ha aprobado" not in html
    assert "Intentar de nuevo" not in html and "Le queda" not in html


def test_adding_a_required_lesson_to_a_published_course_keeps_completions_already_earned(
    learner, completions, django_capture_on_commit_callbacks
):
    built = factories.course(modules=1, lessons_per_module=2)
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    with django_capture_on_commit_callbacks(execute=True):
        complete_all(built, enrolment)
    completed_at = fresh(enrolment).completed_at
    assert completed_at is not None

    new_lesson = factories.publish(
        built.modules[0],
        LessonPage(
            title="Lección nueva",
            slug="leccion-nueva",
            body=[factories.text_block()],
            is_required=True,
            locale=built.page.locale,
        ),
    )
    built.page.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.enrolment_completion_update(enrolment=fresh(enrolment), course=built.page) is False
        services.lesson_complete(enrolment=fresh(enrolment), lesson=new_lesson, course=built.page)

    assert fresh(enrolment).completed_at == completed_at
    assert completions == [enrolment.pk]
    groups = my_learning(learner=learner)
    assert [entry.enrolment.pk for entry in groups["completed"]] == [enrolment.pk]
    client = client_for(learner)
    course_page = client.get(built.page.url)
    assert course_page.status_code == 200
    assert "Completó este curso" in course_page.content.decode()
    assert client.get(new_lesson.url).status_code == 200
