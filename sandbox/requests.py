"""Information requests after a hit (DOMAIN.md 4.3, step 3): the fields a request may ask for,
which of them each purpose allows, the learner's request to a simulated partner and the partner's
answer by rule, and the requests other members send to the learner's country, which the learner
answers as its focal point.

Invariants:

- a request asks only for fields its query's purpose allows (`ALLOWED_FIELDS`); nothing about
  asylum is allowed for any purpose, and the record of an asylum seeker, a refugee or a victim
  (`PROTECTED`) is released to no one, for no purpose;
- the answering side releases the minimum: never a field that was not asked for, nor one the
  purpose does not allow, nor one the person's sensitivity withholds (`release_for`);
- a simulated partner decides at once, by rule, but its answer arrives at `answer_at` (the
  setting `SANDBOX_PARTNER_DELAY_SECONDS` and a fixed share more per country): until then the
  screens show the request as sent, without its values (`sandbox.selectors_requests`);
- a refused request writes nothing; a request is answered once (the form carries the status the
  focal point saw, and answers on one sandbox run one after another);
- every request, release and refusal has its audit event, with the purpose and the case
  reference: the request in the requesting country's log, the answer in the answering country's;
- the partner's values are read from its records as the learner's world has them
  (`node_view(sandbox, partner)`), the learner's own answers from their country's
  (`visible_to(sandbox)`).
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from people.names import describe_characters, name_invisible_characters
from sandbox.models import (
    Alert,
    AuditAction,
    AuditEvent,
    CrossBorderQuery,
    Document,
    InformationRequest,
    InformationRequestStatus,
    LayeredModel,
    Movement,
    Person,
    PurposeCode,
    QueryOutcome,
    QueryResult,
    Sandbox,
    Sensitivity,
)
from sandbox.services import audit_record, record_create, record_update, records_create

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.utils.functional import Promise

    from people.models import User

# Prüm II: the data behind a match are released within 48 hours of the request.
ANSWER_DUE = dt.timedelta(hours=48)
JUSTIFICATION_MIN_LENGTH = 20
JUSTIFICATION_MAX_LENGTH = 2000
REASON_MIN_LENGTH = 10
MOVEMENT_HISTORY_LENGTH = 10
OBJECT_TYPE = "information_request"


# The records one country holds on one person, read on demand.


@dataclass(frozen=True)
class Records:
    """A person as one country holds them, and the scope its other records are read through
    (`node_view` for a partner's, `visible_to` for the learner's own)."""

    person: Person
    rows: Callable[[type[LayeredModel]], QuerySet]


def _movement(movement: Movement) -> dict[str, str]:
    return {
        "date": movement.local_date.isoformat(),
        "crossing_point": movement.crossing_point_id,
        "direction": movement.direction,
    }


def _movements(records: Records, count: int) -> list[dict[str, str]]:
    movements = records.rows(Movement).filter(person_uid=records.person.uid).order_by("-occurred_at", "-uid")
    return [_movement(movement) for movement in movements[:count]]


def _document(records: Records) -> dict[str, str] | None:
    """The person's document that expires last: the one a border would see."""
    document = records.rows(Document).filter(person_uid=records.person.uid).order_by("-expires_on", "-uid").first()
    if document is None:
        return None
    return {
        "type": document.document_type_id,
        "number": document.number,
        "issuing_state": document.issuing_state_id,
        "expires_on": document.expires_on.isoformat(),
    }


def _alerts(records: Records) -> list[dict[str, str]]:
    """The active alerts the country holds on the person: their category and action, nothing else."""
    alerts = records.rows(Alert).filter(person_uid=records.person.uid, status="ACTIVE").order_by("uid")
    return [{"category": alert.category_id, "action": alert.action} for alert in alerts]


def _biometric(records: Records) -> dict[str, bool]:
    # The sandbox holds no images: a release says one is on file.
    return {"on_file": True}


def _never(records: Records) -> None:
    raise AssertionError("This field is never released.")


@dataclass(frozen=True)
class RequestField:
    """A field a request may ask for: its code, its label and how its value is read."""

    code: str
    label: Promise
    read: Callable[[Records], Any]
    is_biometric: bool = False
    is_never_released: bool = False


