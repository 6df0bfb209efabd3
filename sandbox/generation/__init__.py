"""The synthetic baseline generator: `manage.py sandbox_generate` and its public API.

Job: build the shared baseline deterministically in memory (`baseline_build`: numpy over
pools, no database), load it in one transaction (`baseline_load`: COPY on PostgreSQL,
`executemany` on SQLite, then the statistics summary and the `Baseline` row), or both
(`baseline_generate`); clear it (`baseline_clear`).

Invariants: the same seed, scale, start and months give identical rows, whatever the day;
baseline uids are 1..N per model; `Person.search_name` and `Person.sort_name` are
`name_search_key` and `name_sort_key` of the stored names; the MRZ of every document without
an injected defect reads back (`mrz_read`) to the document and its holder; every injected
defect has its row in `DataQualityDefect`; `Alert.birth_key` is `sandbox.matching.birth_key`
of the subject's birth date; JSON columns (hits' traveller, matched fields and actions, the
alerts' selected countries) hold one value per row. A traveller who crosses into a
neighbour (`journeys`) is a separate Person row in each country's records (`held_by`), with
the same identity and a copy of the document shown (same number); the two movements of a
crossing, one per side, are at counterpart posts a travel time apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from sandbox.generation.alerts import alerts_build
from sandbox.generation.audit import audit_build, audit_columns
from sandbox.generation.calibration import GENERATOR_VERSION, OCAM
from sandbox.generation.context import Context, Frame, frame_concat, frame_length
from sandbox.generation.defects import (
    DefectLog,
    alerts_and_tests_record,
    documents_damage,
    duplicates_inject,
    movements_damage,
    names_damage,
    persons_damage,
    test_records_add,
)
from sandbox.generation.documents import documents_build, mrz_build
from sandbox.generation.identifiers import DocumentNumbers
from sandbox.generation.journeys import journeys_add
from sandbox.generation.loading import BaselineExists, baseline_clear, baseline_exists, baseline_load
from sandbox.generation.movements import closes_compute, movements_build
from sandbox.generation.people import persons_draw, persons_make
from sandbox.generation.pools import NameForms
from sandbox.generation.returns import returnee_documents, returns_build
from sandbox.generation.tables import Column, Table, constant, table_build
from sandbox.generation.trips import trips_plan
from sandbox.models import (
    Alert,
    AlertHit,
    AuditEvent,
    Baseline,
    DataQualityDefect,
    Document,
    HitNotification,
    Movement,
    Person,
    ReturnEvent,
)

DEFAULT_START = dt.date(2024, 11, 1)
DEFAULT_MONTHS = 24
SCALE_MIN, SCALE_MAX = 1_000, 20_000_000
SEED_LIMIT = 2**32
MONTHS_MAX = 120

__all__ = [
    "DEFAULT_MONTHS",
    "DEFAULT_START",
    "BaselineExists",
    "GeneratedBaseline",
    "Table",
    "baseline_build",
    "baseline_clear",
    "baseline_exists",
    "baseline_generate",
    "baseline_load",
]


@dataclass
class GeneratedBaseline:
    """A baseline built in memory: its tables in foreign-key-safe order and rows per model."""

    seed: int
    scale: int
    start: dt.date
    end: dt.date
    tables: list[Table]
    counts: dict[str, int] = field(default_factory=dict)
    generator_version: str = GENERATOR_VERSION

    def copy_buffers(self) -> list[tuple[str, list[str], str]]:
        """(db_table, columns, COPY text) per table."""
        return [(table.db_table, table.columns, table.copy_text()) for table in self.tables if len(table)]


def baseline_validate(*, seed: int, scale: int, months: int) -> None:
    """Raise ValueError for a seed, scale or period the generator does not accept."""
    if not 0 <= seed < SEED_LIMIT:
        raise ValueError(f"seed must be in [0, 2**32): {seed}")
    if not SCALE_MIN <= scale <= SCALE_MAX:
        raise ValueError(f"scale must be in [{SCALE_MIN}, {SCALE_MAX}]: {scale}")
    if not 1 <= months <= MONTHS_MAX:
        raise ValueError(f"months must be in [1, {MONTHS_MAX}]: {months}")


def _text(values) -> Column:
    return Column("text", values)


def _nullable_text(values) -> Column:
    return Column("text", values, nullable=True)


def _search_names(persons: Frame, forms: NameForms) -> np.ndarray:
    keys = zip(
        forms.key(persons["given_names"].tolist()),
        forms.key(persons["surname_1"].tolist()),
        forms.key(persons["surname_2"].tolist()),
        strict=True,
    )
    values = np.empty(frame_length(persons), dtype=object)
    values[:] = [" " + " ".join(part for part in parts if part) + " " for parts in keys]
    return values


def _sort_names(persons: Frame, forms: NameForms) -> np.ndarray:
    """`sandbox.names.name_sort_key` of every person: each name's words joined by `<`, the
    names (surnames first) by a space."""
    keys = zip(
        forms.mrz(persons["surname_1"].tolist()),
        forms.mrz(persons["surname_2"].tolist()),
        forms.mrz(persons["given_names"].tolist()),
        strict=True,
    )
    values = np.empty(frame_length(persons), dtype=object)
    values[:] = [" ".join(parts) for parts in keys]
    return values


def _birth_keys(dates: np.ndarray) -> np.ndarray:
    """`sandbox.matching.birth_key` of each date, vectorised ("" for none)."""
    known = ~np.isnat(dates)
    safe = np.where(known, dates, np.datetime64("2000-01-01"))
    year = safe.astype("datetime64[Y]").astype(np.int64) + 1970
    month = safe.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (safe - safe.astype("datetime64[M]")).astype(np.int64) + 1
    low, high = np.minimum(day, month), np.maximum(day, month)
    keys = np.char.add(
        np.char.add(np.char.zfill(year.astype(str), 4), np.char.zfill(low.astype(str), 2)),
        np.char.zfill(high.astype(str), 2),
    )
    return np.where(known, keys, "").astype(object)


def _overstays(m: dict[str, np.ndarray]) -> np.ndarray:
    """Exits after the authorised stay of the entry they close ran out."""
    closes = m["closes_entry"]
    over = np.zeros(len(closes), dtype=bool)
    exits = np.flatnonzero(closes >= 0)
    entries = closes[exits]
    limit = m["authorised_stay_days"][entries]
    days = (m["local_date"][exits] - m["local_date"][entries]).astype("timedelta64[D]").astype(np.int64)
    over[exits] = (limit > 0) & (days > limit)
    return over


def _after(moments: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """Each moment plus its seconds; NaT where the seconds are negative (never happened)."""
    return np.where(seconds >= 0, moments + np.maximum(seconds, 0).astype("timedelta64[s]"), np.datetime64("NaT", "s"))


def _holders(ctx: Context, persons: Frame, m: Frame, events: Frame) -> np.ndarray:
    """The member country whose records each person is ("" for none): the country of the posts
    they crossed (a person row's trips stay in one country: a regional journey's crossings next
    door are those of the traveller's copy in the neighbour's records), else the one that
    received their return, else their nationality if it is a member's (a test record)."""
    members = np.array(sorted(OCAM))
    nationality = persons["nationality"].astype(str)
    held = np.where(np.isin(nationality, members), nationality, "").astype(object)
    held[events["person_uid"] - 1] = events["receiving_country"]
    held[m["person"]] = ctx.posts.country[m["post"]]
    return held


