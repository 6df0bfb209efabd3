"""Writing a scenario's planned records into the learner's layer, and removing them.

All uids come from one allocation and each record type is one INSERT: the cost of a build is
the scenario's few records, whatever the baseline's size. Removal deletes the layer's rows
marked with the scenario: the records written here and what the learner did on them (the
services mark a learner's writes on a scenario's records with it).
"""

from __future__ import annotations

from typing import Any

from sandbox.exercises.base import Ref, ScenarioPlan
from sandbox.models import LAYERED_MODELS, Person, Sandbox
from sandbox.names import name_search_key, name_sort_key


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
    """Fresh uids of the layer for the plan's records, by name (one statement)."""
    if not plan.records:
        return {}
    return dict(zip((record.name for record in plan.records), sandbox.uid_allocate(len(plan.records)), strict=True))


def scenario_write(*, sandbox: Sandbox, plan: ScenarioPlan, scenario: int, uids: dict[str, int]) -> None:
    """Write the plan's records into the sandbox's layer under `scenario`, with their `uids`."""
    rows: dict[type, list[Any]] = {}
    for record in plan.records:
        fields = resolve(record.fields, uids)
        row = record.model(**fields)
        row.uid = uids[record.name]
        row.sandbox = sandbox
        row.scenario = scenario
        row.is_deleted = False
        if isinstance(row, Person):
            row.search_name = name_search_key(row.given_names, row.surname_1, row.surname_2)
            row.sort_name = name_sort_key(row.surname_1, row.surname_2, row.given_names)
        rows.setdefault(record.model, []).append(row)
    for model in LAYERED_MODELS:
        if model in rows:
            model.objects.bulk_create(rows[model])


def scenario_remove(*, sandbox: Sandbox, scenario: int) -> int:
    """Delete the scenario's rows from the learner's layer; the rest of it stays. Rows deleted."""
    deleted = 0
    for model in LAYERED_MODELS:
        deleted += model.objects.layer_of(sandbox).filter(scenario=scenario)._raw_delete(model.objects.db)
    return deleted
