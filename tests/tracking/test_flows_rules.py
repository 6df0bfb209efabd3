"""What a focal point does on the mandatory training rules page: add, edit and delete a rule with
the statuses following; the courses offered (every live course that gives a certificate, named
in the reader's language); a course unpublished meanwhile refused with a message; the regional
coordinator reads the rules but can neither change them nor import a roster.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from certificates.models import CertificateTemplate
from certificates.models.certificate import IssueStatus
from people.models import JobFunction
from tests.certificates.factories import certificate_issued, course_page
from tests.conftest import client_for, make_role_user
from tests.courses import factories as course_factories
from tests.tracking.factories import certified_course, rule, staff
from tests.tracking.roster_files import csv_bytes, roster_row, upload
from tracking.forms import RuleForm
from tracking.models import PersonStatus, RosterImport, TrainingRule

pytestmark = pytest.mark.django_db


def test_the_regional_coordinator_reads_rules_but_cannot_change_them_or_import():
    course = certified_course()
    existing = rule(iso2="GT", course=course)
    coordinator = client_for(make_role_user("regional_coordinator"))
    assert coordinator.get(reverse("tracking:rules", args=["GT"])).status_code == 200
    form = {
        "job_function": JobFunction.ANALYST,
        "course": str(course.translation_key),
        "due_days": 30,
        "is_active": "on",
    }
    assert coordinator.post(reverse("tracking:rules", args=["GT"]), form).status_code == 403
    assert coordinator.post(reverse("tracking:rule_delete", args=["GT", existing.pk])).status_code == 403
    assert upload(coordinator, csv_bytes([roster_row(1)])).status_code == 403
    assert TrainingRule.objects.count() == 1 and not RosterImport.objects.exists()


@pytest.mark.clock_hours
def test_a_focal_point_adds_edits_and_deletes_a_rule_and_the_statuses_follow(focal_point_client):
    course = certified_course()
    officer = staff(iso2="GT", job_function=JobFunction.ANALYST)
    rules_url = reverse("tracking:rules", args=["GT"])
    form = {
        "job_function": JobFunction.ANALYST,
        "course": str(course.translation_key),
        "due_days": 30,
        "is_active": "on",
    }

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert focal_point_client.post(rules_url, form).url == rules_url
    added = TrainingRule.objects.get(country__iso2="GT")
    status = PersonStatus.objects.get(person=officer)
    assert (status.due_on - timezone.localdate(added.created_at)).days == 30

    # The same rule twice is refused with a message, not a server error.
    duplicate = focal_point_client.post(rules_url, form)
    assert duplicate.status_code == 400 and TrainingRule.objects.count() == 1

    edit_url = reverse("tracking:rule_edit", args=["GT", added.pk])
    assert focal_point_client.get(edit_url).status_code == 200
    with TestCase.captureOnCommitCallbacks(execute=True):
        focal_point_client.post(edit_url, {**form, "due_days": 60})
    assert (PersonStatus.objects.get(person=officer).due_on - timezone.localdate(added.created_at)).days == 60
    assert focal_point_client.post(edit_url, {**form, "due_days": 0}).status_code == 400

    with TestCase.captureOnCommitCallbacks(execute=True):
        focal_point_client.post(reverse("tracking:rule_delete", args=["GT", added.pk]))
    assert not TrainingRule.objects.exists() and not PersonStatus.objects.filter(person=officer).exists()


def _courses_offered(client: Client) -> dict[str, str]:
    page = BeautifulSoup(client.get(reverse("tracking:rules", args=["GT"])).content, "html.parser")
    options = page.select("select[name=course] option")
    return {option["value"]: option.get_text() for option in options if option["value"]}


def test_the_rules_form_offers_every_live_course_that_gives_a_certificate(focal_point_client):
    """Issue 16's walk: a trainer's new course, published and certified by the default template (it has no
    certification rule of its own), was missing from the form, which listed courses with a rule only."""
    with_rule = certified_course(title="Registro de entradas")  # its template is the default one
    new = course_page(title="Curso nuevo del formador")
    assert certificate_issued(learner=staff(iso2="GT"), course=new).issue_status == IssueStatus.ISSUED
    english_only = course_factories.course(language="en", title="Only in English", modules=1, lessons_per_module=1)
    unpublished = course_page(title="Curso sin publicar")
    unpublished.unpublish()

    offered = _courses_offered(focal_point_client)

    assert offered == {
        str(with_rule.translation_key): "Registro de entradas",
        str(new.translation_key): "Curso nuevo del formador",
        str(english_only.page.translation_key): "Only in English",
    }
    form = {"job_function": JobFunction.ANALYST, "due_days": 30, "is_active": "on"}
    for course in (new, english_only.page):
        response = focal_point_client.post(
            reverse("tracking:rules", args=["GT"]), {**form, "course": course.translation_key}
        )
        assert response.status_code == 302
        assert TrainingRule.objects.get(course_key=course.translation_key).course == course
    # An unpublished course: refused with a message, not a server error.
    refused = focal_point_client.post(
        reverse("tracking:rules", args=["GT"]), {**form, "course": unpublished.translation_key}
    )
    assert refused.status_code == 400 and 'class="error-text"' in refused.content.decode()
    assert not TrainingRule.objects.filter(course_key=unpublished.translation_key).exists()


def test_a_rule_names_the_spanish_page_of_a_course_in_both_languages(focal_point_client):
    spanish = certified_course(title="Registro de entradas")
    course_factories.catalogue("en")
    english = spanish.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=False)
    english.title = "Registering entries"
    english.save_revision().publish()

    assert _courses_offered(focal_point_client) == {str(spanish.translation_key): "Registro de entradas"}
    with translation.override("en"):
        assert _courses_offered(focal_point_client) == {str(spanish.translation_key): "Registering entries"}

    form = {"job_function": JobFunction.ANALYST, "course": spanish.translation_key, "due_days": 30, "is_active": "on"}
    assert focal_point_client.post(reverse("tracking:rules", args=["GT"]), form).status_code == 302
    assert TrainingRule.objects.get().course == spanish


def test_without_a_default_template_only_courses_with_a_certification_rule_are_offered(focal_point_client):
    with_rule = certified_course(title="Registro de entradas")
    CertificateTemplate.objects.update(is_default=False)
    without = course_page(title="Curso sin certificado")

    assert _courses_offered(focal_point_client) == {str(with_rule.translation_key): "Registro de entradas"}
    form = {"job_function": JobFunction.ANALYST, "course": without.translation_key, "due_days": 30, "is_active": "on"}
    assert focal_point_client.post(reverse("tracking:rules", args=["GT"]), form).status_code == 400
    assert not TrainingRule.objects.exists()


def test_a_course_unpublished_while_the_form_is_filled_in_is_refused_with_a_message():
    course = certified_course(title="Registro de entradas")
    form = RuleForm(
        {"job_function": JobFunction.ANALYST, "course": str(course.translation_key), "due_days": 30, "is_active": "on"}
    )
    course.unpublish()

    assert not form.is_valid()
    assert form.errors["course"] == [
        "Este curso no otorga certificado; primero un formador/a debe configurar su certificado."
    ]
