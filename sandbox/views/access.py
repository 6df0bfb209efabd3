"""Whose sandbox a screen shows and whether the viewer may write to it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers

from people.selectors import Viewer, user_list
from sandbox import selectors, services
from sandbox.models import Sandbox


class SandboxMixin(AccessMixin):
    """Resolves which sandbox a screen shows and whether the viewer may write to it.

    Under `learners/<sandbox_id>/` a trainer inspects a learner's sandbox read-only
    (`self.inspected` is that sandbox); everywhere else a learner works in their own
    (`self.sandbox` is None until their first write or audited read).
    """

    # What a screen outside `learners/<sandbox_id>/` needs: a learner's own screens, practise.
    permission_required = "sandbox.practise"

    request: HttpRequest
    sandbox: Sandbox | None
    inspected: Sandbox | None

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

    def render(self, template_name: str, context: dict[str, Any]) -> HttpResponse:
        base = {
            "inspected": self.inspected,
            "is_read_only": self.is_read_only,
            "sandbox": self.sandbox,
            "sandbox_section": getattr(self, "section", ""),
        }
        return render(self.request, template_name, {**base, **context})


def inspectable_sandboxes(*, viewer: Viewer) -> QuerySet[Sandbox]:
    """Sandboxes of the people the viewer may see (a trainer of IOM: everyone's)."""
    return Sandbox.objects.filter(owner__in=user_list(viewer=viewer).values("pk")).select_related(
        "owner__staff_profile__country"
    )
