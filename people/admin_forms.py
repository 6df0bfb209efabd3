"""The Wagtail admin's user forms for our user model: full name, language, staff profile, roles."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from foundation.forms import errors_onto_form
from people.models import STAFF_NUMBER_TAKEN, Authority, DutyPost, JobFunction, StaffProfile, User
from people.roles import GROUP_NAMES, Role
from people.services import (
    account_invitation_send,
    staff_profile_build,
    staff_profile_remove,
    staff_profile_set,
    user_language_set,
)

_USER_FIELDS = ["email", "full_name", "preferred_language", "is_superuser", "groups"]


def _staff_number_when_taken(field: str, problem: ValidationError) -> str:
    """A staff number another person holds is shown on the staff number the admin typed."""
    return "staff_number" if problem.code == STAFF_NUMBER_TAKEN else field


class StaffProfileFieldsMixin(forms.Form):
    """Adds the staff profile to the user form and checks that it agrees with the roles."""

    first_name = None
    last_name = None
    authority = forms.ModelChoiceField(
        label=_("Authority"),
        queryset=Authority.objects.select_related("country"),
        required=False,
        help_text=_("The migration authority the person works for, or IOM."),
    )
    duty_post = forms.ModelChoiceField(
        label=_("Duty post"),
        queryset=DutyPost.objects.filter(is_active=True).select_related("country"),
        required=False,
    )
    job_function = forms.ChoiceField(label=_("Job function"), choices=JobFunction.choices, initial=JobFunction.OTHER)
    staff_number = forms.CharField(label=_("Staff number"), max_length=40, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        profile = StaffProfile.objects.filter(user_id=self.instance.pk).first() if self.instance.pk else None
        if profile is not None:
            self.initial.update(
                authority=profile.authority_id,
                duty_post=profile.duty_post_id,
                job_function=profile.job_function,
                staff_number=profile.staff_number,
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        authority = cleaned.get("authority")
        duty_post = cleaned.get("duty_post")
        groups = cleaned.get("groups") or []
        if authority is not None:
            self._validate_staff_profile(authority, duty_post)
        elif duty_post is not None:
            self.add_error("duty_post", _("The duty post must be in the authority's country."))
        is_focal_point = any(group.name == GROUP_NAMES[Role.FOCAL_POINT] for group in groups)
        if is_focal_point and (authority is None or authority.country_id is None):
            self.add_error(
                "groups",
                _("A country focal point is bound to one country: choose the authority of that country."),
            )
        return cleaned

    def _validate_staff_profile(self, authority: Authority, duty_post: DutyPost | None) -> None:
        """Let the model say what is wrong with the profile, next to the field concerned."""
        try:
            staff_profile_build(
                user=self.instance,
                authority=authority,
                duty_post=duty_post,
                job_function=self.cleaned_data.get("job_function") or JobFunction.OTHER,
                staff_number=self.cleaned_data.get("staff_number") or "",
            )
        except ValidationError as error:
            errors_onto_form(self, error, field_for=_staff_number_when_taken)

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        if commit:
            with transaction.atomic():
                user.save()
                user_language_set(user=user, language=user.preferred_language)
                authority = self.cleaned_data.get("authority")
                if authority is not None:
                    staff_profile_set(
                        user=user,
                        authority=authority,
                        duty_post=self.cleaned_data.get("duty_post"),
                        job_function=self.cleaned_data.get("job_function") or JobFunction.OTHER,
                        staff_number=self.cleaned_data.get("staff_number") or "",
                    )
                else:
                    staff_profile_remove(user=user)
                self.save_m2m()
        return user


class PersonCreationForm(StaffProfileFieldsMixin, UserCreationForm):
    """A new person. Without a password, they are e-mailed a link to choose their own."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = _USER_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "password1" in self.fields:
            self.fields["password1"].help_text = _(
                "Leave both password fields blank: the person then receives an e-mail, in their preferred "
                "language, with a link to choose their own password (valid for one day)."
            )

    def save(self, commit: bool = True) -> User:
        is_invited = not self.cleaned_data.get("password1")
        if is_invited:
            self.instance.set_unusable_password()
        user = super().save(commit=commit)
        if commit and is_invited:
            account_invitation_send(user=user)
        return user


class PersonEditForm(StaffProfileFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        model = User
        fields = [*_USER_FIELDS, "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "password1" in self.fields:
            self.fields["password1"].help_text = _("Leave both password fields blank to keep the current password.")
