"""The sandbox's first screens: what a learner and a trainer can see and do, in both languages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from django.utils.html import escape

from people.roles import Role
from sandbox import services, statistics
from sandbox.models import LAYER_UID_BASE, AuditEvent, Baseline, CrossingPoint, Document, Movement, Person, Sandbox
from sandbox.mrz import mrz_compose_td1, mrz_compose_td3
from sandbox.names import name_search_key, name_sort_key
from tests.conftest import client_for
from tests.people.factories import person as make_user

pytestmark = pytest.mark.django_db

PASSPORT = {
    "document_code": "P",
    "issuing_state": "NIC",
    "surnames": "Peña López",
    "given_names": "José Luis",
    "number": "C01234567",
    "nationality": "NIC",
    "birth_date": dt.date(1988, 3, 9),
    "sex": "M",
    "expiry_date": dt.date(2031, 5, 1),
}


# Baseline rows, written as the generator writes them: sandbox NULL, explicit uids.


def baseline_person(uid: int, given_names: str, surname_1: str, surname_2: str = "", **fields) -> Person:
    values = {"sex": "F", "birth_date": dt.date(1990, 6, 15), "nationality_id": "GTM", **fields}
    return Person.objects.create(
        uid=uid,
        sandbox=None,
        given_names=given_names,
        surname_1=surname_1,
        surname_2=surname_2,
        search_name=name_search_key(given_names, surname_1, surname_2),
        sort_name=name_sort_key(surname_1, surname_2, given_names),
        **values,
    )


def baseline_document(uid: int, holder: Person, number: str, **fields) -> Document:
    mrz = mrz_compose_td3(
        document_code="P",
        issuing_state=holder.nationality_id,
        surnames=holder.surnames,
        given_names=holder.given_names,
        number=number,
        nationality=holder.nationality_id,
        birth_date=holder.birth_date,
        sex=holder.sex,
        expiry_date=dt.date(2030, 1, 31),
    )
    return Document.objects.create(
        uid=uid,
        sandbox=None,
        person_uid=holder.uid,
        document_type_id="P",
        number=number,
        issuing_state_id=holder.nationality_id,
        expires_on=dt.date(2030, 1, 31),
        mrz=mrz,
        **fields,
    )


def baseline_movement(uid: int, holder: Person, document: Document, occurred_at: dt.datetime, **fields) -> Movement:
    point = CrossingPoint.objects.select_related("country").get(code=fields.pop("crossing_point", "GT-GUA"))
    local_date = occurred_at.astimezone(timezone.get_default_timezone()).date()
    return Movement.objects.create(
        uid=uid,
        sandbox=None,
        person_uid=holder.uid,
        document_uid=document.uid,
        direction=fields.pop("direction", "ENTRY"),
        crossing_point=point,
        occurred_at=occurred_at,
        local_date=local_date,
        transport_mode=point.kind,
        nationality_id=holder.nationality_id,
        sex=holder.sex,
        age_group="Y30T44",
        **fields,
    )


@pytest.fixture
def baseline(db):
    """A small baseline: three people with documents, one with a movement."""
    Baseline.objects.create(
        seed=7,
        scale=1000,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        generator_version="test",
        generated_at=timezone.now(),
    )
    maria = baseline_person(1, "María José", "Pérez", "Gómez")
    jose = baseline_person(2, "José Ángel", "Muñoz", "Peña", sex="M", nationality_id="HND")
    ana = baseline_person(3, "Ana", "López", "", nationality_id="SLV")
    baseline_document(11, maria, "G12345678")
    jose_passport = baseline_document(12, jose, "F98765432")
    baseline_document(13, ana, "A55500011")
    baseline_movement(21, jose, jose_passport, dt.datetime(2025, 3, 14, 20, 5, tzinfo=dt.UTC))
    return {"maria": maria, "jose": jose, "ana": ana}


@pytest.fixture
def learner_client(learner):
    return client_for(learner)


def other_learner():
    return make_user(role=Role.LEARNER, authority_code="hn-inm", email="otra@example.org")


def movement_data(**overrides) -> dict[str, str]:
    data = {
        "mrz": mrz_compose_td3(**PASSPORT),
        "direction": "ENTRY",
        "crossing_point": "CR-PBL",
        "local_date": "2025-03-14",
        "local_time": "08:30",
        "purpose": "TOURISM",
        "carrier": "",
        "flight_or_vehicle": "",
        "authorised_stay_days": "30",
        "decision": "ADMITTED",
        "refusal_reason": "",
    }
    return {**data, **overrides}


def register(client, **overrides):
    return client.post("/en/sandbox/movements/new/", movement_data(**overrides))


def layer_rows(user, model) -> int:
    sandbox = Sandbox.objects.filter(owner=user).first()
    return 0 if sandbox is None else model.objects.layer_of(sandbox).count()


def main_text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


# Every screen, both languages


@pytest.mark.parametrize(
    ("prefix", "language", "banner"), [("", "es", "Datos de práctica."), ("/en", "en", "Practice data.")]
)
@pytest.mark.parametrize(
    "path",
    [
        "/sandbox/",
        "/sandbox/reset/",
        "/sandbox/people/",
        "/sandbox/people/?name=perez",
        "/sandbox/people/1/",
        "/sandbox/movements/new/",
        "/sandbox/statistics/",
    ],
)
def test_every_screen_renders_for_a_learner_in_both_languages_with_the_banner(
    learner_client, baseline, prefix, language, banner, path
):
    response = learner_client.get(prefix + path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert banner in html
    assert 'role="note"' in html
    assert "no-store" in response["Cache-Control"]


def test_home_describes_the_baseline_and_links_to_every_screen(learner_client, baseline):
    html = learner_client.get("/en/sandbox/").content.decode()
    assert "January 1, 2025 to December 31, 2025" in html
    for url in ("/en/sandbox/people/", "/en/sandbox/movements/new/", "/en/sandbox/statistics/", "/en/sandbox/reset/"):
        assert f'href="{url}"' in html
    assert "You have not changed anything yet" in html


def test_searches_and_views_are_not_among_the_learners_changes_but_counted_apart(learner_client, learner, baseline):
    learner_client.get("/sandbox/people/", {"name": "perez"})
    learner_client.get("/sandbox/people/2/")
    text = main_text(learner_client.get("/en/sandbox/"))
    assert "You have not changed anything yet" in text
    assert "Records added, edited and deleted" not in text
    assert "Audit events" not in text
    assert "Audit log: 2 entries. The platform logs every search, every record opened" in text
    assert "Resetting your sandbox deletes them too." in text
    spanish = main_text(learner_client.get("/sandbox/"))
    assert "Todavía no ha cambiado nada" in spanish
    assert "Registro de auditoría: 2 anotaciones." in spanish

    register(learner_client)
    html = learner_client.get("/en/sandbox/").content.decode()
    table = html[html.index("<caption>Records added, edited and deleted</caption>") : html.index("</table>")]
    assert re.findall(r'<th scope="row">([^<]+)</th>', table) == ["Persons", "Documents", "Movements"]
    assert "Audit log: 3 entries." in main_text(learner_client.get("/en/sandbox/"))


def test_a_learner_who_only_searched_may_still_reset_their_audit_log(learner_client, learner, baseline):
    learner_client.get("/sandbox/people/", {"name": "perez"})
    text = main_text(learner_client.get("/en/sandbox/reset/"))
    assert "1 record will be deleted." in text
    learner_client.post("/en/sandbox/reset/")
    assert layer_rows(learner, AuditEvent) == 0
    assert "Audit log:" not in main_text(learner_client.get("/en/sandbox/"))


def test_home_without_a_baseline_names_the_operator_command(learner_client):
    html = learner_client.get("/en/sandbox/").content.decode()
    assert "No practice data has been generated yet" in html
    assert "manage.py sandbox_generate" in html


def test_the_main_navigation_leads_learners_to_the_sandbox(learner_client):
    html = learner_client.get("/").content.decode()
    assert '<a href="/sandbox/">Práctica</a>' in html


# Search


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"name": "maria perez"}, ["Pérez Gómez, María José"]),  # no accents typed
        ({"name": "GÓMEZ"}, ["Pérez Gómez, María José"]),  # the second surname
        ({"name": "pen jos"}, ["Muñoz Peña, José Ángel"]),  # beginnings of words, any order
        ({"name": "munoz"}, ["Muñoz Peña, José Ángel"]),  # Ñ typed as N
        ({"document": "f9876"}, ["Muñoz Peña, José Ángel"]),  # the beginning of a document number
        ({"name": "lopez"}, ["López, Ana"]),
    ],
)
def test_search_is_accent_insensitive_by_either_surname_partial_name_or_document(
    learner_client, baseline, query, expected
):
    response = learner_client.get("/en/sandbox/people/", query)
    found = re.findall(r'<th scope="row"><a href="/en/sandbox/people/\d+/">([^<]+)</a>', response.content.decode())
    assert found == expected


def test_search_announces_the_count_and_says_when_no_one_matches(learner_client, baseline):
    html = learner_client.get("/en/sandbox/people/", {"name": "perez"}).content.decode()
    assert re.search(r'<p role="status"[^>]*>\s*1 person found\.', html)
    html = learner_client.get("/en/sandbox/people/", {"name": "zzz"}).content.decode()
    assert "No one matches this search" in html
    assert "<table" not in html


def test_an_empty_search_is_refused_with_a_message_tied_to_the_field(learner_client, learner, baseline):
    html = learner_client.get("/en/sandbox/people/", {"name": " ", "document": ""}).content.decode()
    assert 'id="id_name_error">Enter a name or a document number.' in html
    assert re.search(r'<input[^>]*aria-describedby="id_name_help id_name_error"[^>]*id="id_name"', html)
    assert layer_rows(learner, AuditEvent) == 0


def test_search_and_person_page_are_written_to_the_learners_audit_log(learner_client, learner, baseline):
    learner_client.get("/sandbox/people/", {"name": "perez"})
    learner_client.get("/sandbox/people/2/")
    sandbox = Sandbox.objects.get(owner=learner)
    events = list(AuditEvent.objects.layer_of(sandbox).order_by("uid").values("action", "result_count", "object_uid"))
    assert events == [
        {"action": "SEARCH", "result_count": 1, "object_uid": None},
        {"action": "VIEW", "result_count": None, "object_uid": 2},
    ]


def _result_names(html: str, prefix: str = "/en/sandbox/people/") -> list[str]:
    return re.findall(rf'<th scope="row"><a href="{prefix}\d+/">([^<]+)</a>', html)


@pytest.fixture
def many_perez(baseline):
    """120 more people called Pérez: with María José Pérez Gómez, 121 matches, three pages of 50."""
    for uid in range(100, 220):
        baseline_person(uid, f"Persona {uid}", "Pérez")


def test_search_is_paginated_keeping_the_terms_with_an_accessible_summary(learner_client, many_perez):
    html = learner_client.get("/en/sandbox/people/", {"name": "perez"}).content.decode()
    assert len(_result_names(html)) == 50
    assert re.search(r'<p role="status"[^>]*>\s*121 people found\.\s*Results 1\u201350 of 121\.', html)
    navigation = html[html.index('<nav class="pagination" aria-label="Pages of results">') :]
    navigation = navigation[: navigation.index("</nav>")]
    assert "Page 1 of 3" in navigation
    assert '<a href="?name=perez&amp;document=&amp;page=1" aria-label="Page 1" aria-current="page">1</a>' in navigation
    assert '<a href="?name=perez&amp;document=&amp;page=2" rel="next">Next page</a>' in navigation
    assert "Previous page" not in navigation

    html = learner_client.get("/en/sandbox/people/", {"name": "perez", "document": "", "page": "3"}).content.decode()
    assert len(_result_names(html)) == 21
    assert "Results 101\u2013121 of 121." in html
    assert 'aria-label="Page 3" aria-current="page">3</a>' in html
    assert '<a href="?name=perez&amp;document=&amp;page=2" rel="prev">Previous page</a>' in html
    assert "<title>Search people and documents · Page 3 of 3" in html
    assert 'value="perez"' in html  # the form keeps the search


def test_every_match_is_on_exactly_one_page_in_name_order(learner_client, many_perez):
    pages = [
        _result_names(learner_client.get("/en/sandbox/people/", {"name": "perez", "page": page}).content.decode())
        for page in (1, 2, 3)
    ]
    everyone = [name for page in pages for name in page]
    assert len(everyone) == len(set(everyone)) == 121
    assert everyone[0] == "Pérez, Persona 100"
    assert everyone[-1] == "Pérez Gómez, María José"


def test_a_page_past_the_last_shows_the_last_page(learner_client, many_perez):
    html = learner_client.get("/en/sandbox/people/", {"name": "perez", "page": "99"}).content.decode()
    assert "Results 101\u2013121 of 121." in html
    assert 'aria-current="page">3</a>' in html


def test_a_search_with_one_page_has_no_page_links(learner_client, baseline):
    html = learner_client.get("/en/sandbox/people/", {"name": "perez"}).content.decode()
    assert "1 person found." in html
    assert "Results 1" not in html
    assert 'class="pagination"' not in html


def test_each_page_of_a_search_is_logged_with_the_number_of_matches(learner_client, learner, many_perez):
    learner_client.get("/sandbox/people/", {"name": "perez"})
    learner_client.get("/sandbox/people/", {"name": "perez", "page": "2"})
    sandbox = Sandbox.objects.get(owner=learner)
    events = list(AuditEvent.objects.layer_of(sandbox).order_by("uid").values_list("parameters", "result_count"))
    assert events == [
        ({"name": "perez", "document": "", "page": 1}, 121),
        ({"name": "perez", "document": "", "page": 2}, 121),
    ]


@pytest.mark.parametrize("page", ["1", "3"])
def test_search_page_query_count_depends_on_neither_the_matches_nor_the_page(
    learner_client, learner, many_perez, django_assert_max_num_queries, page
):
    learner_client.get("/sandbox/people/", {"name": "perez"})  # the sandbox exists from now on
    with django_assert_max_num_queries(15) as few:
        few_html = learner_client.get("/sandbox/people/", {"name": "gomez"}).content.decode()
    with django_assert_max_num_queries(15) as many:
        many_html = learner_client.get("/sandbox/people/", {"name": "perez", "page": page}).content.decode()
    assert len(few) == len(many)
    assert few_html.count('<th scope="row"><a href="/sandbox/people/') == 1
    assert many_html.count('<th scope="row"><a href="/sandbox/people/') == (50 if page == "1" else 21)
    # The page and the number of matches come from one query, never from reading every match.
    counted = [query["sql"] for query in many if "OVER ()" in query["sql"]]
    assert len(counted) == 1
    assert "LIMIT 50" in counted[0]


# Person page


def test_person_page_shows_identity_documents_and_movements_in_the_posts_local_time(learner_client, baseline):
    text = main_text(learner_client.get("/en/sandbox/people/2/"))
    assert "José Ángel Muñoz Peña" in text
    assert "F98765432" in text
    assert "Honduras" in text
    # 20:05 UTC is 14:05 at La Aurora (America/Guatemala, UTC-6).
    assert "03/14/2025 14:05 America/Guatemala (UTC-0600)" in text
    assert "Entry" in text
    assert "Alerts and hits are far more frequent here" in text


ISO_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b")


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        (
            "",
            [
                "Período cubierto del 1 de enero de 2025 al 31 de diciembre de 2025",
                "Generados el 7 de diciembre de 2026",
                "Último restablecimiento el 7 de diciembre de 2026 a las 12:30",
                "Mujer 15/06/1990 Guatemala",  # a table: the short form
                "Fecha de nacimiento 15 de junio de 1990",
                "Honduras 31/01/2030",
                "14/03/2025 14:05 America/Guatemala",
            ],
        ),
        (
            "/en",
            [
                "Period covered January 1, 2025 to December 31, 2025",
                "Generated on December 7, 2026",
                "Last reset on December 7, 2026, 12:30 PM",
                "Female 06/15/1990 Guatemala",
                "Date of birth June 15, 1990",
                "Honduras 01/31/2030",
                "03/14/2025 14:05 America/Guatemala",
            ],
        ),
    ],
)
def test_dates_are_written_in_the_readers_language_not_in_iso(learner_client, learner, baseline, prefix, expected):
    noon_in_guatemala = dt.datetime(2026, 12, 7, 18, 30, tzinfo=dt.UTC)
    Baseline.objects.update(generated_at=noon_in_guatemala)
    Sandbox.objects.filter(pk=services.sandbox_get_or_create(user=learner).pk).update(
        reset_at=noon_in_guatemala, reset_count=1
    )
    pages = [
        main_text(learner_client.get(f"{prefix}/sandbox/")),
        main_text(learner_client.get(f"{prefix}/sandbox/people/", {"name": "maria"})),
        main_text(learner_client.get(f"{prefix}/sandbox/people/2/")),
    ]
    text = " ".join(pages)
    for written in expected:
        assert written in text
    assert not ISO_DATE.findall(text)
    assert (
        '<time datetime="2025-03-14T14:05:00-06:00">'
        in learner_client.get(f"{prefix}/sandbox/people/2/").content.decode()
    )


def test_person_page_shows_the_mrz_in_a_pre(learner_client, baseline):
    html = learner_client.get("/sandbox/people/2/").content.decode()
    assert '<pre class="mrz">P&lt;HNDMUNOZ&lt;PENA&lt;&lt;JOSE&lt;ANGEL' in html


def test_person_page_query_count_is_bounded(learner_client, baseline, django_assert_max_num_queries):
    jose = baseline["jose"]
    document = Document.objects.baseline().get(uid=12)
    for index in range(20):
        baseline_movement(
            1000 + index, jose, document, dt.datetime(2025, 4, 1, 12, tzinfo=dt.UTC) + dt.timedelta(days=index)
        )
    learner_client.get("/sandbox/people/2/")
    with django_assert_max_num_queries(16):
        response = learner_client.get("/sandbox/people/2/")
    assert response.content.decode().count("America/Guatemala (UTC") == 21


def test_a_record_of_another_learners_layer_or_no_record_is_not_found(learner_client, baseline):
    someone = other_learner()
    register(client_for(someone))
    their_person = Person.objects.layer_of(Sandbox.objects.get(owner=someone)).get()
    assert client_for(someone).get(f"/sandbox/people/{their_person.uid}/").status_code == 200
    assert learner_client.get(f"/sandbox/people/{their_person.uid}/").status_code == 404
    assert learner_client.get("/sandbox/people/999999/").status_code == 404


def test_a_baseline_record_the_learner_deleted_is_not_found(learner_client, learner, baseline):
    services.record_delete(sandbox=services.sandbox_get_or_create(user=learner), record=baseline["ana"])
    assert learner_client.get("/sandbox/people/3/").status_code == 404
    assert (
        learner_client.get("/sandbox/people/", {"name": "ana lopez"}).content.decode().count("/sandbox/people/3/") == 0
    )


# Registering a movement


def test_movement_form_defaults_to_the_learners_duty_post_and_its_local_time(learner_client, learner):
    point = CrossingPoint.objects.get(duty_post=learner.staff_profile.duty_post)
    html = learner_client.get("/en/sandbox/movements/new/").content.decode()
    assert f'<option value="{point.code}" selected>' in html
    assert re.search(r'<optgroup label="Guatemala">', html)
    assert re.search(r'<textarea[^>]*autocomplete="off"[^>]*spellcheck="false"', html)
    now = timezone.localtime(timezone.now())
    assert f'value="{now:%Y-%m-%d}"' in html


def test_registering_an_entry_creates_the_movement_and_shows_it_in_local_time(learner_client, learner, baseline):
    response = register(learner_client)
    assert response.status_code == 302
    sandbox = Sandbox.objects.get(owner=learner)
    movement = Movement.objects.layer_of(sandbox).get()
    assert movement.occurred_at == dt.datetime(2025, 3, 14, 14, 30, tzinfo=dt.UTC)  # Costa Rica is UTC-6
    assert response["Location"] == f"/en/sandbox/people/{movement.person_uid}/"
    page = learner_client.get(response["Location"])
    text = main_text(page)
    assert "The entry has been registered." in text
    assert "03/14/2025 08:30 America/Costa_Rica (UTC-0600)" in text
    assert "Peñas Blancas" in text


def test_registering_with_a_known_document_adds_to_that_persons_history(learner_client, learner, baseline):
    jose = baseline["jose"]
    mrz = Document.objects.baseline().get(uid=12).mrz
    response = register(learner_client, mrz=mrz, direction="EXIT", crossing_point="GT-GUA", local_date="2025-03-20")
    assert response["Location"] == "/en/sandbox/people/2/"
    assert Person.objects.layer_of(Sandbox.objects.get(owner=learner)).count() == 0
    text = main_text(learner_client.get("/en/sandbox/people/2/"))
    assert "The exit has been registered." in text
    assert text.count("America/Guatemala") == 2
    assert jose.given_names in text


@pytest.mark.parametrize(
    ("mrz", "message"),
    [
        (
            mrz_compose_td3(**PASSPORT).replace("C01234567", "C01234568"),
            "The check digit of the document number is wrong.",
        ),
        (mrz_compose_td3(**PASSPORT)[:-1], "Line 2 has 43 characters; it must have 44."),
    ],
)
def test_a_wrong_check_digit_or_length_is_refused_naming_the_field_and_nothing_is_saved(
    learner_client, learner, baseline, mrz, message
):
    response = register(learner_client, mrz=mrz, carrier="Tica Bus")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<span class="error-text" id="id_mrz_error">{message}' in html
    assert f'<a href="#id_mrz">Machine-readable zone (MRZ): {message}</a>' in html
    assert 'aria-invalid="true"' in html
    assert escape(mrz.split("\n")[0]) in html  # everything typed is shown again
    assert 'value="Tica Bus"' in html
    for model in (Person, Document, Movement):
        assert layer_rows(learner, model) == 0


def test_the_mrz_error_is_in_spanish_for_a_spanish_page(learner_client, baseline):
    mrz = mrz_compose_td3(**PASSPORT).replace("C01234567", "C01234568")
    html = learner_client.post("/sandbox/movements/new/", movement_data(mrz=mrz)).content.decode()
    assert 'id="id_mrz_error">El dígito de control del campo «número de documento» es incorrecto.' in html


def test_an_identity_card_outside_ca4_is_refused_on_the_crossing_point(learner_client, learner, baseline):
    card = mrz_compose_td1(**{**PASSPORT, "document_code": "ID", "issuing_state": "HND", "nationality": "HND"})
    html = register(learner_client, mrz=card, crossing_point="CR-PBL").content.decode()
    assert 'id="id_crossing_point_error">An identity card is accepted only at crossings between CA-4 states' in html
    assert layer_rows(learner, Movement) == 0


def test_a_refusal_needs_a_reason(learner_client, learner, baseline):
    html = register(learner_client, decision="REFUSED").content.decode()
    assert 'id="id_refusal_reason_error">Give the reason for the refusal.' in html
    assert layer_rows(learner, Movement) == 0


# Reset


def test_reset_asks_for_confirmation_listing_what_will_be_deleted(learner_client, learner, baseline):
    register(learner_client)
    text = main_text(learner_client.get("/en/sandbox/reset/"))
    assert "What will be deleted" in text
    assert "This cannot be undone." in text
    assert layer_rows(learner, Movement) == 1  # a GET deletes nothing


def test_reset_empties_the_layer_and_brings_the_baseline_back(learner_client, learner, baseline):
    sandbox = services.sandbox_get_or_create(user=learner)
    services.record_update(sandbox=sandbox, record=baseline["maria"], surname_1="Cambiado")
    register(learner_client)
    assert "Cambiado" in main_text(learner_client.get("/en/sandbox/people/1/"))

    response = learner_client.post("/en/sandbox/reset/")
    assert response.status_code == 302
    assert response["Location"] == "/en/sandbox/"
    for model in (Person, Document, Movement, AuditEvent):
        assert layer_rows(learner, model) == 0
    text = main_text(learner_client.get("/en/sandbox/"))
    assert "Your sandbox is back to the practice data as generated" in text
    assert "Pérez Gómez" in main_text(learner_client.get("/en/sandbox/people/1/"))
    assert "Cambiado" not in main_text(learner_client.get("/en/sandbox/people/1/"))


def test_reset_of_an_unchanged_sandbox_says_there_is_nothing_to_reset(learner_client):
    text = main_text(learner_client.get("/en/sandbox/reset/"))
    assert "There is nothing to reset." in text
    assert learner_client.post("/en/sandbox/reset/").status_code == 302


def test_reset_needs_a_post_with_a_csrf_token(learner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post("/sandbox/reset/").status_code == 403


# Statistics


def _entries_in(html: str, caption: str, label: str) -> int:
    table = html[html.index(f"<caption>{caption}</caption>") :]
    table = table[: table.index("</table>")]
    match = re.search(rf'<th scope="row">{re.escape(label)}</th>\s*<td class="number">([\d,.]+)</td>', table)
    return int(match.group(1).replace(",", "").replace(".", "")) if match else 0


def test_statistics_count_the_learners_own_entry_and_no_one_elses(learner_client, baseline):
    query = {"month": "2025-03"}
    before = learner_client.get("/en/sandbox/statistics/", query).content.decode()
    register(learner_client)
    after = learner_client.get("/en/sandbox/statistics/", query).content.decode()
    assert _entries_in(after, "Totals", "Entries admitted") == _entries_in(before, "Totals", "Entries admitted") + 1
    assert _entries_in(after, "Movements by country", "Costa Rica") == 1

    someone = client_for(other_learner()).get("/en/sandbox/statistics/", query).content.decode()
    assert _entries_in(someone, "Totals", "Entries admitted") == _entries_in(before, "Totals", "Entries admitted")


def test_statistics_tables_are_captioned_with_header_scopes_and_names_not_codes(learner_client, baseline):
    register(learner_client)
    html = learner_client.get("/en/sandbox/statistics/", {"month": "2025-03"}).content.decode()
    assert "<caption>Movements by border crossing point</caption>" in html
    assert '<th scope="row">Peñas Blancas (Costa Rica)</th>' in html
    assert '<th scope="row">Land</th>' in html
    assert '<th scope="row">Nicaragua</th>' in html
    assert '<th scope="col" class="number">Entries</th>' in html
    assert ">CR-PBL<" not in html


def test_statistics_month_must_be_one_offered(learner_client, baseline):
    html = learner_client.get("/en/sandbox/statistics/", {"month": "1850-13"}).content.decode()
    assert 'id="id_month_error"' in html


@pytest.fixture
def stray_movement_this_month(baseline):
    """A baseline movement dated in the current month, outside the practice data's period (as the
    generator's mistyped-date defects are), and the summary rebuilt."""
    today = timezone.localdate()
    noon = dt.datetime.combine(today, dt.time(12), tzinfo=timezone.get_default_timezone())
    baseline_movement(22, baseline["jose"], Document.objects.baseline().get(uid=12), noon)
    statistics.summary_rebuild()
    return today.replace(day=1)


