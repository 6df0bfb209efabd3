"""Certificates issued, their lifecycle, and their history.

A certificate is one per learner, course and certification cycle (D5, a database constraint).
Its lifecycle has two halves:

- issuance (`issue_status`): pending -> issued, or failed (retried) or withdrawn (the learner
  turned out not to be eligible when the task ran);
- what a verifier is told (`public_status()`): valid, expired (from the expiry date on),
  revoked (with a reason, by someone) or superseded (a newer cycle replaced it).

What a certificate states (name, course, dates, the exercises passed as its evidence) is fixed
when it is issued, and drawing its PDF again never changes it.

Everything that happens to a certificate is appended to `CertificateEvent`, which the
application never updates or deletes. Expiry reminders sent are recorded in `ExpiryReminder`.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from certificates.codes import code_display, code_new
from certificates.models.design import CertificateTemplate
from certificates.models.storage import private_storage


class IssueStatus(models.TextChoices):
    PENDING = "pending", _("Being issued")
    ISSUED = "issued", _("Issued")
    FAILED = "failed", _("Failed, being retried")
    WITHDRAWN = "withdrawn", _("Not issued: the learner was not eligible")


class PublicStatus(models.TextChoices):
    VALID = "valid", pgettext_lazy("certificate status", "Valid")
    EXPIRED = "expired", pgettext_lazy("certificate status", "Expired")
    REVOKED = "revoked", pgettext_lazy("certificate status", "Revoked")
    SUPERSEDED = "superseded", _("Superseded by a newer certificate")


def _pdf_path(certificate: Certificate, filename: str) -> str:
    return f"certificates/{certificate.code[:2]}/{certificate.code}.pdf"


class Certificate(models.Model):
    code = models.CharField(_("verification code"), max_length=14, unique=True, default=code_new, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="certificates"
    )
    course_key = models.UUIDField(_("course"))
    cycle = models.PositiveSmallIntegerField(_("cycle"), default=1)
    enrolment = models.ForeignKey(
        "courses.Enrolment", null=True, blank=True, on_delete=models.SET_NULL, related_name="certificates"
    )
    issue_status = models.CharField(
        _("issuance"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # What the certificate says, fixed when it is issued.
    language = models.CharField(_("language"), max_length=5, blank=True)
    learner_name = models.CharField(_("name on the certificate"), max_length=300, blank=True)
    course_title = models.CharField(_("course title"), max_length=300, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    # The exercises passed, frozen at issuance (`certificates.signing.evidence` gives the shape);
    # an OCAM2 payload signs their digest. Empty for a course without exercises, and for
    # certificates issued before evidence was kept (OCAM1).
    evidence = models.JSONField(_("exercises passed"), default=list, blank=True, editable=False)
    template = models.ForeignKey(
        CertificateTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="certificates"
    )
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to=_pdf_path, max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    payload = models.TextField(_("signed payload"), blank=True)
    key_id = models.CharField(_("signing key"), max_length=16, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes", editable=False
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "course_key", "cycle"], name="certificates_one_per_cycle"),
            models.CheckConstraint(
                condition=models.Q(issue_status__in=IssueStatus.values), name="certificates_issue_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(issue_status=IssueStatus.ISSUED)
                | (~models.Q(sha256="") & ~models.Q(payload="") & models.Q(issued_at__isnull=False)),
                name="certificates_issued_is_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoked_reason=""),
                name="certificates_revocation_has_reason",
            ),
            models.CheckConstraint(condition=models.Q(cycle__gte=1), name="certificates_cycle_positive"),
        ]
        indexes = [
            models.Index(fields=["issue_status", "created_at"], name="certificates_issue_queue"),
            models.Index(fields=["expires_on"], name="certificates_expiry"),
        ]
        permissions = [("revoke_certificate", _("Can revoke certificates"))]

    def __str__(self) -> str:
        return f"{self.code_display} · {self.learner_name or self.learner}"

    @property
    def code_display(self) -> str:
        return code_display(self.code)

    @property
    def is_issued(self) -> bool:
        return self.issue_status == IssueStatus.ISSUED

    def public_status(self, today: date | None = None) -> PublicStatus:
        """What a verifier is told: revocation first, then replacement, then the date."""
        today = today or timezone.localdate()
        if self.revoked_at is not None:
            return PublicStatus.REVOKED
        if self.superseded_by_id is not None:
            return PublicStatus.SUPERSEDED
        if self.expires_on is not None and today >= self.expires_on:
            return PublicStatus.EXPIRED
        return PublicStatus.VALID

    @cached_property
    def days_to_expiry(self) -> int | None:
        return None if self.expires_on is None else (self.expires_on - timezone.localdate()).days


class EventKind(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ISSUED = "issued", _("Issued")
    RENDER_FAILED = "render_failed", _("Rendering failed")
    REDRAWN = "redrawn", _("PDF drawn again")
    WITHDRAWN = "withdrawn", _("Withdrawn: not eligible")
    EMAILED = "emailed", _("E-mailed to the learner")
    REVOKED = "revoked", pgettext_lazy("certificate status", "Revoked")
    SUPERSEDED = "superseded", _("Superseded")
    REMINDER = "reminder", _("Expiry reminder sent")


class AppendOnly(models.Model):
    """A record the application writes once and never changes (an audit log)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValueError(f"{type(self).__name__} is append-only: records are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{type(self).__name__} is append-only: records are never deleted.")


class CertificateEvent(AppendOnly):
    """The audit log: who did what to a certificate, when and why."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=16, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=EventKind.values), name="certificates_event_kind_valid")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {timezone.localtime(self.at):%Y-%m-%d %H:%M}"


class ExpiryReminder(models.Model):
    """One reminder sent: at most one per certificate and threshold (90, 60, 30 or 7 days)."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["certificate", "days_before"], name="certificates_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.certificate} · {self.days_before}"
