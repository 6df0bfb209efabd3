"""The audit log is append-only on PostgreSQL: a trigger refuses every UPDATE and DELETE of an
audit event, with two exceptions.

- A transaction that set `sandbox.maintenance` to 'on' (`sandbox.models.layers.MAINTENANCE_SETTING`)
  may delete: the paths that delete whole layers (reset, an exercise's restart, a sandbox deleted
  with its learner). They never update. The baseline's replacement TRUNCATEs, which row triggers
  do not see.
- An event whose only change is its user set to NULL: the account was deleted (the foreign key's
  SET NULL), and the event stays.

SQLite gets no trigger: it has no session settings, so a trigger could not tell a reset from any
other DELETE, and the generator clears SQLite's tables with DELETE. There the rule is kept by the
code alone, which a test checks (no module of the app updates or deletes an audit event).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION sandbox_auditevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('sandbox.maintenance', true) = 'on' THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL
            AND to_jsonb(NEW) - 'actor_id' = to_jsonb(OLD) - 'actor_id' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: % of audit event % refused.', TG_OP, OLD.uid
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER sandbox_auditevent_append_only BEFORE UPDATE OR DELETE ON sandbox_auditevent
    FOR EACH ROW EXECUTE FUNCTION sandbox_auditevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS sandbox_auditevent_append_only ON sandbox_auditevent;
DROP FUNCTION IF EXISTS sandbox_auditevent_append_only();
"""


def _run(sql: str):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("sandbox", "0009_country_scope_and_consultation")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
