"""#2 MRZ triage: the queue the builder writes (into the learner's layer only, the same from the
same seed), the correct triage done through the triage screen's service scoring 100, and each
single mistake scoring below the pass mark with the finding that names the scan and the mistake."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sandbox import services
from sandbox.exercises import exercise_type
from sandbox.exercises.base import BuildContext
from sandbox.exercises.engine import exercise_restart
from sandbox.exercises.findings import finding_texts
from sandbox.exercises.types.triage import CHECK_DIGIT_MISREADS, DIGIT_AS_LETTER, LETTER_AS_DIGIT
from sandbox.models import DocumentScan, Sandbox
from sandbox.mrz import mrz_check_failures, mrz_compose_td1, mrz_compose_td3, mrz_read
from sandbox.selectors import document_scan_get
from sandbox.services_triage import scan_decide
from tests.people.factories import UserFactory
from tests.sandbox.exercises.helpers import check, start

pytestmark = pytest.mark.django_db

KIND = exercise_type("mrz_triage")
# (the true character, as the reader read it)
READER_CONFUSIONS = {*DIGIT_AS_LETTER.items(), *LETTER_AS_DIGIT.items(), *CHECK_DIGIT_MISREADS.items()}
FIELD_NAMES = {"number": "document number", "birth_date": "date of birth", "expiry_date": "date of expiry"}


def entries(attempt, kind: str | None = None) -> list[dict]:
    return [entry for entry in attempt.expected["scans"] if kind is None or entry["kind"] == kind]


def the_right_decision(entry: dict) -> dict:
    if entry["kind"] == "valid":
        return {"status": "ACCEPTED"}
    if entry["kind"] == "misread":
        return {"status": "CORRECTED", "corrected_mrz": entry["zone"]}
    return {"status": "REJECTED", "rejection_reason": entry["reason"]}


def decide(user, attempt, entry: dict, **decision) -> DocumentScan:
    """Decide a scan as the triage screen does: through its service, on the scan of the learner's view."""
    scan = document_scan_get(sandbox=attempt.sandbox, uid=entry["scan"])
    return scan_decide(sandbox=attempt.sandbox, user=user, scan=scan, **decision)


def triage(user, attempt, *, but: dict | None = None) -> None:
    """The right decision on every scan, except `but` ({position: decision})."""
    but = but or {}
    for entry in entries(attempt):
        decide(user, attempt, entry, **but.get(entry["position"], the_right_decision(entry)))


def codes(result) -> list[str]:
    return [finding["code"] for finding in result.findings]


@pytest.mark.parametrize(
    "parameters",
    [{}, {"crossing_point": "GT-VNU", "difficulty": "hard"}, {"crossing_point": "CR-PBL", "travellers": 6}],
)
def test_the_correct_triage_scores_100(parameters):
    user = UserFactory()
    attempt = start(user, "mrz_triage", **parameters)
    triage(user, attempt)
    result = check(user, attempt)
    assert (result.score, result.findings) == (100, [])


def test_the_queue_holds_valid_misread_and_expired_zones_waiting_at_the_post():
    user = UserFactory()
    attempt = start(user, "mrz_triage", crossing_point="GT-GUA")
    today = dt.date.fromisoformat(attempt.brief["today"])
    scans = {scan.uid: scan for scan in DocumentScan.objects.layer_of(attempt.sandbox)}
    assert len(scans) == 10 == attempt.brief["scans"]
    assert {scan.status for scan in scans.values()} == {"PENDING"}
    assert {scan.crossing_point_id for scan in scans.values()} == {"GT-GUA"}
    assert sorted(scan.position for scan in scans.values()) == list(range(1, 11))
    kinds = [entry["kind"] for entry in entries(attempt)]
    assert (kinds.count("misread"), kinds.count("expired"), kinds.count("unreadable")) == (3, 1, 0)
    for entry in entries(attempt):
        scan = scans[entry["scan"]]
        assert scan.traveller_name == entry["traveller"]
        if entry["kind"] == "misread":
            assert entry["field"] in mrz_check_failures(scan.raw_mrz)
            assert mrz_check_failures(entry["zone"]) == []
            (misread,) = [(true, read) for read, true in zip(scan.raw_mrz, entry["zone"], strict=True) if read != true]
            assert misread in READER_CONFUSIONS
        elif entry["kind"] == "expired":
            assert mrz_read(scan.raw_mrz).expiry_date < today
        else:
            assert mrz_read(scan.raw_mrz).expiry_date > today


def test_the_hard_queue_adds_a_zone_the_reader_cut_short():
    user = UserFactory()
    attempt = start(user, "mrz_triage", difficulty="hard", travellers=6)
    (entry,) = entries(attempt, "unreadable")
    scan = document_scan_get(sandbox=attempt.sandbox, uid=entry["scan"])
    assert mrz_check_failures(scan.raw_mrz) is None
    assert [entry["kind"] for entry in entries(attempt)].count("valid") == 1


