"""Benchmark: person search through a learner's layer, against the same search on the baseline alone.

On the 1M baseline, for a learner after a typical session, in the worker. QUERY_PEOPLE people of
the baseline the learner has not touched are drawn (seeded), and for each three realistic
queries are made, as a border officer types them:

- a surname and a given-name prefix: "PEREZ JO";
- a partial surname: the first surname and the start of the second, "PEREZ LOP";
- a document-number prefix: the first 6 characters of one of their documents.

A person is kept only if each of their queries returns them on the first page of results, in
the learner's view and in the baseline's (checked, not timed). Timed with
`bench.core.interleaved`: one operation is the whole set of queries through
`selectors.person_search_page(sandbox=learner, ...)` (measured) or `sandbox=None` (baseline),
what the search screen runs: the first page of people and the number of matches. The table
shows milliseconds per query. Ratio: measured / baseline, target at most 1.3.
"""

from __future__ import annotations

import random
from typing import Any

from bench.core import Benchmark, BenchmarkFailed, Result, interleaved
from bench.sandbox.database import lab

QUERY_PEOPLE = 6
ROUNDS = 8
SEARCH_SESSION = 5_000


def _run() -> Result:
    answer = lab().baseline("1m").call("search_measure", number=SEARCH_SESSION)
    return Result(**answer)


BENCHMARK = Benchmark(
    name="sandbox: person search, learner's view",
    baseline="the same searches on the baseline alone",
    run=_run,
    bound=1.3,
)


# In the worker.


def _queries_for(person, number: str) -> list[dict[str, str]]:
    from sandbox.names import name_words

    given, surname_1, surname_2 = map(name_words, (person.given_names, person.surname_1, person.surname_2))
    queries = [{"name": f"{surname_1[0]} {given[0][:2]}"}]
    if surname_2:
        queries.append({"name": f"{surname_1[0]} {surname_2[0][:3]}"})
    else:
        queries.append({"name": f"{given[0]} {surname_1[0][:4]}"})
    queries.append({"document_number": number[:6]})
    return queries


def search_queries(learner) -> list[tuple[dict[str, str], int]]:
    """(query, uid of the person it must find) for QUERY_PEOPLE people the learner has not touched."""
    from sandbox import selectors
    from sandbox.models import Document, Person

    rng = random.Random(7)
    touched = set(Person.objects.layer_of(learner).values_list("uid", flat=True))
    top = Person.objects.baseline().order_by("-uid").values_list("uid", flat=True).first() or 0
    chosen: list[tuple[dict[str, str], int]] = []
    people = 0
    for uid in rng.sample(range(1, top + 1), 200):
        person = Person.objects.baseline().filter(uid=uid).first()
        number = Document.objects.baseline().filter(person_uid=uid).order_by("uid").values_list("number", flat=True)
        if person is None or uid in touched or not number or not person.given_names or not person.surname_1:
            continue
        queries = _queries_for(person, number[0])
        found = all(
            uid in {p.uid for p in selectors.person_search_page(sandbox=view, **query)}
            for query in queries
            for view in (None, learner)
        )
        if found:
            chosen += [(query, uid) for query in queries]
            people += 1
            if people == QUERY_PEOPLE:
                return chosen
    raise BenchmarkFailed(f"only {people} people of 200 are found by their own queries")


def search_measure(*, number: int) -> dict[str, Any]:
    from bench.sandbox.session import session_play
    from sandbox import selectors, services

    learner = session_play(number=number)
    try:
        queries = search_queries(learner)

        def searches(view):
            return lambda: [selectors.person_search_page(sandbox=view, **query) for query, _uid in queries]

        result = interleaved(searches(None), searches(learner), rounds=ROUNDS, per_round=1, warmup=1)
    finally:
        services.sandbox_reset(sandbox=learner)
    return {
        "baseline_ms": result.baseline_ms / len(queries),
        "measured_ms": result.measured_ms / len(queries),
        "count": result.count * len(queries),
    }


COMMANDS = {"search_measure": search_measure}
