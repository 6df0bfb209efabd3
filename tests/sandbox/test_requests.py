"""Information requests after a hit (`sandbox.requests`): the fields each purpose allows, a
request refused with nothing written, the simulated partner's answer by rule and after its delay,
protected records released to no one, the focal point's answers to other members' requests, a
second answer refused, and the audit event of every request, release and refusal."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from sandbox import requests, selectors_requests, services
from sandbox.models import AuditEvent, InformationRequest, PurposeCode, Sandbox
from sandbox.requests import ALLOWED_FIELDS, REQUEST_FIELDS
from tests.conftest import make_role_user
from tests.sandbox.request_rows import PARTNER, learner_hit, own_person, partner_person

pytestmark = pytest.mark.django_db

JUSTIFICATION = "Verificación de identidad en el control de entrada, caso GT-2026-0042."
NOW = dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _delay(settings):
    settings.SANDBOX_PARTNER_DELAY_SECONDS = 120


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def learner():
    return make_role_user("learner")


@pytest.fixture
def sandbox(learner) -> Sandbox:
    sandbox = services.sandbox_get_or_create(user=learner)
    assert sandbox.country_id == "GTM"
    return sandbox


@pytest.fixture
def person():
    return partner_person()


def send(sandbox, learner, hit, fields, justification=JUSTIFICATION):
    return requests.request_send(
        sandbox=sandbox, user=learner, result=hit.result, fields=fields, justification=justification
    )


def requests_in(sandbox) -> int:
    return InformationRequest.objects.layer_of(sandbox).count()


def events(sandbox, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.layer_of(sandbox).filter(action=action).order_by("occurred_at", "uid"))


# The rule table


def test_no_purpose_allows_anything_about_asylum_nor_a_field_outside_the_catalogue():
    assert set(ALLOWED_FIELDS) == set(PurposeCode.values)
    for allowed in ALLOWED_FIELDS.values():
        assert set(allowed) <= set(REQUEST_FIELDS)
        assert "asylum_status" not in allowed


def test_a_border_check_allows_no_biometrics_and_no_history():
    allowed = set(ALLOWED_FIELDS[PurposeCode.BORDER_CHECK])
    assert not {code for code in allowed if REQUEST_FIELDS[code].is_biometric}
    assert not allowed & {"movement_history", "last_movement", "alerts"}


# Field minimisation: each purpose and each field of the catalogue


@pytest.mark.parametrize("purpose", PurposeCode.values)
@pytest.mark.parametrize("code", list(REQUEST_FIELDS))
def test_a_field_is_accepted_only_for_the_purposes_that_allow_it(sandbox, learner, person, purpose, code):
    hit = learner_hit(sandbox, learner, person, purpose=purpose)
    if code in ALLOWED_FIELDS[purpose]:
        sent = send(sandbox, learner, hit, [code])
        assert sent.requested_fields == [code]
        assert requests_in(sandbox) == 1
    else:
        with translation.override("en"):
            with pytest.raises(ValidationError) as refused:
                send(sandbox, learner, hit, ["full_name", code])
            assert "Not allowed for the purpose" in refused.value.message_dict["fields"][0]
            assert str(REQUEST_FIELDS[code].label) in refused.value.message_dict["fields"][0]
        assert requests_in(sandbox) == 0
        assert not events(sandbox, "REQUEST")


def test_biometrics_are_refused_for_a_border_check_naming_them(sandbox, learner, person, english):
    hit = learner_hit(sandbox, learner, person, purpose="BORDER_CHECK")
    with pytest.raises(ValidationError) as refused:
        send(sandbox, learner, hit, ["full_name", "photograph", "fingerprints"])
    message = refused.value.message_dict["fields"][0]
    assert "Photograph (biometric)" in message and "Fingerprints (biometric)" in message
    assert "Full name" not in message
    assert requests_in(sandbox) == 0


@pytest.mark.parametrize(
    ("fields", "justification", "field", "words"),
    [
        ([], JUSTIFICATION, "fields", "at least one field"),
        (["shoe_size"], JUSTIFICATION, "fields", "from the list"),
        (["full_name"], "Para el caso.", "justification", "at least 20 characters"),
        (["full_name"], "   ", "justification", "at least 20 characters"),
        (["full_name"], "Verificación de identidad\u202e en el control de entrada", "justification", "U+202E"),
        (["full_name"], "Verificación de identidad\x00 en el control de entrada", "justification", "U+0000"),
    ],
)
def test_a_request_without_fields_or_a_proper_justification_writes_nothing(
    sandbox, learner, person, english, fields, justification, field, words
):
    hit = learner_hit(sandbox, learner, person)
    with pytest.raises(ValidationError) as refused:
        send(sandbox, learner, hit, fields, justification)
    assert words in refused.value.message_dict[field][0]
    assert requests_in(sandbox) == 0
    assert not events(sandbox, "REQUEST")


def test_a_request_follows_only_a_hit_of_the_learners_own_consultation(sandbox, learner, person, english):
    no_hit = learner_hit(sandbox, learner, person)
    services.record_update(sandbox=sandbox, record=no_hit.result, outcome="NO_HIT")
    with pytest.raises(ValidationError, match="own consultations"):
        send(sandbox, learner, no_hit, ["full_name"])
    other_learner = make_role_user("trainer")
    others = services.sandbox_get_or_create(user=other_learner)
    theirs = learner_hit(others, other_learner, person)
    with pytest.raises(ValidationError, match="own consultations"):
        send(sandbox, learner, theirs, ["full_name"])
    assert requests_in(sandbox) == 0


def test_a_second_request_on_a_hit_waits_for_the_first_answer(sandbox, learner, person, clock, english):
    hit = learner_hit(sandbox, learner, person)
    first = send(sandbox, learner, hit, ["full_name"])
    with pytest.raises(ValidationError, match="still waiting"):
        send(sandbox, learner, hit, ["birth_date"])
    assert requests_in(sandbox) == 1
    clock.move_to(first.answer_at + dt.timedelta(seconds=1))
    second = send(sandbox, learner, hit, ["birth_date"])
    assert second.uid != first.uid


# What a request records, and its audit


def test_a_request_takes_its_purpose_reference_countries_and_due_time_from_the_query(sandbox, learner, person, clock):
    hit = learner_hit(sandbox, learner, person, purpose="RETURN_VERIFICATION")
    sent = send(sandbox, learner, hit, ["nationality", "full_name", "nationality"])
    assert sent.requested_fields == ["full_name", "nationality"]  # the catalogue's order, once each
    assert (sent.purpose_code, sent.case_reference) == ("RETURN_VERIFICATION", "GT-2026-0042")
    assert (sent.requesting_country_id, sent.answering_country_id) == ("GTM", PARTNER)
    assert (sent.result_uid, sent.query_uid, sent.record_uid) == (hit.result.uid, hit.query.uid, person.uid)
    assert sent.requested_at == NOW
    assert sent.due_at == NOW + dt.timedelta(hours=48)
    assert sent.answer_at == NOW + requests.partner_delay(PARTNER)
    assert sent.justification == JUSTIFICATION


def test_the_partner_delay_is_the_setting_and_a_fixed_share_more_per_country(settings):
    delays = {country: requests.partner_delay(country) for country in ("HND", "SLV", "CRI", "NIC", "PAN")}
    assert all(dt.timedelta(seconds=120) <= delay <= dt.timedelta(seconds=180) for delay in delays.values())
    assert len(set(delays.values())) > 1
    assert delays == {country: requests.partner_delay(country) for country in delays}
    settings.SANDBOX_PARTNER_DELAY_SECONDS = 0
    assert requests.partner_delay("HND") == dt.timedelta(0)


def test_a_request_and_the_partners_release_are_audited_each_in_its_countrys_log(sandbox, learner, person, clock):
    hit = learner_hit(sandbox, learner, person, purpose="INVESTIGATION")
    sent = send(sandbox, learner, hit, ["full_name", "movement_history"])
    (asked,) = events(sandbox, "REQUEST")
    assert (asked.actor, asked.held_by_id, asked.object_uid) == (learner, "GTM", sent.uid)
    assert (asked.purpose_code, asked.case_reference) == ("INVESTIGATION", "GT-2026-0042")
    assert asked.parameters["fields"] == ["full_name", "movement_history"]
    (released,) = events(sandbox, "RELEASE")
    assert (released.actor, released.held_by_id, released.object_uid) == (None, PARTNER, sent.uid)
    assert released.occurred_at == sent.answer_at
    assert (released.purpose_code, released.case_reference) == ("INVESTIGATION", "GT-2026-0042")
    assert released.parameters["fields"] == ["full_name", "movement_history"]
    # The partner's event is in its log, not in the learner's country's.
    assert not AuditEvent.objects.visible_to(sandbox).filter(action="RELEASE").exists()


# The simulated partner's answer


def test_the_partner_releases_the_fields_from_its_own_records(sandbox, learner, person, clock):
    hit = learner_hit(sandbox, learner, person, purpose="INVESTIGATION")
    sent = send(sandbox, learner, hit, ["full_name", "document", "movement_history", "alerts", "photograph"])
    assert sent.status == "APPROVED"
    assert sent.released_fields == ["full_name", "document", "movement_history", "alerts", "photograph"]
    assert sent.response["full_name"] == "Reyes Mejía, Carlos Alberto"
    assert sent.response["document"] == {
        "type": "P",
        "number": "E1234567",
        "issuing_state": PARTNER,
        "expires_on": "2031-05-01",
    }
    assert [movement["date"] for movement in sent.response["movement_history"]] == ["2025-06-09", "2025-06-03"]
    assert sent.response["alerts"] == [{"category": "EXIT_BAN", "action": "PREVENT_EXIT"}]
    assert (sent.responded_at, sent.responded_by) == (sent.answer_at, None)


def test_the_partners_answer_is_invisible_before_it_arrives_and_visible_after(sandbox, learner, person, clock):
    hit = learner_hit(sandbox, learner, person)
    sent = send(sandbox, learner, hit, ["full_name", "birth_date"])
    stored = selectors_requests.request_get(sandbox=sandbox, uid=sent.uid)
    before = selectors_requests.request_view(sandbox=sandbox, request=stored, now=timezone.now())
    assert (before.status, before.has_answer, before.expected_at) == ("SENT", False, sent.answer_at)
    assert before.released == [] and before.reason == "" and before.not_released == []
    just_before = selectors_requests.request_view(
        sandbox=sandbox, request=stored, now=sent.answer_at - dt.timedelta(seconds=1)
    )
    assert just_before.status == "SENT"
    with translation.override("en"):
        after = selectors_requests.request_view(sandbox=sandbox, request=stored, now=sent.answer_at)
    assert (after.status, after.has_answer, after.expected_at) == ("APPROVED", True, None)
    lines = {value.label: value.lines for value in after.released}
    assert lines["Full name"] == ["Reyes Mejía, Carlos Alberto"]
    assert lines["Date of birth"] == ["04/02/1988"]


@pytest.mark.parametrize("sensitivity", ["ASYLUM", "VICTIM"])
@pytest.mark.parametrize("purpose", PurposeCode.values)
def test_a_protected_record_is_released_to_no_one(sandbox, learner, clock, english, sensitivity, purpose):
    person = partner_person(sensitivity=sensitivity)
    hit = learner_hit(sandbox, learner, person, purpose=purpose)
    sent = send(sandbox, learner, hit, ["full_name"])
    assert (sent.status, sent.released_fields, sent.response) == ("REFUSED", [], {})
    assert "data protection rules" in sent.response_reason
    # The refusal does not tell the requester why the record is protected.
    assert "asylum" not in sent.response_reason.lower() and "victim" not in sent.response_reason.lower()
    (refused,) = events(sandbox, "REFUSE")
    assert (refused.held_by_id, refused.object_uid, refused.parameters["fields"]) == (PARTNER, sent.uid, [])
    assert not events(sandbox, "RELEASE")


def test_a_minors_biometrics_are_withheld_and_the_answer_says_so(sandbox, learner, clock, english):
    person = partner_person(sensitivity="MINOR")
    hit = learner_hit(sandbox, learner, person, purpose="INVESTIGATION")
    sent = send(sandbox, learner, hit, ["full_name", "photograph"])
    assert (sent.status, sent.released_fields) == ("PARTIAL", ["full_name"])
    assert "photograph" not in sent.response
    assert "Not released: Photograph (biometric)" in sent.response_reason


def test_a_record_no_longer_held_is_refused(sandbox, learner, person, clock, english):
    hit = learner_hit(sandbox, learner, person)
    services.record_delete(sandbox=sandbox, record=person)
    sent = send(sandbox, learner, hit, ["full_name"])
    assert (sent.status, sent.released_fields) == ("REFUSED", [])
    assert "no longer held" in sent.response_reason


def test_the_partner_reads_its_records_as_the_learners_world_has_them(sandbox, learner, person, clock):
    """A record of Honduras the learner's layer changed (an exercise's builder, say) is what it releases;
    a record Guatemala holds under the same uid would not be Honduras's to release."""
    services.record_update(sandbox=sandbox, record=person, given_names="Carlos")
    hit = learner_hit(sandbox, learner, person)
    sent = send(sandbox, learner, hit, ["full_name"])
    assert sent.response == {"full_name": "Reyes Mejía, Carlos"}
    guatemalan = own_person()
    hit_on_own = learner_hit(sandbox, learner, guatemalan)
    refused = send(sandbox, learner, hit_on_own, ["full_name"])
    assert refused.status == "REFUSED"


