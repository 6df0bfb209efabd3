"""Reads about certificates. Lists of other people's certificates take the viewer and are
scoped by country through `people.selectors.country_scope_for` (D7).

The evidence a certificate freezes (`evidence_for`) and what it proves (`competencies_proved`)
are read here too: a credential claims only what the record proves (D11).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation

from certificates.codes import code_normalise
from certificates.models import BulkDownload, Certificate, CertificateTemplate, CourseCertification
from certificates.models.certificate import EventKind, IssueStatus, PublicStatus
from certificates.models.storage import private_storage
from certificates.signing.encoding import PayloadInvalid
from certificates.signing.evidence import evidence_verify
from certificates.signing.payload import payload_verify
from certificates.signing.revocations import revocations_sign
from courses.models import CoursePage, Enrolment
from courses.selectors.exercises import exercise_evidence, exercise_titles_in
from courses.selectors.pages import pages_in_language
from people.roles import Role
from people.selectors import Viewer, country_scope_for, user_roles
from sandbox.exercises import exercise_type
from sandbox.exercises.registry import UnknownExerciseType

CERTIFICATE_STAFF = frozenset({Role.TRAINER, Role.ADMINISTRATOR})


def certification_for(*, course_key: uuid.UUID) -> CourseCertification | None:
    return (
        CourseCertification.objects.filter(course__translation_key=course_key)
        .select_related("template", "refresher_course", "course")
        .first()
    )


def evidence_for(*, enrolment: Enrolment, language: str) -> list[dict]:
    """The exercises passed in this enrolment, as a certificate in `language` freezes them (its evidence).

    Titles and type titles are written in that language; the shape is `certificates.signing.evidence`'s.
    """
    course = pages_in_language(CoursePage, [enrolment.course_key], language).get(enrolment.course_key)
    if course is None:
        return []
    with translation.override(language):
        passed = exercise_evidence(enrolment=enrolment, course=course)
    titles = exercise_titles_in(course=course, exercise_keys=[item.exercise_key for item in passed])
    return [
        {**item.as_json(), "title": titles.get(item.exercise_key) or item.title, "type_title": item.type_title}
        for item in passed
    ]


def competencies_proved(*, rule: CourseCertification | None, language: str, evidence: list[dict]) -> tuple[str, ...]:
    """The rule's competencies whose exercise type the evidence holds, in `language`; none without evidence."""
    types = {entry["type"] for entry in evidence}
    if rule is None or not types:
        return ()
    return tuple(
        competency.text_in(language) for competency in rule.competencies.all() if competency.exercise_type in types
    )


def evidence_as_signed(certificate: Certificate) -> list[dict] | None:
    """The certificate's frozen evidence if its signed payload binds it, else None (the record was changed).

    A certificate signed before evidence was bound (OCAM1) binds none: it states no exercise.
    """
    try:
        claims = payload_verify(certificate.payload)
        if "ev" in claims:
            evidence_verify(certificate.evidence, claims)
        elif certificate.evidence:
            return None
    except PayloadInvalid:
        return None
    return list(certificate.evidence)


@dataclass(frozen=True)
class ExercisePassed:
    """One exercise of a certificate's evidence, for a page in the reader's language."""

    title: str
    type_title: str
    score: int
    passed_on: date
    attempts: int


def exercises_passed(evidence: list[dict]) -> list[ExercisePassed]:
    """The evidence for a page: each type named in the active language when the engine still has it."""
    rows = []
    for entry in evidence:
        try:
            type_title = str(exercise_type(entry["type"]).title)
        except UnknownExerciseType:
            type_title = entry["type_title"]
        rows.append(
            ExercisePassed(
                title=entry["title"],
                type_title=type_title,
                score=entry["score"],
                passed_on=date.fromisoformat(entry["passed_on"]),
                attempts=entry["attempts"],
            )
        )
    return rows


def template_default() -> CertificateTemplate | None:
    templates = CertificateTemplate.objects.filter(is_default=True).select_related("locale")
    for template in templates:
        if template.locale.language_code == settings.LANGUAGE_CODE:
            return template
    return templates.first()


def certificate_by_code(text: str) -> Certificate | None:
    """The issued certificate a typed or scanned code names (typos caught by the check character)."""
    code = code_normalise(text or "")
    if code is None:
        return None
    return Certificate.objects.filter(code=code, issue_status=IssueStatus.ISSUED).first()


def certificate_list(*, viewer: Viewer) -> QuerySet[Certificate]:
    """The certificates whose holders the viewer may see: their own, or their countries' for staff."""
    scope = country_scope_for(viewer=viewer)
    return Certificate.objects.filter(
        scope.people_filter(user_field="learner", country_field="learner__staff_profile__country")
    ).select_related("learner")


def certificate_for_holder_or_staff(
    *, viewer: Viewer, code: str, statuses: tuple[str, ...] = (IssueStatus.ISSUED,)
) -> Certificate:
    """A certificate the viewer may download: their own, or any in their scope for trainers and
    administrators; issued unless `statuses` says otherwise. Anyone else gets a 404, never a 403
    (the code's existence is not told)."""
    if not viewer.is_authenticated:
        raise Http404
    queryset = Certificate.objects.filter(code=code, issue_status__in=statuses)
    if not user_roles(user=viewer) & CERTIFICATE_STAFF:
        queryset = queryset.filter(learner=viewer)
    else:
        queryset = queryset.filter(pk__in=certificate_list(viewer=viewer).values("pk"))
    certificate = queryset.select_related("learner").first()
    if certificate is None:
        raise Http404
    return certificate


