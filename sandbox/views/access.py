"""Whose sandbox a screen shows, whether the viewer may write to it, and whether the learner's
job function may use the screen at all (`capability`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers

from people.selectors import Viewer, user_list
from sandbox import job_functions, selectors, services
from sandbox.models import IcaoCountry, Sandbox


class SandboxMixin(AccessMixin):
    """Resolves which sandbox a screen shows and whether the viewer may write to it.

    Under `learners/<sandbox_id>/` a trainer inspects a learner's sandbox read-only
    (`self.inspected` is that sandbox); everywhere else a learner works in their own
    (`self.sandbox` is None until their first write or audited read).

    A screen that sets `capability` (`sandbox.job_functions`) answers a learner whose acting
    job function lacks it with a 403 page that names the functions that hold it and how to
    switch; a trainer's read-only view of a learner's sandbox is never gated.
    """

    # What a screen outside `learners/<sandbox_id>/` needs: a learner's own screens, practise.
    permission_required = "sandbox.practise"
    capability = ""

    request: HttpRequest
    sandbox: Sandbox | None
    inspected: Sandbox | None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.capability and cls.capability not in job_functions.CAPABILITY_LABELS:
            raise ValueError(f"{cls.__name__}.capability {cls.capability!r} is not one of sandbox.job_functions.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        sandbox_id = kwargs.pop("sandbox_id", None)
        if sandbox_id is None:
            if not request.user.has_perm(self.permission_required):
                raise PermissionDenied
            self.inspected = None
            self.sandbox = selectors.sandbox_find(user=request.user)
        else:
            if not request.user.has_perm("sandbox.inspect_sandbox"):
                raise PermissionDenied
            self.inspected = get_object_or_404(inspectable_sandboxes(viewer=request.user), pk=sandbox_id)
            self.sandbox = self.inspected
        handles = hasattr(self, request.method.lower())  # a method the view takes none of stays a 405
        if self.inspected is None and self.capability and handles and not self.may(self.capability):
            response = self.capability_refused(self.capability)  # a refusal writes nothing
        else:
            if self.inspected is None and self.sandbox is None:
                # A learner bound to a country gets their sandbox at their first visit: it says
                # whose records they see (`Sandbox.country`).
                self.sandbox = selectors.sandbox_for_country(user=request.user)
            response = super().dispatch(request, *args, **kwargs)
        # Practice records and the learner's own audit trail: never stored by a cache.
        add_never_cache_headers(response)
        return response

    @property
    def is_read_only(self) -> bool:
        return self.inspected is not None

    def own_sandbox(self) -> Sandbox:
        """The learner's own sandbox for a write, created at the first one."""
        if self.is_read_only:
            raise PermissionDenied
        if self.sandbox is None:
            self.sandbox = services.sandbox_get_or_create(user=self.request.user)
        return self.sandbox

    def acting_role(self) -> str:
        """The job function the viewer acts as in their own sandbox (none while inspecting)."""
        if self.is_read_only:
            return ""
        return job_functions.role_for(user=self.request.user, sandbox=self.sandbox)

    def may(self, capability: str) -> bool:
        return self.is_read_only or capability in job_functions.CAPABILITIES[self.acting_role()]

    def capability_refused(self, capability: str) -> HttpResponse:
        """The 403 page of a screen the acting function may not use: who may, and how to switch."""
        holding = job_functions.roles_holding(capability)
        options = job_functions.roles_open_to(user=self.request.user, sandbox=self.sandbox)
        response = self.render(
            "sandbox/role_refused.html",
            {
                "capability_label": job_functions.CAPABILITY_LABELS[capability],
                "holding": [job_functions.role_label(role) for role in holding],
                "switches": [option for option in options if option.role in holding],
                "next_path": self.request.get_full_path() if self.request.method == "GET" else self.request.path,
            },
        )
        response.status_code = 403
        return response

    def acting_country(self) -> IcaoCountry | None:
        """The member country whose records the screens list (None: the region's): the learner's,
        or the one a trainer inspects."""
        if self.is_read_only:
            code = self.inspected.country_id
        else:
            code = job_functions.acting_country(user=self.request.user, sandbox=self.sandbox)
        return IcaoCountry.objects.filter(pk=code).first() if code else None

    def render(self, template_name: str, context: dict[str, Any]) -> HttpResponse:
        role = self.acting_role()
        base = {
            "acting_country": self.acting_country(),
            "inspected": self.inspected,
            "is_read_only": self.is_read_only,
            "sandbox": self.sandbox,
            "sandbox_section": getattr(self, "section", ""),
            "acting_role": role,
            "acting_role_label": job_functions.role_label(role) if role else "",
            # What the screens may link to: everything while inspecting, else what the function holds.
            "may": dict.fromkeys(job_functions.CAPABILITY_LABELS, True)
            if self.is_read_only
            else job_functions.capabilities_of(role),
        }
        return render(self.request, template_name, {**base, **context})


def inspectable_sandboxes(*, viewer: Viewer) -> QuerySet[Sandbox]:
    """Sandboxes of the people the viewer may see (a trainer of IOM: everyone's)."""
    return Sandbox.objects.filter(owner__in=user_list(viewer=viewer).values("pk")).select_related(
        "owner__staff_profile__country"
    )
