"""Screening a traveller against the alerts before the officer decides, and the secondary line.

Job:
- `screen`: after the document is read, look the alerts up by blocking keys only (the
  document's number and issuing state, the person on file, the birth date with day and month
  in either order; never a scan of all alerts or people), keep those in force at the post on
  that day and shared with the post's country, score people with `sandbox.matching`, and write
  a PENDING `AlertHit` for each POSSIBLE or HIT. No movement is written: the hits wait for the
  officer's decision, which `hits_attach` links them to.
- `hit_adjudicate`: the secondary officer's disposition (CONFIRMED or FALSE_POSITIVE, with a
  reason); on a confirmed hit the alert's action is applied (refuse, seize the document, notify
  the police or child protection) and the issuing country, if it is another, is notified; once
  no hit of the movement is pending, the movement's decision is taken: refused if a confirmed
  alert forbids the crossing, admitted otherwise (an admitted exit ends the open entry). Each
  step is audited: the disposition, the seized document, the notification, the decision. The
  hit is read again under a lock of the sandbox (`hit_locked`): a double submit adjudicates once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sandbox import selectors
from sandbox.matching import birth_key, fold, person_match
from sandbox.models import Alert, AlertHit, CrossingPoint, Document, HitNotification, Movement, Sandbox
from sandbox.models.choices import (
    AlertAction,
    Decision,
    Direction,
    DocumentStatus,
    HitAction,
    HitDisposition,
    RefusalCode,
    SharingScope,
)
from sandbox.services import audit_record, record_create, record_update

if TYPE_CHECKING:
    from people.models import User

# Alert actions that forbid the crossing until the secondary line has ruled.
BLOCKING_ACTIONS = frozenset(
    {
        AlertAction.REFUSE_ENTRY,
        AlertAction.PREVENT_EXIT,
        AlertAction.ARREST_NOTIFY,
        AlertAction.PROTECT_MINOR,
        AlertAction.SEIZE_DOCUMENT,
    }
)

# What a confirmed hit's alert action makes the secondary officer do.
ACTIONS_ON_CONFIRMATION: dict[str, tuple[str, ...]] = {
    AlertAction.REFUSE_ENTRY: (HitAction.REFUSE,),
    AlertAction.PREVENT_EXIT: (HitAction.REFUSE,),
    AlertAction.ARREST_NOTIFY: (HitAction.REFUSE, HitAction.NOTIFY_POLICE),
    AlertAction.PROTECT_MINOR: (HitAction.REFUSE, HitAction.CHILD_PROTECTION),
    AlertAction.SEIZE_DOCUMENT: (HitAction.REFUSE, HitAction.SEIZE_DOCUMENT),
    AlertAction.DISCREET_CHECK: (HitAction.ADMIT,),
    AlertAction.INFO_ONLY: (HitAction.ADMIT,),
}


@dataclass(frozen=True)
class Traveller:
    """A traveller as read at the post: from the machine-readable zone, or typed by hand."""

    given_names: str
    surnames: str
    birth_date: dt.date
    nationality: str
    document_number: str
    issuing_state: str
    sex: str = ""
    national_id_number: str = ""

    def as_json(self) -> dict[str, str]:
        return {
            "given_names": self.given_names,
            "surnames": self.surnames,
            "birth_date": self.birth_date.isoformat(),
            "nationality": self.nationality,
            "document_number": self.document_number,
            "issuing_state": self.issuing_state,
            "sex": self.sex,
            "national_id_number": self.national_id_number,
        }


@dataclass
class Screening:
    result: str  # NO_HIT, POSSIBLE or HIT
    hits: list[AlertHit] = field(default_factory=list)
    alerts: dict[int, Alert] = field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        """Whether a hit's alert forbids the crossing until the secondary line has ruled."""
        return any(self.alerts[hit.alert_uid].action in BLOCKING_ACTIONS for hit in self.hits)


def shared_with(alert: Alert, country: str) -> bool:
    """Whether an alert reaches a member country's posts under its sharing scope."""
    if alert.issuing_country_id == country or alert.sharing_scope == SharingScope.OCAM_ALL:
        return True
    return alert.sharing_scope == SharingScope.SELECTED and country in (alert.shared_with or [])


