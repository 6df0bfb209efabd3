"""The reconcile safety net: a missing certificate issued and a pending one asked for again; the PDF
of an issued certificate that has none drawn again with the same code and payload, without a
second e-mail; a PDF that cannot be drawn retried five times, then left to a person.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from unittest.mock import Mock

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from certificates import selectors
from certificates.drawing.pdf_reading import payload_from_pdf
from certificates.models import Certificate
from certificates.models.certificate import EventKind, IssueStatus
from certificates.services import issuance
from certificates.services.issuance import certificate_request
from certificates.services.reconcile import certificates_reconcile
from foundation.pdf.reading import pdf_text
from foundation.pdf.rendering import RenderFailed
from people.roles import Role
from tests.certificates import factories
from tests.certificates.factories import fresh
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.clock_hours]


def test_reconcile_issues_a_missing_certificate_and_asks_again_for_a_pending_one(learner, template, page, task_calls):
    lost = factories.completed_enrolment(learner=learner, course=page, completed_at=timezone.now() - timedelta(hours=1))
    stuck = certificate_request(
        factories.completed_enrolment(learner=person(role=Role.LEARNER), course=page, completed_at=lost.completed_at)
    )
    Certificate.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(hours=1))
    recent = factories.completed_enrolment(learner=person(role=Role.LEARNER), course=page)

    with TestCase.captureOnCommitCallbacks(execute=True):
        counts = certificates_reconcile()

    issued = Certificate.objects.get(enrolment=lost)
    assert (counts["requested"], counts["retried"]) == (1, 1)
    assert task_calls.issue == [issued.pk, stuck.pk]
    assert issued.issue_status == IssueStatus.ISSUED
    assert fresh(stuck).issue_status == IssueStatus.ISSUED
    assert not Certificate.objects.filter(enrolment=recent).exists()  # its own task is still on its way


def test_reconcile_draws_again_the_pdf_of_an_issued_certificate_that_has_none(learner, template, page, task_calls):
    unrecorded = factories.certificate_issued(learner=learner, course=page)
    lost = factories.certificate_issued(learner=person(role=Role.LEARNER, full_name="Łukasz Wójcik"), course=page)
    intact = factories.certificate_issued(learner=person(role=Role.LEARNER), course=page)
    Certificate.objects.filter(pk=unrecorded.pk).update(pdf="")
    Path(lost.pdf.path).unlink()
    mail.outbox.clear()
    task_calls.issue.clear()

    with TestCase.captureOnCommitCallbacks(execute=True):
        counts = certificates_reconcile()

    assert counts["redrawn"] == 2
    assert sorted(task_calls.issue) == sorted([unrecorded.pk, lost.pk])
    assert Certificate.objects.count() == 3
    for before in (unrecorded, lost):
        after = fresh(before)
        data = selectors.certificate_pdf_read(after)
        assert (after.issue_status, after.code, after.payload, after.issued_at) == (
            IssueStatus.ISSUED,
            before.code,
            before.payload,
            before.issued_at,
        )
        assert payload_from_pdf(data) == before.payload
        assert before.learner_name in pdf_text(data)
        assert [event.kind for event in after.events.all()][-1] == EventKind.REDRAWN
    assert fresh(intact).sha256 == intact.sha256
    assert mail.outbox == []  # the learners were told once, when it was issued
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert certificates_reconcile()["redrawn"] == 0


def test_a_pdf_that_cannot_be_drawn_again_is_retried_five_times_then_left_to_a_person(
    learner, template, page, task_calls, monkeypatch
):
    certificate = factories.certificate_issued(learner=learner, course=page)
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")
    monkeypatch.setattr(issuance, "certificate_pdf", Mock(side_effect=RenderFailed("The logo names no file.")))

    sent = []
    for _run in range(issuance.MAX_ATTEMPTS + 1):
        with TestCase.captureOnCommitCallbacks(execute=True):
            sent.append(certificates_reconcile()["redrawn"])

    stored = fresh(certificate)
    assert sent == [1] * issuance.MAX_ATTEMPTS + [0]
    assert (stored.issue_status, stored.pdf.name) == (IssueStatus.ISSUED, "")
    assert "names no file" in stored.last_error
    assert stored.events.filter(kind=EventKind.RENDER_FAILED).count() == issuance.MAX_ATTEMPTS
