"""Change stamps for the pull cursor: a number per writing transaction, ordered by commit.

A plain auto-increment is wrong: a transaction that took a smaller number but commits later would be
skipped by a reader that already moved past it. So:
- on MariaDB and SQLite every writing transaction bumps the ``counter`` row named ``change``; the row lock
  is held until commit, so numbers are handed out in commit order;
- on PostgreSQL the stamp is the transaction id (``pg_current_xact_id``), and a puller reads up to
  ``pg_snapshot_xmin`` of its snapshot. No shared row is locked, so writers on different tickets never
  wait for each other.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

CHANGE_COUNTER = "change"
PG_STAMP_SQL = "pg_current_xact_id()::text::bigint"


def stamp(conn: Connection) -> int:
    if conn.dialect.name == "postgresql":
        return int(conn.execute(text(f"SELECT {PG_STAMP_SQL}")).scalar_one())
    conn.execute(text("UPDATE counter SET value = value + 1 WHERE name = :n"), {"n": CHANGE_COUNTER})
    return int(
        conn.execute(text("SELECT value FROM counter WHERE name = :n"), {"n": CHANGE_COUNTER}).scalar_one()
    )
