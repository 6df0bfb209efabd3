"""The consultation screens: the list, the query form (both kinds without JavaScript, dates as
typed, all member countries by default, refusals on the form with nothing written, a double
submit), one query's answers (no personal data, the follow-up link on a hit), the job function's
gate, IOM staff told that consultation is between members; in Spanish and in English."""

from __future__ import annotations

import re

import pytest

from people.models import JobFunction
from people.roles import Role
from sandbox.models import AuditEvent, CrossBorderQuery, QueryResult
from tests.conftest import client_for
from tests.people.factories import person
from tests.sandbox.consultations import OTHERS, consultant, honduran_on_file
from tests.sandbox.screens import main_text

pytestmark = pytest.mark.django_db

NEW = "/en/sandbox/consultations/new/"
NEW_ES = "/sandbox/consultations/new/"


@pytest.fixture
def analyst():
    return consultant()


@pytest.fixture
def client(analyst):
    return client_for(analyst)


@pytest.fixture
def honduran():
    return honduran_on_file()


def by_name(**changes) -> dict[str, object]:
    return {
        "kind": "NAME",
        "surnames": "Muñoz Peña",
        "given_names": "José Ángel",
        "birth_date": "09/03/1988",
        "all_countries": "on",
        "purpose": "RETURN_VERIFICATION",
        "case_reference": "  EXP-2026-041 ",
        **changes,
    }


def counts() -> tuple[int, int, int]:
    return tuple(model.objects.every_row().count() for model in (CrossBorderQuery, QueryResult, AuditEvent))


def test_the_form_offers_both_kinds_every_other_member_and_the_purposes(client):
    response = client.get(NEW)
    assert response.status_code == 200
    page = response.content.decode()
    for field in ("document_number", "issuing_state", "surnames", "given_names", "birth_date", "case_reference"):
        assert f'name="{field}"' in page
    assert re.search(r'<input type="checkbox" name="all_countries"[^>]*\bchecked\b', page)
    offered = {value for value in OTHERS if f'name="countries" value="{value}"' in page}
    assert offered == set(OTHERS)
    assert 'name="countries" value="GTM"' not in page
    text = main_text(response)
    assert "Return verification: Checking the identity or nationality a returned person claims." in text


def test_a_query_by_name_typed_as_people_type_it_hits_honduras(client, analyst, honduran):
    response = client.post(NEW, by_name())
    query = CrossBorderQuery.objects.every_row().get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/sandbox/consultations/{query.uid}/"
    assert query.case_reference == "EXP-2026-041"
    assert query.target_countries == OTHERS
    assert query.parameters["birth_date"] == "1988-03-09"
    assert query.requested_by == analyst
    page = client.get(response["Location"])
    text = main_text(page)
    assert "The query was sent; each country asked has answered." in page.content.decode()
    assert "Honduras Hit HND-" in text
    assert "Consultation desk, Instituto Nacional de Migración (INM), Tegucigalpa" in text
    assert "A hit says only that the country holds a record" in text
    for leak in ("Muñoz", "Ángel", "Peña", "1988", "09/03"):
        assert leak not in text
    # On a hit, the follow-up request's form once it exists (the request screens' branch).
    assert text.count("Request information from") in (0, 1)


def test_a_query_by_document_ignores_the_name_fields(client, honduran):
    data = {
        "kind": "DOCUMENT",
        "document_number": "f98765432",
        "issuing_state": "HND",
        "surnames": "\u202eanything typed before",
        "birth_date": "not a date",
        "countries": ["HND", "CRI"],
        "purpose": "BORDER_CHECK",
        "case_reference": "P-1",
    }
    response = client.post(NEW, data)
    assert response.status_code == 302
    query = CrossBorderQuery.objects.every_row().get()
    assert query.target_countries == ["CRI", "HND"]
    assert query.parameters == {"kind": "DOCUMENT", "document_number": "F98765432", "issuing_state": "HND"}
    outcomes = dict(QueryResult.objects.every_row().values_list("country_id", "outcome"))
    assert outcomes == {"CRI": "NO_HIT", "HND": "HIT"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"purpose": ""}, "Purpose: This field is required."),
        ({"case_reference": ""}, "Case reference: This field is required."),
        (
            {"case_reference": "   "},
            "Case reference: Type the case reference: the file or case number this consultation is for.",
        ),
        ({"case_reference": "EXP\u202e-1"}, "Case reference: The case reference contains invisible or control"),
        ({"case_reference": "X" * 41}, "Case reference: Ensure this value has at most 40 characters"),
        ({"surnames": ""}, "Surnames: Type the surnames."),
        ({"birth_date": "31/02/1988"}, "Date of birth: Type a date as day/month/year"),
        ({"birth_date": ""}, "Date of birth: Type the date of birth."),
        ({"all_countries": ""}, "Countries to ask: Choose the member countries to ask"),
        ({"all_countries": "", "countries": ["GTM"]}, "Countries to ask: Select a valid choice."),
        ({"kind": ""}, "Search by: This field is required."),
        ({"kind": "DOCUMENT"}, "Document number: Type the document number."),
    ],
)
def test_a_refused_query_is_shown_on_the_form_and_nothing_is_written(client, honduran, changes, message):
    before = counts()
    response = client.post(NEW, by_name(**changes))
    assert response.status_code == 200
    text = main_text(response)
    assert "There is a problem" in text
    assert message in text, text
    assert counts() == before


