"""Writes to the mirrored platform. Every write lands in the learner's own layer:

- `record_create` adds a record with a fresh uid;
- `record_update` edits the learner's row in place, or supersedes a baseline row with a copy
  carrying the same uid;
- `record_delete` removes a record the learner added, or hides a baseline record behind a
  tombstone;
- `sandbox_reset` deletes the layer: its cost is the learner's own rows, whatever the baseline.

The baseline is written only by the generator (`sandbox.generation`).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from sandbox.matching import birth_key
from sandbox.models import (
    LAYERED_MODELS,
    MAINTENANCE_ON_SQL,
    STAND_IN_SANDBOX_ID,
    AgeGroup,
    Alert,
    AuditEvent,
    Document,
    LayeredModel,
    Person,
    Sandbox,
    rebind,
)
from sandbox.names import name_search_key, name_sort_key

if TYPE_CHECKING:
    from people.models import User

Record = TypeVar("Record", bound=LayeredModel)


def sandbox_get_or_create(*, user: User) -> Sandbox:
    """The learner's sandbox, created at their first write (or first read, for a learner bound to
    a country: `selectors.sandbox_find`), acting for the country of their staff profile."""
    from sandbox.job_functions import user_country

    sandbox, _created = Sandbox.objects.get_or_create(owner=user, defaults={"country_id": user_country(user)})
    return sandbox


def record_holder(sandbox: Sandbox, record: LayeredModel) -> str | None:
    """The member country whose records a new row is, when its writer did not say: the learner's
    (their authority's records), else, for someone bound to none, the record's own country."""
    if sandbox.country_id:
        return sandbox.country_id
    if isinstance(record, Person):
        return record.nationality_id
    if isinstance(record, Document):
        return record.issuing_state_id
    return None


def _prepare(record: LayeredModel, *, exclude: list[str] | None = None) -> None:
    if "held_by" in {field.name for field in record._meta.fields} and record.held_by_id is None:
        record.held_by_id = record_holder(record.sandbox, record)
    if isinstance(record, Alert):
        record.birth_key = birth_key(record.subject_birth_date) if record.subject_kind == "PERSON" else ""
    if isinstance(record, Person):
        record.search_name = name_search_key(record.given_names, record.surname_1, record.surname_2)
        record.sort_name = name_sort_key(record.surname_1, record.surname_2, record.given_names)
    # Uniqueness of (sandbox, uid) is the database's: the layer's own queries are scoped.
    record.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


@transaction.atomic
def record_create(*, sandbox: Sandbox, model: type[Record], scenario: int | None = None, **fields: Any) -> Record:
    """Add a record to the learner's layer; `scenario`, the exercise scenario it belongs to, if any."""
    record = model(**fields)
    record.sandbox = sandbox
    record.scenario = scenario
    record.uid = sandbox.uid_allocate()[0]
    record.is_deleted = False
    _prepare(record)
    record.save(force_insert=True)
    return record


@transaction.atomic
def records_create(
    *, sandbox: Sandbox, model: type[Record], rows: list[dict[str, Any]], scenario: int | None = None
) -> list[Record]:
    """Add several records of one model to the learner's layer at once: their uids in one
    statement, their rows in one insert. Each is checked as `record_create` checks it, but for
    its references, which the database's foreign keys hold (a lookup per reference and row is
    what made one consultation of seven countries cost a hundred queries)."""
    if not rows:
        return []
    references = [field.name for field in model._meta.fields if field.is_relation]
    records = []
    for uid, fields in zip(sandbox.uid_allocate(len(rows)), rows, strict=True):
        record = model(**fields)
        record.sandbox = sandbox
        record.scenario = scenario
        record.uid = uid
        record.is_deleted = False
        _prepare(record, exclude=references)
        records.append(record)
    return model.objects.bulk_create(records)


def _own_row(sandbox: Sandbox, record: LayeredModel) -> bool:
    if record.sandbox_id is None:
        return False
    if record.sandbox_id != sandbox.pk:
        raise PermissionDenied("A record of another learner's sandbox.")
    return True


def _own_version(sandbox: Sandbox, record: Record) -> Record | None:
    """The learner's row for the record's uid: the record itself, or the copy shadowing a baseline row."""
    if _own_row(sandbox, record):
        return record
    return type(record).objects.layer_of(sandbox).filter(uid=record.uid).first()


@transaction.atomic
def record_update(*, sandbox: Sandbox, record: Record, **changes: Any) -> Record:
    """Edit a record of the learner's view; a baseline record is superseded, never written."""
    own = _own_version(sandbox, record)
    if own is not None and own.is_deleted:
        raise ValueError("A deleted record cannot be edited.")
    if own is None:
        own = type(record).objects.baseline().get(uid=record.uid)
        own.pk = None
        own.sandbox = sandbox
    for field, value in changes.items():
        setattr(own, field, value)
    _prepare(own)
    own.save(force_insert=own.pk is None)
    return own


@transaction.atomic
def record_delete(*, sandbox: Sandbox, record: LayeredModel) -> None:
    """Remove a record from the learner's view."""
    model = type(record)
    own = _own_version(sandbox, record)
    in_baseline = model.objects.baseline().filter(uid=record.uid).exists()
    if own is not None and not in_baseline:
        model.objects.layer_of(sandbox).filter(pk=own.pk).delete()
    elif own is not None:
        model.objects.layer_of(sandbox).filter(pk=own.pk).update(is_deleted=True)
    else:
        tombstone = model.objects.baseline().get(uid=record.uid)
        tombstone.pk = None
        tombstone.sandbox = sandbox
        tombstone.is_deleted = True
        tombstone.save(force_insert=True)


def sandbox_reset(*, sandbox: Sandbox) -> int:
    """Return the sandbox to the baseline: delete the learner's layer. Returns the rows deleted.

    On PostgreSQL the deletions and the sandbox's bookkeeping are one statement (data-modifying
    CTEs), atomic by itself: one round trip whatever the number of layered tables. Elsewhere
    they are one DELETE per table in a transaction.
    """
    reset_at = timezone.now()
    if connection.vendor == "postgresql":
        deleted, sandbox.reset_at, sandbox.reset_count = _layer_delete_at_once(sandbox, reset_at)
        return deleted
    with transaction.atomic():
        deleted = 0
        for model in LAYERED_MODELS:
            deleted += model.objects.layer_of(sandbox)._raw_delete(model.objects.db)
        # F(): a second reset from a stale copy of the sandbox (a double submit) still counts.
        Sandbox.objects.filter(pk=sandbox.pk).update(reset_at=reset_at, reset_count=F("reset_count") + 1)
    sandbox.refresh_from_db(fields=["reset_at", "reset_count"])
    return deleted


@functools.cache
def _reset_statement() -> tuple[str, list[Any]]:
    """The reset's one statement on PostgreSQL, compiled once from the layer scopes for the
    stand-in sandbox, and the parameters of its deletions; the reset time and the sandbox id follow."""
    stand_in = Sandbox(pk=STAND_IN_SANDBOX_ID)
    deletes, delete_params = [], []
    for index, model in enumerate(LAYERED_MODELS):
        sql, params = model.objects.layer_of(stand_in).delete_sql()
        if model is AuditEvent:
            # The audit log's trigger lets this statement delete the layer's events (layers.py);
            # the uncorrelated subquery runs once, before the first row is deleted.
            sql = f"{sql} AND ({MAINTENANCE_ON_SQL}) = 'on'"
        if tuple(params) != (STAND_IN_SANDBOX_ID,):
            raise RuntimeError(f"The layer of {model.__name__} is not scoped by the sandbox id alone: {params}")
        deletes.append(f"deleted_{index} AS ({sql} RETURNING 1)")
        delete_params.extend(params)
    counted = " + ".join(f"(SELECT count(*) FROM deleted_{index})" for index in range(len(LAYERED_MODELS)))  # noqa: S608 - CTE names
    table = connection.ops.quote_name(Sandbox._meta.db_table)
    sql = (
        f"WITH {', '.join(deletes)} UPDATE {table} SET reset_at = %s, reset_count = reset_count + 1"  # noqa: S608 - names from the models
        f" WHERE id = %s RETURNING {counted}, reset_at, reset_count"
    )
    return sql, delete_params


def _layer_delete_at_once(sandbox: Sandbox, reset_at: dt.datetime) -> tuple[int, dt.datetime, int]:
    sql, delete_params = _reset_statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [*rebind(delete_params, {STAND_IN_SANDBOX_ID: sandbox.pk}), reset_at, sandbox.pk])
        row = cursor.fetchone()
    if row is None:
        raise Sandbox.DoesNotExist(f"Sandbox {sandbox.pk} no longer exists.")
    return row


