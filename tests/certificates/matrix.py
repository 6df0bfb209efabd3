"""An issued certificate for the authorization matrix, drawn through the real pipeline."""

from __future__ import annotations

from django.utils import timezone
from wagtail.models import Locale

from certificates.models import Certificate, CertificateTemplate
from certificates.models.certificate import IssueStatus
from certificates.services.issuance import certificate_issue
from courses.models import Enrolment
from people.models import User
from tests.courses.factories import course


def default_template() -> CertificateTemplate:
    template = CertificateTemplate.objects.filter(is_default=True).first()
    if template is None:
        template = CertificateTemplate.objects.create(
            name="Matrix",
            locale=Locale.objects.get(language_code="es"),
            title="Certificado",
            body="Se certifica que {learner_name} aprobó «{course}» el {completion_date}.",
            is_default=True,
        )
    return template


def issued_certificate(learner: User) -> Certificate:
    existing = Certificate.objects.filter(learner=learner, issue_status=IssueStatus.ISSUED).first()
    if existing is not None:
        return existing
    default_template()
    page = course(modules=1, lessons_per_module=1, questions=0).page
    enrolment = Enrolment.objects.create(
        learner=learner, course_key=page.translation_key, source="trainer", completed_at=timezone.now()
    )
    certificate = Certificate.objects.create(learner=learner, course_key=page.translation_key, enrolment=enrolment)
    return certificate_issue(certificate.pk)
