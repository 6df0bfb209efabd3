"""E-mails to learners: the link to a certificate once issued, and reminders before it expires."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from certificates.drawing.facts_to_layout import verification_url
from certificates.models import Certificate, ExpiryReminder
from certificates.models.certificate import EventKind, IssueStatus
from certificates.services.history import event_record
from people.languages import supported_language as language_or_default
from people.models import User


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
        event_record(certificate, EventKind.EMAILED, at=certificate.emailed_at)
    return True


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
                event_record(certificate, EventKind.REMINDER, reason=str(threshold))
        except IntegrityError:
            continue  # this reminder was sent already
        language = certificate.language or settings.LANGUAGE_CODE
        with translation.override(language):
            mine = settings.SITE_URL + reverse("certificates:mine")
        _send(certificate.learner, "reminder", {"certificate": certificate, "days": days, "mine_url": mine})
        sent += 1
    return sent
