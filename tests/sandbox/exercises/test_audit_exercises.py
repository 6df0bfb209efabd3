"""#13 Audit review: a scenario of the learner's country's log with seeded anomalies of every
kind, rebuilt from its seed; the anomaly never on the page; flags through the viewer's screen
(the learner's own audit events, latest per event wins); F1 grading with findings by kind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from sandbox.exercises import exercise_type
from sandbox.exercises.base import BuildContext
from sandbox.exercises.engine import exercise_restart
from sandbox.exercises.findings import finding_texts
from sandbox.exercises.types.audit_review import KINDS
from sandbox.models import AuditEvent, Person
from sandbox.services_audit import audit_flag
from tests.conftest import client_for
from tests.sandbox.audit_rows import focal_point
from tests.sandbox.exercises.helpers import check, start

pytestmark = pytest.mark.django_db

FLAG = "/en/sandbox/audit/flag/"
AUDIT = "/en/sandbox/audit/"
ANCHOR = dt.datetime(2026, 3, 10, 15, tzinfo=dt.UTC)


def _codes(result) -> list[str]:
    return [finding["code"] for finding in result.findings]


def _anomalous(attempt) -> list[int]:
    return [uid for uids in attempt.expected["anomalies"].values() for uid in uids]


def _ordinary(attempt) -> list[int]:
    return sorted(set(attempt.expected["events"]) - set(_anomalous(attempt)))


@pytest.fixture
def learner():
    user, _sandbox = focal_point()
    return user


def test_the_scenario_rebuilds_from_its_seed_with_every_kind():
    kind = exercise_type("audit_review")
    plans = [kind.build(BuildContext(seed=seed, parameters={}, anchor=ANCHOR)) for seed in (11, 11, 12)]
    first, again, other = (
        [(record.name, record.model.__name__, record.fields) for record in plan.records] for plan in plans
    )
    assert first == again
    assert first != other
    events = [record for record in plans[0].records if record.model is AuditEvent]
    assert 30 <= len(events) <= 60
    assert {record.fields["anomaly"] for record in events} == {"", *KINDS}
    assert 4 <= len({record.fields["actor_label"] for record in events}) <= 6
    assert all(record.fields["occurred_at"] < ANCHOR for record in events)
    assert plans[0].brief["events"] == len(events)
    for kind_name in KINDS:
        assert kind_name not in str(plans[0].brief)


def test_the_scenario_is_in_the_learners_country_log(learner):
    attempt = start(learner, "audit_review")
    events = AuditEvent.objects.layer_of(attempt.sandbox).filter(scenario=attempt.pk)
    assert {event.held_by_id for event in events} == {"GTM"}
    assert events.count() == len(attempt.expected["events"])
    assert set(events.exclude(anomaly="").values_list("uid", flat=True)) == set(_anomalous(attempt))
    assert Person.objects.layer_of(attempt.sandbox).filter(scenario=attempt.pk, held_by_id="GTM").exists()


def test_the_page_never_shows_the_anomaly_and_shows_the_flags(learner):
    attempt = start(learner, "audit_review")
    client = client_for(learner)
    date_from = attempt.brief["date_from"]
    page = client.get(AUDIT, {"date_from": date_from}).content.decode()
    for hidden in ("NO_CASE_REF", "NIGHT_EXPORT", "REPEATED", "COLLEAGUE", "anomaly"):
        assert hidden not in page
    assert 'name="events"' in page
    assert "Flagged for review" not in page
    target = _anomalous(attempt)[0]
    response = client.post(
        FLAG, {"events": [target], "flag": "1", "note": "Sin caso", "return_query": f"date_from={date_from}"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/sandbox/audit/?date_from={date_from}")
    page = client.get(response["Location"]).content.decode()
    assert "Flagged for review" in page
    assert "Sin caso" in page
    assert "1 event flagged for review." in page
    for hidden in ("NO_CASE_REF", "NIGHT_EXPORT", "REPEATED", "COLLEAGUE", "anomaly"):
        assert hidden not in page


def test_a_flag_is_the_learners_audit_event_and_the_latest_wins(learner):
    attempt = start(learner, "audit_review")
    client = client_for(learner)
    target = _anomalous(attempt)[0]
    client.post(FLAG, {"events": [target], "flag": "1"})
    client.post(FLAG, {"events": [target], "flag": "1"})  # a double submit writes nothing more
    flags = AuditEvent.objects.layer_of(attempt.sandbox).filter(actor=learner, object_type="audit_event")
    [flag] = flags
    assert (flag.action, flag.object_uid, flag.parameters["flag"], flag.scenario) == (
        "UPDATE",
        target,
        True,
        attempt.pk,
    )
    response = client.post(FLAG, {"events": [target], "flag": "0"}, follow=True)
    assert "1 flag removed." in response.content.decode()
    assert flags.all().count() == 2
    assert check(learner, attempt).findings[0]["code"] == "audit.none_flagged"


def test_flags_refuse_nothing_chosen_forged_uids_and_other_countries_events(learner):
    attempt = start(learner, "audit_review")
    other, _sandbox = focal_point(authority="hn-inm")
    foreign = start(other, "audit_review")
    client = client_for(learner)
    for data in (
        {"flag": "1"},
        {"events": ["x1"], "flag": "1"},
        {"events": [foreign.expected["events"][0]], "flag": "1"},
        {"events": [attempt.expected["events"][0]], "flag": "maybe"},
    ):
        response = client.post(FLAG, data, follow=True)
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode() or "error" in response.content.decode()
    assert not AuditEvent.objects.layer_of(attempt.sandbox).filter(object_type="audit_event").exists()


def test_flag_refusals_are_in_the_users_language(learner):
    start(learner, "audit_review")
    client = client_for(learner)
    english = client.post(FLAG, {"flag": "1"}, follow=True).content.decode()
    assert "Choose at least one event of the log." in english
    spanish = client.post("/sandbox/audit/flag/", {"flag": "1"}, follow=True)
    assert spanish.redirect_chain[-1][0] == "/sandbox/audit/"
    assert 'lang="es"' in spanish.content.decode()


def test_every_anomaly_flagged_scores_100(learner):
    attempt = start(learner, "audit_review")
    audit_flag(sandbox=attempt.sandbox, actor=learner, uids=_anomalous(attempt), flag=True)
    result = check(learner, attempt)
    assert (result.score, result.findings) == (100, [])


def test_f1_at_or_above_0_8_passes_and_names_what_was_missed(learner):
    attempt = start(learner, "audit_review")
    anomalies = attempt.expected["anomalies"]
    # Everything but the night export, and one ordinary event.
    flagged = [uid for kind, uids in anomalies.items() if kind != "NIGHT_EXPORT" for uid in uids]
    audit_flag(sandbox=attempt.sandbox, actor=learner, uids=[*flagged, _ordinary(attempt)[0]], flag=True)
    truth = len(_anomalous(attempt))
    hits = len(flagged)
    precision, recall = hits / (hits + 1), hits / truth
    result = check(learner, attempt)
    assert result.score == round(100 * 2 * precision * recall / (precision + recall))
    assert result.score >= attempt.pass_mark == 80
    assert _codes(result) == ["audit.missed_night_export", "audit.false_flags"]
    with translation.override("en"):
        texts = finding_texts(result.findings)
    assert texts == [
        "1 night-time bulk export was not flagged.",
        "1 flagged event is ordinary work: a lookup for a case, in working hours, with its reference.",
    ]


def test_f1_below_0_8_fails_with_findings_by_kind(learner):
    attempt = start(learner, "audit_review")
    anomalies = attempt.expected["anomalies"]
    audit_flag(
        sandbox=attempt.sandbox, actor=learner, uids=anomalies["NO_CASE_REF"] + _ordinary(attempt)[:3], flag=True
    )
    result = check(learner, attempt)
    assert result.score < 80
    assert _codes(result) == [
        "audit.missed_colleague",
        "audit.missed_vip",
        "audit.missed_night_export",
        "audit.missed_repeated",
        "audit.false_flags",
    ]
    repeated = next(finding for finding in result.findings if finding["code"] == "audit.missed_repeated")
    assert repeated["params"] == {"count": len(anomalies["REPEATED"])}
    # No finding names an event.
    for finding in result.findings:
        assert set(finding["params"]) <= {"count"}


def test_flags_outside_the_scenario_are_not_counted(learner):
    from tests.sandbox.audit_rows import baseline_event

    attempt = start(learner, "audit_review")
    outside = baseline_event()
    audit_flag(sandbox=attempt.sandbox, actor=learner, uids=[*_anomalous(attempt), outside.uid], flag=True)
    assert check(learner, attempt).score == 100


def test_restart_deletes_the_scenario_and_its_flags(learner):
    attempt = start(learner, "audit_review")
    audit_flag(sandbox=attempt.sandbox, actor=learner, uids=_anomalous(attempt)[:2], flag=True)
    layer = AuditEvent.objects.layer_of(attempt.sandbox)
    assert layer.filter(scenario=attempt.pk).count() == len(attempt.expected["events"]) + 2
    exercise_restart(user=learner, token=attempt.token)
    assert not layer.filter(scenario=attempt.pk).exists()
    assert not Person.objects.layer_of(attempt.sandbox).filter(scenario=attempt.pk).exists()


@pytest.mark.parametrize(("prefix", "words"), [("/en", "Audit log"), ("", "Registro de auditoría")])
def test_the_log_with_its_flag_form_in_spanish_and_english(learner, prefix, words):
    start(learner, "audit_review")
    page = client_for(learner).get(f"{prefix}/sandbox/audit/").content.decode()
    assert words in page
    assert 'name="flag" value="1"' in page
    assert 'name="events"' in page


def test_the_brief_names_the_period_and_officers_not_the_anomalies(learner):
    from django.template.loader import render_to_string

    attempt = start(learner, "audit_review")
    kind = exercise_type("audit_review")
    with translation.override("en"):
        page = render_to_string(kind.brief_template, {"brief": attempt.brief, **kind.brief_context(attempt.brief)})
    assert "Guatemala" in page
    for officer in attempt.brief["officers"]:
        assert officer in page
    for hidden in KINDS:
        assert hidden not in page


# Answering an incoming request with minimal release.


def _request(attempt):
    from sandbox.models import InformationRequest

    return InformationRequest.objects.visible_to(attempt.sandbox).get(uid=attempt.expected["request"])


def _answer(learner, attempt, decision, fields=(), reason="Solo lo necesario para verificar la nacionalidad."):
    from sandbox.requests import incoming_answer

    return incoming_answer(
        sandbox=attempt.sandbox,
        user=learner,
        request=_request(attempt),
        decision=decision,
        fields=fields,
        reason=reason,
    )


def test_the_incoming_request_is_in_the_learners_queue(learner):
    attempt = start(learner, "incoming_request_minimal")
    request = _request(attempt)
    assert (request.answering_country_id, request.status, request.purpose_code) == (
        "GTM",
        "SENT",
        "RETURN_VERIFICATION",
    )
    assert {"movement_history", "photograph", "document"} <= set(request.requested_fields)
    page = client_for(learner).get("/en/sandbox/requests/incoming/").content.decode()
    assert attempt.brief["case_reference"] in page
    answer = client_for(learner).get(f"/en/sandbox/requests/incoming/{request.uid}/answer/")
    assert answer.status_code == 200
    assert client_for(learner).get(f"/sandbox/requests/incoming/{request.uid}/answer/").status_code == 200


def test_the_minimum_in_part_with_a_reason_scores_100(learner):
    attempt = start(learner, "incoming_request_minimal")
    _answer(learner, attempt, "PARTIAL", attempt.expected["minimum"])
    result = check(learner, attempt)
    assert (result.score, result.findings) == (100, [])


def test_approving_releases_more_than_the_case_needs(learner):
    attempt = start(learner, "incoming_request_minimal")
    _answer(learner, attempt, "APPROVE", reason="")
    result = check(learner, attempt)
    assert result.score < 100
    assert _codes(result) == ["incoming.over_release"]
    with translation.override("en"):
        [text] = finding_texts(result.findings)
    assert text.startswith("You released Travel document")


def test_releasing_a_disallowed_field_is_refused_by_the_service(learner):
    from django.core.exceptions import ValidationError

    attempt = start(learner, "incoming_request_minimal")
    with pytest.raises(ValidationError):
        _answer(learner, attempt, "PARTIAL", [*attempt.expected["minimum"], "photograph"])
    assert _request(attempt).status == "SENT"
    assert _codes(check(learner, attempt)) == ["incoming.unanswered"]


def test_an_unanswered_or_refused_request_fails(learner):
    attempt = start(learner, "incoming_request_minimal")
    unanswered = check(learner, attempt)
    assert unanswered.score <= 40
    assert _codes(unanswered) == ["incoming.unanswered"]
    _answer(learner, attempt, "REFUSE")
    refused = check(learner, attempt)
    assert refused.score < 100
    assert _codes(refused) == ["incoming.under_release", "incoming.not_partial"]


def test_too_little_released_is_named(learner):
    attempt = start(learner, "incoming_request_minimal")
    _answer(learner, attempt, "PARTIAL", ["full_name", "birth_date"])
    result = check(learner, attempt)
    assert _codes(result) == ["incoming.under_release"]
    assert result.score < 100


def test_restart_deletes_the_request_and_the_returnee(learner):
    from sandbox.models import InformationRequest, QueryResult

    attempt = start(learner, "incoming_request_minimal")
    exercise_restart(user=learner, token=attempt.token)
    for model in (InformationRequest, QueryResult, Person):
        assert not model.objects.layer_of(attempt.sandbox).filter(scenario=attempt.pk).exists()


def test_the_incoming_brief_hides_the_minimum(learner):
    from django.template.loader import render_to_string

    attempt = start(learner, "incoming_request_minimal")
    kind = exercise_type("incoming_request_minimal")
    with translation.override("en"):
        page = render_to_string(kind.brief_template, {"brief": attempt.brief, **kind.brief_context(attempt.brief)})
    assert attempt.brief["case_reference"] in page
    assert "national_id" not in page
