"""Factories for people and organisations. Reference data (countries, authorities, posts) exists after migrate."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from people.models import Authority, Country, DutyPost, JobFunction, StaffProfile, User
from people.roles import Role, group_for

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@example.org")
    full_name = factory.Faker("name", locale="es_MX")
    preferred_language = "es"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[Role] | None, **kwargs) -> None:
        if create and extracted:
            self.groups.add(*(group_for(role) for role in extracted))
        if create:
            self.save()


class StaffProfileFactory(DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory)
    authority = factory.LazyFunction(lambda: Authority.objects.get(code="gt-igm"))
    country = factory.LazyAttribute(lambda profile: profile.authority.country)
    duty_post = factory.LazyAttribute(
        lambda profile: (
            DutyPost.objects.filter(country=profile.country).order_by("code").first() if profile.country else None
        )
    )
    job_function = JobFunction.BORDER_OFFICER


def person(
    *,
    role: Role | None = Role.LEARNER,
    authority_code: str | None = "gt-igm",
    **user_fields,
) -> User:
    """A user with a staff profile in the authority's country and, optionally, a role."""
    user = UserFactory(**user_fields)
    if authority_code is not None:
        StaffProfileFactory(user=user, authority=Authority.objects.get(code=authority_code))
    if role is not None:
        user.groups.add(group_for(role))
    return user


def country(iso3: str) -> Country:
    return Country.objects.get(iso3=iso3)
