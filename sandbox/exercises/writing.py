"""Writing a scenario's planned records into the learner's layer, and removing them.

All uids come from one allocation and the rows are one INSERT per record type (one statement
for all of them on PostgreSQL): the cost of a build is the scenario's few records, whatever the
baseline's size. Removal deletes the layer's rows
marked with the scenario: the records written here and what the learner did on them (the
services mark a learner's writes on a scenario's records with it).
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models.sql import InsertQuery

from sandbox.exercises.base import Ref, ScenarioPlan
from sandbox.models import LAYER_UID_BASE, LAYERED_MODELS, Person, Sandbox, layer_maintenance_begin
from sandbox.names import name_search_key, name_sort_key
from sandbox.services import record_holder


def resolve(value: Any, uids: dict[str, int]) -> Any:
    """`value` with every `Ref` replaced by its record's uid (through lists and dicts)."""
    if isinstance(value, Ref):
        return uids[value.name]
    if isinstance(value, dict):
        return {key: resolve(item, uids) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [resolve(item, uids) for item in value]
    return value


def scenario_uids(*, sandbox: Sandbox, plan: ScenarioPlan) -> dict[str, int]:
    """Fresh uids of the layer for the plan's records, by name, from the sandbox's counter as read
    under the caller's lock of its row (`sandbox.exercises.engine`): no statement here; the new
    counter is written with the rows (`scenario_write`), in the same transaction."""
    first = LAYER_UID_BASE * sandbox.pk + sandbox.uid_counter + 1
    return {record.name: first + index for index, record in enumerate(plan.records)}


def scenario_write(*, sandbox: Sandbox, plan: ScenarioPlan, scenario: int, uids: dict[str, int]) -> None:
    """Write the plan's records into the sandbox's layer under `scenario`, with their `uids`, and
    move the sandbox's uid counter past them (the caller holds the sandbox's row lock)."""
    if not plan.records:
        return
    counter = sandbox.uid_counter + len(plan.records)
    rows: dict[type, list[Any]] = {}
    for record in plan.records:
        fields = resolve(record.fields, uids)
        row = record.model(**fields)
        row.uid = uids[record.name]
        row.sandbox = sandbox
        row.scenario = scenario
        row.is_deleted = False
        if hasattr(row, "held_by_id") and row.held_by_id is None:
            row.held_by_id = record_holder(sandbox, row)  # the learner's country's record, unless the plan says
        if isinstance(row, Person):
            row.search_name = name_search_key(row.given_names, row.surname_1, row.surname_2)
            row.sort_name = name_sort_key(row.surname_1, row.surname_2, row.given_names)
        rows.setdefault(record.model, []).append(row)
    batches = [(model, rows[model]) for model in LAYERED_MODELS if model in rows]
    if connection.vendor == "postgresql":
        _insert_at_once(sandbox, counter, batches)
    else:
        Sandbox.objects.filter(pk=sandbox.pk).update(uid_counter=counter)
        for model, batch in batches:
            model.objects.bulk_create(batch)
    sandbox.uid_counter = counter


def _insert_at_once(sandbox: Sandbox, counter: int, batches: list[tuple[type, list[Any]]]) -> None:
    """The counter moved on and every record type's rows inserted in one statement
    (data-modifying CTEs, PostgreSQL): one round trip."""
    table = connection.ops.quote_name(Sandbox._meta.db_table)
    statements = [(f"UPDATE {table} SET uid_counter = %s WHERE id = %s", [counter, sandbox.pk])]  # noqa: S608 - the model's table
    for model, batch in batches:
        fields = [field for field in model._meta.concrete_fields if not field.primary_key]
        query = InsertQuery(model)
        query.insert_values(fields, batch)
        [(sql, params)] = query.get_compiler(connection=connection).as_sql()
        statements.append((sql, params))
    *first, (last_sql, last_params) = statements
    ctes = ", ".join(f"written_{index} AS ({sql})" for index, (sql, _params) in enumerate(first))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH {ctes} {last_sql}", [param for _sql, params in first for param in params] + list(last_params)
        )


def scenario_remove(*, sandbox: Sandbox, scenario: int) -> int:
    """Delete the scenario's rows from the learner's layer; the rest of it stays. Rows deleted.
    Runs in the caller's transaction, which it lets delete the scenario's audit events."""
    layer_maintenance_begin(Sandbox.objects.db)
    deleted = 0
    for model in LAYERED_MODELS:
        deleted += model.objects.layer_of(sandbox).filter(scenario=scenario)._raw_delete(model.objects.db)
    return deleted
