"""Copy-on-write layers: one shared baseline, one thin layer of rows per learner's sandbox.

Every row of a layered model carries a logical identity, `uid`, shared by a baseline row and
the learner's versions of it:

- a baseline row has `sandbox = NULL` and is never written by a learner;
- a learner's new record is a row in their layer with a fresh uid (see `Sandbox.uid_allocate`);
- a learner's edit is a row in their layer with the baseline row's uid: it supersedes it;
- a learner's deletion is such a row with `is_deleted = True`: a tombstone.

What a learner sees ("their view") is their own live rows, plus the baseline rows they have
not superseded. References between layered records hold uids (`person_uid`, ...), never row
ids, so an edited person keeps their documents and movements.

Every query of a layered model must say which rows it means: `visible_to(sandbox)`,
`baseline()`, `layer_of(sandbox)` or, for maintenance only, `every_row()`. An unscoped
query raises `UnscopedLayerQuery` when it is evaluated, so no screen can read past a layer
by accident. Reset deletes `layer_of(sandbox)`: its cost depends only on the learner's rows.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.db import connections, models
from django.db.models import Expression, Q
from django.db.models.sql import DeleteQuery, Query

if TYPE_CHECKING:
    from sandbox.models.sandboxes import Sandbox

# Baseline uids are below this; uids allocated in a learner's layer are at or above it
# (sandbox id in the high bits, a per-sandbox counter in the low 32 bits).
LAYER_UID_BASE = 1 << 32

# Statements compiled once per process (the reset, a learner's statistics) are compiled for this
# sandbox id, then run with a real sandbox's id in its place (`rebind`).
STAND_IN_SANDBOX_ID = 987_654_321


# The audit log is append-only on PostgreSQL: a trigger (migration 0010) refuses every UPDATE and
# DELETE of an audit event, but for the maintenance paths that delete whole layers (reset, an
# exercise's restart, a sandbox deleted with its learner), which set this for their transaction.
# The baseline's replacement TRUNCATEs, which row triggers do not see.
MAINTENANCE_SETTING = "sandbox.maintenance"
MAINTENANCE_ON_SQL = f"SELECT set_config('{MAINTENANCE_SETTING}', 'on', true)"


def layer_maintenance_begin(using: str = "default") -> None:
    """Let the current transaction delete audit events of layers (PostgreSQL; elsewhere nothing)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:
        raise RuntimeError("Layer maintenance needs a transaction: the setting lasts until it ends.")
    with connection.cursor() as cursor:
        cursor.execute(MAINTENANCE_ON_SQL)


def rebind(params: Iterable[Any], replacements: dict[Any, Any]) -> list[Any]:
    """A compiled statement's parameters, each stand-in value replaced by the real one."""
    return [replacements.get(param, param) for param in params]


class UnscopedLayerQuery(RuntimeError):
    """A layered model was queried without saying whose view it reads."""


class Scope:
    BASELINE = "baseline"
    VISIBLE = "visible"
    LAYER = "layer"
    CHANGES = "changes"
    NODE = "node"
    ACROSS = "across"
    EVERY_ROW = "every_row"


class Shadowing(Expression):
    """Whether a row's uid has a row in the sandbox's layer: `Shadowing(model, id)` is true for a
    row the layer does not shadow, `Shadowing(model, id, shadowed=True)` for one it does.

    On PostgreSQL it is `uid <> ALL(ARRAY(SELECT uid FROM the layer))` (or `= ANY`): an
    uncorrelated subquery the planner runs once as an InitPlan, which keeps a parallel scan of
    the baseline possible (a NOT EXISTS sublink under an OR becomes a per-row SubPlan, which
    forbids parallel workers and made a layered search 1.5 times slower than the baseline's),
    and whose array probes the baseline's uid index. Elsewhere it is a correlated (NOT) EXISTS
    on the layer's index.
    """

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, model: type[models.Model], sandbox_id: int, *, shadowed: bool = False) -> None:
        super().__init__()
        self.model = model
        self.sandbox_id = sandbox_id
        self.shadowed = shadowed

    def _parts(self, compiler: Any, connection: Any) -> tuple[str, str]:
        alias = compiler.query.get_initial_alias()
        uid = f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name('uid')}"
        return uid, connection.ops.quote_name(self.model._meta.db_table)

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, list[Any]]:
        uid, table = self._parts(compiler, connection)
        exists = "EXISTS" if self.shadowed else "NOT EXISTS"
        return (
            f"{exists} (SELECT 1 FROM {table} shadow WHERE shadow.sandbox_id = %s AND shadow.uid = {uid})",  # noqa: S608 - names from the model, the id a parameter
            [self.sandbox_id],
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, list[Any]]:
        uid, table = self._parts(compiler, connection)
        test = "= ANY" if self.shadowed else "<> ALL"
        return f"{uid} {test}(ARRAY(SELECT shadow.uid FROM {table} shadow WHERE shadow.sandbox_id = %s))", [  # noqa: S608
            self.sandbox_id
        ]