REQUEST_FIELDS: dict[str, RequestField] = {
    field.code: field
    for field in (
        RequestField("full_name", gettext_lazy("Full name"), lambda r: f"{r.person.surnames}, {r.person.given_names}"),
        RequestField("birth_date", gettext_lazy("Date of birth"), lambda r: r.person.birth_date.isoformat()),
        RequestField("sex", gettext_lazy("Sex"), lambda r: r.person.sex),
        RequestField(
            "nationality",
            gettext_lazy("Nationality"),
            lambda r: [code for code in (r.person.nationality_id, r.person.second_nationality_id) if code],
        ),
        RequestField(
            "national_id",
            gettext_lazy("National ID number"),
            lambda r: {"number": r.person.national_id_number, "country": r.person.national_id_country_id or ""},
        ),
        RequestField(
            "birth_country", gettext_lazy("Place of birth (country)"), lambda r: r.person.birth_country_id or ""
        ),
        RequestField("document", gettext_lazy("Travel document (type, number, issuing state, expiry)"), _document),
        RequestField(
            "last_movement",
            gettext_lazy("Last movement (date, border crossing point, direction)"),
            lambda r: next(iter(_movements(r, 1)), None),
        ),
        RequestField(
            "movement_history",
            format_lazy(gettext_lazy("Movement history (last {count})"), count=MOVEMENT_HISTORY_LENGTH),
            lambda r: _movements(r, MOVEMENT_HISTORY_LENGTH),
        ),
        RequestField("alerts", gettext_lazy("Alerts held on the person (category and action only)"), _alerts),
        RequestField("photograph", gettext_lazy("Photograph (biometric)"), _biometric, is_biometric=True),
        RequestField("fingerprints", gettext_lazy("Fingerprints (biometric)"), _biometric, is_biometric=True),
        RequestField(
            "asylum_status",
            gettext_lazy("Asylum or refugee status (never released)"),
            _never,
            is_never_released=True,
        ),
    )
}

IDENTITY = ("full_name", "birth_date", "sex")

# What each purpose may ask for: the minimum its work needs. No purpose allows biometrics but
# an investigation's photograph, and none anything about asylum (docs/consultation.md).
ALLOWED_FIELDS: dict[str, tuple[str, ...]] = {
    PurposeCode.BORDER_CHECK: (*IDENTITY, "document"),
    PurposeCode.RETURN_VERIFICATION: (*IDENTITY, "nationality", "national_id", "birth_country", "document"),
    PurposeCode.INVESTIGATION: (
        *IDENTITY,
        "document",
        "last_movement",
        "movement_history",
        "alerts",
        "photograph",
    ),
    PurposeCode.CHILD_PROTECTION: (*IDENTITY, "document", "last_movement", "alerts"),
}

# Records released to no one: an asylum seeker's or refugee's must never reach their country of
# origin, a victim's no one (DOMAIN.md 4.2).
PROTECTED = frozenset({Sensitivity.ASYLUM, Sensitivity.VICTIM})
# Fields a sensitivity withholds whatever the purpose: a minor's biometrics.
WITHHELD_BY_SENSITIVITY: dict[str, frozenset[str]] = {
    Sensitivity.MINOR: frozenset({"photograph", "fingerprints"}),
}


class AnswerDecision(models.TextChoices):
    APPROVE = "APPROVE", pgettext_lazy("information request", "Approve: release what was asked that the purpose allows")
    PARTIAL = "PARTIAL", pgettext_lazy("information request", "Approve in part: release only the fields chosen")
    REFUSE = "REFUSE", pgettext_lazy("information request", "Refuse")


def allowed_fields(purpose: str) -> tuple[str, ...]:
    """The fields a purpose allows, in the catalogue's order."""
    return ALLOWED_FIELDS.get(purpose, ())


def field_labels(codes: Iterable[str]) -> str:
    """The fields' labels, as a message names them."""
    return ", ".join(str(REQUEST_FIELDS[code].label) if code in REQUEST_FIELDS else code for code in codes)


def _in_catalogue_order(codes: Iterable[str]) -> list[str]:
    chosen = set(codes)
    return [code for code in REQUEST_FIELDS if code in chosen]


