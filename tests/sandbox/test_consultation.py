"""Hit/no-hit consultation (`sandbox.consultation.query_send`): each asked country's node answers
from its own records only, HIT or NO HIT with a reference and never personal data; a query
without a purpose, a case reference, parameters or a country is refused with nothing written;
every query and every answer is audited; a double submit writes one query."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from people.roles import Role
from sandbox import selectors_consultation
from sandbox.consultation import (
    BY_DOCUMENT,
    BY_NAME,
    DOUBLE_SUBMIT_SECONDS,
    QueryParameters,
    member_countries,
    query_send,
)
from sandbox.models import AuditEvent, CrossBorderQuery, Person, QueryResult
from sandbox.services import record_create, sandbox_get_or_create
from tests.conftest import client_for
from tests.people.factories import person
from tests.sandbox.baseline_rows import baseline_document, baseline_person
from tests.sandbox.consultations import OTHERS, consultant, honduran_on_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst():
    return consultant()


@pytest.fixture
def gt(analyst):
    """The Guatemalan analyst's sandbox (acting for GTM)."""
    return sandbox_get_or_create(user=analyst)


@pytest.fixture
def honduran():
    return honduran_on_file()


def by_name(**changes) -> QueryParameters:
    values = {
        "kind": BY_NAME,
        "given_names": "José Ángel",
        "surnames": "Muñoz Peña",
        "birth_date": dt.date(1988, 3, 9),
        **changes,
    }
    return QueryParameters(**values)


def send(sandbox, user, parameters=None, **changes):
    values = {
        "sandbox": sandbox,
        "user": user,
        "parameters": parameters or by_name(),
        "countries": OTHERS,
        "purpose_code": "BORDER_CHECK",
        "case_reference": "EXP-2026-001",
        **changes,
    }
    return query_send(**values)


def results_of(sandbox, query) -> dict[str, QueryResult]:
    return {result.country_id: result for result in QueryResult.objects.visible_to(sandbox).filter(query_uid=query.uid)}


def counts() -> tuple[int, int, int]:
    return tuple(model.objects.every_row().count() for model in (CrossBorderQuery, QueryResult, AuditEvent))


# ---------------------------------------------------------------- hit / no hit


def test_the_members_are_the_eight_ocam_countries():
    assert member_countries() == sorted([*OTHERS, "GTM"])


def test_a_guatemalan_query_by_name_to_all_countries_hits_honduras_only(gt, analyst, honduran):
    query = send(gt, analyst)
    results = results_of(gt, query)
    assert sorted(results) == OTHERS
    assert results["HND"].outcome == "HIT"
    assert all(results[country].outcome == "NO_HIT" for country in OTHERS if country != "HND")
    assert results["HND"].record_uid == honduran.uid
    assert results["HND"].reference_token.startswith("HND-")
    assert "Instituto Nacional de Migración" in results["HND"].contact_point
    assert query.requesting_country_id == "GTM"
    assert query.target_countries == OTHERS
    assert query.parameters == {
        "kind": "NAME",
        "given_names": "José Ángel",
        "surnames": "Muñoz Peña",
        "birth_date": "1988-03-09",
    }


def test_the_name_matches_as_people_write_it_and_the_birth_date_must_agree(gt, analyst, honduran):
    variant = send(gt, analyst, by_name(given_names="JOSE ANGEL", surnames="MUNOZ PENA"), case_reference="A")
    assert results_of(gt, variant)["HND"].outcome == "HIT"
    other_day = send(gt, analyst, by_name(birth_date=dt.date(1988, 3, 10)), case_reference="B")
    assert results_of(gt, other_day)["HND"].outcome == "NO_HIT"
    one_surname = send(gt, analyst, by_name(surnames="Muñoz"), case_reference="C")
    assert results_of(gt, one_surname)["HND"].outcome == "NO_HIT"  # a possible match is no hit


def test_sex_and_nationality_narrow_the_search(gt, analyst, honduran):
    assert results_of(gt, send(gt, analyst, by_name(sex="M", nationality="HND")))["HND"].outcome == "HIT"
    assert results_of(gt, send(gt, analyst, by_name(sex="F"), case_reference="X"))["HND"].outcome == "NO_HIT"
    wrong = send(gt, analyst, by_name(nationality="SLV"), case_reference="Y")
    assert results_of(gt, wrong)["HND"].outcome == "NO_HIT"


