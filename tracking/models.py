"""Country tracking: mandatory training rules, each covered person's status, and the summaries
the dashboards read.

Invariants:
- a rule names one country, one job function and one course (by the course's translation key,
  so it holds in both languages); at most one rule per triple;
- `PersonStatus` has one row per rule and covered person: it is derived data, rebuilt by
  `services.statuses_refresh` from the roster, the certificates and the date, never edited;
- `CoverageCount` and `CoverageMonth` summarise those rows per country, so that a dashboard
  reads a few hundred counts whatever the number of staff;
- every row about people carries its country, and every read goes through `selectors`, which
  take the viewer and scope by country (D7);
- every choice field is backed by a named database constraint.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from certificates.models.storage import private_storage
from people.models import JobFunction


class ComplianceStatus(models.TextChoices):
    COMPLIANT = "compliant", pgettext_lazy("training status", "Compliant")
    EXPIRING = "expiring", pgettext_lazy("training status", "Expiring")
    DUE = "due", pgettext_lazy("training status", "Due")
    OVERDUE = "overdue", pgettext_lazy("training status", "Overdue")
    EXPIRED = "expired", pgettext_lazy("training status", "Expired")


# A valid certificate ending within these many days is "expiring", in the first band it fits.
EXPIRING_BANDS = (30, 60, 90)
HOLDING = (ComplianceStatus.COMPLIANT, ComplianceStatus.EXPIRING)


def _in_choices(field: str, choices: type[models.TextChoices]) -> models.Q:
    return models.Q(**{f"{field}__in": choices.values})


class TrainingRule(models.Model):
    """Job function F in country C must hold a valid certificate of course K, within `due_days`."""

    country = models.ForeignKey(
        "people.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="training_rules"
    )
    job_function = models.CharField(_("job function"), max_length=24, choices=JobFunction.choices)
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="+"
    )
    course_key = models.UUIDField(_("course key"), editable=False)
    due_days = models.PositiveSmallIntegerField(
        _("days to complete"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_("People who come under the rule must hold the certificate within this many days."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("mandatory training rule")
        verbose_name_plural = _("mandatory training rules")
        ordering = ["country__name_es", "job_function", "course_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "job_function", "course_key"],
                name="tracking_rule_unique",
                violation_error_message=_("This job function already has a rule for this course in this country."),
            ),
            models.CheckConstraint(condition=_in_choices("job_function", JobFunction), name="tracking_rule_job_valid"),
            models.CheckConstraint(
                condition=models.Q(due_days__gte=1, due_days__lte=730), name="tracking_rule_due_days_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} · {self.get_job_function_display()} · {self.course}"

    def save(self, *args, **kwargs) -> None:
        if self.course_id is not None:
            self.course_key = self.course.translation_key
        super().save(*args, **kwargs)


class PersonStatus(models.Model):
    """Where one covered person stands against one rule (derived; rebuilt by the services)."""

    rule = models.ForeignKey(TrainingRule, on_delete=models.CASCADE, related_name="statuses")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_statuses")
    country = models.ForeignKey("people.Country", on_delete=models.CASCADE, related_name="+")
    authority = models.ForeignKey("people.Authority", on_delete=models.CASCADE, related_name="+")
    duty_post = models.ForeignKey("people.DutyPost", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    job_function = models.CharField(max_length=24, choices=JobFunction.choices)
    course_key = models.UUIDField()
    status = models.CharField(_("status"), max_length=12, choices=ComplianceStatus.choices)
    expiring_within = models.PositiveSmallIntegerField(null=True, blank=True)  # one of EXPIRING_BANDS
    assigned_on = models.DateField(_("under the rule since"))
    due_on = models.DateField(_("due date"))
    expires_on = models.DateField(_("certificate expires on"), null=True, blank=True)
    certificate = models.ForeignKey(
        "certificates.Certificate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refreshed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("training status")
        verbose_name_plural = _("training statuses")
        constraints = [
            models.UniqueConstraint(fields=["rule", "person"], name="tracking_status_one_per_rule"),
            models.CheckConstraint(condition=_in_choices("status", ComplianceStatus), name="tracking_status_valid"),
            models.CheckConstraint(
                condition=models.Q(expiring_within__isnull=True) | models.Q(expiring_within__in=EXPIRING_BANDS),
                name="tracking_status_band_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["country", "course_key", "status"], name="tracking_status_country"),
            models.Index(fields=["person"], name="tracking_status_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.course_key} · {self.status}"


class CoverageCount(models.Model):
    """How many people of a country, course, authority and duty post are in each status."""

    country = models.ForeignKey("people.Country", on_delete=models.CASCADE, related_name="+")
    course_key = models.UUIDField()
    authority = models.ForeignKey("people.Authority", on_delete=models.CASCADE, related_name="+")
    duty_post = models.ForeignKey("people.DutyPost", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=ComplianceStatus.choices)
    expiring_within = models.PositiveSmallIntegerField(null=True, blank=True)
    people = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=_in_choices("status", ComplianceStatus), name="tracking_count_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["country", "course_key"], name="tracking_count_country")]

    def __str__(self) -> str:
        return f"{self.country_id} · {self.course_key} · {self.status}: {self.people}"


class CoverageMonth(models.Model):
    """A country's coverage of one mandatory course at the end of a month (the current month: today)."""

    country = models.ForeignKey("people.Country", on_delete=models.CASCADE, related_name="+")
    course_key = models.UUIDField()
    month = models.DateField()  # the first day of the month
    required = models.PositiveIntegerField()
    valid = models.PositiveIntegerField()

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["country", "course_key", "month"], name="tracking_month_unique"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="tracking_month_first_day"),
            models.CheckConstraint(condition=models.Q(valid__lte=models.F("required")), name="tracking_month_valid_le"),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} · {self.course_key} · {self.month:%Y-%m}: {self.valid}/{self.required}"


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(first: date) -> date:
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def months_back(first: date, count: int) -> list[date]:
    """`count` first days of months ending with `first`, oldest first."""
    months = [first]
    for _index in range(count - 1):
        months.append(month_start(months[-1] - timedelta(days=1)))
    return list(reversed(months))


