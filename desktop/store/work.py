"""The context every operation runs in: one transaction, the server's time, one change stamp."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, insert

from . import changes
from .clock import server_now
from .identity import Actor
from .schema import event

_AUDIT = insert(event)


@dataclass
class Work:
    """Time and stamp are taken on first use, or primed by an operation that read them in one go."""

    conn: Connection
    actor: Actor | None  # None for the intake worker acting on behalf of a channel
    device: str | None = None
    online: bool = True
    # When an operation made offline was made (the workstation's estimate of the server's clock), so that
    # the time it waited for the network can be told apart from the officer's own.
    made_at: datetime | None = None
    memo: dict[str, Any] = field(default_factory=dict, repr=False)  # what one transaction reads once
    _now: datetime | None = field(default=None, repr=False)
    _seq: int | None = field(default=None, repr=False)

    @property
    def now(self) -> datetime:
        if self._now is None:
            self._now = server_now(self.conn)
        return self._now

    @property
    def seq(self) -> int:
        """This transaction's change stamp."""
        if self._seq is None:
            self._seq = changes.stamp(self.conn)
        return self._seq

    def prime(self, now: datetime, seq: int | None) -> None:
        if self._now is None:
            self._now = now
        if self._seq is None and seq is not None:
            self._seq = int(seq)

    def audit(self, action: str, ticket_id: UUID | None, claim_token: int | None = None, **detail: Any) -> None:
        self.conn.execute(
            _AUDIT,
            {
                "ticket_id": ticket_id,
                "officer_id": self.actor.id if self.actor else None,
                "action": action,
                "claim_token": claim_token,
                "online": self.online,
                "device": self.device,
                "detail": json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
                "change_seq": self.seq,
                "created_at": self.now,
            },
        )


def begin(conn: Connection, actor: Actor | None, device: str | None = None, online: bool = True) -> Work:
    return Work(conn=conn, actor=actor, device=device, online=online)
