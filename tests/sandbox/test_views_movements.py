"""Registering a movement on the sandbox's form: the learner's duty post and local date by
default, the movement saved in UTC and shown in the post's local time, a known document adding
to its person's history, and a wrong check digit or length, an identity card outside CA-4 or a
refusal without a reason refused on its field, in the page's language, with nothing saved.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from django.utils.html import escape

from people.roles import Role
from sandbox.models import CrossingPoint, Document, Movement, Person, Sandbox
from sandbox.mrz import mrz_compose_td1, mrz_compose_td3
from tests.conftest import client_for
from tests.people.factories import person as make_user
from tests.sandbox.screens import PASSPORT, layer_rows, main_text, movement_data, register, submit

pytestmark = pytest.mark.django_db


def test_movement_form_defaults_to_the_learners_duty_post_and_its_local_time():
    learner = make_user(role=Role.LEARNER, authority_code="gt-igm")  # a duty post in Guatemala
    learner_client = client_for(learner)
    point = CrossingPoint.objects.get(duty_post=learner.staff_profile.duty_post)
    html = learner_client.get("/en/sandbox/movements/new/").content.decode()
    assert f'<option value="{point.code}" selected>' in html
    assert re.search(r'<optgroup label="Guatemala">', html)
    assert re.search(r'<textarea[^>]*autocomplete="off"[^>]*spellcheck="false"', html)
    now = timezone.localtime(timezone.now())
    assert f'value="{now:%Y-%m-%d}"' in html


def test_registering_an_entry_creates_the_movement_and_shows_it_in_local_time(learner_client, learner, baseline):
    response = register(learner_client)
    assert response.status_code == 302
    sandbox = Sandbox.objects.get(owner=learner)
    movement = Movement.objects.layer_of(sandbox).get()
    assert movement.occurred_at == dt.datetime(2025, 3, 14, 14, 30, tzinfo=dt.UTC)  # Costa Rica is UTC-6
    assert response["Location"] == f"/en/sandbox/people/{movement.person_uid}/"
    page = learner_client.get(response["Location"])
    text = main_text(page)
    assert "The entry has been registered." in text
    assert "03/14/2025 08:30 America/Costa_Rica (UTC-0600)" in text
    assert "Peñas Blancas" in text


def test_registering_with_a_known_document_adds_to_that_persons_history(learner_client, learner, baseline):
    jose = baseline["jose"]
    mrz = Document.objects.baseline().get(uid=12).mrz
    response = register(learner_client, mrz=mrz, direction="EXIT", crossing_point="GT-GUA", local_date="2025-03-20")
    assert response["Location"] == "/en/sandbox/people/2/"
    assert Person.objects.layer_of(Sandbox.objects.get(owner=learner)).count() == 0
    text = main_text(learner_client.get("/en/sandbox/people/2/"))
    assert "The exit has been registered." in text
    assert text.count("America/Guatemala") == 2
    assert jose.given_names in text


@pytest.mark.parametrize(
    ("mrz", "message"),
    [
        (
            mrz_compose_td3(**PASSPORT).replace("C01234567", "C01234568"),
            "The check digit of the document number is wrong.",
        ),
        (mrz_compose_td3(**PASSPORT)[:-1], "Line 2 has 43 characters; it must have 44."),
    ],
)
def test_a_wrong_check_digit_or_length_is_refused_naming_the_field_and_nothing_is_saved(
    learner_client, learner, baseline, mrz, message
):
    response = register(learner_client, mrz=mrz, carrier="Tica Bus")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<span class="error-text" id="id_mrz_error">{message}' in html
    assert f'<a href="#id_mrz">Machine-readable zone (MRZ): {message}</a>' in html
    assert 'aria-invalid="true"' in html
    assert escape(mrz.split("\n")[0]) in html  # everything typed is shown again
    assert 'value="Tica Bus"' in html
    for model in (Person, Document, Movement):
        assert layer_rows(learner, model) == 0


def test_the_mrz_error_is_in_spanish_for_a_spanish_page(learner_client, baseline):
    mrz = mrz_compose_td3(**PASSPORT).replace("C01234567", "C01234568")
    html = submit(learner_client, movement_data(mrz=mrz), url="/sandbox/movements/new/").content.decode()
    assert 'id="id_mrz_error">El dígito de control del campo «número de documento» es incorrecto.' in html


def test_an_identity_card_outside_ca4_is_refused_on_the_crossing_point(learner_client, learner, baseline):
    card = mrz_compose_td1(**{**PASSPORT, "document_code": "ID", "issuing_state": "HND", "nationality": "HND"})
    html = register(learner_client, mrz=card, crossing_point="CR-PBL").content.decode()
    assert 'id="id_crossing_point_error">An identity card is accepted only at crossings between CA-4 states' in html
    assert layer_rows(learner, Movement) == 0


def test_a_refusal_needs_a_reason(learner_client, learner, baseline):
    html = register(learner_client, decision="REFUSED").content.decode()
    assert 'id="id_refusal_reason_error">Give the reason for the refusal.' in html
    assert layer_rows(learner, Movement) == 0
