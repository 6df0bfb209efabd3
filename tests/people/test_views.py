"""Signing in and out, password reset and change, the account page."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from people.models import User
from people.roles import Role
from tests.conftest import client_for
from tests.people.factories import TEST_PASSWORD, person

pytestmark = pytest.mark.django_db

LOGIN = "/account/login/"


def _without_csrf(html: str, *typed: str) -> str:
    """The page without its CSRF token and without what the visitor typed."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    for value in typed:
        html = html.replace(value, "TYPED")
    return html


def test_login_by_email_whatever_its_case():
    person(email="oficial@example.org")
    response = Client().post(LOGIN, {"username": "OFICIAL@Example.org", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in response.wsgi_request.session


def test_unknown_email_and_wrong_password_get_the_same_response():
    person(email="oficial@example.org")
    wrong_password = Client().post(LOGIN, {"username": "oficial@example.org", "password": "not-the-password"})
    unknown_email = Client().post(LOGIN, {"username": "nadie@example.org", "password": "not-the-password"})
    assert wrong_password.status_code == unknown_email.status_code == 200
    assert _without_csrf(wrong_password.content.decode(), "oficial@example.org") == _without_csrf(
        unknown_email.content.decode(), "nadie@example.org"
    )
    assert "no son correctos" in wrong_password.content.decode()


def test_inactive_account_gets_the_same_message_as_a_wrong_password():
    person(email="baja@example.org", is_active=False)
    inactive = Client().post(LOGIN, {"username": "baja@example.org", "password": TEST_PASSWORD})
    unknown = Client().post(LOGIN, {"username": "nadie@example.org", "password": TEST_PASSWORD})
    assert _without_csrf(inactive.content.decode(), "baja@example.org") == _without_csrf(
        unknown.content.decode(), "nadie@example.org"
    )


@pytest.mark.parametrize("email", ["oficial@example.org", "nadie@example.org"])
def test_repeated_failures_are_throttled_for_known_and_unknown_emails(email):
    person(email="oficial@example.org")
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": email, "password": "wrong-password"})
    locked = client.post(LOGIN, {"username": email, "password": TEST_PASSWORD})
    assert locked.status_code == 429
    assert "Demasiados intentos" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_block_another_account_from_the_same_address():
    person(email="oficial@example.org")
    person(email="colega@example.org")
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "oficial@example.org", "password": "wrong-password"})
    colleague = Client().post(LOGIN, {"username": "colega@example.org", "password": TEST_PASSWORD})
    assert colleague.status_code == 302


def test_login_rotates_the_session_key():
    person(email="oficial@example.org")
    client = Client()
    session = client.session
    session["probe"] = "anonymous session"
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    before = session.session_key
    client.post(LOGIN, {"username": "oficial@example.org", "password": TEST_PASSWORD})
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert before and after and before != after


def test_login_lands_in_the_users_preferred_language():
    person(email="officer@example.org", preferred_language="en")
    response = Client().post(LOGIN, {"username": "officer@example.org", "password": TEST_PASSWORD, "next": "/account/"})
    assert response["Location"] == "/en/account/"


