"""What every tracking page shares: the view that admits people who follow certification and scopes
the country from the URL, private uncached responses, the export format asked for, and the coverage
columns of the exports.

Every page reads through `tracking.selectors`, which take the viewer: a country outside the viewer's
scope, or anything in it, is a 404; people who do not follow certification get a 403. Every list
exports as CSV or XLSX with `?format=csv|xlsx`; the dashboards' exports carry the practical pass
rate's counts beside the coverage columns."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from foundation.http import never_cached
from people.models import Country
from tracking import exports
from tracking.models import ComplianceStatus
from tracking.selectors.scope import can_manage, can_track, country_for, sees_region


def private_page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    return never_cached(render(request, template, context, status=status))


def export_format(request: HttpRequest) -> str | None:
    chosen = request.GET.get("format")
    if chosen is None:
        return None
    if chosen not in exports.EXPORT_FORMATS:
        raise Http404
    return chosen


def tally_cells(tally) -> list[object]:
    return [tally.required, tally.valid, tally.percent_label, *(count for _value, _label, count in tally.by_status())]


def tally_headers() -> list[str]:
    statuses = [str(label) for _value, label in ComplianceStatus.choices]
    return [_("People required"), _("Valid certificates"), _("Coverage"), *statuses]


def practical_cells(practical) -> list[object]:
    """The practical figures of one row: exercises, learners who started them, passed every one, rate."""
    if not practical.has_exercises:
        return [0, "", "", _("No practical exercises")]
    return [practical.exercises, practical.started, practical.passed, practical.percent_label]


def practical_headers() -> list[str]:
    return [
        _("Exercises in the course"),
        _("Learners who started them"),
        _("Passed every exercise"),
        _("Practical pass rate"),
    ]


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
