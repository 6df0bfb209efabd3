"""The learner's certificate pages: My certificates, My learning's section, downloads (404 to
anyone but the holder and staff in scope), the page saying a PDF is being prepared, badges and
renewal."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from certificates import tasks
from certificates.badges import badge_verify
from certificates.models import Certificate, CertificateEvent
from certificates.services.issuance import certificate_request
from certificates.services.reconcile import certificates_reconcile
from certificates.signing.payload import payload_verify
from certificates.views import PREPARING_REFRESH_SECONDS
from courses.models import Enrolment, EnrolmentSource
from people.roles import Role
from tests.certificates import factories
from tests.certificates.visitors import url
from tests.conftest import client_for
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spanish_by_default")]


# ---------------------------------------------------------------- the learner's pages


def test_my_certificates_lists_the_learners_certificates_with_their_links(learner, certificate, page):
    others = factories.certificate_recorded(learner=person(role=Role.LEARNER), course=factories.course_page())

    response = client_for(learner).get(reverse("certificates:mine"))

    html = response.content.decode()
    assert response.status_code == 200
    assert page.title in html
    assert certificate.code_display in html
    for name in ("download", "verify", "badge"):
        assert f'href="{url(name, certificate.code)}"' in html
    assert others.code not in html
    assert "private" in response["Cache-Control"]


def test_my_learning_shows_the_certificates_section(learner, certificate, page):
    response = client_for(learner).get(reverse("courses:my_learning"))

    html = response.content.decode()
    section = html[html.index('id="certificates-title"') :]
    assert response.status_code == 200
    assert page.title in section
    assert f'href="{url("download", certificate.code)}"' in section
    assert f'href="{reverse("certificates:mine")}"' in section


def test_my_learning_warns_of_a_certificate_about_to_expire(learner, page):
    factories.certificate_recorded(learner=learner, course=page, expires_on=timezone.localdate() + timedelta(days=20))
    factories.certificate_recorded(
        learner=learner, course=factories.course_page(), expires_on=timezone.localdate() + timedelta(days=300)
    )

    response = client_for(learner).get(reverse("courses:my_learning"))

    (section,) = response.context["sections"]
    assert section.count("message--warning") == 1
    assert "20" in section[section.index("message--warning") :]


def test_a_certificate_being_issued_is_announced_without_links(learner, page):
    pending = certificate_request(factories.completed_enrolment(learner=learner, course=page))

    response = client_for(learner).get(reverse("certificates:mine"))

    assert response.context["pending"] == [pending]
    assert response.context["held"] == []
    assert pending.code not in response.content.decode()


def test_my_certificates_offers_renewal_once_the_window_is_open(learner, page):
    soon = factories.certificate_recorded(
        learner=learner, course=page, expires_on=timezone.localdate() + timedelta(days=30)
    )
    later = factories.certificate_recorded(
        learner=learner, course=factories.course_page(), expires_on=timezone.localdate() + timedelta(days=300)
    )

    html = client_for(learner).get(reverse("certificates:mine")).content.decode()

    assert f'action="{url("renew", soon.code)}"' in html
    assert f'action="{url("renew", later.code)}"' not in html


# ---------------------------------------------------------------- downloads


def test_the_holder_downloads_the_pdf_whose_sha256_matches(learner, page):
    factories.certificate_template()
    issued = factories.certificate_issued(learner=learner, course=page)

    response = client_for(learner).get(url("download", issued.code))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="certificado-{issued.code}.pdf"'
    assert response.content.startswith(b"%PDF")
    assert hashlib.sha256(response.content).hexdigest() == issued.sha256
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(("language", "word"), [("es", "certificado"), ("en", "certificate")])
def test_the_pdf_is_named_in_the_certificates_language_whatever_the_sites(language, word, page):
    holder = person(role=Role.LEARNER, preferred_language=language)
    held = factories.certificate_recorded(learner=holder, course=page)

    for site_language in ("es", "en"):
        response = client_for(holder).get(url("download", held.code, site_language))

        disposition = response["Content-Disposition"]
        assert disposition == f'attachment; filename="{word}-{held.code}.pdf"', site_language
        assert disposition.isascii()


def test_another_learner_gets_404_not_403_for_a_certificate_not_theirs(certificate):
    other = client_for(person(role=Role.LEARNER))

    assert other.get(url("download", certificate.code)).status_code == 404
    assert other.get(url("badge", certificate.code)).status_code == 404
    assert other.post(url("renew", certificate.code)).status_code == 404


def test_an_anonymous_download_is_sent_to_log_in(certificate):
    response = Client().get(url("download", certificate.code))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:login"))
    assert "next=" in response["Location"]


def test_a_stored_file_that_is_not_the_one_issued_is_not_handed_out(learner, certificate):
    Path(certificate.pdf.path).write_bytes(b"%PDF-1.7 something else")

    assert client_for(learner).get(url("download", certificate.code)).status_code == 404


def legacy(certificate: Certificate, *, how: str) -> Certificate:
    """An issued certificate whose PDF is not there: never recorded (legacy data) or its file lost."""
    if how == "no file recorded":
        Certificate.objects.filter(pk=certificate.pk).update(pdf="")
    else:
        Path(certificate.pdf.path).unlink()
    return Certificate.objects.get(pk=certificate.pk)


def heading(response) -> str:
    return " ".join(re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).split())


@pytest.mark.parametrize("state", ["pending", "failed", "no file recorded", "file lost"])
def test_a_pdf_not_there_yet_answers_a_page_saying_it_is_being_prepared(learner, page, state):
    if state in ("pending", "failed"):
        certificate = certificate_request(factories.completed_enrolment(learner=learner, course=page))
        Certificate.objects.filter(pk=certificate.pk).update(issue_status=state)
    else:
        certificate = legacy(factories.certificate_recorded(learner=learner, course=page), how=state)

    response = client_for(learner).get(url("download", certificate.code))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert heading(response) == "Su certificado se está preparando"
    assert 'role="status"' in response.content.decode()
    assert response["Refresh"] == str(PREPARING_REFRESH_SECONDS)
    assert "private" in response["Cache-Control"]
    assert f'href="{reverse("certificates:mine")}"' in response.content.decode()


def test_the_page_saying_a_pdf_is_being_prepared_speaks_english_on_the_english_site(learner, page):
    certificate = legacy(factories.certificate_recorded(learner=learner, course=page), how="no file recorded")

    response = client_for(learner).get(url("download", certificate.code, "en"))

    assert heading(response) == "Your certificate is being prepared"
    assert "This page checks again every 10 seconds" in response.content.decode()


def test_the_page_saying_a_pdf_is_being_prepared_stops_reloading_when_asked(learner, page):
    certificate = legacy(factories.certificate_recorded(learner=learner, course=page), how="no file recorded")
    client = client_for(learner)

    reloading = client.get(url("download", certificate.code))
    stopped = client.get(url("download", certificate.code), {"refresh": "off"})

    assert "Dejar de comprobar automáticamente" in reloading.content.decode()
    assert 'href="?refresh=off"' in reloading.content.decode()
    assert stopped.status_code == 200
    assert "Refresh" not in stopped
    assert "Comprobar de nuevo y descargar" in stopped.content.decode()


def test_a_get_of_a_pdf_not_there_yet_writes_nothing_and_queues_nothing(learner, page, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.certificate_issue_task, "delay", sent.append)
    certificate = legacy(factories.certificate_recorded(learner=learner, course=page), how="no file recorded")
    events_before = CertificateEvent.objects.count()

    with TestCase.captureOnCommitCallbacks(execute=True):
        client_for(learner).get(url("download", certificate.code))

    assert sent == []
    assert CertificateEvent.objects.count() == events_before
    assert Certificate.objects.get().pdf.name == ""


def test_staff_see_the_being_prepared_page_for_a_certificate_in_their_scope(trainer, learner, page):
    certificate = legacy(factories.certificate_recorded(learner=learner, course=page), how="file lost")

    response = client_for(trainer).get(url("download", certificate.code))

    assert response.status_code == 200
    assert response["Refresh"] == str(PREPARING_REFRESH_SECONDS)


def test_a_pdf_being_prepared_is_still_not_told_to_anyone_else(learner, page):
    pending = certificate_request(factories.completed_enrolment(learner=learner, course=page))
    withdrawn = certificate_request(
        factories.completed_enrolment(learner=learner, course=factories.course_page(title="Otro curso"))
    )
    Certificate.objects.filter(pk=withdrawn.pk).update(issue_status="withdrawn")

    assert client_for(person(role=Role.LEARNER)).get(url("download", pending.code)).status_code == 404
    assert client_for(learner).get(url("download", withdrawn.code)).status_code == 404
    assert client_for(learner).get(url("badge", pending.code)).status_code == 404


def test_once_the_reconcile_task_draws_the_missing_pdf_the_same_address_downloads_it(learner, page, task_calls):
    factories.certificate_template()
    issued = factories.certificate_issued(learner=learner, course=page)
    certificate = legacy(issued, how="no file recorded")
    client = client_for(learner)
    assert client.get(url("download", certificate.code))["Content-Type"].startswith("text/html")

    with TestCase.captureOnCommitCallbacks(execute=True):
        certificates_reconcile()
    response = client.get(url("download", certificate.code))

    redrawn = Certificate.objects.get()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == redrawn.sha256
    assert (redrawn.code, redrawn.payload) == (issued.code, issued.payload)


# ---------------------------------------------------------------- badges


def test_the_badge_is_a_signed_credential_that_verifies(learner, certificate):
    response = client_for(learner).get(url("badge", certificate.code))

    credential = json.loads(response.content)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert badge_verify(credential) is True
    assert certificate.learner_name in response.content.decode()


def test_the_badge_is_valid_from_the_issue_date_of_the_certificate(settings, learner, certificate):
    settings.TIME_ZONE = "America/Guatemala"
    issued_on = payload_verify(certificate.payload)["iat"]
    evening = timezone.make_aware(datetime.combine(date.fromisoformat(issued_on), time(21, 30)))  # UTC: the next day
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=evening)

    credential = client_for(learner).get(url("badge", certificate.code)).json()

    assert credential["validFrom"] == f"{issued_on}T00:00:00Z"


# ---------------------------------------------------------------- renewal


def test_renewing_inside_the_window_enrols_again_and_goes_to_the_course(learner, page):
    certificate = factories.certificate_recorded(
        learner=learner, course=page, expires_on=timezone.localdate() + timedelta(days=30)
    )

    response = client_for(learner).post(url("renew", certificate.code))

    renewal = Enrolment.objects.get(learner=learner, cycle=2)
    assert response.status_code == 302
    assert response["Location"] == page.url
    assert (renewal.course_key, renewal.source) == (page.translation_key, EnrolmentSource.RENEWAL)


def test_renewing_before_the_window_goes_back_to_my_certificates(learner, certificate):
    client = client_for(learner)

    response = client.post(url("renew", certificate.code))

    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:mine")
    assert not Enrolment.objects.filter(cycle=2).exists()
    assert client.get(url("renew", certificate.code)).status_code == 405
