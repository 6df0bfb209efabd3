"""Reads of the secondary line: the travellers referred at the posts and one referral's case.

Every read is of the learner's view (`visible_to`), so another learner's referrals and hits do
not exist here. The queue and a case are each a fixed number of queries, whatever the number
of referrals and hits: the referred movements, then their hits, alerts and people (or the
case's document and notifications) each in one query by uid.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sandbox.models import Alert, AlertHit, CrossingPoint, Document, HitNotification, Movement, Person
from sandbox.models.choices import Decision, HitDisposition

if TYPE_CHECKING:
    from sandbox.models import Sandbox


@dataclass
class HitView:
    """A hit with its alert and, once sent, the notification to the alert's issuing country."""

    hit: AlertHit
    alert: Alert | None  # None: the alert left the learner's view (deleted)
    notification: HitNotification | None = None

    @property
    def is_pending(self) -> bool:
        return self.hit.disposition == HitDisposition.PENDING


@dataclass
class Referral:
    """A referred movement, its traveller on file and its hits (for the queue: the pending ones)."""

    movement: Movement
    person: Person | None
    hits: list[HitView] = field(default_factory=list)

    @property
    def local_time(self) -> dt.datetime:
        """When the traveller was referred, in the post's local time."""
        zone = self.movement.crossing_point.country.time_zone or "UTC"
        return self.movement.occurred_at.astimezone(zoneinfo.ZoneInfo(zone))


@dataclass
class Case(Referral):
    document: Document | None = None


def _alerts_by_uid(*, sandbox: Sandbox | None, uids: set[int]) -> dict[int, Alert]:
    alerts = Alert.objects.visible_across(sandbox).filter(uid__in=uids)
    alerts = alerts.select_related("category", "issuing_country", "subject_nationality", "document_issuing_state")
    return {alert.uid: alert for alert in alerts}


def referrals_waiting(*, sandbox: Sandbox | None, crossing_point: str = "") -> list[Referral]:
    """The referred travellers of the learner's view, oldest first, each with their pending hits;
    `crossing_point`, a post's code, keeps that post's. Four queries."""
    movements = Movement.objects.visible_to(sandbox).filter(decision=Decision.REFERRED)
    if crossing_point:
        movements = movements.filter(crossing_point_id=crossing_point)
    movements = list(movements.select_related("crossing_point__country").order_by("occurred_at", "uid"))
    if not movements:
        return []
    hits = list(
        AlertHit.objects.visible_to(sandbox)
        .filter(movement_uid__in=[movement.uid for movement in movements], disposition=HitDisposition.PENDING)
        .order_by("uid")
    )
    alerts = _alerts_by_uid(sandbox=sandbox, uids={hit.alert_uid for hit in hits})
    people = {
        person.uid: person
        for person in Person.objects.visible_to(sandbox).filter(uid__in={movement.person_uid for movement in movements})
    }
    referrals = {
        movement.uid: Referral(movement=movement, person=people.get(movement.person_uid)) for movement in movements
    }
    for hit in hits:
        referrals[hit.movement_uid].hits.append(HitView(hit=hit, alert=alerts.get(hit.alert_uid)))
    return list(referrals.values())


def referral_posts(*, sandbox: Sandbox | None) -> list[CrossingPoint]:
    """The crossing points where travellers of the learner's view wait at the secondary line, by name."""
    codes = (
        Movement.objects.visible_to(sandbox)
        .filter(decision=Decision.REFERRED)
        .values_list("crossing_point_id", flat=True)
        .distinct()
    )
    return list(CrossingPoint.objects.filter(code__in=list(codes)).select_related("country").order_by("name"))


def referral_case(*, sandbox: Sandbox | None, movement_uid: int) -> Case | None:
    """One movement's case at the secondary line: the traveller on file, their document, and
    every hit of the movement with its alert and notification. None for a movement outside the
    learner's view, or one that was neither referred nor screened with a hit."""
    movement = (
        Movement.objects.visible_to(sandbox)
        .filter(uid=movement_uid)
        .select_related("crossing_point__country", "nationality")
        .first()
    )
    if movement is None:
        return None
    hits = list(AlertHit.objects.visible_to(sandbox).filter(movement_uid=movement.uid).select_related("disposed_by"))
    if not hits and movement.decision != Decision.REFERRED:
        return None
    hits.sort(key=lambda hit: hit.uid)
    alerts = _alerts_by_uid(sandbox=sandbox, uids={hit.alert_uid for hit in hits})
    notifications = {
        notification.hit_uid: notification
        for notification in HitNotification.objects.visible_to(sandbox)
        .filter(hit_uid__in=[hit.uid for hit in hits])
        .select_related("to_country")
    }
    person = Person.objects.visible_to(sandbox).filter(uid=movement.person_uid).select_related("nationality").first()
    document = None
    if movement.document_uid is not None:
        document = (
            Document.objects.visible_to(sandbox)
            .filter(uid=movement.document_uid)
            .select_related("document_type", "issuing_state")
            .first()
        )
    return Case(
        movement=movement,
        person=person,
        document=document,
        hits=[
            HitView(hit=hit, alert=alerts.get(hit.alert_uid), notification=notifications.get(hit.uid)) for hit in hits
        ],
    )


def hit_get(*, sandbox: Sandbox | None, uid: int) -> AlertHit:
    """A hit of the learner's view; AlertHit.DoesNotExist for anyone else's."""
    return AlertHit.objects.visible_to(sandbox).get(uid=uid)
