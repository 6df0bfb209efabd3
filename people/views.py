"""Account views: sign in and out, password reset and change, one's own account page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from people.forms import AccountForm, EmailAuthenticationForm, LocalizedPasswordResetForm
from people.languages import url_in_language
from people.selectors import name_correction_contacts_for, staff_profile_for
from people.services import account_update


class LoginView(auth_views.LoginView):
    """Django's login (which rotates the session key), landing in the user's preferred language."""

    form_class = EmailAuthenticationForm
    template_name = "people/login.html"

    def get_success_url(self) -> str:
        return url_in_language(super().get_success_url(), self.request.user.preferred_language)


class LogoutView(auth_views.LogoutView):
    """Log out (POST only) and go home with a confirmation."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have logged out."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = LocalizedPasswordResetForm
    template_name = "people/password_reset_form.html"
    email_template_name = "people/email/password_reset.txt"
    subject_template_name = "people/email/password_reset_subject.txt"
    success_url = reverse_lazy("people:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "people/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "people/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "people/password_change.html"
    success_url = reverse_lazy("people:account")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


class AccountView(LoginRequiredMixin, View):
    """The signed-in user's own account: name, language, and where they work."""

    template_name = "people/account.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, AccountForm.for_user(request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = AccountForm.for_user(request.user, data=request.POST)
        if form.is_valid():
            account_update(user=request.user, preferred_language=form.cleaned_data["preferred_language"])
            language = request.user.preferred_language
            with translation.override(language):
                messages.success(request, _("Your account has been updated."))
            return HttpResponseRedirect(url_in_language(reverse("people:account"), language))
        return self._render(request, form)

    def _render(self, request: HttpRequest, form: AccountForm) -> HttpResponse:
        context = {
            "form": form,
            "staff_profile": staff_profile_for(user=request.user),
            "name_contacts": name_correction_contacts_for(user=request.user),
        }
        return render(request, self.template_name, context)