def partner_delay(country: str) -> dt.timedelta:
    """How long a simulated partner takes to answer: the setting, and up to half as long again,
    a fixed share for each country (the same in every process)."""
    seconds = settings.SANDBOX_PARTNER_DELAY_SECONDS
    share = zlib.crc32(country.encode()) % 51 / 100
    return dt.timedelta(seconds=seconds + round(seconds * share))


# What may be released


@dataclass(frozen=True)
class Release:
    """What the holder of a record may release for a request: the fields, those withheld, and why
    nothing is released when nothing is."""

    fields: tuple[str, ...]
    withheld: tuple[str, ...]
    refusal: str = ""


def protected_refusal() -> str:
    # Names no category: that a person sought asylum is itself what must not reach the requester.
    return _("The holding country releases no data on this person under its data protection rules.")


def release_for(*, person: Person | None, purpose: str, requested: Iterable[str]) -> Release:
    """The fields of `requested` that may be released on `person` for `purpose`: those the
    purpose allows and the person's sensitivity does not withhold, none of a protected record."""
    requested = tuple(requested)
    if person is None:
        return Release((), requested, _("The record behind the hit is no longer held: nothing can be released."))
    if person.sensitivity in PROTECTED:
        return Release((), requested, protected_refusal())
    allowed = set(allowed_fields(purpose)) - WITHHELD_BY_SENSITIVITY.get(person.sensitivity, frozenset())
    released = tuple(code for code in requested if code in allowed and not REQUEST_FIELDS[code].is_never_released)
    withheld = tuple(code for code in requested if code not in released)
    refusal = "" if released else _("Nothing that was asked for may be released for this purpose.")
    return Release(released, withheld, refusal)


def _withheld_reason(withheld: Iterable[str]) -> str:
    return _("Released only what the purpose allows and the record may share. Not released: %(fields)s.") % {
        "fields": field_labels(withheld)
    }


def _values(records: Records, codes: Iterable[str]) -> dict[str, Any]:
    return {code: REQUEST_FIELDS[code].read(records) for code in codes}


# Checks shared by the services


def _text_problem(text: str, *, minimum: int, too_short: str) -> str:
    """Why a free text is refused ("" when it is not): invisible or control characters, length."""
    characters = name_invisible_characters(text.replace("\r", " ").replace("\n", " ").replace("\t", " "))
    if characters:
        return _("The text contains invisible or control characters (%(characters)s). Type it again without them.") % {
            "characters": describe_characters(characters)
        }
    if len(text) < minimum:
        return too_short
    if len(text) > JUSTIFICATION_MAX_LENGTH:
        return ngettext(
            "Keep the text under %(count)d character.",
            "Keep the text under %(count)d characters.",
            JUSTIFICATION_MAX_LENGTH,
        ) % {"count": JUSTIFICATION_MAX_LENGTH}
    return ""


def _lock(sandbox: Sandbox) -> None:
    """Hold the learner's sandbox row until the transaction ends: one request or answer at a time."""
    Sandbox.objects.select_for_update().filter(pk=sandbox.pk).values_list("pk", flat=True).first()


def _partner_event(
    *, request: InformationRequest, country: str, action: str, fields: Iterable[str], at: dt.datetime
) -> AuditEvent:
    """A simulated partner's audit event, in its own log (`held_by`), at the time it acts: no user
    of the platform, named by its label (`records_create` leaves the empty user to the database)."""
    return records_create(
        sandbox=request.sandbox,
        model=AuditEvent,
        scenario=request.scenario,
        rows=[
            {
                "actor": None,
                "actor_label": _("Focal point of %(country)s (simulated)") % {"country": country},
                "action": action,
                "object_type": OBJECT_TYPE,
                "object_uid": request.uid,
                "parameters": {
                    "fields": list(fields),
                    "requesting_country": request.requesting_country_id or "",
                    "answering_country": request.answering_country_id or "",
                },
                "purpose_code": request.purpose_code,
                "case_reference": request.case_reference,
                "occurred_at": at,
                "held_by_id": country,
            }
        ],
    )[0]


# The learner's request, and the simulated partner's answer