def test_the_refusal_is_in_spanish_by_default(client, honduran):
    before = counts()
    response = client.post(NEW_ES, by_name(purpose="", case_reference=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="es"' in page
    text = main_text(response)
    assert "Hay un problema" in text
    assert "Motivo: Este campo es necesario." in text
    assert counts() == before


def test_a_double_submit_writes_one_query(client, honduran):
    first = client.post(NEW, by_name())
    second = client.post(NEW, by_name())
    assert first["Location"] == second["Location"]
    assert CrossBorderQuery.objects.every_row().count() == 1
    assert AuditEvent.objects.every_row().filter(action="QUERY").count() == 1


def test_the_list_shows_the_countrys_queries_newest_first(client, analyst, honduran):
    client.post(NEW, by_name(case_reference="EXP-A"))
    client.post(NEW, by_name(case_reference="EXP-B", purpose="INVESTIGATION"))
    other = client_for(consultant())
    other.post(NEW, by_name(case_reference="EXP-NEIGHBOUR"))
    response = client.get("/en/sandbox/consultations/")
    assert response.status_code == 200
    text = main_text(response)
    assert text.index("EXP-B") < text.index("EXP-A")
    assert "EXP-NEIGHBOUR" not in text
    assert "2 queries." in text
    assert "1 of 7" in text
    assert "Muñoz" not in text


def test_another_learners_query_is_not_found(client, honduran):
    other = client_for(consultant())
    other.post(NEW, by_name())
    uid = CrossBorderQuery.objects.every_row().get().uid
    assert client.get(f"/en/sandbox/consultations/{uid}/").status_code == 404
    assert client.get("/en/sandbox/consultations/999999/").status_code == 404


def test_the_navigation_links_the_consultations_for_a_function_that_consults(client):
    page = client.get("/en/sandbox/").content.decode()
    assert 'href="/en/sandbox/consultations/"' in page
    border_officer = client_for(consultant(job_function=JobFunction.BORDER_OFFICER))
    assert 'href="/en/sandbox/consultations/"' not in border_officer.get("/en/sandbox/").content.decode()


@pytest.mark.parametrize("path", ["/sandbox/consultations/", NEW_ES, "/sandbox/consultations/1/"])
def test_a_statistics_officer_gets_the_refusal_page(path):
    officer = client_for(consultant(job_function=JobFunction.STATISTICS_OFFICER))
    response = officer.get(path)
    assert response.status_code == 403
    assert "sandbox-role-refused" in response.content.decode()
    assert "Consultar a otros países miembros" in main_text(response) or "Forma parte del trabajo de" in main_text(
        response
    )
    before = counts()
    assert officer.post(NEW_ES, by_name()).status_code == 403
    assert counts() == before


def test_iom_staff_are_told_consultation_is_between_members_and_nothing_is_written(honduran):
    trainer = person(role=Role.TRAINER, authority_code="iom")
    trainer.staff_profile.job_function = JobFunction.ANALYST
    trainer.staff_profile.save()
    client = client_for(trainer)
    expected = "Consultation is between member countries, and you act for none"
    response = client.get(NEW)
    assert response.status_code == 200
    assert expected in main_text(response)
    assert 'name="case_reference"' not in response.content.decode()
    before = counts()
    response = client.post(NEW, by_name())
    assert response.status_code == 200
    assert expected in main_text(response)
    assert counts() == before
    assert expected in main_text(client.get("/en/sandbox/consultations/"))