def in_force(alert: Alert, on: dt.date) -> bool:
    return (
        alert.status == "ACTIVE" and alert.valid_from <= on and (alert.valid_until is None or alert.valid_until >= on)
    )


def _applies(alert: Alert, *, direction: str, traveller: Traveller, country: str) -> bool:
    """An exit ban says nothing at an entry, nor an entry ban at an exit; a country never bars
    its own nationals from coming home."""
    if alert.action == AlertAction.PREVENT_EXIT and direction != "EXIT":
        return False
    return not (alert.action == AlertAction.REFUSE_ENTRY and (direction != "ENTRY" or traveller.nationality == country))


def _document_number(number: str) -> str:
    """A document number as the MRZ writes it: upper case, without spaces, dashes or fillers."""
    return "".join(character for character in (number or "").upper() if character.isalnum())


def alerts_named(*, sandbox: Sandbox | None, uids: Iterable[int]) -> QuerySet[Alert]:
    """The alerts hit records name, whichever member issued them: the hit at the learner's post is
    their country's record, the alert it names may be another member's, shared by rule and read
    across countries as the screening that found it (record 0024), never through a listing."""
    return Alert.objects.visible_across(sandbox).filter(uid__in=set(uids))


def alert_reachable(*, sandbox: Sandbox | None, uid: int, related: tuple[str, ...] = ("category",)) -> Alert:
    """An alert the learner's country may open: its own, one another member shares with it (from a
    hit, to follow it up with its issuer), or one of their exercise's scenario; Alert.DoesNotExist
    for any other, and for another learner's."""
    alert = alerts_named(sandbox=sandbox, uids=[uid]).select_related(*related).get()
    country = sandbox.country_id if sandbox is not None else None
    if country and alert.scenario is None and not shared_with(alert, country):
        raise Alert.DoesNotExist("An alert of another country, not shared with the learner's.")
    return alert


def screening_candidates(
    *, sandbox: Sandbox | None, traveller: Traveller, person_uid: int | None, on: dt.date | None = None
) -> list[Alert]:
    """Active alerts sharing a blocking key with the traveller (the document's number and
    issuing state, the person on file, the birth date's key), in force on `on` if given: one
    query over indexed keys, never a scan of every alert."""
    keys: list[Q] = []
    number = _document_number(traveller.document_number)
    if number and traveller.issuing_state:
        keys.append(Q(document_number=number, document_issuing_state_id=traveller.issuing_state))
    key = birth_key(traveller.birth_date)
    if key:
        keys.append(Q(birth_key=key))
    if person_uid is not None:
        keys.append(Q(person_uid=person_uid))
    if not keys:
        return []
    alerts = Alert.objects.visible_across(sandbox).filter(functools.reduce(operator.or_, keys), status="ACTIVE")
    if on is not None:
        alerts = alerts.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on), valid_from__lte=on)
    return list(alerts.select_related("category"))


def _match(alert: Alert, traveller: Traveller, person_uid: int | None) -> tuple[str, float, str, dict[str, str]] | None:
    """(level, score, match type, matched fields) of an alert against the traveller, or None."""
    if (
        alert.document_number
        and _document_number(alert.document_number) == _document_number(traveller.document_number)
        and alert.document_issuing_state_id == traveller.issuing_state
    ):
        return "HIT", 1.0, "DOC_EXACT", {"document_number": "exact", "issuing_state": "exact"}
    if alert.subject_kind != "PERSON":
        return None
    if person_uid is not None and alert.person_uid == person_uid:
        return "HIT", 1.0, "PERSON_RECORD", {"person": "exact"}
    if (
        alert.subject_national_id
        and traveller.national_id_number
        and fold(alert.subject_national_id) == fold(traveller.national_id_number)
        and birth_key(alert.subject_birth_date) == birth_key(traveller.birth_date)
    ):
        return "HIT", 1.0, "PERSON_RECORD", {"national_id": "exact", "birth_date": "exact"}
    match = person_match(
        given_names=traveller.given_names,
        surnames=traveller.surnames,
        birth_date=traveller.birth_date,
        subject_name=alert.subject_name,
        subject_birth_date=alert.subject_birth_date,
    )
    if match is None:
        return None
    return match.level, match.score, "NAME_DOB_FUZZY", match.fields