def test_identity_cards_appear_only_where_they_are_travel_documents():
    def formats(point: str) -> set[int]:
        attempt = start(UserFactory(), "mrz_triage", crossing_point=point, travellers=20)
        return {len(scan.raw_mrz.split("\n")) for scan in DocumentScan.objects.layer_of(attempt.sandbox)}

    assert formats("GT-GUA") == {2}  # an airport: passports only
    assert formats("GT-VNU") == {2, 3}  # Guatemala and El Salvador: passports and cards


def test_the_scans_are_written_only_into_the_learners_layer():
    user, other = UserFactory(), UserFactory()
    services.sandbox_get_or_create(user=other)
    attempt = start(user, "mrz_triage")
    assert DocumentScan.objects.baseline().count() == 0
    assert DocumentScan.objects.layer_of(Sandbox.objects.get(owner=other)).count() == 0
    assert set(DocumentScan.objects.layer_of(attempt.sandbox).values_list("scenario", flat=True)) == {attempt.pk}


def test_the_same_seed_builds_the_same_queue():
    now = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)
    parameters = KIND.parameters_clean({"difficulty": "hard"})

    def built(seed: int):
        plan = KIND.build(BuildContext(seed=seed, parameters=parameters, anchor=now))
        return [record.fields for record in plan.records], plan.expected, plan.brief

    assert built(7) == built(7)
    assert built(7) != built(8)


def test_restarting_removes_the_queue_and_the_decisions_and_builds_a_new_one():
    user = UserFactory()
    attempt = start(user, "mrz_triage")
    triage(user, attempt)
    following = exercise_restart(user=user, token=attempt.token)
    scans = DocumentScan.objects.layer_of(attempt.sandbox)
    assert set(scans.values_list("scenario", flat=True)) == {following.pk}
    assert set(scans.values_list("status", flat=True)) == {"PENDING"}


