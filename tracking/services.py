"""Writes for country tracking: rules, the statuses and summaries derived from them, roster
imports and their invitations, and the PDF country reports.

Statuses are derived data: `statuses_refresh` rebuilds a country's from its roster, its rules,
its people's certificates and the date, in a bounded number of queries whatever the number of
staff; the dashboards read only the summaries it leaves behind.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates.models import Certificate, IssueStatus
from certificates.pdf import render_pdf
from certificates.services import send_task_on_commit
from courses.models import CoursePage
from courses.services import enrolments_assign
from people.languages import supported_language as language_or_default
from people.models import Country, StaffProfile, User
from people.roles import GROUP_NAMES, Role
from people.services import password_choice_link
from tracking.models import (
    EXPIRING_BANDS,
    HOLDING,
    ComplianceStatus,
    CountryReport,
    CoverageCount,
    CoverageMonth,
    ImportStatus,
    Invitation,
    PersonStatus,
    ReportDelivery,
    ReportStatus,
    RosterImport,
    TrainingRule,
    month_end,
    month_start,
    months_back,
)
from tracking.roster.applying import RosterApplyResult, roster_apply
from tracking.roster.planning import roster_plan, roster_replan
from tracking.roster.plans import CREATE, UNCHANGED, UPDATE, RosterPlan, plan_from_json
from tracking.selectors import course_gives_certificate

logger = logging.getLogger(__name__)

BATCH = 500


# Rules --------------------------------------------------------------------------------------


@transaction.atomic
def rule_save(
    *,
    country: Country,
    job_function: str,
    course: CoursePage,
    due_days: int,
    is_active: bool = True,
    by: User | None = None,
    rule: TrainingRule | None = None,
) -> TrainingRule:
    """Create or change a mandatory training rule, then refresh the country's statuses."""
    if not course_gives_certificate(course_key=course.translation_key):
        raise ValidationError(
            {"course": _("This course gives no certificate; a trainer must set up its certificate first.")}
        )
    rule = rule or TrainingRule(country=country, created_by=by)
    rule.country = country
    rule.job_function = job_function
    rule.course = course
    rule.course_key = course.translation_key
    rule.due_days = due_days
    rule.is_active = is_active
    rule.full_clean()
    rule.save()
    statuses_refresh(country=country)
    return rule


@transaction.atomic
def rule_delete(*, rule: TrainingRule) -> None:
    country = rule.country
    rule.delete()
    statuses_refresh(country=country)


# Statuses -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    status: str
    expiring_within: int | None
    due_on: date
    expires_on: date | None
    certificate_id: int | None


def standing(*, assigned_on: date, due_days: int, certificate: Certificate | None, today: date) -> Standing:
    """Where a person stands against a rule, from their best certificate and the date."""
    due_on = assigned_on + timedelta(days=due_days)
    if certificate is None:
        status = ComplianceStatus.OVERDUE if today > due_on else ComplianceStatus.DUE
        return Standing(status, None, due_on, None, None)
    expires_on = certificate.expires_on
    if expires_on is not None and expires_on <= today:
        return Standing(ComplianceStatus.EXPIRED, None, due_on, expires_on, certificate.pk)
    if expires_on is not None:
        days = (expires_on - today).days
        band = next((band for band in EXPIRING_BANDS if days <= band), None)
        if band is not None:
            return Standing(ComplianceStatus.EXPIRING, band, due_on, expires_on, certificate.pk)
    return Standing(ComplianceStatus.COMPLIANT, None, due_on, expires_on, certificate.pk)


def _best(current: Certificate | None, candidate: Certificate) -> Certificate:
    """The certificate that counts: the one valid longest (no expiry beats any expiry)."""
    if current is None:
        return candidate
    if current.expires_on is None:
        return current
    if candidate.expires_on is None or candidate.expires_on > current.expires_on:
        return candidate
    return current


def _held_certificates(*, country: Country, course_keys: set, person_ids: set[int] | None) -> list[Certificate]:
    """Issued, unrevoked certificates of the country's people for these courses (one query)."""
    certificates = Certificate.objects.filter(
        learner__staff_profile__country=country,
        course_key__in=course_keys,
        issue_status=IssueStatus.ISSUED,
        revoked_at__isnull=True,
    )
    if person_ids is not None:
        certificates = certificates.filter(learner_id__in=person_ids)
    return list(certificates.only("pk", "learner_id", "course_key", "expires_on", "issued_at"))


