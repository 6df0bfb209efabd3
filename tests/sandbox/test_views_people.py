"""The sandbox's search and person screens: a search is accent-insensitive by either surname, a
partial name or the beginning of a document number, paginated with an accessible summary in a
number of queries that depends neither on the matches nor on the page, and every search page
and person page is written to the learner's audit log; a person's page shows identity,
documents, MRZ and movements in the post's local time, with dates in the reader's language;
another learner's record, a deleted one or none at all is not found.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sandbox import services
from sandbox.models import AuditEvent, Baseline, Document, Person, Sandbox
from tests.conftest import client_for
from tests.sandbox.screens import baseline_movement_of, layer_rows, main_text, other_learner, register, result_names

pytestmark = pytest.mark.django_db


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
    assert 'id="id_name_error">Enter a name, a document number, a date of birth or a national ID number.' in html
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


def test_search_is_paginated_keeping_the_terms_with_an_accessible_summary(learner_client, many_perez):
    html = learner_client.get("/en/sandbox/people/", {"name": "perez"}).content.decode()
    assert len(result_names(html)) == 50
    assert re.search(r'<p role="status"[^>]*>\s*121 people found\.\s*Results 1\u201350 of 121\.', html)
    navigation = html[html.index('<nav class="pagination" aria-label="Pages of results">') :]
    navigation = navigation[: navigation.index("</nav>")]
    assert "Page 1 of 3" in navigation
    assert '<a href="?name=perez&amp;document=&amp;page=1" aria-label="Page 1" aria-current="page">1</a>' in navigation
    assert '<a href="?name=perez&amp;document=&amp;page=2" rel="next">Next page</a>' in navigation
    assert "Previous page" not in navigation

    html = learner_client.get("/en/sandbox/people/", {"name": "perez", "document": "", "page": "3"}).content.decode()
    assert len(result_names(html)) == 21
    assert "Results 101\u2013121 of 121." in html
    assert 'aria-label="Page 3" aria-current="page">3</a>' in html
    assert '<a href="?name=perez&amp;document=&amp;page=2" rel="prev">Previous page</a>' in html
    assert "<title>Search people and documents · Page 3 of 3" in html
    assert 'value="perez"' in html  # the form keeps the search


def test_every_match_is_on_exactly_one_page_in_name_order(learner_client, many_perez):
    pages = [
        result_names(learner_client.get("/en/sandbox/people/", {"name": "perez", "page": page}).content.decode())
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
        baseline_movement_of(
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
