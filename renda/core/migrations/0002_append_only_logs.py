"""Make the audit log and the case timelines append-only in the database itself."""

from django.db import migrations

from renda.core.db import APPEND_ONLY_TABLES, POSTGRES_FUNCTION, POSTGRES_TRIGGER, SQLITE_TRIGGER

OPS = (("update", "UPDATE"), ("delete", "DELETE"))


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION, params=None)
    template = {"sqlite": SQLITE_TRIGGER, "postgresql": POSTGRES_TRIGGER}.get(vendor)
    if template is None:
        return
    for table in APPEND_ONLY_TABLES:
        for op, OP in OPS:
            schema_editor.execute(template.format(table=table, op=op, OP=OP))


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in APPEND_ONLY_TABLES:
        for op, _OP in OPS:
            suffix = f" ON {table}" if vendor == "postgresql" else ""
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}{suffix}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
