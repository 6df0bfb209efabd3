"""PDF country reports: asking for one, the list, and the download."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from foundation.http import never_cached
from people.models import Country
from tracking.forms import ReportForm
from tracking.models import ReportStatus
from tracking.selectors.imports_and_reports import report_for, reports_for
from tracking.services.country_reports import report_request
from tracking.views.base import TrackingView, private_page


class ReportsView(TrackingView):
    def get(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.country(iso2)
        return self.show(country, ReportForm(initial={"language": translation.get_language()}))

    def show(self, country: Country, form: ReportForm, status: int = 200) -> HttpResponse:
        reports = list(reports_for(viewer=self.request.user, country=country))
        pending = any(report.status == ReportStatus.PENDING for report in reports)
        return private_page(
            self.request,
            "tracking/reports.html",
            self.base(country, form=form, reports=reports, pending=pending),
            status,
        )

    def post(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.country(iso2)
        form = ReportForm(request.POST)
        if not form.is_valid():
            return self.show(country, form, status=400)
        report_request(country=country, by=request.user, language=form.cleaned_data["language"])
        messages.success(request, _("The report is being prepared; this page shows it when it is ready."))
        return redirect("tracking:reports", iso2=country.iso2)


class ReportDownloadView(TrackingView):
    def get(self, request: HttpRequest, iso2: str, token: uuid.UUID) -> HttpResponse:
        country = self.country(iso2)
        report = report_for(viewer=request.user, country=country, token=token)
        if report.status != ReportStatus.READY or not report.pdf:
            raise Http404
        with report.pdf.open("rb") as pdf:
            data = pdf.read()
        response = HttpResponse(data, content_type="application/pdf")
        stamp = (report.month or timezone.localdate(report.created_at)).strftime("%Y-%m")
        response["Content-Disposition"] = f'attachment; filename="ocam-{country.iso2.lower()}-report-{stamp}.pdf"'
        return never_cached(response)