# A PDF is asked for as soon as a certificate exists: it may still be being issued (pending, or
# failed and waiting for a retry), or issued but without its file (legacy data, a lost file).
DOWNLOADABLE_STATUSES = (IssueStatus.PENDING, IssueStatus.FAILED, IssueStatus.ISSUED)


class PdfNotAsIssued(Exception):
    """The stored file is not the PDF that was issued (its SHA-256 differs): never hand it out."""


def certificate_pdf_exists(certificate: Certificate) -> bool:
    return bool(certificate.pdf.name) and private_storage.exists(certificate.pdf.name)


def certificate_can_retry(certificate: Certificate) -> bool:
    """Whether a trainer may ask again: its drawing failed, or it is issued but its PDF is missing."""
    if certificate.issue_status == IssueStatus.FAILED:
        return True
    return certificate.issue_status == IssueStatus.ISSUED and not certificate_pdf_exists(certificate)


def certificate_pdf_read(certificate: Certificate) -> bytes | None:
    """The issued PDF's bytes; None while there is none yet (the certificate is being prepared).

    PdfNotAsIssued when the stored file does not match the SHA-256 recorded at issue.
    """
    if certificate.issue_status != IssueStatus.ISSUED or not certificate.pdf.name:
        return None
    try:
        with private_storage.open(certificate.pdf.name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return None
    if hashlib.sha256(data).hexdigest() != certificate.sha256:
        raise PdfNotAsIssued(certificate.code)
    return data


def certificates_without_pdf(*, max_failures: int) -> list[int]:
    """Issued certificates whose PDF file is missing, unless drawing it again failed `max_failures` times."""
    rows = (
        Certificate.objects.filter(issue_status=IssueStatus.ISSUED)
        .annotate(
            redraw_failures=Count(
                "events", filter=Q(events__kind=EventKind.RENDER_FAILED, events__at__gt=F("issued_at"))
            )
        )
        .filter(redraw_failures__lt=max_failures)
        .values_list("pk", "pdf")
        .order_by("pk")
    )
    return [pk for pk, name in rows if not name or not private_storage.exists(name)]


@dataclass(frozen=True)
class HeldCertificate:
    certificate: Certificate
    status: PublicStatus
    course_url: str | None
    renewal_opens_on: date | None
    can_renew: bool
    expiring_soon: bool


def renewal_opens_on(certificate: Certificate, rule: CourseCertification | None) -> date | None:
    if certificate.expires_on is None:
        return None
    days = rule.renewal_window_days if rule else settings.CERTIFICATES_RENEWAL_WINDOW_DAYS
    return certificate.expires_on - timedelta(days=days)


def certificates_held(*, learner: Viewer, today: date | None = None) -> list[HeldCertificate]:
    """A learner's issued certificates, newest first, with status and renewal (four queries)."""
    if not learner.is_authenticated:
        return []
    today = today or timezone.localdate()
    certificates = list(
        Certificate.objects.filter(learner=learner, issue_status=IssueStatus.ISSUED).order_by("-issued_at")
    )
    keys = {certificate.course_key for certificate in certificates}
    rules = {
        rule.course.translation_key: rule
        for rule in CourseCertification.objects.filter(course__translation_key__in=keys).select_related("course")
    }
    courses = pages_in_language(CoursePage, keys)
    held = []
    horizon = today + timedelta(days=max(settings.CERTIFICATES_REMINDER_DAYS))
    for certificate in certificates:
        status = certificate.public_status(today)
        opens = renewal_opens_on(certificate, rules.get(certificate.course_key))
        current = status in (PublicStatus.VALID, PublicStatus.EXPIRED)
        course = courses.get(certificate.course_key)
        held.append(
            HeldCertificate(
                certificate=certificate,
                status=status,
                course_url=course.url if course else None,
                renewal_opens_on=opens,
                can_renew=current and opens is not None and today >= opens and course is not None,
                expiring_soon=status == PublicStatus.VALID
                and certificate.expires_on is not None
                and certificate.expires_on <= horizon,
            )
        )
    return held


def certificates_pending(*, learner: Viewer) -> QuerySet[Certificate]:
    """Certificates being prepared for the learner (shown as 'being issued')."""
    return Certificate.objects.filter(learner=learner, issue_status__in=[IssueStatus.PENDING, IssueStatus.FAILED])


def revocation_document() -> dict:
    """The signed list of certificates that are no longer valid although unexpired: revoked or superseded."""
    entries = []
    rows = Certificate.objects.filter(issue_status=IssueStatus.ISSUED).exclude(
        revoked_at__isnull=True, superseded_by__isnull=True
    )
    for code, revoked_at, superseded_at in rows.values_list("code", "revoked_at", "superseded_by__issued_at").order_by(
        "code"
    ):
        if revoked_at is not None:
            entries.append({"c": code, "status": "revoked", "at": timezone.localdate(revoked_at).isoformat()})
        else:
            at = timezone.localdate(superseded_at or timezone.now())
            entries.append({"c": code, "status": "superseded", "at": at.isoformat()})
    return revocations_sign(entries, issued_at=timezone.now().replace(microsecond=0).isoformat())


def bulk_downloads_for(*, viewer: Viewer) -> QuerySet[BulkDownload]:
    return BulkDownload.objects.filter(requested_by=viewer).select_related("cohort", "country")[:20]


def bulk_download_for(*, viewer: Viewer, token: uuid.UUID) -> BulkDownload:
    download = BulkDownload.objects.filter(requested_by=viewer, token=token).first()
    if download is None:
        raise Http404
    return download