def test_statistics_open_on_the_latest_month_of_the_practice_data_and_say_which_months_are_covered(
    learner_client, stray_movement_this_month
):
    html = learner_client.get("/en/sandbox/statistics/").content.decode()
    assert "<h2>December 2025</h2>" in html
    assert '<option value="2025-12" selected>' in html
    assert "Practice data available from January 2025 to December 2025." in html
    assert f'<option value="{stray_movement_this_month:%Y-%m}"' not in html  # a month of stray records
    assert "is outside the period" not in html
    spanish = learner_client.get("/sandbox/statistics/").content.decode()
    assert "Datos de práctica disponibles de enero de 2025 a diciembre de 2025." in spanish


def test_statistics_open_on_the_learners_own_later_month_and_say_so(learner_client, stray_movement_this_month):
    today = timezone.localdate()
    assert register(learner_client, local_date=f"{today:%Y-%m-%d}").status_code == 302
    html = learner_client.get("/en/sandbox/statistics/").content.decode()
    month = f"{today:%B %Y}"
    assert f"<h2>{month}</h2>" in html
    assert f"Your own records also cover this month: {month}." in html
    assert f"{month} is outside the period of the practice data" in html
    assert _entries_in(html, "Totals", "Entries admitted") == 1  # theirs, not the stray baseline one
    assert "The practice data also holds 1 record dated in this month, outside its period" in html


