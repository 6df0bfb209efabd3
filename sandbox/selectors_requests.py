"""Reads of information requests for their screens: the hit a request follows, one request as
its reader may see it, and the focal point's queue of other members' requests.

Every read is scoped by `visible_to(sandbox)`. A simulated partner's answer is decided when the
request is sent but arrives at `answer_at`: until then a request shows as sent, with the time its
answer is expected, and neither its status nor its values nor its reason (`request_view`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sandbox.models import (
    AlertAction,
    AlertCategory,
    CrossBorderQuery,
    CrossingPoint,
    Direction,
    DocumentType,
    IcaoCountry,
    InformationRequest,
    InformationRequestStatus,
    QueryOutcome,
    QueryResult,
    Sandbox,
    Sex,
)
from sandbox.requests import REQUEST_FIELDS, allowed_fields, is_incoming, is_open

if TYPE_CHECKING:
    from django.db import models

ANSWERED_SHOWN = 20


def hit_get(*, sandbox: Sandbox | None, query_uid: int, result_uid: int) -> tuple[CrossBorderQuery, QueryResult]:
    """A hit of one of the learner's own consultations (`query_uid`'s result `result_uid`), with its
    query; QueryResult.DoesNotExist for anything else (no hit, another's, another query's)."""
    if sandbox is None:
        raise QueryResult.DoesNotExist
    result = (
        QueryResult.objects.visible_to(sandbox)
        .select_related("country")
        .get(uid=result_uid, query_uid=query_uid, outcome=QueryOutcome.HIT)
    )
    if sandbox.country_id and result.requesting_country_id != sandbox.country_id:
        raise QueryResult.DoesNotExist
    query = CrossBorderQuery.objects.layer_of(sandbox).filter(uid=query_uid, is_deleted=False).first()
    if query is None:
        raise QueryResult.DoesNotExist
    return query, result


def request_get(*, sandbox: Sandbox | None, uid: int) -> InformationRequest:
    """A request of the learner's view, outgoing or incoming; InformationRequest.DoesNotExist otherwise."""
    return (
        InformationRequest.objects.visible_to(sandbox)
        .select_related("requesting_country", "answering_country", "requested_by", "responded_by")
        .get(uid=uid)
    )


def incoming_get(*, sandbox: Sandbox | None, uid: int) -> InformationRequest:
    """A request another member sent to the learner's country; DoesNotExist for any other."""
    request = request_get(sandbox=sandbox, uid=uid)
    if sandbox is None or not is_incoming(sandbox, request):
        raise InformationRequest.DoesNotExist
    return request


def _incoming(sandbox: Sandbox | None) -> QuerySet[InformationRequest]:
    requests = InformationRequest.objects.visible_to(sandbox).filter(answer_at__isnull=True)
    if sandbox is not None and sandbox.country_id:
        requests = requests.filter(answering_country_id=sandbox.country_id)
    return requests.select_related("requesting_country")


def incoming_queue(*, sandbox: Sandbox | None) -> list[InformationRequest]:
    """Other members' requests waiting for the learner's country's answer, the soonest due first."""
    return list(_incoming(sandbox).filter(status=InformationRequestStatus.SENT).order_by("due_at", "uid"))


def incoming_answered(*, sandbox: Sandbox | None, limit: int = ANSWERED_SHOWN) -> list[InformationRequest]:
    """The learner's country's latest answers to other members' requests."""
    answered = _incoming(sandbox).exclude(status=InformationRequestStatus.SENT)
    return list(answered.order_by("-responded_at", "-uid")[:limit])


def requests_of_result(*, sandbox: Sandbox | None, result_uid: int) -> list[InformationRequest]:
    """The learner's requests on one hit, the latest first (for the consultation's page)."""
    requests = InformationRequest.objects.visible_to(sandbox).filter(result_uid=result_uid, answer_at__isnull=False)
    return list(requests.order_by("-requested_at", "-uid"))


# One request as its reader sees it


@dataclass(frozen=True)
class FieldValue:
    label: str
    lines: list[str]


@dataclass(frozen=True)
class RequestView:
    """A request as the screens show it at `now`: a simulated partner's answer only once it has
    arrived (`has_answer`), until then the request is "sent" and `expected_at` says when."""

    request: InformationRequest
    is_incoming: bool
    has_answer: bool
    status: str
    status_label: str
    expected_at: dt.datetime | None
    requested: list[str]
    released: list[FieldValue] = field(default_factory=list)
    not_released: list[str] = field(default_factory=list)
    reason: str = ""


