"""Benchmark of the hit/no-hit consultation (issue 20): a query by name and date of birth to
every other member country, against a person search by the same name in the learner's own
country.

On the 1M baseline, in the worker. The learner is a Guatemalan analyst (a sandbox bound to
Guatemala, empty layer). QUERY_PEOPLE baseline people held by the other members are drawn
(seeded) among those with a date of birth; checked first (not timed) that a query by their
names and date of birth is answered HIT by the member that holds them. Timed with
`bench.core.interleaved`, one operation being the whole set, each inside a transaction rolled
back after it (not timed), so that every round starts from the same empty layer:

- measured: `sandbox.consultation.query_send` by surnames, given names and date of birth to the
  seven other members (each node searched through `node_view`, the answers and the audit event
  written), purpose border check, a case reference;
- baseline: `sandbox.selectors.person_search_page(sandbox=learner, name=...)` with the same
  surnames and given names, what the person search screen runs in Guatemala's records (the
  first page and the number of matches).

Milliseconds per query. Ratio: measured / baseline, target at most 3: a node is searched by
the indexed date of birth, never by a scan of its people.
"""

from __future__ import annotations

import random
from typing import Any

from bench.core import Benchmark, BenchmarkFailed, Result, interleaved
from bench.sandbox.database import lab

LEARNER_COUNTRY = "GTM"
QUERY_PEOPLE = 8
ROUNDS = 8


def _run() -> Result:
    return Result(**lab().baseline("1m").call("consultation_measure"))


BENCHMARK = Benchmark(
    name="consultation: a hit/no-hit query to the seven other members, 1M baseline",
    baseline="a person search by the same name in the learner's own country",
    run=_run,
    bound=3,
)


# In the worker.


def _rolled_back():
    from contextlib import contextmanager

    from django.db import transaction

    @contextmanager
    def around():
        with transaction.atomic():
            yield
            transaction.set_rollback(True)

    return around


def consultation_people(members: list[str]) -> list[Any]:
    """QUERY_PEOPLE baseline people held by `members`, with names and a date of birth (seeded)."""
    from sandbox.models import Person

    rng = random.Random(20)
    top = Person.objects.baseline().order_by("-uid").values_list("uid", flat=True).first() or 0
    chosen = []
    for uid in rng.sample(range(1, top + 1), min(top, 2_000)):
        person = Person.objects.baseline().filter(uid=uid, held_by__in=members).first()
        if person is None or person.birth_date is None or not person.given_names or not person.surname_1:
            continue
        chosen.append(person)
        if len(chosen) == QUERY_PEOPLE:
            return chosen
    raise BenchmarkFailed(f"only {len(chosen)} people of other members with a date of birth in 2,000 drawn")


def consultation_measure() -> dict[str, Any]:
    from django.db import transaction

    from bench.sandbox.session import learner_create
    from sandbox import selectors, services
    from sandbox.consultation import BY_NAME, QueryParameters, member_countries, query_send
    from sandbox.models import QueryOutcome, QueryResult, Sandbox

    members = sorted(code for code in member_countries() if code != LEARNER_COUNTRY)
    if len(members) != 7:
        raise BenchmarkFailed(f"expected the seven other OCAM members, found {members}")
    user = learner_create()
    sandbox = Sandbox.objects.create(owner=user, country_id=LEARNER_COUNTRY, role="analyst")
    sandbox = Sandbox.objects.select_related("country").get(pk=sandbox.pk)
    people = consultation_people(members)
    queries = [
        (
            person,
            QueryParameters(
                kind=BY_NAME, surnames=person.surnames, given_names=person.given_names, birth_date=person.birth_date
            ),
            f"{person.surnames} {person.given_names}",
        )
        for person in people
    ]

    def consult() -> list[Any]:
        return [
            query_send(
                sandbox=sandbox,
                user=user,
                parameters=parameters,
                countries=members,
                purpose_code="BORDER_CHECK",
                case_reference=f"BENCH-{index:04d}",
            )
            for index, (_person, parameters, _name) in enumerate(queries)
        ]

    def search() -> list[Any]:
        return [selectors.person_search_page(sandbox=sandbox, name=name) for _person, _parameters, name in queries]

    try:
        # Checked first, rolled back: each query is a hit at the member that holds the person.
        with transaction.atomic():
            for (person, _parameters, _name), query in zip(queries, consult(), strict=True):
                outcomes = dict(
                    QueryResult.objects.layer_of(sandbox).filter(query_uid=query.uid).values_list("country", "outcome")
                )
                if sorted(outcomes) != members or outcomes[person.held_by_id] != QueryOutcome.HIT:
                    raise BenchmarkFailed(f"person {person.uid} of {person.held_by_id}: answers {outcomes}")
            transaction.set_rollback(True)
        result = interleaved(search, consult, rounds=ROUNDS, per_round=1, warmup=1, around=_rolled_back())
    finally:
        services.sandbox_reset(sandbox=sandbox)
    return {
        "baseline_ms": result.baseline_ms / len(queries),
        "measured_ms": result.measured_ms / len(queries),
        "count": result.count * len(queries),
    }


COMMANDS = {"consultation_measure": consultation_measure}
