"""Registering an entry or exit from an MRZ: what is created, and bad input that saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sandbox import services
from sandbox.models import LAYERED_MODELS, AuditEvent, CrossingPoint, Document, Person
from sandbox.mrz import mrz_compose_td1, mrz_compose_td3
from tests.people.factories import UserFactory
from tests.sandbox import rows

pytestmark = pytest.mark.django_db

TRAVELLER = {
    "issuing_state": "NIC",
    "surnames": "Peña López",
    "given_names": "José Luis",
    "number": "C01234567",
    "nationality": "NIC",
    "birth_date": dt.date(1988, 3, 9),
    "sex": "M",
    "expiry_date": dt.date(2031, 5, 1),
}
PASSPORT = mrz_compose_td3(document_code="P", **TRAVELLER)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def officer():
    user = UserFactory()
    return user, services.sandbox_get_or_create(user=user)


def register(officer, mrz=PASSPORT, point="CR-PBL", when=dt.datetime(2026, 11, 28, 10, 30), **fields):
    user, sandbox = officer
    return services.movement_register(
        sandbox=sandbox,
        user=user,
        mrz=mrz,
        direction=fields.pop("direction", "ENTRY"),
        crossing_point=CrossingPoint.objects.select_related("country").get(code=point),
        local_time=when,
        **fields,
    )


def every_row_count() -> int:
    return sum(model.objects.every_row().count() for model in LAYERED_MODELS)


def test_an_entry_creates_the_traveller_document_and_movement_in_the_learners_layer(officer):
    movement = register(officer, authorised_stay_days=30)
    _user, sandbox = officer
    assert movement.sandbox == sandbox
    # Peñas Blancas keeps Costa Rica's time, UTC-6.
    assert movement.occurred_at == dt.datetime(2026, 11, 28, 16, 30, tzinfo=dt.UTC)
    assert movement.local_date == dt.date(2026, 11, 28)
    assert (movement.transport_mode, movement.age_group, movement.nationality_id) == ("LAND", "Y30T44", "NIC")
    person = Person.objects.visible_to(sandbox).get(uid=movement.person_uid)
    assert (person.given_names, person.surname_1, person.surname_2) == ("JOSE LUIS", "PENA", "LOPEZ")
    document = Document.objects.visible_to(sandbox).get(uid=movement.document_uid)
    assert (document.number, document.issuing_state_id, document.document_type_id) == ("C01234567", "NIC", "P")
    assert AuditEvent.objects.layer_of(sandbox).filter(action="CREATE", object_uid=movement.uid).exists()
    assert not Person.objects.baseline().exists()


def test_an_exit_closes_the_travellers_open_entry(officer):
    entry = register(officer)
    exit_ = register(officer, direction="EXIT", when=dt.datetime(2026, 11, 29, 8, 0))
    assert exit_.closes_entry_uid == entry.uid
    assert exit_.person_uid == entry.person_uid
    assert Person.objects.layer_of(officer[1]).count() == 1


def test_a_known_document_reuses_its_person(officer):
    holder = rows.person(given_names="José Luis", surname_1="Peña", surname_2="López", nationality_id="NIC")
    rows.document(holder, "C01234567")
    movement = register(officer)
    assert movement.person_uid == holder.uid
    assert not Person.objects.layer_of(officer[1]).exists()


def _corrupt(mrz: str, line: int, position: int) -> str:
    lines = mrz.split("\n")
    digit = lines[line][position]
    lines[line] = lines[line][:position] + str((int(digit) + 1) % 10) + lines[line][position + 1 :]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("line", "position", "field"),
    [(1, 9, "document number"), (1, 19, "date of birth"), (1, 27, "date of expiry"), (1, 43, "composite")],
)
def test_a_wrong_check_digit_is_refused_naming_the_field_and_nothing_is_saved(officer, line, position, field):
    before = every_row_count()
    with pytest.raises(ValidationError) as refused:
        register(officer, mrz=_corrupt(PASSPORT, line, position))
    assert field in " ".join(refused.value.message_dict["mrz"])
    assert every_row_count() == before


@pytest.mark.parametrize(
    ("mrz", "message"),
    [
        (PASSPORT[:-1], "Line 2 has 43 characters; it must have 44."),
        (PASSPORT.split("\n")[0], "this one has 1"),
        (PASSPORT.replace("P<NIC", "P<ZZZ"), "not an ICAO state code"),
        (PASSPORT.replace("<", "*", 1), "only capital letters"),
    ],
)
def test_malformed_zones_are_refused_and_nothing_is_saved(officer, mrz, message):
    before = every_row_count()
    with pytest.raises(ValidationError) as refused:
        register(officer, mrz=mrz)
    assert message in " ".join(refused.value.messages)
    assert every_row_count() == before


def test_an_expired_document_cannot_be_admitted(officer):
    expired = mrz_compose_td3(document_code="P", **{**TRAVELLER, "expiry_date": dt.date(2025, 1, 1)})
    with pytest.raises(ValidationError, match="expired"):
        register(officer, mrz=expired)
    refused = register(officer, mrz=expired, decision="REFUSED", refusal_reason="Expired passport")
    assert refused.decision == "REFUSED"


def test_an_identity_card_is_accepted_only_at_ca4_internal_crossings(officer):
    card = mrz_compose_td1(document_code="ID", **{**TRAVELLER, "issuing_state": "SLV", "nationality": "SLV"})
    assert CrossingPoint.objects.get(code="GT-VNU").is_ca4_internal
    with pytest.raises(ValidationError, match="CA-4"):
        register(officer, mrz=card, point="GT-GUA")
    movement = register(officer, mrz=card, point="GT-VNU")
    assert movement.is_ca4_simplified
    assert Document.objects.visible_to(officer[1]).get(uid=movement.document_uid).document_type_id == "ID"


def test_a_minor_needs_a_passport_even_within_ca4(officer):
    card = mrz_compose_td1(
        document_code="ID",
        **{**TRAVELLER, "issuing_state": "SLV", "nationality": "SLV", "birth_date": dt.date(2011, 1, 1)},
    )
    before = every_row_count()
    with pytest.raises(ValidationError, match="Minors need a passport"):
        register(officer, mrz=card, point="GT-VNU")
    assert every_row_count() == before


def test_a_refusal_needs_a_reason(officer):
    with pytest.raises(ValidationError) as refused:
        register(officer, decision="REFUSED")
    assert "refusal_reason" in refused.value.message_dict


def test_a_hit_on_an_active_document_alert_is_screened(officer):
    from sandbox.models import Alert

    Alert.objects.create(
        uid=rows.next_uid(),
        category_id="DOC_LOST_STOLEN",
        subject_kind="DOCUMENT",
        document_number="C01234567",
        document_issuing_state_id="NIC",
        issuing_country_id="NIC",
        action="SEIZE_DOCUMENT",
        valid_from=dt.date(2025, 1, 1),
        sharing_scope="OCAM_ALL",
    )
    assert register(officer, decision="REFERRED").screening_result == "HIT"


def test_the_refusal_is_in_the_users_language(officer):
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        register(officer, mrz=_corrupt(PASSPORT, 1, 9))
    assert "El dígito de control del campo «número de documento» es incorrecto." in refused.value.message_dict["mrz"]
