"""Country tracking pages: the regional view, each country's dashboard, drill-down lists and
person pages, mandatory training rules, roster imports and PDF reports.

Every page reads through `selectors`, which take the viewer: a country outside the viewer's
scope, or anything in it, is a 404; people who do not follow certification get a 403. Every
list exports as CSV or XLSX with `?format=csv|xlsx`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from people.models import Country
from tracking import dashboard, exports
from tracking.forms import PeopleFilterForm, ReportForm, RosterUploadForm, RuleForm
from tracking.models import ComplianceStatus, ImportStatus, ReportStatus
from tracking.roster.plans import COLUMN_LABELS, COLUMNS, REQUIRED_COLUMNS
from tracking.selectors.dashboards import country_dashboard, regional_overview
from tracking.selectors.imports_and_reports import (
    report_for,
    reports_for,
    roster_accepted_values,
    roster_import_for,
    roster_imports,
)
from tracking.selectors.rules import rule_for, rules_for
from tracking.selectors.scope import can_manage, can_track, countries_visible, country_for, sees_region
from tracking.selectors.staff import filter_choices, person_page, person_status_list
from tracking.services.country_reports import report_request
from tracking.services.roster_imports import roster_import_apply, roster_import_check, roster_import_plan
from tracking.services.statuses import rule_delete, rule_save
from tracking.uploads import RosterFileRefused

PAGE_SIZE = 50
PLAN_ROWS_SHOWN = 200


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    return _private(render(request, template, context, status=status))


def _export_format(request: HttpRequest) -> str | None:
    chosen = request.GET.get("format")
    if chosen is None:
        return None
    if chosen not in exports.EXPORT_FORMATS:
        raise Http404
    return chosen


def _tally_cells(tally) -> list[object]:
    return [tally.required, tally.valid, tally.percent_label, *(count for _value, _label, count in tally.by_status())]


def _tally_headers() -> list[str]:
    statuses = [str(label) for _value, label in ComplianceStatus.choices]
    return [_("People required"), _("Valid certificates"), _("Coverage"), *statuses]


class TrackingView(LoginRequiredMixin, View):
    """Signed-in people who follow certification; the country comes from the URL, scoped."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated and not can_track(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def country(self, iso2: str) -> Country:
        return country_for(viewer=self.request.user, iso2=iso2)

    def manageable(self, iso2: str) -> Country:
        country = self.country(iso2)
        if not can_manage(viewer=self.request.user, country=country):
            raise PermissionDenied
        return country

    def base(self, country: Country | None = None, **context) -> dict:
        user = self.request.user
        return {
            "country": country,
            "sees_region": sees_region(viewer=user),
            "can_manage": country is not None and can_manage(viewer=user, country=country),
            **context,
        }


class IndexView(TrackingView):
    def get(self, request: HttpRequest) -> HttpResponse:
        if sees_region(viewer=request.user):
            return redirect("tracking:region")
        country = countries_visible(viewer=request.user).first()
        if country is None:
            raise PermissionDenied  # a focal point without a country (refused on save; fail closed)
        return redirect("tracking:dashboard", iso2=country.iso2)


class RegionView(TrackingView):
    def get(self, request: HttpRequest) -> HttpResponse:
        overview = regional_overview(viewer=request.user)
        file_format = _export_format(request)
        if file_format:
            rows = (
                [course.title, country.name, *_tally_cells(tally)]
                for course in overview
                for country, tally in course.countries
                if tally is not None
            )
            return exports.table_export(
                filename_stem="ocam-regional-coverage",
                headers=[_("Course"), _("Country"), *_tally_headers()],
                rows=rows,
                file_format=file_format,
            )
        return _page(
            request,
            "tracking/region.html",
            self.base(overview=overview, chart=dashboard.regional_chart(overview), tally_headers=_tally_headers()),
        )


