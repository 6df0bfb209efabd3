"""The movement form's exits, reasons and exercises: a person's page links each open entry to an
exit form that preselects it; the exit closes the entry chosen, or is refused on the field when
that entry is not an open entry of the traveller; the overstay flag and the reason code are
saved, and refused on their fields where they do not apply; an exercise token puts the movement
in the learner's own open attempt's scenario, and any other token is ignored.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sandbox.exercises.engine import exercise_restart
from sandbox.models import Document, Movement, Sandbox
from tests.sandbox.exercises.helpers import start
from tests.sandbox.screens import baseline_movement_of, layer_rows, movement_data, other_learner, register, submit

pytestmark = pytest.mark.django_db

FORM = "/en/sandbox/movements/new/"


@pytest.fixture
def jose_trips(baseline):
    """José's record: the open entry of 14 March 2025 (uid 21), an older one left open (uid 22)
    and a round trip (entry 23, closed by exit 24)."""
    jose = baseline["jose"]
    passport = Document.objects.baseline().get(uid=12)
    baseline_movement_of(22, jose, passport, dt.datetime(2024, 11, 2, 15, tzinfo=dt.UTC), authorised_stay_days=90)
    baseline_movement_of(23, jose, passport, dt.datetime(2024, 6, 1, 15, tzinfo=dt.UTC))
    baseline_movement_of(
        24, jose, passport, dt.datetime(2024, 6, 9, 15, tzinfo=dt.UTC), direction="EXIT", closes_entry_uid=23
    )
    return passport


def _exit_data(passport, **overrides):
    exit_fields = {
        "mrz": passport.mrz,
        "direction": "EXIT",
        "crossing_point": "GT-GUA",
        "local_date": "2025-04-20",
        "authorised_stay_days": "",
        "person": "2",
    }
    return movement_data(**{**exit_fields, **overrides})


def _own_movement(learner) -> Movement:
    return Movement.objects.layer_of(Sandbox.objects.get(owner=learner)).get()


def test_the_person_page_links_each_open_entry_to_its_exit(learner_client, jose_trips):
    html = learner_client.get("/en/sandbox/people/2/").content.decode()
    assert 'id="open-entries-title">Open entries' in html
    links = re.findall(r'href="/en/sandbox/movements/new/\?person=2&amp;closes=(\d+)"', html)
    assert links == ["21", "22"]
    assert html.count("Register the exit for this entry") == 2


def test_a_trainer_sees_the_open_entries_without_the_links(trainer, learner, jose_trips):
    from tests.conftest import client_for

    register(client_for(learner))
    sandbox = Sandbox.objects.get(owner=learner)
    html = client_for(trainer).get(f"/en/sandbox/learners/{sandbox.pk}/people/2/").content.decode()
    assert "Open entries" in html
    assert "Register the exit for this entry" not in html


def test_the_exit_link_preselects_the_entry_and_the_direction(learner_client, jose_trips):
    html = learner_client.get(f"{FORM}?person=2&closes=22").content.decode()
    assert re.search(r'<input type="radio" name="closes_entry" value="22"[^>]*checked', html)
    assert not re.search(r'<input type="radio" name="closes_entry" value="21"[^>]*checked', html)
    assert re.search(r'<input type="radio" name="direction" value="EXIT"[^>]*checked', html)
    assert '<input type="hidden" name="person" value="2"' in html
    assert "Entry of March 14, 2025 at Aeropuerto Internacional La Aurora (Guatemala)" in html
    assert 'value="23"' not in html  # a closed entry is not offered


def test_a_closes_uid_that_is_not_open_is_not_preselected(learner_client, jose_trips):
    html = learner_client.get(f"{FORM}?person=2&closes=23").content.decode()
    assert not re.search(r'name="closes_entry" value="\d+"[^>]*checked', html)
    assert not re.search(r'<input type="radio" name="direction" value="EXIT"[^>]*checked', html)


def test_the_exit_closes_the_entry_chosen_and_carries_the_overstay(learner_client, learner, jose_trips):
    response = submit(learner_client, _exit_data(jose_trips, closes_entry="22", is_overstay="on"))
    assert response.status_code == 302
    movement = _own_movement(learner)
    assert (movement.closes_entry_uid, movement.is_overstay) == (22, True)
    html = learner_client.get("/en/sandbox/people/2/").content.decode()
    assert re.findall(r"closes=(\d+)", html) == ["21"]
    assert "Overstay" in html


def test_without_a_choice_the_exit_closes_the_latest_open_entry(learner_client, learner, jose_trips):
    submit(learner_client, _exit_data(jose_trips, person=""))
    assert (_own_movement(learner).closes_entry_uid, _own_movement(learner).is_overstay) == (21, False)


@pytest.mark.parametrize("closes", ["23", "999999"])
def test_a_closes_uid_that_is_not_an_open_entry_of_the_traveller_is_a_field_error(
    learner_client, learner, jose_trips, closes
):
    html = submit(learner_client, _exit_data(jose_trips, closes_entry=closes)).content.decode()
    assert 'id="id_closes_entry_error">' in html
    assert layer_rows(learner, Movement) == 0


def test_an_open_entry_of_someone_else_than_the_document_holder_is_a_field_error(
    learner_client, learner, jose_trips, baseline
):
    maria_passport = Document.objects.baseline().get(uid=11)
    html = submit(learner_client, _exit_data(maria_passport, closes_entry="21")).content.decode()
    assert 'id="id_closes_entry_error">That entry is not an open entry of this traveller' in html
    assert layer_rows(learner, Movement) == 0


@pytest.mark.parametrize("field", ["is_overstay", "closes_entry"])
def test_an_entry_neither_closes_an_entry_nor_is_an_overstay(learner_client, learner, jose_trips, field):
    data = _exit_data(jose_trips, direction="ENTRY", authorised_stay_days="30")
    data[field] = "on" if field == "is_overstay" else "21"
    html = submit(learner_client, data).content.decode()
    assert f'id="id_{field}_error">Only an exit closes an entry or is an overstay.' in html
    assert layer_rows(learner, Movement) == 0


def test_the_overstay_checkbox_is_labelled_after_its_box(learner_client, jose_trips):
    html = learner_client.post(FORM, _exit_data(jose_trips)).content.decode()
    assert re.search(
        r'<input type="checkbox" name="is_overstay"[^>]*id="id_is_overstay"[^>]*>\s*'
        r'<label for="id_is_overstay">The authorised stay has run out: overstay</label>',
        html,
    )


def test_a_refusal_with_a_reason_code_is_saved_and_shown(learner_client, learner, baseline):
    response = register(learner_client, decision="REFUSED", refusal_code="DOCUMENT_EXPIRED")
    assert response.status_code == 302
    movement = _own_movement(learner)
    assert (movement.refusal_code, movement.refusal_reason) == ("DOCUMENT_EXPIRED", "")
    assert "Refused: Document expired" in learner_client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"refusal_code": "PASSPORT_REQUIRED"}, "refusal_code", "An admitted traveller has no reason for refusal"),
        ({"decision": "REFUSED", "refusal_code": "OTHER"}, "refusal_reason", "Describe the other reason."),
        ({"decision": "REFERRED", "refusal_code": "NOT_A_CODE"}, "refusal_code", "Select a valid choice."),
    ],
)
def test_a_reason_code_where_it_does_not_apply_is_a_field_error(
    learner_client, learner, baseline, overrides, field, message
):
    html = register(learner_client, **overrides).content.decode()
    assert f'id="id_{field}_error">{message}' in html
    assert layer_rows(learner, Movement) == 0


def test_an_own_open_attempt_puts_the_movement_in_its_scenario(learner_client, learner, baseline):
    attempt = start(learner, "entry_registration")
    html = learner_client.get(f"{FORM}?exercise={attempt.token}").content.decode()
    assert f'<input type="hidden" name="exercise" value="{attempt.token}"' in html
    register(learner_client, exercise=str(attempt.token))
    sandbox = Sandbox.objects.get(owner=learner)
    movement = Movement.objects.layer_of(sandbox).exclude(uid__in=attempt.records.values()).get()
    assert movement.scenario == attempt.pk


def _attempt_of_someone_else():
    return start(other_learner(), "entry_registration")


def _restarted_attempt(user):
    attempt = start(user, "entry_registration")
    exercise_restart(user=user, token=attempt.token)
    return attempt


@pytest.mark.parametrize("kind", ["foreign", "restarted", "garbage"])
def test_any_other_exercise_token_is_ignored(learner_client, learner, baseline, kind):
    token = {
        "foreign": lambda: _attempt_of_someone_else().token,
        "restarted": lambda: _restarted_attempt(learner).token,
        "garbage": lambda: "not-a-token",
    }[kind]()
    html = learner_client.get(f"{FORM}?exercise={token}").content.decode()
    assert '<input type="hidden" name="exercise" id="id_exercise">' in html
    assert register(learner_client, exercise=str(token)).status_code == 302
    sandbox = Sandbox.objects.get(owner=learner)
    movement = Movement.objects.layer_of(sandbox).filter(scenario__isnull=True).get()
    assert movement.recorded_by == learner
