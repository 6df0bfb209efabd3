"""The sandbox statistics tests' rows: a hand-made baseline of January, March and April 2025 with
the figures expected of its March, a smaller baseline, a learner's own movements and returns
written through the services (with the fields a change implies), as a learner's session and the
property test write them; and December 2025 at Peñas Blancas day by day, for the daily view and
the peak-planning exercise, with a direct count to compare their figures with."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from sandbox import services, statistics
from sandbox.models import Baseline, Movement, ReturnEvent, Sandbox
from tests.sandbox.baseline_rows import baseline_movement, baseline_movements, baseline_return

JANUARY, FEBRUARY, MARCH, APRIL, JUNE = (dt.date(2025, month, 1) for month in (1, 2, 3, 4, 6))
KINDS = {"GT-GUA": "AIR", "CR-PBL": "LAND", "GT-VNU": "LAND", "GT-TUM": "LAND"}


def hand_made_baseline() -> None:
    """Movements and returns of January, March and April 2025 (nothing in February)."""
    entry = baseline_movement(local_date=dt.date(2025, 3, 2), nationality_id="USA")
    baseline_movement(
        local_date=dt.date(2025, 3, 9), direction="EXIT", nationality_id="USA", closes_entry_uid=entry.uid
    )
    # 21:00 on 31 March at Peñas Blancas is already 1 April in UTC: it counts in March.
    baseline_movement(
        local_date=dt.date(2025, 3, 31),
        occurred_at=dt.datetime(2025, 4, 1, 3, 0, tzinfo=dt.UTC),
        crossing_point_id="CR-PBL",
        nationality_id="NIC",
        sex="F",
        age_group="Y_LT12",
    )
    baseline_movement(
        local_date=dt.date(2025, 3, 15), crossing_point_id="GT-VNU", nationality_id="SLV", sex="F", age_group="Y12T17"
    )
    baseline_movement(local_date=dt.date(2025, 3, 5), decision="REFUSED", nationality_id="COL", refusal_reason="Visa")
    # Neither an admitted movement nor a refused entry: counted nowhere.
    baseline_movement(local_date=dt.date(2025, 3, 6), direction="EXIT", decision="REFUSED", refusal_reason="Alert")
    baseline_movement(local_date=dt.date(2025, 3, 7), decision="REFERRED")
    baseline_movement(local_date=dt.date(2025, 4, 1), crossing_point_id="CR-PBL", nationality_id="NIC")
    baseline_movement(local_date=dt.date(2025, 1, 31), direction="EXIT", nationality_id="GTM")

    baseline_return(returned_on=dt.date(2025, 3, 20))
    baseline_return(
        returned_on=dt.date(2025, 3, 21),
        receiving_country_id="GTM",
        returning_country="MEX",
        mode="LAND",
        reception_point_id="GT-TUM",
        sex="F",
        is_minor=True,
        is_unaccompanied=True,
    )
    baseline_return(
        returned_on=dt.date(2025, 3, 1),
        receiving_country_id="GTM",
        returning_country="MEX",
        mode="LAND",
        reception_point_id="GT-TUM",
        is_minor=True,
    )
    baseline_return(returned_on=dt.date(2025, 4, 30), receiving_country_id="SLV", returning_country="OTHER")


EXPECTED_MARCH = {
    "month": "2025-03",
    "movements": {
        "total": {"ENTRY": 3, "EXIT": 1},
        "country": {"GTM": {"ENTRY": 2, "EXIT": 1}, "CRI": {"ENTRY": 1}},
        "crossing_point": {"GT-GUA": {"ENTRY": 1, "EXIT": 1}, "CR-PBL": {"ENTRY": 1}, "GT-VNU": {"ENTRY": 1}},
        "transport_mode": {"AIR": {"ENTRY": 1, "EXIT": 1}, "LAND": {"ENTRY": 2}},
        "nationality": {"USA": {"ENTRY": 1, "EXIT": 1}, "NIC": {"ENTRY": 1}, "SLV": {"ENTRY": 1}},
        "sex": {"M": {"ENTRY": 1, "EXIT": 1}, "F": {"ENTRY": 2}},
        "age_group": {"Y30T44": {"ENTRY": 1, "EXIT": 1}, "Y_LT12": {"ENTRY": 1}, "Y12T17": {"ENTRY": 1}},
    },
    "refusals": {"total": 1, "nationality": {"COL": 1}},
    "returns": {
        "total": 3,
        "receiving_country": {"HND": 1, "GTM": 2},
        "returning_country": {"USA": 1, "MEX": 2},
        "mode": {"AIR": 1, "LAND": 2},
        "sex": {"M": 2, "F": 1},
        "minor": {"minor": 2, "adult": 1},
        "unaccompanied": 1,
    },
}


def small_baseline() -> None:
    """March: 2 admitted entries and 1 exit, 1 refusal, 1 referral, 2 returns; April: 1 entry."""
    baseline_movement(local_date=dt.date(2025, 3, 2), nationality_id="USA")
    baseline_movement(local_date=dt.date(2025, 3, 9), direction="EXIT", nationality_id="USA")
    baseline_movement(
        local_date=dt.date(2025, 3, 31),
        crossing_point_id="CR-PBL",
        transport_mode="LAND",
        nationality_id="NIC",
        sex="F",
        age_group="Y_LT12",
    )
    baseline_movement(local_date=dt.date(2025, 3, 5), decision="REFUSED", nationality_id="COL", refusal_reason="Visa")
    baseline_movement(local_date=dt.date(2025, 3, 6), decision="REFERRED", nationality_id="VEN")
    baseline_movement(local_date=dt.date(2025, 4, 1), crossing_point_id="CR-PBL", transport_mode="LAND")
    baseline_return(returned_on=dt.date(2025, 3, 20), is_minor=True, is_unaccompanied=True, sex="F")
    baseline_return(
        returned_on=dt.date(2025, 3, 21),
        returning_country="MEX",
        mode="LAND",
        reception_point_id="GT-TUM",
        receiving_country_id="GTM",
    )


def layer_session(sandbox: Sandbox) -> None:
    """A learner's short session over the hand-made baseline: a movement moved and one deleted, a new
    movement and a new return, a baseline return deleted."""
    services.record_update(
        sandbox=sandbox, record=Movement.objects.baseline().get(crossing_point_id="GT-VNU"), crossing_point_id="GT-GUA"
    )
    services.record_delete(sandbox=sandbox, record=Movement.objects.baseline().get(nationality_id="COL"))
    register_movement(sandbox, {"crossing_point_id": "CR-PBL", "local_date": dt.date(2025, 3, 20)})
    create_return(sandbox, {"returned_on": dt.date(2025, 3, 22), "is_minor": True})
    services.record_delete(sandbox=sandbox, record=ReturnEvent.objects.baseline().get(receiving_country_id="HND"))


def movement_changes(changes: dict) -> dict:
    """`changes` of a movement with what they imply: the post's transport mode, no entry closed by
    an entry, a reason for a refusal."""
    changes = dict(changes)
    if "crossing_point_id" in changes:
        changes["transport_mode"] = KINDS[changes["crossing_point_id"]]
    if changes.get("direction") == "ENTRY":
        changes["closes_entry_uid"] = None
    if changes.get("decision") == "REFUSED":
        changes["refusal_reason"] = "Sin visa"
    return changes


def register_movement(sandbox: Sandbox, fields: dict) -> Movement:
    """A new movement in the learner's layer, as `record_create` writes any record."""
    values = {
        "person_uid": 1,
        "direction": "ENTRY",
        "crossing_point_id": "GT-GUA",
        "local_date": dt.date(2025, 3, 16),
        "nationality_id": "NIC",
        "sex": "F",
        "age_group": "Y45T59",
        **fields,
    }
    values.update(movement_changes(values))
    values["occurred_at"] = dt.datetime.combine(values["local_date"], dt.time(18, 0), tzinfo=dt.UTC)
    return services.record_create(sandbox=sandbox, model=Movement, **values)


