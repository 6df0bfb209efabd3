"""Registering an entry or exit from a document's MRZ (`services.movement_register`).

Proves what a registration writes in the learner's layer (traveller, document, movement in
UTC with the post's local date, age group, transport mode, the entry an exit closes, an audit
event), that a known document keeps its person, and that bad input (a wrong check digit,
length or line count, a sex other than M, F, X or <, an unknown state, an expired document,
an identity card where it is not accepted, a refusal without a reason, a reason code off the
list or on an admission) is refused with a
message naming the field while nothing at all is saved, in the user's language; and that a
traveller whose document is on an active alert is screened as a hit.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sandbox import services
from sandbox.models import (
    LAYERED_MODELS,
    Alert,
    AlertHit,
    AuditEvent,
    CrossingPoint,
    Document,
    Movement,
    Person,
    Sandbox,
)
from sandbox.mrz import mrz_compose_td1, mrz_compose_td3
from tests.people.factories import UserFactory
from tests.sandbox.baseline_rows import baseline_document, baseline_movement, baseline_person, next_baseline_uid

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TRAVELLER = {
    "issuing_state": "NIC",
    "surnames": "Peña López",
    "given_names": "José Luis",
    "number": "C01234567",
    "nationality": "NIC",
    "birth_date": dt.date(1990, 6, 15),
    "sex": "M",
    "expiry_date": dt.date(2031, 5, 1),
}
PASSPORT = mrz_compose_td3(document_code="P", **TRAVELLER)
SALVADORAN = {**TRAVELLER, "issuing_state": "SLV", "nationality": "SLV", "number": "04567890"}
ID_CARD = mrz_compose_td1(document_code="ID", **SALVADORAN)
MINORS_ID_CARD = mrz_compose_td1(document_code="ID", **{**SALVADORAN, "birth_date": dt.date(2012, 2, 2)})
# 14:30 on 10 March 2026 at Peñas Blancas (Costa Rica, UTC-6).
LOCAL_TIME = dt.datetime(2026, 3, 10, 14, 30)


def register(officer, mrz: str = PASSPORT, point: str = "CR-PBL", local_time: dt.datetime = LOCAL_TIME, **fields):
    user, sandbox = officer
    return services.movement_register(
        sandbox=sandbox,
        user=user,
        mrz=mrz,
        direction=fields.pop("direction", "ENTRY"),
        crossing_point=CrossingPoint.objects.select_related("country").get(code=point),
        local_time=local_time,
        **fields,
    )


def rows_everywhere() -> dict[str, int]:
    """Rows of every layered model, baseline and every layer."""
    return {model.__name__: model.objects.every_row().count() for model in LAYERED_MODELS}


def refused(officer, **arguments) -> ValidationError:
    """Register, expect a refusal, and check that nothing was saved anywhere."""
    before = rows_everywhere()
    counter = Sandbox.objects.get(pk=officer[1].pk).uid_counter
    with pytest.raises(ValidationError) as raised:
        register(officer, **arguments)
    assert rows_everywhere() == before
    assert Sandbox.objects.get(pk=officer[1].pk).uid_counter == counter
    return raised.value


# What a registration writes.


def test_an_entry_creates_the_traveller_their_document_and_the_movement_in_the_learners_layer(officer):
    user, sandbox = officer
    movement = register(officer, authorised_stay_days=30, carrier="Tica Bus", flight_or_vehicle="AB123")
    assert (movement.sandbox_id, movement.uid >= 1 << 32, movement.recorded_by) == (sandbox.pk, True, user)
    assert movement.occurred_at == dt.datetime(2026, 3, 10, 20, 30, tzinfo=dt.UTC)
    assert movement.local_date == dt.date(2026, 3, 10)
    assert (movement.direction, movement.decision, movement.transport_mode) == ("ENTRY", "ADMITTED", "LAND")
    assert (movement.nationality_id, movement.sex, movement.age_group) == ("NIC", "M", "Y30T44")
    assert (movement.authorised_stay_days, movement.closes_entry_uid, movement.is_ca4_simplified) == (30, None, False)
    person = Person.objects.layer_of(sandbox).get()
    assert (person.uid, person.given_names, person.surname_1, person.surname_2) == (
        movement.person_uid,
        "JOSE LUIS",
        "PENA",
        "LOPEZ",
    )
    assert (person.birth_date, person.nationality_id, person.search_name) == (
        dt.date(1990, 6, 15),
        "NIC",
        " JOSE LUIS PENA LOPEZ ",
    )
    document = Document.objects.layer_of(sandbox).get()
    assert (document.uid, document.person_uid, document.number, document.document_type_id) == (
        movement.document_uid,
        person.uid,
        "C01234567",
        "P",
    )
    assert (document.issuing_state_id, document.expires_on, document.mrz) == ("NIC", dt.date(2031, 5, 1), PASSPORT)
    stored = Movement.objects.visible_to(sandbox).get(uid=movement.uid)
    assert stored.occurred_at == dt.datetime(2026, 3, 10, 20, 30, tzinfo=dt.UTC)
    assert not Movement.objects.baseline().exists()


def test_the_local_date_is_the_posts_date_not_the_utc_date(officer):
    movement = register(officer, local_time=dt.datetime(2026, 3, 10, 22, 15))
    assert movement.occurred_at == dt.datetime(2026, 3, 11, 4, 15, tzinfo=dt.UTC)
    assert movement.local_date == dt.date(2026, 3, 10)


def test_an_aware_time_is_converted_to_the_posts_zone(officer):
    movement = register(officer, local_time=dt.datetime(2026, 3, 11, 3, 0, tzinfo=dt.UTC))
    assert movement.occurred_at == dt.datetime(2026, 3, 11, 3, 0, tzinfo=dt.UTC)
    assert movement.local_date == dt.date(2026, 3, 10)


def test_the_transport_mode_is_the_crossing_points(officer):
    assert register(officer, point="GT-GUA").transport_mode == "AIR"
    assert register(officer, point="GT-VNU", direction="EXIT").transport_mode == "LAND"


@pytest.mark.parametrize(
    ("birth_date", "group"),
    [
        (dt.date(2014, 3, 11), "Y_LT12"),  # 11 the day before the twelfth birthday
        (dt.date(2014, 3, 10), "Y12T17"),
        (dt.date(2008, 3, 11), "Y12T17"),
        (dt.date(2008, 3, 10), "Y18T29"),
        (dt.date(1966, 3, 10), "Y_GE60"),
    ],
)
def test_the_age_group_is_the_age_on_the_local_date(officer, birth_date, group):
    mrz = mrz_compose_td3(document_code="P", **{**TRAVELLER, "birth_date": birth_date})
    assert register(officer, mrz=mrz).age_group == group


def test_a_minor_with_a_passport_is_registered_as_a_sensitive_record(officer):
    mrz = mrz_compose_td3(document_code="P", **{**TRAVELLER, "birth_date": dt.date(2012, 2, 2)})
    movement = register(officer, mrz=mrz, point="GT-VNU")
    assert movement.age_group == "Y12T17"
    assert Person.objects.layer_of(officer[1]).get().sensitivity == "MINOR"


def test_an_exit_closes_the_travellers_open_entry_once(officer):
    entry = register(officer)
    exit_ = register(officer, direction="EXIT", local_time=dt.datetime(2026, 3, 20, 9, 0), authorised_stay_days=30)
    assert (exit_.closes_entry_uid, exit_.person_uid, exit_.authorised_stay_days) == (
        entry.uid,
        entry.person_uid,
        None,
    )
    assert Person.objects.layer_of(officer[1]).count() == 1
    assert Document.objects.layer_of(officer[1]).count() == 1
    assert register(officer, direction="EXIT", local_time=dt.datetime(2026, 3, 21, 9, 0)).closes_entry_uid is None


def test_a_prevented_or_referred_exit_leaves_the_entry_open(officer):
    entry = register(officer)
    prevented = register(
        officer, direction="EXIT", decision="REFUSED", refusal_reason="Arraigo", local_time=dt.datetime(2026, 3, 20, 9)
    )
    referred = register(officer, direction="EXIT", decision="REFERRED", local_time=dt.datetime(2026, 3, 20, 10))
    assert prevented.closes_entry_uid is None
    assert referred.closes_entry_uid is None
    assert register(officer, direction="EXIT", local_time=dt.datetime(2026, 3, 21, 9)).closes_entry_uid == entry.uid


def test_an_exit_never_closes_a_refused_entry(officer):
    admitted = register(officer, local_time=dt.datetime(2026, 3, 1, 9))
    register(officer, decision="REFUSED", refusal_reason="Sin visa", local_time=dt.datetime(2026, 3, 10, 9))
    assert register(officer, direction="EXIT", local_time=dt.datetime(2026, 3, 11, 9)).closes_entry_uid == admitted.uid


def test_an_exit_closes_a_baseline_entry_of_a_known_traveller(officer):
    holder = baseline_person(given_names="José Luis", surname_1="Peña", surname_2="López", nationality_id="NIC")
    passport = baseline_document(person=holder, number="C01234567", expires_on=dt.date(2031, 5, 1))
    entry = baseline_movement(person_uid=holder.uid, document_uid=passport.uid, local_date=dt.date(2026, 3, 1))
    baseline_movement(person_uid=holder.uid + 1, local_date=dt.date(2026, 3, 5))  # someone else's open entry
    assert register(officer, direction="EXIT").closes_entry_uid == entry.uid


def test_a_registration_is_audited(officer):
    user, sandbox = officer
    movement = register(officer)
    screening, event = AuditEvent.objects.layer_of(sandbox).order_by("uid")
    assert (screening.action, screening.object_type, screening.parameters["result"]) == (
        "SEARCH",
        "screening",
        "NO_HIT",
    )
    assert (event.action, event.object_type, event.object_uid, event.actor) == (
        "CREATE",
        "movement",
        movement.uid,
        user,
    )
    assert not AuditEvent.objects.baseline().exists()


def test_a_hit_on_an_active_document_alert_is_screened(officer):
    Alert.objects.create(
        uid=next_baseline_uid(Alert)[0],
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


def _stolen_passport_alert() -> Alert:
    return Alert.objects.create(
        uid=next_baseline_uid(Alert)[0],
        category_id="DOC_LOST_STOLEN",
        subject_kind="DOCUMENT",
        document_number="C01234567",
        document_issuing_state_id="NIC",
        issuing_country_id="NIC",
        action="SEIZE_DOCUMENT",
        valid_from=dt.date(2025, 1, 1),
        sharing_scope="OCAM_ALL",
    )


def test_a_caller_without_a_screening_is_screened_and_cannot_admit_over_a_blocking_hit(officer):
    _user, sandbox = officer
    _stolen_passport_alert()
    with pytest.raises(ValidationError) as refused:
        register(officer)
    assert "refer the traveller to secondary inspection" in str(refused.value.message_dict["decision"])
    assert not Movement.objects.layer_of(sandbox).exists()
    assert not AlertHit.objects.layer_of(sandbox).exists()  # nothing is saved when anything is wrong


def test_a_referral_takes_the_screenings_hit_and_its_code(officer):
    _user, sandbox = officer
    alert = _stolen_passport_alert()
    movement = register(officer, decision="REFERRED")
    hit = AlertHit.objects.layer_of(sandbox).get()
    assert (hit.alert_uid, hit.movement_uid, hit.disposition) == (alert.uid, movement.uid, "PENDING")
    assert movement.refusal_code == "SCREENING_HIT"


def test_the_screening_a_view_carries_is_the_movements(officer):
    """The result and hits come from the screening shown before the decision, not from a check after it."""
    _user, sandbox = officer
    _stolen_passport_alert()
    outcome = services.ScreeningOutcome(ref="abc", result="NO_HIT")
    movement = register(officer, screening=outcome)
    assert movement.screening_result == "NO_HIT"
    assert not AlertHit.objects.layer_of(sandbox).exists()
    assert register(officer, screening=outcome) == movement  # the same screening decided twice: one movement
    assert Movement.objects.layer_of(sandbox).count() == 1


def test_a_stale_hit_of_the_screening_is_refused(officer):
    _user, sandbox = officer
    _stolen_passport_alert()
    referred = register(officer, decision="REFERRED")
    hit_uid = AlertHit.objects.layer_of(sandbox).get().uid
    outcome = services.ScreeningOutcome(ref="again", result="HIT", hit_uids=(hit_uid,))  # already attached
    with pytest.raises(ValidationError, match="This screening is no longer valid"):
        register(officer, decision="REFERRED", screening=outcome)
    assert Movement.objects.layer_of(sandbox).get() == referred


def test_a_manual_document_needs_its_reason_and_is_recorded_as_typed(officer):
    _user, sandbox = officer
    etd = services.ManualDocument(
        document_type="ETD",
        number="E0042",
        issuing_state="NIC",
        nationality="NIC",
        surnames="PENA LOPEZ",
        given_names="JOSE LUIS",
        birth_date=dt.date(1988, 3, 9),
        sex="M",
        expiry_date=dt.date(2026, 4, 30),
    )
    with pytest.raises(ValidationError) as refused:
        register(officer, mrz="", manual=etd)
    assert "manual_entry_reason" in refused.value.message_dict
    movement = register(officer, mrz="", manual=etd, manual_entry_reason="Emergency travel document")
    assert (movement.capture_source, movement.manual_entry_reason) == ("MANUAL", "Emergency travel document")
    assert Document.objects.layer_of(sandbox).get().document_type_id == "ETD"


def test_a_known_baseline_document_keeps_its_person(officer):
    _user, sandbox = officer
    holder = baseline_person(given_names="José Luis", surname_1="Peña", surname_2="López", nationality_id="NIC")
    passport = baseline_document(person=holder, number="C01234567", expires_on=dt.date(2031, 5, 1))
    movement = register(officer)
    assert (movement.person_uid, movement.document_uid) == (holder.uid, passport.uid)
    assert not Person.objects.layer_of(sandbox).exists()
    assert not Document.objects.layer_of(sandbox).exists()


def test_another_learners_traveller_is_not_reused(officer):
    other_user = UserFactory()
    theirs = services.movement_register(
        sandbox=services.sandbox_get_or_create(user=other_user),
        user=other_user,
        mrz=PASSPORT,
        direction="ENTRY",
        crossing_point=CrossingPoint.objects.select_related("country").get(code="CR-PBL"),
        local_time=LOCAL_TIME,
    )
    mine = register(officer)
    assert mine.person_uid != theirs.person_uid
    assert Person.objects.layer_of(officer[1]).get().uid == mine.person_uid
    exit_ = register(officer, direction="EXIT", local_time=dt.datetime(2026, 3, 12, 8, 0))
    assert exit_.closes_entry_uid == mine.uid


# Bad input: refused, naming the field, and nothing saved.


def _corrupt(mrz: str, line: int, position: int) -> str:
    lines = mrz.split("\n")
    digit = int(lines[line][position])
    lines[line] = f"{lines[line][:position]}{(digit + 1) % 10}{lines[line][position + 1 :]}"
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("mrz", "line", "position", "field"),
    [
        (PASSPORT, 1, 9, "The check digit of the document number is wrong."),
        (PASSPORT, 1, 19, "The check digit of the date of birth is wrong."),
        (PASSPORT, 1, 27, "The check digit of the date of expiry is wrong."),
        (PASSPORT, 1, 43, "The check digit of the whole zone (composite) is wrong."),
        (ID_CARD, 0, 14, "The check digit of the document number is wrong."),
        (ID_CARD, 1, 6, "The check digit of the date of birth is wrong."),
        (ID_CARD, 1, 14, "The check digit of the date of expiry is wrong."),
        (ID_CARD, 1, 29, "The check digit of the whole zone (composite) is wrong."),
    ],
    ids=[
        "td3-number",
        "td3-birth",
        "td3-expiry",
        "td3-composite",
        "td1-number",
        "td1-birth",
        "td1-expiry",
        "td1-composite",
    ],
)
def test_a_wrong_check_digit_is_refused_naming_the_field(officer, mrz, line, position, field):
    error = refused(officer, mrz=_corrupt(mrz, line, position), point="GT-VNU")
    assert field in error.message_dict["mrz"]


def test_a_corrupted_field_is_refused_even_when_its_check_digit_is_kept(officer):
    lines = PASSPORT.split("\n")
    swapped = lines[1].replace("C01234567", "C01234568", 1)
    error = refused(officer, mrz=f"{lines[0]}\n{swapped}")
    assert "The check digit of the document number is wrong." in error.message_dict["mrz"]


@pytest.mark.parametrize(
    ("mrz", "message"),
    [
        (PASSPORT[:-1], "Line 2 has 43 characters; it must have 44."),
        (PASSPORT.replace("\n", "<\n", 1), "Line 1 has 45 characters; it must have 44."),
        (ID_CARD[:-3], "Line 3 has 27 characters; it must have 30."),
    ],
    ids=["td3-short", "td3-long", "td1-short"],
)
def test_a_line_of_the_wrong_length_is_refused_naming_the_line(officer, mrz, message):
    assert refused(officer, mrz=mrz).message_dict["mrz"] == [message]


def test_a_character_outside_the_mrz_alphabet_is_refused(officer):
    assert "only capital letters" in " ".join(refused(officer, mrz=PASSPORT.replace("<", "*", 1)).message_dict["mrz"])


@pytest.mark.parametrize(
    ("mrz", "lines"),
    [(PASSPORT.split("\n")[1], "1 line"), (f"{PASSPORT}\n{PASSPORT}", "4 lines"), ("", "0 lines")],
    ids=["one", "four", "none"],
)
def test_a_zone_with_the_wrong_number_of_lines_is_refused(officer, mrz, lines):
    message = refused(officer, mrz=mrz).message_dict["mrz"][0]
    assert message.startswith("An MRZ has 2 lines (passport, TD3) or 3 lines (identity card, TD1)")
    assert message.endswith(f"this one has {lines}.")


@pytest.mark.parametrize(
    ("mrz", "line", "position"), [(PASSPORT, 1, 20), (ID_CARD, 1, 7)], ids=["passport-td3", "card-td1"]
)
def test_a_sex_that_is_not_m_f_x_or_the_filler_is_refused_and_registers_no_one(officer, mrz, line, position):
    lines = mrz.split("\n")
    lines[line] = lines[line][:position] + "9" + lines[line][position + 1 :]
    point = "GT-VNU" if mrz == ID_CARD else "CR-PBL"
    assert refused(officer, mrz="\n".join(lines), point=point).message_dict["mrz"] == [
        "The sex must be M, F, X or < (unspecified); this zone has 9."
    ]


def test_the_filler_at_the_sex_registers_a_traveller_of_unspecified_sex(officer):
    line1, line2 = PASSPORT.split("\n")
    movement = register(officer, mrz=f"{line1}\n{line2[:20]}<{line2[21:]}")
    assert movement.sex == "X"
    assert Person.objects.layer_of(officer[1]).get(uid=movement.person_uid).sex == "X"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"issuing_state": "ZZZ"}, "The issuing state code ZZZ is not an ICAO state code."),
        ({"nationality": "QQQ"}, "The nationality code QQQ is not an ICAO state code."),
    ],
)
def test_an_unknown_state_code_is_refused(officer, changes, message):
    mrz = mrz_compose_td3(document_code="P", **{**TRAVELLER, **changes})
    assert refused(officer, mrz=mrz).message_dict["mrz"] == [message]


def test_an_expired_document_cannot_be_admitted(officer):
    expired = mrz_compose_td3(document_code="P", **{**TRAVELLER, "expiry_date": dt.date(2026, 3, 9)})
    assert refused(officer, mrz=expired).message_dict["mrz"] == [
        "The document expired on March 9, 2026: it cannot be admitted."
    ]
    with translation.override("es"):
        assert refused(officer, mrz=expired).message_dict["mrz"] == [
            "El documento venció el 9 de marzo de 2026: no se puede admitir."
        ]
    on_the_day = mrz_compose_td3(document_code="P", **{**TRAVELLER, "expiry_date": dt.date(2026, 3, 10)})
    assert register(officer, mrz=on_the_day).decision == "ADMITTED"


def test_an_expired_document_can_be_recorded_as_a_refusal(officer):
    expired = mrz_compose_td3(document_code="P", **{**TRAVELLER, "expiry_date": dt.date(2025, 1, 1)})
    movement = register(officer, mrz=expired, decision="REFUSED", refusal_reason="Pasaporte vencido")
    assert (movement.decision, movement.refusal_reason) == ("REFUSED", "Pasaporte vencido")


@pytest.mark.parametrize("point", ["GT-GUA", "CR-PBL"])
def test_an_identity_card_is_refused_outside_the_ca4_internal_crossings(officer, point):
    assert not CrossingPoint.objects.get(code=point).is_ca4_internal
    error = refused(officer, mrz=ID_CARD, point=point)
    assert error.message_dict == {
        "crossing_point": ["An identity card is accepted only at crossings between CA-4 states; ask for a passport."]
    }


def test_an_identity_card_is_accepted_at_a_ca4_internal_crossing(officer):
    assert CrossingPoint.objects.get(code="GT-VNU").is_ca4_internal
    movement = register(officer, mrz=ID_CARD, point="GT-VNU")
    assert movement.is_ca4_simplified
    document = Document.objects.visible_to(officer[1]).get(uid=movement.document_uid)
    assert (document.document_type_id, document.number, document.issuing_state_id) == ("ID", "04567890", "SLV")


def test_a_minor_with_an_identity_card_is_refused_even_at_a_ca4_internal_crossing(officer):
    error = refused(officer, mrz=MINORS_ID_CARD, point="GT-VNU")
    assert error.message_dict == {"mrz": ["Minors need a passport, even within CA-4."]}


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_refusal_needs_a_reason(officer, reason):
    error = refused(officer, decision="REFUSED", refusal_reason=reason)
    assert error.message_dict == {"refusal_reason": ["Give the reason for the refusal."]}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"decision": "REFUSED", "refusal_code": "NOPE"}, {"refusal_code": ["Choose a reason of the list."]}),
        (
            {"refusal_code": "DOCUMENT_EXPIRED"},
            {"refusal_code": ["An admitted traveller has no reason for refusal: leave it empty."]},
        ),
        ({"decision": "REFUSED", "refusal_code": "OTHER"}, {"refusal_reason": ["Describe the other reason."]}),
    ],
)
def test_a_reason_code_is_one_of_the_list_and_only_for_a_traveller_not_admitted(officer, fields, expected):
    assert refused(officer, **fields).message_dict == expected


@pytest.mark.parametrize("decision", ["REFUSED", "REFERRED"])
def test_a_reason_code_is_reason_enough(officer, decision):
    movement = register(officer, decision=decision, refusal_code="PASSPORT_REQUIRED")
    assert (movement.refusal_code, movement.refusal_reason) == ("PASSPORT_REQUIRED", "")


def test_a_failure_after_the_traveller_was_written_saves_nothing(officer):
    # The movement's own validation (a carrier longer than 40 characters) fails after the new
    # person and document were written: the whole registration is rolled back.
    error = refused(officer, carrier="X" * 41)
    assert "carrier" in error.message_dict


def test_an_invalid_direction_is_refused(officer):
    assert "direction" in refused(officer, direction="SIDEWAYS").message_dict


def test_the_refusal_is_in_the_users_language(officer):
    with translation.override("es"):
        error = refused(officer, mrz=_corrupt(PASSPORT, 1, 9))
    assert "El dígito de control del campo «número de documento» es incorrecto." in error.message_dict["mrz"]
