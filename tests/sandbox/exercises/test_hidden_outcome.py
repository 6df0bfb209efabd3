"""The expected outcome never reaches the learner: the true zones of misread scans (what a
correction must give) appear in no page the learner opens for the exercise (its page and brief,
the scan queue, the sandbox home), before or after they check."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.sandbox.exercises.helpers import check, start

pytestmark = pytest.mark.django_db


def _pages(client, attempt) -> str:
    paths = [
        reverse("sandbox:exercise_detail", args=[attempt.token]),
        reverse("sandbox:scan_triage") + f"?exercise={attempt.token}",
        reverse("sandbox:home"),
    ]
    return "\n".join(client.get(path).content.decode() for path in paths)


def test_the_true_zones_of_misread_scans_are_never_shown(learner):
    attempt = start(learner, "mrz_triage")
    misread = [scan for scan in attempt.expected["scans"] if scan["kind"] == "misread"]
    # The lines a correction must put right: in the true zone, not as the reader scanned them.
    hidden = [
        line
        for scan in misread
        for line in scan["zone"].splitlines()
        if line not in _raw_of(attempt, scan["scan"]).splitlines()
    ]
    assert hidden
    client = client_for(learner)
    for stage in ("before", "after"):
        if stage == "after":
            check(learner, attempt)
        page = _pages(client, attempt).replace("&lt;", "<")
        assert [line for line in hidden if line in page] == [], stage


def _raw_of(attempt, uid: int) -> str:
    from sandbox.models import DocumentScan

    return DocumentScan.objects.visible_to(attempt.sandbox).get(uid=uid).raw_mrz
