"""Writes for certificates: request, issue, e-mail, revoke, renew, remind, reconcile, bulk download.

Issuance is idempotent (D5). `certificate_request` creates the one row per (learner, course,
cycle) and enqueues the task after commit; `certificate_issue` (the task's body) may run twice
for the same row, concurrently or after a worker was killed: it renders outside any lock,
then, holding the row's lock, writes the PDF and marks it issued only if nobody did first.
The PDF's file name is fixed by the code, so a run cut short leaves nothing a later run would
not overwrite.
"""

from __future__ import annotations

import hashlib
import io
import logging
import uuid
import zipfile
from collections.abc import Collection
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from certificates.models import (
    BulkDownload,
    BulkStatus,
    Certificate,
    CertificateEvent,
    CourseCertification,
    EventKind,
    ExpiryReminder,
    IssueStatus,
    PublicStatus,
    private_storage,
)
from certificates.rendering import CertificateFacts, certificate_pdf, template_in_language, verification_url
from certificates.selectors import (
    PdfNotAsIssued,
    certificate_can_retry,
    certificate_list,
    certificate_pdf_exists,
    certificate_pdf_read,
    certificates_without_pdf,
    certification_for,
    renewal_opens_on,
    template_default,
)
from certificates.signing import payload_sign, payload_verify, signing_key
from courses.models import Cohort, CoursePage, Enrolment
from courses.selectors.pages import pages_in_language
from courses.services import enrolment_renew
from people.languages import supported_language as language_or_default
from people.models import Country, User

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


class IssueFailed(Exception):
    """The certificate could not be drawn; it stays failed (visible to trainers) and is retried."""


def _event(
    certificate: Certificate, kind: str, *, actor: User | None = None, reason: str = "", at: datetime | None = None
) -> None:
    at = at or timezone.now()
    CertificateEvent.objects.create(certificate=certificate, kind=kind, actor=actor, reason=reason, at=at)


def send_task_on_commit(task, *args) -> None:
    """Send a task after commit; if the broker is down, log it: the reconcile task sends it later.

    A learner who just completed a course must not get an error page because the broker
    blinked: the certificate row exists, and `certificates_reconcile` finds it pending.
    """

    def send() -> None:
        try:
            task.delay(*args)
        except OperationalError as error:
            logger.warning("Broker unreachable, %s%r left to the reconcile task: %s", task.name, args, error)

    transaction.on_commit(send)


def _enqueue_issue(certificate_id: int) -> None:
    from certificates.tasks import certificate_issue_task

    send_task_on_commit(certificate_issue_task, certificate_id)


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
            _event(certificate, EventKind.REQUESTED, at=now)
        if certificate.issue_status in (IssueStatus.PENDING, IssueStatus.FAILED):
            _enqueue_issue(certificate.pk)
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
    competencies = rule.competencies_in(language) if rule else ()
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
        competencies=competencies,
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
        _event(certificate, EventKind.RENDER_FAILED, reason=certificate.last_error)


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
                _event(locked, EventKind.WITHDRAWN, reason=_("The course is not completed or the account is inactive."))
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
        locked.template = template
        locked.issued_at = now or timezone.now()
        locked.issue_status = IssueStatus.ISSUED
        locked.attempts += 1
        locked.last_error = ""
        locked.save()
        _event(locked, EventKind.ISSUED, at=locked.issued_at)
        for older in Certificate.objects.select_for_update().filter(
            learner_id=locked.learner_id,
            course_key=locked.course_key,
            cycle__lt=locked.cycle,
            issue_status=IssueStatus.ISSUED,
            superseded_by__isnull=True,
        ):
            older.superseded_by = locked
            older.save(update_fields=["superseded_by"])
            _event(older, EventKind.SUPERSEDED, reason=locked.code, at=locked.issued_at)
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


def _facts_signed(certificate: Certificate, rule: CourseCertification | None) -> CertificateFacts:
    """What an issued certificate states: its signed payload's claims, so the PDF matches its QR code."""
    claims = payload_verify(certificate.payload)
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
        competencies=rule.competencies_in(language) if rule else (),
    )


def _pdf_redraw(certificate: Certificate) -> Certificate:
    """Draw again the PDF of an issued certificate whose file is missing (legacy data, a lost file).

    Same code, payload and facts; only the file and its SHA-256 are new, and the history says so.
    """
    try:
        rule = certification_for(course_key=certificate.course_key)
        template = certificate.template or (rule.template if rule else template_default())
        if template is None:
            raise IssueFailed(_("No certificate template: add a default template or a certification rule."))
        facts = _facts_signed(certificate, rule)
        template = template_in_language(template, facts.language)
        pdf = certificate_pdf(template, facts, payload=certificate.payload)
    except Exception as error:
        logger.warning("The PDF of certificate %s could not be drawn again: %s", certificate.code, error)
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
            locked.last_error = str(error)[:2000]
            locked.save(update_fields=["last_error"])
            _event(locked, EventKind.RENDER_FAILED, reason=locked.last_error)
        raise IssueFailed(str(error)) from error
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.issue_status != IssueStatus.ISSUED or certificate_pdf_exists(locked):
            return locked  # another run drew it first
        _pdf_store(locked, pdf)
        locked.last_error = ""
        locked.save(update_fields=["pdf", "sha256", "last_error"])
        _event(locked, EventKind.REDRAWN, reason=_("The PDF file was missing."))
    return locked


