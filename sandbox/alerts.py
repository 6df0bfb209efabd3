"""Alert management: creation, four-eyes approval and the lifecycle, on one transition table.

Job: every change of an alert's status goes through `alert_transition`, which looks the change
up in `TRANSITIONS` (from which statuses, to which) and refuses anything else; writes the alert
and an `AlertChange` (who, when, from, to, why) in the learner's layer, and an audit event.

Rules, each enforced here and tested:
- an alert is created awaiting approval (DRAFT) and becomes ACTIVE only when a second user
  approves it; its creator can never approve it (also a CHECK constraint on the table);
- an extension needs a justification and cannot take the alert past its category's longest
  validity, counted from the day it became valid;
- an alert is expired only once its validity has run out (before that it is cancelled);
- only the issuing country changes an alert's status; anyone who may see it can ask the
  issuing country to follow it up (a change that keeps the status);
- a change applies to the alert as it stands when it is written: the learner's sandbox row is
  locked and the alert read again, so two submits of one change (a double click, two tabs)
  apply it once, the second refused by the table or by the status the form expected.

In the sandbox the second user is a simulated colleague of the learner's country
(`colleague_for`): an account that cannot sign in, which approves a complete draft on
request and rejects an incomplete one, naming what is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sandbox.models import Alert, AlertCategory, AlertChange, Sandbox
from sandbox.models.choices import AlertChangeKind, AlertStatus, SharingScope
from sandbox.services import audit_record, record_create, record_update

if TYPE_CHECKING:
    from people.models import User

DRAFT, ACTIVE, SUSPENDED, EXPIRED, CANCELLED, FULFILLED = (
    AlertStatus.DRAFT,
    AlertStatus.ACTIVE,
    AlertStatus.SUSPENDED,
    AlertStatus.EXPIRED,
    AlertStatus.CANCELLED,
    AlertStatus.FULFILLED,
)


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str | None  # None: the status stays as it was
    needs_justification: bool = False
    by_issuer_only: bool = True


# The one table of allowed changes. Anything not here is refused.
TRANSITIONS: dict[str, Transition] = {
    AlertChangeKind.APPROVE: Transition(frozenset({DRAFT}), ACTIVE),
    AlertChangeKind.REJECT: Transition(frozenset({DRAFT}), CANCELLED, needs_justification=True),
    AlertChangeKind.REVIEW: Transition(frozenset({ACTIVE, SUSPENDED}), None),
    AlertChangeKind.EXTEND: Transition(frozenset({ACTIVE}), None, needs_justification=True),
    AlertChangeKind.SUSPEND: Transition(frozenset({ACTIVE}), SUSPENDED, needs_justification=True),
    AlertChangeKind.RESUME: Transition(frozenset({SUSPENDED}), ACTIVE),
    AlertChangeKind.FULFIL: Transition(frozenset({ACTIVE, SUSPENDED}), FULFILLED, needs_justification=True),
    AlertChangeKind.CANCEL: Transition(frozenset({DRAFT, ACTIVE, SUSPENDED}), CANCELLED, needs_justification=True),
    AlertChangeKind.EXPIRE: Transition(frozenset({ACTIVE, SUSPENDED}), EXPIRED),
    AlertChangeKind.FOLLOW_UP: Transition(
        frozenset({ACTIVE, SUSPENDED}), None, needs_justification=True, by_issuer_only=False
    ),
}

# Days between reviews of an active alert.
REVIEW_INTERVAL_DAYS = 90


def allowed_changes(alert: Alert) -> list[str]:
    """The changes the table allows from the alert's status, in the table's order."""
    return [kind for kind, transition in TRANSITIONS.items() if alert.status in transition.sources]


def colleague_for(country: str) -> User:
    """The simulated colleague of a country's authority who approves the learners' drafts."""
    user_model = get_user_model()
    email = f"colega.{country.lower()}@sandbox.invalid"
    user = user_model.objects.filter(email=email).first()
    if user is None:
        # No usable password and inactive: the account signs an approval, never in.
        user = user_model.objects.create_user(
            email=email,
            password=None,
            is_active=False,
            full_name=_("Simulated colleague (%(country)s)") % {"country": country},
        )
    return user


def _today() -> dt.date:
    return timezone.localdate()


def alert_validate(
    *,
    category: AlertCategory,
    valid_from: dt.date,
    valid_until: dt.date | None,
    sharing_scope: str,
    shared_with: list[str],
) -> dict[str, list[str]]:
    """Field errors of an alert's validity and sharing, in the reader's language."""
    errors: dict[str, list[str]] = {}
    if valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = [_("The alert cannot end before it starts.")]
    elif valid_until is not None and (valid_until - valid_from).days > category.max_validity_days:
        errors["valid_until"] = [
            ngettext(
                "An alert of this category is valid for %(days)s day at most.",
                "An alert of this category is valid for %(days)s days at most.",
                category.max_validity_days,
            )
            % {"days": category.max_validity_days}
        ]
    if sharing_scope == SharingScope.SELECTED and not shared_with:
        errors["shared_with"] = [_("Choose the countries the alert is shared with.")]
    if sharing_scope != SharingScope.SELECTED and shared_with:
        errors["shared_with"] = [_("Countries are chosen only for an alert shared with selected countries.")]
    return errors


@transaction.atomic
def alert_create(*, sandbox: Sandbox, actor: User, scenario: int | None = None, **fields: Any) -> Alert:
    """A new alert, awaiting a second user's approval."""
    category: AlertCategory = fields["category"]
    valid_from = fields.get("valid_from") or _today()
    valid_until = fields.get("valid_until")
    if valid_until is None:
        valid_until = valid_from + dt.timedelta(days=category.default_validity_days)
    errors = alert_validate(
        category=category,
        valid_from=valid_from,
        valid_until=valid_until,
        sharing_scope=fields.get("sharing_scope", ""),
        shared_with=list(fields.get("shared_with") or []),
    )
    if not fields.get("legal_reference", "").strip():
        errors["legal_reference"] = [_("Give the legal basis: the court order or file number.")]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    alert = record_create(
        sandbox=sandbox,
        model=Alert,
        scenario=scenario,
        **{
            "subject_kind": category.subject_kind,
            "action": category.default_action,
            "sensitivity": category.sensitivity,
            "review_due": min(valid_until, valid_from + dt.timedelta(days=REVIEW_INTERVAL_DAYS)),
            "is_training_inflated": False,
            **fields,
            "valid_from": valid_from,
            "valid_until": valid_until,
            "status": DRAFT,
            "created_by": actor,
            "created_at": now,
            "approved_by": None,
            "approved_at": None,
        },
    )
    _change(sandbox=sandbox, alert=alert, actor=actor, kind=AlertChangeKind.CREATE, before=None, justification="")
    audit_record(
        sandbox=sandbox, actor=actor, action="CREATE", object_type="alert", object_uid=alert.uid, scenario=scenario
    )
    return alert


