"""After issue: a trainer revokes a certificate, a holder renews it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate
from certificates.models.certificate import EventKind, IssueStatus, PublicStatus
from certificates.selectors import certification_for, renewal_opens_on
from certificates.services.history import event_record
from courses.models import CoursePage, Enrolment
from courses.selectors.pages import pages_in_language
from courses.services import enrolment_renew
from people.models import User


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
        event_record(locked, EventKind.REVOKED, actor=by, reason=reason)
    return locked


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
