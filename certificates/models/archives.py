"""Bulk downloads: a zip of a cohort's or a country's certificates, prepared in the background."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models.storage import private_storage


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
