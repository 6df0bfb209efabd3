"""The information-request screens: the request form offering only what the purpose allows, a
hostile or incomplete request refused on its form with nothing written, the partner's answer
shown only once it has arrived, the focal point's queue and answer form (a second submit
refused), the job function's gate, other learners' records not found, and both languages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone

from sandbox import requests, services
from sandbox.models import InformationRequest, Sandbox
from tests.conftest import client_for, make_role_user
from tests.sandbox.request_rows import learner_hit, own_person, partner_person
from tests.sandbox.screens import main_text

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)
JUSTIFICATION = "Verificación de identidad en el control de entrada, caso GT-2026-0042."


@pytest.fixture(autouse=True)
def _delay(settings):
    settings.SANDBOX_PARTNER_DELAY_SECONDS = 120


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def acting(user, role: str) -> Sandbox:
    sandbox = services.sandbox_get_or_create(user=user)
    Sandbox.objects.filter(pk=sandbox.pk).update(role=role)
    sandbox.refresh_from_db()
    return sandbox


@pytest.fixture
def learner():
    return make_role_user("learner")


@pytest.fixture
def analyst(learner) -> Sandbox:
    return acting(learner, "analyst")


@pytest.fixture
def hit(analyst, learner):
    return learner_hit(analyst, learner, partner_person())


def form_url(hit, language: str = "/en") -> str:
    return f"{language}/sandbox/consultations/{hit.query.uid}/results/{hit.result.uid}/request/"


def boxes(html: str) -> list[str]:
    return re.findall(r'name="fields" value="([a-z_]+)"', html)


def stored(sandbox) -> list[InformationRequest]:
    return list(InformationRequest.objects.layer_of(sandbox).order_by("uid"))


# The request form


def test_the_form_offers_only_the_fields_the_purpose_allows_and_lists_the_others(learner, hit):
    response = client_for(learner).get(form_url(hit))
    assert response.status_code == 200
    html = response.content.decode()
    assert boxes(html) == ["full_name", "birth_date", "sex", "document"]
    text = main_text(response)
    assert "Not allowed for this purpose (Border check):" in text
    assert "Photograph (biometric)" in text and "Asylum or refugee status (never released)" in text
    assert "In the sandbox, partner countries answer by fixed rules after a short delay." in text
    assert '<label for="id_justification">' in html


def test_the_form_in_spanish(learner, hit):
    response = client_for(learner).get(form_url(hit, language=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es"' in html
    text = main_text(response)
    assert "Control fronterizo" in text and "Justificación" in text and "Fecha de nacimiento" in text


def test_a_sent_request_shows_as_sent_until_its_answer_arrives(learner, analyst, hit, clock):
    client = client_for(learner)
    response = client.post(form_url(hit), {"fields": ["full_name", "document"], "justification": JUSTIFICATION})
    (sent,) = stored(analyst)
    assert response.status_code == 302
    assert response["Location"] == f"/en/sandbox/requests/{sent.uid}/"
    page = main_text(client.get(response["Location"]))
    expected = timezone.localtime(sent.answer_at).strftime("%H:%M")
    assert f"the answer is expected by {expected}" in page
    assert "Sent" in page and "Approved" not in page
    assert "Reyes Mejía" not in page and "E1234567" not in page
    clock.move_to(sent.answer_at)
    page = main_text(client.get(response["Location"]))
    assert "Approved" in page and "expected by" not in page
    assert "Reyes Mejía, Carlos Alberto" in page and "E1234567" in page


def test_a_request_in_spanish_after_its_answer(learner, analyst, hit, clock):
    client = client_for(learner)
    client.post(form_url(hit), {"fields": ["full_name"], "justification": JUSTIFICATION})
    (sent,) = stored(analyst)
    clock.move_to(sent.answer_at + dt.timedelta(minutes=1))
    response = client.get(f"/sandbox/requests/{sent.uid}/")
    assert response.status_code == 200
    text = main_text(response)
    assert "Nombre completo" in text and "Reyes Mejía, Carlos Alberto" in text and "Control fronterizo" in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"fields": ["full_name", "photograph"], "justification": JUSTIFICATION}, "Photograph (biometric)"),
        ({"fields": ["full_name", "asylum_status"], "justification": JUSTIFICATION}, "Asylum or refugee status"),
        ({"fields": ["shoe_size"], "justification": JUSTIFICATION}, "Select a valid choice"),
        ({"justification": JUSTIFICATION}, "Choose at least one field"),
        ({"fields": ["full_name"], "justification": "Porque sí."}, "at least 20 characters"),
        ({"fields": ["full_name"], "justification": "Verificación de identidad\u202e en el control"}, "U+202E"),
    ],
)
def test_a_refused_request_comes_back_on_its_form_with_nothing_written(learner, analyst, hit, data, message):
    response = client_for(learner).post(form_url(hit), data)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert message in main_text(response)
    assert stored(analyst) == []


def test_a_hit_of_another_learner_or_of_another_query_is_not_found(learner, hit):
    other = make_role_user("trainer")
    theirs = learner_hit(acting(other, "analyst"), other, partner_person())
    client = client_for(learner)
    assert client.get(form_url(theirs)).status_code == 404
    assert client.post(form_url(theirs), {"fields": ["full_name"], "justification": JUSTIFICATION}).status_code == 404
    wrong_query = f"/en/sandbox/consultations/{hit.query.uid + 1}/results/{hit.result.uid}/request/"
    assert client.get(wrong_query).status_code == 404


def test_another_learners_request_is_not_found(learner, analyst, hit, clock):
    client_for(learner).post(form_url(hit), {"fields": ["full_name"], "justification": JUSTIFICATION})
    (sent,) = stored(analyst)
    other = make_role_user("trainer")
    acting(other, "analyst")
    assert client_for(other).get(f"/en/sandbox/requests/{sent.uid}/").status_code == 404


# The job function's gate


def test_a_border_officer_neither_requests_nor_answers(learner, hit):
    acting(learner, "")
    client = client_for(learner)
    for url in (form_url(hit), "/en/sandbox/requests/1/", "/en/sandbox/requests/incoming/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "sandbox-role-refused" in response.content.decode()
    assert client.post(form_url(hit), {"fields": ["full_name"], "justification": JUSTIFICATION}).status_code == 403
    assert client.post("/en/sandbox/requests/incoming/1/answer/", {}).status_code == 403


def test_an_analyst_requests_but_has_no_incoming_queue_nor_its_link(learner, hit):
    client = client_for(learner)
    assert client.get("/en/sandbox/requests/incoming/").status_code == 403
    assert client.get("/en/sandbox/requests/incoming/1/answer/").status_code == 403
    assert 'href="/en/sandbox/requests/incoming/"' not in client.get("/en/sandbox/").content.decode()


# The focal point's queue


@pytest.fixture
def focal_point(learner) -> Sandbox:
    return acting(learner, "focal_point")


@pytest.fixture
def incoming(focal_point):
    return requests.incoming_request_make(
        sandbox=focal_point,
        person_uid=own_person().uid,
        requesting_country="CRI",
        purpose_code="BORDER_CHECK",
        fields=["full_name", "document", "photograph"],
        justification="Control de entrada en Peñas Blancas: confirmar identidad.",
    )


def answer_url(request) -> str:
    return f"/en/sandbox/requests/incoming/{request.uid}/answer/"


def test_the_queue_lists_other_members_requests_with_their_link(learner, incoming):
    client = client_for(learner)
    response = client.get("/en/sandbox/requests/incoming/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption" in html and answer_url(incoming) in html
    assert "Costa Rica" in main_text(response)
    assert 'href="/en/sandbox/requests/incoming/"' in client.get("/en/sandbox/").content.decode()
    spanish = client.get("/sandbox/requests/incoming/")
    assert spanish.status_code == 200 and "Control fronterizo" in main_text(spanish)


def test_the_answer_form_offers_what_was_asked_that_the_purpose_allows(learner, incoming):
    response = client_for(learner).get(answer_url(incoming))
    assert response.status_code == 200
    html = response.content.decode()
    assert boxes(html) == ["full_name", "document"]
    assert "Photograph (biometric)" in main_text(response)  # listed as asked for and not allowed
    assert 'name="expected_status" value="SENT"' in html


def test_an_approval_releases_the_minimum_and_a_second_submit_is_refused(learner, focal_point, incoming):
    client = client_for(learner)
    data = {"decision": "APPROVE", "expected_status": "SENT", "reason": ""}
    response = client.post(answer_url(incoming), data)
    assert response.status_code == 302 and response["Location"] == "/en/sandbox/requests/incoming/"
    answered = InformationRequest.objects.layer_of(focal_point).get(uid=incoming.uid)
    assert (answered.status, answered.released_fields) == ("PARTIAL", ["full_name", "document"])
    again = client.post(answer_url(incoming), {**data, "decision": "REFUSE", "reason": "Sin base legal."})
    assert again.status_code == 302 and again["Location"] == f"/en/sandbox/requests/{incoming.uid}/"
    assert "answered while you were deciding" in main_text(client.get(again["Location"]))
    assert InformationRequest.objects.layer_of(focal_point).get(uid=incoming.uid).status == "PARTIAL"
    # Once answered, the answer form sends the focal point to the request's page.
    assert client.get(answer_url(incoming))["Location"] == f"/en/sandbox/requests/{incoming.uid}/"


def test_a_partial_answer_without_a_reason_comes_back_on_its_form(learner, focal_point, incoming):
    response = client_for(learner).post(
        answer_url(incoming), {"decision": "PARTIAL", "fields": ["document"], "expected_status": "SENT"}
    )
    assert response.status_code == 200
    assert "at least 10 characters" in main_text(response)
    assert InformationRequest.objects.layer_of(focal_point).get(uid=incoming.uid).status == "SENT"


def test_a_refusal_with_a_reason_is_shown_on_the_requests_page(learner, focal_point, incoming):
    client = client_for(learner)
    client.post(
        answer_url(incoming),
        {"decision": "REFUSE", "reason": "Sin base legal para este control.", "expected_status": "SENT"},
    )
    page = main_text(client.get(f"/en/sandbox/requests/{incoming.uid}/"))
    assert "Refused" in page and "Sin base legal para este control." in page


def test_another_learners_incoming_request_is_not_found(incoming):
    other = make_role_user("trainer")
    acting(other, "focal_point")
    client = client_for(other)
    assert client.get(answer_url(incoming)).status_code == 404
    assert client.post(answer_url(incoming), {"decision": "REFUSE", "reason": "Sin base legal."}).status_code == 404


def test_the_answers_page_reads_each_reference_table_once_whatever_the_history(learner, analyst, clock):
    """Names of posts, countries and categories are read once per table, not once per line."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.sandbox.baseline_rows import baseline_movement

    person = partner_person()
    client = client_for(learner)

    def page_queries() -> int:
        hit = learner_hit(analyst, learner, person, purpose="INVESTIGATION")
        fields = ["full_name", "document", "movement_history", "alerts"]
        client.post(form_url(hit), {"fields": fields, "justification": JUSTIFICATION})
        sent = stored(analyst)[-1]
        clock.move_to(sent.answer_at)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/sandbox/requests/{sent.uid}/").status_code == 200
        return len(queries)

    few = page_queries()
    for day in range(10, 18):
        baseline_movement(person_uid=person.uid, crossing_point_id="HN-SAP", local_date=dt.date(2025, 7, day))
    assert page_queries() <= few
