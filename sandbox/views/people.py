"""Person search and a person's page, both audited in the learner's own sandbox (ADR 0014)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.views import View

from sandbox import selectors, services
from sandbox.forms import PersonSearchForm
from sandbox.job_functions import SEARCH_PEOPLE
from sandbox.models import Movement, Person
from sandbox.views.access import SandboxMixin


class PersonSearchView(SandboxMixin, View):
    section = "person_search"
    capability = SEARCH_PEOPLE

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PersonSearchForm.from_query(request.GET)
        page = None
        terms: dict[str, str] = {}
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            birth_date = data["birth_date"]
            terms = {"name": data["name"], "document": data["document"]}
            if birth_date is not None:
                terms["birth_date"] = birth_date.isoformat()
            if data["national_id"]:
                terms["national_id"] = data["national_id"]
            # A learner's search is logged in their own sandbox, which it creates at their first.
            sandbox = self.sandbox if self.is_read_only else self.own_sandbox()
            page = selectors.person_search_page(
                sandbox=sandbox,
                name=data["name"],
                document_number=data["document"],
                birth_date=birth_date,
                national_id=data["national_id"],
                page=request.GET.get("page"),
            )
            if not self.is_read_only:
                # The one write of this GET: the mirrored platform logs every search (ADR 0014).
                services.audit_record(
                    sandbox=sandbox,
                    actor=request.user,
                    action="SEARCH",
                    object_type="person",
                    parameters={**terms, "page": page.number},
                    result_count=page.paginator.count,
                )
        return self.render("sandbox/person_search.html", {"form": form, "page": page, "page_query": terms})


@dataclass(frozen=True)
class MovementRow:
    movement: Movement
    local_time: dt.datetime  # at the crossing point, in its country's time zone
    time_zone: str


class PersonDetailView(SandboxMixin, View):
    section = "person_search"
    capability = SEARCH_PEOPLE

    def get(self, request: HttpRequest, uid: int) -> HttpResponse:
        try:
            person = selectors.person_get(sandbox=self.sandbox, uid=uid)
        except Person.DoesNotExist:
            raise Http404 from None
        if not self.is_read_only:
            # The one write of this GET: the mirrored platform logs every consultation (ADR 0014).
            services.audit_record(
                sandbox=self.own_sandbox(), actor=request.user, action="VIEW", object_type="person", object_uid=uid
            )
        documents = list(selectors.person_documents(sandbox=self.sandbox, person_uid=uid))
        movements = [
            MovementRow(
                movement=movement,
                local_time=movement.occurred_at.astimezone(zoneinfo.ZoneInfo(movement.crossing_point.time_zone)),
                time_zone=movement.crossing_point.time_zone,
            )
            for movement in selectors.person_movements(sandbox=self.sandbox, person_uid=uid)
        ]
        still_open = {entry.uid for entry in selectors.open_entries_among(row.movement for row in movements)}
        open_entries = [row for row in movements if row.movement.uid in still_open]
        return self.render(
            "sandbox/person_detail.html",
            {
                "person": person,
                "documents": documents,
                "movements": movements,
                "open_entries": open_entries,
                "show_alert_notice": True,
            },
        )
