"""Audit events for the audit viewer's tests: baseline events of a country's generated log, and a
focal point of Guatemala (or another country) with their sandbox."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sandbox import services
from sandbox.models import AuditEvent, Sandbox
from tests.people.factories import person
from tests.sandbox.baseline_rows import next_baseline_uid

# 2025-03-10 15:00 in Guatemala (UTC-6).
NOON_GT = dt.datetime(2025, 3, 10, 21, tzinfo=dt.UTC)


def baseline_event(**fields: Any) -> AuditEvent:
    values = {
        "actor_label": "Inspector 0412 (GT-TUM)",
        "action": "VIEW",
        "object_type": "person",
        "object_uid": 7,
        "purpose_code": "BORDER_CHECK",
        "case_reference": "GT-2025-00001",
        "occurred_at": NOON_GT,
        "held_by_id": "GTM",
        "parameters": {},
        **fields,
    }
    event = AuditEvent(**values)
    event.uid = next_baseline_uid(AuditEvent)[0]
    event.sandbox = None
    event.is_deleted = False
    event.save(force_insert=True)
    return event


def baseline_events(count: int, **fields: Any) -> list[AuditEvent]:
    """`count` events in one insert, a minute apart."""
    uids = next_baseline_uid(AuditEvent, count)
    rows = []
    for index, uid in enumerate(uids):
        values = {
            "actor_label": f"Inspector {index:04d} (GT-TUM)",
            "action": "VIEW",
            "object_type": "person",
            "object_uid": index + 1,
            "purpose_code": "BORDER_CHECK",
            "case_reference": "GT-2025-00001",
            "occurred_at": NOON_GT - dt.timedelta(minutes=index),
            "held_by_id": "GTM",
            "parameters": {},
            **fields,
        }
        rows.append(AuditEvent(uid=uid, sandbox=None, is_deleted=False, **values))
    return AuditEvent.objects.bulk_create(rows)


def focal_point(authority: str = "gt-igm", role: str = "focal_point") -> tuple[Any, Sandbox]:
    """A learner of the authority's country acting as focal point (or `role`), and their sandbox."""
    user = person(authority_code=authority)
    sandbox = services.sandbox_get_or_create(user=user)
    sandbox.role = role
    sandbox.save(update_fields=["role"])
    return user, sandbox