class LayeredQuery(Query):
    """The SQL query of a layered queryset, carrying its scope (copied by every clone).

    It refuses to compile unscoped, which also covers what the queryset's own guards cannot
    see: an unscoped layered queryset used inside another query (`uid__in=...`, `Subquery`,
    `Exists`), which would otherwise read every learner's layer.
    """

    layer_scope: str | None = None

    def get_compiler(self, *args: Any, **kwargs: Any) -> Any:
        if self.layer_scope is None:
            raise UnscopedLayerQuery(
                f"{self.model.__name__ if self.model else 'A layered model'} queried without a scope (in a subquery?): "
                "use visible_to(sandbox), baseline(), layer_of(sandbox) or every_row()."
            )
        return super().get_compiler(*args, **kwargs)


class LayeredQuerySet(models.QuerySet):
    """A queryset that refuses to run until it is scoped to a view of the data."""

    _layer_scope: str | None = None
    _layer_sandbox_id: int | None = None

    def __init__(self, model: type[models.Model] | None = None, query: Query | None = None, **kwargs: Any) -> None:
        super().__init__(model=model, query=query if query is not None else LayeredQuery(model), **kwargs)

    def _clone(self) -> Self:
        clone = super()._clone()
        clone._layer_scope = self._layer_scope
        clone._layer_sandbox_id = self._layer_sandbox_id
        return clone

    def _scoped(self, scope: str, sandbox_id: int | None = None) -> Self:
        clone = self._chain()
        clone._layer_scope = scope
        clone._layer_sandbox_id = sandbox_id
        clone.query.layer_scope = scope  # the query is the clone's own copy
        return clone

    # Scopes

    def baseline(self) -> Self:
        """The shared baseline alone."""
        return self.filter(sandbox__isnull=True)._scoped(Scope.BASELINE)

    def _held_by(self, country: str) -> Q:
        """The rows a member country holds (`LayeredModel.held_by_fields`): its own records."""
        return functools.reduce(operator.or_, (Q(**{f"{field}_id": country}) for field in self.model.held_by_fields))

    def _world_of(self, sandbox: Sandbox | None) -> Self:
        """Every country's records as the learner's layer changed them: their live rows and the
        baseline rows they kept. Not a scope by itself."""
        if sandbox is None:
            return self.filter(sandbox__isnull=True)
        return self.filter(
            Q(sandbox_id=sandbox.pk, is_deleted=False) | (Q(sandbox__isnull=True) & Shadowing(self.model, sandbox.pk))
        )

    def visible_to(self, sandbox: Sandbox | None) -> Self:
        """What the sandbox's learner sees: their country's records, as their layer changed them.

        A learner acts for one member country (`Sandbox.country`): they see the rows that
        country holds (its people and documents, its posts' movements, the returns it
        received, its alerts, the exchanges it is party to), plus the rows of an exercise
        scenario in their layer, which a trainer may set at another country's post (but for
        people and documents: a scenario's record of another country is reached, like any
        other, only through consultation, `node_view`). A sandbox bound to no
        country (IOM staff) sees the region; `None` (no sandbox) is the regional baseline.
        """
        rows = self._world_of(sandbox)
        if sandbox is not None and sandbox.country_id:
            mine = self._held_by(sandbox.country_id)
            if self.model.scenario_spans_countries:
                mine |= Q(sandbox_id=sandbox.pk, scenario__isnull=False)
            rows = rows.filter(mine)
        return rows._scoped(Scope.VISIBLE, sandbox.pk if sandbox is not None else None)

    def node_view(self, sandbox: Sandbox | None, country: str) -> Self:
        """The records one member country holds, as the learner's world has them: what that
        country's node searches to answer a consultation (`sandbox.consultation`), never a
        screen's listing. It includes rows an exercise put in the learner's layer for that
        country, and nothing held by another."""
        return (
            self._world_of(sandbox)
            .filter(self._held_by(country))
            ._scoped(Scope.NODE, sandbox.pk if sandbox is not None else None)
        )

    def visible_across(self, sandbox: Sandbox | None) -> Self:
        """Every member's records as the learner's layer changed them, for the paths that must
        cross the countries by rule, not by a screen's listing: screening against the alerts
        other members share, and the regional statistics' aggregates. The modules allowed to call
        it (and `node_view`) are listed in `tests/sandbox/test_country_scope.py` (record 0024)."""
        return self._world_of(sandbox)._scoped(Scope.ACROSS, sandbox.pk if sandbox is not None else None)

    def layer_of(self, sandbox: Sandbox) -> Self:
        """The sandbox's own rows: new records, edited copies and tombstones."""
        return self.filter(sandbox_id=sandbox.pk)._scoped(Scope.LAYER, sandbox.pk)

    def scenario_of(self, sandbox: Sandbox, scenario: int) -> Self:
        """The learner's live rows of one exercise scenario: in their view, and read through the
        layer's (sandbox, uid) index only, since a baseline row never belongs to a scenario (a
        constraint keeps `scenario` NULL there). A scan of the baseline for them would find none."""
        return self.filter(sandbox_id=sandbox.pk, is_deleted=False, scenario=scenario)._scoped(Scope.LAYER, sandbox.pk)

    def changes_of(self, sandbox: Sandbox) -> Self:
        """The sandbox's own rows and the baseline rows they supersede or delete: where the
        learner's view differs from the baseline. Counting the learner's live rows in and these
        baseline rows out turns a figure of the baseline into the learner's (statistics)."""
        return self.filter(
            Q(sandbox_id=sandbox.pk) | (Q(sandbox__isnull=True) & Shadowing(self.model, sandbox.pk, shadowed=True))
        )._scoped(Scope.CHANGES, sandbox.pk)

    def every_row(self) -> Self:
        """Baseline and every layer: for maintenance (baseline replacement), never for a screen."""
        return self._scoped(Scope.EVERY_ROW)

    @property
    def layer_scope(self) -> str | None:
        return self._layer_scope

    # Guards: every way a queryset reaches the database.

    def _require_scope(self) -> None:
        if self._layer_scope is None:
            raise UnscopedLayerQuery(
                f"{self.model.__name__} queried without a scope: use visible_to(sandbox), baseline(), "
                "layer_of(sandbox) or every_row()."
            )

    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._require_scope()
        super()._fetch_all()

    def iterator(self, *args: Any, **kwargs: Any):
        self._require_scope()
        return super().iterator(*args, **kwargs)

    def count(self) -> int:
        if self._result_cache is None:
            self._require_scope()
        return super().count()

    def exists(self) -> bool:
        if self._result_cache is None:
            self._require_scope()
        return super().exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self._require_scope()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        self._require_scope()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._require_scope()
        return super().delete()

    def _raw_delete(self, using: str) -> int:
        self._require_scope()
        return super()._raw_delete(using)

    def in_bulk(self, *args: Any, **kwargs: Any) -> dict[Any, Any]:
        self._require_scope()
        return super().in_bulk(*args, **kwargs)

    def delete_sql(self) -> tuple[str, tuple[Any, ...]]:
        """The DELETE of these rows as SQL and parameters, for a caller that runs several in one
        statement (the reset on PostgreSQL); like `_raw_delete`, it sends no signals and no cascades."""
        self._require_scope()
        query = self.query.clone()
        query.__class__ = DeleteQuery
        return query.get_compiler(self.db).as_sql()