STATUS_FIELDS = (
    "authority_id",
    "duty_post_id",
    "job_function",
    "status",
    "expiring_within",
    "due_on",
    "expires_on",
    "certificate_id",
)


@transaction.atomic
def statuses_refresh(*, country: Country, person_ids: Iterable[int] | None = None, today: date | None = None) -> int:
    """Rebuild a country's statuses (all, or these people's), enrol who must train, and
    rebuild the country's summaries. Returns the number of statuses now held for those people."""
    today = today or timezone.localdate()
    people = set(person_ids) if person_ids is not None else None
    rules = list(TrainingRule.objects.filter(country=country, is_active=True).select_related("course"))
    by_function: dict[str, list[TrainingRule]] = defaultdict(list)
    for rule in rules:
        by_function[rule.job_function].append(rule)
    profiles = StaffProfile.objects.filter(country=country, user__is_active=True, job_function__in=list(by_function))
    if people is not None:
        profiles = profiles.filter(user_id__in=people)
    profiles = list(profiles.values("user_id", "authority_id", "duty_post_id", "job_function", "user__date_joined"))
    best: dict[tuple[int, uuid.UUID], Certificate] = {}
    for certificate in _held_certificates(
        country=country, course_keys={rule.course_key for rule in rules}, person_ids=people
    ):
        key = (certificate.learner_id, certificate.course_key)
        best[key] = _best(best.get(key), certificate)

    existing_rows = PersonStatus.objects.filter(country=country)
    if people is not None:
        existing_rows = existing_rows.filter(person_id__in=people)
    existing = {(row.rule_id, row.person_id): row for row in existing_rows}
    now = timezone.now()
    wanted, create, update = set(), [], []
    to_enrol: dict[tuple[int, bool], dict[int, date]] = defaultdict(dict)
    for profile in profiles:
        person_id = profile["user_id"]
        for rule in by_function[profile["job_function"]]:
            key = (rule.pk, person_id)
            wanted.add(key)
            row = existing.get(key)
            assigned_on = (
                row.assigned_on
                if row
                else max(timezone.localdate(rule.created_at), timezone.localdate(profile["user__date_joined"]))
            )
            result = standing(
                assigned_on=assigned_on,
                due_days=rule.due_days,
                certificate=best.get((person_id, rule.course_key)),
                today=today,
            )
            values = {
                "authority_id": profile["authority_id"],
                "duty_post_id": profile["duty_post_id"],
                "job_function": profile["job_function"],
                "status": result.status,
                "expiring_within": result.expiring_within,
                "due_on": result.due_on,
                "expires_on": result.expires_on,
                "certificate_id": result.certificate_id,
            }
            if row is None:
                create.append(
                    PersonStatus(
                        rule=rule,
                        person_id=person_id,
                        country=country,
                        course_key=rule.course_key,
                        assigned_on=assigned_on,
                        refreshed_at=now,
                        **values,
                    )
                )
            elif any(getattr(row, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(row, field, value)
                row.refreshed_at = now
                update.append(row)
            if result.status not in HOLDING:
                to_enrol[(rule.pk, result.status == ComplianceStatus.EXPIRED)][person_id] = result.due_on
    gone = [row.pk for key, row in existing.items() if key not in wanted]
    for start in range(0, len(gone), BATCH):
        PersonStatus.objects.filter(pk__in=gone[start : start + BATCH]).delete()
    PersonStatus.objects.bulk_create(create, batch_size=BATCH)
    PersonStatus.objects.bulk_update(update, [*STATUS_FIELDS, "refreshed_at"], batch_size=BATCH)
    rules_by_pk = {rule.pk: rule for rule in rules}
    for (rule_pk, renewing), due_dates in to_enrol.items():
        enrolments_assign(course=rules_by_pk[rule_pk].course, due_on_by_learner=due_dates, new_cycle=renewing)
    summaries_rebuild(country=country, rules=rules, today=today)
    return len(wanted)


def people_refresh(*, person_ids: Iterable[int]) -> None:
    """Refresh these people's statuses in every country they are, or were, counted in."""
    person_ids = set(person_ids)
    countries = set(
        StaffProfile.objects.filter(user_id__in=person_ids, country__isnull=False).values_list("country_id", flat=True)
    ) | set(PersonStatus.objects.filter(person_id__in=person_ids).values_list("country_id", flat=True))
    for country in Country.objects.filter(pk__in=countries):
        statuses_refresh(country=country, person_ids=person_ids)


def statuses_refresh_all(*, today: date | None = None) -> int:
    """The nightly refresh: every country's statuses move with the date."""
    total = 0
    for country in Country.objects.all():
        total += statuses_refresh(country=country, today=today)
    return total


def summaries_rebuild(*, country: Country, rules: list[TrainingRule], today: date) -> None:
    """The counts the dashboards read: by course, authority, duty post and status; and by month."""
    CoverageCount.objects.filter(country=country).delete()
    grouped = (
        PersonStatus.objects.filter(country=country)
        .values("course_key", "authority_id", "duty_post_id", "status", "expiring_within")
        .annotate(people=Count("person", distinct=True))
        .order_by()
    )
    CoverageCount.objects.bulk_create([CoverageCount(country=country, **row) for row in grouped], batch_size=BATCH)
    _months_record(country=country, rules=rules, today=today)


def _months_record(*, country: Country, rules: list[TrainingRule], today: date) -> None:
    """This month's coverage per course, and the months before it that were never recorded
    (reconstructed from the dates of the certificates of the people required now)."""
    keys = {rule.course_key for rule in rules}
    current = month_start(today)
    months = months_back(current, settings.TRACKING_TREND_MONTHS)
    CoverageMonth.objects.filter(country=country).exclude(course_key__in=keys).delete()
    recorded = set(CoverageMonth.objects.filter(country=country, month__in=months).values_list("course_key", "month"))
    totals = {
        row["course_key"]: row
        for row in PersonStatus.objects.filter(country=country)
        .values("course_key")
        .annotate(
            required=Count("person", distinct=True),
            valid=Count("person", distinct=True, filter=Q(status__in=HOLDING)),
        )
        .order_by()
    }
    for key in keys:
        row = totals.get(key, {"required": 0, "valid": 0})
        CoverageMonth.objects.update_or_create(
            country=country,
            course_key=key,
            month=current,
            defaults={"required": row["required"], "valid": row["valid"]},
        )
    missing = [(key, month) for key in keys for month in months[:-1] if (key, month) not in recorded]
    if not missing:
        return
    required = defaultdict(set)
    for key, person_id in PersonStatus.objects.filter(country=country).values_list("course_key", "person_id"):
        required[key].add(person_id)
    held = defaultdict(list)
    for certificate in Certificate.objects.filter(
        learner__staff_profile__country=country,
        course_key__in=keys,
        issue_status=IssueStatus.ISSUED,
        revoked_at__isnull=True,
    ).values("learner_id", "course_key", "issued_at", "expires_on"):
        if certificate["learner_id"] in required[certificate["course_key"]]:
            held[certificate["course_key"]].append(certificate)
    history = []
    for key, month in missing:
        end = month_end(month)
        valid = {
            c["learner_id"]
            for c in held[key]
            if timezone.localdate(c["issued_at"]) <= end and (c["expires_on"] is None or c["expires_on"] > end)
        }
        history.append(
            CoverageMonth(country=country, course_key=key, month=month, required=len(required[key]), valid=len(valid))
        )
    CoverageMonth.objects.bulk_create(history, batch_size=BATCH, ignore_conflicts=True)


# Roster imports -------------------------------------------------------------------------------


def _plan_keep(roster_import: RosterImport, plan: RosterPlan) -> None:
    """Record a dry run on its upload: the plan itself, its status and its counts."""
    counts = plan.counts
    roster_import.plan = plan.to_json()
    roster_import.status = ImportStatus.CHECKED if plan.is_valid else ImportStatus.INVALID
    roster_import.rows = len(plan.rows)
    roster_import.errors = len(plan.errors) + len(plan.file_errors)
    roster_import.created = counts[CREATE]
    roster_import.updated = counts[UPDATE]
    roster_import.unchanged = counts[UNCHANGED]


@transaction.atomic
def roster_import_check(*, country: Country, by: User, name: str, data: bytes) -> tuple[RosterImport, RosterPlan]:
    """The dry run: check an uploaded roster, and keep the file with its plan, so that the check page
    and the import read the plan instead of the file.

    A file refused before parsing (size, type, a workbook that unpacks too far) raises
    `uploads.RosterFileRefused` and is not kept.
    """
    plan = roster_plan(country=country, name=name, data=data)
    roster_import = RosterImport(
        country=country,
        uploaded_by=by,
        file_name=name[:200],
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    _plan_keep(roster_import, plan)
    roster_import.save()
    return roster_import, plan


def roster_import_plan(*, roster_import: RosterImport) -> RosterPlan:
    """The dry run kept with an upload (an upload kept before plans were stored is read again)."""
    plan = plan_from_json(roster_import.plan)
    if plan is None:
        plan = roster_plan(country=roster_import.country, name=roster_import.file_name, data=bytes(roster_import.data))
    return plan


def roster_import_apply(*, roster_import: RosterImport, by: User) -> RosterApplyResult:
    """Import a checked roster, all or nothing; invite the people it creates once it commits.

    The kept rows are planned again against the people as they are now (the file is not read
    again). If that plan differs from the one the focal point confirmed, nothing is imported:
    the new plan is kept, for them to check again.
    """
    with transaction.atomic():
        locked = RosterImport.objects.select_for_update().select_related("country").get(pk=roster_import.pk)
        if locked.status == ImportStatus.APPLIED:
            raise ValidationError(_("This file has already been imported."), code="applied")
        checked = roster_import_plan(roster_import=locked)
        if not checked.is_valid:
            raise ValidationError(
                _("This file has problems: nothing was imported. Correct them and upload the file again."),
                code="invalid",
            )
        plan = roster_replan(country=locked.country, plan=checked)
        is_stale = not plan.has_same_outcome(checked)
        if is_stale:
            _plan_keep(locked, plan)
            locked.save(update_fields=["plan", "status", "rows", "errors", "created", "updated", "unchanged"])
        else:
            result = _roster_import_write(locked, plan)
    if is_stale:
        raise ValidationError(
            _(
                "The staff changed since the file was checked, so nothing was imported. "
                "The check below is up to date: review it and import again."
            ),
            code="stale",
        )
    return result


def _roster_import_write(locked: RosterImport, plan: RosterPlan) -> RosterApplyResult:
    result = roster_apply(plan=plan)
    Invitation.objects.bulk_create(
        [Invitation(user_id=user_id, roster_import=locked) for user_id in result.created_user_ids],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    locked.status = ImportStatus.APPLIED
    locked.applied_at = timezone.now()
    locked.created = len(result.created_user_ids)
    locked.updated = result.updated
    locked.unchanged = result.unchanged
    locked.errors = 0
    locked.save(update_fields=["status", "applied_at", "created", "updated", "unchanged", "errors"])
    statuses_refresh(country=locked.country)
    if result.created_user_ids:
        from tracking.tasks import invitations_send_task

        send_task_on_commit(invitations_send_task, locked.pk)
    return result


def roster_imports_clean(*, now=None) -> int:
    """Forget uploads never imported after the retention period (they hold personal data)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.TRACKING_IMPORT_RETENTION_DAYS)
    deleted, _by_model = (
        RosterImport.objects.filter(uploaded_at__lt=cutoff).exclude(status=ImportStatus.APPLIED).delete()
    )
    return deleted


def invitations_send(*, roster_import_id: int | None = None) -> int:
    """E-mail each invited person, once, a link to choose their password, in their language."""
    invitations = Invitation.objects.filter(sent_at__isnull=True).select_related("user")
    if roster_import_id is not None:
        invitations = invitations.filter(roster_import_id=roster_import_id)
    sent = 0
    with get_connection() as connection:
        for invitation in invitations:
            user = invitation.user
            with translation.override(language_or_default(user.preferred_language)):
                context = {"user": user, "link": password_choice_link(user=user), "site_url": settings.SITE_URL}
                subject = " ".join(render_to_string("tracking/email/invitation_subject.txt", context).split())
                body = render_to_string("tracking/email/invitation_body.txt", context)
            EmailMessage(subject, body, None, [user.email], connection=connection).send()
            Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
            sent += 1
    return sent


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
    from tracking import dashboard, selectors

    report = CountryReport.objects.select_related("country", "requested_by").get(pk=report_id)
    if report.status == ReportStatus.READY and report.pdf:
        return report
    with translation.override(report.language):
        data = selectors.country_dashboard(viewer=report.requested_by, country=report.country)
        drawn = dashboard.dashboard_charts(data)
        context = {
            "report": report,
            "country": report.country,
            "dashboard": data,
            "charts_list": [drawn.coverage, drawn.statuses, drawn.trend, *drawn.by_post.values()],
            "overdue": selectors.person_status_list(
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
