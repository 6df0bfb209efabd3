"""Learner and public pages: My certificates, My learning, downloads (404 to anyone but the holder),
the verification page and its lookups, the published key set and revocation list, badges, renewal."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import formats, timezone, translation

from certificates import tasks
from certificates.badges import badge_verify
from certificates.codes import ALPHABET
from certificates.models import Certificate, CertificateEvent
from certificates.models.certificate import PublicStatus
from certificates.services.issuance import certificate_request
from certificates.services.lifecycle import certificate_revoke
from certificates.services.reconcile import certificates_reconcile
from certificates.signing.keys import keys_from_jwks
from certificates.signing.payload import payload_verify
from certificates.signing.revocations import revocations_verify
from certificates.views import NOT_FOUND_MESSAGE, PREPARING_REFRESH_SECONDS
from courses.models import CoursePage, Enrolment, EnrolmentSource
from people.roles import Role
from tests.certificates import factories
from tests.conftest import client_for
from tests.people.factories import person

pytestmark = pytest.mark.django_db

KEYS_URL = "/.well-known/ocam-certificate-keys.json"
REVOCATIONS_URL = "/.well-known/ocam-certificate-revocations.json"


@pytest.fixture(autouse=True)
def spanish_by_default():
    """Each test starts in the default language: a request to /en/ leaves English active in the thread."""
    with translation.override("es"):
        yield


@pytest.fixture
def page(db) -> CoursePage:
    return factories.course_page(title="Consulta entre países", certificate_validity_months=24)


@pytest.fixture
def certificate(learner, page):
    return factories.certificate_recorded(
        learner=learner, course=page, expires_on=timezone.localdate() + timedelta(days=700)
    )


def url(name: str, code: str, language: str = "es") -> str:
    with translation.override(language):
        return reverse(f"certificates:{name}", args=[code])


def verifier() -> Client:
    """An anonymous client with an address of its own, so that its lookups count only against it."""
    return Client(REMOTE_ADDR=f"2001:db8::{uuid.uuid4().hex[:4]}")


def mistyped(code: str) -> str:
    position = 5
    replacement = next(character for character in ALPHABET if character != code[position])
    return code[:position] + replacement + code[position + 1 :]


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


# ---------------------------------------------------------------- the verification page


@pytest.mark.clock_hours
def test_the_verification_page_shows_status_name_course_dates_and_issuer_and_nothing_more(clock_hour, settings, page):
    holder = person(role=Role.LEARNER, full_name="Ana Lucía Pérez Núñez", email="ana.perez@example.org")
    certificate = factories.certificate_recorded(
        learner=holder, course=page, expires_on=timezone.localdate() + timedelta(days=700)
    )

    response = verifier().get(url("verify", certificate.code, "en"))

    html = response.content.decode()
    with translation.override("en"):
        # The day of the platform's time zone (ADR 0019), which the page shows: not the instant's UTC date.
        issued_on = formats.date_format(timezone.localdate(certificate.issued_at), "DATE_FORMAT")
        expires_on = formats.date_format(certificate.expires_on, "DATE_FORMAT")
    assert response.status_code == 200
    assert response.context["status"] == PublicStatus.VALID
    assert "Status: Valid" in html
    for shown in ("Ana Lucía Pérez Núñez", page.title, issued_on, expires_on, certificate.code_display):
        assert shown in html
    assert settings.CERTIFICATES_ISSUER_NAME in html
    assert "ana.perez@example.org" not in html
    assert holder.staff_profile.authority.name not in html


def _main_text(response) -> str:
    from html import unescape

    main = re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


@pytest.mark.clock_hours
@pytest.mark.parametrize("language", ["en", "es"])
def test_no_sentence_of_the_verification_page_ends_in_a_doubled_full_stop(clock_hour, language, page, trainer):
    """English dates and times end in "Dec." or "a.m."/"p.m.": a sentence ending with one must not add its own."""
    valid = factories.certificate_recorded(
        learner=person(role=Role.LEARNER), course=page, expires_on=timezone.localdate() + timedelta(days=700)
    )
    revoked = factories.certificate_recorded(
        learner=person(role=Role.LEARNER), course=page, expires_on=timezone.localdate() + timedelta(days=700)
    )
    certificate_revoke(certificate=revoked, by=trainer, reason="Fraude")
    expired = factories.certificate_recorded(
        learner=person(role=Role.LEARNER), course=page, expires_on=timezone.localdate() - timedelta(days=1)
    )

    responses = [verifier().get(url("verify", certificate.code, language)) for certificate in (valid, revoked, expired)]
    texts = {response.context["status"]: _main_text(response) for response in responses}

    assert set(texts) == {PublicStatus.VALID, PublicStatus.REVOKED, PublicStatus.EXPIRED}
    assert {status: ".." in text for status, text in texts.items()} == dict.fromkeys(texts, False)
    with translation.override(language):
        checked = f"{translation.gettext('Checked against the register')} {formats.date_format(timezone.localdate())}"
    assert all(checked in text for text in texts.values()), texts


def test_a_code_typed_with_hyphens_lower_case_and_spaces_leads_to_the_canonical_page(certificate):
    typed = f"  {certificate.code_display.lower().replace('-', ' - ')} "
    client = verifier()

    from_form = client.get(reverse("certificates:verify_form"), {"code": typed})
    from_address = client.get(url("verify", certificate.code_display.lower()))

    assert from_form.status_code == from_address.status_code == 302
    assert from_form["Location"] == from_address["Location"] == url("verify", certificate.code)


def test_a_mistyped_code_answers_no_certificate_with_this_code(certificate):
    client = verifier()

    with translation.override("en"):
        form_url = reverse("certificates:verify_form")

    page = client.get(url("verify", mistyped(certificate.code), "en"))
    form = client.get(form_url, {"code": mistyped(certificate.code)})

    for response in (page, form):
        assert response.status_code == 404
        assert "No certificate with this code" in response.content.decode()
        assert certificate.learner_name not in response.content.decode()


def test_a_mistyped_code_is_told_in_spanish_on_the_spanish_page(certificate):
    with translation.override("es"):
        spanish = str(NOT_FOUND_MESSAGE)
    assert not spanish.startswith("No certificate")

    response = verifier().get(url("verify", mistyped(certificate.code), "es"))

    assert response.status_code == 404
    assert spanish in response.content.decode()


def test_lookups_beyond_the_allowance_answer_429(settings, certificate):
    settings.CERTIFICATES_LOOKUPS_PER_WINDOW = 3
    client = verifier()

    answers = [
        client.get(url("verify", certificate.code)).status_code,
        client.get(reverse("certificates:verify_form"), {"code": mistyped(certificate.code)}).status_code,
        client.get(url("verify", certificate.code)).status_code,
    ]
    refused = client.get(url("verify", certificate.code))

    assert answers == [200, 404, 200]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == settings.CERTIFICATES_LOOKUP_WINDOW
    assert certificate.learner_name not in refused.content.decode()
    assert verifier().get(url("verify", certificate.code)).status_code == 200


def test_a_revoked_certificate_shows_revoked_on_the_next_request(certificate, trainer):
    client = verifier()
    assert client.get(url("verify", certificate.code, "en")).context["status"] == PublicStatus.VALID

    certificate_revoke(certificate=certificate, by=trainer, reason="Fraude")
    response = client.get(url("verify", certificate.code, "en"))

    assert response.context["status"] == PublicStatus.REVOKED
    assert "Status: Revoked" in response.content.decode()
    assert "Fraude" not in response.content.decode()


# ---------------------------------------------------------------- what offline verifiers fetch


def test_the_key_set_is_published_and_verifies_the_payload(certificate):
    response = Client().get(KEYS_URL)

    keys = keys_from_jwks(response.json())
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert certificate.key_id in keys
    assert payload_verify(certificate.payload, keys=keys)["c"] == certificate.code


def test_the_revocation_list_reflects_a_revocation_at_once(certificate, trainer):
    keys = keys_from_jwks(Client().get(KEYS_URL).json())
    before = revocations_verify(Client().get(REVOCATIONS_URL).json(), keys=keys)

    certificate_revoke(certificate=certificate, by=trainer, reason="Fraude")
    response = Client().get(REVOCATIONS_URL)

    assert certificate.code not in before
    assert revocations_verify(response.json(), keys=keys)[certificate.code]["status"] == "revoked"
    assert "no-cache" in response["Cache-Control"]


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
