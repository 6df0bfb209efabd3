"""Coverage figures: one rule (valid over required, in whole percent, rounded half up) and the same
figure for the same counts on every page, chart summary, data table, export and PDF report.

The walk of issue 16 found the chart data table and the country table of one page disagreeing:
17 of 41 shown as 42 % and 41 %, 23 of 38 as 60 % and 61 % (the charts rounded twice, and
Python's round() rounds half to even).
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from fractions import Fraction

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from foundation.pdf.reading import pdf_text
from people.models import Authority, Country
from people.roles import Role
from tests.conftest import client_for
from tests.people.factories import person
from tests.tracking.factories import AUTHORITY_OF, certified_course, rule
from tracking import dashboard
from tracking.coverage import coverage_label, coverage_percent
from tracking.models import ComplianceStatus, CountryReport, CoverageCount, CoverageMonth, month_start
from tracking.selectors.dashboards import Breakdown, CountryDashboard, CourseCoverage, RegionalCourse, Tally
from tracking.services.country_reports import report_build
from tracking.views.base import tally_cells

FIGURE = re.compile(r"\d+ %")
STATUSES = tuple(ComplianceStatus.values)
counts = st.integers(min_value=0, max_value=400)
# People in each status (compliant, expiring, due, overdue, expired): valid = the first two, required = all five.
tallies = st.builds(
    Tally,
    compliant=counts,
    expiring=st.integers(min_value=0, max_value=60),
    due=counts,
    overdue=counts,
    expired=st.integers(min_value=0, max_value=60),
)
WALK = (Tally(compliant=15, expiring=2, overdue=20, expired=4), Tally(compliant=20, expiring=3, overdue=12, expired=3))


def half_up(valid: int, required: int) -> int:
    return int(Fraction(100 * valid, required) + Fraction(1, 2))


@given(required=st.integers(min_value=1, max_value=100_000), data=st.data())
@example(required=41, data=None)
def test_coverage_is_valid_over_required_in_whole_percent_rounded_half_up(required, data):
    valid = 17 if data is None else data.draw(st.integers(min_value=0, max_value=required))

    assert coverage_percent(valid, required) == half_up(valid, required)
    assert coverage_label(valid, required) == f"{half_up(valid, required)} %"


def test_the_walks_counts_and_the_halves_round_up():
    assert [coverage_label(17, 41), coverage_label(23, 38), coverage_label(1, 8), coverage_label(5, 8)] == [
        "41 %",
        "61 %",
        "13 %",
        "63 %",
    ]
    assert (coverage_percent(0, 0), coverage_label(0, 0)) == (None, "—")


def _course(title: str, tally: Tally, months) -> CourseCoverage:
    return CourseCoverage(
        course_key=uuid.uuid4(),
        title=title,
        tally=tally,
        by_authority=[Breakdown("Instituto Guatemalteco de Migración", 1, tally)],
        by_duty_post=[Breakdown("Tecún Umán (GT-TUM)", 1, tally)],
        trend=[(month, tally.required, tally.valid) for month in months],
    )


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=tallies, second=tallies)
@example(first=WALK[0], second=WALK[1])
def test_every_chart_summary_data_table_and_export_row_writes_the_same_figure(first, second):
    guatemala = Country.objects.get(iso2="GT")
    months = [month_start(timezone.localdate())]
    courses = [_course("Course A", first, months), _course("Course B", second, months)]
    data = CountryDashboard(country=guatemala, courses=courses, tally=Tally(), months=months, refreshed_at=None)
    overview = [
        RegionalCourse(course_key=course.course_key, title=course.title, countries=[(guatemala, course.tally)])
        for course in courses
    ]
    figure = {course.title: coverage_label(course.tally.valid, course.tally.required) for course in courses}
    a, b = figure["Course A"], figure["Course B"]

    with translation.override("en"):
        drawn = dashboard.dashboard_charts(data)
        regional = dashboard.regional_chart(overview)

    # The data tables of the charts, the exports' cells and the pages' cells (`percent_label`).
    assert {row[0]: row[3] for row in drawn.coverage.rows} == figure
    assert drawn.trend.rows[0][1:] == [a, b]
    assert regional.rows[0][1:] == [a, b]
    for course in courses:
        assert drawn.by_post[course.course_key].rows[0][3] == figure[course.title]
        assert tally_cells(course.tally)[2] == figure[course.title]
        assert course.tally.percent_label == figure[course.title]
    # Each figure a summary gives is the figure of the line it names.
    measured = [course for course in courses if course.tally.required]
    named = re.findall(r"(\d+ %) \((Course [AB])\)|(Course [AB]): (\d+ %) \(", drawn.coverage.summary)
    assert len(named) == len(measured)
    assert all(figure[title or other] == (percent or other_percent) for percent, title, other, other_percent in named)
    for course in measured:
        summary = drawn.by_post[course.course_key].summary
        assert summary.startswith(f"Tecún Umán (GT-TUM): {figure[course.title]} (")
    if first.required:
        assert drawn.trend.summary.startswith(f"Course A: from {a} in ") and drawn.trend.summary.count(a) == 2
        assert regional.summary == f"Course A: highest in Guatemala ({a}), lowest in Guatemala ({a})."


# Pages, exports and the PDF report, read from the summaries the statuses leave behind -----------------


def _counts_write(country: Country, course_key: uuid.UUID, tally: Tally) -> None:
    """The summaries the dashboards read, as `summaries_rebuild` leaves them, for these counts."""
    authority = Authority.objects.get(code=AUTHORITY_OF[country.iso2])
    CoverageCount.objects.filter(country=country, course_key=course_key).delete()
    CoverageCount.objects.bulk_create(
        CoverageCount(
            country=country,
            course_key=course_key,
            authority=authority,
            status=status,
            expiring_within=30 if status == ComplianceStatus.EXPIRING else None,
            people=getattr(tally, status),
        )
        for status in STATUSES
        if getattr(tally, status)
    )
    CoverageMonth.objects.update_or_create(
        country=country,
        course_key=course_key,
        month=month_start(timezone.localdate()),
        defaults={"required": tally.required, "valid": tally.valid},
    )


def _rows(html: bytes) -> list[list[str]]:
    """Every row of every table of a page, as the text of its cells."""
    soup = BeautifulSoup(html, "html.parser")
    return [[" ".join(cell.get_text(" ").split()) for cell in row.find_all(["th", "td"])] for row in soup("tr")]


def _text(html: bytes) -> str:
    soup = BeautifulSoup(html, "html.parser")
    return " ".join(soup.find("main").get_text(" ").split())


def _export_rows(response) -> list[list[str]]:
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def two_countries():
    """Guatemala and Belize require one course of their border officers."""
    course = certified_course(title="Registro de entradas")
    rule(iso2="GT", course=course)
    rule(iso2="BZ", course=course)
    return course


@pytest.mark.django_db
@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(guatemala_counts=tallies, belize_counts=tallies)
@example(guatemala_counts=WALK[1], belize_counts=WALK[0])
def test_every_page_and_export_gives_the_same_figure_for_the_same_counts(
    two_countries, guatemala_counts, belize_counts
):
    key = two_countries.translation_key
    guatemala, belize = Country.objects.get(iso2="GT"), Country.objects.get(iso2="BZ")
    with transaction.atomic():
        _counts_write(guatemala, key, guatemala_counts)
        _counts_write(belize, key, belize_counts)
        figure = {
            "Guatemala": coverage_label(guatemala_counts.valid, guatemala_counts.required),
            "Belice": coverage_label(belize_counts.valid, belize_counts.required),
        }
        client = client_for(person(role=Role.REGIONAL_COORDINATOR, authority_code="iom", email="ocam@example.org"))

        # A country's dashboard: its key figure, the charts' data tables and summaries, the tables by
        # authority and by duty post: one figure, the country's.
        page = client.get(reverse("tracking:dashboard", args=["GT"]))
        assert set(FIGURE.findall(_text(page.content))) <= {figure["Guatemala"]}
        coverage_cells = [row[-1] for row in _rows(page.content) if row[0] == "Registro de entradas"]
        assert coverage_cells[0] == figure["Guatemala"]  # the data table of the coverage chart
        if guatemala_counts.required:
            assert _text(page.content).count(figure["Guatemala"]) >= 6

        # The regional view: each country's row, in the chart's data table and in the course's table.
        region = client.get(reverse("tracking:region"))
        by_country: dict[str, set[str]] = {}
        for row in _rows(region.content):
            if row and row[0] in figure:
                by_country.setdefault(row[0], set()).update(
                    cell for cell in row if FIGURE.fullmatch(cell) or cell == "—"
                )
        assert by_country == {name: {shown} for name, shown in figure.items()}
        for name, shown in re.findall(r"(Guatemala|Belice) \((\d+ %)\)", _text(region.content)):
            assert shown == figure[name]

        # The exports of both pages, in both formats.
        for file_format in ("csv", "xlsx"):
            rows = _export_rows(client.get(reverse("tracking:region") + f"?format={file_format}"))
            column = rows[0].index("Cobertura")
            assert {row[1]: row[column] for row in rows[1:]} == figure
            rows = _export_rows(client.get(reverse("tracking:dashboard", args=["BZ"]) + f"?format={file_format}"))
            assert [row[column] for row in rows[1:]] == ([figure["Belice"]] if belize_counts.required else [])
        transaction.set_rollback(True)


@pytest.mark.django_db
@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(counts=tallies.filter(lambda tally: tally.required))
@example(counts=WALK[0])
@example(counts=WALK[1])
def test_the_pdf_report_gives_the_same_figure_as_the_pages(two_countries, counts):
    guatemala = Country.objects.get(iso2="GT")
    with transaction.atomic():
        _counts_write(guatemala, two_countries.translation_key, counts)
        shown = coverage_label(counts.valid, counts.required)
        coordinator = person(role=Role.REGIONAL_COORDINATOR, authority_code="iom", email="ocam@example.org")
        report = CountryReport.objects.create(country=guatemala, requested_by=coordinator, language="es")

        with report_build(report.pk).pdf.open("rb") as pdf:
            text = pdf_text(pdf.read())

        # The charts' axes are labelled 0 % to 100 % by tens; every other figure is the course's.
        figures = [figure for figure in FIGURE.findall(text) if not re.fullmatch(r"(\d?0|100) %", figure)]
        assert set(figures) <= {shown}
        assert f"Registro de entradas: {shown} ({counts.valid} de {counts.required})." in text
        assert f"Registro de entradas {counts.valid} {counts.required} {shown}" in text
        transaction.set_rollback(True)
