"""A Django process connected to one benchmark database, driven line by line by bench/sandbox.py.

Run as `python -m bench.sandbox_worker` with DATABASE_URL set; it reads one JSON command per
line on stdin and answers one JSON line on stdout. Every timing is taken here, around the
measured call only, so process start-up and the pipe never count.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics as stats
import sys
import time
import uuid
from typing import Any

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from lms.people.models import User  # noqa: E402
from sandbox import selectors, services  # noqa: E402
from sandbox import statistics as sandbox_statistics  # noqa: E402
from sandbox.models import LAYERED_MODELS, CrossingPoint, Document, Movement, Person, Sandbox  # noqa: E402
from sandbox.mrz import mrz_compose_td3  # noqa: E402

SESSION_MONTH = dt.date(2025, 12, 1)
POINTS = ("CR-PBL", "GT-GUA", "SV-SAL", "PA-PTY", "NI-PBL")
_generated: dict[tuple[int, int], Any] = {}


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def generate(seed: int, scale: int) -> dict[str, Any]:
    from sandbox.generation import baseline_clear, baseline_generate

    baseline_clear()
    start = time.perf_counter()
    baseline = baseline_generate(seed=seed, scale=scale)
    return {"ms": _ms(start), "counts": baseline.counts}


def bare_copy(seed: int, scale: int) -> dict[str, Any]:
    """COPY the same pre-generated rows into the same empty tables, nothing else (indexes stay)."""
    from sandbox.generation import baseline_build, baseline_clear

    key = (seed, scale)
    if key not in _generated:
        _generated[key] = baseline_build(seed=seed, scale=scale).copy_buffers()
    buffers = _generated[key]
    baseline_clear()
    quote = connection.ops.quote_name
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for table, columns, text in buffers:
            statement = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
            with cursor.cursor.copy(statement) as copy:
                copy.write(text)
    elapsed = _ms(start)
    baseline_clear()
    return {"ms": elapsed, "rows": sum(text.count("\n") for _t, _c, text in buffers)}


def naive(count: int) -> dict[str, Any]:
    from bench.sandbox_naive import naive_generate

    start = time.perf_counter()
    naive_generate(count)
    elapsed = _ms(start)
    for model in (Person, Document, Movement):
        model.objects.every_row().delete()
    return {"ms_per_movement": elapsed / count}


def _learner() -> User:
    return User.objects.create_user(f"bench-{uuid.uuid4().hex}@bench.example", None, full_name="Bench Learner")


def session(index: int) -> dict[str, Any]:
    """A typical learner session: 10 movements registered from MRZs, 10 people edited, 5
    movements deleted, 10 searches audited: about 65 rows in the layer."""
    rng = random.Random(index)
    user = _learner()
    sandbox = services.sandbox_for(user=user)
    points = {p.code: p for p in CrossingPoint.objects.select_related("country").filter(code__in=POINTS)}
    for i in range(10):
        mrz = mrz_compose_td3(
            document_code="P",
            issuing_state="NIC",
            surnames="Bench López",
            given_names=f"Learner {index}",
            number=f"Q{index % 10000:04d}{i:04d}",
            nationality="NIC",
            birth_date=dt.date(1980 + i, 1 + i, 10),
            sex="F",
            expiry_date=dt.date(2032, 1, 1),
        )
        services.movement_register(
            sandbox=sandbox,
            user=user,
            mrz=mrz,
            direction="ENTRY",
            crossing_point=points[POINTS[i % len(POINTS)]],
            local_time=dt.datetime.combine(SESSION_MONTH.replace(day=1 + i), dt.time(9 + i)),
            authorised_stay_days=30,
        )
    total = Person.objects.baseline().count()
    for uid in rng.sample(range(1, total + 1), 10):
        person = Person.objects.visible_to(sandbox).get(uid=uid)
        services.record_update(sandbox=sandbox, record=person, given_names=f"{person.given_names} B")
    month_movements = list(
        Movement.objects.baseline()
        .filter(local_date__gte=SESSION_MONTH, local_date__lt=dt.date(2026, 1, 1))
        .order_by("uid")[rng.randrange(1000) : rng.randrange(1000) + 5]
    )
    for movement in month_movements:
        services.record_delete(sandbox=sandbox, record=movement)
    for _ in range(10):
        services.audit_record(sandbox=sandbox, actor=user, action="SEARCH", parameters={"name": "garcia"})
    return {"sandbox": sandbox.pk, "rows": sum(m.objects.layer_of(sandbox).count() for m in LAYERED_MODELS)}


def reset(sandbox: int) -> dict[str, Any]:
    target = Sandbox.objects.get(pk=sandbox)
    start = time.perf_counter()
    deleted = services.sandbox_reset(sandbox=target)
    elapsed = _ms(start)
    if deleted == 0 or any(m.objects.layer_of(target).exists() for m in LAYERED_MODELS):
        raise RuntimeError("reset left rows behind or had nothing to delete")
    connection.close()  # no session may stay on a database used as a template
    return {"ms": elapsed, "deleted": deleted}


def layered_bytes() -> dict[str, Any]:
    tables = [model._meta.db_table for model in LAYERED_MODELS]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
        cursor.execute("SELECT sum(pg_total_relation_size(t::regclass)) FROM unnest(%s::text[]) AS t", [tables])
        (total,) = cursor.fetchone()
    return {"bytes": int(total)}


def _interleave(first, second, rounds: int) -> tuple[float, float]:
    times: tuple[list[float], list[float]] = ([], [])
    for round_index in range(rounds):
        order = ((0, first), (1, second)) if round_index % 2 == 0 else ((1, second), (0, first))
        for side, call in order:
            start = time.perf_counter()
            call()
            times[side].append(_ms(start))
    return stats.median(times[0]), stats.median(times[1])


def statistics(sandbox: int, rounds: int) -> dict[str, Any]:
    learner = Sandbox.objects.get(pk=sandbox)
    corrected = sandbox_statistics.statistics_for(sandbox=learner, month=SESSION_MONTH)
    if corrected != sandbox_statistics.statistics_count(sandbox=learner, month=SESSION_MONTH):
        raise RuntimeError("the corrected statistics differ from a direct count")
    if not corrected["movements"]["total"]:
        raise RuntimeError("the statistics month is empty")
    raw, layered = _interleave(
        lambda: sandbox_statistics.statistics_count(sandbox=None, month=SESSION_MONTH),
        lambda: sandbox_statistics.statistics_for(sandbox=learner, month=SESSION_MONTH),
        rounds,
    )
    return {"baseline_ms": raw, "measured_ms": layered}


def search(sandbox: int, rounds: int) -> dict[str, Any]:
    learner = Sandbox.objects.get(pk=sandbox)
    rng = random.Random(7)
    total = Person.objects.baseline().count()
    queries: list[dict[str, str]] = []
    for uid in rng.sample(range(1, total + 1), 6):
        person = Person.objects.baseline().get(uid=uid)
        queries.append({"name": f"{person.given_names.split()[0]} {person.surname_1}"})
        queries.append({"name": person.surname_1[:4]})
        number = Document.objects.baseline().filter(person_uid=uid).values_list("number", flat=True).first()
        if number:
            queries.append({"document_number": number[:6]})
    for query in queries:
        if not selectors.person_search(sandbox=learner, **query):
            raise RuntimeError(f"no result for {query}")

    def run(target):
        return lambda: [selectors.person_search(sandbox=target, **query) for query in queries]

    baseline_ms, layered_ms = _interleave(run(None), run(learner), rounds)
    return {
        "baseline_ms": baseline_ms / len(queries),
        "measured_ms": layered_ms / len(queries),
        "queries": len(queries),
    }


def disconnect() -> dict[str, Any]:
    """Close the database connection (CREATE DATABASE ... TEMPLATE needs the template idle)."""
    connection.close()
    return {}


COMMANDS = {
    "disconnect": disconnect,
    "generate": generate,
    "bare_copy": bare_copy,
    "naive": naive,
    "session": session,
    "reset": reset,
    "layered_bytes": layered_bytes,
    "statistics": statistics,
    "search": search,
}


def main() -> None:
    for line in sys.stdin:
        command = json.loads(line)
        try:
            answer = {"ok": True, **COMMANDS[command.pop("command")](**command)}
        except Exception as error:  # reported to the orchestrator, which fails the benchmark
            answer = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
