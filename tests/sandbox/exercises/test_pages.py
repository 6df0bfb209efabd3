"""The exercise page in the learner's sandbox, and a trainer's read-only view of a learner's attempts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sandbox.models import ExerciseAttempt
from tests.conftest import client_for
from tests.people.factories import person
from tests.sandbox.exercises.helpers import check, register, start

pytestmark = pytest.mark.django_db


def test_the_learner_reads_the_brief_and_never_the_expected_outcome(learner):
    attempt = start(learner, "entry_registration")
    response = client_for(learner).get(reverse("sandbox:exercise_detail", args=[attempt.token]))
    assert response.status_code == 200
    page = response.content.decode()
    assert attempt.brief["mrz"].splitlines()[0].replace("<", "&lt;") in page
    assert f"?exercise={attempt.token}" in page
    for value in ("authorised_stay_days", str(attempt.expected["person"])):
        assert value not in page


def test_another_learners_attempt_is_not_found(learner):
    other = person()
    attempt = start(other, "entry_registration")
    start(learner, "entry_registration")
    response = client_for(learner).get(reverse("sandbox:exercise_detail", args=[attempt.token]))
    assert response.status_code == 404


def test_a_trainer_reads_each_check_with_its_findings(learner, trainer):
    attempt = start(learner, "entry_registration")
    register(learner, attempt, mrz=attempt.brief["mrz"], crossing_point="CR-PCA", purpose=attempt.expected["purpose"])
    check(learner, attempt)
    url = reverse("sandbox:learner_exercise_detail", args=[attempt.sandbox_id, attempt.token])
    page = client_for(trainer).get(url).content.decode()
    assert "Paso Canoas" in page  # the finding names the post the learner chose
    assert ExerciseAttempt.objects.get(pk=attempt.pk).checks_made == 1
