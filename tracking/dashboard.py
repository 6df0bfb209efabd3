"""The charts of the dashboards and the PDF report, drawn from what the selectors read."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from tracking import charts
from tracking.models import ComplianceStatus
from tracking.selectors.dashboards import CountryDashboard, RegionalCourse

# "5 people compliant": each status's total in a chart's summary, with the plural forms of each language.
PEOPLE_IN_STATUS = {
    ComplianceStatus.COMPLIANT: ngettext_lazy(
        "%(counter)s person compliant", "%(counter)s people compliant", "counter"
    ),
    ComplianceStatus.EXPIRING: ngettext_lazy(
        "%(counter)s person whose certificate is expiring",
        "%(counter)s people whose certificate is expiring",
        "counter",
    ),
    ComplianceStatus.DUE: ngettext_lazy(
        "%(counter)s person within the time to complete", "%(counter)s people within the time to complete", "counter"
    ),
    ComplianceStatus.OVERDUE: ngettext_lazy("%(counter)s person overdue", "%(counter)s people overdue", "counter"),
    ComplianceStatus.EXPIRED: ngettext_lazy(
        "%(counter)s person whose certificate expired", "%(counter)s people whose certificate expired", "counter"
    ),
}


@dataclass(frozen=True)
class DashboardCharts:
    coverage: charts.Chart
    statuses: charts.Chart
    trend: charts.Chart
    by_post: dict  # course key -> Chart
    practical: charts.Chart


def dashboard_charts(data: CountryDashboard) -> DashboardCharts:
    courses = data.courses
    return DashboardCharts(
        coverage=charts.coverage_bars(
            title=_("Coverage by mandatory course, %(country)s") % {"country": data.country.name},
            label_header=_("Course"),
            items=[(course.title, course.tally.valid, course.tally.required) for course in courses],
        ),
        statuses=charts.status_stack(
            title=_("People by status and course"),
            categories=[course.title for course in courses],
            statuses=[
                (str(label), [getattr(course.tally, value) for course in courses])
                for value, label in ComplianceStatus.choices
            ],
            in_all=[
                PEOPLE_IN_STATUS[value] % {"counter": sum(getattr(course.tally, value) for course in courses)}
                for value in ComplianceStatus.values
            ],
        ),
        trend=charts.coverage_trend(
            title=_("Coverage by month"),
            months=data.months,
            series=[(course.title, _trend_values(course.trend, data.months)) for course in courses],
        ),
        by_post={
            course.course_key: charts.coverage_bars(
                title=_("Coverage by duty post: %(course)s") % {"course": course.title},
                label_header=_("Duty post"),
                items=[(line.label, line.tally.valid, line.tally.required) for line in course.by_duty_post],
            )
            for course in courses
        },
        practical=charts.practical_bars(
            title=_("Practical pass rate by course, %(country)s") % {"country": data.country.name},
            label_header=_("Course"),
            items=[
                (course.title, course.practical.exercises, course.practical.passed, course.practical.started)
                for course in courses
            ],
        ),
    )


def _trend_values(trend: list, months: list) -> list[tuple[int, int]]:
    by_month = {month: (valid, required) for month, required, valid in trend}
    return [by_month.get(month, (0, 0)) for month in months]


def regional_chart(overview: list[RegionalCourse]) -> charts.Chart | None:
    if not overview:
        return None
    countries = [country for country, _tally in overview[0].countries]
    return charts.grouped_coverage(
        title=_("Coverage by country and mandatory course"),
        groups=[country.name for country in countries],
        series=[
            (course.title, [(tally.valid, tally.required) if tally else (0, 0) for _country, tally in course.countries])
            for course in overview
        ],
    )
