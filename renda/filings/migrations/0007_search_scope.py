"""PostgreSQL: the public page's filters in the search index, so a filter narrows the match.

`filings_search.scope` (text[]) holds a public document's filter values as keys: `b<body id>`,
`y<year published>`, `v<validity>`, `t<doc type>`; a document that is not public has none. The
GIN index `filing_search_gin` now covers (words, bucket, scope): a word found in nearly every
document and one body read the intersection of their postings (GIN skips ahead in the long
one), not every match of the word (`search.Scope`, `search._newest`).

`filings_search_scope()` computes the keys; `index_document` stores them with the words, and the
trigger `filings_search_rescope` on `filings_filing` updates them whenever one of those columns
changes, whichever code changes it (services, stock clean-up, admin, a bulk update).
SQLite is unchanged: its FTS5 table has no filters.
"""

from django.db import migrations

FILTERS = "is_public, body_id, published_on, validity, doc_type"
SQLITE_INDEX = f"CREATE INDEX IF NOT EXISTS filing_public_filters ON filings_filing ({FILTERS})"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_INDEX)
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in (
        "ALTER TABLE filings_search ADD COLUMN IF NOT EXISTS scope text[] NOT NULL DEFAULT '{}'",
        "CREATE OR REPLACE FUNCTION filings_search_scope(is_public boolean, body_id bigint, "
        "published_on date, validity text, doc_type text) RETURNS text[] "
        "LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN is_public THEN ARRAY["
        "'b' || body_id::text, 'y' || extract(year FROM published_on)::integer::text, "
        "'v' || validity, 't' || doc_type] ELSE '{}'::text[] END $$",
        "CREATE OR REPLACE FUNCTION filings_search_rescope() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN UPDATE filings_search SET scope = filings_search_scope("
        "NEW.is_public, NEW.body_id, NEW.published_on, NEW.validity, NEW.doc_type) "
        "WHERE id = NEW.id; RETURN NULL; END $$",
        "DROP TRIGGER IF EXISTS filings_search_rescope ON filings_filing",
        f"CREATE TRIGGER filings_search_rescope AFTER UPDATE OF {FILTERS} ON filings_filing "
        f"FOR EACH ROW WHEN (({', '.join('OLD.' + c for c in FILTERS.split(', '))}) "
        f"IS DISTINCT FROM ({', '.join('NEW.' + c for c in FILTERS.split(', '))})) "
        "EXECUTE FUNCTION filings_search_rescope()",
        "DROP INDEX IF EXISTS filing_search_gin",
        f"UPDATE filings_search s SET scope = filings_search_scope({FILTERS}) "
        "FROM filings_filing f WHERE f.id = s.id",
        "CREATE INDEX filing_search_gin ON filings_search USING GIN (words, bucket, scope)",
        "ANALYZE filings_search",
    ):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS filing_public_filters")
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in (
        "DROP TRIGGER IF EXISTS filings_search_rescope ON filings_filing",
        "DROP FUNCTION IF EXISTS filings_search_rescope()",
        "DROP INDEX IF EXISTS filing_search_gin",
        "ALTER TABLE filings_search DROP COLUMN IF EXISTS scope",
        "DROP FUNCTION IF EXISTS filings_search_scope(boolean, bigint, date, text, text)",
        "CREATE INDEX filing_search_gin ON filings_search USING GIN (words, bucket)",
    ):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("filings", "0006_search_bucket")]

    operations = [migrations.RunPython(create, drop)]
