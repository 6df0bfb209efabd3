"""The append-only history every write to a certificate adds to (`CertificateEvent`)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from certificates.models import Certificate, CertificateEvent
from people.models import User


def event_record(
    certificate: Certificate, kind: str, *, actor: User | None = None, reason: str = "", at: datetime | None = None
) -> None:
    at = at or timezone.now()
    CertificateEvent.objects.create(certificate=certificate, kind=kind, actor=actor, reason=reason, at=at)
