"""Signing in and out, password reset and change, the account page."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from lms.people.models import User
from lms.people.roles import Role
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


def test_account_page_updates_the_name_exactly_and_the_language():
    user = person(full_name="Jose Perez")
    client = client_for(user)
    response = client.post("/account/", {"full_name": "José Ñúñez Peña", "preferred_language": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/en/account/"
    user.refresh_from_db()
    assert user.full_name == "José Ñúñez Peña"
    assert user.preferred_language == "en"
    assert user.wagtail_userprofile.preferred_language == "en"
    page = client.get(response["Location"])
    assert "Your account has been updated." in page.content.decode()


def test_account_page_shows_errors_and_keeps_what_was_typed():
    user = person(full_name="Ana López")
    response = client_for(user).post("/account/", {"full_name": "", "preferred_language": "xx"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "There is a problem" not in html  # Spanish page
    assert "Hay un problema" in html
    user.refresh_from_db()
    assert user.full_name == "Ana López"


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
