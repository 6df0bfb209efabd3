"""The reference solutions the demo and the benchmarks use: every type has one, it scores 100,
and each mistake it can make is named by the check."""

from __future__ import annotations

import pytest
from django.utils import translation

from sandbox.exercises import exercise_types
from sandbox.exercises.findings import finding_texts
from sandbox.exercises.solutions import SOLVERS, solve
from tests.people.factories import person
from tests.sandbox.exercises.helpers import check, start
from tests.sandbox.statistics_baselines import december_baseline

pytestmark = pytest.mark.django_db

PARAMETERS = {"peak_planning": {"crossing_point": "CR-PBL", "month": "2025-12"}}
MISTAKES = [
    ("entry_registration", "entry.crossing_point"),
    ("entry_registration", "entry.purpose"),
    ("entry_registration", "entry.stay"),
    ("ca4_decisions", "ca4.reason"),
    ("ca4_decisions", "ca4.adult_decision"),
    ("exit_closure", "exit.overstay"),  # missed, or flagged within the stay: the scenario says which
    ("mrz_triage", "triage.misread_accepted"),
    ("peak_planning", "peak.average_high"),
    ("alert_stolen_passport", "stolen.sharing"),
    ("alert_stolen_passport", "stolen.not_approved"),
    ("alert_stolen_passport", "stolen.validity"),
    ("alert_stolen_passport", "stolen.category"),
    ("alert_stolen_passport", "stolen.action"),
    ("hit_adjudication", "adjudication.missed"),
    ("hit_adjudication", "adjudication.wrongly_confirmed"),
    ("minor_exit_stale_alert", "minor.admitted"),
    ("minor_exit_stale_alert", "minor.refused"),
    ("minor_exit_stale_alert", "minor.reason"),
    ("minor_exit_stale_alert", "minor.no_follow_up"),
    ("minor_exit_stale_alert", "minor.alert_changed"),
    ("alert_lifecycle_review", "lifecycle.extend"),
    ("alert_lifecycle_review", "lifecycle.expire"),
    ("alert_lifecycle_review", "lifecycle.fulfil"),
    ("alert_lifecycle_review", "lifecycle.review"),
    ("alert_lifecycle_review", "lifecycle.changed"),
    ("primary_referral", "primary.hit_admitted"),
    ("primary_referral", "primary.hit_refused"),
    ("primary_referral", "primary.hits_not_attached"),
    ("primary_referral", "primary.over_referral"),
    ("audit_review", "audit.missed"),
    ("audit_review", "audit.false_flags"),
    ("incoming_request_minimal", "incoming.over_release"),
    ("incoming_request_minimal", "incoming.under_release"),
    ("incoming_request_minimal", "incoming.unanswered"),
]


@pytest.fixture(autouse=True)
def practice_data(db):
    december_baseline()


def test_every_type_has_a_reference_solution():
    assert {kind.slug for kind in exercise_types()} == set(SOLVERS)


@pytest.mark.parametrize("slug", sorted(SOLVERS))
def test_the_reference_solution_scores_100(slug):
    user = person()
    attempt = start(user, slug, **PARAMETERS.get(slug, {}))
    solve(user=user, attempt=attempt)
    result = check(user, attempt)
    assert (result.score, result.findings) == (100, [])


@pytest.mark.parametrize(("slug", "mistake"), MISTAKES)
def test_each_mistake_of_the_solutions_is_named(slug, mistake):
    user = person()
    attempt = start(user, slug, **PARAMETERS.get(slug, {}))
    solve(user=user, attempt=attempt, mistake=mistake)
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert any(finding["code"].startswith(mistake) for finding in result.findings)
    for language in ("en", "es"):
        with translation.override(language):
            texts = finding_texts(result.findings)
        assert all(text and "%(" not in text and "{'kind'" not in text for text in texts), texts
