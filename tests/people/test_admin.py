"""Administrators manage people, their staff profile and their roles in the Wagtail admin."""

import re

import pytest

from people.models import Authority, DutyPost, StaffProfile, User
from people.roles import GROUP_NAMES, Role, group_for
from tests.conftest import client_for
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "email": "nueva@example.org",
        "full_name": "María José Peña Gómez",
        "preferred_language": "es",
        "authority": Authority.objects.get(code="hn-inm").pk,
        "duty_post": DutyPost.objects.get(code="HN-EAM").pk,
        "job_function": "supervisor",
        "staff_number": "HN-0042",
        "password1": "una-clave-larga-2026",
        "password2": "una-clave-larga-2026",
        "groups": [group_for(Role.FOCAL_POINT).pk],
    }
    data.update(overrides)
    return data


def test_administrator_creates_a_person_with_staff_profile_and_role(administrator):
    response = client_for(administrator).post("/admin/users/new/", _form())
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="nueva@example.org")
    assert user.full_name == "María José Peña Gómez"
    profile = user.staff_profile
    assert (profile.country.iso3, profile.duty_post.code, profile.job_function) == ("HND", "HN-EAM", "supervisor")
    assert profile.staff_number == "HN-0042"
    assert user.groups.filter(name=GROUP_NAMES[Role.FOCAL_POINT]).exists()


def test_a_focal_point_without_a_national_authority_is_refused_with_a_message(administrator):
    response = client_for(administrator).post(
        "/admin/users/new/", _form(authority=Authority.objects.get(code="iom").pk, duty_post="")
    )
    assert response.status_code == 200
    assert "bound to one country" in response.content.decode() or "un solo país" in response.content.decode()
    assert not User.objects.filter(email="nueva@example.org").exists()


def test_a_duty_post_of_another_country_is_refused(administrator):
    response = client_for(administrator).post(
        "/admin/users/new/", _form(duty_post=DutyPost.objects.get(code="GT-TUM").pk, groups=[])
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="nueva@example.org").exists()


def test_administrator_edits_the_profile_and_removing_the_authority_removes_it(administrator):
    someone = person(role=Role.LEARNER, authority_code="gt-igm", email="alguien@example.org")
    client = client_for(administrator)
    data = _form(email="alguien@example.org", groups=[group_for(Role.LEARNER).pk], password1="", password2="")
    data["is_active"] = "on"
    assert client.post(f"/admin/users/edit/{someone.pk}/", data).status_code == 302
    assert StaffProfile.objects.get(user=someone).country.iso3 == "HND"
    data["authority"] = ""
    data["duty_post"] = ""
    assert client.post(f"/admin/users/edit/{someone.pk}/", data).status_code == 302
    assert not StaffProfile.objects.filter(user=someone).exists()


def test_trainers_cannot_manage_people(trainer):
    response = client_for(trainer).post("/admin/users/new/", _form())
    assert response.status_code == 302
    assert not User.objects.filter(email="nueva@example.org").exists()


def test_the_user_screens_go_through_the_country_scope(administrator, monkeypatch):
    """If the selectors hide someone, the admin lists and edits them as if they did not exist."""
    from people import viewsets

    hidden = person(email="oculta@example.org", authority_code="pa-snm")
    visible = person(email="visible@example.org", authority_code="gt-igm")
    monkeypatch.setattr(viewsets, "user_list", lambda *, viewer: User.objects.exclude(pk=hidden.pk))
    client = client_for(administrator)
    listing = client.get("/admin/users/").content.decode()
    assert "visible@example.org" in listing
    assert "oculta@example.org" not in listing
    assert client.get(f"/admin/users/edit/{visible.pk}/").status_code == 200
    for view in ("edit", "delete", "history", "usage"):
        assert client.get(f"/admin/users/{view}/{hidden.pk}/").status_code == 404, view


