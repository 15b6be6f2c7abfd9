"""PostgreSQL: a narrow search table, so that a match reads ~70 bytes rather than a whole filing.

`filings_search` (id = filing id) holds the stored tsvector of the segmented text (`words`, GIN
index `filing_search_gin`) and of its first 1,000 characters (`head`, to rank by). Both are kept
out of line (`toast_tuple_target = 128`, storage EXTERNAL): the bitmap heap scan of a match visits
only the id and two TOAST pointers, and `head` is read only for the candidates ranked.
It replaces the expression index on `filings_filing` and its `search_head` column.
SQLite keeps its FTS5 table of the same name (migration 0002).
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in (
        "CREATE TABLE IF NOT EXISTS filings_search (id bigint PRIMARY KEY, "
        "words tsvector NOT NULL, head tsvector NOT NULL) WITH (toast_tuple_target = 128)",
        "ALTER TABLE filings_search ALTER COLUMN words SET STORAGE EXTERNAL, "
        "ALTER COLUMN head SET STORAGE EXTERNAL",
        "INSERT INTO filings_search (id, words, head) SELECT id, to_tsvector('simple', segmented), "
        "to_tsvector('simple', left(segmented, 1000)) FROM filings_filing WHERE segmented <> '' "
        "ON CONFLICT (id) DO NOTHING",
        "DROP INDEX IF EXISTS filing_search_gin",
        "CREATE INDEX filing_search_gin ON filings_search USING GIN (words)",
        "ALTER TABLE filings_filing DROP COLUMN IF EXISTS search_head",
    ):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in (
        "DROP TABLE IF EXISTS filings_search",
        "CREATE INDEX IF NOT EXISTS filing_search_gin ON filings_filing "
        "USING GIN (to_tsvector('simple', segmented))",
        "ALTER TABLE filings_filing ADD COLUMN IF NOT EXISTS search_head tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', left(segmented, 1000))) STORED",
    ):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("filings", "0004_tick_flags")]

    operations = [migrations.RunPython(create, drop)]