# Requests from other members, answered by the learner as focal point


@pytest.fixture
def incoming(sandbox):
    """Costa Rica asks Guatemala, for a border check, for more than the purpose allows."""
    return requests.incoming_request_make(
        sandbox=sandbox,
        person_uid=own_person().uid,
        requesting_country="CRI",
        purpose_code="BORDER_CHECK",
        fields=["full_name", "birth_date", "document", "photograph", "movement_history"],
        justification="Control de entrada en Peñas Blancas: confirmar identidad.",
    )


def answer(sandbox, learner, request, decision, fields=(), reason="", expected_status="SENT"):
    return requests.incoming_answer(
        sandbox=sandbox,
        user=learner,
        request=request,
        decision=decision,
        fields=fields,
        reason=reason,
        expected_status=expected_status,
    )


def test_an_incoming_request_waits_in_the_focal_points_queue(sandbox, incoming):
    assert [request.uid for request in selectors_requests.incoming_queue(sandbox=sandbox)] == [incoming.uid]
    assert (incoming.requesting_country_id, incoming.answering_country_id) == ("CRI", "GTM")
    assert incoming.answer_at is None and incoming.status == "SENT"
    (asked,) = events(sandbox, "REQUEST")
    assert (asked.held_by_id, asked.object_uid) == ("CRI", incoming.uid)


