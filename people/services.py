"""Writes about people: accounts, staff profiles, roles and language preference."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from people.languages import supported_language
from people.models import Authority, DutyPost, JobFunction, StaffProfile, User
from people.roles import FOCAL_POINT_NEEDS_COUNTRY, Role, group_for, is_focal_point


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
    if authority.country_id is None and is_focal_point(user):
        raise ValidationError(FOCAL_POINT_NEEDS_COUNTRY)
    profile = staff_profile_build(
        user=user, authority=authority, duty_post=duty_post, job_function=job_function, staff_number=staff_number
    )
    profile.save()
    user.staff_profile = profile
    return profile


def staff_profile_build(
    *,
    user: User,
    authority: Authority,
    duty_post: DutyPost | None = None,
    job_function: str = JobFunction.OTHER,
    staff_number: str = "",
) -> StaffProfile:
    """The user's staff profile with these values, validated by the model but not saved.

    Forms call it to show the model's own errors (duty post of another country, a staff
    number already taken) before anything is written.
    """
    existing = StaffProfile.objects.filter(user=user).first() if user.pk else None
    profile = existing or StaffProfile(user=user)
    profile.authority = authority
    profile.country = authority.country
    profile.duty_post = duty_post
    profile.job_function = job_function
    profile.staff_number = staff_number.strip()
    profile.full_clean(exclude=["user"])
    return profile


@transaction.atomic
def staff_profile_remove(*, user: User) -> None:
    """Forget where a user works. A country focal point keeps their profile: it binds them to their country."""
    if is_focal_point(user):
        raise ValidationError(FOCAL_POINT_NEEDS_COUNTRY)
    StaffProfile.objects.filter(user=user).delete()


@transaction.atomic
def role_assign(*, user: User, role: Role) -> None:
    """Give a user a role. A country focal point must already have a country (guarded on the groups)."""
    user.groups.add(group_for(role))


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
def account_update(*, user: User, preferred_language: str) -> User:
    """What a user may change about themselves: their language. Their full name is printed on
    certificates and belongs to the authority's staff record: focal points (roster import) and
    administrators (admin user form) change it, never the user."""
    user_language_set(user=user, language=preferred_language)
    return user


def password_choice_link(*, user: User) -> str:
    """A one-day link (PASSWORD_RESET_TIMEOUT) on SITE_URL where the user chooses a password, in their language."""
    with translation.override(supported_language(user.preferred_language)):
        path = reverse(
            "people:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    return settings.SITE_URL + path


def account_invitation_send(*, user: User) -> None:
    """Once the new account is committed, e-mail the person a link to choose their password, in their language."""

    def send() -> None:
        with translation.override(supported_language(user.preferred_language)):
            context = {"user": user, "link": password_choice_link(user=user)}
            subject = " ".join(render_to_string("people/email/invitation_subject.txt", context).split())
            body = render_to_string("people/email/invitation.txt", context)
        send_mail(subject, body, None, [user.email])

    transaction.on_commit(send)