def test_administrators_find_people_by_full_name(administrator):
    person(email="maria@example.org", full_name="María Fernanda Núñez Solís")
    person(email="otro@example.org", full_name="Pedro Pérez")
    listing = client_for(administrator).get("/admin/users/", {"q": "Núñez"}).content.decode()
    assert "maria@example.org" in listing
    assert "otro@example.org" not in listing


def test_a_duplicate_staff_number_is_a_form_error_not_a_crash(administrator):
    colleague = person(email="colega@example.org", authority_code="hn-inm")
    colleague.staff_profile.staff_number = "HN-0042"
    colleague.staff_profile.save()
    response = client_for(administrator).post("/admin/users/new/", _form(groups=[]))
    assert response.status_code == 200
    assert "Otra persona de esta autoridad tiene este número de empleado." in response.content.decode()
    assert not User.objects.filter(email="nueva@example.org").exists()


def test_removing_the_authority_of_a_focal_point_is_refused_with_a_message(administrator):
    focal_point = person(role=Role.FOCAL_POINT, authority_code="gt-igm", email="enlace@example.org")
    data = _form(
        email="enlace@example.org",
        authority="",
        duty_post="",
        groups=[group_for(Role.FOCAL_POINT).pk],
        password1="",
        password2="",
    )
    data["is_active"] = "on"
    response = client_for(administrator).post(f"/admin/users/edit/{focal_point.pk}/", data)
    assert response.status_code == 200
    assert StaffProfile.objects.get(user=focal_point).country.iso3 == "GTM"


REFUSED_IN_NAMES = ["\u202e", "\u202d", "\u200e", "\u200f", "\u2066", "\u2069", "\u200b", "\ufeff", "\x00", "\x07"]


@pytest.mark.parametrize("character", REFUSED_IN_NAMES, ids=lambda c: f"U+{ord(c):04X}")
def test_the_admin_refuses_invisible_characters_in_a_new_full_name(administrator, character):
    response = client_for(administrator).post("/admin/users/new/", _form(full_name=f"María {character}Peña"))
    assert response.status_code == 200
    html = response.content.decode()
    if character == "\x00":  # Django's form fields refuse it first, with their own message
        assert "Los caracteres nulos no están permitidos." in html
    else:
        assert "El nombre contiene caracteres invisibles o de control" in html
        assert f"U+{ord(character):04X}" in html
    assert not User.objects.filter(email="nueva@example.org").exists()


def test_the_admin_refuses_a_right_to_left_override_when_editing_a_name(administrator):
    someone = person(role=Role.LEARNER, authority_code="gt-igm", email="alguien@example.org", full_name="Ana López")
    data = _form(
        email="alguien@example.org",
        full_name="Ana \u202eLópez",
        groups=[group_for(Role.LEARNER).pk],
        password1="",
        password2="",
    )
    data["is_active"] = "on"
    response = client_for(administrator).post(f"/admin/users/edit/{someone.pk}/", data)
    assert response.status_code == 200
    html = response.content.decode()
    # The error sits with the full name field (its label, "Nombre completo"), not in a general banner.
    assert (
        html.index('for="id_full_name"')
        < html.index("U+202E RIGHT-TO-LEFT OVERRIDE")
        < html.index('for="id_preferred_language"')
    )
    someone.refresh_from_db()
    assert someone.full_name == "Ana López"


def test_the_create_form_says_what_a_blank_password_does_in_both_languages(administrator):
    from people.services import user_language_set

    someone = person(email="alguien@example.org")
    client = client_for(administrator)
    spanish = client.get("/admin/users/new/").content.decode()
    assert "Deje en blanco los dos campos de contraseña: la persona recibirá entonces un correo" in spanish
    assert "Deja en blanco si no cambia" not in spanish
    edit = client.get(f"/admin/users/edit/{someone.pk}/").content.decode()
    assert "Deje en blanco los dos campos de contraseña para conservar la contraseña actual." in edit
    user_language_set(user=administrator, language="en")
    english = client.get("/admin/users/new/").content.decode()
    assert "Leave both password fields blank: the person then receives an e-mail" in english
    assert "Leave blank if not changing" not in english


