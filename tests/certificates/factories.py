"""Certificates for tests: templates, completed courses, certificates issued or recorded and read back.

`certificate_issued` goes through the real pipeline (one PDF render, about half a second);
`certificate_recorded` writes an issued row with a real signed payload and a small stand-in
PDF, for tests whose behaviour does not depend on what the PDF draws.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import TestCase
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter
from wagtail.models import Locale

from certificates import tasks
from certificates.drawing.facts_to_layout import CertificateFacts
from certificates.models import Certificate, CertificateTemplate, TemplateLogo
from certificates.models.certificate import IssueStatus
from certificates.services.archives import bulk_download_build
from certificates.services.emails import certificate_email_send
from certificates.services.issuance import IssueFailed, certificate_issue, certificate_request
from certificates.signing.evidence import evidence_digest
from certificates.signing.keys import signing_key
from certificates.signing.payload import payload_sign
from courses import services as course_services
from courses.models import Cohort, CoursePage, Enrolment, EnrolmentSource, LessonPage
from media.models import CustomImage
from people.models import User
from tests.courses import factories as course_factories

TITLES = {"es": "Certificado de aprobación", "en": "Certificate of completion"}
BODIES = {
    "es": "Se certifica que {learner_name} aprobó el curso «{course}» ({hours} horas) el {completion_date}.\n\n"
    "Válido hasta el {expiry_date}. Código: {code}.",
    "en": "This certifies that {learner_name} passed the course “{course}” ({hours} hours) on {completion_date}.\n\n"
    "Valid until {expiry_date}. Code: {code}.",
}


def locale(language: str) -> Locale:
    return Locale.objects.get(language_code=language)


def image(title: str = "Logo", colour: tuple[int, int, int] = (31, 78, 121)) -> CustomImage:
    """A small PNG in the media library."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    picture = CustomImage(title=title)
    picture.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title.lower()}.png")
    picture.save()
    return picture


def certificate_template(
    *,
    language: str = "es",
    translation_of: CertificateTemplate | None = None,
    logo: CustomImage | None = None,
    is_default: bool = True,
    **fields,
) -> CertificateTemplate:
    """A template saved without its one-page check (which renders a PDF); the texts fit."""
    template = CertificateTemplate(
        name=fields.pop("name", f"Plantilla ({language})"),
        locale=locale(language),
        title=fields.pop("title", TITLES[language]),
        body=fields.pop("body", BODIES[language]),
        is_default=is_default,
        **fields,
    )
    if translation_of is not None:
        template.translation_key = translation_of.translation_key
    template.save()
    if logo is not None:
        TemplateLogo.objects.create(template=template, image=logo, alt="Logo")
    return template


def course_page(**fields) -> CoursePage:
    """A published course of one lesson (no quiz): completing the lesson completes the course."""
    return course_factories.course(modules=1, lessons_per_module=1, **fields).page


def completed_enrolment(
    *,
    learner: User,
    course: CoursePage,
    completed_at: datetime | None = None,
    cycle: int = 1,
    cohort: Cohort | None = None,
) -> Enrolment:
    return Enrolment.objects.create(
        learner=learner,
        course_key=course.translation_key,
        cycle=cycle,
        cohort=cohort,
        source=EnrolmentSource.TRAINER,
        completed_at=completed_at or timezone.now(),
    )


def course_complete(*, learner: User, course: CoursePage) -> Enrolment:
    """Complete every lesson through the courses services, running what they queue on commit."""
    enrolment = course_services.enrolment_create(learner=learner, course=course, source=EnrolmentSource.TRAINER)
    with TestCase.captureOnCommitCallbacks(execute=True):
        for lesson in LessonPage.objects.descendant_of(course).live().order_by("path"):
            course_services.lesson_complete(
                enrolment=Enrolment.objects.get(pk=enrolment.pk), lesson=lesson, course=course
            )
    return Enrolment.objects.get(pk=enrolment.pk)


def certificate_issued(*, learner: User, course: CoursePage, completed_at: datetime | None = None) -> Certificate:
    """A certificate issued through the real services (the receiver's request, then the task's body)."""
    enrolment = completed_enrolment(learner=learner, course=course, completed_at=completed_at)
    certificate = certificate_request(enrolment)
    return certificate_issue(certificate.pk)


