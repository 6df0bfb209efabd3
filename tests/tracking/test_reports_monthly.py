"""The monthly report e-mail: mailed once to each focal point in their language with their own
country's report, never twice for a month, to the country's active focal points only; one
country's drawing error does not stop the others and is sent by the next run.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from foundation.pdf.reading import pdf_text
from people.models import Country
from people.roles import Role
from tests.conftest import make_role_user
from tests.people.factories import person
from tests.tracking.factories import certified_course, rule, staff
from tests.tracking.reporting import CR_COURSE, GT_COURSE, BuildFailed, cr_focal_point
from tracking.models import CountryReport, ReportDelivery, ReportStatus
from tracking.services import country_reports

pytestmark = [pytest.mark.django_db, pytest.mark.clock_hours]


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
