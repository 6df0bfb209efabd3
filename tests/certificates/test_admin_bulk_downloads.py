"""Bulk downloads in the admin: a trainer asks for a cohort's archive and downloads it (a stranger
cannot), the page reloads itself while it is prepared until asked to stop, says how many
certificates were left out, names the archive after the local day, and a gone file answers 404.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from certificates import tasks
from certificates.models import BulkDownload, Certificate
from courses.models import Cohort
from people.roles import Role
from tests.certificates import factories
from tests.conftest import client_for
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def test_a_trainer_asks_for_a_cohorts_archive_and_downloads_it(trainer, page, monkeypatch):
    factories.tasks_run_inline(monkeypatch)
    cohort = Cohort.objects.create(
        name="Ola 3", course=page, starts_on="2026-03-01", ends_on="2026-03-31", due_on="2026-03-20"
    )
    member = factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page, cohort=cohort)
    client = client_for(trainer)

    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = client.post(reverse("certificates_bulk"), {"cohort": cohort.pk, "country": ""})
    download = BulkDownload.objects.get()
    archive = client.get(reverse("certificates_bulk_file", args=[download.token]))
    stranger = client_for(person(role=Role.TRAINER, authority_code="iom"))

    assert asked.status_code == 302
    assert archive.status_code == 200
    content = b"".join(archive.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as opened:
        assert [name.endswith(f"{member.code}.pdf") for name in opened.namelist()] == [True]
    assert stranger.get(reverse("certificates_bulk_file", args=[download.token])).status_code == 404


def test_the_bulk_page_reloads_itself_while_an_archive_is_prepared_until_asked_to_stop(trainer, page, monkeypatch):
    monkeypatch.setattr(tasks.bulk_download_task, "delay", lambda download_id: None)  # the worker has not run yet
    cohort = Cohort.objects.create(
        name="Ola 5", course=page, starts_on="2026-03-01", ends_on="2026-03-31", due_on="2026-03-20"
    )
    client = client_for(trainer)
    idle = client.get(reverse("certificates_bulk"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("certificates_bulk"), {"cohort": cohort.pk, "country": ""})

    busy = client.get(reverse("certificates_bulk"))
    stopped = client.get(reverse("certificates_bulk"), {"refresh": "off"})

    assert "Refresh" not in idle
    assert busy["Refresh"] == "3"
    assert 'http-equiv="refresh"' not in busy.content.decode()
    assert 'href="?refresh=off"' in busy.content.decode()
    assert "Refresh" not in stopped
    assert "Recargar para ver el avance" in stopped.content.decode()


def test_an_archive_that_left_certificates_out_says_how_many(trainer, page, monkeypatch):
    factories.tasks_run_inline(monkeypatch)
    cohort = Cohort.objects.create(
        name="Ola 6", course=page, starts_on="2026-03-01", ends_on="2026-03-31", due_on="2026-03-20"
    )
    for _ in range(3):
        factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page, cohort=cohort)
    Certificate.objects.filter(pk__in=Certificate.objects.values("pk")[:2]).update(pdf="")
    client = client_for(trainer)

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("certificates_bulk"), {"cohort": cohort.pk, "country": ""})
    html = client.get(reverse("certificates_bulk")).content.decode()

    assert "Descargar (1 certificado)" in html
    assert "2 certificados omitidos: su PDF aún no está listo. Pida un archivo nuevo más tarde." in html


@pytest.mark.clock_hours
def test_an_archive_is_named_after_the_day_it_was_asked_for_in_the_platforms_time_zone(
    clock_hour, trainer, page, monkeypatch
):
    factories.tasks_run_inline(monkeypatch)
    cohort = Cohort.objects.create(
        name="Ola 7", course=page, starts_on="2026-03-01", ends_on="2026-03-31", due_on="2026-03-20"
    )
    factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page, cohort=cohort)
    client = client_for(trainer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("certificates_bulk"), {"cohort": cohort.pk, "country": ""})

    response = client.get(reverse("certificates_bulk_file", args=[BulkDownload.objects.get().token]))

    assert response["Content-Disposition"] == f'attachment; filename="certificates-{timezone.localdate():%Y%m%d}.zip"'


def test_an_archive_whose_file_is_gone_answers_404(trainer, page, monkeypatch):
    factories.tasks_run_inline(monkeypatch)
    cohort = Cohort.objects.create(
        name="Ola 8", course=page, starts_on="2026-03-01", ends_on="2026-03-31", due_on="2026-03-20"
    )
    factories.certificate_recorded(learner=person(role=Role.LEARNER), course=page, cohort=cohort)
    client = client_for(trainer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("certificates_bulk"), {"cohort": cohort.pk, "country": ""})
    download = BulkDownload.objects.get()
    Path(download.archive.path).unlink()

    assert client.get(reverse("certificates_bulk_file", args=[download.token])).status_code == 404
