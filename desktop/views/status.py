"""The facts the status bar shows, read from the cache in one go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.state import get_state
from .attention import attention_items


@dataclass(frozen=True, slots=True)
class SyncStatus:
    online: bool
    last_sync_at: datetime | None  # naive UTC, this workstation's clock
    last_error: str | None
    pending: int  # operations waiting to be sent
    attention: int  # items in the "needs attention" panel


def sync_status(conn: Connection) -> SyncStatus:
    last = get_state(conn, "last_sync_at")
    pending = conn.execute(select(func.count()).where(s.outbox.c.state == "pending")).scalar_one()
    return SyncStatus(
        online=get_state(conn, "online") == "1",
        last_sync_at=datetime.fromisoformat(last) if last else None,
        last_error=get_state(conn, "last_error"),
        pending=int(pending),
        attention=len(attention_items(conn)),
    )


def load_sync_status(cache: Cache) -> SyncStatus:
    with cache.read() as conn:
        return sync_status(conn)
