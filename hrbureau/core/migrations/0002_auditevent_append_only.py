"""The database itself refuses to change audit rows (DOMAIN.md §6: audit records not editable).

UPDATE is refused on both databases. DELETE is refused on PostgreSQL for rows younger than the retention
period; SQLite cannot express that without breaking test-database flushes, so there the model and its
queryset refuse deletes (see AuditEvent).
"""

from django.db import migrations

PG_FORWARD = ["""
CREATE OR REPLACE FUNCTION core_auditevent_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'audit events are append-only';
    END IF;
    IF OLD.created_at > now() - interval '183 days' THEN
        RAISE EXCEPTION 'audit events are kept at least 183 days';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql
""", """
CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse_change()
"""]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent",
    "DROP FUNCTION IF EXISTS core_auditevent_refuse_change()",
]
SQLITE_FORWARD = ["""
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END
"""]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS core_auditevent_no_update"]


def forward(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for statement in PG_FORWARD if postgres else SQLITE_FORWARD:
        schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for statement in PG_BACKWARD if postgres else SQLITE_BACKWARD:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