def _send(user: User, template: str, context: dict) -> None:
    language = language_or_default(user.preferred_language)
    with translation.override(language):
        context = {**context, "user": user, "site_url": settings.SITE_URL}
        subject = " ".join(render_to_string(f"certificates/email/{template}_subject.txt", context).split())
        body = render_to_string(f"certificates/email/{template}_body.txt", context)
        send_mail(subject, body, None, [user.email])


def certificate_email_send(certificate_id: int, *, now: datetime | None = None) -> bool:
    """E-mail the learner the link to their certificate, once (False when already sent); `now` as in issue."""
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().select_related("learner").get(pk=certificate_id)
        if certificate.emailed_at is not None or certificate.issue_status != IssueStatus.ISSUED:
            return False
        language = certificate.language or settings.LANGUAGE_CODE
        with translation.override(language):
            mine = settings.SITE_URL + reverse("certificates:mine")
        _send(
            certificate.learner,
            "issued",
            {
                "certificate": certificate,
                "mine_url": mine,
                "verification_url": verification_url(certificate.code, language),
            },
        )
        certificate.emailed_at = now or timezone.now()
        certificate.save(update_fields=["emailed_at"])
        _event(certificate, EventKind.EMAILED, at=certificate.emailed_at)
    return True


def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    """Revoke with a reason; the verification page and the revocation list show it at once."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for revoking this certificate.")}, code="reason")
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise ValidationError(_("This certificate is already revoked."), code="revoked")
        if locked.issue_status != IssueStatus.ISSUED:
            raise ValidationError(_("Only an issued certificate can be revoked."), code="not_issued")
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.revoked_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
        _event(locked, EventKind.REVOKED, actor=by, reason=reason)
    return locked


def certificate_retry(*, certificate: Certificate) -> None:
    """A trainer asks again for a failed certificate, or an issued one's missing PDF (after fixing its template)."""
    if certificate_can_retry(certificate):
        _enqueue_issue(certificate.pk)


def certificate_renew(*, certificate: Certificate, learner: User) -> Enrolment:
    """Open the next cycle: an enrolment in the refresher course, or in the course again."""
    if certificate.learner_id != learner.pk:
        raise ValidationError(_("This is not your certificate."), code="not_owner")
    rule = certification_for(course_key=certificate.course_key)
    today = timezone.localdate()
    opens = renewal_opens_on(certificate, rule)
    status = certificate.public_status(today)
    if status not in (PublicStatus.VALID, PublicStatus.EXPIRED) or opens is None or today < opens:
        raise ValidationError(_("Renewal of this certificate is not open yet."), code="not_open")
    key = rule.refresher_course.translation_key if rule and rule.refresher_course else certificate.course_key
    course = pages_in_language(CoursePage, [key], settings.LANGUAGE_CODE).get(key)
    if course is None:
        raise ValidationError(_("The course for renewal is not available."), code="unavailable")
    return enrolment_renew(learner=learner, course=course)


def reminders_send(*, today: date | None = None, learner_ids: Collection[int] | None = None) -> int:
    """Send each due expiry reminder (90, 60, 30, 7 days before) once, to everyone or to these
    learners; returns how many were sent."""
    today = today or timezone.localdate()
    thresholds = sorted(settings.CERTIFICATES_REMINDER_DAYS)
    candidates = Certificate.objects.filter(
        issue_status=IssueStatus.ISSUED,
        revoked_at__isnull=True,
        superseded_by__isnull=True,
        expires_on__gt=today,
        expires_on__lte=today + timedelta(days=thresholds[-1]),
    ).select_related("learner")
    if learner_ids is not None:
        candidates = candidates.filter(learner_id__in=learner_ids)
    sent = 0
    for certificate in candidates:
        days = (certificate.expires_on - today).days
        threshold = next(value for value in thresholds if days <= value)
        try:
            with transaction.atomic():
                ExpiryReminder.objects.create(certificate=certificate, days_before=threshold)
                _event(certificate, EventKind.REMINDER, reason=str(threshold))
        except IntegrityError:
            continue  # this reminder was sent already
        language = certificate.language or settings.LANGUAGE_CODE
        with translation.override(language):
            mine = settings.SITE_URL + reverse("certificates:mine")
        _send(certificate.learner, "reminder", {"certificate": certificate, "days": days, "mine_url": mine})
        sent += 1
    return sent


