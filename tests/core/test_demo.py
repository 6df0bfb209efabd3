import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from lms.core.management.commands.demo_load import DEMO_PASSWORD
from lms.people.models import StaffProfile, User
from lms.people.roles import GROUP_NAMES, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demo_load", verbosity=0)


def test_demo_has_users_for_every_role_in_at_least_two_countries(demo):
    for role in Role:
        assert User.objects.filter(groups__name=GROUP_NAMES[role]).exists(), role
    countries = set(StaffProfile.objects.filter(country__isnull=False).values_list("country__iso3", flat=True))
    assert len(countries) >= 2


def test_each_demo_country_has_a_focal_point(demo):
    countries = set(StaffProfile.objects.filter(country__isnull=False).values_list("country__iso3", flat=True))
    with_focal_point = set(
        StaffProfile.objects.filter(user__groups__name=GROUP_NAMES[Role.FOCAL_POINT]).values_list(
            "country__iso3", flat=True
        )
    )
    assert countries == with_focal_point == {"GTM", "CRI", "BLZ", "SLV", "HND", "NIC", "PAN", "DOM"}


def test_demo_load_again_duplicates_nothing(demo):
    counts = (User.objects.count(), StaffProfile.objects.count(), User.groups.through.objects.count())
    call_command("demo_load", verbosity=0)
    assert (User.objects.count(), StaffProfile.objects.count(), User.groups.through.objects.count()) == counts


@pytest.mark.parametrize("email", ["aprendiz.gt@demo.example", "focal.bz@demo.example", "admin@demo.example"])
def test_demo_logins_work(demo, email):
    response = Client().post("/account/login/", {"username": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_demo_load_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_load", verbosity=0)
    assert not User.objects.exists()