def request_view(*, sandbox: Sandbox | None, request: InformationRequest, now: dt.datetime) -> RequestView:
    incoming = sandbox is not None and is_incoming(sandbox, request)
    waiting = not incoming and is_open(request, now)
    requested = [_label(code) for code in request.requested_fields]
    if waiting:
        return RequestView(
            request=request,
            is_incoming=incoming,
            has_answer=False,
            status=InformationRequestStatus.SENT,
            status_label=str(InformationRequestStatus.SENT.label),
            expected_at=request.answer_at,
            requested=requested,
        )
    has_answer = request.status != InformationRequestStatus.SENT
    names = _Names()
    return RequestView(
        request=request,
        is_incoming=incoming,
        has_answer=has_answer,
        status=request.status,
        status_label=request.get_status_display(),
        expected_at=None,
        requested=requested,
        released=[
            FieldValue(_label(code), value_lines(code, request.response.get(code), names))
            for code in request.released_fields
        ],
        not_released=[_label(code) for code in request.requested_fields if code not in request.released_fields]
        if has_answer
        else [],
        reason=request.response_reason if has_answer else "",
    )


def _label(code: str) -> str:
    return str(REQUEST_FIELDS[code].label) if code in REQUEST_FIELDS else code


def field_choices(purpose: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The fields a purpose allows, as (code, label), and the labels of the others."""
    allowed = allowed_fields(purpose)
    return (
        [(code, _label(code)) for code in allowed],
        [_label(code) for code in REQUEST_FIELDS if code not in allowed],
    )


# Released values, as text


class _Names:
    """The names of the reference codes a release carries, each table read once when first needed."""

    def __init__(self) -> None:
        self._tables: dict[type[models.Model], dict[str, Any]] = {}

    def _of(self, model: type[models.Model], code: str) -> str:
        if model not in self._tables:
            self._tables[model] = model.objects.in_bulk()
        row = self._tables[model].get(code)
        return row.name if row is not None else code

    def country(self, code: str) -> str:
        return self._of(IcaoCountry, code) if code else "—"

    def crossing_point(self, code: str) -> str:
        return self._of(CrossingPoint, code)

    def document_type(self, code: str) -> str:
        return self._of(DocumentType, code)

    def category(self, code: str) -> str:
        return self._of(AlertCategory, code)


def _date(value: str) -> str:
    return date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")


def _choice(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _movement_line(movement: dict[str, str], names: _Names) -> str:
    return _("%(direction)s at %(post)s on %(date)s") % {
        "direction": _choice(Direction, movement["direction"]),
        "post": names.crossing_point(movement["crossing_point"]),
        "date": _date(movement["date"]),
    }


def value_lines(code: str, value: Any, names: _Names | None = None) -> list[str]:
    """A released value as lines of text in the reader's language."""
    names = names or _Names()
    if value in (None, "", [], {}):
        return [_("Nothing on record.")]
    if code == "full_name":
        return [value]
    if code == "birth_date":
        return [_date(value)]
    if code == "sex":
        return [_choice(Sex, value)]
    if code == "nationality":
        return [", ".join(names.country(country) for country in value)]
    if code == "national_id":
        if not value.get("number"):
            return [_("Nothing on record.")]
        country = value.get("country")
        return [f"{value['number']} ({names.country(country)})" if country else value["number"]]
    if code == "birth_country":
        return [names.country(value)]
    if code == "document":
        return [
            _("%(type)s %(number)s, issued by %(state)s, valid until %(expiry)s")
            % {
                "type": names.document_type(value["type"]),
                "number": value["number"],
                "state": names.country(value["issuing_state"]),
                "expiry": _date(value["expires_on"]),
            }
        ]
    if code == "last_movement":
        return [_movement_line(value, names)]
    if code == "movement_history":
        return [_movement_line(movement, names) for movement in value]
    if code == "alerts":
        return [
            _("%(category)s: %(action)s")
            % {"category": names.category(alert["category"]), "action": _choice(AlertAction, alert["action"])}
            for alert in value
        ]
    if code in ("photograph", "fingerprints"):
        return [_("On file with the holding country (the sandbox holds no biometric images).")]
    return [str(value)]
