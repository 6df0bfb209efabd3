"""Trainers' list of the learners' sandboxes they may open read-only."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.views import View

from sandbox.models import LAYERED_MODELS, AuditEvent
from sandbox.views.access import SandboxMixin, inspectable_sandboxes


def _layer_rows(model: type) -> Coalesce:
    # Each listed sandbox's own layer (`sandbox_id` = the row's), counted in one query for the list.
    rows = (
        model.objects.every_row()
        .filter(sandbox_id=OuterRef("pk"))
        .order_by()
        .values("sandbox_id")
        .annotate(rows=Count("pk"))
        .values("rows")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


class LearnerListView(SandboxMixin, View):
    """The sandboxes of the learners a trainer may see, with how much each has changed."""

    section = "learner_list"
    permission_required = "sandbox.inspect_sandbox"

    def get(self, request: HttpRequest) -> HttpResponse:
        records = [model for model in LAYERED_MODELS if model is not AuditEvent]
        changed = sum((_layer_rows(model) for model in records[1:]), _layer_rows(records[0]))
        sandboxes = (
            inspectable_sandboxes(viewer=request.user)
            .annotate(changed_records=changed, audit_events=_layer_rows(AuditEvent))
            .order_by("owner__full_name", "owner__email", "pk")
        )
        page = Paginator(sandboxes, 50).get_page(request.GET.get("page"))
        return self.render("sandbox/learner_list.html", {"page": page})
