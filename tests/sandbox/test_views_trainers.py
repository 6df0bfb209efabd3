"""Trainers' read-only inspection of learners' sandboxes: the list of learners with their changes,
every inspected page read-only and writing nothing (not even an audit event), the records a
learner added, edited and deleted paginated per record type in a bounded number of queries, and
only trainers whose scope holds the learner let in (learners refused, others not found).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from people.roles import Role
from sandbox import services
from sandbox.models import LAYER_UID_BASE, AuditEvent, Movement, Person, Sandbox
from tests.conftest import client_for
from tests.people.factories import person as make_user
from tests.sandbox.screens import main_text, register, result_names

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner_with_work(learner, learner_client, baseline):
    register(learner_client)
    return Sandbox.objects.get(owner=learner)


def test_trainer_lists_learners_sandboxes_with_their_changes(trainer, learner_with_work):
    assert 'href="/en/sandbox/learners/"' in client_for(trainer).get("/en/sandbox/").content.decode()
    html = client_for(trainer).get("/en/sandbox/learners/").content.decode()
    assert f'href="/en/sandbox/learners/{learner_with_work.pk}/"' in html
    assert '<td class="number">3</td>' in html  # person, document and movement
    assert '<td class="number">2</td>' in html  # the audit events of the screening and the registration


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
    assert "Audit log: 2 entries." in overview  # the screening and the registration

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
    assert len(result_names(html, prefix=f"/en/sandbox/learners/{learner_with_work.pk}/people/")) == 50
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
