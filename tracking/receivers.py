"""Keep each person's training status current when what it depends on changes.

A certificate saved (issued, revoked, superseded) or a staff profile saved (country, job
function) refreshes that person's statuses once the transaction commits; the daily refresh
task moves dates along (due -> overdue, expiring bands) and is the safety net.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

_pending: set[int] = set()


def _flush() -> None:
    from tracking.services.statuses import people_refresh

    people = set(_pending)
    _pending.clear()
    if people:
        people_refresh(person_ids=people)


def _person_changed(person_id: int | None) -> None:
    if person_id is None:
        return
    # Each save registers the flush; the first to run refreshes everyone pending, the rest
    # find nothing (a rolled-back save leaves an id whose refresh is merely redundant).
    _pending.add(person_id)
    transaction.on_commit(_flush)


def certificate_saved(sender: type, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    _person_changed(instance.learner_id)


def profile_saved(sender: type, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    _person_changed(instance.user_id)


def connect() -> None:
    from certificates.models import Certificate
    from people.models import StaffProfile

    post_save.connect(certificate_saved, sender=Certificate, dispatch_uid="tracking_certificate_saved")
    post_save.connect(profile_saved, sender=StaffProfile, dispatch_uid="tracking_profile_saved")
    post_delete.connect(profile_saved, sender=StaffProfile, dispatch_uid="tracking_profile_deleted")
