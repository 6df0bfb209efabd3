"""The learner's switch of job function in their own sandbox (`sandbox.job_functions`), and, for
someone bound to no country (IOM staff), of the member country they act for."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from sandbox import job_functions
from sandbox.models import Sandbox
from sandbox.views.access import SandboxMixin


class RoleSwitchView(SandboxMixin, View):
    """POST: act as another job function, among those the learner may take, or (a form with
    `country`, for someone bound to no country) for another member country or the region; back to
    `next` (a path of this site) or the sandbox home. A refusal is a page that says why."""

    section = "home"

    def post(self, request: HttpRequest) -> HttpResponse:
        sandbox = self.own_sandbox()
        if "country" in request.POST:
            return self._country(sandbox)
        role = request.POST.get("role", "")
        try:
            job_functions.sandbox_role_switch(sandbox=sandbox, user=request.user, role=role)
        except job_functions.RoleRefused as refusal:
            return self._refused(sandbox, refusal)
        messages.success(request, _("You are now working as %(role)s.") % {"role": job_functions.role_label(role)})
        return HttpResponseRedirect(self._next_path() or reverse("sandbox:home"))

    def _country(self, sandbox: Sandbox) -> HttpResponse:
        country = self.request.POST.get("country", "")
        try:
            job_functions.sandbox_country_switch(sandbox=sandbox, user=self.request.user, country=country)
        except job_functions.RoleRefused as refusal:
            return self._refused(sandbox, refusal)
        if sandbox.country_id:
            message = _("You now act for %(country)s: you see its records.") % {"country": sandbox.country.name}
        else:
            message = _("You now see the records of the whole region.")
        messages.success(self.request, message)
        return HttpResponseRedirect(self._next_path() or reverse("sandbox:home"))

    def _refused(self, sandbox: Sandbox, refusal: job_functions.RoleRefused) -> HttpResponse:
        response = self.render(
            "sandbox/role_refused.html",
            {
                "refusal": refusal.message,
                "switches": job_functions.roles_open_to(user=self.request.user, sandbox=sandbox),
                "next_path": self._next_path(),
            },
        )
        response.status_code = 400 if refusal.code == "unknown" else 403
        return response

    def _next_path(self) -> str:
        path = self.request.POST.get("next", "")
        if path.startswith("/") and url_has_allowed_host_and_scheme(
            path, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return path
        return ""
