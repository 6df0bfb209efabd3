"""Issuance: request, issue, draw again, retry.

Issuance is idempotent (D5). `certificate_request` creates the one row per (learner, course,
cycle) and enqueues the task after commit; `certificate_issue` (the task's body) may run twice
for the same row, concurrently or after a worker was killed: it renders outside any lock,
then, holding the row's lock, writes the PDF and marks it issued only if nobody did first.
The PDF's file name is fixed by the code, so a run cut short leaves nothing a later run would
not overwrite.

What the certificate states is frozen when it is issued, the exercises passed included (its
evidence, read through `courses.selectors.exercises`); the OCAM2 payload signs the evidence's
digest, and drawing the PDF again reads the frozen evidence, never the learner's attempts.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.drawing.facts_to_layout import CertificateFacts, template_in_language
from certificates.drawing.pipeline import certificate_pdf
from certificates.models import Certificate, CourseCertification
from certificates.models.certificate import EventKind, IssueStatus
from certificates.models.storage import private_storage
from certificates.selectors import (
    certificate_can_retry,
    certificate_pdf_exists,
    certification_for,
    competencies_proved,
    evidence_for,
    template_default,
)
from certificates.services.history import event_record
from certificates.services.queueing import issue_enqueue
from certificates.signing.encoding import PayloadInvalid
from certificates.signing.evidence import evidence_digest, evidence_verify
from certificates.signing.keys import signing_key
from certificates.signing.payload import payload_sign, payload_verify
from courses.models import CoursePage, Enrolment
from courses.selectors.pages import pages_in_language
from foundation.background import send_task_on_commit
from people.languages import supported_language as language_or_default

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


class IssueFailed(Exception):
    """The certificate could not be drawn; it stays failed (visible to trainers) and is retried."""


def certificate_target(enrolment: Enrolment) -> tuple[uuid.UUID, int]:
    """The (course, cycle) a completed enrolment certifies.

    Completing a course's designated refresher renews the learner's certificate of that course
    (next cycle); completing any course otherwise certifies that course in the enrolment's cycle.
    """
    rule = (
        CourseCertification.objects.filter(refresher_course__translation_key=enrolment.course_key)
        .select_related("course")
        .first()
    )
    if rule is not None:
        held = Certificate.objects.filter(
            learner_id=enrolment.learner_id,
            course_key=rule.course.translation_key,
            issue_status=IssueStatus.ISSUED,
            revoked_at__isnull=True,
        ).aggregate(cycle=Max("cycle"))["cycle"]
        if held is not None:
            existing = Certificate.objects.filter(enrolment=enrolment).first()
            if existing is not None:
                return existing.course_key, existing.cycle
            return rule.course.translation_key, held + 1
    return enrolment.course_key, enrolment.cycle


def certificate_request(enrolment: Enrolment, *, now: datetime | None = None) -> Certificate:
    """The certificate a completed enrolment earns, created once; issuance is enqueued after commit.

    `now` is the moment of the request (default: now); the demo's history passes past ones.
    """
    course_key, cycle = certificate_target(enrolment)
    now = now or timezone.now()
    with transaction.atomic():
        certificate, created = Certificate.objects.get_or_create(
            learner_id=enrolment.learner_id,
            course_key=course_key,
            cycle=cycle,
            defaults={"enrolment": enrolment, "created_at": now},
        )
        if created:
            event_record(certificate, EventKind.REQUESTED, at=now)
        if certificate.issue_status in (IssueStatus.PENDING, IssueStatus.FAILED):
            issue_enqueue(certificate.pk)
    return certificate


def _expiry(completed_on: date, months: int) -> date | None:
    return completed_on + relativedelta(months=months) if months else None


def _facts(
    certificate: Certificate, enrolment: Enrolment, rule: CourseCertification | None, *, issued_on: date
) -> CertificateFacts:
    language = language_or_default(certificate.learner.preferred_language)
    course = pages_in_language(CoursePage, [certificate.course_key], language).get(certificate.course_key)
    if course is None:
        raise IssueFailed(_("The course of this certificate is not published."))
    evidence = evidence_for(enrolment=enrolment, language=language)
    completed_on = timezone.localdate(enrolment.completed_at)
    return CertificateFacts(
        code=certificate.code,
        language=language,
        learner_name=certificate.learner.full_name,
        course_title=course.title,
        completed_on=completed_on,
        issued_on=issued_on,
        expires_on=_expiry(completed_on, course.certificate_validity_months),
        hours=course.estimated_hours,
        competencies=competencies_proved(rule=rule, language=language, evidence=evidence),
        evidence=tuple(evidence),
    )


def _eligible(certificate: Certificate) -> bool:
    enrolment = certificate.enrolment
    return (
        enrolment is not None
        and enrolment.completed_at is not None
        and enrolment.learner_id == certificate.learner_id
        and certificate.learner.is_active
    )


def _failure_record(certificate_id: int, error: Exception) -> None:
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
        if certificate.issue_status == IssueStatus.ISSUED:
            return
        certificate.issue_status = IssueStatus.FAILED
        certificate.attempts += 1
        certificate.last_error = str(error)[:2000]
        certificate.save(update_fields=["issue_status", "attempts", "last_error"])
        event_record(certificate, EventKind.RENDER_FAILED, reason=certificate.last_error)


def certificate_issue(certificate_id: int, *, now: datetime | None = None) -> Certificate:
    """Render, store and mark issued; safe to run any number of times for one certificate.

    `now` is the moment of issue (default: now): the date printed, signed and recorded. The
    demo's history issues its certificates on past days, in the same way.
    """
    certificate = Certificate.objects.select_related("learner", "enrolment").get(pk=certificate_id)
    if certificate.issue_status == IssueStatus.ISSUED and not certificate_pdf_exists(certificate):
        return _pdf_redraw(certificate)
    if certificate.issue_status in (IssueStatus.ISSUED, IssueStatus.WITHDRAWN):
        return certificate
    if not _eligible(certificate):
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().get(pk=certificate_id)
            if locked.issue_status in (IssueStatus.PENDING, IssueStatus.FAILED):
                locked.issue_status = IssueStatus.WITHDRAWN
                locked.save(update_fields=["issue_status"])
                event_record(
                    locked, EventKind.WITHDRAWN, reason=_("The course is not completed or the account is inactive.")
                )
            return locked
    try:
        rule = certification_for(course_key=certificate.course_key)
        facts = _facts(certificate, certificate.enrolment, rule, issued_on=timezone.localdate(now))
        template = rule.template if rule else template_default()
        if template is None:
            raise IssueFailed(_("No certificate template: add a default template or a certification rule."))
        template = template_in_language(template, facts.language)
        kid, _key = signing_key()
        payload = payload_sign(
            {
                "c": facts.code,
                "n": facts.name,
                "k": facts.course_title,
                "ck": str(certificate.course_key),
                "iat": facts.issued_on.isoformat(),
                "exp": facts.expires_on.isoformat() if facts.expires_on else None,
                "iss": settings.CERTIFICATES_ISSUER_NAME,
                "ev": evidence_digest(list(facts.evidence)),
            }
        )
        pdf = certificate_pdf(template, facts, payload=payload)
    except Exception as error:
        logger.warning("Certificate %s could not be rendered: %s", certificate.code, error)
        _failure_record(certificate_id, error)
        raise IssueFailed(str(error)) from error
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate_id)
        if locked.issue_status in (IssueStatus.ISSUED, IssueStatus.WITHDRAWN):
            return locked  # another run finished first
        _pdf_store(locked, pdf)
        locked.payload = payload
        locked.key_id = kid
        locked.language = facts.language
        locked.learner_name = facts.name
        locked.course_title = facts.course_title
        locked.completed_on = facts.completed_on
        locked.expires_on = facts.expires_on
        locked.evidence = list(facts.evidence)
        locked.template = template
        locked.issued_at = now or timezone.now()
        locked.issue_status = IssueStatus.ISSUED
        locked.attempts += 1
        locked.last_error = ""
        locked.save()
        event_record(locked, EventKind.ISSUED, at=locked.issued_at)
        for older in Certificate.objects.select_for_update().filter(
            learner_id=locked.learner_id,
            course_key=locked.course_key,
            cycle__lt=locked.cycle,
            issue_status=IssueStatus.ISSUED,
            superseded_by__isnull=True,
        ):
            older.superseded_by = locked
            older.save(update_fields=["superseded_by"])
            event_record(older, EventKind.SUPERSEDED, reason=locked.code, at=locked.issued_at)
        from certificates.tasks import certificate_email_task

        send_task_on_commit(certificate_email_task, certificate_id)
    return locked


def _pdf_store(certificate: Certificate, pdf: bytes) -> None:
    """Write the PDF under its fixed name (replacing what a run cut short left) and record its SHA-256."""
    name = certificate.pdf.field.upload_to(certificate, "certificate.pdf")
    if private_storage.exists(name):
        private_storage.delete(name)
    certificate.pdf.save(name, ContentFile(pdf), save=False)
    certificate.sha256 = hashlib.sha256(pdf).hexdigest()


def facts_of_issued(certificate: Certificate, rule: CourseCertification | None) -> CertificateFacts:
    """What an issued certificate states: its signed payload's claims and its frozen evidence (which
    the payload must bind), so the PDF matches its QR code."""
    claims = payload_verify(certificate.payload)
    evidence = list(certificate.evidence)
    if "ev" in claims or evidence:
        try:
            evidence_verify(evidence, claims)
        except PayloadInvalid as error:
            raise IssueFailed(
                _("The exercises recorded on this certificate do not match its signature: %(error)s") % {"error": error}
            ) from error
    language = language_or_default(certificate.language or settings.LANGUAGE_CODE)
    course = pages_in_language(CoursePage, [certificate.course_key], language).get(certificate.course_key)
    issued_on = date.fromisoformat(claims["iat"])
    return CertificateFacts(
        code=certificate.code,
        language=language,
        learner_name=claims["n"],
        course_title=claims["k"],
        completed_on=certificate.completed_on or issued_on,
        issued_on=issued_on,
        expires_on=date.fromisoformat(claims["exp"]) if claims["exp"] else None,
        hours=course.estimated_hours if course is not None else None,
        competencies=competencies_proved(rule=rule, language=language, evidence=evidence),
        evidence=tuple(evidence),
    )


def _pdf_redraw(certificate: Certificate) -> Certificate:
    """Draw again the PDF of an issued certificate whose file is missing (legacy data, a lost file).

    Same code, payload and facts (the frozen evidence too); only the file and its SHA-256 are new,
    and the history says so.
    """
    try:
        rule = certification_for(course_key=certificate.course_key)
        template = certificate.template or (rule.template if rule else template_default())
        if template is None:
            raise IssueFailed(_("No certificate template: add a default template or a certification rule."))
        facts = facts_of_issued(certificate, rule)
        template = template_in_language(template, facts.language)
        pdf = certificate_pdf(template, facts, payload=certificate.payload)
    except Exception as error:
        logger.warning("The PDF of certificate %s could not be drawn again: %s", certificate.code, error)
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
            locked.last_error = str(error)[:2000]
            locked.save(update_fields=["last_error"])
            event_record(locked, EventKind.RENDER_FAILED, reason=locked.last_error)
        raise IssueFailed(str(error)) from error
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.issue_status != IssueStatus.ISSUED or certificate_pdf_exists(locked):
            return locked  # another run drew it first
        _pdf_store(locked, pdf)
        locked.last_error = ""
        locked.save(update_fields=["pdf", "sha256", "last_error"])
        event_record(locked, EventKind.REDRAWN, reason=_("The PDF file was missing."))
    return locked


def certificate_retry(*, certificate: Certificate) -> None:
    """A trainer asks again for a failed certificate, or an issued one's missing PDF (after fixing its template)."""
    if certificate_can_retry(certificate):
        issue_enqueue(certificate.pk)
