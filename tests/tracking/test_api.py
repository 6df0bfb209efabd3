"""The read API: bearer tokens, scoped to the owner's country; 401 without a valid token, 404 outside."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from wagtail.models import APIToken

from certificates.models import Certificate
from tests.conftest import make_role_user
from tests.tracking.factories import certified, certified_course, rule, staff

pytestmark = pytest.mark.django_db


def _get(path: str, token: str | None = None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return Client().get("/api/tracking/v1" + path, **headers)


def test_certification_and_roster_scoped_to_the_token_country():
    course = certified_course()
    rule(iso2="GT", course=course)
    holder = staff(iso2="GT", email="titular@example.org")
    staff(iso2="CR", email="tica@example.org")
    certified(learner=holder, course=course)
    _instance, token = APIToken.create_token(user=make_role_user("focal_point"), name="plataforma")
    answer = _get(f"/certification?course={course.translation_key}&email=titular@example.org", token)
    assert answer.status_code == 200 and answer.json()["holds_valid_certificate"] is True
    assert _get(f"/certification?course={course.translation_key}&email=tica@example.org", token).status_code == 404
    roster = _get("/countries/GT/roster", token).json()
    assert [item["email"] for item in roster["items"]] == ["titular@example.org"]
    assert _get("/countries/CR/roster", token).status_code == 404


def test_missing_or_revoked_tokens_are_refused():
    instance, token = APIToken.create_token(user=make_role_user("focal_point"), name="plataforma")
    assert _get("/countries/GT/roster").status_code == 401
    instance.revoke()
    assert _get("/countries/GT/roster", token).status_code == 401
    assert Client().get("/api/tracking/v1/openapi.json").status_code == 200


def test_issued_on_is_the_date_in_the_platform_time_zone():
    """02:00 UTC on 7 December is still 6 December in Guatemala (UTC-6): the date a person sees."""
    course = certified_course()
    rule(iso2="GT", course=course)
    holder = staff(iso2="GT", email="titular@example.org")
    certificate = certified(learner=holder, course=course)
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC))
    _instance, token = APIToken.create_token(user=make_role_user("focal_point"), name="plataforma")

    answer = _get(f"/certification?course={course.translation_key}&email=titular@example.org", token).json()

    assert answer["certificate"]["issued_on"] == "2026-12-06"