@dataclass(frozen=True)
class _Before:
    status: str
    valid_until: dt.date | None


def _change(
    *, sandbox: Sandbox, alert: Alert, actor: User, kind: str, before: _Before | None, justification: str
) -> AlertChange:
    return record_create(
        sandbox=sandbox,
        model=AlertChange,
        scenario=alert.scenario,
        alert_uid=alert.uid,
        kind=kind,
        from_status=before.status if before is not None else "",
        to_status=alert.status,
        valid_until_before=before.valid_until if before is not None else None,
        valid_until_after=alert.valid_until,
        justification=justification,
        actor=actor,
        occurred_at=timezone.now(),
    )


class TransitionRefused(ValidationError):
    """A change the transition table or the four-eyes rule does not allow."""


def _current(sandbox: Sandbox, alert: Alert) -> Alert:
    """The alert as it stands in the learner's view, read again with the learner's sandbox row
    locked until the transaction ends: changes to one learner's alerts run one after another.
    Another member's alert shared with the learner's country is reached too (a follow-up asks
    its issuer); the transition table leaves its status to the issuer."""
    from sandbox.screening import alert_reachable

    Sandbox.objects.select_for_update().filter(pk=sandbox.pk).values_list("pk", flat=True).first()
    return alert_reachable(sandbox=sandbox, uid=alert.uid)