@pytest.fixture
def stray_records_of_2026(baseline):
    """Practice records a defect dated after the period (2025): three in February 2026 (two
    entries and an exit, as the walk of issue 16 found in December 2026), one in January 2026."""
    jose, passport = baseline["jose"], Document.objects.baseline().get(uid=12)
    for uid, day, direction in (
        (31, (2, 3), "ENTRY"),
        (32, (2, 4), "ENTRY"),
        (33, (2, 5), "EXIT"),
        (34, (1, 20), "ENTRY"),
    ):
        baseline_movement(uid, jose, passport, dt.datetime(2026, *day, 18, tzinfo=dt.UTC), direction=direction)
    statistics.summary_rebuild()


def test_a_month_outside_the_period_counts_only_the_learners_records_and_says_how_many_stray_ones_it_left_out(
    learner_client, learner, stray_records_of_2026
):
    assert register(learner_client, local_date="2026-02-10").status_code == 302
    html = learner_client.get("/en/sandbox/statistics/").content.decode()  # opens on their own later month
    text = main_text(learner_client.get("/en/sandbox/statistics/"))
    assert "<h2>February 2026</h2>" in html
    assert (
        "February 2026 is outside the period of the practice data (January 2025 to December 2025): "
        "the figures below count only your own records dated in it. "
        "The practice data also holds 3 records dated in this month, outside its period: data-quality defects "
        "(mistyped dates) that you may be asked to find later. They are not counted in these figures."
    ) in text
    assert _entries_in(html, "Totals", "Entries admitted") == 1
    assert _entries_in(html, "Totals", "Exits") == 0
    assert _entries_in(html, "Movements by country", "Costa Rica") == 1
    assert _entries_in(html, "Movements by country", "Guatemala") == 0

    # Every month outside the period says so, with figures or without.
    january = main_text(learner_client.get("/en/sandbox/statistics/", {"month": "2026-01"}))
    assert "January 2026 is outside the period of the practice data" in january
    assert "The practice data also holds 1 record dated in this month, outside its period: a data-quality defect" in (
        january
    )
    assert "Entries admitted 0" in january
    spanish = main_text(learner_client.get("/sandbox/statistics/", {"month": "2026-02"}))
    assert "cuentan solo sus propios registros con fecha en ese mes." in spanish
    assert "Los datos de práctica también tienen 3 registros con fecha en este mes, fuera de su periodo" in spanish

    # Another learner: nothing of theirs, the same stray records said apart.
    other = main_text(client_for(other_learner()).get("/en/sandbox/statistics/", {"month": "2026-02"}))
    assert "The practice data also holds 3 records" in other
    assert "Entries admitted 0" in other

    # Inside the period nothing changes: the practice data with the learner's own changes.
    december = main_text(learner_client.get("/en/sandbox/statistics/", {"month": "2025-12"}))
    assert "outside the period" not in december and "also holds" not in december


