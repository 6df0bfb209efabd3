"""Spanish by default, English on request: the language switch and its redirects (never to
another site), unsupported languages falling back to Spanish, a user's choice saved as their
preference (also from the Wagtail admin), and English dates that end without a full stop.
"""

import pytest
from django.test import Client
from django.utils import translation

from people.models import User
from tests.conftest import client_for
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def test_home_is_spanish_by_default_and_english_under_en():
    spanish = Client().get("/")
    english = Client().get("/en/")
    assert '<html lang="es">' in spanish.content.decode()
    assert "Plataforma de capacitación OCAM" in spanish.content.decode()
    assert '<html lang="en">' in english.content.decode()
    assert "OCAM training platform" in english.content.decode()
    assert "Skip to main content" in english.content.decode()
    assert "Saltar al contenido principal" in spanish.content.decode()


def test_switching_language_redirects_to_the_same_page_in_that_language_and_back():
    client = Client()
    to_english = client.post("/i18n/setlang/", {"language": "en", "next": "/account/login/"})
    assert to_english.status_code == 302
    assert to_english["Location"] == "/en/account/login/"
    back = client.post("/i18n/setlang/", {"language": "es", "next": "/en/account/login/"})
    assert back["Location"] == "/account/login/"


@pytest.mark.parametrize("code", ["fr", "pt-br", "", "zz", "<script>"])
def test_an_unsupported_language_code_falls_back_to_spanish(code):
    response = Client().post("/i18n/setlang/", {"language": code, "next": "/en/account/login/"})
    assert response["Location"] == "/account/login/"


def test_an_unsupported_language_prefix_falls_back_to_the_spanish_page():
    response = Client().get("/fr/account/login/?next=/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/"


def test_a_browser_asking_for_an_unsupported_language_gets_spanish():
    response = Client().get("/", headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert '<html lang="es">' in response.content.decode()


def test_a_signed_in_user_switching_language_saves_it_as_their_preference():
    user = person(preferred_language="es")
    client = client_for(user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"
    assert user.wagtail_userprofile.preferred_language == "en"


def test_the_switch_refuses_to_redirect_to_another_site():
    response = Client().post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/en/"


def test_the_switch_is_a_form_that_works_without_javascript():
    html = Client().get("/").content.decode()
    assert '<form method="post" action="/i18n/setlang/"' in html
    assert 'name="language" value="en" lang="en"' in html
    assert "<script" not in html


def test_users_cannot_hold_an_unsupported_language():
    assert {code for code, _name in User._meta.get_field("preferred_language").choices} == {"es", "en"}


def test_a_language_chosen_in_the_wagtail_admin_becomes_the_users_preference():
    from wagtail.users.models import UserProfile

    user = person(preferred_language="es")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_an_administrator_setting_someones_language_sets_the_admin_language_too(administrator):
    from people.models import Authority
    from people.roles import Role, group_for

    someone = person(preferred_language="es", email="alguien@example.org")
    data = {
        "email": "alguien@example.org",
        "full_name": someone.full_name,
        "preferred_language": "en",
        "authority": Authority.objects.get(code="gt-igm").pk,
        "job_function": "analyst",
        "groups": [group_for(Role.LEARNER).pk],
        "is_active": "on",
    }
    assert client_for(administrator).post(f"/admin/users/edit/{someone.pk}/", data).status_code == 302
    someone.refresh_from_db()
    assert someone.preferred_language == "en"
    assert someone.wagtail_userprofile.preferred_language == "en"


@pytest.mark.parametrize("path", ["/fr//evil.example/x", "/fr/\\\\evil.example/x", "/pt-br///evil.example"])
def test_the_language_fallback_never_redirects_to_another_site(path):
    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/")
    assert not response["Location"].startswith(("//", "/\\\\"))


@pytest.mark.parametrize("hour", [0, 2, 12, 14])
def test_english_dates_and_times_end_without_a_full_stop_that_would_double_a_sentences(hour):
    """Django's "Dec. 7, 2026, 2:54 a.m." ended sentences with "a.m.."; months are written in full."""
    import datetime as dt

    from django.utils import formats

    moment = dt.datetime(2026, 12, 7, hour, 54)
    with translation.override("en"):
        written = [formats.date_format(moment, name) for name in ("DATE_FORMAT", "DATETIME_FORMAT", "TIME_FORMAT")]
        written.append(formats.date_format(moment, "SHORT_DATETIME_FORMAT"))
    assert not [text for text in written if text.endswith(".")]
    assert written[0] == "December 7, 2026"
