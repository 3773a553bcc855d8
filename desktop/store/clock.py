"""The database server's clock. Lease decisions never read the client's clock."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, text

SERVER_NOW_SQL = {
    # clock_timestamp(), not now(): now() is frozen at the start of the transaction.
    "postgresql": "timezone('UTC', clock_timestamp())",
    "mariadb": "UTC_TIMESTAMP(6)",
    "mysql": "UTC_TIMESTAMP(6)",
    "sqlite": "strftime('%Y-%m-%d %H:%M:%f', 'now')",
}


def server_now(conn: Connection) -> datetime:
    """The server's current time as naive UTC, the form every timestamp column holds."""
    value = conn.execute(text(f"SELECT {SERVER_NOW_SQL[conn.dialect.name]}")).scalar_one()
    return datetime.fromisoformat(value) if isinstance(value, str) else value
