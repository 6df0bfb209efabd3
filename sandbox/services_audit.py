"""The audit reviewer's flags: events of the country's log marked for review (DOMAIN.md 5c #13).

A flag is itself an audit event, so the log stays append-only and no table is added: the
reviewer's UPDATE of record type "audit_event", `object_uid` the flagged event's uid and
`parameters` {"flag": true, "note": ...}; removing a flag writes {"flag": false}. The latest
such event of the reviewer per flagged event wins (`selectors_audit.audit_flags`). A flag on an
event of an exercise's scenario carries the scenario's mark, so restarting the exercise removes
it with the scenario.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sandbox import selectors_audit, services
from sandbox.models import Sandbox
from sandbox.models.choices import AuditAction

if TYPE_CHECKING:
    from people.models import User

FLAG_OBJECT_TYPE = "audit_event"
FLAG_NOTE_MAX = 200
FLAGS_PER_POST_MAX = 200


@transaction.atomic
def audit_flag(*, sandbox: Sandbox, actor: User, uids: list[int], flag: bool, note: str = "") -> int:
    """Flag (or unflag) the events `uids` of the country's log the sandbox reads; returns how many
    changed. An event already in the asked state is left alone: a double submit writes nothing.
    Raises ValidationError for no event, too many, or one the reviewer's log does not hold."""
    wanted = sorted(set(uids))
    if not wanted:
        raise ValidationError(_("Choose at least one event of the log."))
    if len(wanted) > FLAGS_PER_POST_MAX:
        raise ValidationError(
            ngettext(
                "Choose at most %(count)s event at a time.",
                "Choose at most %(count)s events at a time.",
                FLAGS_PER_POST_MAX,
            )
            % {"count": FLAGS_PER_POST_MAX}
        )
    note = " ".join((note or "").split())[:FLAG_NOTE_MAX]
    # The sandbox row serialises two submits of the same reviewer (select_for_update).
    Sandbox.objects.select_for_update().filter(pk=sandbox.pk).first()
    events = dict(
        selectors_audit.audit_events(sandbox=sandbox, filters=selectors_audit.AuditFilters())
        .filter(uid__in=wanted)
        .values_list("uid", "scenario")
    )
    if len(events) != len(wanted):
        raise ValidationError(_("One of the chosen events is not in your country's audit log."))
    current = selectors_audit.audit_flags(sandbox=sandbox, actor=actor, uids=wanted)
    changed = 0
    for uid in wanted:
        if (uid in current) == flag:
            continue
        services.audit_record(
            sandbox=sandbox,
            actor=actor,
            action=AuditAction.UPDATE,
            object_type=FLAG_OBJECT_TYPE,
            object_uid=uid,
            parameters={"flag": True, "note": note} if flag else {"flag": False},
            scenario=events[uid],
        )
        changed += 1
    return changed
