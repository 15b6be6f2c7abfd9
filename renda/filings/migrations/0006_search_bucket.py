"""PostgreSQL: read the newest matches through an id bucket, rank from an inline head.

- `filings_search.bucket` = `{id / 1000}` (generated from the id, so every insert sets it), and
  the GIN index `filing_search_gin` now covers (words, bucket). A query for a word found in
  nearly every document, limited to a few buckets of the newest ids, walks the buckets' short
  posting lists and skips ahead in the word's long one instead of reading, visiting and sorting
  every match (`search._newest`). The bucket width is also `search.BUCKET`.
- `head` (the tsvector of the first 1,000 characters, to rank by) moves to its own table
  `filings_search_head` (id = filing id), stored inline (storage MAIN, ~1.8 kB a row): ranking
  1,000 candidates reads 1,000 heap rows there, not 1,000 TOAST lookups, and the rows a match
  visits in `filings_search` stay ~100 bytes.

The table rewrite of the generated column also drops the TOASTed values of the old `head`.
SQLite is unchanged.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in (
        "CREATE TABLE IF NOT EXISTS filings_search_head (id bigint PRIMARY KEY, "
        "head tsvector NOT NULL)",
        "ALTER TABLE filings_search_head ALTER COLUMN head SET STORAGE MAIN",
        "INSERT INTO filings_search_head (id, head) SELECT id, head FROM filings_search "
        "ORDER BY id ON CONFLICT (id) DO NOTHING",
        "ALTER TABLE filings_search DROP COLUMN IF EXISTS head",
        "ALTER TABLE filings_search ADD COLUMN IF NOT EXISTS bucket integer[] "
        "GENERATED ALWAYS AS (ARRAY[(id / 1000)::integer]) STORED",
        "DROP INDEX IF EXISTS filing_search_gin",
        "CREATE INDEX filing_search_gin ON filings_search USING GIN (words, bucket)",
        "ANALYZE filings_search",
        "ANALYZE filings_search_head",
    ):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in (
        "DROP INDEX IF EXISTS filing_search_gin",
        "ALTER TABLE filings_search DROP COLUMN IF EXISTS bucket",
        "ALTER TABLE filings_search ADD COLUMN IF NOT EXISTS head tsvector",
        "ALTER TABLE filings_search ALTER COLUMN head SET STORAGE EXTERNAL",
        "UPDATE filings_search s SET head = h.head FROM filings_search_head h WHERE h.id = s.id",
        "UPDATE filings_search SET head = ''::tsvector WHERE head IS NULL",
        "ALTER TABLE filings_search ALTER COLUMN head SET NOT NULL",
        "DROP TABLE IF EXISTS filings_search_head",
        "CREATE INDEX filing_search_gin ON filings_search USING GIN (words)",
    ):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("filings", "0005_search_table")]

    operations = [migrations.RunPython(create, drop)]
