"""Change stamps for the pull cursor: a number per writing transaction, ordered by commit.

A plain auto-increment is wrong: a transaction that took a smaller number but commits later would be
skipped by a reader that already moved past it. So:
- on MariaDB and SQLite every writing transaction bumps the ``counter`` row named ``change``; the row lock
  is held until commit, so numbers are handed out in commit order;
- on PostgreSQL the stamp is the transaction id (``pg_current_xact_id``), and a puller reads up to
  ``pg_snapshot_xmin`` of its snapshot. No shared row is locked, so writers on different tickets never
  wait for each other. Ids are handed out in the order transactions start writing, not in commit order:
  ``latest_change`` counts the transactions still in progress below the newest stamp for that reason.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Connection, TextClause, bindparam, func, select, text, update
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
_BUMP = update(counter).where(counter.c.name == bindparam("counter")).values(value=counter.c.value + bindparam("by"))
_READ = select(counter.c.value).where(counter.c.name == bindparam("counter"))
# The bump hands the new value back in the same round trip: SQLite returns it; MariaDB 10.11 has no
# UPDATE … RETURNING, but LAST_INSERT_ID(expr) puts it in the UPDATE's own reply (the cursor's lastrowid).
_BUMP_RETURNING = _BUMP.returning(counter.c.value)
_BUMP_REPORTING = (
    update(counter)
    .where(counter.c.name == bindparam("counter"))
    .values(value=func.last_insert_id(counter.c.value + bindparam("by")))
)


def uses_transaction_ids(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def stamp(conn: Connection) -> int:
    if uses_transaction_ids(conn):
        return int(conn.execute(_PG_STAMP).scalar_one())
    value = bump(conn, CHANGE_COUNTER)
    if value is None:
        raise LookupError(f"no counter row {CHANGE_COUNTER!r}: the schema is not migrated")
    return value


def bump(conn: Connection, name: str, by: int = 1) -> int | None:
    """The counter ``name`` moved ``by`` (the next value, or the last of a block), in one round trip; None
    when there is no such counter."""
    if conn.dialect.update_returning:
        found = conn.execute(_BUMP_RETURNING, {"counter": name, "by": by}).scalar()
        return None if found is None else int(found)
    bumped = conn.execute(_BUMP_REPORTING, {"counter": name, "by": by})
    return int(bumped.lastrowid) if bumped.rowcount == 1 else None


def latest_change(conn: Connection) -> str:
    """Names the newest change a pull could bring, for a watcher that wakes waiting clients: it differs from
    the last value read once something was committed since.

    On MariaDB and SQLite the change counter (bumped under its row lock: in commit order). On PostgreSQL the
    stamp is a transaction id, and a transaction that took an older id can commit after a newer one without
    moving the newest stamp; so the value is ``M:N``, read in one statement (one snapshot): M the newest stamp
    of the tables clients mirror (one index lookup each), N how many transactions with an id below M are still
    in progress. A commit with a stamp above M moves M. One below M was in progress at the last read (its id
    was handed out before M's): it leaves those N, and as long as M stays, no transaction joins them (ids
    handed out later are above M), so N only falls. A transaction below M that ends without writing a mirrored
    row (an abort, a sign-in) changes the value too: its clients pull and find nothing, which is cheap."""
    if not uses_transaction_ids(conn):
        return str(conn.execute(_READ, {"counter": CHANGE_COUNTER}).scalar_one())
    row = conn.execute(_PG_LATEST).one()
    return f"{int(row[0])}:{int(row[1])}"


# Every table whose rows carry a change stamp (what a pull brings).
_STAMPED = [table for table in metadata.sorted_tables if "change_seq" in table.c]


def _pg_latest() -> TextClause:
    newest = ", ".join(f'(SELECT max(change_seq) FROM "{table.name}")' for table in _STAMPED)
    running = "SELECT count(*) FROM pg_snapshot_xip(pg_current_snapshot()) AS running(xid)"
    return text(
        f"SELECT newest, ({running} WHERE xid::text::bigint < newest) "
        f"FROM (SELECT coalesce(greatest({newest}), 0) AS newest) AS stamped"
    )


_PG_LATEST = _pg_latest()
