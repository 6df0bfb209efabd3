"""A lower app adds a lesson block and a completion requirement through settings, with no change to courses."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.db.models import JSONField, Value

from courses.blocks import CompletionRulesBlock, LessonStreamBlock
from courses.models import CoursePage, Enrolment, LessonPage
from courses.selectors import course_activities, progress_snapshot, requirement_statuses
from courses.services import activity_result_record, enrolment_completion_update, enrolment_create, lesson_complete
from tests.courses import factories

pytestmark = pytest.mark.django_db

EXTENSION = {
    "COURSES_LESSON_BLOCKS": [("exercise", "tests.courses.extension_blocks.ExerciseBlock")],
    "COURSES_COMPLETION_REQUIREMENT_BLOCKS": [("exercises_passed", "tests.courses.extension_blocks.EXERCISES_PASSED")],
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
    assert "exercise" in LessonStreamBlock().child_blocks
    assert "quiz" in LessonStreamBlock().child_blocks
    assert "exercises_passed" in CompletionRulesBlock().child_blocks


def test_an_exercise_counts_towards_completion_through_the_requirement_interface(extended, learner):
    built = factories.course(modules=1, lessons_per_module=1)
    lesson = built.lessons[0]
    exercise_id = str(uuid.uuid4())
    body = [*lesson.body.raw_data, {"type": "exercise", "value": {"title": "Registrar una entrada"}, "id": exercise_id}]
    LessonPage.objects.filter(pk=lesson.pk).update(body=stored(body))
    rules = [{"type": "lessons_completed", "value": None}, {"type": "exercises_passed", "value": None}]
    CoursePage.objects.filter(pk=built.page.pk).update(completion_rules=stored(rules))
    course = CoursePage.objects.get(pk=built.page.pk)

    [activity] = course_activities(structure=course)
    assert (activity.kind, activity.title, activity.pass_mark) == ("exercise", "Registrar una entrada", 100)

    enrolment = enrolment_create(learner=learner, course=course)
    lesson_complete(enrolment=enrolment, lesson=LessonPage.objects.get(pk=lesson.pk), course=course)
    statuses = requirement_statuses(course=course, snapshot=progress_snapshot(enrolment=enrolment, course=course))
    assert [(status.is_met, status.done, status.total) for status in statuses] == [(True, 1, 1), (False, 0, 1)]
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is None

    activity_result_record(
        enrolment=enrolment,
        lesson_key=lesson.translation_key,
        block_id=exercise_id,
        kind="exercise",
        score=Decimal(100),
        pass_mark=100,
    )
    assert enrolment_completion_update(enrolment=enrolment, course=course) is True
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None


def test_without_the_settings_the_exercise_is_not_an_activity(learner):
    built = factories.course(modules=1, lessons_per_module=1)
    lesson = built.lessons[0]
    body = [*lesson.body.raw_data, {"type": "exercise", "value": {"title": "x"}, "id": str(uuid.uuid4())}]
    LessonPage.objects.filter(pk=lesson.pk).update(body=stored(body))
    assert course_activities(structure=built.page) == []