def test_approval_releases_what_was_asked_that_the_purpose_allows_never_more(sandbox, learner, incoming):
    answered = answer(sandbox, learner, incoming, "APPROVE")
    assert answered.released_fields == ["full_name", "birth_date", "document"]
    assert answered.status == "PARTIAL"  # the photograph and history were asked for, and not released
    assert answered.response["full_name"] == "Ortiz Coj, Luisa Fernanda"
    assert answered.response["document"]["number"] == "G7654321"
    assert answered.responded_by == learner
    assert selectors_requests.incoming_queue(sandbox=sandbox) == []
    (released,) = events(sandbox, "RELEASE")
    assert (released.actor, released.held_by_id, released.object_uid) == (learner, "GTM", answered.uid)
    assert (released.purpose_code, released.parameters["fields"]) == ("BORDER_CHECK", answered.released_fields)


def test_approval_of_exactly_the_allowed_fields_is_approved(sandbox, learner):
    request = requests.incoming_request_make(
        sandbox=sandbox,
        person_uid=own_person().uid,
        requesting_country="HND",
        purpose_code="BORDER_CHECK",
        fields=["full_name"],
        justification="Control de entrada en El Florido: confirmar identidad.",
    )
    answered = answer(sandbox, learner, request, "APPROVE")
    assert (answered.status, answered.released_fields, answered.response_reason) == ("APPROVED", ["full_name"], "")