# One mistake at a time: (the scan's kind, the decision, the finding's code).
MISTAKES = {
    "accepting a misread zone": ("misread", lambda e: {"status": "ACCEPTED"}, "triage.misread_accepted"),
    "rejecting a misread zone": (
        "misread",
        lambda e: {"status": "REJECTED", "rejection_reason": "UNREADABLE"},
        "triage.misread_rejected",
    ),
    "rejecting a valid zone": (
        "valid",
        lambda e: {"status": "REJECTED", "rejection_reason": "NOT_DOCUMENT"},
        "triage.valid_rejected",
    ),
    "accepting the expired document": ("expired", lambda e: {"status": "ACCEPTED"}, "triage.expired_accepted"),
    "the wrong reason for the expired document": (
        "expired",
        lambda e: {"status": "REJECTED", "rejection_reason": "UNREADABLE"},
        "triage.wrong_reason",
    ),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_single_mistake_is_named_and_fails(mistake):
    kind, decision, code = MISTAKES[mistake]
    user = UserFactory()
    attempt = start(user, "mrz_triage")
    entry = entries(attempt, kind)[0]
    triage(user, attempt, but={entry["position"]: decision(entry)})
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert codes(result) == [code]
    assert result.findings[0]["params"]["position"] == entry["position"]
    assert result.findings[0]["params"]["traveller"] == entry["traveller"]


def test_accepting_the_expired_document_is_critical():
    user = UserFactory()
    attempt = start(user, "mrz_triage")
    (entry,) = entries(attempt, "expired")
    triage(user, attempt, but={entry["position"]: {"status": "ACCEPTED"}})
    assert check(user, attempt).score <= 40


def test_accepting_or_mis_rejecting_the_unreadable_zone_is_named():
    user = UserFactory()
    attempt = start(user, "mrz_triage", difficulty="hard")
    (entry,) = entries(attempt, "unreadable")
    triage(user, attempt, but={entry["position"]: {"status": "ACCEPTED"}})
    result = check(user, attempt)
    assert (codes(result), result.score <= 40) == (["triage.unreadable_accepted"], True)
    decide(user, attempt, entry, status="REJECTED", rejection_reason="EXPIRED")
    assert codes(check(user, attempt)) == ["triage.wrong_reason"]


def test_a_scan_left_waiting_is_named():
    user = UserFactory()
    attempt = start(user, "mrz_triage")
    left = entries(attempt, "valid")[0]
    for entry in entries(attempt):
        if entry is not left:
            decide(user, attempt, entry, **the_right_decision(entry))
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert codes(result) == ["triage.undecided"]


def _with_a_wrong_number_check_digit(zone: str) -> str:
    lines = zone.split("\n")
    line, position = (1, 9) if len(lines) == 2 else (0, 14)
    digit = str((int(lines[line][position]) + 1) % 10)
    lines[line] = lines[line][:position] + digit + lines[line][position + 1 :]
    return "\n".join(lines)


def test_the_service_refuses_a_correction_that_fails_and_saves_nothing(english):
    user = UserFactory()
    attempt = start(user, "mrz_triage")
    entry = entries(attempt, "misread")[0]
    with pytest.raises(ValidationError) as refused:
        decide(user, attempt, entry, status="CORRECTED", corrected_mrz=_with_a_wrong_number_check_digit(entry["zone"]))
    assert refused.value.message_dict["corrected_mrz"] == [
        "The check digit of the document number is wrong.",
        "The check digit of the whole zone (composite) is wrong.",
    ]
    scan = document_scan_get(sandbox=attempt.sandbox, uid=entry["scan"])
    with pytest.raises(ValidationError) as refused:
        decide(user, attempt, entry, status="CORRECTED", corrected_mrz=scan.raw_mrz.lower())
    assert "This is the zone as scanned" in refused.value.message_dict["corrected_mrz"][0]
    scan.refresh_from_db()
    assert (scan.status, scan.corrected_mrz, scan.decided_at) == ("PENDING", "", None)


def test_a_correction_that_still_fails_a_check_digit_is_named_with_the_field(english):
    """The screen's service refuses such a correction; a row that holds one is graded all the same."""
    user = UserFactory()
    attempt = start(user, "mrz_triage")
    entry = entries(attempt, "misread")[0]
    triage(user, attempt)
    services.record_update(
        sandbox=attempt.sandbox,
        record=document_scan_get(sandbox=attempt.sandbox, uid=entry["scan"]),
        corrected_mrz=_with_a_wrong_number_check_digit(entry["zone"]),
    )
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert codes(result) == ["triage.correction_fails"]
    assert finding_texts(result.findings) == [
        f"Scan {entry['position']} ({entry['traveller']}): the corrected zone still fails the check digit "
        "of the document number."
    ]


def _another_document(zone: str) -> str:
    """The zone of the same holder with another document number: every check digit passes."""
    data = mrz_read(zone)
    compose, number = (mrz_compose_td3, "Z99999999") if data.format == "TD3" else (mrz_compose_td1, "999999999")
    return compose(
        document_code=data.document_code,
        issuing_state=data.issuing_state,
        surnames=data.surnames,
        given_names=data.given_names,
        number=number,
        nationality=data.nationality,
        birth_date=data.birth_date,
        sex=data.sex,
        expiry_date=data.expiry_date,
    )


def test_a_correction_that_passes_but_is_not_the_document_is_named_with_both_values(english):
    user = UserFactory()
    attempt = start(user, "mrz_triage")
    entry = entries(attempt, "misread")[0]
    other = _another_document(entry["zone"])
    triage(user, attempt, but={entry["position"]: {"status": "CORRECTED", "corrected_mrz": other}})
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert codes(result) == ["triage.correction_differs"]
    (text,) = finding_texts(result.findings)
    assert f"its document number reads {mrz_read(other).number} where the document has " in text
    assert mrz_read(entry["zone"]).number in text


def test_correcting_a_valid_zone_is_named():
    user = UserFactory()
    attempt = start(user, "mrz_triage")
    entry = entries(attempt, "valid")[0]
    zone = _another_document(document_scan_get(sandbox=attempt.sandbox, uid=entry["scan"]).raw_mrz)
    triage(user, attempt, but={entry["position"]: {"status": "CORRECTED", "corrected_mrz": zone}})
    assert codes(check(user, attempt)) == ["triage.valid_corrected"]


def test_the_findings_read_as_sentences_naming_the_scan(english):
    user = UserFactory()
    attempt = start(user, "mrz_triage")
    misread, valid, expired = (entries(attempt, kind)[0] for kind in ("misread", "valid", "expired"))
    unreadable = {"status": "REJECTED", "rejection_reason": "UNREADABLE"}
    triage(
        user,
        attempt,
        but={
            misread["position"]: {"status": "ACCEPTED"},
            valid["position"]: unreadable,
            expired["position"]: unreadable,
        },
    )
    texts = finding_texts(check(user, attempt).findings)
    assert (
        f"Scan {misread['position']} ({misread['traveller']}): accepted as read, but its "
        f"{FIELD_NAMES[misread['field']]} fails its check digit: correct it."
    ) in texts
    assert f"Scan {valid['position']} ({valid['traveller']}): rejected, but the zone was valid: accept it." in texts
    assert (
        f"Scan {expired['position']} ({expired['traveller']}): rejected for the wrong reason. The reason given: "
        "The zone cannot be read or corrected. The right reason: The document has expired."
    ) in texts


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        ({"crossing_point": "GT-PQZ"}, "crossing_point", "Puerto Quetzal is a sea post"),
        ({"travellers": 5}, "travellers", "between 6 and 20"),
        ({"travellers": 21}, "travellers", "between 6 and 20"),
        ({"difficulty": "extreme"}, "difficulty", "Choose a difficulty"),
        ({"month": "2025-03"}, "month", "does not use this setting"),
    ],
)
def test_parameters_the_type_cannot_use_are_refused_on_their_field(english, raw, field, message):
    with pytest.raises(ValidationError) as refused:
        KIND.parameters_clean(raw)
    assert message in " ".join(refused.value.message_dict[field])


def test_the_defaults_are_ten_scans_at_an_airport():
    values = KIND.parameters_clean({})
    assert values == {"crossing_point": "GT-GUA", "travellers": 10, "difficulty": "standard"}
    assert KIND.parameters_clean({"travellers": "12", "crossing_point": "CR-PBL"})["travellers"] == 12
