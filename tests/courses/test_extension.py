"""A lower app adds a lesson block and a completion requirement through settings, with no change to courses."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.db.models import JSONField, Value

from courses.blocks import CompletionRulesBlock, LessonStreamBlock
from courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage
from courses.selectors.outline import course_activities
from courses.selectors.progress import progress_snapshot, requirement_statuses
from courses.services import (
    LessonCompletionRefused,
    activity_result_record,
    attempt_start,
    attempt_submit,
    enrolment_completion_update,
    enrolment_create,
    lesson_complete,
)
from courses.signals import course_completed
from tests.courses import factories
from tests.courses.answers import answer_form

pytestmark = pytest.mark.django_db

EXTENSION = {
    "COURSES_LESSON_BLOCKS": [("field_task", "tests.courses.extension_blocks.FieldTaskBlock")],
    "COURSES_COMPLETION_REQUIREMENT_BLOCKS": [
        ("field_tasks_passed", "tests.courses.extension_blocks.FIELD_TASKS_PASSED")
    ],
}


def stored(stream: list[dict]) -> Value:
    """A StreamField's JSON as stored, bypassing the field (built before the settings named the new blocks)."""
    return Value(stream, output_field=JSONField())


@pytest.fixture
def extended(settings, monkeypatch):
    """The settings as a deployment would name them, and the two fields built with them, as at start-up."""
    for name, value in EXTENSION.items():
        setattr(settings, name, value)
    monkeypatch.setattr(LessonPage._meta.get_field("body"), "stream_block", LessonStreamBlock())
    monkeypatch.setattr(CoursePage._meta.get_field("completion_rules"), "stream_block", CompletionRulesBlock())


def test_the_stream_blocks_take_the_blocks_that_settings_name(extended):
    assert "field_task" in LessonStreamBlock().child_blocks
    assert "quiz" in LessonStreamBlock().child_blocks
    assert "field_tasks_passed" in CompletionRulesBlock().child_blocks


def test_an_exercise_counts_towards_completion_through_the_requirement_interface(extended, learner):
    built = factories.course(modules=1, lessons_per_module=1)
    lesson = built.lessons[0]
    exercise_id = str(uuid.uuid4())
    body = [
        *lesson.body.raw_data,
        {"type": "field_task", "value": {"title": "Registrar una entrada"}, "id": exercise_id},
    ]
    LessonPage.objects.filter(pk=lesson.pk).update(body=stored(body))
    rules = [{"type": "lessons_completed", "value": None}, {"type": "field_tasks_passed", "value": None}]
    CoursePage.objects.filter(pk=built.page.pk).update(completion_rules=stored(rules))
    course = CoursePage.objects.get(pk=built.page.pk)

    [activity] = course_activities(structure=course)
    assert (activity.kind, activity.title, activity.pass_mark) == ("field_task", "Registrar una entrada", 100)

    enrolment = enrolment_create(learner=learner, course=course)
    # The exercise is the lesson's required work: the lesson is not marked as completed by hand.
    with pytest.raises(LessonCompletionRefused, match="Registrar una entrada"):
        lesson_complete(enrolment=enrolment, lesson=LessonPage.objects.get(pk=lesson.pk), course=course)
    statuses = requirement_statuses(course=course, snapshot=progress_snapshot(enrolment=enrolment, course=course))
    assert [(status.is_met, status.done, status.total) for status in statuses] == [(False, 0, 1), (False, 0, 1)]
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is None

    activity_result_record(
        enrolment=enrolment,
        course=course,
        lesson_key=lesson.translation_key,
        block_id=exercise_id,
        kind="field_task",
        score=Decimal(100),
        pass_mark=100,
    )
    # The recording of the pass completes the lesson and checks the course's completion itself (issue 16).
    assert LessonCompletion.objects.filter(enrolment=enrolment, lesson_key=lesson.translation_key).exists()
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None
    assert enrolment_completion_update(enrolment=enrolment, course=course) is False