def is_open(request: InformationRequest, now: dt.datetime) -> bool:
    """Whether a request still waits for its answer: not answered, or answered by a simulated
    partner whose answer has not arrived yet."""
    if request.status == InformationRequestStatus.SENT:
        return True
    return request.answer_at is not None and request.answer_at > now


def _own_hit(sandbox: Sandbox, result: QueryResult) -> tuple[QueryResult, CrossBorderQuery]:
    """The result read again in the learner's view, and its query, if it is a hit of one of the
    learner's own consultations; a ValidationError otherwise."""
    refusal = ValidationError(
        _("An information request follows a hit on one of your own consultations."), code="not_own_hit"
    )
    result = QueryResult.objects.visible_to(sandbox).filter(uid=result.uid).first()
    if result is None or result.outcome != QueryOutcome.HIT:
        raise refusal
    if sandbox.country_id and result.requesting_country_id != sandbox.country_id:
        raise refusal
    # The learner's own queries are those of their layer (a generated query is a fictional user's).
    query = CrossBorderQuery.objects.layer_of(sandbox).filter(uid=result.query_uid, is_deleted=False).first()
    if query is None:
        raise refusal
    return result, query


@transaction.atomic
def request_send(
    *,
    sandbox: Sandbox,
    user: User,
    result: QueryResult,
    fields: Iterable[str],
    justification: str,
    scenario: int | None = None,
) -> InformationRequest:
    """Ask the country behind a hit for some fields of its record, with a justification; the
    simulated partner decides at once and its answer arrives after its delay (`partner_answer`).

    Refused, with nothing written: a result that is no hit of the learner's own consultation, no
    field, a field unknown or not allowed for the query's purpose (named), a justification too
    short or with invisible characters, a request on the same hit still open."""
    _lock(sandbox)
    result, query = _own_hit(sandbox, result)
    codes = list(dict.fromkeys(fields))
    text = justification.strip()
    errors: dict[str, str] = {}
    unknown = [code for code in codes if code not in REQUEST_FIELDS]
    allowed = allowed_fields(query.purpose_code)
    not_allowed = [code for code in codes if code in REQUEST_FIELDS and code not in allowed]
    if not codes:
        errors["fields"] = _("Choose at least one field to ask for.")
    elif unknown:
        errors["fields"] = _("Choose fields from the list.")
    elif not_allowed:
        errors["fields"] = _(
            "Not allowed for the purpose “%(purpose)s”: %(fields)s. Ask only for what the purpose needs."
        ) % {"purpose": PurposeCode(query.purpose_code).label, "fields": field_labels(not_allowed)}
    problem = _text_problem(
        text,
        minimum=JUSTIFICATION_MIN_LENGTH,
        too_short=ngettext(
            "Explain in at least %(count)d character why the case needs these fields.",
            "Explain in at least %(count)d characters why the case needs these fields.",
            JUSTIFICATION_MIN_LENGTH,
        )
        % {"count": JUSTIFICATION_MIN_LENGTH},
    )
    if problem:
        errors["justification"] = problem
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    earlier = InformationRequest.objects.visible_to(sandbox).filter(result_uid=result.uid)
    if any(is_open(request, now) for request in earlier):
        raise ValidationError(
            _("A request on this hit is still waiting for its answer: send another once it has arrived."),
            code="open_request",
        )
    request = record_create(
        sandbox=sandbox,
        model=InformationRequest,
        scenario=scenario,
        result_uid=result.uid,
        query_uid=query.uid,
        requesting_country_id=result.requesting_country_id or query.requesting_country_id,
        answering_country_id=result.country_id,
        purpose_code=query.purpose_code,
        case_reference=query.case_reference,
        requested_fields=_in_catalogue_order(codes),
        justification=text,
        requested_by=user,
        requested_at=now,
        status=InformationRequestStatus.SENT,
        due_at=now + ANSWER_DUE,
        answer_at=now + partner_delay(result.country_id),
        record_uid=result.record_uid,
    )
    audit_record(
        sandbox=sandbox,
        actor=user,
        action=AuditAction.REQUEST,
        object_type=OBJECT_TYPE,
        object_uid=request.uid,
        parameters={
            "answering_country": result.country_id,
            "fields": request.requested_fields,
            "result": result.uid,
        },
        scenario=scenario,
        purpose_code=query.purpose_code,
        case_reference=query.case_reference,
    )
    return partner_answer(request)


