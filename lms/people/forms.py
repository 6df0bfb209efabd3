"""Forms for signing in, resetting a password and editing one's own account."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lms.people.models import Language, User


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in by e-mail. An unknown e-mail and a wrong password get the same message."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is not correct."),
        "inactive": _("The e-mail address or the password is not correct."),
    }


class LocalizedPasswordResetForm(PasswordResetForm):
    """Sends the reset e-mail in the recipient's preferred language, with links to LMS_SITE_URL
    (not to whatever host the request named)."""

    def save(self, **kwargs: Any) -> None:
        site = urlsplit(settings.SITE_URL)
        super().save(**{**kwargs, "domain_override": site.netloc, "use_https": site.scheme == "https"})

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        with translation.override(context["user"].preferred_language):
            super().send_mail(
                subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name
            )


class AccountForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("Exactly as written on your identity document, with accents and both surnames."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)

    @classmethod
    def for_user(cls, user: User, data: Any = None) -> AccountForm:
        return cls(data=data, initial={"full_name": user.full_name, "preferred_language": user.preferred_language})
