"""Writes about people: accounts, staff profiles, roles and language preference."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.people.languages import supported_language
from lms.people.models import Authority, Country, DutyPost, JobFunction, StaffProfile, User
from lms.people.roles import Role, group_for


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    password: str | None = None,
    preferred_language: str = settings.LANGUAGE_CODE,
    authority: Authority | None = None,
    duty_post: DutyPost | None = None,
    job_function: str = JobFunction.OTHER,
    staff_number: str = "",
    roles: Iterable[Role] = (Role.LEARNER,),
    is_superuser: bool = False,
) -> User:
    """Create an account, its staff profile (when an authority is given) and its roles."""
    user = User(email=email, full_name=full_name, preferred_language=preferred_language, is_superuser=is_superuser)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    if authority is not None:
        staff_profile_set(
            user=user, authority=authority, duty_post=duty_post, job_function=job_function, staff_number=staff_number
        )
    for role in roles:
        role_assign(user=user, role=role)
    return user


@transaction.atomic
def staff_profile_set(
    *,
    user: User,
    authority: Authority,
    duty_post: DutyPost | None = None,
    job_function: str = JobFunction.OTHER,
    staff_number: str = "",
) -> StaffProfile:
    """Create or update where a user works; the country follows from the authority."""
    profile = StaffProfile.objects.filter(user=user).first() or StaffProfile(user=user)
    profile.authority = authority
    profile.country = authority.country
    profile.duty_post = duty_post
    profile.job_function = job_function
    profile.staff_number = staff_number.strip()
    profile.full_clean()
    profile.save()
    user.staff_profile = profile
    return profile


@transaction.atomic
def role_assign(*, user: User, role: Role) -> None:
    """Give a user a role. A country focal point must already have a country."""
    if role == Role.FOCAL_POINT and _country_of(user) is None:
        raise ValidationError(_("A country focal point must have a staff profile with a country."))
    user.groups.add(group_for(role))


@transaction.atomic
def role_remove(*, user: User, role: Role) -> None:
    user.groups.remove(group_for(role))


def _country_of(user: User) -> Country | None:
    profile = StaffProfile.objects.filter(user=user).select_related("country").first()
    return profile.country if profile else None


@transaction.atomic
def user_language_set(*, user: User, language: str) -> str:
    """Store the preferred language (site and Wagtail admin); unsupported codes become Spanish."""
    from wagtail.users.models import UserProfile

    language = supported_language(language)
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
    return language


@transaction.atomic
def account_update(*, user: User, full_name: str, preferred_language: str) -> User:
    """What a user may change about themselves: their name and their language."""
    user.full_name = full_name
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name"])
    user_language_set(user=user, language=preferred_language)
    return user
