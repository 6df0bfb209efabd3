"""Screening a traveller at a post (`sandbox.screening.screen`) against alerts in the database.

The alerts are baseline rows, as the generator writes them (no sandbox, explicit uids, the
birth-date key `sandbox.matching.birth_key` computes); the traveller is José Luis Peña López, a
Nicaraguan arriving in Costa Rica at Peñas Blancas (CR-PBL) on 14 March 2025.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sandbox.matching import birth_key
from sandbox.models import Alert, AlertHit, CrossingPoint, Movement
from sandbox.screening import Traveller, screen, screening_candidates
from tests.sandbox.baseline_rows import next_baseline_uid

pytestmark = pytest.mark.django_db

ON = dt.date(2025, 3, 14)
BORN = dt.date(1988, 3, 9)
TRAVELLER = Traveller(
    given_names="JOSE LUIS",
    surnames="PENA LOPEZ",
    birth_date=BORN,
    nationality="NIC",
    document_number="C01234567",
    issuing_state="NIC",
    sex="M",
)


def baseline_alert(**fields: Any) -> Alert:
    """An active person alert of Honduras shared with every OCAM member, valid through 2025,
    on José Luis Peña López; a document alert if given a `document_number`."""
    document = bool(fields.get("document_number"))
    values = {
        "category_id": "DOC_LOST_STOLEN" if document else "ENTRY_BAN",
        "subject_kind": "DOCUMENT" if document else "PERSON",
        "subject_name": "" if document else "PEÑA LÓPEZ, JOSÉ LUIS",
        "subject_birth_date": None if document else BORN,
        "document_issuing_state_id": "NIC" if document else None,
        "issuing_country_id": "HND",
        "action": "SEIZE_DOCUMENT" if document else "REFUSE_ENTRY",
        "valid_from": dt.date(2024, 1, 1),
        "valid_until": dt.date(2025, 12, 31),
        "status": "ACTIVE",
        "sharing_scope": "OCAM_ALL",
        **fields,
    }
    alert = Alert(**values)
    alert.uid = next_baseline_uid(Alert)[0]
    alert.sandbox = None
    alert.is_deleted = False
    alert.birth_key = birth_key(alert.subject_birth_date) if alert.subject_kind == "PERSON" else ""
    alert.save(force_insert=True)
    return alert


@pytest.fixture
def officer_screen(officer):
    """Screen a traveller as the learner at a post, on ON, entering unless told otherwise."""
    user, sandbox = officer

    def run(
        traveller: Traveller = TRAVELLER, *, post: str | CrossingPoint = "CR-PBL", direction: str = "ENTRY", **options
    ):
        point = (
            post if isinstance(post, CrossingPoint) else CrossingPoint.objects.select_related("country").get(code=post)
        )
        return screen(
            sandbox=sandbox,
            actor=user,
            crossing_point=point,
            direction=direction,
            traveller=traveller,
            on=options.pop("on", ON),
            **options,
        )

    return run


def with_(**changes: Any) -> Traveller:
    return Traveller(**{**TRAVELLER.__dict__, **changes})


# Documents: the number and the issuing state.


def test_a_document_alert_hits_on_the_number_and_the_issuing_state(officer_screen):
    alert = baseline_alert(document_number="C01234567")
    screening = officer_screen()
    assert screening.result == "HIT"
    assert [(hit.alert_uid, hit.match_type, hit.score) for hit in screening.hits] == [(alert.uid, "DOC_EXACT", 1.0)]
    assert screening.blocking


def test_a_document_alert_of_another_issuing_state_gives_no_hit(officer_screen):
    baseline_alert(document_number="C01234567", document_issuing_state_id="HND")
    assert officer_screen().result == "NO_HIT"


def test_a_document_number_typed_with_spaces_and_lower_case_still_hits(officer_screen):
    baseline_alert(document_number="C01234567")
    assert officer_screen(with_(document_number=" c0123 4567")).result == "HIT"


def test_a_traveller_without_a_document_number_never_hits_alerts_without_one(officer_screen):
    baseline_alert(subject_name="MENDOZA, ALBERTO", subject_birth_date=dt.date(1970, 1, 1))
    assert officer_screen(with_(document_number="", issuing_state="")).result == "NO_HIT"


# People: on file, and by name and birth date.


def test_the_person_on_file_hits_whatever_the_name_read(officer_screen):
    alert = baseline_alert(person_uid=77, subject_name="OTRO, NOMBRE", subject_birth_date=dt.date(1950, 1, 1))
    screening = officer_screen(person_uid=77)
    assert screening.result == "HIT"
    assert [(hit.alert_uid, hit.match_type, hit.person_uid) for hit in screening.hits] == [
        (alert.uid, "PERSON_RECORD", 77)
    ]


def test_the_same_name_and_birth_date_hit(officer_screen):
    baseline_alert()
    screening = officer_screen()
    assert screening.result == "HIT"
    assert screening.hits[0].match_type == "NAME_DOB_FUZZY"
    assert screening.hits[0].matched_fields == {"birth_date": "exact", "given_names": "exact", "surnames": "exact"}


def test_one_surname_and_a_swapped_birth_date_are_possible(officer_screen):
    baseline_alert(subject_name="PEÑA, JOSÉ LUIS", subject_birth_date=dt.date(1988, 9, 3))
    screening = officer_screen()
    assert screening.result == "POSSIBLE"
    assert screening.hits[0].matched_fields["birth_date"] == "swapped"
    assert 0.82 <= screening.hits[0].score < 1


def test_a_twin_with_another_given_name_gives_no_hit(officer_screen):
    baseline_alert(subject_name="PEÑA LÓPEZ, JUAN")
    assert officer_screen().result == "NO_HIT"


def test_the_strongest_level_is_the_result(officer_screen):
    baseline_alert(subject_name="PEÑA, JOSÉ LUIS")
    baseline_alert(document_number="C01234567")
    screening = officer_screen()
    assert screening.result == "HIT"
    assert sorted(hit.traveller["level"] for hit in screening.hits) == ["HIT", "POSSIBLE"]


# Validity and sharing scope.


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"valid_until": dt.date(2025, 3, 13)}, id="past its validity"),
        pytest.param({"valid_from": dt.date(2025, 3, 15)}, id="not yet valid"),
        pytest.param({"status": "EXPIRED"}, id="expired"),
        pytest.param({"status": "DRAFT"}, id="awaiting approval"),
        pytest.param({"status": "SUSPENDED"}, id="suspended"),
        pytest.param({"sharing_scope": "NATIONAL"}, id="national alert of another country"),
        pytest.param({"sharing_scope": "SELECTED", "shared_with": ["GTM", "PAN"]}, id="shared with others"),
    ],
)
def test_an_alert_out_of_force_or_not_shared_with_the_post_gives_no_hit(officer_screen, fields):
    baseline_alert(**fields)
    baseline_alert(document_number="C01234567", **fields)
    assert officer_screen().result == "NO_HIT"
    assert not AlertHit.objects.every_row().exists()


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"sharing_scope": "NATIONAL", "issuing_country_id": "CRI"}, id="the post's own national alert"),
        pytest.param({"sharing_scope": "SELECTED", "shared_with": ["CRI"]}, id="shared with the post's country"),
        pytest.param({"valid_until": ON}, id="valid until today"),
        pytest.param({"valid_until": None}, id="without an end"),
    ],
)
def test_an_alert_in_force_and_shared_with_the_post_hits(officer_screen, fields):
    baseline_alert(**fields)
    assert officer_screen().result == "HIT"


# Direction and nationality.


def test_an_exit_ban_says_nothing_at_an_entry(officer_screen):
    baseline_alert(category_id="EXIT_BAN", action="PREVENT_EXIT")
    assert officer_screen(direction="ENTRY").result == "NO_HIT"
    assert officer_screen(direction="EXIT").result == "HIT"


def test_an_entry_ban_says_nothing_at_an_exit(officer_screen):
    baseline_alert()
    assert officer_screen(direction="EXIT").result == "NO_HIT"
    assert officer_screen(direction="ENTRY").result == "HIT"


def test_a_national_is_never_refused_entry_to_their_own_country(officer_screen):
    baseline_alert(issuing_country_id="CRI", sharing_scope="NATIONAL")
    assert officer_screen(with_(nationality="CRI")).result == "NO_HIT"
    assert officer_screen(with_(nationality="CRI"), post="HN-SAP").result == "NO_HIT"  # national alert of CRI
    baseline_alert(issuing_country_id="HND")
    assert officer_screen(with_(nationality="CRI"), post="HN-SAP").result == "HIT"


# What is written.


def test_each_possible_or_hit_is_written_as_a_pending_hit_and_no_movement(officer, officer_screen):
    user, sandbox = officer
    baseline_alert()
    baseline_alert(subject_name="PEÑA, JOSÉ LUIS")
    baseline_alert(subject_name="PEÑA LÓPEZ, JUAN")  # a twin: no hit
    screening = officer_screen(person_uid=5, document_uid=6)
    hits = list(AlertHit.objects.layer_of(sandbox).order_by("uid"))
    assert [hit.uid for hit in hits] == [hit.uid for hit in screening.hits]
    assert [hit.traveller["level"] for hit in hits] == ["HIT", "POSSIBLE"]
    for hit in hits:
        assert (hit.movement_uid, hit.disposition, hit.person_uid, hit.document_uid) == (None, "PENDING", 5, 6)
        assert (hit.crossing_point_id, hit.screened_by_id) == ("CR-PBL", user.pk)
        assert hit.traveller["document_number"] == "C01234567"
        assert hit.traveller["direction"] == "ENTRY"
    assert not Movement.objects.every_row().exists()


def test_no_hit_writes_no_hit_record(officer, officer_screen):
    _user, sandbox = officer
    assert officer_screen().result == "NO_HIT"
    assert not AlertHit.objects.layer_of(sandbox).exists()


# Cost: blocking keys, a bounded number of queries.


def alert_stock(count: int) -> None:
    """`count` active person alerts born on other days, shared with every member."""
    for index in range(count):
        baseline_alert(
            subject_name=f"APELLIDO{index}, NOMBRE", subject_birth_date=dt.date(1950, 1, 1) + dt.timedelta(days=index)
        )


def test_candidates_are_read_by_the_blocking_keys_only(officer):
    _user, sandbox = officer
    alert_stock(60)
    by_name = baseline_alert()
    by_swapped_date = baseline_alert(subject_name="OTRO, NOMBRE", subject_birth_date=dt.date(1988, 9, 3))
    by_document = baseline_alert(document_number="C01234567")
    on_file = baseline_alert(person_uid=77, subject_name="OTRO, NOMBRE", subject_birth_date=dt.date(1950, 6, 1))
    with CaptureQueriesContext(connection) as queries:
        candidates = screening_candidates(sandbox=sandbox, traveller=TRAVELLER, person_uid=77, on=ON)
    assert len(queries) == 1
    assert sorted(alert.uid for alert in candidates) == sorted(
        alert.uid for alert in (by_name, by_swapped_date, by_document, on_file)
    )
    assert Alert.objects.baseline().count() == 64


def screening_queries(officer_screen, traveller: Traveller = TRAVELLER) -> int:
    point = CrossingPoint.objects.select_related("country").get(code="CR-PBL")
    with CaptureQueriesContext(connection) as queries:
        officer_screen(traveller, post=point)
    return len(queries)


def test_screening_costs_the_same_queries_whatever_the_alert_stock(officer_screen):
    nobody = with_(given_names="NADIE", birth_date=dt.date(2001, 1, 1), document_number="X99")
    no_hit = screening_queries(officer_screen, nobody)
    one_hit = [baseline_alert()]
    with_one = screening_queries(officer_screen)
    one_hit.append(baseline_alert(document_number="C01234567"))
    with_two = screening_queries(officer_screen)
    alert_stock(80)
    assert screening_queries(officer_screen, nobody) == no_hit
    assert screening_queries(officer_screen) == with_two
    # The candidates in one query, the audit entry, and a fixed cost per hit written; the first
    # hit opens the transaction the hits and the audit entry are written in (a savepoint and its release).
    assert with_one - no_hit == with_two - with_one + 2
    assert no_hit <= 7  # the candidates, then the audit entry: a uid, its references checked, the insert
