"""Reads of the consultation screens: the learner's country's queries, newest first, and one query
with each asked country's answer. Every read is scoped by `visible_to(sandbox)`.

The screens get plain rows, never the records: an answer's row carries no `record_uid` (the
answering country's record behind a hit, which the country that asked never sees), and a
query's row no search parameters (a name, a date of birth or a document number).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse

from sandbox.consultation import PURPOSES, QUERY_KINDS, contact_point_label
from sandbox.models import AlertCategory, CrossBorderQuery, IcaoCountry, QueryResult, Sandbox
from sandbox.models.choices import AlertAction, QueryOutcome
from sandbox.selectors import PAGE_NUMBER_MAX

QUERIES_PAGE_SIZE = 25


@dataclass(frozen=True)
class QueryRow:
    """A query as the screens show it: what it was for and whom it asked, not what it searched."""

    uid: int
    created_at: dt.datetime
    kind: str
    purpose: str
    case_reference: str
    countries: list[str]
    hits: int
    answers: int


@dataclass(frozen=True)
class AnswerRow:
    """One country's answer as the country that asked reads it: hit or no hit, a reference, an
    alert's category and action, the desk to contact. Nothing else of the record."""

    country_code: str
    country: str
    outcome: str
    outcome_label: str
    is_hit: bool
    reference: str
    alert_category: str
    action: str
    contact_point: str
    answered_at: dt.datetime | None
    request_href: str


@dataclass(frozen=True)
class QueryDetail:
    query: QueryRow
    answers: list[AnswerRow]


def _page_number(value: object) -> int:
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return 1
    return min(max(number, 1), PAGE_NUMBER_MAX)


def _country_names(codes: set[str]) -> dict[str, str]:
    return {country.code: country.name for country in IcaoCountry.objects.filter(code__in=codes)}


def _query_row(query: CrossBorderQuery, names: dict[str, str], hits: int, answers: int) -> QueryRow:
    purpose = PURPOSES.get(query.purpose_code)
    kind = QUERY_KINDS.get((query.parameters or {}).get("kind", ""))
    return QueryRow(
        uid=query.uid,
        created_at=query.created_at,
        kind=str(kind) if kind is not None else "",
        purpose=str(purpose.label) if purpose is not None else query.purpose_code,
        case_reference=query.case_reference,
        countries=sorted(names.get(code, code) for code in query.target_countries or []),
        hits=hits,
        answers=answers,
    )


def query_list_page(*, sandbox: Sandbox | None, page: object = 1) -> Page:
    """One page of the queries of the learner's view, newest first, as `QueryRow`s."""
    queries = CrossBorderQuery.objects.visible_to(sandbox).order_by("-created_at", "-uid")
    paginator = Paginator(queries, QUERIES_PAGE_SIZE)
    current = paginator.get_page(_page_number(page))
    rows = list(current.object_list)
    counts = {
        row["query_uid"]: row
        for row in QueryResult.objects.visible_to(sandbox)
        .filter(query_uid__in=[query.uid for query in rows])
        .values("query_uid")
        .annotate(answers=Count("pk"), hits=Count("pk", filter=Q(outcome=QueryOutcome.HIT)))
        .order_by()
    }
    names = _country_names({code for query in rows for code in query.target_countries or []})
    current.object_list = [
        _query_row(query, names, counts.get(query.uid, {}).get("hits", 0), counts.get(query.uid, {}).get("answers", 0))
        for query in rows
    ]
    return current


def _request_href(query_uid: int, result_uid: int) -> str:
    """The follow-up request's form for a hit, once that screen exists."""
    try:
        return reverse("sandbox:request_create", args=[query_uid, result_uid])
    except NoReverseMatch:
        return ""


def query_get(*, sandbox: Sandbox | None, uid: int) -> QueryDetail:
    """A query of the learner's view with each asked country's answer, by country name;
    CrossBorderQuery.DoesNotExist for anyone else's."""
    query = CrossBorderQuery.objects.visible_to(sandbox).get(uid=uid)
    results = list(
        QueryResult.objects.visible_to(sandbox)
        .filter(query_uid=query.uid)
        .only(
            "uid",
            "country",
            "outcome",
            "reference_token",
            "alert_category",
            "action",
            "contact_point",
            "answered_at",
        )
        .order_by("uid")
    )
    names = _country_names({*(query.target_countries or []), *(result.country_id for result in results)})
    categories = {
        category.code: category.name
        for category in AlertCategory.objects.filter(
            code__in={result.alert_category_id for result in results if result.alert_category_id}
        )
    }
    answers = [
        AnswerRow(
            country_code=result.country_id,
            country=names.get(result.country_id, result.country_id),
            outcome=result.outcome,
            outcome_label=str(QueryOutcome(result.outcome).label),
            is_hit=result.outcome == QueryOutcome.HIT,
            reference=result.reference_token,
            alert_category=categories.get(result.alert_category_id or "", ""),
            action=str(AlertAction(result.action).label) if result.action else "",
            contact_point=contact_point_label(result.country_id, result.contact_point),
            answered_at=result.answered_at,
            request_href=_request_href(query.uid, result.uid) if result.outcome == QueryOutcome.HIT else "",
        )
        for result in results
    ]
    answers.sort(key=lambda answer: answer.country)
    hits = sum(answer.is_hit for answer in answers)
    return QueryDetail(query=_query_row(query, names, hits, len(answers)), answers=answers)
