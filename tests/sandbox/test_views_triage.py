"""The document-scan queue's screen: every scan with its zone as scanned, what the reader finds wrong
with it and its own labelled form; a decision saved through the triage service and said in a
message (a change of mind said so); a correction the reader refuses shown again with its errors on
the field, nothing saved; another learner's scan not found; a trainer's inspection read-only; and
no page telling what the right decision is.
"""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.utils.html import escape

from sandbox.exercises import exercise_type
from sandbox.models import AuditEvent, DocumentScan
from tests.conftest import client_for
from tests.sandbox.exercises.helpers import start
from tests.sandbox.screens import main_text, other_learner

pytestmark = pytest.mark.django_db

SCANS = "/en/sandbox/scans/"


@pytest.fixture
def queue(learner):
    """The learner's attempt at the triage exercise: ten scans waiting at La Aurora."""
    return start(learner, "mrz_triage")


def entry_of(attempt, kind: str) -> dict:
    return next(entry for entry in attempt.expected["scans"] if entry["kind"] == kind)


def scan_of(attempt, entry: dict) -> DocumentScan:
    return DocumentScan.objects.layer_of(attempt.sandbox).get(uid=entry["scan"])


def decide(client, uid: int, **data):
    return client.post(f"/en/sandbox/scans/{uid}/decide/", {"corrected_mrz": "", "rejection_reason": "", **data})


def test_the_queue_shows_each_scan_with_its_zone_its_problems_and_its_form(learner_client, queue):
    response = learner_client.get(SCANS)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/en/sandbox/scans/" aria-current="true">Document scans</a>' in html
    assert "Queue at Aeropuerto Internacional La Aurora (Guatemala)" in html
    assert "10 scans wait for a decision." in html
    misread = entry_of(queue, "misread")
    scan = scan_of(queue, misread)
    assert f'<pre class="mrz" aria-labelledby="scan-{scan.uid}-raw">{escape(scan.raw_mrz)}</pre>' in html
    assert "The reader cannot accept this zone:" in html
    assert "The check digit of the " in html
    assert f'action="/en/sandbox/scans/{scan.uid}/decide/"' in html
    assert f'<label for="scan-{scan.uid}-corrected_mrz">Corrected zone</label>' in html
    assert f'<label for="scan-{scan.uid}-rejection_reason">Reason for rejection</label>' in html
    assert re.search(rf'<input type="radio" name="status" value="CORRECTED"[^>]*id="scan-{scan.uid}-status_1"', html)
    assert html.count('<form method="post" action="/en/sandbox/scans/') == 10


def test_no_page_tells_the_right_decision(learner_client, queue):
    html = learner_client.get(SCANS).content.decode()
    for entry in queue.expected["scans"]:
        if entry["kind"] == "misread":
            assert escape(entry["zone"]) not in html
    kind = exercise_type("mrz_triage")
    brief = render_to_string(kind.brief_template, {"brief": queue.brief, **kind.brief_context(queue.brief)})
    assert "10 scanned documents wait for triage at Aeropuerto Internacional La Aurora (Guatemala)" in brief
    for word in ("expired", "misread zone", "three", " 3 "):
        assert word not in brief.lower().replace("reader misread", "")


def test_accepting_a_scan_saves_the_decision_and_says_so(learner_client, learner, queue):
    entry = entry_of(queue, "valid")
    scan = scan_of(queue, entry)
    response = decide(learner_client, scan.uid, status="ACCEPTED")
    assert response.status_code == 302
    assert response["Location"] == f"/en/sandbox/scans/#scan-{scan.uid}"
    scan.refresh_from_db()
    assert (scan.status, scan.decided_by, scan.scenario) == ("ACCEPTED", learner, queue.pk)
    assert scan.decided_at is not None
    assert AuditEvent.objects.layer_of(queue.sandbox).filter(object_type="document_scan", object_uid=scan.uid).exists()
    text = main_text(learner_client.get(response["Location"]))
    assert f"Scan {entry['position']} ({entry['traveller']}) accepted as read." in text
    assert "9 scans wait for a decision." in text


