"""Benchmarks of graded exercises (issue 18), in workers on the PostgreSQL baselines.

- **check of an attempt, 1M baseline** against **opening the learner's person page**: a learner
  who played a typical session starts exercise #1 and registers its entry (not timed); then
  `bench.core.interleaved` times `exercise_check` (the check a learner's "check my work" runs:
  the learner's sandbox read through the screens' query layer, the findings, the check recorded)
  against the person page of the scenario's traveller rendered by its view (`PersonDetailView`,
  the screen that reads that traveller's records, its audit entry included). Target at most 2.
- **scenario build, 1M baseline** against **a whole-sandbox reset**: per round, a new learner
  plays a typical session (not timed); `exercise_start` of a new exercise (building its
  scenario into the layer: #1, #3, the exit and #2 in turn, 4 to 12 records) is timed, then
  `sandbox_reset` of that layer (the session's rows and the scenario's). Target at most 5.
- **scenario build, 1M against 100k**: the same build on the two baselines, rounds alternating
  between the workers. Target at most 1.2: a build writes the scenario's rows, whatever the
  baseline's size.
- **a learner's layer after ten exercises** against **a full copy of the baseline**: on the
  fresh 100k baseline (a smaller baseline makes the ratio larger: the harder case), STORAGE
  learners each do ten exercises right (#1, #3, the exit, #2 and #16, twice; start, the
  reference solution of `sandbox.exercises.solutions`, check); the layered
  tables' growth per learner (as `bench.sandbox.storage` measures it) against the tables'
  size. Target at most 0.01 (1 %).
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

from bench.core import Benchmark, BenchmarkFailed, Result, interleaved
from bench.sandbox.database import lab

CHECK_ROUNDS = 10
CHECK_PER_ROUND = 3
BUILD_ROUNDS = 12
STORAGE_LEARNERS = 40
EXERCISES_PER_LEARNER = 10
CHECK_SESSION = 6_000
BUILD_SESSIONS = 7_000
STORAGE_FIRST = 8_000
# The types whose scenarios write records, and #16, which writes none: ten exercises are two rounds.
MIX = ("entry_registration", "ca4_decisions", "exit_closure", "mrz_triage", "peak_planning")
# The scenario builds timed: the types that write records, in turn.
BUILT = MIX[:4]


def _check() -> Result:
    lab().static_collect()  # the person page is rendered: its template names static files
    return Result(**lab().baseline("1m").call("check_measure", number=CHECK_SESSION))


def _build_samples(key: str, round_index: int) -> dict[str, float]:
    return lab().baseline(key).call("build_and_reset", number=BUILD_SESSIONS + round_index)


def _build_against_reset() -> Result:
    builds, resets = [], []
    _build_samples("1m", -1)  # warm-up
    for round_index in range(BUILD_ROUNDS):
        answer = _build_samples("1m", round_index)
        builds.append(answer["build_ms"])
        resets.append(answer["reset_ms"])
    return Result(baseline_ms=statistics.median(resets), measured_ms=statistics.median(builds), count=BUILD_ROUNDS)


def _build_scale() -> Result:
    samples: dict[str, list[float]] = {"1m": [], "100k": []}
    for key in samples:
        _build_samples(key, -2)  # warm-up
    for round_index in range(BUILD_ROUNDS):
        order = ("1m", "100k") if round_index % 2 == 0 else ("100k", "1m")
        for key in order:
            samples[key].append(_build_samples(key, 100 + round_index)["build_ms"])
    return Result(
        baseline_ms=statistics.median(samples["100k"]), measured_ms=statistics.median(samples["1m"]), count=BUILD_ROUNDS
    )


def _storage() -> Result:
    answer = lab().baseline("100k").call("exercise_storage_measure", learners=STORAGE_LEARNERS, first=STORAGE_FIRST)
    print(f"bench: ten exercises: {answer['layer_bytes'] / 1024:,.1f} KiB, {answer['rows']} rows", file=sys.stderr)
    return Result(
        baseline_ms=answer["copy_bytes"] / 1024,
        measured_ms=answer["layer_bytes"] / 1024,
        count=STORAGE_LEARNERS,
        unit="KiB",
    )


STORAGE_BENCHMARK = Benchmark(
    name="exercises: a learner's layer after ten exercises, 100k baseline",
    baseline="a full copy of the 100k baseline's tables",
    run=_storage,
    bound=0.01,
)
BENCHMARKS = [
    Benchmark(
        name="exercises: check of an attempt, 1M baseline",
        baseline="opening the traveller's person page",
        run=_check,
        bound=2,
    ),
    Benchmark(
        name="exercises: scenario build, 1M baseline",
        baseline="a whole-sandbox reset after a session",
        run=_build_against_reset,
        bound=5,
    ),
    Benchmark(
        name="exercises: scenario build, 1M baseline",
        baseline="the same build, 100k baseline",
        run=_build_scale,
        bound=1.2,
    ),
]


# In the worker.


def _spec(key: str, slug: str = "entry_registration"):
    from sandbox.exercises.engine import ExerciseSpec

    return ExerciseSpec(key=key, type_slug=slug, parameters={})


def check_measure(*, number: int) -> dict[str, Any]:
    from django.contrib.auth.models import Permission
    from django.test import RequestFactory

    from bench.sandbox.session import session_play
    from sandbox import services
    from sandbox.exercises.engine import exercise_check, exercise_start
    from sandbox.exercises.solutions import solve
    from sandbox.views import PersonDetailView

    sandbox = session_play(number=number)
    user = sandbox.owner
    user.user_permissions.add(Permission.objects.get(codename="practise"))
    user = type(user).objects.get(pk=user.pk)
    attempt = exercise_start(user=user, spec=_spec(f"bench:check:{number}"))
    solve(user=user, attempt=attempt)
    if exercise_check(user=user, token=attempt.token).check.score != 100:
        raise BenchmarkFailed("the reference solution of exercise #1 did not score 100")
    factory = RequestFactory()
    view = PersonDetailView.as_view()
    traveller = attempt.records["traveller"]

    def person_page() -> None:
        request = factory.get(f"/sandbox/people/{traveller}/")
        request.user = user
        response = view(request, uid=traveller)
        if response.status_code != 200:
            raise BenchmarkFailed(f"the person page answered {response.status_code}")

    def check() -> None:
        exercise_check(user=user, token=attempt.token)

    try:
        result = interleaved(person_page, check, rounds=CHECK_ROUNDS, per_round=CHECK_PER_ROUND, warmup=2)
    finally:
        services.sandbox_reset(sandbox=sandbox)
    return {"baseline_ms": result.baseline_ms, "measured_ms": result.measured_ms, "count": result.count}


def build_and_reset(*, number: int) -> dict[str, Any]:
    from bench.sandbox.session import layer_rows, session_play, session_rows
    from sandbox import services
    from sandbox.exercises.engine import exercise_start

    sandbox = session_play(number=number)
    played = session_rows(sandbox)
    start = time.perf_counter()
    attempt = exercise_start(user=sandbox.owner, spec=_spec(f"bench:build:{number}", BUILT[number % len(BUILT)]))
    build_ms = (time.perf_counter() - start) * 1000
    scenario_rows = len(attempt.records)
    sandbox.refresh_from_db()
    if layer_rows(sandbox) != played + scenario_rows:
        raise BenchmarkFailed(f"the build left {layer_rows(sandbox)} rows, expected {played + scenario_rows}")
    start = time.perf_counter()
    services.sandbox_reset(sandbox=sandbox)
    reset_ms = (time.perf_counter() - start) * 1000
    return {"build_ms": build_ms, "reset_ms": reset_ms}


def exercise_storage_measure(*, learners: int, first: int) -> dict[str, Any]:
    from bench.sandbox.session import learner_create
    from bench.sandbox.storage import _layered_bytes
    from sandbox import services
    from sandbox.exercises.engine import exercise_check, exercise_start
    from sandbox.exercises.solutions import solve
    from sandbox.models import LAYERED_MODELS, Sandbox

    if Sandbox.objects.exists():
        raise BenchmarkFailed("the exercises' storage benchmark needs a database without any learner's layer yet")
    before = _layered_bytes()
    sandboxes, rows = [], 0
    for index in range(learners):
        user = learner_create()
        for exercise in range(EXERCISES_PER_LEARNER):
            attempt = exercise_start(
                user=user, spec=_spec(f"bench:storage:{first + index}:{exercise}", MIX[exercise % len(MIX)])
            )
            solve(user=user, attempt=attempt)
            if exercise_check(user=user, token=attempt.token).check.score != 100:
                raise BenchmarkFailed(f"the reference solution of {attempt.exercise_type} did not score 100")
        sandbox = Sandbox.objects.get(owner=user)
        sandboxes.append(sandbox)
        rows = sum(model.objects.layer_of(sandbox).count() for model in LAYERED_MODELS)
    after = _layered_bytes()
    for sandbox in sandboxes:
        services.sandbox_reset(sandbox=sandbox)
    _layered_bytes()
    return {"copy_bytes": before, "layer_bytes": (after - before) / learners, "rows": rows}


COMMANDS = {
    "check_measure": check_measure,
    "build_and_reset": build_and_reset,
    "exercise_storage_measure": exercise_storage_measure,
}