LayeredManager = models.Manager.from_queryset(LayeredQuerySet)


class LayeredModel(models.Model):
    """A record of the mirrored platform, shared by the baseline and every learner's layer."""

    uid = models.BigIntegerField("uid", editable=False)
    sandbox = models.ForeignKey(
        "sandbox.Sandbox",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        # The (sandbox, uid) unique index of the layers serves every lookup by sandbox; an
        # index of this column alone would hold a NULL for every baseline row.
        db_index=False,
    )
    is_deleted = models.BooleanField(default=False, editable=False)
    # The exercise scenario a row of a layer belongs to (`sandbox.exercises`: the attempt's id):
    # the records its builder wrote and what the learner did on them, which restarting that one
    # exercise deletes. NULL in the baseline and for the learner's free practice.
    scenario = models.BigIntegerField(null=True, blank=True, editable=False)

    objects = LayeredManager()

    # The fields naming the member country (or countries) whose records a row is: a learner
    # acting for a country sees the rows any of them names (`LayeredQuerySet.visible_to`).
    held_by_fields: ClassVar[tuple[str, ...]] = ()
    # Whether an exercise scenario's rows are the learner's to see whatever country holds them
    # (a trainer may set an exercise at another country's post); not for people and documents.
    scenario_spans_countries: ClassVar[bool] = True

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["uid"], condition=Q(sandbox__isnull=True), name="%(app_label)s_%(class)s_baseline_uid_unique"
            ),
            models.UniqueConstraint(
                fields=["sandbox", "uid"],
                condition=Q(sandbox__isnull=False),
                name="%(app_label)s_%(class)s_layer_uid_unique",
            ),
            models.CheckConstraint(
                condition=Q(is_deleted=False) | Q(sandbox__isnull=False),
                name="%(app_label)s_%(class)s_tombstones_in_layers",
            ),
            models.CheckConstraint(
                condition=Q(scenario__isnull=True) | Q(sandbox__isnull=False),
                name="%(app_label)s_%(class)s_scenarios_in_layers",
            ),
        ]

    @property
    def is_baseline(self) -> bool:
        return self.sandbox_id is None
