"""PDF country reports: requested from the reports page and drawn by a task, rebuilt idempotently,
failures kept; the monthly e-mail to each focal point, once, in their language; exports that
never hand a spreadsheet a formula."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from foundation.pdf.reading import page_count, pdf_text
from foundation.spreadsheets import spreadsheet_safe
from people.models import Country
from people.roles import Role
from tests.conftest import client_for, make_role_user
from tests.people.factories import person
from tests.tracking.factories import certified, certified_course, rule, staff
from tracking import tasks
from tracking.models import CountryReport, ReportDelivery, ReportStatus
from tracking.services import country_reports
from tracking.services.statuses import statuses_refresh

pytestmark = [pytest.mark.django_db, pytest.mark.clock_hours]

GT_COURSE = "Registro de entradas"
CR_COURSE = "Control de salidas"


class BuildFailed(RuntimeError):
    pass


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


@pytest.fixture
def gt_course():
    """Guatemala requires one course of its border officers; one of two holds its certificate."""
    course = certified_course(title=GT_COURSE)
    rule(iso2="GT", course=course)
    holder = staff(iso2="GT", full_name="Persona Guatemala Uno")
    staff(iso2="GT", full_name="Persona Guatemala Dos")
    certified(learner=holder, course=course)
    return course


def cr_focal_point(**fields):
    return person(
        role=Role.FOCAL_POINT, authority_code="cr-dgme", email=fields.pop("email", "focal.cr@example.org"), **fields
    )


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


# The monthly e-mail ----------------------------------------------------------------------------


@pytest.fixture
def focal_points(gt_course):
    """Two Guatemalan focal points (one reads English) and one of Costa Rica, which has its own rule."""
    rule(iso2="CR", course=certified_course(title=CR_COURSE))
    staff(iso2="CR", full_name="Persona Costa Rica")
    return {
        "gt_es": make_role_user("focal_point"),
        "gt_en": person(
            role=Role.FOCAL_POINT, authority_code="gt-igm", email="focal.en@example.org", preferred_language="en"
        ),
        "cr": cr_focal_point(),
    }


def sent_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def attachment_text(message) -> tuple[str, str]:
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "application/pdf"
    return filename, pdf_text(content)


def test_monthly_reports_are_mailed_once_to_each_focal_point_in_their_language(focal_points):
    sent = country_reports.monthly_reports_send(today=date(2026, 3, 15))

    assert sent == 3
    assert len(mail.outbox) == 3
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        user.email for user in focal_points.values()
    )

    [spanish] = sent_to("focal_point@example.org")
    assert spanish.subject == "Informe de certificación, Guatemala: febrero de 2026"
    filename, text = attachment_text(spanish)
    assert filename == "ocam-gt-2026-02.pdf"
    assert "Informe de certificación: Guatemala" in text and GT_COURSE in text
    assert "Informe mensual: febrero de 2026." in text

    [english] = sent_to("focal.en@example.org")
    assert english.subject == "Certification report, Guatemala: February 2026"
    assert "Attached is the monthly certification report of Guatemala for February 2026" in english.body
    filename, text = attachment_text(english)
    assert filename == "ocam-gt-2026-02.pdf"
    assert "Certification report: Guatemala" in text and "Monthly report: February 2026." in text
    assert "Informe de certificación" not in text

    month = date(2026, 2, 1)
    reports = CountryReport.objects.filter(month=month)
    assert sorted(reports.values_list("country__iso2", "language")) == [("CR", "es"), ("GT", "en"), ("GT", "es")]
    assert all(report.status == ReportStatus.READY for report in reports)
    deliveries = ReportDelivery.objects.all()
    assert deliveries.count() == 3
    assert all(delivery.sent_at is not None for delivery in deliveries)
    assert {(d.recipient.email, d.report.language) for d in deliveries.select_related("recipient", "report")} == {
        ("focal_point@example.org", "es"),
        ("focal.en@example.org", "en"),
        ("focal.cr@example.org", "es"),
    }


def test_monthly_reports_are_not_sent_twice_for_the_same_month(focal_points):
    country_reports.monthly_reports_send(today=date(2026, 3, 15))
    assert len(mail.outbox) == 3
    files = dict(CountryReport.objects.values_list("pk", "pdf"))

    assert country_reports.monthly_reports_send(today=date(2026, 3, 28)) == 0

    assert len(mail.outbox) == 3
    assert ReportDelivery.objects.count() == 3
    assert CountryReport.objects.count() == 3
    assert dict(CountryReport.objects.values_list("pk", "pdf")) == files

    # The next month is another report, sent again.
    assert country_reports.monthly_reports_send(today=date(2026, 4, 2)) == 3
    assert len(mail.outbox) == 6


def test_a_focal_point_gets_only_their_own_countrys_report(focal_points):
    country_reports.monthly_reports_send(today=date(2026, 3, 15))

    [message] = sent_to("focal.cr@example.org")
    assert "Costa Rica" in message.subject
    assert "Guatemala" not in message.subject
    assert "Guatemala" not in message.body
    filename, text = attachment_text(message)
    assert filename == "ocam-cr-2026-02.pdf"
    assert "Informe de certificación: Costa Rica" in text
    assert CR_COURSE in text
    assert "Guatemala" not in text
    assert GT_COURSE not in text
    for address in ("focal_point@example.org", "focal.en@example.org"):
        [guatemalan] = sent_to(address)
        assert "Costa Rica" not in guatemalan.subject
        assert "Costa Rica" not in attachment_text(guatemalan)[1]
        assert CR_COURSE not in attachment_text(guatemalan)[1]


def test_focal_points_are_those_of_the_country_only(focal_points):
    inactive = person(role=Role.FOCAL_POINT, authority_code="gt-igm", email="gone@example.org")
    inactive.is_active = False
    inactive.save()
    guatemala = Country.objects.get(iso2="GT")

    assert list(country_reports.focal_points(guatemala)) == [focal_points["gt_es"], focal_points["gt_en"]]
    assert list(country_reports.focal_points(Country.objects.get(iso2="CR"))) == [focal_points["cr"]]


# Exports ---------------------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://x")'


@pytest.fixture
def formula_person(gt_course):
    officer = staff(iso2="GT", email="formula@example.org")
    officer.full_name = FORMULA
    officer.save(update_fields=["full_name"])
    statuses_refresh(country=Country.objects.get(iso2="GT"))
    return officer


def test_people_csv_neutralises_a_formula(formula_person):
    client = client_for(make_role_user("focal_point"))

    response = client.get(reverse("tracking:people", args=["GT"]) + "?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    [row] = [row for row in rows if "formula@example.org" in row]
    assert row[0] == spreadsheet_safe(FORMULA) == "'" + FORMULA
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_people_xlsx_neutralises_a_formula(formula_person):
    client = client_for(make_role_user("focal_point"))

    response = client.get(reverse("tracking:people", args=["GT"]) + "?format=xlsx")

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    [row] = [row for row in sheet.iter_rows() if any(cell.value == "formula@example.org" for cell in row)]
    name = row[0]
    assert name.data_type != "f"
    assert isinstance(name.value, str)
    assert not name.value.startswith("=")
    assert name.value == "'" + FORMULA
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_one_countrys_drawing_error_does_not_stop_the_others(focal_points, monkeypatch):
    drawn = country_reports.report_build

    def report_build(report_id: int):
        if CountryReport.objects.get(pk=report_id).country.iso2 == "CR":
            raise BuildFailed("no fonts")
        return drawn(report_id)

    monkeypatch.setattr(country_reports, "report_build", report_build)

    assert country_reports.monthly_reports_send(today=date(2026, 3, 15)) == 2
    costa_rica = CountryReport.objects.get(country__iso2="CR")
    assert (costa_rica.status, costa_rica.last_error) == (ReportStatus.FAILED, "no fonts")
    assert sent_to("focal.cr@example.org") == []

    # The next run (the task's retry, or the next day) draws it and sends it, once.
    monkeypatch.setattr(country_reports, "report_build", drawn)
    assert country_reports.monthly_reports_send(today=date(2026, 3, 16)) == 1
    assert len(sent_to("focal.cr@example.org")) == 1


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
