"""The cache's own facts (``sync_state``): cursors, the officer signed in, the central clock's offset."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, insert, select

from . import schema as s


def get_state(conn: Connection, key: str) -> str | None:
    value = conn.execute(select(s.sync_state.c.value).where(s.sync_state.c.key == key)).scalar()
    return None if value is None else str(value)


def set_state(conn: Connection, key: str, value: object) -> None:
    conn.execute(
        insert(s.sync_state).prefix_with("OR REPLACE").values(key=key, value=None if value is None else str(value))
    )


def server_time(conn: Connection) -> datetime:
    """The central clock as last measured, carried forward on this workstation's clock.

    Offline decisions (is that claim still live? is mine about to run out?) use it; the server decides
    again at push, so a wrong estimate can only make the officer wait or be told no, never break a claim.
    """
    offset = float(get_state(conn, "clock_offset") or 0.0)
    return datetime.utcnow() + timedelta(seconds=offset)  # naive UTC like the central store
