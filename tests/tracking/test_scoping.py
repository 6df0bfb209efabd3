"""Scoping, proved on random datasets: whatever the staff, rules and certificates of the eight
countries, a focal point's pages, exports and API answers hold 0 rows of another country, and
their dashboard counts exactly their own country's people; the regional coordinator's lists of
a country hold exactly that country's people."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from wagtail.models import APIToken

from people.models import Country, JobFunction, User
from people.roles import Role
from tests.conftest import client_for
from tests.people.factories import person
from tests.tracking.factories import AUTHORITY_OF, certified, certified_course, rule, staff
from tracking.selectors.dashboards import country_dashboard

pytestmark = pytest.mark.django_db

COUNTRIES = sorted(AUTHORITY_OF)
FUNCTIONS = (JobFunction.BORDER_OFFICER, JobFunction.SUPERVISOR, JobFunction.ANALYST)
# None: no certificate; otherwise the days until it expires (negative: expired).
CERTIFICATES = (None, 365, 45, -10)


@dataclass(frozen=True)
class Official:
    iso2: str
    job_function: str
    expires_in_days: int | None


officials = st.lists(
    st.builds(
        Official,
        iso2=st.sampled_from(COUNTRIES),
        job_function=st.sampled_from(FUNCTIONS),
        expires_in_days=st.sampled_from(CERTIFICATES),
    ),
    min_size=1,
    max_size=10,
)
rules = st.dictionaries(
    st.sampled_from(COUNTRIES), st.sets(st.sampled_from(FUNCTIONS), min_size=1), min_size=1, max_size=8
)


@pytest.fixture
def course():
    return certified_course()


def marker(index: int, iso2: str) -> str:
    """A name and an e-mail no other official's contains."""
    return f"agente{index:03d}{iso2.lower()}x"


def _texts_of(response) -> str:
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        workbook = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(
            " ".join(str(cell) for cell in row if cell is not None)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return response.content.decode("utf-8-sig")


def _build(course, dataset: list[Official], required_by: dict[str, set[str]]) -> None:
    for iso2, functions in required_by.items():
        for function in functions:
            rule(iso2=iso2, course=course, job_function=function)
    for index, official in enumerate(dataset):
        name = marker(index, official.iso2)
        user = staff(
            iso2=official.iso2,
            job_function=official.job_function,
            full_name=f"Persona {name}",
            email=f"{name}@scope.example",
        )
        if official.expires_in_days is not None:
            certified(learner=user, course=course, expires_in_days=official.expires_in_days)


def _focal_point(iso2: str) -> User:
    viewer = person(
        role=Role.FOCAL_POINT, authority_code=AUTHORITY_OF[iso2], email=f"enlace.{iso2.lower()}@scope.example"
    )
    profile = viewer.staff_profile
    profile.job_function = JobFunction.OTHER  # no rule covers them: they are not in the counts
    profile.save()
    return viewer


def _pages_and_exports(client, iso2: str, people: list[int]) -> list[str]:
    paths = [reverse(f"tracking:{name}", args=[iso2]) for name in ("dashboard", "people", "rules", "reports")]
    paths += [
        f"{reverse(f'tracking:{name}', args=[iso2])}?format={kind}"
        for name in ("dashboard", "people")
        for kind in ("csv", "xlsx")
    ]
    paths += [reverse("tracking:person", args=[iso2, pk]) for pk in people]
    texts = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        texts.append(_texts_of(response))
    return texts


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(dataset=officials, required_by=rules, viewer_country=st.sampled_from(COUNTRIES))
def test_a_focal_point_sees_0_rows_of_another_country(course, dataset, required_by, viewer_country):
    with transaction.atomic():
        _build(course, dataset, required_by)
        viewer = _focal_point(viewer_country)
        client = client_for(viewer)
        own = [(index, official) for index, official in enumerate(dataset) if official.iso2 == viewer_country]
        others = [(index, official) for index, official in enumerate(dataset) if official.iso2 != viewer_country]
        own_pks = list(
            User.objects.filter(email__endswith=f"{viewer_country.lower()}x@scope.example").values_list("pk", flat=True)
        )

        texts = _pages_and_exports(client, viewer_country, own_pks)
        _instance, token = APIToken.create_token(user=viewer, name="plataforma")
        api = client_for(None)
        roster = api.get(
            f"/api/tracking/v1/countries/{viewer_country}/roster?limit=1000", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        assert roster.status_code == 200
        texts.append(roster.content.decode())

        everything = "\n".join(texts)
        leaked = [
            marker(index, official.iso2) for index, official in others if marker(index, official.iso2) in everything
        ]
        assert leaked == []
        # Another country's people are a 404 everywhere: their pages, their country, the API.
        for index, official in others:
            pk = User.objects.get(email=f"{marker(index, official.iso2)}@scope.example").pk
            assert client.get(reverse("tracking:person", args=[viewer_country, pk])).status_code == 404
            assert client.get(reverse("tracking:person", args=[official.iso2, pk])).status_code == 404
            answer = api.get(
                "/api/tracking/v1/certification",
                {"course": str(course.translation_key), "email": f"{marker(index, official.iso2)}@scope.example"},
                HTTP_AUTHORIZATION=f"Bearer {token}",
            )
            assert answer.status_code == 404 and marker(index, official.iso2) not in answer.content.decode()
        for iso2 in set(COUNTRIES) - {viewer_country}:
            assert client.get(reverse("tracking:people", args=[iso2]) + "?format=csv").status_code == 404
            assert (
                api.get(f"/api/tracking/v1/countries/{iso2}/roster", HTTP_AUTHORIZATION=f"Bearer {token}").status_code
                == 404
            )

        # The counts are the country's own: every covered official of the country, and nobody else.
        covered = [official for _index, official in own if official.job_function in required_by.get(viewer_country, ())]
        dashboard = country_dashboard(viewer=viewer, country=Country.objects.get(iso2=viewer_country))
        assert dashboard.tally.required == len(covered)
        assert dashboard.tally.valid == sum(1 for official in covered if (official.expires_in_days or 0) > 0)
        listed = [m for index, official in own if (m := marker(index, official.iso2)) in texts[6]]  # the people CSV
        assert len(listed) == len(covered)
        transaction.set_rollback(True)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(dataset=officials, required_by=rules)
def test_the_regional_coordinator_lists_each_country_with_exactly_its_people(course, dataset, required_by):
    with transaction.atomic():
        _build(course, dataset, required_by)
        client = client_for(person(role=Role.REGIONAL_COORDINATOR, authority_code="iom", email="ocam@scope.example"))
        for iso2 in {official.iso2 for official in dataset} | set(required_by):
            text = _texts_of(client.get(reverse("tracking:people", args=[iso2]) + "?format=csv"))
            found = {index for index, official in enumerate(dataset) if marker(index, official.iso2) in text}
            expected = {
                index
                for index, official in enumerate(dataset)
                if official.iso2 == iso2 and official.job_function in required_by.get(iso2, ())
            }
            assert found == expected, iso2
        transaction.set_rollback(True)
