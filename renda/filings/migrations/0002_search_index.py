"""The full-text index: GIN over to_tsvector on PostgreSQL, an FTS5 table on SQLite."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS filing_search_gin ON filings_filing "
            "USING GIN (to_tsvector('simple', segmented))"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS filings_search "
            "USING fts5(segmented, tokenize='unicode61')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS filing_search_gin")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS filings_search")


class Migration(migrations.Migration):
    dependencies = [("filings", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
