"""The sandbox's home and reset screens for a learner: every screen renders in both languages with
the practice-data banner and is never cached; the home describes the baseline, links to every
screen and counts the learner's changes apart from their audit log (or names the operator's
command when there is no baseline); reset lists what it will delete, empties the layer, brings
the baseline back and needs a POST with a CSRF token; anonymous visitors are sent to log in.
"""

from __future__ import annotations

import re

import pytest

from sandbox import services
from sandbox.models import AuditEvent, Document, Movement, Person
from tests.sandbox.screens import layer_rows, main_text, register

pytestmark = pytest.mark.django_db


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
    # The screening before the decision and the movement: two more entries.
    assert "Audit log: 4 entries." in main_text(learner_client.get("/en/sandbox/"))


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


# Anonymous visitors


def test_anonymous_visitors_are_sent_to_log_in():
    from django.test import Client

    response = Client().get("/sandbox/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/sandbox/people/")