def screen(
    *,
    sandbox: Sandbox,
    actor: User,
    crossing_point: CrossingPoint,
    direction: str,
    traveller: Traveller,
    on: dt.date,
    person_uid: int | None = None,
    document_uid: int | None = None,
    scenario: int | None = None,
) -> Screening:
    """Screen a traveller at a post before the decision; write a hit record per POSSIBLE or HIT.

    The alerts are read and scored first; the hits and the audit entry are then written in one
    transaction (a screening without a hit writes its audit entry alone: one write, no
    transaction of its own around it, as most travellers are screened)."""
    country = crossing_point.country_id
    found: list[tuple[Alert, tuple[str, float, str, dict[str, str]]]] = []
    for alert in screening_candidates(sandbox=sandbox, traveller=traveller, person_uid=person_uid, on=on):
        if not (in_force(alert, on) and shared_with(alert, country)):
            continue
        if not _applies(alert, direction=direction, traveller=traveller, country=country):
            continue
        match = _match(alert, traveller, person_uid)
        if match is not None:
            found.append((alert, match))
    levels = {level for _alert, (level, *_rest) in found}
    screening = Screening(result="HIT" if "HIT" in levels else "POSSIBLE" if levels else "NO_HIT")
    now = timezone.now()
    with transaction.atomic() if found else contextlib.nullcontext():
        for alert, (level, score, match_type, matched) in found:
            hit = record_create(
                sandbox=sandbox,
                model=AlertHit,
                scenario=scenario if scenario is not None else alert.scenario,
                alert_uid=alert.uid,
                person_uid=person_uid,
                document_uid=document_uid,
                crossing_point=crossing_point,
                screened_at=now,
                screened_by=actor,
                traveller={**traveller.as_json(), "direction": direction, "level": level},
                matched_fields=matched,
                match_type=match_type,
                score=score,
            )
            screening.hits.append(hit)
            screening.alerts[alert.uid] = alert
        audit_record(
            sandbox=sandbox,
            actor=actor,
            action="SEARCH",
            object_type="screening",
            parameters={"crossing_point": crossing_point.code, "direction": direction, "result": screening.result},
            result_count=len(screening.hits),
            scenario=scenario,
        )
    return screening


def hits_attach(*, sandbox: Sandbox, hit_uids: list[int], movement: Movement) -> list[AlertHit]:
    """Link the hits of a screening to the movement the officer's decision wrote."""
    hits = list(AlertHit.objects.visible_to(sandbox).filter(uid__in=hit_uids, movement_uid__isnull=True))
    return [
        record_update(
            sandbox=sandbox,
            record=hit,
            movement_uid=movement.uid,
            person_uid=movement.person_uid,
            document_uid=movement.document_uid,
        )
        for hit in hits
    ]


def hit_locked(*, sandbox: Sandbox, uid: int) -> AlertHit:
    """A hit of the learner's view, read again after locking their sandbox: two adjudications
    of one sandbox (a double submit) run one after the other, the second seeing the first's
    disposition. AlertHit.DoesNotExist for a hit outside the view."""
    list(Sandbox.objects.select_for_update().filter(pk=sandbox.pk).values_list("pk", flat=True))
    return AlertHit.objects.visible_to(sandbox).select_related("crossing_point").get(uid=uid)


