"""Each country's records are its own, through the screens (issue 20, item 1).

On random datasets of travellers held by Guatemala, Honduras and Costa Rica (each with a
passport, a referred crossing at one of their country's posts, an alert their country issued, a
pending hit and a document scan), a Guatemalan learner's pages that list, search or open records
(person search by name, document, birth date and national ID; a person's page; the alert list and
an alert; the secondary queue, a case and a hit's disposition; the document scans) show none of
another country's names or document numbers, list every one of Guatemala's, and answer 404 for a
foreign record's uid; a trainer inspecting that learner's sandbox sees the same. Statistics are
regional aggregates (record 0024), outside this proof.

Screens that write: the movement form offers the learner's country's posts (and an exercise
scenario's), and refuses another; someone bound to no country chooses the country they act for.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from people.roles import Role
from sandbox import job_functions, services
from sandbox.models import (
    Alert,
    AlertHit,
    Document,
    DocumentScan,
    ExerciseAttempt,
    Movement,
    Person,
    Sandbox,
)
from tests.conftest import client_for
from tests.people.factories import person as make_user
from tests.sandbox.baseline_rows import next_baseline_uid
from tests.sandbox.screens import movement_data
from tests.sandbox.test_country_scope import COUNTRIES, WHEN, country_learner, post_of

pytestmark = pytest.mark.django_db

SURNAMES = ("Alvarado", "Barrientos", "Castellanos", "Duarte", "Escobedo", "Figueroa")
BIRTH_DATE = dt.date(1990, 1, 2)


@dataclass(frozen=True)
class Traveller:
    country: str
    surname: str
    document: str
    national_id: str
    person: int
    movement: int
    alert: int
    hit: int
    scan: int


def _baseline(model, uid: int, **fields):
    row = model(uid=uid, sandbox=None, is_deleted=False, **fields)
    row.save(force_insert=True)
    return row


def traveller(index: int, country: str) -> Traveller:
    """A baseline traveller held by `country`, with their records at one of its posts."""
    surname, uid = SURNAMES[index], 500 + index
    document, national_id = f"Q{index}7{index}5{index}3{index}", f"NID{index}9{index}"
    post = post_of(country)
    _baseline(
        Person,
        uid,
        given_names="Rosa",
        surname_1=surname,
        sex="F",
        birth_date=BIRTH_DATE,
        nationality_id=country,
        national_id_number=national_id,
        held_by_id=country,
        search_name=f" ROSA {surname.upper()} ",
        sort_name=f"{surname.upper()}  ROSA",
    )
    _baseline(
        Document,
        uid,
        person_uid=uid,
        document_type_id="P",
        number=document,
        issuing_state_id=country,
        expires_on=dt.date(2031, 1, 31),
        held_by_id=country,
    )
    _baseline(
        Movement,
        uid,
        person_uid=uid,
        document_uid=uid,
        direction="ENTRY",
        crossing_point_id=post,
        occurred_at=WHEN,
        local_date=WHEN.date(),
        transport_mode="LAND",
        decision="REFERRED",
        refusal_code="SCREENING_HIT",
        nationality_id=country,
        sex="F",
        age_group="Y30T44",
    )
    _baseline(
        Alert,
        uid,
        category_id="WANTED",
        subject_kind="PERSON",
        person_uid=uid,
        subject_name=f"{surname.upper()}, ROSA",
        subject_birth_date=BIRTH_DATE,
        document_number=document,
        issuing_country_id=country,
        action="ARREST_NOTIFY",
        valid_from=dt.date(2025, 1, 1),
        sharing_scope="NATIONAL",
        legal_reference="Orden 1",
    )
    _baseline(
        AlertHit,
        uid,
        alert_uid=uid,
        movement_uid=uid,
        person_uid=uid,
        document_uid=uid,
        crossing_point_id=post,
        screened_at=WHEN,
        traveller={"surnames": surname.upper(), "given_names": "ROSA", "document_number": document},
        match_type="DOC_EXACT",
        score=1.0,
    )
    _baseline(
        DocumentScan,
        uid,
        crossing_point_id=post,
        scanned_at=WHEN,
        traveller_name=f"ROSA {surname.upper()}",
        raw_mrz=f"P<{country}{surname.upper()}<<ROSA",
    )
    return Traveller(country, surname, document, national_id, uid, uid, uid, uid, uid)


def act_as(sandbox: Sandbox, role: str) -> None:
    Sandbox.objects.filter(pk=sandbox.pk).update(role=role)


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def main(response) -> str:
    """The page's main region (the site's header echoes the query in its language links)."""
    html = text(response)
    return html[html.index("<main") : html.index("</main>")]


def shows_none_of(page: str, travellers: list[Traveller]) -> None:
    for foreign in travellers:
        assert foreign.surname not in page and foreign.surname.upper() not in page, foreign
        assert foreign.document not in page, foreign


def shows_all_of(page: str, travellers: list[Traveller]) -> None:
    for own in travellers:
        assert own.surname in page or own.surname.upper() in page, own


@pytest.fixture
def guatemalan():
    return country_learner("GTM", "aprendiz.gt@example.org")


@pytest.fixture
def trainer_client(trainer):
    return client_for(trainer)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(countries=st.lists(st.sampled_from(COUNTRIES), min_size=2, max_size=len(SURNAMES)))
def test_a_learners_screens_show_no_other_countrys_records(guatemalan, trainer_client, countries):
    client = client_for(guatemalan.owner)
    with transaction.atomic(), translation.override("en"):
        everyone = [traveller(index, country) for index, country in enumerate(countries)]
        own = [one for one in everyone if one.country == "GTM"]
        foreign = [one for one in everyone if one.country != "GTM"]

        act_as(guatemalan, "secondary_officer")  # searches people, reads alerts, adjudicates hits
        # Person search: by a name everyone shares, by birth date, by each one's document and national ID.
        for query in ({"name": "Rosa"}, {"birth_date": BIRTH_DATE.isoformat()}):
            page = main(client.get("/en/sandbox/people/", query))
            shows_none_of(page, foreign)
            shows_all_of(page, own)
        for one in everyone:
            for query in ({"document": one.document}, {"national_id": one.national_id}, {"name": one.surname}):
                # The page without the term echoed in the search field.
                term = next(iter(query.values()))
                page = main(client.get("/en/sandbox/people/", query)).replace(f'value="{term}"', "")
                shows_none_of(page, foreign)
                if one.country == "GTM":
                    shows_all_of(page, [one])
            person = client.get(f"/en/sandbox/people/{one.person}/")
            alert = client.get(f"/en/sandbox/alerts/{one.alert}/")
            case = client.get(f"/en/sandbox/secondary/{one.movement}/")
            if one.country == "GTM":
                assert (person.status_code, alert.status_code, case.status_code) == (200, 200, 200)
                shows_none_of(main(person) + main(alert) + main(case), foreign)
            else:
                assert (person.status_code, alert.status_code, case.status_code) == (404, 404, 404)
                hit = client.post(
                    f"/en/sandbox/secondary/hits/{one.hit}/adjudicate/",
                    {"disposition": "CONFIRMED", "reason": "Misma persona"},
                )
                assert hit.status_code == 404
                assert AlertHit.objects.visible_to(guatemalan).filter(uid=one.hit).exists() is False

        for listing in ("/en/sandbox/alerts/", "/en/sandbox/secondary/"):
            page = main(client.get(listing))
            shows_none_of(page, foreign)
            shows_all_of(page, own)

        act_as(guatemalan, "border_officer")
        page = main(client.get("/en/sandbox/scans/"))
        shows_none_of(page, foreign)
        shows_all_of(page, own)
        for one in foreign:
            decided = client.post(f"/en/sandbox/scans/{one.scan}/decide/", {"status": "ACCEPTED"})
            assert decided.status_code == 404

        # A trainer inspecting the learner's sandbox reads the learner's country's records.
        page = main(trainer_client.get(f"/en/sandbox/learners/{guatemalan.pk}/people/", {"name": "Rosa"}))
        shows_none_of(page, foreign)
        shows_all_of(page, own)
        for one in foreign:
            assert trainer_client.get(f"/en/sandbox/learners/{guatemalan.pk}/people/{one.person}/").status_code == 404
        transaction.set_rollback(True)


def test_the_header_names_the_country_the_learner_acts_for(guatemalan):
    with translation.override("en"):
        page = text(client_for(guatemalan.owner).get("/en/sandbox/"))
    assert "Records of Guatemala." in page


# The movement form: the learner's country's posts, and an exercise scenario's.


def offered_posts(page: str) -> set[str]:
    select = re.search(r'<select name="crossing_point".*?</select>', page, re.S)
    assert select is not None
    return set(re.findall(r'<option value="([A-Z]{2}-[A-Z0-9]+)"', select.group(0)))


def test_the_movement_form_offers_the_learners_countrys_posts_only(guatemalan):
    client = client_for(guatemalan.owner)
    posts = offered_posts(text(client.get("/en/sandbox/movements/new/")))
    assert posts and all(code.startswith("GT-") for code in posts)
    assert "CR-PBL" not in posts


def test_a_foreign_post_is_refused_with_a_message_that_says_why(guatemalan):
    client = client_for(guatemalan.owner)
    with translation.override("en"):
        response = client.post("/en/sandbox/movements/new/", movement_data(crossing_point="CR-PBL"))
    page = text(response)
    assert "CR-PBL is not one of the crossing points listed" in page
    assert "posts of Guatemala, your country" in page
    assert not AlertHit.objects.layer_of(guatemalan).exists()
    assert not Movement.objects.layer_of(guatemalan).exists()


def test_an_own_post_is_read_and_screened(guatemalan):
    response = client_for(guatemalan.owner).post(
        "/en/sandbox/movements/new/", movement_data(crossing_point=post_of("GTM"))
    )
    assert 'name="screening"' in text(response)


@pytest.fixture
def costa_rican_exercise(guatemalan):
    """An open attempt of an exercise a trainer set at Peñas Blancas, Costa Rica."""
    return ExerciseAttempt.objects.create(
        sandbox=guatemalan,
        exercise_key="test-entry",
        exercise_type="entry",
        number=1,
        seed=1,
        started_at=dt.datetime.now(tz=dt.UTC),
        parameters={"crossing_point": "CR-PBL"},
        brief={"crossing_point": "CR-PBL"},
    )


def test_an_exercise_in_another_country_offers_its_post_too(guatemalan, costa_rican_exercise):
    client = client_for(guatemalan.owner)
    token = str(costa_rican_exercise.token)
    posts = offered_posts(text(client.get("/en/sandbox/movements/new/", {"exercise": token})))
    assert "CR-PBL" in posts
    assert {code for code in posts if not code.startswith("GT-")} == {"CR-PBL"}
    response = client.post("/en/sandbox/movements/new/", movement_data(crossing_point="CR-PBL", exercise=token))
    assert 'name="screening"' in text(response)
    # Another token, or none, offers no Costa Rican post.
    assert "CR-PBL" not in offered_posts(text(client.get("/en/sandbox/movements/new/", {"exercise": "x"})))


def test_the_alert_form_issues_the_learners_countrys_alerts(guatemalan):
    act_as(guatemalan, "alert_manager")
    page = text(client_for(guatemalan.owner).get("/en/sandbox/alerts/new/"))
    assert '<input type="hidden" name="issuing_country" value="GTM"' in page


# Someone bound to no country (IOM staff) chooses whom they act for.


@pytest.fixture
def iom_staff():
    return make_user(role=Role.TRAINER, authority_code="iom", email="oim@example.org")


def test_iom_staff_see_the_region_and_may_act_for_one_country(iom_staff):
    client = client_for(iom_staff)
    _traveller = traveller(0, "HND")
    with translation.override("en"):
        home = text(client.get("/en/sandbox/"))
        assert "Records of the whole region." in home
        assert 'name="country"' in home and "Act for" in home
        assert client.get("/en/sandbox/people/500/").status_code == 200

        response = client.post("/en/sandbox/role/", {"country": "GTM", "next": "/en/sandbox/people/"})
        assert response.status_code == 302 and response["Location"] == "/en/sandbox/people/"
        sandbox = Sandbox.objects.get(owner=iom_staff)
        assert sandbox.country_id == "GTM"
        assert client.get("/en/sandbox/people/500/").status_code == 404
        assert "Records of Guatemala." in text(client.get("/en/sandbox/"))

        assert client.post("/en/sandbox/role/", {"country": ""}).status_code == 302
        assert Sandbox.objects.get(owner=iom_staff).country_id is None
        assert client.get("/en/sandbox/people/500/").status_code == 200


def test_iom_staff_acting_for_a_country_issue_its_alerts(iom_staff):
    client = client_for(iom_staff)
    client.post("/en/sandbox/role/", {"country": "HND"})
    sandbox = Sandbox.objects.get(owner=iom_staff)
    act_as(sandbox, "alert_manager")
    page = text(client.get("/en/sandbox/alerts/new/"))
    assert '<input type="hidden" name="issuing_country" value="HND"' in page


def test_an_unknown_country_is_refused(iom_staff):
    client = client_for(iom_staff)
    with translation.override("en"):
        response = client.post("/en/sandbox/role/", {"country": "USA"})
    assert response.status_code == 400
    assert "Choose one of the member countries listed." in response.content.decode()
    assert Sandbox.objects.get(owner=iom_staff).country_id is None


def test_a_learner_bound_to_a_country_always_acts_for_it(guatemalan):
    client = client_for(guatemalan.owner)
    with translation.override("en"):
        assert 'name="country"' not in text(client.get("/en/sandbox/"))
        response = client.post("/en/sandbox/role/", {"country": "HND"})
    assert response.status_code == 403
    assert "you always act for your own country" in response.content.decode()
    assert Sandbox.objects.get(pk=guatemalan.pk).country_id == "GTM"


def test_the_country_switch_service_refuses_another_users_sandbox(guatemalan, iom_staff):
    with pytest.raises(job_functions.RoleRefused):
        job_functions.sandbox_country_switch(sandbox=guatemalan, user=iom_staff, country="HND")
    assert services.sandbox_get_or_create(user=iom_staff).country_id is None


# Screening reads the alerts other members share, across countries.


def test_a_hit_on_another_members_alert_is_shown_and_blocks_the_admission(guatemalan):
    from sandbox.matching import birth_key
    from tests.sandbox.screens import PASSPORT, screening_token

    alert = Alert.objects.create(
        uid=next_baseline_uid(Alert)[0],
        category_id="ENTRY_BAN",
        subject_kind="PERSON",
        subject_name="PEÑA LOPEZ, JOSE LUIS",
        subject_birth_date=PASSPORT["birth_date"],
        birth_key=birth_key(PASSPORT["birth_date"]),
        issuing_country_id="HND",
        action="REFUSE_ENTRY",
        valid_from=dt.date(2024, 1, 1),
        sharing_scope="OCAM_ALL",
    )
    assert not Alert.objects.visible_to(guatemalan).filter(uid=alert.uid).exists()  # Honduras's record
    client = client_for(guatemalan.owner)
    data = movement_data(crossing_point=post_of("GTM"))
    with translation.override("en"):
        read = client.post("/en/sandbox/movements/new/", data)
        assert "The traveller matches 1 alert." in main(read)  # the hit's alert, Honduras's
        assert re.search(r'<tr class="hit">.*?<td>Honduras</td>', main(read), re.S)
        decided = client.post(
            "/en/sandbox/movements/new/", {**data, "screening": screening_token(read), "decision": "ADMITTED"}
        )
    assert "The screening found an alert that forbids the crossing" in text(decided)
    assert not Movement.objects.layer_of(guatemalan).exists()
    assert AlertHit.objects.layer_of(guatemalan).get().alert_uid == alert.uid
