"""The primary line on the movement form: read the document, see the screening, then decide.

Proves that the hit is shown (category, issuing country, required action) while no movement
exists and the hit record waits unattached; that a blocking hit cannot be admitted and a
referral writes REFERRED with the screening's hits; that a double submit or a forged
screening writes nothing more; that a document without a zone is typed by hand with its reason;
that a minor's exit needs the accompanying adult or the exit permit; that an exit after the
authorised stay is flagged with the reason shown; that an unrecognised document offers the
people it may belong to; and that a learner acting in a function without the primary line is
refused. In English and Spanish.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sandbox.models import Alert, AlertHit, AuditEvent, Document, Movement, Person, Sandbox
from sandbox.mrz import mrz_compose_td3
from tests.sandbox.baseline_rows import baseline_document, baseline_person, next_baseline_uid
from tests.sandbox.screens import (
    PASSPORT,
    baseline_movement_of,
    layer_rows,
    main_text,
    movement_data,
    screening_token,
    submit,
)

pytestmark = pytest.mark.django_db

FORM = "/en/sandbox/movements/new/"


def _alert(**fields) -> Alert:
    """An active baseline alert (the generator writes the blocking key, as `_prepare` does)."""
    from sandbox.matching import birth_key

    values = {
        "category_id": "ENTRY_BAN",
        "subject_kind": "PERSON",
        "subject_name": "PEÑA LOPEZ, JOSE LUIS",
        "subject_birth_date": PASSPORT["birth_date"],
        "issuing_country_id": "CRI",
        "action": "REFUSE_ENTRY",
        "valid_from": dt.date(2024, 1, 1),
        "sharing_scope": "OCAM_ALL",
        **fields,
    }
    values["birth_key"] = birth_key(values["subject_birth_date"]) if values["subject_kind"] == "PERSON" else ""
    return Alert.objects.create(uid=next_baseline_uid(Alert)[0], **values)


def _sandbox(user) -> Sandbox:
    return Sandbox.objects.get(owner=user)


def _read(client, **overrides):
    """Step 1 only: the document read and the traveller screened."""
    return client.post(FORM, movement_data(**overrides))


def _decide(client, read_response, **overrides):
    return client.post(FORM, {**movement_data(**overrides), "screening": screening_token(read_response)})


# The screening, before the decision.


def test_the_hit_is_shown_before_any_movement_exists(learner_client, learner, baseline):
    _alert()
    response = _read(learner_client)
    assert response.status_code == 200
    text = main_text(response)
    assert "Screening result: HIT" in text
    assert "Entry ban" in text
    assert "Costa Rica" in text
    assert "Refuse entry" in text
    assert "you cannot admit this traveller" in text
    assert layer_rows(learner, Movement) == 0
    hit = AlertHit.objects.layer_of(_sandbox(learner)).get()
    assert (hit.movement_uid, hit.disposition, hit.match_type) == (None, "PENDING", "NAME_DOB_FUZZY")
    # The decision's fields come only now, with a referral proposed.
    html = response.content.decode()
    assert re.search(r'<input type="radio" name="decision" value="REFERRED"[^>]*checked', html)
    assert '<option value="SCREENING_HIT" selected>' in html
    assert 'name="decision"' not in learner_client.get(FORM).content.decode()


def test_no_hit_is_shown_as_such_and_the_decision_records_it(learner_client, learner, baseline):
    response = _read(learner_client)
    assert "Screening result: NO HIT" in main_text(response)
    assert layer_rows(learner, AlertHit) == 0
    assert _decide(learner_client, response).status_code == 302
    movement = Movement.objects.layer_of(_sandbox(learner)).get()
    assert (movement.screening_result, movement.decision) == ("NO_HIT", "ADMITTED")


def test_a_blocking_hit_cannot_be_admitted(learner_client, learner, baseline):
    _alert()
    response = _decide(learner_client, _read(learner_client), decision="ADMITTED")
    assert response.status_code == 200
    assert 'id="id_decision_error">The screening found an alert that forbids the crossing' in response.content.decode()
    assert layer_rows(learner, Movement) == 0
    assert AlertHit.objects.layer_of(_sandbox(learner)).get().movement_uid is None


def test_a_non_blocking_hit_may_be_admitted(learner_client, learner, baseline):
    _alert(category_id="INFO", action="INFO_ONLY")
    response = _decide(learner_client, _read(learner_client), decision="ADMITTED")
    assert response.status_code == 302
    movement = Movement.objects.layer_of(_sandbox(learner)).get()
    assert movement.screening_result == "HIT"
    assert AlertHit.objects.layer_of(_sandbox(learner)).get().movement_uid == movement.uid


def test_the_referral_is_written_with_the_screening_and_its_hits(learner_client, learner, baseline):
    _alert()
    response = _decide(learner_client, _read(learner_client), decision="REFERRED")
    assert response.status_code == 302
    sandbox = _sandbox(learner)
    movement = Movement.objects.layer_of(sandbox).get()
    assert (movement.decision, movement.refusal_code, movement.screening_result) == (
        "REFERRED",
        "SCREENING_HIT",
        "HIT",
    )
    hit = AlertHit.objects.layer_of(sandbox).get()
    assert (hit.movement_uid, hit.person_uid, hit.document_uid) == (
        movement.uid,
        movement.person_uid,
        movement.document_uid,
    )
    actions = list(AuditEvent.objects.layer_of(sandbox).order_by("uid").values_list("action", "object_type"))
    assert actions == [("SEARCH", "screening"), ("CREATE", "movement")]


def test_a_double_submit_writes_one_movement(learner_client, learner, baseline):
    _alert()
    read = _read(learner_client)
    first = _decide(learner_client, read, decision="REFERRED")
    second = _decide(learner_client, read, decision="REFERRED")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert layer_rows(learner, Movement) == 1


def test_a_forged_screening_writes_nothing(learner_client, learner, baseline):
    _alert()
    read = _read(learner_client)
    token = screening_token(read)
    forged = learner_client.post(FORM, {**movement_data(decision="REFERRED"), "screening": token[:-2] + "xx"})
    assert "This screening is no longer valid: read the document again." in main_text(forged)
    assert layer_rows(learner, Movement) == 0


def test_the_screening_of_another_learner_is_refused(learner_client, learner, baseline):
    from tests.conftest import client_for
    from tests.sandbox.screens import other_learner

    _alert()
    theirs = screening_token(_read(client_for(other_learner())))
    _read(learner_client)  # the learner's own sandbox exists
    response = learner_client.post(FORM, {**movement_data(decision="REFERRED"), "screening": theirs})
    assert "This screening is no longer valid" in main_text(response)
    assert layer_rows(learner, Movement) == 0


def test_the_screening_page_is_in_spanish(learner_client, baseline):
    _alert()
    text = main_text(learner_client.post("/sandbox/movements/new/", movement_data()))
    assert "Prohibición de ingreso" in text
    assert "Rechazar el ingreso" in text


# A document typed by hand.


def _etd(**overrides) -> dict[str, str]:
    fields = {
        "mrz": "",
        "capture": "MANUAL",
        "document_type": "ETD",
        "document_number": "ETD 2025 0042",
        "issuing_state": "NIC",
        "nationality": "NIC",
        "surnames": "Peña López",
        "given_names": "José Luis",
        "birth_date": "1988-03-09",
        "sex": "M",
        "expiry_date": "2025-04-13",
        "manual_entry_reason": "Emergency travel document: no machine-readable zone",
    }
    return movement_data(**{**fields, **overrides})


def test_an_emergency_travel_document_is_typed_by_hand_with_its_reason(learner_client, learner, baseline):
    response = submit(learner_client, _etd())
    assert response.status_code == 302
    sandbox = _sandbox(learner)
    movement = Movement.objects.layer_of(sandbox).get()
    assert (movement.capture_source, movement.manual_entry_reason) == (
        "MANUAL",
        "Emergency travel document: no machine-readable zone",
    )
    document = Document.objects.layer_of(sandbox).get()
    assert (document.document_type_id, document.number, document.mrz) == ("ETD", "ETD20250042", "")


def test_a_document_typed_by_hand_needs_the_reason(learner_client, learner, baseline):
    html = learner_client.post(FORM, _etd(manual_entry_reason="")).content.decode()
    assert 'id="id_manual_entry_reason_error">This field is required when the document is typed by hand.' in html
    assert 'name="screening"' not in html
    assert layer_rows(learner, AlertHit) == 0


def test_a_document_typed_by_hand_is_screened_by_name(learner_client, learner, baseline):
    _alert(category_id="WANTED", action="ARREST_NOTIFY", subject_name="PENA, JOSE LUIS")
    text = main_text(learner_client.post(FORM, _etd()))
    assert "Wanted person" in text
    assert "Detain and notify the police" in text
    assert layer_rows(learner, Movement) == 0


# A minor's exit.

MINOR = {**PASSPORT, "surnames": "Peña Ruiz", "given_names": "Lucía", "number": "C07654321", "sex": "F"}


def _minor_exit(**overrides) -> dict[str, str]:
    mrz = mrz_compose_td3(**{**MINOR, "birth_date": dt.date(2015, 6, 1)})
    return movement_data(mrz=mrz, direction="EXIT", authorised_stay_days="", **overrides)


def test_a_minors_exit_without_adult_or_permit_is_not_admitted(learner_client, learner, baseline):
    read = learner_client.post(FORM, _minor_exit())
    assert "The traveller is a minor: record the accompanying adult or the exit permit." in main_text(read)
    response = submit(learner_client, _minor_exit())
    assert 'id="id_accompanying_adult_error">A minor leaves with the accompanying adult' in response.content.decode()
    assert layer_rows(learner, Movement) == 0


def test_a_minors_exit_is_referred_without_consent(learner_client, learner, baseline):
    assert submit(learner_client, _minor_exit(decision="REFERRED", refusal_code="MINOR_CONSENT")).status_code == 302
    movement = Movement.objects.layer_of(_sandbox(learner)).get()
    assert (movement.decision, movement.refusal_code) == ("REFERRED", "MINOR_CONSENT")


def test_a_minors_exit_with_the_accompanying_adult(learner_client, learner, baseline):
    response = submit(learner_client, _minor_exit(accompanying_adult="G12345678"))  # María's passport
    assert response.status_code == 302
    assert Movement.objects.layer_of(_sandbox(learner)).get().accompanying_adult_uid == baseline["maria"].uid


def test_a_minors_exit_with_the_exit_permit(learner_client, learner, baseline):
    assert submit(learner_client, _minor_exit(minor_exit_permit="PANI-2025-118")).status_code == 302
    assert Movement.objects.layer_of(_sandbox(learner)).get().minor_exit_permit == "PANI-2025-118"


def test_an_unknown_accompanying_document_is_a_field_error(learner_client, learner, baseline):
    html = submit(learner_client, _minor_exit(accompanying_adult="Z000")).content.decode()
    assert 'id="id_accompanying_adult_error">No document of the platform has this number.' in html
    assert layer_rows(learner, Movement) == 0


# The authorised stay at exit.


def test_an_exit_after_the_authorised_stay_is_flagged_with_the_reason(learner_client, learner, baseline):
    jose = baseline["jose"]
    passport = Document.objects.baseline().get(uid=12)
    baseline_movement_of(30, jose, passport, dt.datetime(2025, 4, 1, 15, tzinfo=dt.UTC), authorised_stay_days=10)
    data = movement_data(mrz=passport.mrz, direction="EXIT", crossing_point="GT-GUA", local_date="2025-04-20")
    response = learner_client.post(FORM, {**data, "authorised_stay_days": ""})
    text = main_text(response)
    assert "the authorised stay of the entry this exit closes ended on April 11, 2025, 9 days ago" in text
    assert re.search(r'<input type="checkbox" name="is_overstay"[^>]*checked', response.content.decode())


def test_an_exit_within_the_authorised_stay_is_not_flagged(learner_client, learner, baseline):
    jose = baseline["jose"]
    passport = Document.objects.baseline().get(uid=12)
    baseline_movement_of(30, jose, passport, dt.datetime(2025, 4, 1, 15, tzinfo=dt.UTC), authorised_stay_days=90)
    data = movement_data(mrz=passport.mrz, direction="EXIT", crossing_point="GT-GUA", local_date="2025-04-20")
    response = learner_client.post(FORM, {**data, "authorised_stay_days": ""})
    assert "Overstay:" not in main_text(response)
    assert not re.search(r'<input type="checkbox" name="is_overstay"[^>]*checked', response.content.decode())


# An unrecognised document and the people it may belong to.


def test_an_unrecognised_document_offers_the_person_it_may_belong_to(learner_client, learner, baseline):
    jose = baseline_person(
        given_names="José Luis", surname_1="Peña", surname_2="López", birth_date=dt.date(1988, 3, 9), sex="M"
    )
    baseline_person(given_names="Marta", surname_1="Soto", birth_date=dt.date(1988, 3, 9))  # same day, not him
    read = learner_client.post(FORM, movement_data())
    html = read.content.decode()
    assert re.search(rf'<input type="radio" name="existing_person" value="{jose.uid}"', html)
    assert "Peña López, José Luis, born March 9, 1988" in main_text(read)
    assert "Soto" not in main_text(read)
    response = learner_client.post(
        FORM, {**movement_data(), "existing_person": str(jose.uid), "screening": screening_token(read)}
    )
    assert response.status_code == 302
    sandbox = _sandbox(learner)
    assert Person.objects.layer_of(sandbox).count() == 0
    assert Document.objects.layer_of(sandbox).get().person_uid == jose.uid
    assert Movement.objects.layer_of(sandbox).get().person_uid == jose.uid


def test_a_national_id_number_offers_its_holder(learner_client, learner, baseline):
    holder = baseline_person(given_names="Otro", surname_1="Nombre", national_id_number="001-090388-0001A")
    read = learner_client.post(FORM, _etd(national_id_number="001-090388-0001A"))
    assert re.search(rf'name="existing_person" value="{holder.uid}"', read.content.decode())


def test_the_officer_may_create_a_new_person_instead(learner_client, learner, baseline):
    baseline_person(given_names="José Luis", surname_1="Peña", surname_2="López", birth_date=dt.date(1988, 3, 9))
    assert submit(learner_client, movement_data(existing_person="")).status_code == 302
    assert Person.objects.layer_of(_sandbox(learner)).count() == 1


def test_a_known_document_offers_nobody(learner_client, baseline):
    baseline_document(person=baseline["jose"], number="C01234567", issuing_state_id="NIC")
    assert 'name="existing_person"' not in learner_client.post(FORM, movement_data()).content.decode()


# The learner's job function.


def test_a_function_without_the_primary_line_is_refused(learner_client, learner, baseline):
    from sandbox.services import sandbox_get_or_create

    sandbox = sandbox_get_or_create(user=learner)
    sandbox.role = "statistics_officer"
    sandbox.save(update_fields=["role"])
    assert learner_client.get(FORM).status_code == 403
    assert learner_client.post(FORM, movement_data()).status_code == 403
    assert layer_rows(learner, AlertHit) == 0
