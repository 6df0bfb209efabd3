"""Certificates: templates trainers design, the certificates issued from them, and their history.

A certificate is one per learner, course and certification cycle (D5, a database constraint).
Its lifecycle has two halves:

- issuance (`issue_status`): pending -> issued, or failed (retried) or withdrawn (the learner
  turned out not to be eligible when the task ran);
- what a verifier is told (`public_status()`): valid, expired (from the expiry date on),
  revoked (with a reason, by someone) or superseded (a newer cycle replaced it).

Everything that happens to a certificate is appended to `CertificateEvent`, which the
application never updates or deletes.
"""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, PreviewableMixin, TranslatableMixin

from certificates.codes import code_display, code_new


class PrivateStorage(FileSystemStorage):
    """Files no URL serves directly (issued PDFs, archives): CERTIFICATES_PRIVATE_ROOT, read at each use."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> Path:  # type: ignore[override]
        return Path(settings.CERTIFICATES_PRIVATE_ROOT)

    @property
    def location(self) -> str:  # type: ignore[override]
        return str(Path(settings.CERTIFICATES_PRIVATE_ROOT).resolve())

    def deconstruct(self):
        return ("certificates.models.PrivateStorage", (), {})


private_storage = PrivateStorage()


# Placeholders a template's title and body may use, with what they stand for.
PLACEHOLDERS: dict[str, object] = {
    "learner_name": _("the learner's full name"),
    "course": _("the course title, in the certificate's language"),
    "completion_date": _("the date the course was completed"),
    "hours": _("the course's hours"),
    "competencies": _("the competencies or exercises passed"),
    "expiry_date": _("the date the certificate expires"),
    "code": _("the verification code"),
    "issuer": _("the issuing authority"),
}
HEX_COLOUR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
HEX_COLOUR = RegexValidator(HEX_COLOUR_RE, _("Enter a colour as #RRGGBB, for example #1F4E79."))


def placeholders_used(text: str) -> list[str]:
    """The {names} a text uses; raises ValidationError when a brace is unbalanced."""
    try:
        return [name for _literal, name, _spec, _conversion in string.Formatter().parse(text or "") if name is not None]
    except ValueError as error:
        raise ValidationError(
            _("A brace is not closed or not opened: %(error)s. Write placeholders as {learner_name}."),
            params={"error": error},
            code="placeholder_syntax",
        ) from error


def placeholders_validate(text: str) -> None:
    unknown = sorted({name for name in placeholders_used(text) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder(s): %(unknown)s. Available: %(available)s."),
            params={
                "unknown": ", ".join("{" + name + "}" for name in unknown),
                "available": ", ".join("{" + name + "}" for name in PLACEHOLDERS),
            },
            code="placeholder_unknown",
        )


def placeholders_fill(text: str, values: dict[str, str]) -> str:
    """Replace each known {placeholder}; the text was validated when the template was saved."""
    return re.sub(r"\{(\w+)\}", lambda match: values.get(match.group(1), match.group(0)), text or "")


class PageSize(models.TextChoices):
    A4 = "A4", _("A4")
    LETTER = "letter", _("Letter")


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", _("Landscape")
    PORTRAIT = "portrait", _("Portrait")


class FontFamily(models.TextChoices):
    NOTO_SANS = "Noto Sans", "Noto Sans"


class CertificateTemplate(TranslatableMixin, PreviewableMixin, ClusterableModel):
    """A certificate's design, in one language; its translations share a translation key."""

    name = models.CharField(_("name"), max_length=120, help_text=_("For trainers only."))
    page_size = models.CharField(_("page size"), max_length=10, choices=PageSize.choices, default=PageSize.A4)
    orientation = models.CharField(
        _("orientation"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    background = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("background image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200, default="Certificado")
    body = models.TextField(
        _("body text"),
        max_length=1200,
        help_text=_(
            "Placeholders: {learner_name}, {course}, {completion_date}, {hours}, {competencies}, "
            "{expiry_date}, {code}, {issuer}. A blank line starts a new paragraph."
        ),
    )
    primary_colour = models.CharField(_("main colour"), max_length=7, default="#1F4E79", validators=[HEX_COLOUR])
    text_colour = models.CharField(_("text colour"), max_length=7, default="#1A1A1A", validators=[HEX_COLOUR])
    font_family = models.CharField(_("font"), max_length=40, choices=FontFamily.choices, default=FontFamily.NOTO_SANS)
    is_default = models.BooleanField(
        _("default template"), default=False, help_text=_("Used for courses that have no certification rule.")
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("page_size"), FieldPanel("orientation"), FieldPanel("font_family")]),
        FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("text_colour")]),
        FieldPanel("background"),
        InlinePanel("logos", label=_("Logos"), max_num=4),
        FieldPanel("title"),
        FieldPanel("body"),
        InlinePanel("signatories", label=_("Signatories"), max_num=3),
        FieldPanel("is_default"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        for field in ("title", "body"):
            try:
                placeholders_validate(getattr(self, field))
            except ValidationError as error:
                errors[field] = error.error_list
        if errors:
            raise ValidationError(errors)
        if not HEX_COLOUR_RE.match(self.primary_colour or "") or not HEX_COLOUR_RE.match(self.text_colour or ""):
            return  # the field validators report it
        from certificates.rendering import template_fits_check

        try:
            template_fits_check(self)
        except ValidationError as error:
            raise ValidationError({"body": error.error_list}) from error

    # Previews: the PDF with sample data (the admin's live preview), or its HTML.
    preview_modes = [("", _("PDF")), ("html", _("HTML"))]

    def serve_preview(self, request, mode_name):
        from django.http import HttpResponse

        from certificates.rendering import template_preview_html, template_preview_pdf

        if mode_name == "html":
            return HttpResponse(template_preview_html(self))
        response = HttpResponse(template_preview_pdf(self), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="preview.pdf"'
        return response


class TemplateLogo(Orderable):
    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="logos")
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL, verbose_name=_("logo"), on_delete=models.PROTECT, related_name="+"
    )
    alt = models.CharField(_("text alternative"), max_length=120, help_text=_("For example: IOM logo."))

    panels = [FieldPanel("image"), FieldPanel("alt")]


