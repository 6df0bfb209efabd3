"""Roster imports: the upload, the empty template, the dry run's check page and the import."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from people.models import Country
from tracking import exports
from tracking.forms import RosterUploadForm
from tracking.models import ImportStatus
from tracking.roster.plans import COLUMN_LABELS, COLUMNS, REQUIRED_COLUMNS
from tracking.selectors.imports_and_reports import roster_accepted_values, roster_import_for, roster_imports
from tracking.services.roster_imports import roster_import_apply, roster_import_check, roster_import_plan
from tracking.uploads import RosterFileRefused
from tracking.views.base import TrackingView, export_format, private_page

PLAN_ROWS_SHOWN = 200


class RosterView(TrackingView):
    def get(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.manageable(iso2)
        return self.show(country, RosterUploadForm())

    def show(self, country: Country, form: RosterUploadForm, status: int = 200) -> HttpResponse:
        context = self.base(
            country,
            form=form,
            imports=roster_imports(viewer=self.request.user, country=country),
            columns=[(key, COLUMN_LABELS[key]) for key in COLUMNS],
            required=REQUIRED_COLUMNS,
            accepted=roster_accepted_values(viewer=self.request.user, country=country),
        )
        return private_page(self.request, "tracking/roster.html", context, status)

    def post(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.manageable(iso2)
        form = RosterUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.show(country, form, status=400)
        upload = form.cleaned_data["file"]
        try:
            # At most one byte over the limit is read: a larger file is refused unread.
            data = upload.read(settings.TRACKING_ROSTER_MAX_BYTES + 1)
            roster_import, _plan = roster_import_check(country=country, by=request.user, name=upload.name, data=data)
        except RosterFileRefused as refusal:
            form.add_error("file", refusal.messages)
            return self.show(country, form, status=400)
        return redirect("tracking:roster_check", iso2=country.iso2, token=roster_import.token)


class RosterTemplateView(TrackingView):
    """An empty roster with the documented columns, to fill in: the workbook also lists, and offers in
    drop-down lists, the values the coded columns accept; the CSV file holds the headers only."""

    def get(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.manageable(iso2)
        file_format = export_format(request) or "csv"
        stem = f"ocam-{country.iso2.lower()}-roster-template"
        headers = [str(COLUMN_LABELS[key]) for key in COLUMNS]
        if file_format == "xlsx":
            return exports.roster_template_export(
                filename_stem=stem,
                columns=COLUMNS,
                headers=headers,
                accepted=roster_accepted_values(viewer=request.user, country=country),
                rows=settings.TRACKING_ROSTER_MAX_ROWS,
            )
        return exports.table_export(filename_stem=stem, headers=headers, rows=[], file_format=file_format)


class RosterCheckView(TrackingView):
    def get(self, request: HttpRequest, iso2: str, token: uuid.UUID) -> HttpResponse:
        country = self.manageable(iso2)
        roster_import = roster_import_for(viewer=request.user, country=country, token=token)
        plan = None if roster_import.status == ImportStatus.APPLIED else roster_import_plan(roster_import=roster_import)
        changed = plan.lines() if plan else []
        return private_page(
            request,
            "tracking/roster_check.html",
            self.base(
                country,
                roster_import=roster_import,
                plan=plan,
                rows_shown=changed[:PLAN_ROWS_SHOWN],
                rows_hidden=max(len(changed) - PLAN_ROWS_SHOWN, 0),
            ),
        )


class RosterApplyView(TrackingView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, iso2: str, token: uuid.UUID) -> HttpResponse:
        country = self.manageable(iso2)
        roster_import = roster_import_for(viewer=request.user, country=country, token=token)
        try:
            result = roster_import_apply(roster_import=roster_import, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("tracking:roster_check", iso2=country.iso2, token=roster_import.token)
        created = len(result.created_user_ids)
        summary = [
            _("Roster imported."),
            ngettext(
                "%(counter)s person added (invited by e-mail).",
                "%(counter)s people added (invited by e-mail).",
                created,
            )
            % {"counter": created},
            ngettext("%(counter)s person updated.", "%(counter)s people updated.", result.updated)
            % {"counter": result.updated},
            ngettext("%(counter)s person unchanged.", "%(counter)s people unchanged.", result.unchanged)
            % {"counter": result.unchanged},
        ]
        messages.success(request, " ".join(summary))
        return redirect("tracking:dashboard", iso2=country.iso2)