def test_a_decided_scan_can_be_decided_again_and_the_message_says_so(learner_client, queue):
    entry = entry_of(queue, "expired")
    scan = scan_of(queue, entry)
    decide(learner_client, scan.uid, status="ACCEPTED")
    html = learner_client.get(SCANS).content.decode()
    assert "<summary>Change the decision</summary>" in html
    response = decide(learner_client, scan.uid, status="REJECTED", rejection_reason="EXPIRED")
    text = main_text(learner_client.get(response["Location"]))
    assert "You changed your decision on this scan" in text
    assert f"Scan {entry['position']} ({entry['traveller']}) rejected. Reason: The document has expired." in text
    scan.refresh_from_db()
    assert (scan.status, scan.rejection_reason) == ("REJECTED", "EXPIRED")
    assert DocumentScan.objects.layer_of(queue.sandbox).filter(uid=scan.uid).count() == 1


def test_a_correction_that_still_fails_comes_back_with_its_errors_and_nothing_is_saved(learner_client, queue):
    scan = scan_of(queue, entry_of(queue, "misread"))
    typed = scan.raw_mrz.replace("<", "", 1)  # a line one character short
    response = decide(learner_client, scan.uid, status="CORRECTED", corrected_mrz=typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<span class="error-text" id="scan-{scan.uid}-corrected_mrz_error">Line 1 has 43 characters' in html
    assert f'<a href="#scan-{scan.uid}-corrected_mrz">Corrected zone: Line 1 has 43 characters' in html
    assert escape(typed.split("\n")[0]) in html  # what was typed is shown again
    scan.refresh_from_db()
    assert (scan.status, scan.corrected_mrz) == ("PENDING", "")


def test_a_rejection_without_a_reason_is_refused_on_its_field(learner_client, queue):
    scan = scan_of(queue, entry_of(queue, "expired"))
    response = decide(learner_client, scan.uid, status="REJECTED")
    assert response.status_code == 200
    assert (
        f'id="scan-{scan.uid}-rejection_reason_error">Choose the reason for the rejection.' in response.content.decode()
    )
    scan.refresh_from_db()
    assert scan.status == "PENDING"


def test_another_learners_scan_is_not_found_and_stays_as_it_was(queue):
    scan = scan_of(queue, entry_of(queue, "valid"))
    other = other_learner()
    intruder = client_for(other)
    assert decide(intruder, scan.uid, status="REJECTED", rejection_reason="EXPIRED").status_code == 404
    start(other, "mrz_triage")  # with a queue of their own
    assert decide(intruder, scan.uid, status="REJECTED", rejection_reason="EXPIRED").status_code == 404
    assert str(scan.uid) not in intruder.get(SCANS).content.decode()
    scan.refresh_from_db()
    assert scan.status == "PENDING"


def test_a_trainer_inspects_the_queue_read_only(trainer, learner_client, queue):
    entry = entry_of(queue, "misread")
    scan = scan_of(queue, entry)
    decide(learner_client, scan.uid, status="CORRECTED", corrected_mrz=entry["zone"])
    client = client_for(trainer)
    url = f"/en/sandbox/learners/{queue.sandbox.pk}/scans/"
    rows_before = (
        DocumentScan.objects.layer_of(queue.sandbox).count(),
        AuditEvent.objects.layer_of(queue.sandbox).count(),
    )
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "read-only" in html
    assert f'<a href="{url}" aria-current="true">Document scans</a>' in html
    assert 'method="post"' not in html.split("<main", 1)[-1]
    assert "Accepted, corrected" in html
    assert escape(entry["zone"]) in html  # the learner's correction
    assert client.post(url).status_code == 405
    rows_after = (
        DocumentScan.objects.layer_of(queue.sandbox).count(),
        AuditEvent.objects.layer_of(queue.sandbox).count(),
    )
    assert rows_after == rows_before


def test_a_learner_without_scans_is_told_the_queue_is_empty(learner_client):
    response = learner_client.get(SCANS)
    assert response.status_code == 200
    assert "No scanned documents wait for you." in main_text(response)
