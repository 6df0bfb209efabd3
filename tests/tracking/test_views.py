"""Country tracking pages: the focal point's own country, 404 for another, 403 for non-trackers."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from people.models import JobFunction, User
from tests.conftest import client_for, make_role_user
from tests.tracking.factories import certified, certified_course, rule, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def gt_data():
    course = certified_course()
    rule(iso2="GT", course=course)
    rule(iso2="CR", course=course)
    holder = staff(iso2="GT", full_name="Persona Guatemala Uno")
    staff(iso2="GT", full_name="Persona Guatemala Dos")
    staff(iso2="CR", full_name="Persona Costa Rica")
    certified(learner=holder, course=course)
    return course


def test_focal_point_sees_own_dashboard_people_and_exports(gt_data):
    client = client_for(make_role_user("focal_point"))
    assert client.get(reverse("tracking:index")).url == reverse("tracking:dashboard", args=["GT"])
    dashboard = client.get(reverse("tracking:dashboard", args=["GT"]))
    assert dashboard.status_code == 200
    assert b"data:image/svg+xml;base64," in dashboard.content
    people = client.get(reverse("tracking:people", args=["GT"]))
    assert "Persona Guatemala Uno" in people.content.decode()
    assert "Persona Costa Rica" not in people.content.decode()
    export = client.get(reverse("tracking:people", args=["GT"]) + "?format=csv")
    text = export.content.decode("utf-8-sig")
    assert "Persona Guatemala Dos" in text and "Costa Rica" not in text
    assert client.get(reverse("tracking:people", args=["GT"]) + "?format=xlsx").status_code == 200


def test_the_dashboard_and_the_people_list_cost_the_same_queries_for_one_or_many_breakdown_rows():
    """Authorities are labelled with their country; the dashboard read it again for each row of
    its breakdown (`make bench`: 52 queries for 100 staff, 84 for 10,000)."""
    course = certified_course()
    rule(iso2="GT", course=course)
    client = client_for(make_role_user("focal_point"))
    urls = [reverse("tracking:dashboard", args=["GT"]), reverse("tracking:people", args=["GT"])]

    def queries() -> list[int]:
        counts = []
        for url in urls:
            client.get(url)  # the first request of a client fills the caches (site, locales)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    staff(iso2="GT")
    one_row = queries()
    for expires_in_days in (400, 20, -5):  # compliant, expiring, expired: a row of the breakdown each
        certified(learner=staff(iso2="GT"), course=course, expires_in_days=expires_in_days)
    assert queries() == one_row


NEVER_CACHED = "max-age=0, no-cache, no-store, must-revalidate, private"


def test_tracking_pages_and_exports_are_never_kept_by_a_cache(gt_data):
    """People's data: neither the pages nor the files may be kept by a browser or a proxy."""
    client = client_for(make_role_user("focal_point"))
    people = reverse("tracking:people", args=["GT"])
    for url in (reverse("tracking:dashboard", args=["GT"]), people, people + "?format=csv", people + "?format=xlsx"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == NEVER_CACHED, url


def test_focal_point_gets_404_for_another_country(gt_data):
    client = client_for(make_role_user("focal_point"))
    for name in ("dashboard", "people", "rules", "reports", "roster"):
        assert client.get(reverse(f"tracking:{name}", args=["CR"])).status_code == 404, name
    assert client.get(reverse("tracking:region")).status_code == 403


def test_regional_coordinator_sees_every_country(gt_data):
    client = client_for(make_role_user("regional_coordinator"))
    region = client.get(reverse("tracking:region"))
    assert region.status_code == 200
    assert client.get(reverse("tracking:dashboard", args=["CR"])).status_code == 200
    assert client.get(reverse("tracking:region") + "?format=xlsx").status_code == 200


def test_learners_and_trainers_are_refused(gt_data):
    for role in ("learner", "trainer"):
        assert client_for(make_role_user(role)).get(reverse("tracking:index")).status_code == 403


def test_roster_upload_dry_run_then_import(gt_data):
    client = client_for(make_role_user("focal_point"))
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = "email,full name,authority,job function\nno-es-correo,Ana Uno,gt-igm,border_officer\n"
    response = client.post(
        reverse("tracking:roster", args=["GT"]), {"file": SimpleUploadedFile("r.csv", bad.encode())}, follow=True
    )
    assert response.status_code == 200 and "row-errors" in response.content.decode()
    good = "email,full name,authority,job function\nana.uno@example.org,Ana Uno,gt-igm,border_officer\n"
    response = client.post(
        reverse("tracking:roster", args=["GT"]), {"file": SimpleUploadedFile("r.csv", good.encode())}
    )
    check_url = response.url
    assert client.get(check_url).status_code == 200
    applied = client.post(check_url + "import/", follow=True)
    assert applied.status_code == 200
    from people.models import User

    officer = User.objects.get(email="ana.uno@example.org")
    assert officer.staff_profile.job_function == JobFunction.BORDER_OFFICER
    assert officer.training_statuses.count() == 1


def _headers(html: bytes, region: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    table = page.find(attrs={"role": "region", "aria-labelledby": region}).find("table")
    return [" ".join(header.get_text().split()) for header in table.select("thead th")]


@pytest.mark.parametrize(
    ("language", "enrolments", "certificates"),
    [
        (
            "es",
            [
                "Curso",
                "Ciclo",
                "Inscrito el",
                "Lecciones completadas",
                "Última actividad",
                "Fecha límite",
                "Completado el",
            ],
            ["Curso", "Código", "Estado", "Emitido el", "Vence el"],
        ),
        (
            "en",
            ["Course", "Cycle", "Enrolled on", "Lessons completed", "Last activity", "Due date", "Completed on"],
            ["Course", "Code", "Status", "Issued on", "Expires on"],
        ),
    ],
)
def test_the_person_page_heads_its_date_columns_with_what_the_dates_are(gt_data, language, enrolments, certificates):
    holder = User.objects.get(full_name="Persona Guatemala Uno")
    client = client_for(make_role_user("focal_point"))

    with translation.override(language):
        page = client.get(reverse("tracking:person", args=["GT", holder.pk]))

    assert page.status_code == 200
    assert _headers(page.content, "enrolments") == enrolments
    assert _headers(page.content, "certificates") == certificates