class DashboardView(TrackingView):
    def get(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.country(iso2)
        data = country_dashboard(viewer=request.user, country=country)
        file_format = _export_format(request)
        if file_format:
            rows = (
                [course.title, line.label, *_tally_cells(line.tally)]
                for course in data.courses
                for line in course.by_duty_post
            )
            return exports.table_export(
                filename_stem=f"ocam-{country.iso2.lower()}-coverage",
                headers=[_("Course"), _("Duty post"), *_tally_headers()],
                rows=rows,
                file_format=file_format,
            )
        return _page(
            request,
            "tracking/dashboard.html",
            self.base(country, data=data, charts=dashboard.dashboard_charts(data), tally_headers=_tally_headers()),
        )


class PeopleView(TrackingView):
    def get(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.country(iso2)
        choices = filter_choices(viewer=request.user, country=country)
        form = PeopleFilterForm(request.GET or None, choices=choices)
        filters = form.filters() if request.GET else {}
        rows = person_status_list(viewer=request.user, country=country, filters=filters)
        titles = dict(choices["course"])
        file_format = _export_format(request)
        if file_format:
            return exports.table_export(
                filename_stem=f"ocam-{country.iso2.lower()}-people",
                headers=[
                    _("Full name"),
                    _("E-mail"),
                    _("Staff number"),
                    _("Authority"),
                    _("Duty post"),
                    _("Job function"),
                    _("Course"),
                    _("Status"),
                    _("Due date"),
                    _("Certificate expires on"),
                ],
                rows=(
                    [
                        row.person.full_name,
                        row.person.email,
                        row.person.staff_profile.staff_number,
                        str(row.authority),
                        str(row.duty_post) if row.duty_post else "",
                        row.get_job_function_display(),
                        titles.get(str(row.course_key), ""),
                        row.get_status_display(),
                        row.due_on,
                        row.expires_on,
                    ]
                    for row in rows.iterator(chunk_size=2000)
                ),
                file_format=file_format,
            )
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        for row in page:
            row.course_title = titles.get(str(row.course_key), "")
        query = request.GET.copy()
        query.pop("page", None)
        return _page(
            request,
            "tracking/people.html",
            self.base(country, form=form, page=page, titles=titles, query=query.urlencode()),
        )


class PersonView(TrackingView):
    def get(self, request: HttpRequest, iso2: str, pk: int) -> HttpResponse:
        country = self.country(iso2)
        person = person_page(viewer=request.user, country=country, person_id=pk)
        return _page(request, "tracking/person.html", self.base(country, page=person))


class RulesView(TrackingView):
    def get(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.country(iso2)
        return self.show(country, RuleForm())

    def show(self, country: Country, form: RuleForm, status: int = 200) -> HttpResponse:
        rules = rules_for(viewer=self.request.user, country=country)
        return _page(self.request, "tracking/rules.html", self.base(country, rules=rules, form=form), status)

    def post(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.manageable(iso2)
        form = RuleForm(request.POST)
        if form.is_valid() and _rule_saved(request, form, country, rule=None):
            messages.success(request, _("The rule is saved; the statuses of the people it covers are up to date."))
            return redirect("tracking:rules", iso2=country.iso2)
        return self.show(country, form, status=400)


def _rule_saved(request: HttpRequest, form: RuleForm, country: Country, rule) -> bool:
    try:
        rule_save(
            country=country,
            job_function=form.cleaned_data["job_function"],
            course=form.course_page(),
            due_days=form.cleaned_data["due_days"],
            is_active=form.cleaned_data["is_active"],
            by=request.user,
            rule=rule,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            form.add_error(None, error.messages)
        return False
    return True


class RuleEditView(TrackingView):
    def get(self, request: HttpRequest, iso2: str, pk: int) -> HttpResponse:
        country = self.manageable(iso2)
        rule = rule_for(viewer=request.user, country=country, pk=pk)
        return _page(request, "tracking/rule_form.html", self.base(country, rule=rule, form=RuleForm(rule=rule)))

    def post(self, request: HttpRequest, iso2: str, pk: int) -> HttpResponse:
        country = self.manageable(iso2)
        rule = rule_for(viewer=request.user, country=country, pk=pk)
        form = RuleForm(request.POST, rule=rule)
        if form.is_valid() and _rule_saved(request, form, country, rule=rule):
            messages.success(request, _("The rule is saved; the statuses of the people it covers are up to date."))
            return redirect("tracking:rules", iso2=country.iso2)
        return _page(request, "tracking/rule_form.html", self.base(country, rule=rule, form=form), status=400)


class RuleDeleteView(TrackingView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, iso2: str, pk: int) -> HttpResponse:
        country = self.manageable(iso2)
        rule_delete(rule=rule_for(viewer=request.user, country=country, pk=pk))
        messages.success(request, _("The rule is deleted."))
        return redirect("tracking:rules", iso2=country.iso2)


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
        return _page(self.request, "tracking/roster.html", context, status)

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
        file_format = _export_format(request) or "csv"
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
        return _page(
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


class ReportsView(TrackingView):
    def get(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.country(iso2)
        return self.show(country, ReportForm(initial={"language": translation.get_language()}))

    def show(self, country: Country, form: ReportForm, status: int = 200) -> HttpResponse:
        reports = list(reports_for(viewer=self.request.user, country=country))
        pending = any(report.status == ReportStatus.PENDING for report in reports)
        return _page(
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
        return _private(response)
