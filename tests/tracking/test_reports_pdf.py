"""PDF country reports: requested from the reports page and drawn by a task, downloaded by the
country's focal point only, drawn in the language asked for; rebuilt idempotently, failures
kept and drawn again; a report whose task was lost sent again, then given up.
"""

from __future__ import annotations

import contextlib
import re
from datetime import timedelta

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from foundation.pdf.reading import page_count, pdf_text
from people.models import Country
from tests.conftest import client_for, make_role_user
from tests.tracking.reporting import GT_COURSE, BuildFailed, cr_focal_point
from tracking import tasks
from tracking.models import CountryReport, ReportStatus
from tracking.services import country_reports

pytestmark = [pytest.mark.django_db, pytest.mark.clock_hours]


@pytest.fixture
def report_task_inline(monkeypatch) -> list[int]:
    """The report task, when sent, runs at once as a worker would (a failure is logged, not raised)."""
    sent: list[int] = []

    def delay(report_id: int) -> None:
        sent.append(report_id)
        with contextlib.suppress(BuildFailed):
            tasks.report_build_task(report_id)

    monkeypatch.setattr(tasks.report_build_task, "delay", delay)
    return sent


def request_report(client, iso2: str = "GT", language: str = "es"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("tracking:reports", args=[iso2]), {"language": language})


def download_url(report: CountryReport, iso2: str = "GT") -> str:
    return reverse("tracking:report_download", args=[iso2, report.token])


def pdf_of(report: CountryReport) -> bytes:
    with report.pdf.open("rb") as pdf:
        return pdf.read()


# Requesting and downloading -----------------------------------------------------------------


def test_focal_point_requests_a_report_and_downloads_its_pdf(gt_course, report_task_inline):
    focal_point = make_role_user("focal_point")
    client = client_for(focal_point)

    response = request_report(client, language="es")

    assert response.status_code == 302
    assert response.url == reverse("tracking:reports", args=["GT"])
    report = CountryReport.objects.get()
    assert report_task_inline == [report.pk]
    assert report.country.iso2 == "GT"
    assert report.requested_by == focal_point
    assert report.language == "es"
    assert report.status == ReportStatus.READY
    assert report.pdf and report.ready_at is not None and report.last_error == ""

    url = download_url(report)
    page = client.get(reverse("tracking:reports", args=["GT"])).content.decode()
    assert url in page

    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="ocam-gt-report-')
    data = download.content
    assert data.startswith(b"%PDF-")
    assert data == pdf_of(report)
    assert page_count(data) >= 1
    text = pdf_text(data)
    assert "Informe de certificación: Guatemala" in text
    assert GT_COURSE in text
    assert "Persona Guatemala" not in text  # no one is overdue: the overdue table lists no one

    # The coverage chart is embedded as a drawing, not just named: its title is drawn twice
    # (the heading, then inside the chart) and its axis is labelled up to 100 %, a figure no
    # table of this report holds (coverage is 50 %).
    title = "Cobertura por curso obligatorio, Guatemala"
    assert text.count(title) >= 2
    assert "Registro de entradas: 50 % (1 de 2)." in text
    assert re.search(r"^100 %$", text, re.MULTILINE)


def test_another_countrys_focal_point_gets_404_for_the_report(gt_course, report_task_inline):
    request_report(client_for(make_role_user("focal_point")))
    report = CountryReport.objects.get(status=ReportStatus.READY)
    costa_rica = client_for(cr_focal_point())

    assert costa_rica.get(download_url(report)).status_code == 404
    # Nor under their own country's address: the report is Guatemala's.
    assert costa_rica.get(download_url(report, iso2="CR")).status_code == 404
    assert download_url(report) not in costa_rica.get(reverse("tracking:reports", args=["CR"])).content.decode()


def test_a_report_in_english_is_drawn_in_english(gt_course, report_task_inline):
    request_report(client_for(make_role_user("focal_point")), language="en")

    report = CountryReport.objects.get()
    assert report.language == "en"
    text = pdf_text(pdf_of(report))
    assert "Certification report: Guatemala" in text
    assert "Informe de certificación" not in text


# Building: idempotent, failures kept -----------------------------------------------------------


def test_report_build_twice_keeps_the_same_file(gt_course, report_task_inline, monkeypatch):
    request_report(client_for(make_role_user("focal_point")))
    report = CountryReport.objects.get()
    assert report.status == ReportStatus.READY
    name, ready_at, data = report.pdf.name, report.ready_at, pdf_of(report)

    drawn = []
    monkeypatch.setattr(country_reports, "render_pdf", lambda html, **kwargs: drawn.append(html) or b"%PDF-other")
    again = country_reports.report_build(report.pk)

    assert drawn == []  # not drawn again
    again.refresh_from_db()
    assert again.status == ReportStatus.READY
    assert again.pdf.name == name
    assert again.ready_at == ready_at
    assert pdf_of(again) == data


def test_a_failing_build_marks_the_report_failed_and_keeps_the_error(gt_course, report_task_inline, monkeypatch):
    def render_pdf(html, **kwargs):
        raise BuildFailed("WeasyPrint ran out of fonts")

    monkeypatch.setattr(country_reports, "render_pdf", render_pdf)
    client = client_for(make_role_user("focal_point"))

    response = request_report(client)

    assert response.status_code == 302
    report = CountryReport.objects.get()
    assert report_task_inline == [report.pk]
    assert report.status == ReportStatus.FAILED
    assert report.last_error == "WeasyPrint ran out of fonts"
    assert not report.pdf
    assert client.get(download_url(report)).status_code == 404

    page = client.get(reverse("tracking:reports", args=["GT"]))
    assert page.status_code == 200
    rows = page.content.decode()
    with translation.override("es"):
        failed, ready = str(ReportStatus.FAILED.label), str(ReportStatus.READY.label)
    assert f"<td>{failed}</td>" in rows
    assert f"<td>{ready}</td>" not in rows
    assert download_url(report) not in rows
    assert 'http-equiv="refresh"' not in rows  # nothing is pending any more


def test_a_failed_report_is_drawn_when_built_again(gt_course, report_task_inline, monkeypatch):
    def render_pdf(html, **kwargs):
        raise BuildFailed("down")

    with monkeypatch.context() as patched:
        patched.setattr(country_reports, "render_pdf", render_pdf)
        request_report(client_for(make_role_user("focal_point")))
    report = CountryReport.objects.get()
    assert report.status == ReportStatus.FAILED

    country_reports.report_build(report.pk)

    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    assert report.last_error == ""
    assert "Guatemala" in pdf_text(pdf_of(report))


def test_a_report_whose_task_was_lost_is_sent_again_then_given_up(gt_course, monkeypatch):
    sent: list[int] = []
    monkeypatch.setattr(tasks.report_build_task, "delay", sent.append)
    country = Country.objects.get(iso2="GT")
    now = timezone.now()
    fresh = CountryReport.objects.create(country=country, created_at=now - timedelta(minutes=2))
    lost = CountryReport.objects.create(country=country, created_at=now - timedelta(minutes=30))
    stale = CountryReport.objects.create(country=country, created_at=now - timedelta(days=2))

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert country_reports.reports_reconcile(now=now) == 1

    assert sent == [lost.pk]
    assert CountryReport.objects.get(pk=fresh.pk).status == ReportStatus.PENDING
    stale.refresh_from_db()
    assert stale.status == ReportStatus.FAILED and stale.last_error