def audit_record(
    *,
    sandbox: Sandbox,
    actor: User,
    action: str,
    object_type: str = "",
    object_uid: int | None = None,
    parameters: dict[str, Any] | None = None,
    result_count: int | None = None,
    scenario: int | None = None,
    purpose_code: str = "",
    case_reference: str = "",
    held_by: str | None = None,
) -> AuditEvent:
    """Log a consultation or change in the learner's platform audit trail: the log of `held_by`
    (an ICAO code; by default the learner's country), with the purpose and case reference of a
    consultation."""
    return record_create(
        sandbox=sandbox,
        model=AuditEvent,
        scenario=scenario,
        held_by_id=held_by,
        purpose_code=purpose_code,
        case_reference=case_reference,
        actor=actor,
        action=action,
        object_type=object_type,
        object_uid=object_uid,
        parameters=parameters or {},
        result_count=result_count,
        occurred_at=timezone.now(),
    )


def age_group(*, birth_date: dt.date, on: dt.date) -> str:
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    for limit, group in (
        (12, AgeGroup.UNDER_12),
        (18, AgeGroup.FROM_12_TO_17),
        (30, AgeGroup.FROM_18_TO_29),
        (45, AgeGroup.FROM_30_TO_44),
        (60, AgeGroup.FROM_45_TO_59),
    ):
        if age < limit:
            return group
    return AgeGroup.FROM_60


# The primary line's services (reading a document, the decision after the screening) are
# `sandbox.services_movements`; their names stay reachable here, as `services.movement_register`,
# for the callers that know them so. Resolved on first use: that module imports this one.
MOVEMENT_NAMES = frozenset(
    {
        "DocumentRead",
        "ManualDocument",
        "ScreeningOutcome",
        "document_read",
        "is_minor",
        "movement_register",
        "movement_registered",
    }
)


def __getattr__(name: str) -> Any:
    if name in MOVEMENT_NAMES:
        from sandbox import services_movements

        return getattr(services_movements, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
