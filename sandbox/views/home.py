"""The sandbox home and its reset."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import ngettext
from django.views import View

from sandbox import job_functions, selectors, services
from sandbox.models import LAYERED_MODELS, AuditEvent, Baseline, IcaoCountry, Sandbox
from sandbox.views.access import SandboxMixin


@dataclass(frozen=True)
class ChangeCount:
    kind: str  # the model's name, as in the trainer's list of changes (`sandbox:learner_changes`)
    label: str
    added: int
    edited: int
    deleted: int

    @property
    def total(self) -> int:
        return self.added + self.edited + self.deleted


def change_counts(sandbox: Sandbox | None) -> list[ChangeCount]:
    """What the learner's layer holds, per record type: everything a reset deletes."""
    counts = selectors.layer_counts(sandbox=sandbox)
    rows = []
    for model in LAYERED_MODELS:
        count = counts.get(model._meta.model_name)
        if count:
            label = str(apps.get_model("sandbox", model._meta.model_name)._meta.verbose_name_plural)
            rows.append(ChangeCount(kind=model._meta.model_name, label=label[:1].upper() + label[1:], **count))
    return rows


AUDIT_LOG = AuditEvent._meta.model_name


class HomeView(SandboxMixin, View):
    """The practice data, the learner's changes to it, and apart from them the number of entries
    of their audit log: searches and views are logged on reads (record 0014) and change nothing;
    the job function the learner works as, with the form to switch among those they may take."""

    section = "home"

    def get(self, request: HttpRequest) -> HttpResponse:
        counts = change_counts(self.sandbox)
        changes = [count for count in counts if count.kind != AUDIT_LOG]
        return self.render(
            "sandbox/home.html",
            {
                "baseline": Baseline.objects.filter(pk=1).first(),
                "changes": changes,
                "change_total": sum(count.total for count in changes),
                "audit_entries": sum(count.total for count in counts if count.kind == AUDIT_LOG),
                # The learner's function and those they may switch to; a trainer reads the learner's.
                "role_options": []
                if self.is_read_only
                else job_functions.roles_open_to(user=request.user, sandbox=self.sandbox),
                # Someone bound to no country (IOM staff) chooses the member they act for, or the region.
                "country_options": []
                if self.is_read_only or job_functions.user_country(request.user) is not None
                else list(IcaoCountry.objects.filter(is_ocam_member=True).order_by("code")),
                "inspected_role_label": job_functions.role_label(job_functions.acting_role(self.inspected))
                if self.is_read_only
                else "",
            },
        )


class ResetView(SandboxMixin, View):
    """GET asks for confirmation, listing what will be deleted; POST deletes the learner's layer."""

    section = "home"

    def get(self, request: HttpRequest) -> HttpResponse:
        counts = change_counts(self.sandbox)
        return self.render(
            "sandbox/reset.html", {"changes": counts, "change_total": sum(count.total for count in counts)}
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        deleted = services.sandbox_reset(sandbox=self.sandbox) if self.sandbox is not None else 0
        messages.success(
            request,
            ngettext(
                "Your sandbox is back to the practice data as generated: %(count)d record was deleted.",
                "Your sandbox is back to the practice data as generated: %(count)d records were deleted.",
                deleted,
            )
            % {"count": deleted},
        )
        return HttpResponseRedirect(reverse("sandbox:home"))
