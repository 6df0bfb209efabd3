"""Administrators manage people, their staff profile and their roles in the Wagtail admin."""

import pytest

from lms.people.models import Authority, DutyPost, StaffProfile, User
from lms.people.roles import GROUP_NAMES, Role, group_for
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
    from lms.people import viewsets

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
