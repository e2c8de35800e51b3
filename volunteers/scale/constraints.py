"""Foreign keys and plain indexes set aside while tables are emptied and filled.

PostgreSQL checks each written or deleted row's references on its own (and
locks every referenced row), and updates every index row by row; for millions
of rows that costs more than the writing. Adding a constraint back checks all
rows in one join, so a dangling reference still stops the transaction, and an
index built at the end is built in one sort. Definitions are read from the
catalogue and come back exactly as the migrations made them. Unique indexes
stay, so duplicates are refused as they are written.
"""

from contextlib import contextmanager

from django.db import connection

FOREIGN_KEYS = (
    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE contype = 'f' AND (conrelid = ANY(%s::regclass[]) OR confrelid = ANY(%s::regclass[])) "
    "ORDER BY conrelid, conname"
)
PLAIN_INDEXES = (
    "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
    "WHERE indrelid = ANY(%s::regclass[]) AND NOT indisunique AND NOT indisprimary "
    "AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid) "
    "ORDER BY indexrelid"
)
BUILD_MEMORY = "256MB"  # for the index builds and constraint checks of this transaction


@contextmanager
def bulk_mode(models, *, restored):
    """Drop the foreign keys from and to the models' tables and their plain indexes.

    Everything comes back when the block ends; ``restored`` is a context
    manager around that (to time it).
    """
    tables = [model._meta.db_table for model in models]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # A table with checks still pending in this transaction cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(FOREIGN_KEYS, [tables, tables])
        keys = cursor.fetchall()
        cursor.execute(PLAIN_INDEXES, [tables])
        indexes = cursor.fetchall()
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with restored, connection.cursor() as cursor:
        cursor.execute("SELECT set_config('maintenance_work_mem', %s, true)", [BUILD_MEMORY])
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")
