"""Certification rules in the admin: each competency names the exercise type whose pass proves it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from certificates.models import CourseCertification
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

RULES = "wagtailsnippets_certificates_coursecertification"


def rule_form(page, template, competencies: list[dict]) -> dict:
    return nested_form_data(
        {
            "course": page.pk,
            "template": template.pk,
            "refresher_course": "",
            "renewal_window_days": 90,
            "competencies": inline_formset(competencies),
        }
    )


def test_a_rule_is_saved_with_competencies_each_proved_by_an_exercise_type(trainer, page, template):
    competency = {"exercise_type": "entry_registration", "text_es": "Registrar una entrada", "text_en": ""}

    response = client_for(trainer).post(reverse(f"{RULES}:add"), rule_form(page, template, [competency]))

    assert response.status_code == 302
    rule = CourseCertification.objects.get(course=page)
    assert list(rule.competencies.values_list("exercise_type", "text_es", "text_en")) == [
        ("entry_registration", "Registrar una entrada", "")
    ]
    assert rule.competencies.get().text_in("en") == "Registrar una entrada"


@pytest.mark.parametrize("exercise_type", ["", "not_a_type"])
def test_a_competency_without_a_known_exercise_type_is_refused(trainer, page, template, exercise_type):
    competency = {"exercise_type": exercise_type, "text_es": "Registrar una entrada", "text_en": ""}

    response = client_for(trainer).post(reverse(f"{RULES}:add"), rule_form(page, template, [competency]))

    assert response.status_code == 200
    assert "exercise_type" in response.context["form"].formsets["competencies"].forms[0].errors
    assert not CourseCertification.objects.exists()