def test_a_partial_release_gives_the_chosen_fields_and_a_reason(sandbox, learner, incoming):
    answered = answer(sandbox, learner, incoming, "PARTIAL", ["document"], "Basta el documento para el control.")
    assert (answered.status, answered.released_fields) == ("PARTIAL", ["document"])
    assert set(answered.response) == {"document"}
    assert answered.response_reason == "Basta el documento para el control."


@pytest.mark.parametrize(
    ("fields", "reason", "field", "words"),
    [
        ([], "Basta el documento para el control.", "fields", "Choose the fields"),
        (["photograph"], "Basta el documento para el control.", "fields", "Photograph"),
        (["sex"], "Basta el documento para el control.", "fields", "Sex"),  # allowed, but not asked for
        (["document"], "", "reason", "at least 10 characters"),
        (["document"], "Sólo\u202e doc.", "reason", "U+202E"),
    ],
)
def test_a_partial_release_without_proper_fields_or_reason_writes_nothing(
    sandbox, learner, incoming, english, fields, reason, field, words
):
    with pytest.raises(ValidationError) as refused:
        answer(sandbox, learner, incoming, "PARTIAL", fields, reason)
    assert words in refused.value.message_dict[field][0]
    assert InformationRequest.objects.layer_of(sandbox).get(uid=incoming.uid).status == "SENT"
    assert not events(sandbox, "RELEASE") and not events(sandbox, "REFUSE")