def test_a_trainer_reads_the_learners_month_outside_the_period_in_the_third_person(
    trainer, learner, learner_client, stray_records_of_2026
):
    register(learner_client, local_date="2026-02-10")
    sandbox = Sandbox.objects.get(owner=learner)
    text = main_text(client_for(trainer).get(f"/en/sandbox/learners/{sandbox.pk}/statistics/"))
    assert "the figures below count only the learner's own records dated in it." in text
    assert "data-quality defects (mistyped dates) that the learner may be asked to find later." in text
    assert "Entries admitted 1" in text


def test_a_month_outside_the_practice_data_says_so(learner_client, stray_movement_this_month):
    html = learner_client.get("/en/sandbox/statistics/", {"month": "2024-06"}).content.decode()
    assert "<h2>June 2024</h2>" in html
    assert (
        "June 2024 is outside the period of the practice data (January 2025 to December 2025): "
        "the figures below count only your own records dated in it."
    ) in html
    assert "also holds" not in html  # no stray practice record in June 2024
    text = main_text(learner_client.get("/sandbox/statistics/", {"month": "2024-06"}))
    assert (
        "Junio de 2024 está fuera del periodo de los datos de práctica (de enero de 2025 a diciembre de 2025)" in text
    )


def test_the_months_covered_come_from_the_baseline_not_from_its_movements(
    learner_client, stray_movement_this_month, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12) as queries:
        learner_client.get("/en/sandbox/statistics/")
    assert not [query["sql"] for query in queries if "sandbox_movement" in query["sql"]]


