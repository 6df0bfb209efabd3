"""Benchmarks of screening a traveller against the alerts (issue 19), in workers on the PostgreSQL baselines.

The travellers (`screening_travellers`, drawn once per worker with a fixed seed): TRAVELLERS
baseline passports valid in the session month (their MRZ read back, as the primary line reads
them), ALERTED travellers named by active person alerts shared with every member (a name and
birth date, with a new passport), and DOCUMENTS baseline passports under an active document
alert; so a round screens mostly clean travellers and a few who hit, as a post does. The
learner is one who played a typical session (`bench.sandbox.session`), at Peñas Blancas
(CR-PBL), on ON, entering. Each screening (and each registration) runs in a transaction rolled
back after it, outside the timing, so the layer stays the same from one operation to the next.

- **screening, 1M against 100k**: `sandbox.screening.screen` of each traveller, on the 1M
  baseline against the 100k baseline (about 2,500 alerts: one per generated hit plus each
  member's stock), rounds alternating between the two workers. The 1M baseline's own stock is
  only about twice the 100k's (each member's stock is capped), so it is topped up first to ten
  times the 100k's (`screening_alerts_top_up`: active person alerts on baseline people's names
  with other birth dates, and document alerts, the table analysed as the loader does) and
  restored afterwards. Target at most 1.5: screening reads the alerts by blocking keys, so its
  cost must not grow with the baseline.
- **screening and registration, 1M**: what the primary line runs for one traveller, `screen`
  then `services.movement_register` of the MRZ with that screening (the registration takes
  its hits), against `movement_register` of the same MRZ given an empty screening, the
  registration without screening; `bench.core.interleaved`. Target at most 1.5.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from functools import cache
from typing import Any

from bench.core import Benchmark, BenchmarkFailed, Result, interleaved
from bench.sandbox.database import SCALES, lab

ON = dt.date(2025, 12, 15)
POST = "CR-PBL"
TRAVELLERS = 16
ALERTED = 3
DOCUMENTS = 1
SCALE_ROUNDS = 10
REGISTER_ROUNDS = 6
SCALE_SESSION = 9_000
REGISTER_SESSION = 9_500


def _scale() -> Result:
    workers = {key: lab().baseline(key) for key in ("1m", "100k")}
    stock = workers["100k"].call("screening_prepare", number=SCALE_SESSION)["alerts"]
    # The 1M baseline's own stock is about twice the 100k's (each member's stock is capped): top it
    # up so that the alerts grow with the movements, ten times, as the issue asks.
    workers["1m"].call("screening_alerts_top_up", alerts=stock * SCALES["1m"] // SCALES["100k"])
    try:
        workers["1m"].call("screening_prepare", number=SCALE_SESSION)
        for worker in workers.values():
            worker.call("screening_times")  # warm-up
        samples: dict[str, list[float]] = {"1m": [], "100k": []}
        for round_index in range(SCALE_ROUNDS):
            order = ("1m", "100k") if round_index % 2 == 0 else ("100k", "1m")
            for key in order:
                samples[key].extend(workers[key].call("screening_times")["times"])
        for key, worker in workers.items():
            answer = worker.call("screening_finish")
            alerts, hits = answer["alerts"], answer["hits"]
            print(f"bench: screening on {key}: {alerts:,} alerts, {hits} hits a round", file=sys.stderr)
    finally:
        workers["1m"].call("screening_alerts_restore")
    return Result(
        baseline_ms=statistics.median(samples["100k"]),
        measured_ms=statistics.median(samples["1m"]),
        count=len(samples["1m"]),
    )


def _against_registration() -> Result:
    return Result(**lab().baseline("1m").call("screening_register_measure", number=REGISTER_SESSION))


BENCHMARKS = [
    Benchmark(
        name="screening: one traveller, 1M baseline",
        baseline="the same screening, 100k baseline",
        run=_scale,
        bound=1.5,
    ),
    Benchmark(
        name="screening: screening and registration, 1M baseline",
        baseline="registering the movement without screening",
        run=_against_registration,
        bound=1.5,
    ),
]


# In the worker.


@cache
def screening_travellers() -> list[tuple[str, Any]]:
    """(MRZ, Traveller) of the travellers screened: clean ones, alerted people and an alerted document."""
    from django.db.models import Q

    from bench.sandbox.session import candidates
    from sandbox.matching import split_subject_name
    from sandbox.models import Alert, Document
    from sandbox.mrz import mrz_compose_td3, mrz_read

    rng = random.Random(19)
    mrzs = rng.sample(candidates().passports, TRAVELLERS)
    in_force = (
        Alert.objects.baseline()
        .filter(status="ACTIVE", sharing_scope="OCAM_ALL", valid_from__lte=ON)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=ON))
        .exclude(action="PREVENT_EXIT")
    )
    people = in_force.filter(subject_kind="PERSON", subject_birth_date__isnull=False).order_by("uid")[:200]
    for index, alert in enumerate(rng.sample(list(people), ALERTED)):
        given, surnames = split_subject_name(alert.subject_name)
        mrzs.append(
            mrz_compose_td3(
                document_code="P",
                issuing_state="GTM",
                surnames=surnames,
                given_names=given,
                number=f"S{index:08d}",
                nationality="GTM",
                birth_date=alert.subject_birth_date,
                sex="M",
                expiry_date=dt.date(2031, 1, 31),
            )
        )
    documents = in_force.filter(subject_kind="DOCUMENT").order_by("uid")[:200]
    for alert in rng.sample(list(documents), min(len(documents), DOCUMENTS * 20)):
        mrz = (
            Document.objects.baseline()
            .filter(number=alert.document_number, issuing_state_id=alert.document_issuing_state_id)
            .filter(document_type_id="P")
            .values_list("mrz", flat=True)
            .first()
        )
        if mrz and _readable(mrz, alert.document_number):
            mrzs.append(mrz)
        if len(mrzs) == TRAVELLERS + ALERTED + DOCUMENTS:
            break
    if len(mrzs) != TRAVELLERS + ALERTED + DOCUMENTS:
        raise BenchmarkFailed(f"only {len(mrzs)} travellers to screen")
    return [(mrz, _traveller(mrz_read(mrz))) for mrz in mrzs]


def _readable(mrz: str, number: str) -> bool:
    """Whether an MRZ reads without an error and names `number` (not an injected defect)."""
    from django.core.exceptions import ValidationError

    from sandbox.mrz import mrz_read

    try:
        return mrz_read(mrz).number == number
    except ValidationError:
        return False


def _traveller(data):
    from sandbox.screening import Traveller

    return Traveller(
        given_names=data.given_names,
        surnames=data.surnames,
        birth_date=data.birth_date,
        nationality=data.nationality,
        document_number=data.number,
        issuing_state=data.issuing_state,
        sex=data.sex,
    )


_state: dict[str, Any] = {}


def _rolled_back():
    from contextlib import contextmanager

    from django.db import transaction

    @contextmanager
    def around():
        with transaction.atomic():
            yield
            transaction.set_rollback(True)

    return around


def _screen(mrz_and_traveller) -> Any:
    from sandbox.screening import screen

    _mrz, traveller = mrz_and_traveller
    return screen(
        sandbox=_state["sandbox"],
        actor=_state["sandbox"].owner,
        crossing_point=_state["post"],
        direction="ENTRY",
        traveller=traveller,
        on=ON,
    )


def _register(mrz: str, hits: list[int] | None = None, result: str = "NO_HIT") -> Any:
    """`movement_register` given the screening already made (`hits` its hit records, None for
    none): the registration screens nothing itself, so a registration without screening is this
    with no hits."""
    from sandbox import services
    from sandbox.services_movements import ScreeningOutcome

    return services.movement_register(
        screening=ScreeningOutcome(ref="", result=result, hit_uids=tuple(hits or ())),
        sandbox=_state["sandbox"],
        user=_state["sandbox"].owner,
        mrz=mrz,
        direction="ENTRY",
        crossing_point=_state["post"],
        local_time=dt.datetime.combine(ON, dt.time(10, 30)),
        authorised_stay_days=90,
        decision="REFERRED" if hits else "ADMITTED",
    )


def screening_prepare(*, number: int) -> dict[str, Any]:
    from bench.sandbox.session import session_play
    from sandbox.models import Alert, CrossingPoint

    _state["sandbox"] = session_play(number=number)
    _state["post"] = CrossingPoint.objects.select_related("country").get(code=POST)
    travellers = screening_travellers()
    around = _rolled_back()
    results = []
    for traveller in travellers:
        with around():
            results.append(_screen(traveller).result)
    alerted = results[TRAVELLERS:]
    if "NO_HIT" in alerted:
        raise BenchmarkFailed(f"an alerted traveller was not hit: {alerted}")
    _state["hits"] = sum(result != "NO_HIT" for result in results)
    return {"alerts": Alert.objects.baseline().count()}


def screening_times() -> dict[str, Any]:
    """Each traveller screened once, in a rolled-back transaction: milliseconds per screening."""
    around = _rolled_back()
    times = []
    for traveller in screening_travellers():
        with around():
            start = time.perf_counter()
            _screen(traveller)
            times.append((time.perf_counter() - start) * 1000)
    return {"times": times}


def screening_alerts_top_up(*, alerts: int) -> dict[str, Any]:
    """Add baseline alerts up to `alerts` (person alerts on names of baseline people with other
    birth dates, and document alerts on unseen numbers, active and shared with every member),
    then analyse the table as the loader does; `screening_alerts_restore` removes them."""
    from django.db import connection

    from sandbox.generation.calibration import OCAM
    from sandbox.matching import birth_key
    from sandbox.models import Alert, Person

    screening_travellers()  # drawn from the generated stock, before the top-up (which the restore removes)
    top = Alert.objects.baseline().order_by("-uid").values_list("uid", flat=True).first() or 0
    missing = alerts - Alert.objects.baseline().count()
    _state["alerts_top"] = top
    if missing <= 0:
        return {"added": 0}
    rng = random.Random(23)
    person_top = Person.objects.baseline().order_by("-uid").values_list("uid", flat=True).first() or 0
    names = list(
        Person.objects.baseline()
        .filter(uid__in=rng.sample(range(1, person_top + 1), min(person_top, 5_000)))
        .values_list("surname_1", "surname_2", "given_names")
    )
    rows = []
    for index in range(missing):
        document = index % 2 == 1
        surname_1, surname_2, given = rng.choice(names)
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(24_000))
        rows.append(
            Alert(
                uid=top + 1 + index,
                sandbox=None,
                is_deleted=False,
                category_id="DOC_LOST_STOLEN" if document else rng.choice(("ENTRY_BAN", "WANTED", "INFO")),
                subject_kind="DOCUMENT" if document else "PERSON",
                subject_name="" if document else f"{surname_1} {surname_2}".strip() + f", {given}",
                subject_birth_date=None if document else born,
                birth_key="" if document else birth_key(born),
                document_number=f"W{index:08d}" if document else "",
                document_issuing_state_id=rng.choice(OCAM) if document else None,
                issuing_country_id=rng.choice(OCAM),
                action="SEIZE_DOCUMENT" if document else "INFO_ONLY",
                valid_from=dt.date(2024, 1, 1),
                valid_until=dt.date(2027, 12, 31),
                status="ACTIVE",
                sharing_scope="OCAM_ALL",
            )
        )
    Alert.objects.bulk_create(rows, batch_size=5_000)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Alert._meta.db_table}")
    return {"added": missing}


def screening_alerts_restore() -> dict[str, Any]:
    """Remove the alerts `screening_alerts_top_up` added, and analyse the table again."""
    from django.db import connection

    from sandbox.models import Alert

    if "alerts_top" not in _state:
        return {}
    table = Alert._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE sandbox_id IS NULL AND uid > %s", [_state.pop("alerts_top")])  # noqa: S608
        cursor.execute(f"ANALYZE {table}")
    return {}


def screening_finish() -> dict[str, Any]:
    from sandbox import services
    from sandbox.models import Alert

    services.sandbox_reset(sandbox=_state["sandbox"])
    return {"alerts": Alert.objects.baseline().count(), "hits": _state["hits"]}


def screening_register_measure(*, number: int) -> dict[str, Any]:
    from sandbox import services

    screening_prepare(number=number)
    travellers = screening_travellers()
    turn = {"baseline": 0, "measured": 0}

    def next_of(side: str):
        traveller = travellers[turn[side] % len(travellers)]
        turn[side] += 1
        return traveller

    def register() -> None:
        mrz, _traveller = next_of("baseline")
        _register(mrz)

    def screen_and_register() -> None:
        traveller = next_of("measured")
        screening = _screen(traveller)
        _register(traveller[0], [hit.uid for hit in screening.hits], screening.result)

    try:
        result = interleaved(
            register,
            screen_and_register,
            rounds=REGISTER_ROUNDS,
            per_round=len(travellers),
            warmup=len(travellers),
            around=_rolled_back(),
        )
    finally:
        services.sandbox_reset(sandbox=_state["sandbox"])
    return {"baseline_ms": result.baseline_ms, "measured_ms": result.measured_ms, "count": result.count}


COMMANDS = {
    "screening_prepare": screening_prepare,
    "screening_times": screening_times,
    "screening_finish": screening_finish,
    "screening_alerts_top_up": screening_alerts_top_up,
    "screening_alerts_restore": screening_alerts_restore,
    "screening_register_measure": screening_register_measure,
}