def test_login_refuses_a_next_url_on_another_host():
    person(email="oficial@example.org")
    response = Client().post(
        LOGIN, {"username": "oficial@example.org", "password": TEST_PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_logout_needs_a_post_and_ends_the_session():
    client = client_for(person())
    assert client.get("/account/logout/").status_code == 405
    response = client.post("/account/logout/", follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "_auth_user_id" not in client.session
    assert "Ha cerrado la sesión" in response.content.decode()


def test_password_reset_sends_a_link_in_the_users_language_that_sets_a_new_password():
    user = person(email="officer@example.org", preferred_language="en", full_name="Keisha Anne Castillo")
    response = Client().post("/account/password-reset/", {"email": "Officer@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["officer@example.org"]
    assert "Choose a new password" in message.subject
    assert "Hello Keisha Anne Castillo" in message.body
    link = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)
    assert link.startswith("/en/account/password-reset/")

    client = Client()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-long-password-2026", "new_password2": "a-new-long-password-2026"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-long-password-2026")


def test_password_reset_for_an_unknown_email_looks_the_same_and_sends_nothing():
    person(email="oficial@example.org")
    known = Client().post("/account/password-reset/", {"email": "oficial@example.org"}, follow=True)
    unknown = Client().post("/account/password-reset/", {"email": "nadie@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert _without_csrf(known.content.decode()) == _without_csrf(unknown.content.decode())
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("tampered_name", ["Nombre Cambiado", "Ana \u202eLópez", ""])
def test_account_page_changes_the_language_and_never_the_name(tampered_name):
    """The name on certificates belongs to the staff record: a POST that names it changes nothing."""
    user = person(full_name="José Ñúñez Peña")
    client = client_for(user)
    response = client.post("/account/", {"full_name": tampered_name, "preferred_language": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/en/account/"
    user.refresh_from_db()
    assert user.full_name == "José Ñúñez Peña"
    assert user.preferred_language == "en"
    assert user.wagtail_userprofile.preferred_language == "en"
    page = client.get(response["Location"])
    assert "Your account has been updated." in page.content.decode()


def test_account_page_shows_errors_in_the_page_language():
    user = person(full_name="Ana López")
    response = client_for(user).post("/account/", {"preferred_language": "xx"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "There is a problem" not in html  # Spanish page
    assert "Hay un problema" in html
    user.refresh_from_db()
    assert user.preferred_language == "es"


def test_account_page_shows_the_name_read_only_and_the_focal_point_who_corrects_it():
    learner = person(full_name="Ana López", authority_code="gt-igm")
    person(role=Role.FOCAL_POINT, authority_code="gt-igm", full_name="Marta Enlace Ruiz", email="enlace.gt@example.org")
    person(role=Role.FOCAL_POINT, authority_code="hn-inm", full_name="Otro País", email="enlace.hn@example.org")
    html = client_for(learner).get("/account/").content.decode()
    assert 'name="full_name"' not in html
    assert "<bdi>Ana López</bdi>" in html
    assert "escriba al punto focal de su país" in html
    assert '<bdi>Marta Enlace Ruiz</bdi> · <a href="mailto:enlace.gt@example.org">' in html
    assert "enlace.hn@example.org" not in html


def test_account_page_names_every_focal_point_of_the_country_in_english():
    learner = person(full_name="Ana López", authority_code="gt-igm", preferred_language="en")
    for number in (1, 2):
        person(role=Role.FOCAL_POINT, authority_code="gt-igm", email=f"enlace{number}@example.org")
    html = client_for(learner).get("/en/account/").content.decode()
    assert "write to one of your country's focal points" in html
    assert "enlace1@example.org" in html and "enlace2@example.org" in html


@pytest.mark.parametrize("authority_code", ["cr-dgme", "iom"])
def test_without_a_focal_point_for_their_country_a_person_writes_to_the_administrators(authority_code):
    learner = person(full_name="Ana López", authority_code=authority_code)
    person(role=Role.FOCAL_POINT, authority_code="gt-igm", email="enlace.gt@example.org")
    person(role=Role.ADMINISTRATOR, authority_code="iom", full_name="Admin Uno", email="admin@example.org")
    html = client_for(learner).get("/account/").content.decode()
    assert "escriba al administrador de la plataforma" in html
    assert '<a href="mailto:admin@example.org">' in html
    assert "enlace.gt@example.org" not in html


def test_password_change_keeps_the_user_signed_in():
    user = person()
    client = client_for(user)
    response = client.post(
        "/account/password/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "otra-clave-larga-2026",
            "new_password2": "otra-clave-larga-2026",
        },
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert User.objects.get(pk=user.pk).check_password("otra-clave-larga-2026")


def test_account_page_shows_where_the_person_works_and_their_roles():
    response = client_for(person(role=Role.FOCAL_POINT, authority_code="gt-igm")).get("/account/")
    html = response.content.decode()
    assert "Instituto Guatemalteco de Migración" in html
    assert "Guatemala" in html
    assert "<li>Punto focal de país</li>" in html


def test_account_page_requires_login():
    response = Client().get(reverse("people:account"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_changing_the_case_of_the_email_does_not_escape_a_lockout():
    person(email="oficial@example.org")
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        email = "oficial@example.org" if attempt % 2 else "OFICIAL@example.org"
        client.post(LOGIN, {"username": email, "password": "wrong-password"})
    locked = client.post(LOGIN, {"username": "Oficial@Example.org", "password": TEST_PASSWORD})
    assert locked.status_code == 429


def test_behind_a_proxy_each_client_address_is_throttled_on_its_own(settings):
    settings.LMS_PROXY_COUNT = 1
    person(email="oficial@example.org")
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(LOGIN, {"username": "oficial@example.org", "password": "wrong-password"})
    assert attacker.post(LOGIN, {"username": "oficial@example.org", "password": TEST_PASSWORD}).status_code == 429
    officer = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert officer.post(LOGIN, {"username": "oficial@example.org", "password": TEST_PASSWORD}).status_code == 302


def test_a_client_cannot_choose_its_address_by_forging_x_forwarded_for(settings):
    settings.LMS_PROXY_COUNT = 1
    person(email="oficial@example.org")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        forged = f"192.0.2.{attempt}, 203.0.113.9"  # the proxy appends the real address last
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forged).post(
            LOGIN, {"username": "oficial@example.org", "password": "wrong-password"}
        )
    again = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.9")
    assert again.post(LOGIN, {"username": "oficial@example.org", "password": TEST_PASSWORD}).status_code == 429


def test_password_reset_links_point_at_the_configured_site_whatever_host_the_request_named(settings):
    settings.SITE_URL = "https://formacion.ocam.example"
    person(email="oficial@example.org")
    Client(HTTP_HOST="localhost").post("/account/password-reset/", {"email": "oficial@example.org"})
    assert "https://formacion.ocam.example/account/password-reset/" in mail.outbox[0].body


RESET = "/account/password-reset/"


def _reset(email: str, address: str):
    return Client(REMOTE_ADDR=address).post(RESET, {"email": email}, follow=True)


@pytest.fixture
def reset_limits(settings, fresh_rate_limits):
    settings.LMS_PASSWORD_RESETS_PER_EMAIL = 3
    settings.LMS_PASSWORD_RESETS_PER_ADDRESS = 10
    return settings


def test_password_reset_requests_are_limited_per_email_whatever_the_client(reset_limits):
    person(email="limitada@example.org")
    addresses = [f"198.51.100.{n}" for n in range(10)]
    answers = [_reset("Limitada@Example.org" if n % 2 else "limitada@example.org", a) for n, a in enumerate(addresses)]
    assert len(mail.outbox) == 3
    assert {(a.status_code, tuple(a.redirect_chain)) for a in answers} == {
        (200, (("/account/password-reset/sent/", 302),))
    }


def test_password_reset_requests_are_limited_per_client_address(reset_limits):
    emails = [f"persona.{n}@example.org" for n in range(12)]
    for email in emails:
        person(email=email)
    for email in emails:
        _reset(email, "203.0.113.40")
    assert len(mail.outbox) == 10
    assert _reset("persona.0@example.org", "203.0.113.41").status_code == 200
    assert len(mail.outbox) == 11  # another client is not held back by the first one's requests


def test_known_unknown_and_throttled_addresses_get_the_same_answer(reset_limits):
    reset_limits.LMS_PASSWORD_RESETS_PER_EMAIL = 1
    person(email="conocida@example.org")
    known = _reset("conocida@example.org", "192.0.2.10")
    throttled = _reset("conocida@example.org", "192.0.2.11")
    unknown = _reset("nadie@example.org", "192.0.2.11")
    assert len(mail.outbox) == 1
    assert known.redirect_chain == throttled.redirect_chain == unknown.redirect_chain
    assert known.status_code == throttled.status_code == unknown.status_code == 200
    assert _without_csrf(known.content.decode()) == _without_csrf(throttled.content.decode())
    assert _without_csrf(known.content.decode()) == _without_csrf(unknown.content.decode())


def test_a_person_who_never_chose_a_password_can_ask_for_a_link():
    """Invitations (roster import, admin) expire after a day and tell people to ask for a new link."""
    invited = person(email="invitada@example.org")
    invited.set_unusable_password()
    invited.save()
    Client().post(RESET, {"email": "invitada@example.org"})
    assert [message.to for message in mail.outbox] == [["invitada@example.org"]]


def test_failed_logins_over_many_emails_lock_the_client_address(settings):
    assert settings.LMS_LOGIN_FAILURES_PER_ADDRESS > settings.AXES_FAILURE_LIMIT
    person(email="oficial@example.org")
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    for number in range(settings.LMS_LOGIN_FAILURES_PER_ADDRESS):
        response = attacker.post(LOGIN, {"username": f"victima{number}@example.org", "password": "wrong-password"})
    assert response.status_code == 429
    locked = attacker.post(LOGIN, {"username": "oficial@example.org", "password": TEST_PASSWORD})
    assert locked.status_code == 429
    assert "desde su conexión, con varias direcciones" in locked.content.decode()
    assert "_auth_user_id" not in attacker.session
    elsewhere = Client(REMOTE_ADDR="198.51.100.9")
    assert elsewhere.post(LOGIN, {"username": "oficial@example.org", "password": TEST_PASSWORD}).status_code == 302


def test_colleagues_behind_one_address_are_not_locked_below_the_address_limit(settings):
    person(email="oficial@example.org")
    post = Client(REMOTE_ADDR="203.0.113.67")
    for number in range(settings.LMS_LOGIN_FAILURES_PER_ADDRESS - 1):
        assert post.post(LOGIN, {"username": f"colega{number}@example.org", "password": "typo"}).status_code == 200
    assert post.post(LOGIN, {"username": "oficial@example.org", "password": TEST_PASSWORD}).status_code == 302