def _tables(
    ctx: Context,
    persons: Frame,
    docs: Frame,
    m: Frame,
    events: Frame,
    alerts: Frame,
    hits: Frame,
    notifications: Frame,
    defects: Frame,
) -> list[Table]:
    frames = (persons, docs, m, events, alerts, hits, notifications)
    n_p, n_d, n_m, n_r, n_a, n_h, n_n = (frame_length(f) for f in frames)
    ids = np.arange(1, max(n_p, n_d, n_m, n_r, n_a, n_h, n_n) + 1, dtype=np.int64)
    # Hits are screened at the crossing's moment (as recorded, defects included), disposed of after.
    screened_at = m["occurred_at"][hits["movement"]]
    disposed_at = _after(screened_at, np.where(hits["disposition"] == "PENDING", -1, hits["delay"]))
    sent_at = disposed_at[notifications["hit"]]
    nid_country = np.where(persons["national_id_number"] != "", persons["nationality"], "")
    held_by = _holders(ctx, persons, m, events)
    person = {
        "uid": Column("int", ids[:n_p]),
        "given_names": _text(persons["given_names"]),
        "surname_1": _text(persons["surname_1"]),
        "surname_2": _text(persons["surname_2"]),
        "sex": _text(persons["sex"]),
        "birth_date": Column("date", persons["birth_date"]),
        "birth_country_id": _nullable_text(persons["birth_country"]),
        "nationality_id": _text(persons["nationality"]),
        "second_nationality_id": _nullable_text(persons["second_nationality"]),
        "national_id_number": _text(persons["national_id_number"]),
        "national_id_country_id": _nullable_text(nid_country),
        "sensitivity": _text(np.where(persons["is_minor"], "MINOR", "NORMAL")),
        "search_name": _text(persons["search_name"]),
        "sort_name": _text(persons["sort_name"]),
        "held_by_id": _nullable_text(held_by),
    }
    document = {
        "uid": Column("int", ids[:n_d]),
        "person_uid": Column("int", docs["person"] + 1),
        "document_type_id": _text(docs["document_type"]),
        "number": _text(docs["number"]),
        "issuing_state_id": _text(docs["issuing_state"]),
        "issued_on": Column("date", docs["issued_on"], nullable=True),
        "expires_on": Column("date", docs["expires_on"]),
        "status": _text(docs["status"]),
        "mrz": _text(docs["mrz"]),
        "held_by_id": _nullable_text(held_by[docs["person"]]),
    }
    movement = {
        "uid": Column("int", ids[:n_m]),
        "person_uid": Column("int", m["person"] + 1),
        "document_uid": Column("int", np.where(m["document"] >= 0, m["document"] + 1, -1), nullable=True),
        "direction": _text(m["direction"]),
        "crossing_point_id": _text(ctx.posts.code[m["post"]]),
        "occurred_at": Column("datetime", m["occurred_at"]),
        "local_date": Column("date", m["local_date"]),
        "transport_mode": _text(m["mode"]),
        "carrier": _text(m["carrier"]),
        "flight_or_vehicle": _text(m["flight_or_vehicle"]),
        "purpose_id": _nullable_text(m["purpose"]),
        "other_country_id": _nullable_text(m["other_country"]),
        "authorised_stay_days": Column("int", m["authorised_stay_days"], nullable=True),
        "decision": _text(m["decision"]),
        "refusal_reason": _text(m["refusal_reason"]),
        # The baseline's refusals give their reasons as free text only, as before the code list,
        # but those of confirmed alerts (ALERT_CONFIRMED) and the referrals of pending hits (SCREENING_HIT).
        "refusal_code": _text(m["refusal_code"]),
        "screening_result": _text(m["screening_result"]),
        "capture_source": _text(m["capture_source"]),
        "is_ca4_simplified": Column("bool", m["is_ca4_simplified"]),
        "closes_entry_uid": Column("int", np.where(m["closes_entry"] >= 0, m["closes_entry"] + 1, -1), nullable=True),
        "is_overstay": Column("bool", _overstays(m)),
        "manual_entry_reason": constant("", n_m),
        "accompanying_adult_uid": constant(None, n_m),
        "minor_exit_permit": constant("", n_m),
        "nationality_id": _text(m["nationality"]),
        "sex": _text(m["sex"]),
        "age_group": _text(m["age_group"]),
    }
    returns = {
        "uid": Column("int", ids[:n_r]),
        "person_uid": Column("int", events["person_uid"]),
        "receiving_country_id": _text(events["receiving_country"]),
        "returning_country": _text(events["returning_country"]),
        "return_type": _text(events["return_type"]),
        "mode": _text(events["mode"]),
        "reception_point_id": _text(events["reception_point"]),
        "transport_reference": _text(events["transport_reference"]),
        "returned_on": Column("date", events["returned_on"]),
        "sex": _text(events["sex"]),
        "is_minor": Column("bool", events["is_minor"]),
        "is_unaccompanied": Column("bool", events["is_unaccompanied"]),
        "origin_subdivision": _text(events["origin_subdivision"]),
    }
    alert = {
        "uid": Column("int", ids[:n_a]),
        "category_id": _text(alerts["category"]),
        "subject_kind": _text(alerts["subject_kind"]),
        "person_uid": Column("int", np.where(alerts["person"] >= 0, alerts["person"] + 1, -1), nullable=True),
        "subject_name": _text(alerts["subject_name"]),
        "subject_birth_date": Column("date", alerts["subject_birth_date"], nullable=True),
        "subject_nationality_id": _nullable_text(alerts["subject_nationality"]),
        "subject_national_id": constant("", n_a),
        "birth_key": _text(_birth_keys(alerts["subject_birth_date"])),
        "shared_with": Column("json", alerts["shared_with"]),
        "review_due": Column("date", alerts["review_due"], nullable=True),
        "created_at": Column("datetime", alerts["created_at"], nullable=True),
        "document_number": _text(alerts["document_number"]),
        "document_issuing_state_id": _nullable_text(alerts["document_issuing_state"]),
        "issuing_country_id": _text(alerts["issuing_country"]),
        "action": _text(alerts["action"]),
        "legal_reference": _text(alerts["legal_reference"]),
        "valid_from": Column("date", alerts["valid_from"]),
        "valid_until": Column("date", alerts["valid_until"], nullable=True),
        "status": _text(alerts["status"]),
        "sharing_scope": _text(alerts["sharing_scope"]),
        "sensitivity": _text(alerts["sensitivity"]),
        "is_training_inflated": Column("bool", np.ones(n_a, dtype=bool)),
    }
    hit = {
        "uid": Column("int", ids[:n_h]),
        "alert_uid": Column("int", hits["alert"] + 1),
        "movement_uid": Column("int", hits["movement"] + 1),
        "person_uid": Column("int", m["person"][hits["movement"]] + 1),
        "document_uid": Column("int", m["document"][hits["movement"]] + 1),
        "crossing_point_id": _text(ctx.posts.code[m["post"][hits["movement"]]]),
        "screened_at": Column("datetime", screened_at),
        "traveller": Column("json", hits["traveller"]),
        "matched_fields": Column("json", hits["matched_fields"]),
        "match_type": _text(hits["match_type"]),
        "score": Column("float", hits["score"]),
        "disposition": _text(hits["disposition"]),
        "disposition_reason": _text(hits["disposition_reason"]),
        "actions_taken": Column("json", hits["actions_taken"]),
        "disposed_at": Column("datetime", disposed_at, nullable=True),
    }
    notification = {
        "uid": Column("int", ids[:n_n]),
        "hit_uid": Column("int", notifications["hit"] + 1),
        "alert_uid": Column("int", notifications["alert"] + 1),
        "from_country_id": _text(notifications["from_country"]),
        "to_country_id": _text(notifications["to_country"]),
        "action_taken": _text(notifications["action_taken"]),
        "sent_at": Column("datetime", sent_at),
        "acknowledged_at": Column("datetime", _after(sent_at, notifications["acknowledged_after"]), nullable=True),
    }
    defect = {
        "entity": _text(defects["entity"]),
        "entity_uid": Column("int", defects["entity_uid"]),
        "defect_type": _text(defects["defect_type"]),
        "field_name": _text(defects["field_name"]),
        "injected_value": _text(defects["injected_value"]),
        "original_value": _text(defects["original_value"]),
        "related_uid": Column("int", defects["related_uid"], nullable=True),
    }
    # The audit log (sandbox.generation.audit): the countries' officers reading these records.
    audit = audit_build(ctx, persons, m, held_by=held_by)
    audit_table = table_build(AuditEvent, audit_columns(audit), frame_length(audit))
    return [
        table_build(Person, person, n_p),
        table_build(Document, document, n_d),
        table_build(Movement, movement, n_m),
        table_build(ReturnEvent, returns, n_r),
        table_build(Alert, alert, n_a),
        table_build(AlertHit, hit, n_h),
        table_build(HitNotification, notification, n_n),
        audit_table,
        table_build(DataQualityDefect, defect, frame_length(defects)),
    ]


