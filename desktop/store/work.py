"""The context every writing operation runs in: one transaction, the server's time, one change stamp."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, insert, text

from . import changes
from .clock import SERVER_NOW_SQL, server_now
from .identity import Actor
from .schema import event


@dataclass
class Work:
    conn: Connection
    actor: Actor | None  # None for the intake worker acting on behalf of a channel
    now: datetime
    device: str | None = None
    online: bool = True
    _seq: int | None = field(default=None, repr=False)

    @property
    def seq(self) -> int:
        """This transaction's change stamp, taken on first use."""
        if self._seq is None:
            self._seq = changes.stamp(self.conn)
        return self._seq

    def audit(
        self, action: str, ticket_id: UUID | None, claim_token: int | None = None, **detail: Any
    ) -> None:
        self.conn.execute(
            insert(event).values(
                ticket_id=ticket_id,
                officer_id=self.actor.id if self.actor else None,
                action=action,
                claim_token=claim_token,
                online=self.online,
                device=self.device,
                detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
                change_seq=self.seq,
                created_at=self.now,
            )
        )


def begin(
    conn: Connection, actor: Actor | None, device: str | None = None, online: bool = True, writing: bool = True
) -> Work:
    if writing and conn.dialect.name == "postgresql":
        # One round trip for both: the claim path is latency-bound.
        now, seq = conn.execute(text(f"SELECT {SERVER_NOW_SQL['postgresql']}, {changes.PG_STAMP_SQL}")).one()
        return Work(conn=conn, actor=actor, now=now, device=device, online=online, _seq=int(seq))
    return Work(conn=conn, actor=actor, now=server_now(conn), device=device, online=online)