def test_a_query_by_document_hits_the_country_that_holds_it(gt, analyst, honduran):
    document = QueryParameters(kind=BY_DOCUMENT, document_number="f9876 5432", issuing_state="HND")
    results = results_of(gt, send(gt, analyst, document))
    assert results["HND"].outcome == "HIT"
    assert results["HND"].record_uid == honduran.uid
    assert {country for country, result in results.items() if result.outcome == "HIT"} == {"HND"}
    other_state = QueryParameters(kind=BY_DOCUMENT, document_number="F98765432", issuing_state="SLV")
    assert results_of(gt, send(gt, analyst, other_state))["HND"].outcome == "NO_HIT"
    other_type = QueryParameters(kind=BY_DOCUMENT, document_number="F98765432", issuing_state="HND", document_type="ID")
    assert results_of(gt, send(gt, analyst, other_type))["HND"].outcome == "NO_HIT"


def test_a_node_answers_from_its_own_records_only(gt, analyst):
    """The same person in Guatemala's records (the learner's own) and in Costa Rica's: only Costa
    Rica is asked and answers; a person a learner's layer moved to Panama's records answers there."""
    for country in ("GTM", "CRI"):
        baseline_person(
            given_names="Luz", surname_1="Barahona", surname_2="", birth_date=dt.date(1990, 1, 2), held_by_id=country
        )
    query = send(gt, analyst, by_name(given_names="Luz", surnames="Barahona", birth_date=dt.date(1990, 1, 2)))
    assert {country for country, result in results_of(gt, query).items() if result.outcome == "HIT"} == {"CRI"}
    record_create(
        sandbox=gt,
        model=Person,
        held_by_id="PAN",
        given_names="Nube",
        surname_1="Urbina",
        sex="F",
        birth_date=dt.date(1970, 5, 5),
        nationality_id="PAN",
    )
    query = send(gt, analyst, by_name(given_names="Nube", surnames="Urbina", birth_date=dt.date(1970, 5, 5)))
    assert {country for country, result in results_of(gt, query).items() if result.outcome == "HIT"} == {"PAN"}


def test_another_learners_layer_is_no_nodes_record(gt, analyst):
    neighbour = sandbox_get_or_create(user=consultant())
    record_create(
        sandbox=neighbour,
        model=Person,
        held_by_id="HND",
        given_names="Nube",
        surname_1="Urbina",
        sex="F",
        birth_date=dt.date(1970, 5, 5),
        nationality_id="HND",
    )
    query = send(gt, analyst, by_name(given_names="Nube", surnames="Urbina", birth_date=dt.date(1970, 5, 5)))
    assert all(result.outcome == "NO_HIT" for result in results_of(gt, query).values())


def shared_alert(**changes):
    from sandbox.models import Alert

    values = {
        "uid": 900_001,
        "category_id": "WANTED",
        "subject_kind": "PERSON",
        "subject_name": "MUÑOZ PEÑA, JOSÉ ÁNGEL",
        "subject_birth_date": dt.date(1988, 3, 9),
        "birth_key": "19880309",
        "issuing_country_id": "HND",
        "action": "ARREST_NOTIFY",
        "valid_from": dt.date(2024, 1, 1),
        "status": "ACTIVE",
        "sharing_scope": "OCAM_ALL",
        **changes,
    }
    alert = Alert(**values)
    alert.save(force_insert=True)
    return alert


def test_a_shared_alert_gives_its_category_and_action(gt, analyst, honduran):
    shared_alert(person_uid=honduran.uid)
    result = results_of(gt, send(gt, analyst))["HND"]
    assert (result.outcome, result.alert_category_id, result.action) == ("HIT", "WANTED", "ARREST_NOTIFY")


def test_an_alert_alone_is_a_hit_when_shared_with_the_requesting_country(gt, analyst):
    shared_alert(sharing_scope="SELECTED", shared_with=["GTM"])
    result = results_of(gt, send(gt, analyst))["HND"]
    assert (result.outcome, result.alert_category_id, result.record_uid) == ("HIT", "WANTED", None)