def test_a_refusal_needs_a_reason_and_releases_nothing(sandbox, learner, incoming, english):
    with pytest.raises(ValidationError) as refused:
        answer(sandbox, learner, incoming, "REFUSE", ["full_name"])
    assert "reason" in refused.value.message_dict
    answered = answer(sandbox, learner, incoming, "REFUSE", ["full_name"], "Sin base legal para este control.")
    assert (answered.status, answered.released_fields, answered.response) == ("REFUSED", [], {})
    (event,) = events(sandbox, "REFUSE")
    assert (event.held_by_id, event.actor) == ("GTM", learner)


def test_a_protected_record_cannot_be_released_by_the_focal_point(sandbox, learner, english):
    request = requests.incoming_request_make(
        sandbox=sandbox,
        person_uid=own_person(sensitivity="ASYLUM").uid,
        requesting_country="HND",
        purpose_code="RETURN_VERIFICATION",
        fields=["full_name", "nationality"],
        justification="Verificación de nacionalidad de un retornado.",
    )
    for decision, fields in (("APPROVE", []), ("PARTIAL", ["full_name"])):
        with pytest.raises(ValidationError) as refused:
            answer(sandbox, learner, request, decision, fields, "Se verifica la identidad solicitada.")
        assert "Refuse the request" in refused.value.message_dict["decision"][0]
    assert not events(sandbox, "RELEASE")


def test_a_second_answer_is_refused_and_changes_nothing(sandbox, learner, incoming, english):
    first = answer(sandbox, learner, incoming, "PARTIAL", ["document"], "Basta el documento para el control.")
    for expected in ("SENT", "PARTIAL"):
        with pytest.raises(ValidationError, match="answered while you were deciding"):
            answer(sandbox, learner, incoming, "APPROVE", expected_status=expected)
    stored = InformationRequest.objects.layer_of(sandbox).get(uid=incoming.uid)
    assert (stored.status, stored.released_fields) == (first.status, ["document"])
    assert len(events(sandbox, "RELEASE")) == 1


def test_the_learners_own_request_is_not_theirs_to_answer(sandbox, learner, person, clock, english):
    hit = learner_hit(sandbox, learner, person)
    sent = send(sandbox, learner, hit, ["full_name"])
    with pytest.raises(ValidationError, match="not one your country has to answer"):
        answer(sandbox, learner, sent, "REFUSE", reason="Sin base legal para esto.")
    assert selectors_requests.incoming_queue(sandbox=sandbox) == []
