"""Bulk downloads: a zip of a cohort's or a country's certificates, built by a task, kept for a day."""

from __future__ import annotations

import io
import logging
import uuid
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from certificates.models import BulkDownload
from certificates.models.archives import BulkStatus
from certificates.models.certificate import IssueStatus
from certificates.models.storage import private_storage
from certificates.selectors import PdfNotAsIssued, certificate_list, certificate_pdf_read
from courses.models import Cohort
from foundation.background import send_task_on_commit
from people.models import Country, User

logger = logging.getLogger(__name__)


def bulk_download_request(*, by: User, cohort: Cohort | None = None, country: Country | None = None) -> BulkDownload:
    if (cohort is None) == (country is None):
        raise ValidationError(_("Choose a cohort or a country."), code="scope")
    download = BulkDownload.objects.create(
        token=uuid.uuid4(),
        requested_by=by,
        cohort=cohort,
        country=country,
        expires_at=timezone.now() + timedelta(hours=settings.CERTIFICATES_BULK_DOWNLOAD_HOURS),
    )
    from certificates.tasks import bulk_download_task

    send_task_on_commit(bulk_download_task, download.pk)
    return download


def bulk_download_certificates(download: BulkDownload):
    """The issued certificates in a download's scope, as its requester may see them."""
    certificates = certificate_list(viewer=download.requested_by).filter(issue_status=IssueStatus.ISSUED)
    if download.cohort_id:
        certificates = certificates.filter(
            enrolment__cohort_id=download.cohort_id,
        )
    else:
        certificates = certificates.filter(learner__staff_profile__country_id=download.country_id)
    return certificates.order_by("learner_name", "code")


def bulk_download_build(download_id: int) -> BulkDownload:
    """The zip of a download's certificates; one whose PDF is not there (yet) is left out and counted."""
    download = BulkDownload.objects.select_related("requested_by", "cohort", "country").get(pk=download_id)
    if download.status == BulkStatus.READY:
        return download
    certificates = list(bulk_download_certificates(download))
    BulkDownload.objects.filter(pk=download.pk).update(status=BulkStatus.RUNNING, total=len(certificates), done=0)
    buffer = io.BytesIO()
    included = 0
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for index, certificate in enumerate(certificates, start=1):
            try:
                data = certificate_pdf_read(certificate)
            except PdfNotAsIssued:
                logger.error(
                    "The stored PDF of certificate %s is not the one issued; left out of the archive.", certificate.code
                )
                data = None
            if data is not None:
                archive.writestr(f"{slugify(certificate.learner_name)}-{certificate.code}.pdf", data)
                included += 1
            if index % 10 == 0 or index == len(certificates):
                BulkDownload.objects.filter(pk=download.pk).update(done=index)
    name = download.archive.field.upload_to(download, "archive.zip")
    if private_storage.exists(name):
        private_storage.delete(name)
    download.archive.save(name, ContentFile(buffer.getvalue()), save=False)
    download.status = BulkStatus.READY
    download.total = download.done = included
    download.left_out = len(certificates) - included
    download.save(update_fields=["archive", "status", "total", "done", "left_out"])
    return download


def bulk_download_failed(download_id: int, error: Exception) -> None:
    BulkDownload.objects.filter(pk=download_id).update(status=BulkStatus.FAILED, error=str(error)[:2000])


def bulk_downloads_clean(*, now=None) -> int:
    """Remove archives past their 24 hours."""
    now = now or timezone.now()
    removed = 0
    for download in BulkDownload.objects.filter(expires_at__lte=now).exclude(archive=""):
        download.archive.delete(save=False)
        download.save(update_fields=["archive"])
        removed += 1
    return removed
