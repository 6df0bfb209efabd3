"""Benchmark of the audit viewer (issue 20): its filtered list at 100k audit events held by the
learner's country, against the same list at 1k.

In the worker on the 100k baseline, each round opens a transaction, adds EVENTS synthetic audit
events held by Guatemala to the baseline (one INSERT ... SELECT over generate_series: a minute
apart, five actions and four purposes in turn, one in ten without a case reference), analyses
the table as the loader does, creates a Guatemalan supervisor's sandbox, and times
`selectors_audit.audit_page` with the same filters (views for a border check, over a year),
its first page and the next one, then rolls everything back. Rounds alternate between 1k and
100k events. Ratio: 100k / 1k, target at most 1.5: a page is read through the (held_by,
occurred_at) index, newest first, and never counts the whole list.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import Any

from bench.core import Benchmark, Result
from bench.sandbox.database import lab

ROUNDS = 6
PAGES = 20
SIZES = {"1k": 1_000, "100k": 100_000}
LAST = dt.datetime(2025, 12, 31, 18, tzinfo=dt.UTC)


def _scale() -> Result:
    worker = lab().baseline("100k")
    samples: dict[str, list[float]] = {key: [] for key in SIZES}
    for round_index in range(-1, ROUNDS):  # round -1 warms both up
        order = list(SIZES) if round_index % 2 == 0 else list(SIZES)[::-1]
        for key in order:
            times = worker.call("audit_list_times", events=SIZES[key])["times"]
            if round_index >= 0:
                samples[key].extend(times)
    return Result(
        baseline_ms=statistics.median(samples["1k"]),
        measured_ms=statistics.median(samples["100k"]),
        count=len(samples["100k"]),
    )


BENCHMARKS = [
    Benchmark(
        name="audit viewer: the filtered list at 100k audit events",
        baseline="the same list at 1k audit events",
        run=_scale,
        bound=1.5,
    )
]


# In the worker.


class _Rollback(Exception):
    pass


def _events_add(events: int) -> None:
    from django.db import connection
    from django.db.models import Max

    from sandbox.models import AuditEvent

    first = (AuditEvent.objects.every_row().aggregate(largest=Max("uid"))["largest"] or 0) + 1
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (uid, sandbox_id, is_deleted, scenario, actor_id, actor_label, action,"  # noqa: S608 - the model's table
            " object_type, object_uid, parameters, purpose_code, case_reference, result_count, occurred_at,"
            " held_by_id, anomaly)"
            " SELECT %s + i, NULL, false, NULL, NULL, 'Bench ' || (i %% 40), "
            " (ARRAY['VIEW', 'SEARCH', 'QUERY', 'CREATE', 'EXPORT'])[i %% 5 + 1], 'person', i, '{}'::jsonb,"
            " (ARRAY['BORDER_CHECK', 'INVESTIGATION', 'RETURN_VERIFICATION', 'CHILD_PROTECTION'])[i %% 4 + 1],"
            " CASE WHEN i %% 10 = 0 THEN '' ELSE 'GT-2025-' || i END, 1, %s - i * interval '1 minute', 'GTM', ''"
            " FROM generate_series(0, %s - 1) AS i",
            [first, LAST, events],
        )
        cursor.execute(f"ANALYZE {table}")


def audit_list_times(*, events: int) -> dict[str, Any]:
    """Times (ms) of PAGES pages of the filtered list with `events` more events held by Guatemala."""
    from django.db import transaction

    from bench.sandbox.session import learner_create
    from sandbox.models import Sandbox
    from sandbox.selectors_audit import AuditFilters, audit_page

    filters = AuditFilters(
        action="VIEW", purpose="BORDER_CHECK", date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31)
    )
    times: list[float] = []
    try:
        with transaction.atomic():
            _events_add(events)
            sandbox = Sandbox.objects.create(owner=learner_create(), country_id="GTM", role="post_supervisor")
            sandbox = Sandbox.objects.select_related("country").get(pk=sandbox.pk)
            for _ in range(PAGES // 2):
                started = time.perf_counter()
                page = audit_page(sandbox=sandbox, filters=filters)
                audit_page(sandbox=sandbox, filters=filters, cursor=page.next_cursor)
                times.append((time.perf_counter() - started) * 1000 / 2)
            raise _Rollback
    except _Rollback:
        pass
    return {"times": times}


COMMANDS = {"audit_list_times": audit_list_times}