@pytest.mark.parametrize(
    "changes",
    [
        {"sharing_scope": "NATIONAL"},
        {"sharing_scope": "SELECTED", "shared_with": ["SLV"]},
        {"status": "SUSPENDED"},
        {"valid_until": dt.date(2024, 6, 1)},
    ],
    ids=["national", "shared-with-others", "suspended", "expired"],
)
def test_an_alert_not_shared_or_not_in_force_answers_nothing(gt, analyst, changes):
    shared_alert(**changes)
    assert results_of(gt, send(gt, analyst))["HND"].outcome == "NO_HIT"


def test_an_asylum_seekers_record_never_answers_their_country_of_nationality(gt, analyst):
    baseline_person(
        given_names="Rosa",
        surname_1="Zelaya",
        surname_2="",
        birth_date=dt.date(1995, 7, 20),
        nationality_id="GTM",
        held_by_id="CRI",
        sensitivity="ASYLUM",
    )
    query = send(gt, analyst, by_name(given_names="Rosa", surnames="Zelaya", birth_date=dt.date(1995, 7, 20)))
    assert results_of(gt, query)["CRI"].outcome == "NO_HIT"


def test_one_country_may_be_asked_alone(gt, analyst, honduran):
    query = send(gt, analyst, countries=["HND"])
    assert sorted(results_of(gt, query)) == ["HND"]


# ---------------------------------------------------------------- refusals: nothing written


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"purpose_code": ""}, "purpose"),
        ({"purpose_code": None}, "purpose"),
        ({"purpose_code": "CURIOSITY"}, "purpose"),
        ({"case_reference": ""}, "case_reference"),
        ({"case_reference": "   \t "}, "case_reference"),
        ({"case_reference": None}, "case_reference"),
        ({"case_reference": "EXP\u202e-001"}, "case_reference"),
        ({"case_reference": "EXP\x00-001"}, "case_reference"),
        ({"case_reference": "EXP-\u200b001"}, "case_reference"),
        ({"case_reference": "X" * 41}, "case_reference"),
        ({"countries": []}, "countries"),
        ({"countries": ["GTM"]}, "countries"),
        ({"countries": ["MEX"]}, "countries"),
        ({"parameters": by_name(surnames="")}, "surnames"),
        ({"parameters": by_name(given_names=" ")}, "given_names"),
        ({"parameters": by_name(birth_date=None)}, "birth_date"),
        ({"parameters": by_name(birth_date=dt.date(2999, 1, 1))}, "birth_date"),
        ({"parameters": by_name(surnames="Mu\u202eñoz")}, "surnames"),
        ({"parameters": QueryParameters(kind=BY_DOCUMENT, issuing_state="HND")}, "document_number"),
        ({"parameters": QueryParameters(kind=BY_DOCUMENT, document_number="F1")}, "issuing_state"),
        ({"parameters": QueryParameters(kind=BY_DOCUMENT, document_number="F1", issuing_state="ZZZ")}, "issuing_state"),
        ({"parameters": QueryParameters(kind="SOMETHING")}, "kind"),
    ],
)
def test_an_incomplete_query_is_refused_and_nothing_is_written(gt, analyst, honduran, changes, field):
    before = counts()
    with pytest.raises(ValidationError) as refusal:
        send(gt, analyst, **changes)
    assert field in refusal.value.error_dict
    assert counts() == before


def test_the_refusals_say_what_to_do(gt, analyst, english):
    with pytest.raises(ValidationError) as refusal:
        send(gt, analyst, purpose_code="", case_reference=" ", countries=[])
    errors = refusal.value.message_dict
    assert errors["purpose"] == ["Choose the purpose of the consultation."]
    assert errors["case_reference"] == ["Type the case reference: the file or case number this consultation is for."]
    assert errors["countries"] == ["Choose the member countries to ask, or all of them."]


def test_a_sandbox_acting_for_no_country_cannot_consult(honduran, english):
    iom = person(role=Role.TRAINER, authority_code="iom")
    sandbox = sandbox_get_or_create(user=iom)
    assert sandbox.country_id is None
    before = counts()
    with pytest.raises(ValidationError, match="Consultation is between member countries"):
        send(sandbox, iom)
    assert counts() == before


# ---------------------------------------------------------------- audit


