"""Charts: no label or legend is cut, whatever the length of the names; summaries count in both languages."""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from people.models import Country
from tracking import charts, dashboard
from tracking.models import months_back
from tracking.selectors.dashboards import CountryDashboard, CourseCoverage, Tally

SVG = "{http://www.w3.org/2000/svg}"
LONG_TITLES = [
    "Registro de entradas y salidas en puestos fronterizos terrestres y aeropuertos internacionales",
    "Detección de documentos de viaje fraudulentos: pasaportes, visados, sellos y tarjetas de identidad",
    "Atención a personas migrantes en situación de vulnerabilidad y protección internacional",
]
COUNTRIES = [
    "Guatemala",
    "Costa Rica",
    "El Salvador",
    "Honduras",
    "Nicaragua",
    "Panamá",
    "República Dominicana",
    "Belice",
]


def texts(svg: str) -> list[str]:
    """The text of every <text> node as it reads (a label wrapped onto lines reads as one)."""
    root = ET.fromstring(svg)  # noqa: S314 - the SVG is our own
    return [" ".join(" ".join(node.itertext()).split()) for node in root.iter(f"{SVG}text")]


def spanish_charts() -> list[charts.Chart]:
    with translation.override("es"):
        months = months_back(dt.date(2026, 12, 1), 12)
        return [
            charts.coverage_bars(
                title="Cobertura por curso obligatorio, Guatemala",
                label_header="Curso",
                items=[(title, 3, 10) for title in LONG_TITLES],
            ),
            charts.status_stack(
                title="Personas por estado y curso",
                categories=LONG_TITLES,
                statuses=[("Al día", [1, 2, 3]), ("Fuera de plazo", [3, 3, 3]), ("Vencido", [0, 1, 0])],
                in_all=["6 personas al día", "9 personas fuera de plazo", "1 persona con el certificado vencido"],
            ),
            charts.coverage_trend(
                title="Cobertura por mes",
                months=months,
                series=[(title, [(index, 12) for index in range(12)]) for title in LONG_TITLES],
            ),
            charts.grouped_coverage(
                title="Cobertura por país y curso",
                groups=COUNTRIES,
                series=[(title, [(3, 10)] * len(COUNTRIES)) for title in LONG_TITLES],
            ),
        ]


def test_long_course_names_spanish_months_and_value_labels_are_drawn_whole():
    drawn = spanish_charts()

    every_text = [text for chart in drawn for text in texts(chart.svg)]
    assert not [text for text in every_text if "…" in text]
    coverage, statuses, trend, regional = (texts(chart.svg) for chart in drawn)
    for title in LONG_TITLES:
        assert title in coverage  # beside its bar, wrapped onto lines
        assert title in statuses
        assert title in trend  # in the legend
        assert title in regional
    months = [text for text in trend if text.endswith("de 2026")]
    assert months == [
        f"{month} de 2026"
        for month in (
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        )
    ]
    assert {"0 %", "10 %", "50 %", "100 %"} <= set(coverage)
    assert set(COUNTRIES) <= set(regional)
    assert {"Al día", "Fuera de plazo", "Vencido"} <= set(statuses)


def test_long_labels_are_wrapped_onto_lines_and_the_chart_grows_instead_of_squeezing_them():
    few = charts.coverage_bars(title="Cobertura", label_header="Puesto", items=[("Tecún Umán (GT-TUM)", 1, 2)])
    many = charts.coverage_bars(
        title="Cobertura",
        label_header="Curso",
        items=[(f"{title} {n}", 1, 2) for n in range(4) for title in LONG_TITLES],
    )

    root = ET.fromstring(many.svg)  # noqa: S314
    wrapped = [node for node in root.iter(f"{SVG}text") if len(node.findall(f"{SVG}tspan")) > 1]
    assert len(wrapped) == 12
    assert all(len(line.text) <= charts.LABEL_LINE_CHARACTERS + 12 for node in wrapped for line in node)
    assert (many.width, few.width) == (charts.WIDTH, charts.WIDTH)
    assert many.height > few.height >= 240
    assert f'height="{many.height}"' in many.svg.split(">", 1)[0]


def test_a_legend_name_longer_than_the_chart_widens_it_rather_than_being_cut():
    longest = "Curso " + "muy " * 40 + "largo"

    chart = charts.coverage_trend(
        title="Cobertura por mes",
        months=[dt.date(2026, 11, 1), dt.date(2026, 12, 1)],
        series=[(longest, [(1, 2), (2, 2)]), ("Corto", [(1, 2), (1, 2)])],
    )

    assert longest in texts(chart.svg)
    assert chart.width > charts.WIDTH


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "En total: 1 persona al día, 0 personas con el certificado por vencer, 2 personas en plazo"),
        ("en", "In all: 1 person compliant, 0 people whose certificate is expiring, 2 people within the time"),
    ],
)
def test_the_status_totals_of_a_chart_summary_use_plural_forms(language, expected):
    course = CourseCoverage(
        course_key=uuid.uuid4(),
        title="Registro de entradas",
        tally=Tally(compliant=1, due=2, overdue=1, expired=1),
        by_authority=[],
        by_duty_post=[],
        trend=[],
    )
    data = CountryDashboard(
        country=Country.objects.get(iso2="GT"), courses=[course], tally=course.tally, months=[], refreshed_at=None
    )

    with translation.override(language):
        summary = dashboard.dashboard_charts(data).statuses.summary

    assert summary.startswith(expected)
    assert summary.endswith(("1 person overdue, 1 person whose certificate expired.", "vencido."))