@transaction.atomic
def hit_adjudicate(
    *,
    sandbox: Sandbox,
    actor: User,
    hit: AlertHit,
    disposition: str,
    reason: str,
) -> AlertHit:
    """Record the secondary officer's disposition of a pending hit and apply its consequences.

    The hit is read again under a lock of the sandbox (`hit_locked`), so the state checked is
    the one written: a hit already adjudicated, by this request's twin or earlier, is refused."""
    hit = hit_locked(sandbox=sandbox, uid=hit.uid)
    if hit.disposition != HitDisposition.PENDING:
        raise ValidationError(_("This hit has already been adjudicated."))
    if disposition not in (HitDisposition.CONFIRMED, HitDisposition.FALSE_POSITIVE):
        raise ValidationError({"disposition": [_("Choose confirmed or false positive.")]})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say what the comparison showed.")]})
    alert = Alert.objects.visible_across(sandbox).get(uid=hit.alert_uid)
    post_country = hit.crossing_point.country_id if hit.crossing_point_id else None
    actions: list[str] = []
    now = timezone.now()
    if disposition == HitDisposition.CONFIRMED:
        actions = list(ACTIONS_ON_CONFIRMATION.get(alert.action, ()))
        if HitAction.SEIZE_DOCUMENT in actions:
            _document_seize(sandbox=sandbox, actor=actor, hit=hit)
        if post_country and alert.issuing_country_id != post_country:
            actions.append(HitAction.NOTIFY_ISSUER)
    hit = record_update(
        sandbox=sandbox,
        record=hit,
        disposition=disposition,
        disposition_reason=reason,
        actions_taken=actions,
        disposed_at=now,
        disposed_by=actor,
    )
    audit_record(
        sandbox=sandbox,
        actor=actor,
        action="UPDATE",
        object_type="alert_hit",
        object_uid=hit.uid,
        parameters={"disposition": disposition, "actions": actions},
        scenario=hit.scenario,
    )
    if HitAction.NOTIFY_ISSUER in actions:
        notification = record_create(
            sandbox=sandbox,
            model=HitNotification,
            scenario=hit.scenario,
            hit_uid=hit.uid,
            alert_uid=alert.uid,
            from_country_id=post_country,
            to_country_id=alert.issuing_country_id,
            action_taken=next((a for a in actions if a != HitAction.NOTIFY_ISSUER), ""),
            sent_at=now,
        )
        audit_record(
            sandbox=sandbox,
            actor=actor,
            action="CREATE",
            object_type="hit_notification",
            object_uid=notification.uid,
            parameters={"to_country": alert.issuing_country_id},
            scenario=hit.scenario,
        )
    if hit.movement_uid is not None:
        _movement_close(sandbox=sandbox, actor=actor, movement_uid=hit.movement_uid)
    return hit


def _document_seize(*, sandbox: Sandbox, actor: User, hit: AlertHit) -> Document | None:
    """The traveller's document detained: SEIZED in the learner's layer."""
    if hit.document_uid is None:
        return None
    document = Document.objects.visible_to(sandbox).filter(uid=hit.document_uid).first()
    if document is None or document.status == DocumentStatus.SEIZED:
        return document
    document = record_update(sandbox=sandbox, record=document, status=DocumentStatus.SEIZED)
    audit_record(
        sandbox=sandbox,
        actor=actor,
        action="UPDATE",
        object_type="document",
        object_uid=document.uid,
        parameters={"status": DocumentStatus.SEIZED},
        scenario=hit.scenario,
    )
    return document


def _movement_close(*, sandbox: Sandbox, actor: User, movement_uid: int) -> Movement | None:
    """Once no hit of a referred movement is pending, take its decision: refused if a confirmed
    hit refuses, admitted otherwise. An admitted exit ends the traveller's latest open entry, as
    `services.movement_register` does for an exit admitted at the primary line."""
    hits = list(AlertHit.objects.visible_to(sandbox).filter(movement_uid=movement_uid))
    if any(hit.disposition == HitDisposition.PENDING for hit in hits):
        return None
    movement = Movement.objects.visible_to(sandbox).filter(uid=movement_uid).first()
    if movement is None or movement.decision != Decision.REFERRED:
        return movement
    refused = any(HitAction.REFUSE in (hit.actions_taken or []) for hit in hits)
    closes = None
    if not refused and movement.direction == Direction.EXIT and movement.closes_entry_uid is None:
        closes = selectors.open_entry_for(sandbox=sandbox, person_uid=movement.person_uid)
    movement = record_update(
        sandbox=sandbox,
        record=movement,
        decision=Decision.REFUSED if refused else Decision.ADMITTED,
        refusal_code=RefusalCode.ALERT_CONFIRMED if refused else "",
        refusal_reason=movement.refusal_reason if refused else "",
        closes_entry_uid=closes.uid if closes is not None else movement.closes_entry_uid,
    )
    audit_record(
        sandbox=sandbox,
        actor=actor,
        action="UPDATE",
        object_type="movement",
        object_uid=movement.uid,
        parameters={"decision": movement.decision, "closes_entry_uid": movement.closes_entry_uid},
        scenario=movement.scenario,
    )
    return movement