def baseline_build(
    *, seed: int, scale: int, start: dt.date = DEFAULT_START, months: int = DEFAULT_MONTHS
) -> GeneratedBaseline:
    """Build the baseline in memory: pure and deterministic (same arguments, same rows)."""
    baseline_validate(seed=seed, scale=scale, months=months)
    ctx = Context(seed=seed, scale=scale, start=start, months=months)
    trips, persons = trips_plan(ctx, persons_draw)
    trips, persons = test_records_add(ctx, trips, persons, persons_make)
    numbers = DocumentNumbers(ctx.rng("document-numbers"))
    docs = documents_build(ctx, persons, numbers)
    forms = NameForms()
    docs["mrz"] = mrz_build(docs, persons, forms)
    # The neighbours' records of the regional journeys: copies of their travellers and documents.
    trips, persons, docs, origin = journeys_add(ctx, trips, persons, docs)
    m = movements_build(ctx, trips, persons, docs)
    events, returnees = returns_build(ctx)
    events["person_uid"] = frame_length(persons) + events["person"] + 1
    docs = frame_concat([docs, returnee_documents(ctx, events, frame_length(persons), numbers)])
    persons = frame_concat([persons, {name: returnees[name] for name in persons}])
    persons["identity"] = np.concatenate([origin, np.arange(len(origin), frame_length(persons))])
    log = DefectLog()
    persons, docs = duplicates_inject(ctx, persons, docs, m, trips, log)
    m["closes_entry"] = closes_compute(m["person"], m["direction"])
    alerts, hits, notifications = alerts_build(ctx, persons, docs, m, numbers)
    # The hits' travellers, documents and travellers' crossings stay as screened, so a learner who
    # screens them again gets the same hits; the alerted documents keep their numbers to themselves.
    kept_persons, kept_documents = np.zeros(frame_length(persons), bool), np.zeros(frame_length(docs), bool)
    kept_persons[m["person"][hits["movement"]]] = True
    kept_movements = kept_persons[m["person"]]
    kept_documents[m["document"][hits["movement"]]] = True
    kept_documents[alerts["document"][alerts["document"] >= 0]] = True
    names_damage(ctx, persons, log, kept=kept_persons)
    persons_damage(ctx, persons, log, kept=kept_persons)
    documents_damage(ctx, docs, log, kept=kept_documents)
    movements_damage(ctx, m, trips, persons, np.arange(1, frame_length(m) + 1), log, kept=kept_movements)
    alerts_and_tests_record(alerts, persons, log)
    persons["search_name"] = _search_names(persons, forms)
    persons["sort_name"] = _sort_names(persons, forms)
    tables = _tables(ctx, persons, docs, m, events, alerts, hits, notifications, log.frame())
    return GeneratedBaseline(
        seed=seed,
        scale=scale,
        start=start,
        end=ctx.end,
        tables=tables,
        counts={table.model._meta.model_name: len(table) for table in tables},
    )


def baseline_generate(
    *, seed: int, scale: int, start: dt.date = DEFAULT_START, months: int = DEFAULT_MONTHS, replace: bool = False
) -> Baseline:
    """Build and load a baseline; BaselineExists (before any work) if one is loaded and not `replace`."""
    if not replace and baseline_exists():
        raise BaselineExists
    return baseline_load(baseline_build(seed=seed, scale=scale, start=start, months=months), replace=replace)
