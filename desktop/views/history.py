"""What the history tab can tell from this computer: officers' names for their logins, and the changes to a
ticket still waiting in the outbox (made here, not yet applied by the server, so not in the audit log)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.state import get_state


@dataclass(frozen=True, slots=True)
class QueuedChange:
    kind: str  # an ``OpKind`` value
    payload: dict[str, Any]
    made_at: datetime  # naive UTC, this workstation's clock
    offline: bool


@dataclass(frozen=True, slots=True)
class LocalHistory:
    names: dict[str, str]  # login → name, for the officers this computer knows
    queued: tuple[QueuedChange, ...]  # oldest first
    my_login: str | None


def local_history(cache: Cache, ticket_id: UUID) -> LocalHistory:
    with cache.read() as conn:
        names = {str(login): str(name) for login, name in conn.execute(select(s.officer.c.login, s.officer.c.name))}
        rows = conn.execute(
            select(s.outbox.c.kind, s.outbox.c.payload, s.outbox.c.created_at, s.outbox.c.offline)
            .where(s.outbox.c.ticket_id == ticket_id, s.outbox.c.state == "pending")
            .order_by(s.outbox.c.seq)
        ).all()
        queued = tuple(QueuedChange(r.kind, json.loads(r.payload), r.created_at, bool(r.offline)) for r in rows)
        return LocalHistory(names, queued, get_state(conn, "officer"))
