"""Writes of the PDF country reports: asked for on a page or sent monthly to each focal point, drawn
by a task, delivered once to each reader; a report whose task was lost is sent again."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from foundation.background import send_task_on_commit
from foundation.pdf.rendering import render_pdf
from people.languages import supported_language as language_or_default
from people.models import Country, User
from people.roles import GROUP_NAMES, Role
from tracking.models import ComplianceStatus, CountryReport, ReportDelivery, ReportStatus, month_start

logger = logging.getLogger(__name__)


# Country reports ------------------------------------------------------------------------------


@transaction.atomic
def report_request(*, country: Country, by: User, language: str) -> CountryReport:
    """Ask for a PDF country report; a task draws it."""
    report = CountryReport.objects.create(country=country, requested_by=by, language=language_or_default(language))
    from tracking.tasks import report_build_task

    send_task_on_commit(report_build_task, report.pk)
    return report


def report_build(report_id: int) -> CountryReport:
    """Draw a report's PDF (idempotent: a ready report is left as it is)."""
    from tracking import dashboard
    from tracking.selectors.dashboards import country_dashboard
    from tracking.selectors.staff import person_status_list

    report = CountryReport.objects.select_related("country", "requested_by").get(pk=report_id)
    if report.status == ReportStatus.READY and report.pdf:
        return report
    with translation.override(report.language):
        data = country_dashboard(viewer=report.requested_by, country=report.country)
        drawn = dashboard.dashboard_charts(data)
        context = {
            "report": report,
            "country": report.country,
            "dashboard": data,
            "charts_list": [drawn.coverage, drawn.statuses, drawn.trend, drawn.practical, *drawn.by_post.values()],
            "overdue": person_status_list(
                viewer=report.requested_by, country=report.country, filters={"status": ComplianceStatus.OVERDUE}
            )[:200],
            "generated_at": timezone.now(),
        }
        html = render_to_string("tracking/report/country.html", context)
    pdf = render_pdf(html)
    report.pdf.save(f"{report.token}.pdf", ContentFile(pdf), save=False)
    report.status = ReportStatus.READY
    report.ready_at = timezone.now()
    report.last_error = ""
    report.save(update_fields=["pdf", "status", "ready_at", "last_error"])
    return report


def report_failed(report_id: int, error: Exception) -> None:
    CountryReport.objects.filter(pk=report_id).update(status=ReportStatus.FAILED, last_error=str(error)[:2000])


def focal_points(country: Country):
    return User.objects.filter(
        is_active=True, groups__name=GROUP_NAMES[Role.FOCAL_POINT], staff_profile__country=country
    ).order_by("pk")


def monthly_reports_send(*, today: date | None = None) -> int:
    """The monthly report on last month, e-mailed once to each focal point of each country."""
    today = today or timezone.localdate()
    month = month_start(month_start(today) - timedelta(days=1))
    sent = 0
    for country in Country.objects.all():
        recipients = list(focal_points(country))
        for language in sorted({language_or_default(user.preferred_language) for user in recipients}):
            readers = [user for user in recipients if language_or_default(user.preferred_language) == language]
            report, _created = CountryReport.objects.get_or_create(
                country=country, month=month, language=language, defaults={"requested_by": readers[0]}
            )
            if report.requested_by_id is None or report.requested_by not in readers:
                report.requested_by = readers[0]
                report.save(update_fields=["requested_by"])
            try:
                report = report_build(report.pk)
            except Exception as error:  # one country's drawing error must not stop the others
                logger.exception("Monthly report %s of %s could not be drawn", report.pk, country.iso2)
                report_failed(report.pk, error)
                continue
            for reader in readers:
                sent += _report_deliver(report=report, recipient=reader)
    return sent


REPORT_RESEND_AFTER = timedelta(minutes=10)
REPORT_GIVE_UP_AFTER = timedelta(days=1)


def reports_reconcile(*, now=None) -> int:
    """The safety net for reports whose task was lost (broker down, retries spent): send it again;
    a report still not drawn after a day is marked failed, so its page stops waiting."""
    now = now or timezone.now()
    pending = CountryReport.objects.filter(status=ReportStatus.PENDING, created_at__lt=now - REPORT_RESEND_AFTER)
    pending.filter(created_at__lt=now - REPORT_GIVE_UP_AFTER).update(
        status=ReportStatus.FAILED, last_error=_("The report was not drawn in time; ask for it again.")
    )
    from tracking.tasks import report_build_task

    resent = 0
    for report_id in pending.values_list("pk", flat=True):
        send_task_on_commit(report_build_task, report_id)
        resent += 1
    return resent


def _report_deliver(*, report: CountryReport, recipient: User) -> int:
    with transaction.atomic():
        delivery, _created = ReportDelivery.objects.select_for_update().get_or_create(
            report=report, recipient=recipient
        )
        if delivery.sent_at is not None:
            return 0
        with translation.override(report.language):
            context = {"report": report, "country": report.country, "user": recipient, "site_url": settings.SITE_URL}
            subject = " ".join(render_to_string("tracking/email/monthly_subject.txt", context).split())
            body = render_to_string("tracking/email/monthly_body.txt", context)
        message = EmailMessage(subject, body, None, [recipient.email])
        with report.pdf.open("rb") as pdf:
            message.attach(
                f"ocam-{report.country.iso2.lower()}-{report.month:%Y-%m}.pdf", pdf.read(), "application/pdf"
            )
        message.send()
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["sent_at"])
    return 1
