"""Enrolments seen and made by others: "My learning" lists assigned, in-progress and completed
courses and marks an overdue assignment; a trainer's bulk enrolment enrols everyone in a pasted
list or no one (an unknown address, a learner outside their country); a focal point sees the
enrolments of their own country, a learner their own.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone, translation

from courses import services
from courses.models import Enrolment, EnrolmentSource
from courses.selectors.enrolments import enrolment_list, my_learning
from people.roles import Role
from tests.conftest import client_for
from tests.courses import factories
from tests.courses.learner_steps import complete_all
from tests.people.factories import person

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- My learning


def section(html: str, title_id: str) -> str:
    match = re.search(rf'<section aria-labelledby="{title_id}">(.*?)</section>', html, re.S)
    assert match, title_id
    return match.group(1)


def test_my_learning_lists_assigned_in_progress_and_completed_courses(learner, trainer):
    assigned = factories.course(modules=1, lessons_per_module=1, title="Curso asignado", enrolment_policy="assigned")
    started = factories.course(modules=1, lessons_per_module=2, title="Curso empezado")
    finished = factories.course(modules=1, lessons_per_module=1, title="Curso terminado")
    due = timezone.localdate() + timedelta(days=30)
    services.enrolment_create(
        learner=learner, course=assigned.page, source=EnrolmentSource.TRAINER, enrolled_by=trainer, due_on=due
    )
    in_progress = services.enrolment_create(learner=learner, course=started.page)
    services.lesson_complete(enrolment=in_progress, lesson=started.lessons[0], course=started.page)
    complete_all(finished, services.enrolment_create(learner=learner, course=finished.page))

    groups = my_learning(learner=learner)

    titles = {status: [entry.course.title for entry in entries] for status, entries in groups.items()}
    assert titles == {
        "assigned": ["Curso asignado"],
        "in_progress": ["Curso empezado"],
        "completed": ["Curso terminado"],
    }
    assert groups["assigned"][0].enrolment.due_on == due
    assert not groups["assigned"][0].is_overdue

    response = client_for(learner).get(reverse("courses:my_learning"))

    html = response.content.decode()
    assert response.status_code == 200
    with translation.override(response.get("Content-Language", "es")):
        due_text = formats.date_format(due, "DATE_FORMAT")
    assert "Curso asignado" in section(html, "assigned-title")
    assert due_text in section(html, "assigned-title")
    assert "Curso empezado" in section(html, "progress-title")
    assert "Curso terminado" in section(html, "completed-title")
    assert "Curso terminado" not in section(html, "progress-title")


@pytest.mark.clock_hours
def test_my_learning_marks_an_assignment_past_its_due_date_as_overdue(learner, trainer):
    assigned = factories.course(modules=1, lessons_per_module=1, enrolment_policy="assigned")
    services.enrolment_create(
        learner=learner,
        course=assigned.page,
        source=EnrolmentSource.TRAINER,
        enrolled_by=trainer,
        due_on=timezone.localdate() - timedelta(days=1),
    )

    entry = my_learning(learner=learner)["assigned"][0]

    assert entry.is_overdue


# ---------------------------------------------------------------- bulk enrolment


def test_bulk_enrolment_enrols_everyone_in_a_pasted_list(trainer):
    built = factories.course(modules=1, lessons_per_module=1, enrolment_policy="assigned")
    ana = person(email="ana@example.org")
    luis = person(email="luis@example.org", authority_code="pa-snm")
    due = timezone.localdate() + timedelta(days=14)

    result = services.enrolment_bulk_create(
        trainer=trainer, course=built.page, emails="ana@example.org\nLUIS@example.org; ana@example.org", due_on=due
    )

    assert (result.created, result.already_enrolled) == (2, 0)
    enrolments = Enrolment.objects.filter(course_key=built.page.translation_key)
    assert {e.learner_id for e in enrolments} == {ana.pk, luis.pk}
    assert {(e.source, e.enrolled_by_id, e.due_on) for e in enrolments} == {(EnrolmentSource.TRAINER, trainer.pk, due)}


def test_bulk_enrolment_with_one_unknown_address_enrols_no_one_and_names_the_address(trainer):
    built = factories.course(modules=1, lessons_per_module=1, enrolment_policy="assigned")
    person(email="ana@example.org")
    person(email="luis@example.org")

    with pytest.raises(ValidationError) as refused:
        services.enrolment_bulk_create(
            trainer=trainer, course=built.page, emails="ana@example.org, nadie@example.org\nluis@example.org"
        )

    assert any("nadie@example.org" in message for message in refused.value.messages)
    assert not any("ana@example.org" in message for message in refused.value.messages)
    assert not Enrolment.objects.exists()


def test_bulk_enrolment_refuses_a_learner_outside_the_trainer_country_and_enrols_no_one():
    built = factories.course(modules=1, lessons_per_module=1, enrolment_policy="assigned")
    national_trainer = person(role=Role.TRAINER, authority_code="hn-inm", email="formador-hn@example.org")
    person(email="hondureno@example.org", authority_code="hn-inm")
    person(email="guatemalteca@example.org", authority_code="gt-igm")

    with pytest.raises(ValidationError) as refused:
        services.enrolment_bulk_create(
            trainer=national_trainer, course=built.page, emails="hondureno@example.org\nguatemalteca@example.org"
        )

    assert any("guatemalteca@example.org" in message for message in refused.value.messages)
    assert not Enrolment.objects.exists()


def test_bulk_enrolment_screen_with_one_unknown_address_enrols_no_one(trainer):
    built = factories.course(modules=1, lessons_per_module=1, enrolment_policy="assigned")
    person(email="ana@example.org")

    response = client_for(trainer).post(
        reverse("courses_enrol"), {"course": built.page.pk, "emails": "ana@example.org\nnadie@example.org"}
    )

    assert response.status_code == 200
    assert "nadie@example.org" in " ".join(response.context["form"].errors["emails"])
    assert not Enrolment.objects.exists()


def test_bulk_enrolment_screen_enrols_everyone(trainer):
    built = factories.course(modules=1, lessons_per_module=1, enrolment_policy="assigned")
    person(email="ana@example.org")
    person(email="luis@example.org")

    response = client_for(trainer).post(
        reverse("courses_enrol"), {"course": built.page.pk, "emails": "ana@example.org, luis@example.org"}
    )

    assert response.status_code == 302
    assert Enrolment.objects.filter(course_key=built.page.translation_key).count() == 2


# ---------------------------------------------------------------- who sees which enrolments


def test_a_focal_point_sees_only_the_enrolments_of_their_own_country(focal_point, administrator):
    built = factories.course(modules=1, lessons_per_module=1)
    other = factories.course(modules=1, lessons_per_module=1)
    guatemalan = person(role=Role.LEARNER, authority_code="gt-igm")
    panamanian = person(role=Role.LEARNER, authority_code="pa-snm")
    honduran = person(role=Role.LEARNER, authority_code="hn-inm")
    for learner_ in (guatemalan, panamanian, honduran):
        services.enrolment_create(learner=learner_, course=built.page)
    services.enrolment_create(learner=guatemalan, course=other.page)

    seen = enrolment_list(viewer=focal_point, course_key=built.page.translation_key)

    assert [e.learner_id for e in seen] == [guatemalan.pk]
    assert {e.learner_id for e in enrolment_list(viewer=focal_point)} == {guatemalan.pk}
    assert enrolment_list(viewer=focal_point).count() == 2
    everyone = enrolment_list(viewer=administrator, course_key=built.page.translation_key)
    assert {e.learner_id for e in everyone} == {guatemalan.pk, panamanian.pk, honduran.pk}


def test_a_learner_sees_only_their_own_enrolments(learner):
    built = factories.course(modules=1, lessons_per_module=1)
    services.enrolment_create(learner=learner, course=built.page)
    services.enrolment_create(learner=person(authority_code="gt-igm"), course=built.page)

    assert [e.learner_id for e in enrolment_list(viewer=learner)] == [learner.pk]
