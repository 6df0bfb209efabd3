"""Country scoping: whoever views, people of other countries never appear."""

import random

import pytest
from django.contrib.auth.models import AnonymousUser

from people.models import Authority, StaffProfile
from people.roles import Role
from people.selectors import country_scope_for, staff_profile_for, staff_profile_list, user_list, user_roles
from tests.people.factories import UserFactory, person

pytestmark = pytest.mark.django_db

NATIONAL_AUTHORITIES = ["bz-ins", "cr-dgme", "sv-dgme", "gt-igm", "hn-inm", "ni-dgme", "pa-snm", "do-dgm"]


def _random_staff(seed: int, size: int = 40) -> None:
    rng = random.Random(seed)
    for _index in range(size):
        person(role=rng.choice([Role.LEARNER, None]), authority_code=rng.choice([*NATIONAL_AUTHORITIES, "iom"]))
    UserFactory.create_batch(3)  # accounts without a staff profile


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("authority_code", ["gt-igm", "cr-dgme", "bz-ins"])
def test_a_focal_point_sees_only_their_own_country(seed, authority_code):
    _random_staff(seed)
    viewer = person(role=Role.FOCAL_POINT, authority_code=authority_code)
    own_country = Authority.objects.get(code=authority_code).country

    users = list(user_list(viewer=viewer))
    profiles = list(staff_profile_list(viewer=viewer))

    assert users, "a focal point sees at least their own country's staff"
    assert all(u.staff_profile.country_id == own_country.pk for u in users)
    assert all(p.country_id == own_country.pk for p in profiles)
    expected = StaffProfile.objects.filter(country=own_country).count()
    assert len(profiles) == expected == len(users)


@pytest.mark.parametrize("role", [Role.REGIONAL_COORDINATOR, Role.ADMINISTRATOR])
def test_regional_coordinator_and_administrator_see_every_country(role):
    _random_staff(seed=7)
    viewer = person(role=role, authority_code="iom")
    assert user_list(viewer=viewer).count() == user_list(viewer=viewer).model.objects.count()
    assert country_scope_for(viewer=viewer).all_countries


def test_iom_trainers_see_every_country_and_national_trainers_only_theirs():
    _random_staff(seed=3)
    iom_trainer = person(role=Role.TRAINER, authority_code="iom")
    national_trainer = person(role=Role.TRAINER, authority_code="hn-inm")
    assert country_scope_for(viewer=iom_trainer).all_countries
    countries = set(staff_profile_list(viewer=national_trainer).values_list("country__iso3", flat=True))
    assert countries == {"HND"}


def test_a_learner_sees_only_themselves():
    _random_staff(seed=11)
    learner = person(role=Role.LEARNER, authority_code="gt-igm")
    assert list(user_list(viewer=learner)) == [learner]


def test_anonymous_sees_nobody():
    _random_staff(seed=5)
    assert not user_list(viewer=AnonymousUser()).exists()
    assert not staff_profile_list(viewer=AnonymousUser()).exists()


def test_a_focal_point_whose_profile_lost_its_country_sees_nobody_else():
    _random_staff(seed=13)
    viewer = person(role=Role.FOCAL_POINT, authority_code="gt-igm")
    StaffProfile.objects.filter(user=viewer).update(country=None)
    viewer.refresh_from_db()
    assert list(user_list(viewer=viewer)) == [viewer]


def test_an_inactive_focal_point_sees_nobody():
    _random_staff(seed=17)
    viewer = person(role=Role.FOCAL_POINT, authority_code="gt-igm", is_active=False)
    assert not user_list(viewer=viewer).exists()


def test_user_roles_counts_a_superuser_as_administrator():
    user = UserFactory(is_superuser=True)
    assert Role.ADMINISTRATOR in user_roles(user=user)


def test_an_anonymous_viewer_or_an_account_without_a_profile_has_no_staff_profile():
    assert staff_profile_for(user=AnonymousUser()) is None
    assert staff_profile_for(user=UserFactory()) is None
    official = person(role=Role.LEARNER, authority_code="gt-igm")
    assert staff_profile_for(user=official).authority.code == "gt-igm"
