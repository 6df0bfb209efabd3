"""Writes to the mirrored platform: registering a movement from an MRZ, editing, deleting and
resetting, always in the learner's own layer; bad input saves nothing."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from sandbox import services
from sandbox.models import LAYERED_MODELS, Alert, AuditEvent, CrossingPoint, Document, Movement, Person, Sandbox
from sandbox.mrz import mrz_compose_td1, mrz_compose_td3
from tests.people.factories import UserFactory
from tests.sandbox.factories import (
    baseline_document,
    baseline_movement,
    baseline_person,
    layer_person,
    learner_sandbox,
    next_uid,
)

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
SALVADORAN = {**TRAVELLER, "issuing_state": "SLV", "nationality": "SLV", "number": "012345678"}


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


def row_counts() -> dict[str, int]:
    """Rows of every layered model, baseline and layers, and every sandbox's uid counter."""
    counts = {model.__name__: model.objects.every_row().count() for model in LAYERED_MODELS}
    counts["uids handed out"] = sum(Sandbox.objects.values_list("uid_counter", flat=True))
    return counts


# Registering a movement


def test_an_entry_creates_the_traveller_document_and_movement_in_the_learners_layer(officer):
    user, sandbox = officer
    # 20:30 at Peñas Blancas (Costa Rica, UTC-6) is 02:30 UTC the next day.
    movement = register(officer, when=dt.datetime(2026, 11, 28, 20, 30), authorised_stay_days=30)
    assert movement.sandbox == sandbox
    assert movement.occurred_at == dt.datetime(2026, 11, 29, 2, 30, tzinfo=dt.UTC)
    assert movement.local_date == dt.date(2026, 11, 28)
    assert (movement.direction, movement.decision, movement.transport_mode) == ("ENTRY", "ADMITTED", "LAND")
    assert (movement.nationality_id, movement.sex, movement.age_group) == ("NIC", "M", "Y30T44")
    assert (movement.authorised_stay_days, movement.closes_entry_uid, movement.recorded_by) == (30, None, user)
    assert not movement.is_ca4_simplified
    person = Person.objects.layer_of(sandbox).get(uid=movement.person_uid)
    assert (person.given_names, person.surname_1, person.surname_2) == ("JOSE LUIS", "PENA", "LOPEZ")
    assert (person.birth_date, person.nationality_id, person.search_name) == (
        dt.date(1988, 3, 9),
        "NIC",
        " JOSE LUIS PENA LOPEZ ",
    )
    document = Document.objects.layer_of(sandbox).get(uid=movement.document_uid)
    assert (document.number, document.issuing_state_id, document.document_type_id) == ("C01234567", "NIC", "P")
    assert (document.person_uid, document.expires_on, document.mrz) == (person.uid, dt.date(2031, 5, 1), PASSPORT)
    audit = AuditEvent.objects.layer_of(sandbox).get()
    assert (audit.actor, audit.action, audit.object_type, audit.object_uid) == (
        user,
        "CREATE",
        "movement",
        movement.uid,
    )
    assert not any(model.objects.baseline().exists() for model in LAYERED_MODELS)