def partner_answer(request: InformationRequest) -> InformationRequest:
    """The simulated partner's answer to a request, decided at once by rule and dated when it
    arrives (`answer_at`): what was asked and the purpose allows, less what the person's
    sensitivity withholds; a refusal when the record is gone, protected, or nothing may go."""
    sandbox = request.sandbox
    country = request.answering_country_id
    person = None
    if request.record_uid is not None:
        person = Person.objects.node_view(sandbox, country).filter(uid=request.record_uid).first()
    release = release_for(person=person, purpose=request.purpose_code, requested=request.requested_fields)
    arrives_at = request.answer_at or timezone.now()
    if release.fields:
        records = Records(person=person, rows=lambda model: model.objects.node_view(sandbox, country))
        status = InformationRequestStatus.PARTIAL if release.withheld else InformationRequestStatus.APPROVED
        reason = _withheld_reason(release.withheld) if release.withheld else ""
        response = _values(records, release.fields)
    else:
        status, reason, response = InformationRequestStatus.REFUSED, release.refusal, {}
    answered = record_update(
        sandbox=sandbox,
        record=request,
        status=status,
        released_fields=list(release.fields),
        response=response,
        response_reason=reason,
        responded_at=arrives_at,
        responded_by=None,
    )
    _partner_event(
        request=answered,
        country=country,
        action=AuditAction.RELEASE if release.fields else AuditAction.REFUSE,
        fields=release.fields,
        at=arrives_at,
    )
    return answered


# Requests from other members to the learner's country, answered by the learner as focal point


def is_incoming(sandbox: Sandbox, request: InformationRequest) -> bool:
    """Whether a request is one another member sent to the learner's country: answered by the
    learner, never by a simulated partner (it has no `answer_at`)."""
    if request.answer_at is not None:
        return False
    return not sandbox.country_id or request.answering_country_id == sandbox.country_id


@transaction.atomic
def incoming_request_make(
    *,
    sandbox: Sandbox,
    person_uid: int,
    requesting_country: str,
    purpose_code: str,
    fields: Iterable[str],
    justification: str,
    case_reference: str = "",
    requested_at: dt.datetime | None = None,
    scenario: int | None = None,
) -> InformationRequest:
    """A simulated member's request to the learner's country about a person it holds (the hit of
    the member's consultation, which stays in that member's records): for an exercise's builder,
    which may ask for more than the purpose allows, to see the focal point release the minimum."""
    person = Person.objects.visible_to(sandbox).get(uid=person_uid)
    answering = sandbox.country_id or person.held_by_id
    codes = _in_catalogue_order(fields)
    if requesting_country == answering:
        raise ValueError("A country sends no request to itself.")
    if purpose_code not in PurposeCode.values or not codes or len(codes) != len(set(fields)):
        raise ValueError("A purpose code and fields of the catalogue are needed.")
    when = requested_at or timezone.now()
    query_uid = sandbox.uid_allocate()[0]  # the member's consultation, held in its records only
    result = record_create(
        sandbox=sandbox,
        model=QueryResult,
        scenario=scenario,
        query_uid=query_uid,
        requesting_country_id=requesting_country,
        country_id=answering,
        outcome=QueryOutcome.HIT,
        reference_token=f"{answering}-{query_uid % 1_000_000:06d}",
        answered_at=when,
        record_uid=person.uid,
    )
    request = record_create(
        sandbox=sandbox,
        model=InformationRequest,
        scenario=scenario,
        result_uid=result.uid,
        query_uid=query_uid,
        requesting_country_id=requesting_country,
        answering_country_id=answering,
        purpose_code=purpose_code,
        case_reference=case_reference or f"{requesting_country}-{when:%Y}-{query_uid % 10_000:04d}",
        requested_fields=codes,
        justification=justification,
        requested_by=None,
        requested_at=when,
        status=InformationRequestStatus.SENT,
        due_at=when + ANSWER_DUE,
        answer_at=None,
        record_uid=person.uid,
    )
    _partner_event(request=request, country=requesting_country, action=AuditAction.REQUEST, fields=codes, at=when)
    return request


