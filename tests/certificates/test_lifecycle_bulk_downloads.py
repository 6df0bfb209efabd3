"""Bulk downloads: a cohort's certificates as a ZIP kept for 24 hours then cleaned, one scope per
request, and the certificates whose PDF is not there left out and counted.
"""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils.text import slugify

from certificates.models import BulkDownload, Certificate
from certificates.models.archives import BulkStatus
from certificates.services.archives import bulk_download_request, bulk_downloads_clean
from courses.models import Cohort
from people.roles import Role
from tests.certificates import factories
from tests.people.factories import country, person

pytestmark = [pytest.mark.django_db, pytest.mark.clock_hours]


def test_a_cohorts_certificates_download_as_a_zip_kept_for_24_hours(trainer, page, task_calls):
    cohort = Cohort.objects.create(
        name="Ola 1", course=page, starts_on="2026-01-10", ends_on="2026-02-10", due_on="2026-02-01"
    )
    members = [
        factories.certificate_recorded(learner=person(role=Role.LEARNER, full_name=name), course=page, cohort=cohort)
        for name in ("Ana Pérez", "Luis Gómez")
    ]
    outsider = factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page)

    with TestCase.captureOnCommitCallbacks(execute=True):
        download = bulk_download_request(by=trainer, cohort=cohort)

    download = BulkDownload.objects.get(pk=download.pk)
    assert task_calls.bulk_download == [download.pk]
    assert (download.status, download.done, download.total, download.percent) == (BulkStatus.READY, 2, 2, 100)
    assert download.is_available
    assert abs(download.expires_at - download.created_at - timedelta(hours=24)) < timedelta(seconds=1)
    with download.archive.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        names = archive.namelist()
        contents = {archive.read(name) for name in names}
    assert sorted(names) == sorted(f"{slugify(member.learner_name)}-{member.code}.pdf" for member in members)
    assert not any(outsider.code in name for name in names)
    assert contents == {member.pdf.open("rb").read() for member in members}

    path = Path(download.archive.path)
    assert bulk_downloads_clean(now=download.expires_at - timedelta(minutes=1)) == 0
    assert path.is_file()
    assert bulk_downloads_clean(now=download.created_at + timedelta(hours=24, seconds=1)) == 1
    assert not path.exists()
    assert not BulkDownload.objects.get(pk=download.pk).archive
    assert bulk_downloads_clean(now=download.created_at + timedelta(hours=48)) == 0


def test_a_bulk_download_needs_one_scope(trainer, page):
    cohort = Cohort.objects.create(
        name="Ola 2", course=page, starts_on="2026-01-10", ends_on="2026-02-10", due_on="2026-02-01"
    )

    with pytest.raises(ValidationError):
        bulk_download_request(by=trainer)
    with pytest.raises(ValidationError):
        bulk_download_request(by=trainer, cohort=cohort, country=country("GTM"))

    assert not BulkDownload.objects.exists()


def test_an_archive_leaves_out_the_certificates_whose_pdf_is_not_there_and_counts_them(trainer, page, task_calls):
    cohort = Cohort.objects.create(
        name="Ola 4", course=page, starts_on="2026-01-10", ends_on="2026-02-10", due_on="2026-02-01"
    )
    ready, unrecorded, lost = (
        factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page, cohort=cohort) for _ in range(3)
    )
    Certificate.objects.filter(pk=unrecorded.pk).update(pdf="")
    Path(lost.pdf.path).unlink()

    with TestCase.captureOnCommitCallbacks(execute=True):
        download = bulk_download_request(by=trainer, cohort=cohort)

    download = BulkDownload.objects.get(pk=download.pk)
    assert (download.status, download.total, download.left_out) == (BulkStatus.READY, 1, 2)
    with download.archive.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        assert [name.endswith(f"{ready.code}.pdf") for name in archive.namelist()] == [True]
