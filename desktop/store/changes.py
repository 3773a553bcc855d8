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

from typing import Any

from sqlalchemy import BigInteger, Connection, bindparam, func, select, update
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from .schema import counter, metadata

CHANGE_COUNTER = "change"


class TransactionStamp(FunctionElement[int]):
    """PostgreSQL's id of the current transaction, as a bigint."""

    type = BigInteger()
    inherit_cache = True


@compiles(TransactionStamp, "postgresql")
def _stamp_postgresql(_element: TransactionStamp, _compiler: Any, **_kw: Any) -> str:
    return "pg_current_xact_id()::text::bigint"


_PG_STAMP = select(TransactionStamp())
_BUMP = update(counter).where(counter.c.name == bindparam("counter")).values(value=counter.c.value + 1)
_READ = select(counter.c.value).where(counter.c.name == bindparam("counter"))


def uses_transaction_ids(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def stamp(conn: Connection) -> int:
    if uses_transaction_ids(conn):
        return int(conn.execute(_PG_STAMP).scalar_one())
    conn.execute(_BUMP, {"counter": CHANGE_COUNTER})
    return int(conn.execute(_READ, {"counter": CHANGE_COUNTER}).scalar_one())


def latest_change(conn: Connection) -> str:
    """Names the newest change a pull could bring, for a watcher that wakes waiting clients: it differs from
    the last value read once something was committed since. On MariaDB and SQLite the change counter; on
    PostgreSQL the newest stamp of the tables clients mirror (one index lookup each). A transaction that
    took an older id and commits after a newer one does not move that maximum: a client learns of it with
    its next change or its regular round."""
    if not uses_transaction_ids(conn):
        return str(conn.execute(_READ, {"counter": CHANGE_COUNTER}).scalar_one())
    newest = [conn.execute(select(func.max(table.c.change_seq))).scalar() for table in _STAMPED]
    return str(max((int(value) for value in newest if value is not None), default=0))


# Every table whose rows carry a change stamp (what a pull brings).
_STAMPED = [table for table in metadata.sorted_tables if "change_seq" in table.c]