@transaction.atomic
def incoming_answer(
    *,
    sandbox: Sandbox,
    user: User,
    request: InformationRequest,
    decision: str,
    fields: Iterable[str] = (),
    reason: str = "",
    expected_status: str = InformationRequestStatus.SENT,
) -> InformationRequest:
    """The focal point's answer to another member's request, released from their country's own
    records: APPROVE releases what was asked that may be released (never more than asked);
    PARTIAL the fields chosen among those, with a reason; REFUSE nothing, with a reason.

    Refused, with nothing written: a request that is not the country's to answer, one that has
    moved on from `expected_status` (a second submit), a release of a protected record or of a
    field that may not go, a partial release without fields or reason, a refusal without reason."""
    _lock(sandbox)
    current = InformationRequest.objects.visible_to(sandbox).filter(uid=request.uid).first()
    if current is None or not is_incoming(sandbox, current):
        raise ValidationError(_("This request is not one your country has to answer."), code="not_incoming")
    if current.status != expected_status or current.status != InformationRequestStatus.SENT:
        raise ValidationError(
            _("The request was answered while you were deciding: it is now “%(status)s”. Nothing was written.")
            % {"status": current.get_status_display()},
            code="changed",
        )
    if decision not in AnswerDecision.values:
        raise ValidationError({"decision": _("Choose whether to approve, approve in part or refuse.")})
    person = Person.objects.visible_to(sandbox).filter(uid=current.record_uid).first()
    release = release_for(person=person, purpose=current.purpose_code, requested=current.requested_fields)
    chosen = list(dict.fromkeys(fields))
    text = reason.strip()
    reason_problem = _text_problem(
        text,
        minimum=REASON_MIN_LENGTH,
        too_short=ngettext(
            "Give the reason in at least %(count)d character: the requesting country reads it.",
            "Give the reason in at least %(count)d characters: the requesting country reads it.",
            REASON_MIN_LENGTH,
        )
        % {"count": REASON_MIN_LENGTH},
    )
    errors: dict[str, str] = {}
    if decision != AnswerDecision.REFUSE and not release.fields:
        errors["decision"] = _("%(why)s Refuse the request, giving the reason.") % {"why": release.refusal}
    elif decision == AnswerDecision.PARTIAL:
        beyond = [code for code in chosen if code not in release.fields]
        if not chosen:
            errors["fields"] = _("Choose the fields to release.")
        elif beyond:
            errors["fields"] = _("These fields may not be released for this request: %(fields)s.") % {
                "fields": field_labels(beyond)
            }
    # An approval needs no reason; one given is read as any other.
    if reason_problem and (decision != AnswerDecision.APPROVE or text):
        errors["reason"] = reason_problem
    if errors:
        raise ValidationError(errors)
    if decision == AnswerDecision.REFUSE:
        released: list[str] = []
        status = InformationRequestStatus.REFUSED
    elif decision == AnswerDecision.PARTIAL:
        released = _in_catalogue_order(chosen)
        status = InformationRequestStatus.PARTIAL
    else:
        released = list(release.fields)
        status = InformationRequestStatus.PARTIAL if release.withheld else InformationRequestStatus.APPROVED
        text = text or (_withheld_reason(release.withheld) if release.withheld else "")
    response = {}
    if released:
        response = _values(Records(person=person, rows=lambda model: model.objects.visible_to(sandbox)), released)
    answered = record_update(
        sandbox=sandbox,
        record=current,
        status=status,
        released_fields=released,
        response=response,
        response_reason=text,
        responded_at=timezone.now(),
        responded_by=user,
    )
    audit_record(
        sandbox=sandbox,
        actor=user,
        action=AuditAction.RELEASE if released else AuditAction.REFUSE,
        object_type=OBJECT_TYPE,
        object_uid=answered.uid,
        parameters={"fields": released, "requesting_country": answered.requesting_country_id or ""},
        scenario=answered.scenario,
        purpose_code=answered.purpose_code,
        case_reference=answered.case_reference,
        held_by=answered.answering_country_id,
    )
    return answered
