"""The index, the regional view and each country's dashboard, with their exports."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from tracking import dashboard, exports
from tracking.selectors.dashboards import country_dashboard, regional_overview
from tracking.selectors.scope import countries_visible, sees_region
from tracking.views.base import (
    TrackingView,
    export_format,
    practical_cells,
    practical_headers,
    private_page,
    tally_cells,
    tally_headers,
)


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
        file_format = export_format(request)
        if file_format:
            rows = (
                [course.title, country.name, *tally_cells(tally), *practical_cells(practical)]
                for course in overview
                for country, tally, practical in course.rows()
                if tally is not None
            )
            return exports.table_export(
                filename_stem="ocam-regional-coverage",
                headers=[_("Course"), _("Country"), *tally_headers(), *practical_headers()],
                rows=rows,
                file_format=file_format,
            )
        return private_page(
            request,
            "tracking/region.html",
            self.base(
                overview=overview,
                chart=dashboard.regional_chart(overview),
                tally_headers=tally_headers(),
                practical_headers=practical_headers(),
            ),
        )


class DashboardView(TrackingView):
    def get(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.country(iso2)
        data = country_dashboard(viewer=request.user, country=country)
        file_format = export_format(request)
        if file_format:
            rows = (
                [course.title, line.label, *tally_cells(line.tally), *practical_cells(line.practical)]
                for course in data.courses
                for line in course.by_duty_post
            )
            return exports.table_export(
                filename_stem=f"ocam-{country.iso2.lower()}-coverage",
                headers=[_("Course"), _("Duty post"), *tally_headers(), *practical_headers()],
                rows=rows,
                file_format=file_format,
            )
        return private_page(
            request,
            "tracking/dashboard.html",
            self.base(
                country,
                data=data,
                charts=dashboard.dashboard_charts(data),
                tally_headers=tally_headers(),
                practical_headers=practical_headers(),
            ),
        )