class TemplateSignatory(Orderable):
    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("position"), max_length=160)
    signature = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("title")]), FieldPanel("signature")]


class CourseCertification(models.Model):
    """How a course certifies: its template, and how holders renew (validity is the course's own)."""

    course = models.OneToOneField(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="certification"
    )
    template = models.ForeignKey(CertificateTemplate, verbose_name=_("template"), on_delete=models.PROTECT)
    refresher_course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("refresher course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Holders renew by completing this course; empty: by taking the course again."),
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        _("renewal opens (days before expiry)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )
    competencies_es = models.TextField(
        _("competencies (Spanish)"),
        blank=True,
        help_text=_("One per line: what a holder has shown they can do ({competencies} on the certificate)."),
    )
    competencies_en = models.TextField(_("competencies (English)"), blank=True)

    panels = [
        FieldPanel("course"),
        FieldPanel("template"),
        FieldRowPanel([FieldPanel("refresher_course"), FieldPanel("renewal_window_days")]),
        FieldRowPanel([FieldPanel("competencies_es"), FieldPanel("competencies_en")]),
    ]

    class Meta:
        verbose_name = _("certification rule")
        verbose_name_plural = _("certification rules")

    def __str__(self) -> str:
        return str(self.course)

    def competencies_in(self, language: str) -> tuple[str, ...]:
        text = (self.competencies_en if language == "en" else "") or self.competencies_es
        return tuple(line.strip() for line in text.splitlines() if line.strip())

    def clean(self) -> None:
        if self.refresher_course_id and self.refresher_course_id == self.course_id:
            raise ValidationError({"refresher_course": _("Leave empty to renew with the course itself.")})


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


class BulkStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


def _archive_path(download: BulkDownload, filename: str) -> str:
    return f"archives/{download.token}.zip"


class BulkDownload(models.Model):
    """A zip of a cohort's or a country's certificates, prepared in the background, kept for a day."""

    token = models.UUIDField(unique=True, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey("courses.Cohort", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    country = models.ForeignKey("people.Country", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=BulkStatus.choices, default=BulkStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    # Issued certificates of the scope left out because their PDF was not there (being drawn again).
    left_out = models.PositiveIntegerField(default=0)
    archive = models.FileField(storage=private_storage, upload_to=_archive_path, max_length=200, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cohort__isnull=False, country__isnull=True)
                | models.Q(cohort__isnull=True, country__isnull=False),
                name="certificates_bulk_one_scope",
            ),
            models.CheckConstraint(condition=models.Q(status__in=BulkStatus.values), name="certificates_bulk_status"),
        ]

    def __str__(self) -> str:
        return str(self.cohort or self.country)

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))

    @property
    def is_available(self) -> bool:
        return self.status == BulkStatus.READY and self.expires_at > timezone.now()


__all__ = [
    "BulkDownload",
    "BulkStatus",
    "Certificate",
    "CertificateEvent",
    "CertificateTemplate",
    "CourseCertification",
    "EventKind",
    "ExpiryReminder",
    "IssueStatus",
    "PublicStatus",
]