# Trainers' read-only inspection


@pytest.fixture
def learner_with_work(learner, learner_client, baseline):
    register(learner_client)
    return Sandbox.objects.get(owner=learner)


def test_trainer_lists_learners_sandboxes_with_their_changes(trainer, learner_with_work):
    assert 'href="/en/sandbox/learners/"' in client_for(trainer).get("/en/sandbox/").content.decode()
    html = client_for(trainer).get("/en/sandbox/learners/").content.decode()
    assert f'href="/en/sandbox/learners/{learner_with_work.pk}/"' in html
    assert '<td class="number">3</td>' in html  # person, document and movement
    assert '<td class="number">1</td>' in html  # the audit event of the registration


def test_trainer_inspects_a_learners_sandbox_read_only_and_writes_nothing(trainer, learner_with_work):
    client = client_for(trainer)
    base = f"/en/sandbox/learners/{learner_with_work.pk}"
    person_uid = Movement.objects.layer_of(learner_with_work).get().person_uid
    rows_before = {model: model.objects.layer_of(learner_with_work).count() for model in (AuditEvent, Movement)}
    pages = [
        f"{base}/",
        f"{base}/people/?name=jose",
        f"{base}/people/{person_uid}/",
        f"{base}/statistics/?month=2025-03",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "read-only" in html
        assert 'method="post" action="/en/sandbox' not in html
        assert "/sandbox/movements/new/" not in html
        assert "/sandbox/reset/" not in html
    assert f'href="{base}/people/{person_uid}/"' in client.get(f"{base}/people/?name=jose").content.decode()
    assert "03/14/2025 08:30 America/Costa_Rica" in main_text(client.get(f"{base}/people/{person_uid}/"))
    rows_after = {model: model.objects.layer_of(learner_with_work).count() for model in (AuditEvent, Movement)}
    assert rows_after == rows_before
    assert not Sandbox.objects.filter(owner=trainer).exists()


def test_trainer_reads_the_records_a_learner_added_edited_and_deleted(trainer, learner, learner_with_work, baseline):
    sandbox = learner_with_work
    services.record_update(sandbox=sandbox, record=baseline["maria"], surname_1="Cambiado", sex="X")
    services.record_delete(sandbox=sandbox, record=baseline["ana"])
    client = client_for(trainer)
    base = f"/en/sandbox/learners/{sandbox.pk}"
    rows_before = {model: model.objects.layer_of(sandbox).count() for model in (AuditEvent, Person, Movement)}

    overview = client.get(f"{base}/").content.decode()
    for kind in ("person", "document", "movement", "auditevent"):
        assert f'href="{base}/changes/{kind}/"' in overview
    assert f'<a href="{base}/changes/auditevent/">Read the audit log</a>' in overview  # apart from the changes
    assert "Audit log: 1 entry." in overview

    html = client.get(f"{base}/changes/person/").content.decode()
    text = main_text(client.get(f"{base}/changes/person/"))
    new_person = Person.objects.layer_of(sandbox).get(uid__gte=LAYER_UID_BASE)
    assert "Persons: changes by" in text
    assert "1 record added, 1 record edited, 1 record deleted." in text
    assert f'<a href="{base}/people/{new_person.uid}/">PENA LOPEZ, JOSE LUIS</a>' in html
    assert f'<a href="{base}/people/1/">Cambiado Gómez, María José</a>' in html
    assert re.search(r"<th scope=\"row\">First surname</th><td>Pérez</td><td>Cambiado</td>", html)
    assert re.search(r"<th scope=\"row\">Sex</th><td>Female</td><td>Unspecified</td>", html)
    assert "Given names" not in html[html.index("Cambiado Gómez") :][:2000].split("</li>")[0]  # unchanged fields
    assert "Deleted record" in text and "López, Ana" in text
    assert 'method="post" action="/en/sandbox' not in html

    movements = main_text(client.get(f"{base}/changes/movement/"))
    assert "New record" in movements
    assert "Peñas Blancas (CR-PBL)" in movements
    assert "03/14/2025 14:30 UTC" in movements
    assert "Person: PENA LOPEZ, JOSE LUIS" in movements

    rows_after = {model: model.objects.layer_of(sandbox).count() for model in (AuditEvent, Person, Movement)}
    assert rows_after == rows_before
    assert not Sandbox.objects.filter(owner=trainer).exists()


def test_a_learners_changes_are_paginated_per_record_type(trainer, learner, learner_client, baseline):
    for index in range(30):
        learner_client.get("/sandbox/people/", {"name": f"perez {index}"})
    sandbox = Sandbox.objects.get(owner=learner)
    client = client_for(trainer)
    base = f"/en/sandbox/learners/{sandbox.pk}/changes/auditevent/"
    first = client.get(base).content.decode()
    assert first.count('class="change change--added"') == 25
    assert "Records 1\u201325 of 30." in first
    assert '<nav class="pagination" aria-label="Pages of records">' in first
    assert '<a href="?page=2" rel="next">Next page</a>' in first
    second = client.get(base, {"page": "2"}).content.decode()
    assert second.count('class="change change--added"') == 5
    assert "Records 26\u201330 of 30." in second
    assert "perez 0" in second  # the oldest last
    assert client.get(f"/en/sandbox/learners/{sandbox.pk}/changes/person/").status_code == 200


@pytest.mark.parametrize("records", [1, 20])
def test_a_learners_changes_page_query_count_does_not_grow_with_the_records(
    trainer, learner, learner_client, baseline, django_assert_max_num_queries, records
):
    sandbox = services.sandbox_get_or_create(user=learner)
    for index in range(records):
        services.record_create(
            sandbox=sandbox, model=Person, given_names=f"Nueva {index}", surname_1="Zelaya", sex="F",
            birth_date=dt.date(2000, 1, 1), nationality_id="HND", birth_country_id="HND",
        )  # fmt: skip
    client = client_for(trainer)
    url = f"/sandbox/learners/{sandbox.pk}/changes/person/"
    client.get(url)
    with django_assert_max_num_queries(13):
        html = client.get(url).content.decode()
    assert html.count('class="change change--added"') == records


def test_only_trainers_who_may_see_the_learner_read_their_changes(learner_client, learner_with_work):
    url = f"/sandbox/learners/{learner_with_work.pk}/changes/person/"
    assert learner_client.get(url).status_code == 403
    national_trainer = make_user(role=Role.TRAINER, authority_code="hn-inm", email="formador@example.org")
    assert client_for(national_trainer).get(url).status_code == 404


def test_an_unknown_record_type_is_not_found(trainer, learner_with_work):
    assert client_for(trainer).get(f"/sandbox/learners/{learner_with_work.pk}/changes/nothing/").status_code == 404


def test_a_trainer_pages_through_a_learners_search_without_logging_it(trainer, learner_with_work, many_perez):
    client = client_for(trainer)
    base = f"/en/sandbox/learners/{learner_with_work.pk}/people/"
    events = AuditEvent.objects.layer_of(learner_with_work).count()
    html = client.get(base, {"name": "perez", "page": "2"}).content.decode()
    assert "Results 51\u2013100 of 121." in html
    assert len(_result_names(html, prefix=f"/en/sandbox/learners/{learner_with_work.pk}/people/")) == 50
    assert '<a href="?name=perez&amp;document=&amp;page=3" rel="next">Next page</a>' in html
    assert AuditEvent.objects.layer_of(learner_with_work).count() == events


def test_learners_may_not_inspect(learner_client, learner_with_work):
    base = f"/sandbox/learners/{learner_with_work.pk}"
    for url in ("/sandbox/learners/", f"{base}/", f"{base}/people/", f"{base}/statistics/"):
        assert learner_client.get(url).status_code == 403, url


def test_a_sandbox_that_does_not_exist_or_is_out_of_the_trainers_scope_is_not_found(learner_with_work):
    national_trainer = make_user(role=Role.TRAINER, authority_code="hn-inm", email="formador@example.org")
    client = client_for(national_trainer)
    assert client.get(f"/sandbox/learners/{learner_with_work.pk}/").status_code == 404  # a learner of Guatemala
    assert client.get("/sandbox/learners/999999/").status_code == 404
    assert f"/sandbox/learners/{learner_with_work.pk}/" not in client.get("/sandbox/learners/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in():
    from django.test import Client

    response = Client().get("/sandbox/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/sandbox/people/")