def test_a_person_created_without_a_password_is_emailed_a_link_to_choose_one(
    administrator, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.test import Client

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(administrator).post(
            "/admin/users/new/", _form(preferred_language="en", password1="", password2="", groups=[])
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="nueva@example.org")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nueva@example.org"]
    assert message.subject == "Your account on the OCAM training platform"
    assert "Hello María José Peña Gómez," in message.body
    link = re.search(r"https?://[^/]+(/en/account/password-reset/\S+)", message.body).group(1)
    client = Client()
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "una-clave-nueva-2026", "new_password2": "una-clave-nueva-2026"},
    )
    user.refresh_from_db()
    assert user.check_password("una-clave-nueva-2026")


def test_a_person_created_with_a_password_gets_no_email(administrator, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        client_for(administrator).post("/admin/users/new/", _form(groups=[]))
    assert User.objects.get(email="nueva@example.org").check_password("una-clave-larga-2026")
    assert mail.outbox == []


def test_authorities_are_labelled_with_their_country_in_both_languages(administrator):
    from people.services import user_language_set

    client = client_for(administrator)
    spanish = client.get("/admin/users/new/").content.decode()
    for country in ("Costa Rica", "El Salvador", "Nicaragua"):
        assert f">Dirección General de Migración y Extranjería (DGME) · {country}</option>" in spanish
    assert ">Organización Internacional para las Migraciones (OIM)</option>" in spanish
    inspect = client.get(f"/admin/authority/inspect/{Authority.objects.get(code='sv-dgme').pk}/").content.decode()
    assert "Dirección General de Migración y Extranjería (DGME) · El Salvador" in inspect
    user_language_set(user=administrator, language="en")
    english = client.get("/admin/users/new/").content.decode()
    assert ">General Directorate of Migration and Foreigners (DGME) · Costa Rica</option>" in english
    assert ">General Directorate of Migration (DGM) · Dominican Republic</option>" in english


# ---------------------------------------------------------------- one's own account page in the admin

ADMIN_ACCOUNT_URL = "/admin/account/"


@pytest.mark.parametrize("role", [Role.TRAINER, Role.ADMINISTRATOR])
def test_the_admin_account_page_asks_for_no_name_no_email_and_no_time_zone(role):
    """Our User has one full name: Wagtail's required first and last name saved nothing; the login
    e-mail is an administrator's to change; every date is in the platform's time zone."""
    from tests.conftest import make_role_user

    response = client_for(make_role_user(role)).get(ADMIN_ACCOUNT_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="locale-preferred_language"' in html
    assert re.findall(r'name="(name_email-[^"]+|locale-current_time_zone)"', html) == []


def test_saving_the_admin_account_page_changes_the_language_and_never_the_email(trainer):
    email = trainer.email
    data = {
        "locale-preferred_language": "en",
        "theme-theme": "system",
        "theme-contrast": "system",
        "theme-density": "default",
        "name_email-first_name": "Otra",
        "name_email-last_name": "Persona",
        "name_email-email": "otra.direccion@example.org",
    }

    response = client_for(trainer).post(ADMIN_ACCOUNT_URL, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    trainer.refresh_from_db()
    assert (trainer.email, trainer.wagtail_userprofile.preferred_language) == (email, "en")


def test_the_admin_offers_only_the_platforms_real_time_zone(settings):
    import zoneinfo

    from wagtail.admin.localization import get_available_admin_time_zones

    zones = get_available_admin_time_zones()

    assert zones == [settings.TIME_ZONE]
    assert set(zones) <= zoneinfo.available_timezones() - {"localtime"}


def test_the_admin_account_page_needs_the_admin_permission(learner):
    assert client_for(None).get(ADMIN_ACCOUNT_URL).status_code == 302
    assert client_for(learner).get(ADMIN_ACCOUNT_URL).status_code == 302
