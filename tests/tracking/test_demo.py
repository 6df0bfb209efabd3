"""The country tracking demo of `make run`: each demo focal point sees only their country, the
regional coordinator all eight, and loading it again duplicates nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from certificates.models import Certificate
from lms.people.models import Country, User
from lms.tracking.models import PersonStatus, TrainingRule
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

FOCAL_POINTS = {
    "GT": "enlace.gt@demo.example",
    "CR": "enlace.cr@demo.example",
    "SV": "enlace.sv@demo.example",
    "HN": "enlace.hn@demo.example",
    "NI": "enlace.ni@demo.example",
    "PA": "enlace.pa@demo.example",
    "DO": "enlace.do@demo.example",
    "BZ": "focal.bz@demo.example",
}


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demo_load", verbosity=0)
    call_command("tracking_demo_load", "--staff", "8", verbosity=0)


def test_every_country_has_staff_rules_certificates_and_statuses(demo):
    for country in Country.objects.all():
        assert TrainingRule.objects.filter(country=country).exists(), country.iso2
        assert PersonStatus.objects.filter(country=country).exists(), country.iso2
    assert Certificate.objects.filter(payload="demo").exists()


def test_each_demo_focal_point_sees_only_their_country(demo):
    for iso2, email in FOCAL_POINTS.items():
        client = client_for(User.objects.get(email=email))
        assert client.get(reverse("tracking:index")).url == reverse("tracking:dashboard", args=[iso2]), email
        assert client.get(reverse("tracking:dashboard", args=[iso2])).status_code == 200
        people = client.get(reverse("tracking:people", args=[iso2]) + "?format=csv").content.decode("utf-8-sig")
        others = [other for other in FOCAL_POINTS if other != iso2]
        assert not [other for other in others if f".{other.lower()}@demo.example" in people], email
        for other in others:
            assert client.get(reverse("tracking:dashboard", args=[other])).status_code == 404
        assert client.get(reverse("tracking:region")).status_code == 403


def test_the_regional_coordinator_sees_the_eight_countries(demo):
    client = client_for(User.objects.get(email="coordinacion@demo.example"))
    region = client.get(reverse("tracking:region"))
    assert region.status_code == 200
    html = region.content.decode()
    assert all(country.name in html for country in Country.objects.all())
    for iso2 in FOCAL_POINTS:
        assert client.get(reverse("tracking:dashboard", args=[iso2])).status_code == 200


def test_loading_the_demo_again_duplicates_nothing(demo):
    counts = (User.objects.count(), Certificate.objects.count(), PersonStatus.objects.count())
    call_command("tracking_demo_load", "--staff", "8", verbosity=0)
    assert (User.objects.count(), Certificate.objects.count(), PersonStatus.objects.count()) == counts