def test_an_aware_time_is_converted_to_the_posts_time(officer):
    new_york = dt.datetime(2026, 11, 28, 23, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    movement = register(officer, point="GT-GUA", when=new_york)
    assert movement.occurred_at == dt.datetime(2026, 11, 29, 4, 0, tzinfo=dt.UTC)
    assert movement.local_date == dt.date(2026, 11, 28)  # 22:00 in Guatemala
    assert movement.transport_mode == "AIR"


def test_a_later_exit_closes_the_travellers_open_entry(officer):
    entry = register(officer)
    exit_ = register(officer, direction="EXIT", when=dt.datetime(2026, 12, 3, 8, 0))
    assert (exit_.direction, exit_.closes_entry_uid, exit_.person_uid) == ("EXIT", entry.uid, entry.person_uid)
    assert exit_.authorised_stay_days is None
    # The traveller is registered once; a second exit finds no open entry.
    assert Person.objects.layer_of(officer[1]).count() == 1
    assert register(officer, direction="EXIT", when=dt.datetime(2026, 12, 4, 8, 0)).closes_entry_uid is None


def test_only_an_admitted_exit_closes_and_only_an_admitted_entry_is_open(officer):
    refused_entry = register(officer, decision="REFUSED", refusal_reason="No funds")
    exit_ = register(officer, direction="EXIT", when=dt.datetime(2026, 11, 28, 12, 0))
    assert exit_.closes_entry_uid is None  # a refused entry is no stay
    entry = register(officer, when=dt.datetime(2026, 11, 29, 9, 0))
    assert entry.person_uid == refused_entry.person_uid
    prevented = register(
        officer, direction="EXIT", decision="REFUSED", refusal_reason="Alert", when=dt.datetime(2026, 12, 1, 9, 0)
    )
    assert prevented.closes_entry_uid is None  # a prevented exit leaves the stay open
    assert register(officer, direction="EXIT", when=dt.datetime(2026, 12, 2, 9, 0)).closes_entry_uid == entry.uid


def test_a_known_document_reuses_its_person(officer):
    holder = baseline_person(given_names="José Luis", surname_1="Peña", surname_2="López", nationality_id="NIC")
    passport = baseline_document(holder=holder, number="C01234567")
    entry = baseline_movement(person_uid=holder.uid, document_uid=passport.uid, crossing_point_id="CR-PBL")
    exit_ = register(officer, direction="EXIT")
    assert (exit_.person_uid, exit_.document_uid, exit_.closes_entry_uid) == (holder.uid, passport.uid, entry.uid)
    assert not Person.objects.layer_of(officer[1]).exists()
    assert not Document.objects.layer_of(officer[1]).exists()


def test_another_learners_traveller_is_not_reused(officer):
    register(officer)
    other = (UserFactory(), learner_sandbox())
    theirs = register(other)
    assert theirs.person_uid != Movement.objects.layer_of(officer[1]).get().person_uid
    assert Person.objects.layer_of(other[1]).count() == 1


def test_an_identity_card_at_a_ca4_internal_crossing_is_a_simplified_crossing(officer):
    card = mrz_compose_td1(document_code="ID", **SALVADORAN)
    movement = register(officer, mrz=card, point="GT-VNU")
    assert movement.is_ca4_simplified
    assert Document.objects.layer_of(officer[1]).get(uid=movement.document_uid).document_type_id == "ID"


def test_a_minor_is_flagged_as_such(officer):
    child = mrz_compose_td3(document_code="P", **{**TRAVELLER, "birth_date": dt.date(2016, 1, 1)})
    movement = register(officer, mrz=child)
    assert movement.age_group == "Y_LT12"
    assert Person.objects.layer_of(officer[1]).get().sensitivity == "MINOR"


def test_a_hit_on_an_active_document_alert_is_screened(officer):
    Alert.objects.create(
        uid=next_uid(),
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


# Bad input saves nothing


def _corrupt(mrz: str, line: int, position: int) -> str:
    lines = mrz.split("\n")
    digit = lines[line][position]
    lines[line] = lines[line][:position] + str((int(digit) + 1) % 10) + lines[line][position + 1 :]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("mrz", "field"),
    [
        (_corrupt(PASSPORT, 1, 9), "document number"),
        (_corrupt(PASSPORT, 1, 19), "date of birth"),
        (_corrupt(PASSPORT, 1, 27), "date of expiry"),
        (_corrupt(PASSPORT, 1, 43), "whole zone (composite)"),
        (_corrupt(mrz_compose_td1(document_code="ID", **SALVADORAN), 0, 14), "document number"),
        (_corrupt(mrz_compose_td1(document_code="ID", **SALVADORAN), 1, 29), "whole zone (composite)"),
    ],
)
def test_a_wrong_check_digit_is_refused_naming_the_field_and_nothing_is_saved(officer, mrz, field):
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        register(officer, mrz=mrz, point="GT-VNU")
    assert f"The check digit of the {field} is wrong." in refused.value.message_dict["mrz"]
    assert row_counts() == before


@pytest.mark.parametrize(
    ("mrz", "message"),
    [
        (PASSPORT[:-1], "Line 2 has 43 characters; it must have 44."),
        (PASSPORT + "<", "Line 2 has 45 characters; it must have 44."),
        (PASSPORT.split("\n")[0], "this one has 1"),
        (PASSPORT.replace("P<NIC", "P<ZZZ"), "The issuing state code ZZZ is not an ICAO state code."),
        (PASSPORT.replace("<", "*", 1), "only capital letters"),
    ],
)
def test_a_malformed_zone_is_refused_and_nothing_is_saved(officer, mrz, message):
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        register(officer, mrz=mrz)
    assert message in " ".join(refused.value.message_dict["mrz"])
    assert row_counts() == before


def test_an_expired_document_cannot_be_admitted_but_can_be_refused(officer):
    expired = mrz_compose_td3(document_code="P", **{**TRAVELLER, "expiry_date": dt.date(2025, 1, 1)})
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        register(officer, mrz=expired)
    assert refused.value.message_dict["mrz"] == ["The document expired on January 1, 2025: it cannot be admitted."]
    assert row_counts() == before
    movement = register(officer, mrz=expired, decision="REFUSED", refusal_reason="Expired passport")
    assert (movement.decision, movement.refusal_reason) == ("REFUSED", "Expired passport")


def test_an_identity_card_is_refused_away_from_ca4_internal_crossings(officer):
    card = mrz_compose_td1(document_code="ID", **SALVADORAN)
    assert not CrossingPoint.objects.get(code="GT-GUA").is_ca4_internal
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        register(officer, mrz=card, point="GT-GUA")
    assert "crossing_point" in refused.value.message_dict
    assert "CA-4" in refused.value.message_dict["crossing_point"][0]
    assert row_counts() == before


def test_a_minor_needs_a_passport_even_within_ca4(officer):
    card = mrz_compose_td1(document_code="ID", **{**SALVADORAN, "birth_date": dt.date(2011, 1, 1)})
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        register(officer, mrz=card, point="GT-VNU")
    assert refused.value.message_dict["mrz"] == ["Minors need a passport, even within CA-4."]
    assert row_counts() == before


def test_a_refusal_needs_a_reason(officer):
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        register(officer, decision="REFUSED", refusal_reason="  ")
    assert "refusal_reason" in refused.value.message_dict
    assert row_counts() == before


def test_an_invalid_direction_saves_nothing(officer):
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        register(officer, direction="SIDEWAYS")
    assert "direction" in refused.value.message_dict
    assert row_counts() == before


def test_the_refusal_is_in_the_users_language(officer):
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        register(officer, mrz=_corrupt(PASSPORT, 1, 9))
    assert "El dígito de control del campo «número de documento» es incorrecto." in refused.value.message_dict["mrz"]


# Editing and deleting


def test_editing_a_baseline_record_supersedes_it_with_a_copy(officer):
    _user, sandbox = officer
    base = baseline_person(given_names="Ana", surname_1="García")
    copy = services.record_update(sandbox=sandbox, record=base, surname_1="Peña")
    assert (copy.uid, copy.sandbox, copy.surname_1) == (base.uid, sandbox, "Peña")
    assert copy.pk != base.pk
    assert copy.search_name == " ANA PENA LOPEZ "
    base.refresh_from_db()
    assert (base.surname_1, base.search_name) == ("García", " ANA GARCIA LOPEZ ")
    # A second edit, even through the baseline object, changes the same copy.
    again = services.record_update(sandbox=sandbox, record=base, given_names="Ana María")
    assert again.pk == copy.pk
    assert Person.objects.layer_of(sandbox).count() == 1
    assert Person.objects.visible_to(sandbox).get(uid=base.uid).given_names == "Ana María"


def test_editing_an_own_record_changes_it_in_place(officer):
    _user, sandbox = officer
    mine = layer_person(sandbox, given_names="Luz")
    edited = services.record_update(sandbox=sandbox, record=mine, given_names="Lucía")
    assert (edited.pk, edited.uid, edited.search_name) == (mine.pk, mine.uid, " LUCIA PERSONA ")
    assert Person.objects.layer_of(sandbox).count() == 1


def test_an_edit_is_validated(officer):
    _user, sandbox = officer
    base = baseline_person()
    with pytest.raises(ValidationError) as refused:
        services.record_update(sandbox=sandbox, record=base, sex="Q")
    assert "sex" in refused.value.message_dict
    assert not Person.objects.layer_of(sandbox).exists()


def test_deleting_a_baseline_record_leaves_a_tombstone(officer):
    _user, sandbox = officer
    base = baseline_person()
    services.record_delete(sandbox=sandbox, record=base)
    assert list(Person.objects.layer_of(sandbox).values_list("uid", "is_deleted")) == [(base.uid, True)]
    assert not Person.objects.visible_to(sandbox).exists()
    assert Person.objects.baseline().get() == base
    with pytest.raises(ValueError, match="deleted"):
        services.record_update(sandbox=sandbox, record=base, given_names="Back")


def test_deleting_an_edited_baseline_record_turns_the_copy_into_a_tombstone(officer):
    _user, sandbox = officer
    base = baseline_person()
    copy = services.record_update(sandbox=sandbox, record=base, given_names="Edited")
    services.record_delete(sandbox=sandbox, record=copy)
    assert list(Person.objects.layer_of(sandbox).values_list("pk", "is_deleted")) == [(copy.pk, True)]


def test_deleting_an_own_record_removes_the_row(officer):
    _user, sandbox = officer
    mine = layer_person(sandbox)
    services.record_delete(sandbox=sandbox, record=mine)
    assert not Person.objects.layer_of(sandbox).exists()


def test_another_learners_record_cannot_be_edited_or_deleted(officer):
    _user, sandbox = officer
    other = learner_sandbox()
    theirs = layer_person(other, given_names="Suya")
    with pytest.raises(PermissionDenied):
        services.record_update(sandbox=sandbox, record=theirs, given_names="Mía")
    with pytest.raises(PermissionDenied):
        services.record_delete(sandbox=sandbox, record=theirs)
    assert Person.objects.layer_of(other).get().given_names == "Suya"
    assert not Person.objects.layer_of(sandbox).exists()


# Reset


def test_reset_deletes_the_learners_layer_and_nothing_else(officer):
    _user, sandbox = officer
    base = baseline_person()
    register(officer)  # a person, a document, a movement and an audit event
    services.record_update(sandbox=sandbox, record=base, given_names="Edited")
    other = learner_sandbox()
    theirs = layer_person(other)
    assert services.sandbox_reset(sandbox=sandbox) == 5
    assert not any(model.objects.layer_of(sandbox).exists() for model in LAYERED_MODELS)
    assert Person.objects.visible_to(sandbox).get() == base
    assert Person.objects.layer_of(other).get() == theirs
    assert (sandbox.reset_count, sandbox.reset_at is not None) == (1, True)
    assert services.sandbox_reset(sandbox=sandbox) == 0
    assert sandbox.reset_count == 2
    stale = Sandbox.objects.get(pk=sandbox.pk)
    services.sandbox_reset(sandbox=sandbox)
    services.sandbox_reset(sandbox=stale)  # a double submit from an older copy still counts
    assert stale.reset_count == 4


# Small helpers


def test_a_learner_has_one_sandbox():
    user = UserFactory()
    assert services.sandbox_get_or_create(user=user) == services.sandbox_get_or_create(user=user)
    assert Sandbox.objects.filter(owner=user).count() == 1


@pytest.mark.parametrize(
    ("on", "group"),
    [
        (dt.date(2022, 5, 9), "Y_LT12"),
        (dt.date(2022, 5, 10), "Y12T17"),
        (dt.date(2028, 5, 9), "Y12T17"),
        (dt.date(2028, 5, 10), "Y18T29"),
        (dt.date(2040, 5, 10), "Y30T44"),
        (dt.date(2055, 5, 10), "Y45T59"),
        (dt.date(2070, 5, 9), "Y45T59"),
        (dt.date(2070, 5, 10), "Y_GE60"),
    ],
)
def test_age_groups_change_on_the_birthday(on, group):
    assert services.age_group(birth_date=dt.date(2010, 5, 10), on=on) == group


def test_the_audit_trail_is_the_learners(officer):
    user, sandbox = officer
    event = services.audit_record(
        sandbox=sandbox, actor=user, action="SEARCH", parameters={"name": "pena"}, result_count=2
    )
    assert event.sandbox == sandbox
    assert event.uid >= 1 << 32
    assert (event.action, event.parameters, event.result_count) == ("SEARCH", {"name": "pena"}, 2)
    assert not AuditEvent.objects.visible_to(learner_sandbox()).exists()
