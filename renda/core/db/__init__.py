"""Database details: the append-only guard on the log tables and a SQLite backend that keeps it."""

APPEND_ONLY_TABLES = ("core_auditevent", "core_timelineevent")

SQLITE_TRIGGER = (
    "CREATE TRIGGER {table}_no_{op} BEFORE {OP} ON {table} "
    "BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
)
POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION renda_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END;
$$ LANGUAGE plpgsql
"""
POSTGRES_TRIGGER = (
    "CREATE TRIGGER {table}_no_{op} BEFORE {OP} ON {table} "
    "FOR EACH ROW EXECUTE FUNCTION renda_append_only()"
)
