"""The audit viewer: the country's audit log for focal points and supervisors (`REVIEW_AUDIT`),
with filters, one page at a time, and the filtered list as a CSV file.

Invariants:
- the rows come from `sandbox.selectors_audit` only, which never hands on the hidden anomaly
  truth of a generated event, and hashes the parameters that identify a traveller;
- an export is itself audited: one EXPORT event in the learner's own layer with the filters
  and the number of rows, the only write of this GET (ADR 0014), as the person search logs
  its searches; a page of the list is not logged;
- every cell of the export is neutralised against formula injection.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from foundation.http import never_cached
from foundation.spreadsheets import spreadsheet_safe
from sandbox import selectors_audit, services, services_audit
from sandbox.forms_audit import OBJECT_TYPES, AuditFilterForm, AuditFlagForm
from sandbox.job_functions import REVIEW_AUDIT
from sandbox.models.choices import AuditAction, PurposeCode
from sandbox.views.access import SandboxMixin

EXPORT_FORMAT = "csv"


class AuditListView(SandboxMixin, View):
    section = "audit_list"
    capability = REVIEW_AUDIT

    def get(self, request: HttpRequest) -> HttpResponse:
        form = AuditFilterForm(data=request.GET if request.GET else None)
        filters = form.filters()
        if request.GET.get("export") == EXPORT_FORMAT and not self.is_read_only:
            return self.export(form, filters)
        cursor = request.GET.get("after", "")
        page = selectors_audit.audit_page(sandbox=self.sandbox, filters=filters, cursor=cursor)
        query = form.query()
        flags = selectors_audit.audit_flags(
            sandbox=self.sandbox,
            actor=None if self.is_read_only else request.user,
            uids=[row.uid for row in page.rows],
        )
        return self.render(
            "sandbox/audit_list.html",
            {
                "form": form,
                "page": page,
                "rows": [
                    {**_display(row), "flagged": row.uid in flags, "note": flags.get(row.uid, "")} for row in page.rows
                ],
                "flag_form": AuditFlagForm(),
                "return_query": urlencode({**query, "after": cursor} if cursor else query),
                "first_query": urlencode(query),
                "next_query": urlencode({**query, "after": page.next_cursor}),
                "time_zone": selectors_audit.audit_time_zone(self.sandbox).key,
            },
        )

    def export(self, form: AuditFilterForm, filters: selectors_audit.AuditFilters) -> HttpResponse:
        sandbox = self.own_sandbox()
        zone = selectors_audit.audit_time_zone(sandbox).key
        output = io.StringIO()
        writer = csv.writer(output)
        writer.writerow(
            [
                spreadsheet_safe(header)
                for header in (
                    _("Event"),
                    _("Local time (%(zone)s)") % {"zone": zone},
                    _("Time (UTC)"),
                    _("User"),
                    _("Action"),
                    _("Record type"),
                    _("Record"),
                    _("Purpose"),
                    _("Case reference"),
                    _("Results"),
                    _("Parameters"),
                )
            ]
        )
        exported = 0
        for row in selectors_audit.audit_rows(sandbox=sandbox, filters=filters):
            shown = _display(row)
            writer.writerow(
                [
                    spreadsheet_safe(cell)
                    for cell in (
                        row.uid,
                        row.local_time.strftime("%Y-%m-%d %H:%M:%S"),
                        row.occurred_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
                        row.user,
                        shown["action"],
                        shown["object_type"],
                        row.object_uid if row.object_uid is not None else "",
                        shown["purpose"],
                        row.case_reference,
                        row.result_count if row.result_count is not None else "",
                        row.parameters,
                    )
                ]
            )
            exported += 1
        # The one write of this GET: the platform logs the export of its own log (ADR 0014).
        services.audit_record(
            sandbox=sandbox,
            actor=self.request.user,
            action=AuditAction.EXPORT,
            object_type="audit_event",
            parameters={**form.query(), "format": EXPORT_FORMAT},
            result_count=exported,
        )
        response = HttpResponse(("\ufeff" + output.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
        country = (sandbox.country_id or "region").lower()
        response["Content-Disposition"] = (
            f'attachment; filename="audit-log-{country}-{timezone.localdate():%Y-%m-%d}.{EXPORT_FORMAT}"'
        )
        response["X-Content-Type-Options"] = "nosniff"
        return never_cached(response)


def _display(row: selectors_audit.AuditRow) -> dict:
    """A row with its codes as the reviewer reads them."""
    return {
        "row": row,
        "action": _label(AuditAction, row.action),
        "object_type": str(OBJECT_TYPES.get(row.object_type, row.object_type)),
        "purpose": _label(PurposeCode, row.purpose_code),
    }


class AuditFlagView(SandboxMixin, View):
    """POST: flag the ticked events of the log for review, or remove their flags
    (`services_audit.audit_flag`), then back to the same page of the log."""

    capability = REVIEW_AUDIT

    def post(self, request: HttpRequest) -> HttpResponse:
        form = AuditFlagForm(data=request.POST)
        if form.is_valid():
            try:
                changed = services_audit.audit_flag(
                    sandbox=self.own_sandbox(),
                    actor=request.user,
                    uids=form.cleaned_data["events"],
                    flag=form.cleaned_data["flag"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as refusal:
                for message in refusal.messages:
                    messages.error(request, message)
            else:
                if form.cleaned_data["flag"]:
                    text = ngettext(
                        "%(count)s event flagged for review.", "%(count)s events flagged for review.", changed
                    )
                else:
                    text = ngettext("%(count)s flag removed.", "%(count)s flags removed.", changed)
                messages.success(request, text % {"count": changed})
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
        return HttpResponseRedirect(_return_url(request.POST.get("return_query", "")))


def _return_url(return_query: str) -> str:
    """The log's page the reviewer flagged from: its filters as the filter form reads them, and its cursor."""
    posted = QueryDict(return_query[:2000])
    query = AuditFilterForm(data=posted).query()
    if posted.get("after"):
        query["after"] = posted["after"][:40]
    url = reverse("sandbox:audit_list")
    return f"{url}?{urlencode(query)}" if query else url


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value
