"""The audit viewer: focal points and supervisors only, the filters on the page, the country's
events only (0 foreign rows in the page and the CSV), no hidden anomaly and no traveller's name
in either, the export audited, keyset pages, and a query count that does not grow with the log."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from sandbox.models import AuditEvent
from tests.conftest import client_for
from tests.sandbox.audit_rows import NOON_GT, baseline_event, baseline_events, focal_point
from tests.sandbox.screens import main_text

pytestmark = pytest.mark.django_db

AUDIT = "/en/sandbox/audit/"


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def log():
    night = dt.datetime(2025, 3, 11, 9, 5, tzinfo=dt.UTC)  # 03:05 in Guatemala
    return {
        "view": baseline_event(),
        "search": baseline_event(
            action="SEARCH",
            case_reference="",
            object_uid=None,
            parameters={"name": "Rigoberta Quiñónez", "birth_date": "1980-02-03", "page": 1},
            anomaly="NO_CASE_REF",
        ),
        "export": baseline_event(action="EXPORT", occurred_at=night, result_count=5000, anomaly="NIGHT_EXPORT"),
        "honduras": baseline_event(held_by_id="HND", actor_label="Vigilante 0001 (HN-COR)", anomaly="VIP"),
    }


@pytest.mark.parametrize("role", ["focal_point", "post_supervisor"])
def test_focal_points_and_supervisors_read_their_country_log(log, role):
    user, _sandbox = focal_point(role=role)
    response = client_for(user).get(AUDIT)
    assert response.status_code == 200
    text = main_text(response)
    assert "Inspector 0412 (GT-TUM)" in text
    assert "HN-COR" not in text
    assert "<caption>" in response.content.decode()


def test_other_functions_are_refused(log):
    user, _sandbox = focal_point(role="border_officer")
    response = client_for(user).get(AUDIT)
    assert response.status_code == 403
    assert "sandbox-role-refused" in response.content.decode()


def test_the_navigation_links_the_log_for_those_who_may(log):
    user, _sandbox = focal_point()
    assert 'href="/en/sandbox/audit/"' in client_for(user).get("/en/sandbox/").content.decode()
    officer, _sandbox = focal_point(role="border_officer")
    assert 'href="/en/sandbox/audit/"' not in client_for(officer).get("/en/sandbox/").content.decode()


def test_the_page_and_the_export_show_no_anomaly_and_no_traveller_name(log):
    user, _sandbox = focal_point()
    client = client_for(user)
    page = client.get(AUDIT).content.decode()
    exported = client.get(AUDIT, {"export": "csv"}).content.decode("utf-8-sig")
    for content in (page, exported):
        for hidden in ("NO_CASE_REF", "NIGHT_EXPORT", "VIP", "anomaly", "Rigoberta", "Quiñónez", "1980-02-03"):
            assert hidden not in content
    assert "page: 1" in exported


def test_a_filter_narrows_the_page_and_the_export_alike(log):
    user, _sandbox = focal_point()
    client = client_for(user)
    query = {"action": "SEARCH", "without_case_reference": "on"}
    with translation.override("en"):
        text = main_text(client.get(AUDIT, query))
    assert "1 event on this page" in text
    rows = csv_rows(client.get(AUDIT, {**query, "export": "csv"}))
    direct = AuditEvent.objects.baseline().filter(held_by_id="GTM", action="SEARCH", case_reference="").count()
    assert len(rows) - 1 == direct == 1
    assert rows[1][0] == str(log["search"].uid)


def test_outside_working_hours_and_local_time(log):
    user, _sandbox = focal_point()
    rows = csv_rows(client_for(user).get(AUDIT, {"outside_working_hours": "on", "export": "csv"}))
    assert [row[0] for row in rows[1:]] == [str(log["export"].uid)]
    assert rows[1][1] == "2025-03-11 03:05:00" and rows[1][2] == "2025-03-11 09:05:00"


def test_midnight_is_an_hour_like_any_other(log):
    after_midnight = baseline_event(occurred_at=dt.datetime(2025, 3, 12, 6, 30, tzinfo=dt.UTC))  # 00:30 local
    user, _sandbox = focal_point()
    rows = csv_rows(client_for(user).get(AUDIT, {"hour_from": "23", "hour_to": "0", "export": "csv"}))
    assert [row[0] for row in rows[1:]] == [str(after_midnight.uid)]


def test_dates_as_people_type_them(log):
    user, _sandbox = focal_point()
    rows = csv_rows(client_for(user).get(AUDIT, {"date_from": "11/03/2025", "export": "csv"}))
    assert [row[0] for row in rows[1:]] == [str(log["export"].uid)]


def test_a_filter_typed_wrong_is_reported_and_narrows_nothing(log):
    user, _sandbox = focal_point()
    with translation.override("en"):
        response = client_for(user).get(AUDIT, {"date_from": "31/02/2025", "min_results": "many"})
    text = main_text(response)
    assert "There is a problem" in text
    assert "Type a date as day/month/year" in text
    assert "3 events on this page" in text


def test_the_export_is_audited_in_the_learner_layer(log):
    user, sandbox = focal_point()
    response = client_for(user).get(AUDIT, {"action": "VIEW", "export": "csv"})
    assert response["Content-Disposition"].startswith('attachment; filename="audit-log-gtm-')
    event = AuditEvent.objects.layer_of(sandbox).get()
    assert (event.action, event.object_type, event.actor_id, event.held_by_id) == (
        "EXPORT",
        "audit_event",
        user.pk,
        "GTM",
    )
    assert event.result_count == 1
    assert event.parameters == {"action": "VIEW", "format": "csv"}


def test_a_guatemalan_learner_never_sees_another_country_event():
    baseline_events(40, held_by_id="HND", actor_label="Vigilante (HN-COR)")
    baseline_events(40, held_by_id="CRI", actor_label="Vigilante (CR-PBL)")
    baseline_events(5)
    user, _sandbox = focal_point()
    client = client_for(user)
    page = main_text(client.get(AUDIT))
    rows = csv_rows(client.get(AUDIT, {"export": "csv"}))
    assert "HN-COR" not in page and "CR-PBL" not in page
    assert len(rows) - 1 == 5
    assert not [row for row in rows[1:] if "GT-TUM" not in row[3]]


def test_older_pages_follow_the_cursor():
    baseline_events(60)
    user, _sandbox = focal_point()
    client = client_for(user)
    first = client.get(AUDIT).content.decode()
    assert "Older events" in first
    link = first.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    second = main_text(client.get(AUDIT + link))
    assert "10 events on this page" in second


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(AUDIT, {"action": "VIEW", "purpose": "BORDER_CHECK"}).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_whatever_the_log_size():
    user, _sandbox = focal_point()
    client = client_for(user)
    baseline_events(3)
    _queries(client)  # the first request of a session reads what later ones find cached
    small = _queries(client)
    baseline_events(200, occurred_at=NOON_GT - dt.timedelta(days=3))
    assert _queries(client) == small
