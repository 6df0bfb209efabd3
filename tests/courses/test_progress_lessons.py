"""Completing lessons and what opens them: a lesson is recorded once and leads to the next, closed
to a learner not enrolled; a gated module opens once the one before is completed (course staff
open any); enrolling is refused with an unmet prerequisite, in a closed course or in a course by
assignment, with a message through the view.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from courses import services
from courses.models import CoursePrerequisite, Enrolment, EnrolmentSource, LessonCompletion
from tests.conftest import client_for
from tests.courses import factories
from tests.courses.learner_steps import complete_all, complete_url, fresh, messages_of

pytestmark = pytest.mark.django_db


def enrol_url(built) -> str:
    return reverse("courses:enrol", args=[built.page.pk])


# ---------------------------------------------------------------- lessons


def test_completing_a_lesson_records_it_once(learner):
    built = factories.course(modules=1, lessons_per_module=3)
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    lesson = built.lessons[0]

    first = services.lesson_complete(enrolment=enrolment, lesson=lesson, course=built.page)
    again = services.lesson_complete(enrolment=fresh(enrolment), lesson=lesson, course=built.page)

    assert first.pk == again.pk
    assert list(LessonCompletion.objects.values_list("lesson_key", flat=True)) == [lesson.translation_key]
    enrolment.refresh_from_db()
    assert enrolment.last_lesson_key == lesson.translation_key
    assert enrolment.completed_at is None


def test_completing_a_lesson_through_the_view_continues_to_the_next_lesson(learner):
    built = factories.course(modules=1, lessons_per_module=3)
    services.enrolment_create(learner=learner, course=built.page)
    client = client_for(learner)

    response = client.post(complete_url(built.lessons[0]))

    assert response.status_code == 302
    assert response["Location"] == built.lessons[1].url
    assert LessonCompletion.objects.filter(lesson_key=built.lessons[0].translation_key).exists()
    page = client.get(built.lessons[0].url)
    assert "Ha completado esta lección." in page.content.decode()


def test_a_lesson_is_closed_to_a_learner_not_enrolled(learner):
    built = factories.course(modules=1, lessons_per_module=1)

    response = client_for(learner).get(built.lessons[0].url)

    assert response.status_code == 302
    assert response["Location"] == built.page.url


# ---------------------------------------------------------------- gated modules


def test_lessons_of_a_gated_module_are_refused_until_the_previous_module_is_completed(learner):
    built = factories.course(modules=2, lessons_per_module=2, gated=True)
    enrolment = services.enrolment_create(learner=learner, course=built.page)
    client = client_for(learner)
    module_two_lessons = built.lessons[2:]

    for lesson in module_two_lessons:
        response = client.get(lesson.url)
        assert response.status_code == 403
        assert "Módulo 2" in response.content.decode()
        assert "Complete el módulo anterior" in response.content.decode()

    services.lesson_complete(enrolment=enrolment, lesson=built.lessons[0], course=built.page)
    assert client.get(module_two_lessons[0].url).status_code == 403  # half of module 1 is not enough

    services.lesson_complete(enrolment=fresh(enrolment), lesson=built.lessons[1], course=built.page)
    for lesson in module_two_lessons:
        assert client.get(lesson.url).status_code == 200


def test_the_first_module_of_a_gated_course_is_open(learner):
    built = factories.course(modules=2, lessons_per_module=2, gated=True)
    services.enrolment_create(learner=learner, course=built.page)

    assert client_for(learner).get(built.lessons[0].url).status_code == 200


def test_a_lesson_of_a_locked_module_cannot_be_completed(learner):
    built = factories.course(modules=2, lessons_per_module=1, gated=True)
    enrolment = services.enrolment_create(learner=learner, course=built.page)

    with pytest.raises(PermissionDenied, match="Módulo 2"):
        services.lesson_complete(enrolment=enrolment, lesson=built.lessons[1], course=built.page)

    response = client_for(learner).post(complete_url(built.lessons[1]))

    assert response.status_code == 302
    assert any("Módulo 2" in message for message in messages_of(response))
    assert not LessonCompletion.objects.exists()


def test_course_staff_open_a_locked_lesson(trainer):
    built = factories.course(modules=2, lessons_per_module=1, gated=True)

    assert client_for(trainer).get(built.lessons[1].url).status_code == 200


# ---------------------------------------------------------------- prerequisites and closed courses


def test_enrolling_with_an_unmet_prerequisite_is_refused_naming_the_prerequisite(learner):
    prerequisite = factories.course(modules=1, lessons_per_module=1, title="Fundamentos de control fronterizo")
    built = factories.course(modules=1, lessons_per_module=1)
    CoursePrerequisite.objects.create(course=built.page, prerequisite=prerequisite.page)

    with pytest.raises(ValidationError) as refused:
        services.enrolment_create(learner=learner, course=built.page)

    assert "Fundamentos de control fronterizo" in " ".join(refused.value.messages)
    assert not Enrolment.objects.filter(course_key=built.page.translation_key).exists()


def test_enrolling_with_an_unmet_prerequisite_through_the_view_is_refused_with_a_message(learner):
    prerequisite = factories.course(modules=1, lessons_per_module=1, title="Fundamentos de control fronterizo")
    built = factories.course(modules=1, lessons_per_module=1)
    CoursePrerequisite.objects.create(course=built.page, prerequisite=prerequisite.page)

    response = client_for(learner).post(enrol_url(built))

    assert response.status_code == 302
    assert response["Location"] == built.page.url
    assert any("Fundamentos de control fronterizo" in message for message in messages_of(response))
    assert not Enrolment.objects.exists()


def test_enrolling_once_the_prerequisite_is_completed_succeeds(learner):
    prerequisite = factories.course(modules=1, lessons_per_module=1)
    built = factories.course(modules=1, lessons_per_module=1)
    CoursePrerequisite.objects.create(course=built.page, prerequisite=prerequisite.page)
    complete_all(prerequisite, services.enrolment_create(learner=learner, course=prerequisite.page))

    enrolment = services.enrolment_create(learner=learner, course=built.page)

    assert enrolment.course_key == built.page.translation_key


def test_enrolling_in_a_closed_course_is_refused(learner):
    built = factories.course(modules=1, lessons_per_module=1, enrolment_policy="closed")

    with pytest.raises(ValidationError) as refused:
        services.enrolment_create(learner=learner, course=built.page)

    assert refused.value.code == "closed"
    assert not Enrolment.objects.exists()


def test_enrolling_in_a_closed_course_through_the_view_is_refused_with_a_message(learner):
    built = factories.course(modules=1, lessons_per_module=1, enrolment_policy="closed")

    response = client_for(learner).post(enrol_url(built))

    assert response.status_code == 302
    assert any("cerrado a nuevas inscripciones" in message for message in messages_of(response))
    assert not Enrolment.objects.exists()


def test_a_learner_cannot_enrol_themselves_in_a_course_by_assignment(learner):
    built = factories.course(modules=1, lessons_per_module=1, enrolment_policy="assigned")

    with pytest.raises(ValidationError) as refused:
        services.enrolment_create(learner=learner, course=built.page)

    assert refused.value.code == "assigned"
    assert not Enrolment.objects.exists()


def test_enrolling_through_the_view_opens_the_first_lesson(learner):
    built = factories.course(modules=1, lessons_per_module=2)

    response = client_for(learner).post(enrol_url(built))

    assert response["Location"] == built.lessons[0].url
    assert Enrolment.objects.get().source == EnrolmentSource.SELF
