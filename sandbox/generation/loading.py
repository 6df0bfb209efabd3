"""Loading a generated baseline into the database, and clearing it.

Job: write every table of a `GeneratedBaseline` in one transaction — COPY on PostgreSQL,
`executemany` on SQLite — analyse the tables, then rebuild the statistics summary and write
the `Baseline` row; or clear everything layered.

On PostgreSQL the load follows the manual's advice for populating a database ("Populating a
Database": remove indexes and foreign-key constraints, COPY, re-create them, run ANALYZE
afterwards): the secondary indexes and foreign keys of the tables it fills are saved
(`pg_get_indexdef`, `pg_get_constraintdef`), dropped, and re-created with the same names and
definitions after the COPY, which validates every row once instead of once per row at commit.
Rows are rendered in chunks and handed to psycopg's queued writer, so rendering overlaps the
server's parsing. The tables are locked for the load's duration.

Every table the load emptied or filled is then analysed (`tables_analyse`), in the same
transaction: without planner statistics until autovacuum comes round (if it is on at all),
PostgreSQL took the 1M-movement table for some 5,000 rows and chose nested loops that made
`sandbox_calibration` run for minutes instead of seconds. The summary's GROUP BY queries run
after it; on SQLite, ANALYZE fills `sqlite_stat1` for its planner.

Invariants: all or nothing (one transaction, DDL included: a failure restores the indexes
and constraints); an existing baseline is replaced only on request, and replacing clears
every learner's layer too, because layers refer to baseline uids; `BaselineExists` leaves the
database untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone

from sandbox.models import LAYERED_MODELS, Baseline, DataQualityDefect, MonthlySummary, Person

if TYPE_CHECKING:
    from sandbox.generation import GeneratedBaseline
    from sandbox.generation.tables import Table


# The foreign keys and the secondary indexes (not backing a constraint) of tables in the current schema.
FOREIGN_KEYS_SQL = """
    SELECT t.relname, c.conname, pg_get_constraintdef(c.oid)
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
    WHERE c.contype = 'f' AND t.relname = ANY(%s) AND t.relnamespace = current_schema()::regnamespace
    ORDER BY 1, 2
"""
INDEXES_SQL = """
    SELECT x.relname, pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
    WHERE NOT i.indisprimary AND t.relname = ANY(%s) AND t.relnamespace = current_schema()::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    ORDER BY 1
"""


class BaselineExists(Exception):
    """A baseline is already loaded and replacing it was not asked for; nothing was changed."""


def _cleared_tables() -> list[str]:
    return [model._meta.db_table for model in (*LAYERED_MODELS, DataQualityDefect, MonthlySummary, Baseline)]


def baseline_exists() -> bool:
    return Baseline.objects.exists() or Person.objects.baseline().exists()


def _clear() -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Rows written earlier in the same transaction leave deferred foreign-key checks
            # pending, and TRUNCATE refuses a table with pending trigger events: run them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in _cleared_tables()))
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for table in _cleared_tables():
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - table names from the models


def baseline_clear() -> None:
    """Delete the baseline, every learner's layer, the defects truth table, the summary and the Baseline row."""
    with transaction.atomic():
        _clear()


def copy_tables(tables: Sequence[Table]) -> None:
    """COPY the tables' rows in, their secondary indexes and foreign keys dropped and re-created around it."""
    from psycopg.copy import QueuedLibpqWriter

    quote = connection.ops.quote_name
    names = [table.db_table for table in tables]
    with connection.cursor() as cursor:
        cursor.execute(FOREIGN_KEYS_SQL, [names])
        foreign_keys = cursor.fetchall()
        cursor.execute(INDEXES_SQL, [names])
        indexes = cursor.fetchall()
        for table, constraint, _definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(constraint)}")
        for index, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(index)}")
        for table in tables:
            columns = ", ".join(quote(column) for column in table.columns)
            statement = f"COPY {quote(table.db_table)} ({columns}) FROM STDIN"
            with cursor.cursor.copy(statement, writer=QueuedLibpqWriter(cursor.cursor)) as copy:
                for chunk in table.copy_chunks():
                    copy.write(chunk)
        for _index, definition in indexes:
            cursor.execute(definition)
        for table, constraint, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(constraint)} {definition}")


def tables_analyse(names: Sequence[str]) -> None:
    """Planner statistics for tables just written: `ANALYZE` of each (PostgreSQL's pg_statistic,
    SQLite's sqlite_stat1). Allowed inside a transaction on both."""
    if connection.vendor not in ("postgresql", "sqlite"):
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"ANALYZE {quote(name)}")


def _insert(table: Table) -> None:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in table.columns)
    marks = ", ".join(["%s"] * len(table.columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(table.db_table)} ({columns}) VALUES ({marks})",  # noqa: S608 - names from the models
            table.sqlite_rows(),
        )


def baseline_load(generated: GeneratedBaseline, *, replace: bool = False) -> Baseline:
    """Load a generated baseline; raise BaselineExists (changing nothing) if one is loaded and not `replace`."""
    from sandbox.statistics import summary_rebuild

    with transaction.atomic():
        if baseline_exists():
            if not replace:
                raise BaselineExists
            _clear()
        tables = [table for table in generated.tables if len(table)]
        if connection.vendor == "postgresql":
            copy_tables(tables)
        else:
            for table in tables:
                _insert(table)
        summary_tables = [MonthlySummary._meta.db_table, Baseline._meta.db_table]
        tables_analyse([name for name in _cleared_tables() if name not in summary_tables])
        summary_rebuild()
        baseline = Baseline.objects.create(
            id=1,
            seed=generated.seed,
            scale=generated.scale,
            period_start=generated.start,
            period_end=generated.end,
            generator_version=generated.generator_version,
            generated_at=timezone.now(),
            counts=generated.counts,
        )
        tables_analyse(summary_tables)
        return baseline