def test_the_query_and_every_answer_are_audited(gt, analyst, honduran):
    query = send(gt, analyst, purpose_code="INVESTIGATION", case_reference="  EXP-77  ")
    assert query.case_reference == "EXP-77"
    events = list(AuditEvent.objects.layer_of(gt).order_by("pk"))
    asked = events[0]
    assert (asked.action, asked.actor, asked.held_by_id) == ("QUERY", analyst, "GTM")
    assert (asked.purpose_code, asked.case_reference) == ("INVESTIGATION", "EXP-77")
    assert (asked.object_type, asked.object_uid, asked.result_count) == ("cross_border_query", query.uid, 1)
    assert asked.parameters["countries"] == OTHERS
    assert asked.parameters["hits"] == ["HND"]
    answers = events[1:]
    assert sorted(event.held_by_id for event in answers) == OTHERS
    results = results_of(gt, query)
    for event in answers:
        assert event.action == "ANSWER"
        assert (event.purpose_code, event.case_reference) == ("INVESTIGATION", "EXP-77")
        result = results[event.held_by_id]
        assert event.object_uid == result.uid
        assert event.parameters["outcome"] == result.outcome
        assert event.parameters["requesting_country"] == "GTM"
        assert event.result_count == (1 if result.outcome == "HIT" else 0)
    # The learner's country's log holds its query; each partner's log, its answer.
    assert list(AuditEvent.objects.visible_to(gt).values_list("action", flat=True)) == ["QUERY"]
    assert AuditEvent.objects.node_view(gt, "HND").get().action == "ANSWER"


# ---------------------------------------------------------------- double submit


def test_a_double_submit_writes_one_query(gt, analyst, honduran):
    first = send(gt, analyst)
    before = counts()
    second = send(gt, analyst)
    assert second.pk == first.pk
    assert counts() == before


def test_the_same_query_later_or_for_another_case_is_a_new_one(gt, analyst, honduran):
    first = send(gt, analyst)
    assert send(gt, analyst, case_reference="EXP-2026-002").pk != first.pk
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=DOUBLE_SUBMIT_SECONDS + 1)):
        assert send(gt, analyst).pk != first.pk
    assert CrossBorderQuery.objects.layer_of(gt).count() == 3


# ---------------------------------------------------------------- scope and the screens' rows


def test_the_queries_are_the_requesting_countrys_and_the_rows_carry_no_record(gt, analyst, honduran):
    query = send(gt, analyst)
    neighbour = sandbox_get_or_create(user=consultant())
    with pytest.raises(CrossBorderQuery.DoesNotExist):
        selectors_consultation.query_get(sandbox=neighbour, uid=query.uid)
    assert selectors_consultation.query_list_page(sandbox=neighbour).object_list == []
    with translation.override("en"):
        detail = selectors_consultation.query_get(sandbox=gt, uid=query.uid)
    # By country name: Belize, Costa Rica, Dominican Republic, El Salvador, Honduras, ...
    assert [answer.country_code for answer in detail.answers] == ["BLZ", "CRI", "DOM", "SLV", "HND", "NIC", "PAN"]
    assert not any(hasattr(answer, "record_uid") for answer in detail.answers)
    assert detail.query.hits == 1
    hit = next(answer for answer in detail.answers if answer.is_hit)
    assert hit.request_href in (
        f"/en/sandbox/consultations/{query.uid}/results/{results_of(gt, query)['HND'].uid}/request/",
        f"/sandbox/consultations/{query.uid}/results/{results_of(gt, query)['HND'].uid}/request/",
    )
    page = selectors_consultation.query_list_page(sandbox=gt)
    assert [row.uid for row in page.object_list] == [query.uid]


def test_the_list_is_newest_first_and_paginated(gt, analyst):
    uids = [send(gt, analyst, case_reference=f"EXP-{number}").uid for number in range(27)]
    page = selectors_consultation.query_list_page(sandbox=gt)
    assert [row.uid for row in page.object_list] == uids[::-1][:25]
    assert [row.uid for row in selectors_consultation.query_list_page(sandbox=gt, page=2).object_list] == uids[1::-1]


# ---------------------------------------------------------------- answers never carry personal data

GIVEN = ["Zenaida", "Wilfredo", "Yesenia", "Anacleto", "Eustaquia", "Heriberto", "Ñeco"]
SURNAMES = ["Quiñónez", "Zelaya", "Barahona", "Olivares", "Tercero", "Urbina", "Ávila"]
MEMBERS = ["BLZ", "CRI", "DOM", "GTM", "HND", "NIC", "PAN", "SLV"]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).upper()