def create_return(sandbox: Sandbox, fields: dict) -> ReturnEvent:
    """A new return in the learner's layer, unaccompanied when a minor."""
    values = {
        "person_uid": 2,
        "receiving_country_id": "GTM",
        "returning_country": "MEX",
        "return_type": "DEPORTATION",
        "mode": "LAND",
        "reception_point_id": "GT-TUM",
        "returned_on": dt.date(2025, 3, 10),
        "sex": "M",
        **fields,
    }
    values["is_unaccompanied"] = values.get("is_minor", False)
    return services.record_create(sandbox=sandbox, model=ReturnEvent, **values)


# December 2025 at Peñas Blancas (Costa Rica), for the daily view and exercise #16 (peak planning):
# admitted exits and entries on these days, and around them movements that must not count.
DECEMBER = dt.date(2025, 12, 1)
DECEMBER_EXITS = {1: 10, 20: 30, 22: 50, 23: 40, 31: 20}
DECEMBER_ENTRIES = {5: 60, 22: 5}


def december_baseline() -> None:
    """The practice data of 2025 (its `Baseline` row) with December's admitted exits and entries at
    Peñas Blancas (`DECEMBER_EXITS`, `DECEMBER_ENTRIES`); refused exits there, exits at Paso
    Canoas and exits of 30 November, which December's figures at Peñas Blancas leave out; and in
    October, exits at Valle Nuevo (land) and more at La Aurora (air) only. Summaries rebuilt."""
    Baseline.objects.create(
        seed=16,
        scale=1000,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        generator_version="test",
        generated_at=timezone.now(),
    )
    pbl = {"crossing_point_id": "CR-PBL", "nationality_id": "NIC"}
    for day, count in DECEMBER_EXITS.items():
        baseline_movements(count, **pbl, direction="EXIT", local_date=dt.date(2025, 12, day))
    for day, count in DECEMBER_ENTRIES.items():
        baseline_movements(count, **pbl, direction="ENTRY", local_date=dt.date(2025, 12, day))
    baseline_movements(
        100, **pbl, direction="EXIT", decision="REFUSED", refusal_reason="Alerta", local_date=dt.date(2025, 12, 21)
    )
    baseline_movements(200, crossing_point_id="CR-PCA", direction="EXIT", local_date=dt.date(2025, 12, 10))
    baseline_movements(70, **pbl, direction="EXIT", local_date=dt.date(2025, 11, 30))
    baseline_movements(5, crossing_point_id="GT-VNU", direction="EXIT", local_date=dt.date(2025, 10, 3))
    baseline_movements(9, crossing_point_id="GT-GUA", direction="EXIT", local_date=dt.date(2025, 10, 3))
    statistics.summary_rebuild()


def december_count(sandbox: Sandbox | None, *, crossing_point: str = "CR-PBL", direction: str = "EXIT") -> Counter:
    """December 2025's admitted movements per day in the learner's view, counted row by row in
    Python: the reference the daily figures are compared with."""
    return Counter(
        Movement.objects.visible_to(sandbox)
        .filter(
            crossing_point_id=crossing_point,
            direction=direction,
            decision="ADMITTED",
            local_date__year=2025,
            local_date__month=12,
        )
        .values_list("local_date", flat=True)
    )