def certificates_reconcile(*, now=None) -> dict[str, int]:
    """The safety net (D5): issue what is due but missing, retry what failed, draw again the PDFs
    of issued certificates that have none, e-mail what was not."""
    now = now or timezone.now()
    grace = now - timedelta(minutes=2)
    requested = 0
    for enrolment in Enrolment.objects.filter(completed_at__isnull=False, completed_at__lt=grace, certificates=None):
        certificate_request(enrolment)
        requested += 1
    retried = 0
    for pk in Certificate.objects.filter(
        issue_status__in=[IssueStatus.PENDING, IssueStatus.FAILED], created_at__lt=grace, attempts__lt=MAX_ATTEMPTS
    ).values_list("pk", flat=True):
        _enqueue_issue(pk)
        retried += 1
    redrawn = 0
    for pk in certificates_without_pdf(max_failures=MAX_ATTEMPTS):
        _enqueue_issue(pk)
        redrawn += 1
    from certificates.tasks import certificate_email_task

    emailed = 0
    for pk in Certificate.objects.filter(
        issue_status=IssueStatus.ISSUED, emailed_at__isnull=True, issued_at__lt=grace
    ).values_list("pk", flat=True):
        send_task_on_commit(certificate_email_task, pk)
        emailed += 1
    cleaned = bulk_downloads_clean(now=now)
    return {
        "requested": requested,
        "retried": retried,
        "redrawn": redrawn,
        "emailed": emailed,
        "archives_removed": cleaned,
    }


def bulk_download_request(*, by: User, cohort: Cohort | None = None, country: Country | None = None) -> BulkDownload:
    if (cohort is None) == (country is None):
        raise ValidationError(_("Choose a cohort or a country."), code="scope")
    download = BulkDownload.objects.create(
        token=uuid.uuid4(),
        requested_by=by,
        cohort=cohort,
        country=country,
        expires_at=timezone.now() + timedelta(hours=settings.CERTIFICATES_BULK_DOWNLOAD_HOURS),
    )
    from certificates.tasks import bulk_download_task

    send_task_on_commit(bulk_download_task, download.pk)
    return download


def bulk_download_certificates(download: BulkDownload):
    """The issued certificates in a download's scope, as its requester may see them."""
    certificates = certificate_list(viewer=download.requested_by).filter(issue_status=IssueStatus.ISSUED)
    if download.cohort_id:
        certificates = certificates.filter(
            enrolment__cohort_id=download.cohort_id,
        )
    else:
        certificates = certificates.filter(learner__staff_profile__country_id=download.country_id)
    return certificates.order_by("learner_name", "code")


def bulk_download_build(download_id: int) -> BulkDownload:
    """The zip of a download's certificates; one whose PDF is not there (yet) is left out and counted."""
    download = BulkDownload.objects.select_related("requested_by", "cohort", "country").get(pk=download_id)
    if download.status == BulkStatus.READY:
        return download
    certificates = list(bulk_download_certificates(download))
    BulkDownload.objects.filter(pk=download.pk).update(status=BulkStatus.RUNNING, total=len(certificates), done=0)
    buffer = io.BytesIO()
    included = 0
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for index, certificate in enumerate(certificates, start=1):
            try:
                data = certificate_pdf_read(certificate)
            except PdfNotAsIssued:
                logger.error(
                    "The stored PDF of certificate %s is not the one issued; left out of the archive.", certificate.code
                )
                data = None
            if data is not None:
                archive.writestr(f"{slugify(certificate.learner_name)}-{certificate.code}.pdf", data)
                included += 1
            if index % 10 == 0 or index == len(certificates):
                BulkDownload.objects.filter(pk=download.pk).update(done=index)
    name = download.archive.field.upload_to(download, "archive.zip")
    if private_storage.exists(name):
        private_storage.delete(name)
    download.archive.save(name, ContentFile(buffer.getvalue()), save=False)
    download.status = BulkStatus.READY
    download.total = download.done = included
    download.left_out = len(certificates) - included
    download.save(update_fields=["archive", "status", "total", "done", "left_out"])
    return download


def bulk_download_failed(download_id: int, error: Exception) -> None:
    BulkDownload.objects.filter(pk=download_id).update(status=BulkStatus.FAILED, error=str(error)[:2000])


def bulk_downloads_clean(*, now=None) -> int:
    """Remove archives past their 24 hours."""
    now = now or timezone.now()
    removed = 0
    for download in BulkDownload.objects.filter(expires_at__lte=now).exclude(archive=""):
        download.archive.delete(save=False)
        download.save(update_fields=["archive"])
        removed += 1
    return removed
