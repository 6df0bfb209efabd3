"""The audit log's reads (`sandbox.selectors_audit`): the country's events only, each filter
narrowing to what a direct count finds, keyset pages in one query whatever the log's size,
sensitive parameters hashed, and no hidden anomaly in a row."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction

import sandbox as sandbox_package
from sandbox import services
from sandbox.exercises.writing import scenario_remove
from sandbox.models import AuditEvent
from sandbox.selectors_audit import AuditFilters, audit_page, audit_rows, parameters_summary
from tests.people.factories import UserFactory
from tests.sandbox.audit_rows import NOON_GT, baseline_event, baseline_events, focal_point

pytestmark = pytest.mark.django_db


def uids(sandbox, filters: AuditFilters) -> set[int]:
    return {row.uid for row in audit_rows(sandbox=sandbox, filters=filters)}


@pytest.fixture
def log():
    """A varied Guatemalan log and two events of Honduras."""
    night = dt.datetime(2025, 3, 11, 9, 5, tzinfo=dt.UTC)  # 03:05 in Guatemala
    events = {
        "view": baseline_event(),
        "search_no_ref": baseline_event(action="SEARCH", case_reference="", object_uid=None, result_count=3),
        "query": baseline_event(
            action="QUERY", purpose_code="INVESTIGATION", actor_label="Oficial Peña (GT-0007)", object_type="query"
        ),
        "night_export": baseline_event(action="EXPORT", occurred_at=night, result_count=5000, anomaly="NIGHT_EXPORT"),
        "earlier": baseline_event(occurred_at=NOON_GT - dt.timedelta(days=20), object_type="movement"),
    }
    baseline_event(held_by_id="HND", actor_label="Inspector 0412 (HN-COR)")
    baseline_event(
        held_by_id="HND", actor_label="Inspector 0412 (HN-COR)", action="EXPORT", occurred_at=night, result_count=9000
    )
    return events


def test_the_log_is_the_country_own(log):
    _user, sandbox = focal_point()
    assert uids(sandbox, AuditFilters()) == {event.uid for event in log.values()}
    _user, honduras = focal_point("hn-inm")
    assert {row.user for row in audit_rows(sandbox=honduras, filters=AuditFilters())} == {"Inspector 0412 (HN-COR)"}


def test_the_learner_own_events_are_in_their_country_log(log):
    user, sandbox = focal_point()
    own = services.audit_record(sandbox=sandbox, actor=user, action="SEARCH", object_type="person")
    _other_user, other = focal_point()
    assert own.uid in uids(sandbox, AuditFilters())
    assert own.uid not in uids(other, AuditFilters())


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (AuditFilters(user="0412"), {"view", "search_no_ref", "night_export", "earlier"}),
        (AuditFilters(user="pena"), {"query"}),
        (AuditFilters(user="PEÑA"), {"query"}),
        (AuditFilters(action="EXPORT"), {"night_export"}),
        (AuditFilters(date_from=dt.date(2025, 3, 11)), {"night_export"}),
        (AuditFilters(date_to=dt.date(2025, 3, 10)), {"view", "search_no_ref", "query", "earlier"}),
        (AuditFilters(date_from=dt.date(2025, 3, 1), date_to=dt.date(2025, 3, 10)), {"view", "search_no_ref", "query"}),
        (AuditFilters(hour_from=2, hour_to=4), {"night_export"}),
        (AuditFilters(hour_from=22, hour_to=3), {"night_export"}),
        (AuditFilters(hour_from=15, hour_to=15), {"view", "search_no_ref", "query", "earlier"}),
        (AuditFilters(outside_working_hours=True), {"night_export"}),
        (AuditFilters(purpose="INVESTIGATION"), {"query"}),
        (AuditFilters(without_case_reference=True), {"search_no_ref"}),
        (AuditFilters(object_type="movement"), {"earlier"}),
        (AuditFilters(min_results=100), {"night_export"}),
        (AuditFilters(action="SEARCH", without_case_reference=True), {"search_no_ref"}),
    ],
)
def test_each_filter_narrows_to_its_events(log, filters, expected):
    _user, sandbox = focal_point()
    assert uids(sandbox, filters) == {log[name].uid for name in expected}


def test_filters_agree_with_a_direct_count():
    baseline_events(30)
    baseline_events(12, action="SEARCH", case_reference="", result_count=4)
    baseline_events(5, action="SEARCH", held_by_id="SLV", case_reference="")
    _user, sandbox = focal_point()
    filters = AuditFilters(action="SEARCH", without_case_reference=True, min_results=4)
    direct = AuditEvent.objects.baseline().filter(held_by_id="GTM", action="SEARCH", case_reference="").count()
    assert len(uids(sandbox, filters)) == direct == 12


def test_pages_follow_one_another_newest_first(django_assert_num_queries):
    baseline_events(7)
    _user, sandbox = focal_point()
    sandbox = type(sandbox).objects.select_related("country").get(pk=sandbox.pk)
    seen = []
    page = audit_page(sandbox=sandbox, filters=AuditFilters(), size=3)
    while True:
        seen.extend(row.occurred_at for row in page.rows)
        if not page.next_cursor:
            break
        with django_assert_num_queries(1):
            page = audit_page(sandbox=sandbox, filters=AuditFilters(), cursor=page.next_cursor, size=3)
    assert len(seen) == 7
    assert seen == sorted(seen, reverse=True)


def test_a_forged_cursor_gives_the_first_page():
    baseline_events(3)
    _user, sandbox = focal_point()
    page = audit_page(sandbox=sandbox, filters=AuditFilters(), cursor="x.y';--")
    assert page.is_first and len(page.rows) == 3


def test_rows_carry_no_anomaly(log):
    _user, sandbox = focal_point()
    row = next(audit_rows(sandbox=sandbox, filters=AuditFilters(action="EXPORT")))
    assert "anomaly" not in {field.name for field in dataclasses.fields(row)}
    assert "NIGHT_EXPORT" not in repr(row)


def test_parameters_that_identify_a_traveller_are_hashed():
    summary = parameters_summary({"name": "María Pérez", "birth_date": "1990-01-02", "document": "G123", "page": 2})
    assert "María" not in summary and "1990" not in summary and "G123" not in summary
    assert "page: 2" in summary
    again = parameters_summary({"name": "María Pérez"})
    assert again.split("#")[1] == summary.split("name: #")[1][:10]


def test_the_user_filter_reads_the_learner_name():
    user, sandbox = focal_point()
    user.full_name = "Lucía Ramírez"
    user.save()
    services.audit_record(sandbox=sandbox, actor=user, action="SEARCH")
    other = UserFactory(full_name="Otro Nombre")
    services.audit_record(sandbox=sandbox, actor=other, action="SEARCH")
    assert [row.user for row in audit_rows(sandbox=sandbox, filters=AuditFilters(user="lucia"))] == ["Lucía Ramírez"]


# The audit trail's integrity: append-only on PostgreSQL (migration 0010), by the code everywhere.


def _trigger_exists() -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = 'sandbox_auditevent_append_only'")
        else:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'sandbox_auditevent'")
        return cursor.fetchone() is not None


def test_an_audit_event_is_neither_updated_nor_deleted_on_postgresql():
    event = baseline_event()
    user, sandbox = focal_point()
    own = services.audit_record(sandbox=sandbox, actor=user, action="SEARCH")
    if connection.vendor != "postgresql":
        # SQLite has no session settings to tell a reset from any DELETE: no trigger (0010).
        assert not _trigger_exists()
        return
    assert _trigger_exists()
    attempts = [
        lambda: AuditEvent.objects.baseline().filter(uid=event.uid).update(action="SEARCH"),
        lambda: AuditEvent.objects.baseline().filter(uid=event.uid).delete(),
        lambda: AuditEvent.objects.layer_of(sandbox).filter(uid=own.uid).update(case_reference="X"),
        lambda: AuditEvent.objects.layer_of(sandbox).filter(uid=own.uid).delete(),
        lambda: own.save(),
    ]
    for attempt in attempts:
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            attempt()
    assert AuditEvent.objects.every_row().count() == 2


def test_reset_deletes_the_layer_audit_events(first, second):
    user = first.owner
    services.audit_record(sandbox=first, actor=user, action="SEARCH")
    kept = services.audit_record(sandbox=second, actor=second.owner, action="SEARCH")
    event = baseline_event()
    services.sandbox_reset(sandbox=first)
    assert not AuditEvent.objects.layer_of(first).exists()
    assert list(AuditEvent.objects.every_row().values_list("uid", flat=True).order_by("uid")) == sorted(
        [event.uid, kept.uid]
    )


def test_an_exercise_restart_deletes_its_scenario_audit_events(first):
    services.audit_record(sandbox=first, actor=first.owner, action="SEARCH", scenario=41)
    free = services.audit_record(sandbox=first, actor=first.owner, action="SEARCH")
    with transaction.atomic():
        assert scenario_remove(sandbox=first, scenario=41) == 1
    assert list(AuditEvent.objects.layer_of(first).values_list("uid", flat=True)) == [free.uid]


def test_a_learner_deleted_takes_their_layer_and_keeps_others_events(first, second):
    services.audit_record(sandbox=first, actor=first.owner, action="SEARCH")
    # An event of another layer naming the deleted user: kept, without its user.
    other = services.audit_record(sandbox=second, actor=first.owner, action="VIEW")
    first.owner.delete()
    other = AuditEvent.objects.every_row().get(pk=other.pk)
    assert other.actor_id is None
    assert AuditEvent.objects.every_row().count() == 1


def _receiver_root(node: ast.AST) -> ast.AST:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def test_no_module_of_the_app_updates_or_deletes_an_audit_event():
    writes = {"update", "delete", "_raw_delete", "bulk_update", "update_or_create", "delete_sql"}
    found = []
    for path in Path(sandbox_package.__file__).parent.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            root = _receiver_root(node.func.value)
            if node.func.attr in writes and isinstance(root, ast.Name) and root.id == "AuditEvent":
                found.append(f"{path}:{node.lineno}")
    assert found == []


def test_the_source_scan_finds_a_write():
    tree = ast.parse("AuditEvent.objects.layer_of(sandbox).filter(uid=1).update(action='X')")
    call = tree.body[0].value
    assert call.func.attr == "update" and _receiver_root(call.func.value).id == "AuditEvent"
