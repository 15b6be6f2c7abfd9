"""PostgreSQL: a stored tsvector of the head of the text (title, number, first words) to rank by.

Ranking reads it for a bounded set of candidates; the GIN index over the whole text finds them.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE filings_filing ADD COLUMN IF NOT EXISTS search_head tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', left(segmented, 1000))) STORED"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE filings_filing DROP COLUMN IF EXISTS search_head")


class Migration(migrations.Migration):
    dependencies = [("filings", "0002_search_index")]

    operations = [migrations.RunPython(create, drop)]
