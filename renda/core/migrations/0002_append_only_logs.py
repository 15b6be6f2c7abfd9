"""Make the audit log and the case timelines append-only in the database itself."""

from django.db import migrations

TABLES = ["core_auditevent", "core_timelineevent"]

SQLITE = """
CREATE TRIGGER {table}_no_{op} BEFORE {OP} ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
"""
POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION renda_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END;
$$ LANGUAGE plpgsql;
"""
POSTGRES = """
CREATE TRIGGER {table}_no_{op} BEFORE {OP} ON {table}
FOR EACH ROW EXECUTE FUNCTION renda_append_only();
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
    template = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor)
    if template is None:
        return
    for table in TABLES:
        for op in ("update", "delete"):
            schema_editor.execute(template.format(table=table, op=op, OP=op.upper()))


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        for op in ("update", "delete"):
            suffix = f" ON {table}" if vendor == "postgresql" else ""
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}{suffix}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
