"""SQLite backend whose `flush` (a deliberate wipe of every table) passes the append-only guard.

PostgreSQL's flush uses TRUNCATE, which row triggers do not see; SQLite's uses DELETE, so here
the guard is lifted for the wipe and put back in the same transaction.
"""

from django.db.backends.sqlite3 import base, operations

from renda.core.db import APPEND_ONLY_TABLES, SQLITE_TRIGGER


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        guarded = [table for table in APPEND_ONLY_TABLES if table in tables]
        drops = [f"DROP TRIGGER IF EXISTS {table}_no_delete" for table in guarded]
        creates = [SQLITE_TRIGGER.format(table=t, op="delete", OP="DELETE") for t in guarded]
        return drops + statements + creates


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
