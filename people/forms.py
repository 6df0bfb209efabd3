"""Forms for signing in, resetting a password and editing one's own account."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from people.models import Language, User
from people.throttling import password_reset_allowed


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
    (not to whatever host the request named).

    Requests are throttled per e-mail and per client address; a throttled request sends
    nothing, and the view answers it exactly as any other. People who never chose a password
    (invited by a roster import or an administrator) may ask for a link too: their invitation
    expires after a day and tells them to.
    """

    def save(self, **kwargs: Any) -> None:
        if not password_reset_allowed(request=kwargs.get("request"), email=self.cleaned_data["email"]):
            return
        site = urlsplit(settings.SITE_URL)
        super().save(**{**kwargs, "domain_override": site.netloc, "use_https": site.scheme == "https"})

    def get_users(self, email: str) -> Iterator[User]:
        """Active users with this e-mail (in any case), with or without a usable password.

        As Django's own, the database's case-insensitive match is confirmed in Python, so that
        an address that only folds to this one in Unicode gets nothing (CVE-2019-19844)."""
        wanted = unicodedata.normalize("NFKC", email).casefold()
        users = User.objects.filter(email__iexact=email, is_active=True)
        return (user for user in users if unicodedata.normalize("NFKC", user.email).casefold() == wanted)

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
    """What a person changes about themselves: the language. Their name belongs to their staff
    record (focal points and administrators correct it), so it is shown, never posted."""

    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)

    @classmethod
    def for_user(cls, user: User, data: Any = None) -> AccountForm:
        return cls(data=data, initial={"preferred_language": user.preferred_language})