def _date_forms(date: dt.date) -> set[str]:
    forms = {
        date.isoformat(),
        date.strftime("%d/%m/%Y"),
        date.strftime("%d-%m-%Y"),
        date.strftime("%d.%m.%Y"),
        date.strftime("%Y%m%d"),
        date.strftime("%m/%d/%Y"),
        f"{date.day}/{date.month}/{date.year}",
    }
    for language in ("es", "en"):
        with translation.override(language):
            forms |= {formats.date_format(date, "DATE_FORMAT"), formats.date_format(date, "SHORT_DATE_FORMAT")}
    return {_fold(form) for form in forms}


def _leaks(text: str, people) -> list[str]:
    folded = _fold(text)
    found = []
    for someone in people:
        for word in f"{someone.given_names} {someone.surname_1} {someone.surname_2}".split():
            if re.search(rf"\b{re.escape(_fold(word))}\b", folded):
                found.append(word)
        found += [form for form in _date_forms(someone.birth_date) if form in folded]
    return found


dataset = st.lists(
    st.tuples(
        st.sampled_from(GIVEN),
        st.sampled_from(SURNAMES),
        st.sampled_from(SURNAMES),
        st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2010, 12, 31)),
        st.sampled_from(MEMBERS),
        st.sampled_from(MEMBERS),
    ),
    min_size=1,
    max_size=6,
)
queries = st.lists(
    st.tuples(st.sampled_from([BY_NAME, BY_DOCUMENT]), st.integers(min_value=0, max_value=5), st.booleans()),
    min_size=1,
    max_size=3,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=dataset, asked=queries)
def test_no_answer_carries_a_name_or_a_date_of_birth(gt, analyst, people, asked):
    with transaction.atomic():
        rows = []
        for index, (given_name, surname_1, surname_2, birth_date, held_by, nationality) in enumerate(people):
            someone = baseline_person(
                given_names=given_name,
                surname_1=surname_1,
                surname_2=surname_2,
                birth_date=birth_date,
                held_by_id=held_by,
                nationality_id=nationality,
            )
            baseline_document(person=someone, number=f"H{index:07d}")
            rows.append(someone)
        client = client_for(analyst)
        for number, (kind, pick, exact) in enumerate(asked):
            target = rows[pick % len(rows)]
            if kind == BY_NAME:
                parameters = QueryParameters(
                    kind=BY_NAME,
                    given_names=target.given_names,
                    surnames=f"{target.surname_1} {target.surname_2}" if exact else target.surname_1,
                    birth_date=target.birth_date,
                )
            else:
                parameters = QueryParameters(
                    kind=BY_DOCUMENT,
                    document_number=f"H{pick % len(rows):07d}" if exact else "Z0000000",
                    issuing_state=target.nationality_id,
                )
            query = send(gt, analyst, parameters, case_reference=f"EXP-{number}")
            for result in QueryResult.objects.visible_to(gt).filter(query_uid=query.uid):
                body = " ".join(
                    str(value)
                    for value in (
                        result.country_id,
                        result.outcome,
                        result.reference_token,
                        result.alert_category_id,
                        result.action,
                        result.contact_point,
                        result.answered_at,
                    )
                )
                assert not _leaks(body, rows), body
            for path in (f"/sandbox/consultations/{query.uid}/", f"/en/sandbox/consultations/{query.uid}/"):
                response = client.get(path)
                assert response.status_code == 200
                html = response.content.decode()
                main = html[html.index("<main") : html.index("</main>")]
                assert not _leaks(re.sub(r"<[^>]+>", " ", main), rows)
        transaction.set_rollback(True)


def test_a_query_reads_by_its_keys_whatever_the_number_of_people(gt, analyst, honduran):
    """The same number of statements with one person on file or with forty more: the nodes read
    people by birth date and documents by number, never every record."""
    with CaptureQueriesContext(connection) as few:
        send(gt, analyst, case_reference="FEW")
    for country in OTHERS:
        baseline_person(surname_1=f"Otro{country}", held_by_id=country, birth_date=dt.date(1988, 3, 9))
        for number in range(5):
            baseline_person(surname_1=f"Otro{country}{number}", held_by_id=country, birth_date=dt.date(1970, 1, 1))
    with CaptureQueriesContext(connection) as many:
        send(gt, analyst, case_reference="MANY")
    assert len(many.captured_queries) == len(few.captured_queries)