class ImportStatus(models.TextChoices):
    INVALID = "invalid", _("Has errors")
    CHECKED = "checked", _("Checked, ready to import")
    APPLIED = "applied", _("Imported")


class RosterImport(models.Model):
    """An uploaded staff roster and its dry run, kept so that the check page and the import use the very
    same rows without reading the file again."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    country = models.ForeignKey("people.Country", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    file_name = models.CharField(_("file"), max_length=200)
    data = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    # The dry run's result (`roster.plans.RosterPlan.to_json`): the page and the import read it; the file is read once.
    plan = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ImportStatus.choices)
    rows = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(condition=_in_choices("status", ImportStatus), name="tracking_import_status_valid"),
        ]

    def __str__(self) -> str:
        return self.file_name


class Invitation(models.Model):
    """A set-password invitation for a person a roster import created; sent once, by a task."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitation")
    roster_import = models.ForeignKey(RosterImport, null=True, on_delete=models.SET_NULL, related_name="invitations")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id} · {self.sent_at or '-'}"


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


def _report_path(report: CountryReport, filename: str) -> str:
    return f"tracking-reports/{report.token}.pdf"


class CountryReport(models.Model):
    """A PDF country report, drawn by a task: on request, or monthly for the focal points."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    country = models.ForeignKey("people.Country", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    month = models.DateField(null=True, blank=True)  # monthly reports: the month reported on
    language = models.CharField(max_length=5, default="es")
    status = models.CharField(max_length=8, choices=ReportStatus.choices, default=ReportStatus.PENDING)
    pdf = models.FileField(storage=private_storage, upload_to=_report_path, max_length=200, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=_in_choices("status", ReportStatus), name="tracking_report_status_valid"),
            models.UniqueConstraint(
                fields=["country", "month", "language"],
                condition=models.Q(month__isnull=False),
                name="tracking_report_one_monthly",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} · {self.created_at:%Y-%m-%d} · {self.status}"


class ReportDelivery(models.Model):
    """A monthly report e-mailed to one focal point: one row each, so each is sent once."""

    report = models.ForeignKey(CountryReport, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "recipient"], name="tracking_delivery_once")]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.recipient_id}"
