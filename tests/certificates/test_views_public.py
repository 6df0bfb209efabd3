"""The public certificate pages: the verification page and its lookups (rate-limited per client
address), the published key set and the revocation list."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from certificates.models.certificate import PublicStatus
from certificates.services.lifecycle import certificate_revoke
from certificates.signing.keys import keys_from_jwks
from certificates.signing.payload import payload_verify
from certificates.signing.revocations import revocations_verify
from certificates.views import NOT_FOUND_MESSAGE
from people.roles import Role
from tests.certificates import factories
from tests.certificates.visitors import mistyped, url, verifier
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spanish_by_default")]

KEYS_URL = "/.well-known/ocam-certificate-keys.json"
REVOCATIONS_URL = "/.well-known/ocam-certificate-revocations.json"


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


def test_lookups_beyond_the_allowance_answer_429(settings, certificate, fresh_rate_limits):
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


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Too many lookups from your connection. Wait a few minutes and try again."),
        ("es", "Demasiadas consultas desde su conexión. Espere unos minutos e intente de nuevo."),
    ],
)
def test_a_refused_lookup_is_told_on_the_verification_form_in_the_language_of_the_page(
    settings, certificate, fresh_rate_limits, language, message
):
    settings.CERTIFICATES_LOOKUPS_PER_WINDOW = 1
    client = verifier()
    assert client.get(url("verify", certificate.code, language)).status_code == 200

    refused = client.get(url("verify", certificate.code, language))

    assert refused.status_code == 429
    assert refused.templates[0].name == "certificates/verify_form.html"
    assert message in refused.content.decode()
    assert "no-cache" in refused["Cache-Control"]


def test_behind_a_proxy_lookups_are_counted_per_client_whatever_it_writes_in_x_forwarded_for(
    settings, certificate, fresh_rate_limits
):
    settings.LMS_PROXY_COUNT = 1
    settings.CERTIFICATES_LOOKUPS_PER_WINDOW = 2

    def lookup(forwarded: str) -> int:
        client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
        return client.get(url("verify", certificate.code)).status_code

    used_up = [lookup("203.0.113.70") for _ in range(2)]
    forged = [lookup(f"192.0.2.{number}, 203.0.113.70") for number in range(3)]

    assert used_up == [200, 200]
    assert forged == [429, 429, 429]
    assert lookup("203.0.113.71") == 200  # another client through the same proxy


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
