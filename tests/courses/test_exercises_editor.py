"""The sandbox exercise block in the lesson editor: parameters the type cannot use are refused on
their field, and the editor's preview (and the lesson page for course staff) shows a sample brief
of the type with the parameters set, built from a fixed seed and written nowhere."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.blocks import StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import ExerciseBlock, LessonStreamBlock
from courses.selectors.exercises import exercise_sample
from sandbox.models import ExerciseAttempt, Movement, Person, Sandbox
from tests.authorization.payloads import form_payload
from tests.conftest import client_for
from tests.courses import factories
from tests.courses.exercise_steps import exercise_course

pytestmark = pytest.mark.django_db

SEA_PORT = "GT-PQZ"  # Puerto Quetzal: exercise #1 needs a land or air post


def block_value(**overrides):
    block = ExerciseBlock()
    return block, block.to_python(factories.exercise_value(**overrides))


def test_a_crossing_point_the_type_cannot_use_is_refused_on_its_field():
    block, value = block_value(crossing_point=SEA_PORT)
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)
    assert set(refused.value.block_errors) == {"crossing_point"}
    assert "Puerto Quetzal" in refused.value.block_errors["crossing_point"].messages[0]


def test_saving_a_lesson_with_a_bad_crossing_point_is_refused_on_that_blocks_field():
    stream = LessonStreamBlock()
    body = StreamValue(
        stream, [("text", "<p>Texto.</p>"), ("exercise", block_value(crossing_point=SEA_PORT)[1])], is_lazy=False
    )
    with pytest.raises(Exception) as refused:  # StreamBlockValidationError, keyed by the block's position
        stream.clean(body)
    errors = refused.value.block_errors
    assert list(errors) == [1]
    assert set(errors[1].block_errors) == {"crossing_point"}


def test_a_parameter_the_type_does_not_use_is_refused_on_its_field():
    block, value = block_value(month="2025-01")
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)
    assert set(refused.value.block_errors) == {"month"}


def test_a_valid_exercise_block_is_accepted():
    block, value = block_value(crossing_point="GT-TUM")
    assert block.clean(value)["crossing_point"] == "GT-TUM"


def test_a_sample_brief_is_built_for_the_parameters_and_written_nowhere():
    counts = (
        Sandbox.objects.count(),
        Person.objects.every_row().count(),
        Movement.objects.every_row().count(),
        ExerciseAttempt.objects.count(),
    )

    sample = exercise_sample(type_slug="entry_registration", parameters={"crossing_point": "GT-TUM"})

    assert sample.template == "sandbox/exercises/brief_entry_registration.html"
    assert sample.context["brief"]["crossing_point"] == "GT-TUM"
    assert sample.context["point"].code == "GT-TUM"
    again = exercise_sample(type_slug="entry_registration", parameters={"crossing_point": "GT-TUM"})
    assert again.context["brief"]["mrz"] == sample.context["brief"]["mrz"]  # a fixed seed: the same sample
    after = (
        Sandbox.objects.count(),
        Person.objects.every_row().count(),
        Movement.objects.every_row().count(),
        ExerciseAttempt.objects.count(),
    )
    assert after == counts


def test_no_sample_for_parameters_the_type_refuses():
    assert exercise_sample(type_slug="entry_registration", parameters={"crossing_point": SEA_PORT}) is None
    assert exercise_sample(type_slug="no_such_type", parameters={}) is None


def test_the_block_on_its_own_shows_a_sample_brief():
    block, value = block_value()
    sample = exercise_sample(type_slug="entry_registration", parameters={})
    html = block.render(value)
    assert sample.context["brief"]["mrz"].splitlines()[0].replace("<", "&lt;") in html


def test_course_staff_see_a_sample_brief_on_the_lesson_and_nothing_is_built(trainer):
    built, _nobody = exercise_course(None, crossing_point="GT-TUM")
    sample = exercise_sample(type_slug="entry_registration", parameters={"crossing_point": "GT-TUM"})

    response = client_for(trainer).get(built.exercise_lesson.url)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="exercise-sample"' in page
    assert sample.context["brief"]["mrz"].splitlines()[0].replace("<", "&lt;") in page
    assert reverse("courses:exercise_start", args=[built.exercise_lesson.pk, built.exercise_id]) not in page
    assert not Sandbox.objects.filter(owner=trainer).exists()
    assert not ExerciseAttempt.objects.exists()


def _edit_form_data(lesson, trainer, **exercise) -> dict:
    form_class = lesson.get_edit_handler().get_form_class()
    form = form_class(instance=lesson, for_user=trainer, parent_page=lesson.get_parent())
    data = form_payload(form)
    index = next(i for i, child in enumerate(lesson.body) if child.block_type == "exercise")
    for name, value in exercise.items():
        data[f"body-{index}-value-{name}"] = value
    return data


def test_the_editors_preview_shows_a_sample_brief_of_the_parameters_being_edited(trainer):
    built, _nobody = exercise_course(None)
    lesson = built.exercise_lesson
    client = client_for(trainer)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])

    refused = client.post(url, _edit_form_data(lesson, trainer, crossing_point=SEA_PORT))
    assert refused.json()["is_valid"] is False

    accepted = client.post(url, _edit_form_data(lesson, trainer, crossing_point="GT-TUM"))
    assert accepted.json()["is_valid"] is True
    page = client.get(url).content.decode()
    sample = exercise_sample(type_slug="entry_registration", parameters={"crossing_point": "GT-TUM"})
    assert sample.context["brief"]["mrz"].splitlines()[0].replace("<", "&lt;") in page
    assert sample.context["point"].name in page
    assert not ExerciseAttempt.objects.exists()