def pdf_stand_in() -> bytes:
    """A valid one-page PDF that costs no render."""
    writer = PdfWriter()
    writer.add_blank_page(width=842, height=595)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def certificate_recorded(
    *,
    learner: User,
    course: CoursePage,
    expires_on: date | None = None,
    completed_on: date | None = None,
    cycle: int = 1,
    cohort: Cohort | None = None,
    enrolment: Enrolment | None = None,
    evidence: list[dict] | None = None,
) -> Certificate:
    """An issued certificate written directly: a genuine signed payload (binding `evidence`, none by
    default), a stand-in PDF.

    One that has expired already was issued on its expiry date (a payload never expires before it is issued).
    """
    evidence = evidence or []
    issued_on = min(timezone.localdate(), expires_on) if expires_on else timezone.localdate()
    completed_on = completed_on or issued_on
    if enrolment is None:
        enrolment = completed_enrolment(
            learner=learner,
            course=course,
            cycle=cycle,
            cohort=cohort,
            completed_at=timezone.make_aware(datetime.combine(completed_on, datetime.min.time()) + timedelta(hours=12)),
        )
    certificate = Certificate(learner=learner, course_key=course.translation_key, cycle=cycle, enrolment=enrolment)
    facts = CertificateFacts(
        code=certificate.code,
        language=learner.preferred_language,
        learner_name=learner.full_name,
        course_title=course.title,
        completed_on=completed_on,
        issued_on=issued_on,
        expires_on=expires_on,
    )
    kid, _key = signing_key()
    certificate.payload = payload_sign(
        {
            "c": facts.code,
            "n": facts.name,
            "k": facts.course_title,
            "ck": str(course.translation_key),
            "iat": facts.issued_on.isoformat(),
            "exp": expires_on.isoformat() if expires_on else None,
            "iss": settings.CERTIFICATES_ISSUER_NAME,
            "ev": evidence_digest(evidence),
        }
    )
    certificate.evidence = evidence
    data = pdf_stand_in()
    certificate.pdf.save("certificate.pdf", ContentFile(data), save=False)
    certificate.sha256 = hashlib.sha256(data).hexdigest()
    certificate.key_id = kid
    certificate.language = facts.language
    certificate.learner_name = facts.name
    certificate.course_title = facts.course_title
    certificate.completed_on = completed_on
    certificate.expires_on = expires_on
    certificate.issued_at = timezone.now() - timedelta(days=(timezone.localdate() - issued_on).days)
    certificate.issue_status = IssueStatus.ISSUED
    certificate.attempts = 1
    certificate.save()
    return certificate


@dataclass
class TaskCalls:
    """The certificate tasks that were sent, by their argument, in order."""

    issue: list[int] = field(default_factory=list)
    email: list[int] = field(default_factory=list)
    bulk_download: list[int] = field(default_factory=list)


def tasks_run_inline(monkeypatch) -> TaskCalls:
    """Each certificate task, when sent, runs its service at once (as a worker would) and is recorded.

    A failed issue stays failed, as it does between a worker's retries.
    """
    calls = TaskCalls()

    def issue(certificate_id: int) -> None:
        calls.issue.append(certificate_id)
        with contextlib.suppress(IssueFailed):
            certificate_issue(certificate_id)

    def email(certificate_id: int) -> None:
        calls.email.append(certificate_id)
        certificate_email_send(certificate_id)

    def bulk_download(download_id: int) -> None:
        calls.bulk_download.append(download_id)
        bulk_download_build(download_id)

    monkeypatch.setattr(tasks.certificate_issue_task, "delay", issue)
    monkeypatch.setattr(tasks.certificate_email_task, "delay", email)
    monkeypatch.setattr(tasks.bulk_download_task, "delay", bulk_download)
    return calls


def fresh(certificate: Certificate) -> Certificate:
    """The certificate as it is stored now."""
    return Certificate.objects.get(pk=certificate.pk)


def today() -> date:
    """Today in the platform's time zone."""
    return timezone.localdate()