@transaction.atomic
def alert_transition(
    *,
    sandbox: Sandbox,
    alert: Alert,
    actor: User,
    kind: str,
    justification: str = "",
    valid_until: dt.date | None = None,
    actor_country: str | None = None,
    expected_status: str | None = None,
) -> Alert:
    """Apply one change of the table to an alert of the learner's view.

    `actor_country`: the country the actor works for (None: not bound to one, as an IOM
    trainer trying the sandbox). `valid_until`: the new end of an extension.
    `expected_status`: the status the actor saw when they chose the change (a screen's form);
    when the alert has moved on since, the change is refused and nothing is written."""
    alert = _current(sandbox, alert)
    if expected_status is not None and alert.status != expected_status:
        raise TransitionRefused(
            _("The alert changed while you were deciding: it is now “%(status)s”. Nothing was written.")
            % {"status": alert.get_status_display()}
        )
    transition = TRANSITIONS.get(kind)
    if transition is None or alert.status not in transition.sources:
        change = AlertChangeKind(kind).label if kind in AlertChangeKind.values else kind
        raise TransitionRefused(
            _("An alert that is “%(status)s” cannot be “%(change)s”.")
            % {"status": alert.get_status_display(), "change": change}
        )
    if transition.by_issuer_only and actor_country is not None and actor_country != alert.issuing_country_id:
        raise TransitionRefused(_("Only the country that issued the alert changes its status."))
    justification = justification.strip()
    if transition.needs_justification and not justification:
        raise ValidationError({"justification": [_("Give the reason for this change.")]})
    changes: dict[str, Any] = {}
    today = _today()
    own = alert.created_by_id is not None and alert.created_by_id == actor.pk
    if kind in (AlertChangeKind.APPROVE, AlertChangeKind.REJECT) and own:
        raise TransitionRefused(_("A second user approves an alert: its author cannot approve their own."))
    if kind == AlertChangeKind.APPROVE:
        changes.update(approved_by=actor, approved_at=timezone.now())
    elif kind == AlertChangeKind.REVIEW:
        changes["review_due"] = _next_review(alert, today)
    elif kind == AlertChangeKind.EXTEND:
        if valid_until is None:
            raise ValidationError({"valid_until": [_("Give the new end of the alert's validity.")]})
        if alert.valid_until is not None and valid_until <= alert.valid_until:
            raise ValidationError({"valid_until": [_("An extension ends later than the alert does now.")]})
        if valid_until <= today:
            raise ValidationError({"valid_until": [_("An extension ends after today.")]})
        longest = alert.valid_from + dt.timedelta(days=alert.category.max_validity_days)
        if valid_until > longest:
            raise ValidationError(
                {
                    "valid_until": [
                        _("An alert of this category cannot be valid beyond %(date)s.") % {"date": longest.isoformat()}
                    ]
                }
            )
        changes["valid_until"] = valid_until
        changes["review_due"] = min(valid_until, today + dt.timedelta(days=REVIEW_INTERVAL_DAYS))
    elif kind == AlertChangeKind.EXPIRE and (alert.valid_until is None or alert.valid_until >= today):
        raise TransitionRefused(_("The alert is still within its validity: cancel it instead of expiring it."))
    if transition.target is not None:
        changes["status"] = transition.target
    # Taken before the update, which changes the learner's own row in place.
    before = _Before(status=alert.status, valid_until=alert.valid_until)
    updated = record_update(sandbox=sandbox, record=alert, **changes) if changes else alert
    _change(sandbox=sandbox, alert=updated, actor=actor, kind=kind, before=before, justification=justification)
    audit_record(
        sandbox=sandbox,
        actor=actor,
        action="UPDATE",
        object_type="alert",
        object_uid=alert.uid,
        parameters={"change": kind},
        scenario=alert.scenario,
    )
    return updated


def _next_review(alert: Alert, today: dt.date) -> dt.date:
    due = today + dt.timedelta(days=REVIEW_INTERVAL_DAYS)
    return min(due, alert.valid_until) if alert.valid_until and alert.valid_until > today else due


def alert_missing(alert: Alert) -> list[str]:
    """What a complete alert needs and this draft lacks, as the colleague names it."""
    missing = []
    if not alert.legal_reference.strip():
        missing.append(_("the legal basis"))
    if alert.subject_kind == "DOCUMENT" and not (alert.document_number and alert.document_issuing_state_id):
        missing.append(_("the document number and issuing state"))
    if alert.subject_kind == "PERSON" and not (alert.subject_name and alert.subject_birth_date):
        missing.append(_("the subject's name and date of birth"))
    if alert.valid_until is None:
        missing.append(_("the end of its validity"))
    return missing


@transaction.atomic
def alert_request_approval(*, sandbox: Sandbox, alert: Alert, actor: User) -> Alert:
    """Ask the simulated colleague of the issuing country to approve a draft: approved when
    complete, else rejected with what is missing."""
    alert = _current(sandbox, alert)
    colleague = colleague_for(alert.issuing_country_id)
    if colleague.pk == actor.pk:  # pragma: no cover - a colleague never signs in
        raise TransitionRefused(_("A second user approves an alert: its author cannot approve their own."))
    if alert.status != DRAFT:
        raise TransitionRefused(
            _("Only an alert awaiting approval is sent for approval; this one is “%(status)s”.")
            % {"status": alert.get_status_display()}
        )
    missing = alert_missing(alert)
    if missing:
        return alert_transition(
            sandbox=sandbox,
            alert=alert,
            actor=colleague,
            kind=AlertChangeKind.REJECT,
            justification=_("Incomplete: %(missing)s.") % {"missing": ", ".join(missing)},
        )
    return alert_transition(sandbox=sandbox, alert=alert, actor=colleague, kind=AlertChangeKind.APPROVE)
