"""#5 Adjudicating six possible hits: the true dispositions score 100 and notify the issuing
country of each confirmed foreign alert only; each single mistake scores below the pass mark."""

from __future__ import annotations

import datetime as dt

import pytest

from sandbox.exercises import exercise_type
from sandbox.exercises.base import BuildContext
from sandbox.exercises.solutions import solve
from sandbox.matching import person_match
from sandbox.models import Alert, AlertHit, HitNotification, Movement
from sandbox.screening import hit_adjudicate
from tests.people.factories import person
from tests.sandbox.exercises.helpers import check, start

pytestmark = pytest.mark.django_db


def _codes(result) -> list[str]:
    return [finding["code"] for finding in result.findings]


def test_the_true_dispositions_score_100_and_notify_only_foreign_confirmed_alerts():
    user = person()
    attempt = start(user, "hit_adjudication")
    solve(user=user, attempt=attempt)
    result = check(user, attempt)
    assert (result.score, result.findings) == (100, [])
    notified = set(HitNotification.objects.visible_to(attempt.sandbox).values_list("hit_uid", "to_country_id"))
    expected = {(entry["hit"], entry["issuer"]) for entry in attempt.expected["hits"] if entry["notify"]}
    assert notified == expected
    refused = Movement.objects.visible_to(attempt.sandbox).filter(scenario=attempt.pk, decision="REFUSED").count()
    confirmed = sum(entry["disposition"] == "CONFIRMED" for entry in attempt.expected["hits"])
    assert refused == confirmed


@pytest.mark.parametrize("seed", range(40))
def test_six_possible_hits_as_screening_scores_them_some_true_some_false(seed):
    anchor = dt.datetime(2026, 5, 4, 18, tzinfo=dt.UTC)
    plan = exercise_type("hit_adjudication").build(
        BuildContext(seed=seed, parameters={"crossing_point": "PA-PTY"}, anchor=anchor)
    )
    records = {record.name: record for record in plan.records}
    hits = [record for record in plan.records if record.model is AlertHit]
    assert len(hits) == 6
    truths = [entry["disposition"] for entry in plan.expected["hits"]]
    assert 2 <= truths.count("CONFIRMED") <= 4
    foreign = [entry["issuer"] != "PAN" for entry in plan.expected["hits"]]
    assert any(f and t == "CONFIRMED" for f, t in zip(foreign, truths, strict=True))
    assert any(not f and t == "CONFIRMED" for f, t in zip(foreign, truths, strict=True))
    assert any(f and t == "FALSE_POSITIVE" for f, t in zip(foreign, truths, strict=True))
    for hit, entry in zip(hits, plan.expected["hits"], strict=True):
        alert = records[hit.fields["alert_uid"].name].fields
        traveller = hit.fields["traveller"]
        match = person_match(
            given_names=traveller["given_names"],
            surnames=traveller["surnames"],
            birth_date=dt.date.fromisoformat(traveller["birth_date"]),
            subject_name=alert["subject_name"],
            subject_birth_date=alert["subject_birth_date"],
        )
        assert (match.level, match.score, match.fields) == (
            "POSSIBLE",
            hit.fields["score"],
            hit.fields["matched_fields"],
        )
        same_id = alert["subject_national_id"] == traveller["national_id_number"]
        assert same_id is (entry["disposition"] == "CONFIRMED")
        assert alert["category_id"] == ("ENTRY_BAN" if entry["issuer"] == "PAN" else "WANTED")


def test_clearing_a_true_hit_is_critical():
    user = person()
    attempt = start(user, "hit_adjudication")
    solve(user=user, attempt=attempt, mistake="adjudication.missed")
    result = check(user, attempt)
    assert result.score <= 40
    assert "adjudication.missed" in _codes(result)
    assert set(_codes(result)) <= {"adjudication.missed", "adjudication.notification_missing"}


def test_confirming_a_false_positive_is_named_with_its_notification():
    user = person()
    attempt = start(user, "hit_adjudication")
    solve(user=user, attempt=attempt, mistake="adjudication.wrongly_confirmed")
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result)[0] == "adjudication.wrongly_confirmed"
    assert set(_codes(result)) <= {"adjudication.wrongly_confirmed", "adjudication.notification_wrong"}


def test_a_hit_left_pending_is_named():
    user = person()
    attempt = start(user, "hit_adjudication")
    last = attempt.expected["hits"][-1]
    for entry in attempt.expected["hits"][:-1]:
        hit = AlertHit.objects.visible_to(attempt.sandbox).select_related("crossing_point").get(uid=entry["hit"])
        hit_adjudicate(
            sandbox=attempt.sandbox, actor=user, hit=hit, disposition=entry["disposition"], reason="Compared."
        )
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result)[0] == "adjudication.undecided"
    assert set(_codes(result)) <= {"adjudication.undecided", "adjudication.notification_missing"}
    assert last["traveller"] in str(result.findings)


def test_the_alerts_name_their_subjects_nationality_and_national_id():
    user = person()
    attempt = start(user, "hit_adjudication")
    alerts = Alert.objects.visible_to(attempt.sandbox).filter(scenario=attempt.pk)
    assert alerts.count() == 6
    assert all(alert.subject_national_id and alert.subject_nationality_id for alert in alerts)
    assert {alert.sharing_scope for alert in alerts} == {"OCAM_ALL"}
