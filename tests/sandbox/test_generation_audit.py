"""The generated audit log (`sandbox.generation.audit`): each country's events, their records
held by that country, every kind of anomaly in every country, ordinary events in working hours
with a case reference, and the same log for the same seed. In memory, and one load."""

from __future__ import annotations

import collections
import datetime as dt
import json
import zoneinfo

import numpy as np
import pytest

from sandbox.generation import baseline_build, baseline_generate
from sandbox.generation.audit import ANOMALIES, PREFIX, PUBLIC_FIGURE, WORKING_HOURS
from sandbox.generation.calibration import OCAM
from sandbox.generation.context import TIME_ZONES
from sandbox.models import AuditEvent, Person

SCALE = 3_000


def _rows(seed: int) -> list[dict]:
    built = baseline_build(seed=seed, scale=SCALE)
    table = next(table for table in built.tables if table.model is AuditEvent)
    return [dict(zip(table.columns, row, strict=True)) for row in table.sqlite_rows()]


def _person_holders(seed: int) -> dict[int, str]:
    built = baseline_build(seed=seed, scale=SCALE)
    table = next(table for table in built.tables if table.model is Person)
    uid, held = table.columns.index("uid"), table.columns.index("held_by_id")
    return {row[uid]: row[held] for row in table.sqlite_rows()}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return _rows(5)


def _local(row: dict) -> dt.datetime:
    moment = dt.datetime.fromisoformat(row["occurred_at"]).replace(tzinfo=dt.UTC)
    return moment.astimezone(zoneinfo.ZoneInfo(TIME_ZONES[row["held_by_id"]]))


def test_every_country_has_every_kind_of_anomaly(rows):
    found = collections.Counter((row["held_by_id"], row["anomaly"]) for row in rows if row["anomaly"])
    bursts = collections.Counter(
        (row["held_by_id"], row["actor_label"], row["object_uid"]) for row in rows if row["anomaly"] == "REPEATED"
    )
    for country in OCAM:
        for kind, number in ANOMALIES.items():
            if kind == "REPEATED":
                assert len([key for key in bursts if key[0] == country]) == number
                assert all(count >= 5 for key, count in bursts.items() if key[0] == country)
            else:
                assert found[(country, kind)] == number, (country, kind)


def test_anomalies_are_what_their_kind_says(rows):
    officers = collections.defaultdict(set)
    for row in rows:
        officers[row["held_by_id"]].add(row["actor_label"])
    for row in rows:
        kind = row["anomaly"]
        if kind == "NO_CASE_REF":
            assert row["action"] in ("SEARCH", "QUERY") and row["case_reference"] == ""
        elif kind == "NIGHT_EXPORT":
            assert row["action"] == "EXPORT" and _local(row).hour == 3 and row["result_count"] >= 2_000
        elif kind == "VIP":
            assert json.loads(row["parameters"]) == {"record_marker": PUBLIC_FIGURE}
        elif kind == "COLLEAGUE":
            assert row["action"] == "VIEW" and row["case_reference"]
    repeated = [row for row in rows if row["anomaly"] == "REPEATED"]
    by_burst = collections.defaultdict(list)
    for row in repeated:
        by_burst[(row["held_by_id"], row["actor_label"], row["object_uid"])].append(_local(row))
    for moments in by_burst.values():
        assert max(moments) - min(moments) <= dt.timedelta(hours=1)


def test_ordinary_events_are_working_hours_lookups_with_a_case_reference(rows):
    ordinary = [row for row in rows if not row["anomaly"]]
    per_country = collections.Counter(row["held_by_id"] for row in ordinary)
    assert set(per_country) == set(OCAM)
    assert all(150 <= count <= 600 for count in per_country.values())
    for row in ordinary:
        if row["action"] == "CREATE":
            assert row["object_type"] == "movement" and row["case_reference"] == ""
            continue
        assert row["case_reference"].startswith(PREFIX[row["held_by_id"]] + "-")
        assert WORKING_HOURS[0] <= _local(row).hour < WORKING_HOURS[1]
        assert PUBLIC_FIGURE not in row["parameters"]


def test_looked_up_records_are_held_by_the_log_country(rows):
    holders = _person_holders(5)
    viewed = [row for row in rows if row["object_type"] == "person" and row["object_uid"] is not None]
    assert viewed
    assert all(holders[row["object_uid"]] == row["held_by_id"] for row in viewed)


def test_the_log_is_deterministic_per_seed(rows):
    assert _rows(5) == rows
    other = _rows(6)
    assert other != rows
    assert [row["uid"] for row in rows] == list(range(1, len(rows) + 1))
    moments = np.array([row["occurred_at"] for row in rows])
    assert (moments[:-1] <= moments[1:]).all()


@pytest.mark.django_db
def test_the_loaded_log_is_each_country_own():
    from tests.sandbox.audit_rows import focal_point

    baseline_generate(seed=5, scale=1_000, replace=True)
    _user, sandbox = focal_point()
    visible = AuditEvent.objects.visible_to(sandbox)
    assert visible.exists()
    assert not visible.exclude(held_by_id="GTM").exists()
    assert AuditEvent.objects.baseline().exclude(anomaly="").filter(held_by_id="GTM").count() >= sum(ANOMALIES.values())
