"""Reads of alerts for the alert manager's screens: a filtered page of the learner's view of the
stock, one alert with its history and its hits. Every read is scoped by `visible_to(sandbox)`;
the list reads one page (and a count), never the whole stock.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet

from sandbox.models import Alert, AlertChange, AlertHit, Sandbox
from sandbox.selectors import PAGE_NUMBER_MAX

ALERTS_PAGE_SIZE = 25
HITS_SHOWN = 50
# "Review due soon": within this many days from today.
REVIEW_SOON_DAYS = 30
REVIEW_OVERDUE, REVIEW_SOON = "overdue", "soon"


def alert_matches(
    *, sandbox: Sandbox | None, today: dt.date, status: str = "", category: str = "", review: str = ""
) -> QuerySet[Alert]:
    """Alerts of the learner's view with a status, a category and a review date (overdue: before
    `today`; soon: from today to 30 days on), the most pressing review first (not evaluated)."""
    alerts = Alert.objects.visible_to(sandbox)
    if status:
        alerts = alerts.filter(status=status)
    if category:
        alerts = alerts.filter(category_id=category)
    if review == REVIEW_OVERDUE:
        alerts = alerts.filter(review_due__lt=today)
    elif review == REVIEW_SOON:
        alerts = alerts.filter(review_due__gte=today, review_due__lte=today + dt.timedelta(days=REVIEW_SOON_DAYS))
    return alerts.order_by(F("review_due").asc(nulls_last=True), "-uid")


def _page_number(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return 1
    return min(max(number, 1), PAGE_NUMBER_MAX)


def alert_list_page(
    *,
    sandbox: Sandbox | None,
    today: dt.date,
    status: str = "",
    category: str = "",
    review: str = "",
    page: Any = 1,
    per_page: int = ALERTS_PAGE_SIZE,
) -> Page:
    """One page of `alert_matches`, with their categories and countries; a page past the last
    gives the last, anything not a number the first."""
    matches = alert_matches(sandbox=sandbox, today=today, status=status, category=category, review=review)
    paginator = Paginator(matches.select_related("category", "issuing_country"), per_page)
    return paginator.get_page(_page_number(page))


def alert_get(*, sandbox: Sandbox | None, uid: int) -> Alert:
    """An alert of the learner's country, or one another member shares with it (reached from a
    hit, to follow it up with its issuer); Alert.DoesNotExist for any other, and for another
    learner's."""
    from sandbox.screening import alert_reachable

    return alert_reachable(
        sandbox=sandbox,
        uid=uid,
        related=(
            "category",
            "issuing_country",
            "subject_nationality",
            "document_issuing_state",
            "created_by",
            "approved_by",
        ),
    )


def alert_history(*, sandbox: Sandbox | None, alert_uid: int) -> QuerySet[AlertChange]:
    """The changes of an alert in the learner's view, oldest first."""
    return (
        AlertChange.objects.visible_to(sandbox)
        .filter(alert_uid=alert_uid)
        .select_related("actor")
        .order_by("occurred_at", "uid")
    )


def alert_hits(*, sandbox: Sandbox | None, alert_uid: int, limit: int = HITS_SHOWN) -> list[AlertHit]:
    """The latest hits on an alert in the learner's view."""
    hits = (
        AlertHit.objects.visible_to(sandbox)
        .filter(alert_uid=alert_uid)
        .select_related("crossing_point__country")
        .order_by(F("screened_at").desc(nulls_last=True), "-uid")
    )
    return list(hits[:limit])
