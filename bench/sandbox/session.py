"""A typical learner session, played through the services: what a learner's layer holds after one.

Runs in a worker (`bench.sandbox.worker`), Django set up. A session, for one new learner:

- registers 10 movements with `services.movement_register` from valid TD3 MRZs at real
  crossing points, in SESSION_MONTH, each screened first (the screening's audit event, and a
  hit record for each alert it finds): 6 for travellers of the baseline (the MRZ of one of
  their passports: a movement and its audit event) and 4 for new travellers (a person, a
  document, a movement and an audit event each);
- edits 10 baseline people (`services.record_update`: a copy superseding each);
- deletes 5 admitted baseline movements of SESSION_MONTH (`services.record_delete`: tombstones);
- logs 5 searches as the search screen does (`services.audit_record`; a search writes nothing
  else).

That is SESSION_ROWS = 58 rows in the layer, plus the hit records of the screenings (the
baseline's alerts decide how many: rarely any), checked after every session. The picks are
deterministic per session number (a seeded random generator over candidates drawn from the
baseline), so two databases of different scales play the same kind of session.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ValidationError

from people.models import User
from sandbox import services
from sandbox.models import (
    LAYERED_MODELS,
    AlertHit,
    CrossingPoint,
    DataQualityDefect,
    Document,
    Movement,
    Person,
    Sandbox,
)
from sandbox.mrz import mrz_compose_td3, mrz_read

# A month of the default baseline period (2024-11 to 2026-10), after its first year.
SESSION_MONTH = dt.date(2025, 12, 1)
NEXT_MONTH = dt.date(2026, 1, 1)
KNOWN_TRAVELLERS = 6
NEW_TRAVELLERS = 4
EDITS = 10
DELETIONS = 5
SEARCHES = 5
SCREENINGS = KNOWN_TRAVELLERS + NEW_TRAVELLERS
SESSION_ROWS = KNOWN_TRAVELLERS * 2 + NEW_TRAVELLERS * 4 + SCREENINGS + EDITS + DELETIONS + SEARCHES
CANDIDATES = 400
NEW_NAMES = (("María José", "Pérez", "Gómez"), ("Luis Alberto", "Núñez", "Ortiz"), ("Ana", "Zelaya", "Peña"))
NATIONALITIES = ("GTM", "SLV", "HND", "NIC", "CRI", "PAN", "MEX", "USA")


@dataclass(frozen=True)
class Candidates:
    """Baseline records a session may use, drawn once per worker."""

    points: list[CrossingPoint]
    passports: list[str]  # MRZs of defect-free baseline passports valid in the month, read back to their document
    person_uids: list[int]
    movement_uids: list[int]  # admitted baseline movements of the month


@cache
def candidates() -> Candidates:
    rng = random.Random(1)
    points = list(CrossingPoint.objects.select_related("country").order_by("code"))
    documents = Document.objects.baseline()
    top = documents.order_by("-uid").values_list("uid", flat=True).first() or 0
    passports = []
    defective = DataQualityDefect.objects.filter(entity="document").values("entity_uid")
    picked = (
        documents.filter(
            uid__in=rng.sample(range(1, top + 1), min(top, CANDIDATES * 4)),
            document_type_id="P",
            status="VALID",
            expires_on__gt=NEXT_MONTH,
        )
        .exclude(uid__in=defective)  # a misread MRZ, a wrong country code: a border officer would refuse it
        .order_by("uid")
    )
    for number, state, mrz in picked.values_list("number", "issuing_state_id", "mrz"):
        try:
            data = mrz_read(mrz)
        except ValidationError:
            continue  # an injected data-quality defect
        if (data.number, data.issuing_state) == (number, state):
            passports.append(mrz)
    person_top = Person.objects.baseline().order_by("-uid").values_list("uid", flat=True).first() or 0
    month = Movement.objects.baseline().filter(
        local_date__gte=SESSION_MONTH, local_date__lt=NEXT_MONTH, decision="ADMITTED"
    )
    movement_uids = list(month.order_by("uid").values_list("uid", flat=True)[: CANDIDATES * 10])
    if len(passports) < KNOWN_TRAVELLERS * 4 or len(movement_uids) < DELETIONS * 4:
        raise RuntimeError(f"too few candidates: {len(passports)} passports, {len(movement_uids)} movements")
    return Candidates(
        points=points,
        passports=passports,
        person_uids=rng.sample(range(1, person_top + 1), min(person_top, CANDIDATES)),
        movement_uids=movement_uids,
    )


def learner_create() -> User:
    return User.objects.create_user(f"bench-{uuid.uuid4().hex}@bench.example", None, full_name="Bench Learner")


def _moment(rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(SESSION_MONTH.replace(day=rng.randint(1, 28)), dt.time(rng.randint(6, 20)))


def session_play(*, number: int) -> Sandbox:
    """Play typical session `number` for a new learner; return their sandbox (layer checked: SESSION_ROWS rows)."""
    rng = random.Random(number)
    pool = candidates()
    user = learner_create()
    sandbox = services.sandbox_get_or_create(user=user)
    registrations = [*rng.sample(pool.passports, KNOWN_TRAVELLERS), *([None] * NEW_TRAVELLERS)]
    for index, known in enumerate(registrations):
        if known is None:
            given, surname_1, surname_2 = rng.choice(NEW_NAMES)
            state = rng.choice(NATIONALITIES)
            mrz = mrz_compose_td3(
                document_code="P",
                issuing_state=state,
                surnames=f"{surname_1} {surname_2}",
                given_names=given,
                number=f"Q{number % 1_000_000:06d}{index:02d}",
                nationality=state,
                birth_date=dt.date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28)),
                sex=rng.choice("MF"),
                expiry_date=dt.date(2031, rng.randint(1, 12), 1),
            )
        services.movement_register(
            sandbox=sandbox,
            user=user,
            mrz=known or mrz,
            direction=rng.choice(("ENTRY", "EXIT")),
            crossing_point=rng.choice(pool.points),
            local_time=_moment(rng),
            authorised_stay_days=90,
        )
    edited = 0
    for uid in rng.sample(pool.person_uids, len(pool.person_uids)):
        person = Person.objects.visible_to(sandbox).get(uid=uid)
        try:
            services.record_update(sandbox=sandbox, record=person, surname_2=rng.choice(("De León", "Ramírez")))
        except ValidationError:
            continue  # a baseline row with an injected defect the form would refuse: pick another person
        edited += 1
        if edited == EDITS:
            break
    for uid in rng.sample(pool.movement_uids, DELETIONS):
        services.record_delete(sandbox=sandbox, record=Movement.objects.visible_to(sandbox).get(uid=uid))
    for _ in range(SEARCHES):
        services.audit_record(
            sandbox=sandbox,
            actor=user,
            action="SEARCH",
            object_type="person",
            parameters={"name": rng.choice(("garcia lopez", "maria", "hernandez")), "document": ""},
            result_count=rng.randint(0, 50),
        )
    rows, expected = layer_rows(sandbox), session_rows(sandbox)
    if rows != expected:
        raise RuntimeError(f"session {number} left {rows} rows in the layer, expected {expected}")
    return sandbox


def session_rows(sandbox: Sandbox) -> int:
    """The rows a session leaves in the layer: SESSION_ROWS and the hit records its screenings wrote."""
    return SESSION_ROWS + AlertHit.objects.layer_of(sandbox).count()


def layer_rows(sandbox: Sandbox) -> int:
    return sum(model.objects.layer_of(sandbox).count() for model in LAYERED_MODELS)
