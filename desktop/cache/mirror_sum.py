"""The mirror's count and checksum (tickets, the sum of their row versions), kept as the rows change.

After every pull the engine compares them with the server's for the officer's scope (``sync/engine.py``).
Counting the mirror's tickets each time costs a scan of an index that grows with the mirror (tens of ms at
100,000 tickets, more once its pages left SQLite's page cache) for a pull of a handful of changes: triggers
on ``ticket`` keep the two figures in one row instead, in the same transaction as the rows themselves, so
they are always those of the rows (every writer of the mirror's tickets goes through the triggers; none
replaces a ticket row with INSERT OR REPLACE, whose deletion would fire no trigger).
"""

from __future__ import annotations

from sqlalchemy import Connection

from ..store.feed import Checksum

TABLE = "mirror_sum"
_TRIGGERS = {
    "mirror_sum_insert": f"AFTER INSERT ON ticket BEGIN UPDATE {TABLE} "
    "SET tickets = tickets + 1, versions = versions + coalesce(new.row_version, 0); END",
    "mirror_sum_delete": f"AFTER DELETE ON ticket BEGIN UPDATE {TABLE} "
    "SET tickets = tickets - 1, versions = versions - coalesce(old.row_version, 0); END",
    "mirror_sum_update": f"AFTER UPDATE OF row_version ON ticket BEGIN UPDATE {TABLE} "
    "SET versions = versions - coalesce(old.row_version, 0) + coalesce(new.row_version, 0); END",
}


def ensure(conn: Connection) -> None:
    """Create the row and its triggers if this cache lacks any of them, counted from the tickets present."""
    present = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')").scalars())
    if {TABLE, *_TRIGGERS} <= present:
        return
    for name in _TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")
    conn.exec_driver_sql(
        f"CREATE TABLE {TABLE} (one INTEGER PRIMARY KEY CHECK (one = 1), tickets INTEGER NOT NULL, "
        "versions INTEGER NOT NULL)"
    )
    conn.exec_driver_sql(
        f"INSERT INTO {TABLE} (one, tickets, versions) SELECT 1, count(*), coalesce(sum(row_version), 0) FROM ticket"
    )
    for name, body in _TRIGGERS.items():
        conn.exec_driver_sql(f"CREATE TRIGGER {name} {body}")


def read(conn: Connection) -> Checksum:
    row = conn.exec_driver_sql(f"SELECT tickets, versions FROM {TABLE}").one()
    return Checksum(int(row[0]), int(row[1]))