def test_without_the_settings_the_field_task_is_not_an_activity(learner):
    built = factories.course(modules=1, lessons_per_module=1)
    lesson = built.lessons[0]
    body = [*lesson.body.raw_data, {"type": "field_task", "value": {"title": "x"}, "id": str(uuid.uuid4())}]
    LessonPage.objects.filter(pk=lesson.pk).update(body=stored(body))
    assert course_activities(structure=built.page) == []


# ---------------------------------------------------------------- a lesson with more than one graded activity


def quiz_and_exercise_course(rules: list[str]):
    """One lesson holding the course's quiz and an exercise; the course's rules named."""
    built = factories.course(modules=1, lessons_per_module=1, questions=2, quiz={"question_count": 2})
    lesson = built.quiz_lesson
    exercise_id = str(uuid.uuid4())
    body = [
        *lesson.body.raw_data,
        {"type": "field_task", "value": {"title": "Registrar una entrada"}, "id": exercise_id},
    ]
    LessonPage.objects.filter(pk=lesson.pk).update(body=stored(body))
    CoursePage.objects.filter(pk=built.page.pk).update(
        completion_rules=stored([{"type": rule, "value": None} for rule in rules])
    )
    built.page = CoursePage.objects.get(pk=built.page.pk)
    built.quiz_lesson = LessonPage.objects.get(pk=lesson.pk)
    return built, exercise_id


def take_quiz(built, enrolment, *, correct: bool):
    attempt = attempt_start(enrolment=enrolment, lesson=built.quiz_lesson, course=built.page, block_id=built.quiz_id)
    return attempt_submit(
        attempt_token=attempt.token,
        learner=enrolment.learner,
        data=answer_form(attempt, correct=correct),
        course=built.page,
        lesson=built.quiz_lesson,
    )


def pass_exercise(built, enrolment, exercise_id: str) -> None:
    activity_result_record(
        enrolment=enrolment,
        course=built.page,
        lesson_key=built.quiz_lesson.translation_key,
        block_id=exercise_id,
        kind="field_task",
        score=Decimal(100),
        pass_mark=100,
    )


def lesson_completed(built, enrolment) -> bool:
    return LessonCompletion.objects.filter(enrolment=enrolment, lesson_key=built.quiz_lesson.translation_key).exists()


def test_a_lesson_is_completed_by_the_pass_that_leaves_all_its_required_activities_passed(
    extended, learner, django_capture_on_commit_callbacks
):
    built, exercise_id = quiz_and_exercise_course(["lessons_completed", "quizzes_passed", "field_tasks_passed"])
    enrolment = enrolment_create(learner=learner, course=built.page)
    sent = []
    course_completed.connect(
        lambda sender, enrolment, **kwargs: sent.append(enrolment.pk), weak=False, dispatch_uid="t"
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert take_quiz(built, enrolment, correct=True).is_passed
        assert not lesson_completed(built, enrolment)  # the exercise is still to pass
        assert Enrolment.objects.get(pk=enrolment.pk).completed_at is None

        with django_capture_on_commit_callbacks(execute=True):
            pass_exercise(built, Enrolment.objects.get(pk=enrolment.pk), exercise_id)
            pass_exercise(built, Enrolment.objects.get(pk=enrolment.pk), exercise_id)
    finally:
        course_completed.disconnect(dispatch_uid="t")

    assert lesson_completed(built, enrolment)
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None
    assert sent == [enrolment.pk]


def test_a_quiz_the_rules_do_not_require_neither_completes_nor_holds_back_its_lesson(extended, learner):
    built, exercise_id = quiz_and_exercise_course(["lessons_completed", "field_tasks_passed"])
    enrolment = enrolment_create(learner=learner, course=built.page)

    assert take_quiz(built, enrolment, correct=True).is_passed
    assert not lesson_completed(built, enrolment)  # passing the optional quiz is not the lesson's work

    take_quiz(built, Enrolment.objects.get(pk=enrolment.pk), correct=False)
    pass_exercise(built, Enrolment.objects.get(pk=enrolment.pk), exercise_id)

    assert lesson_completed(built, enrolment)
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None
