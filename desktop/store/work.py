"""The context every operation runs in: one transaction, the server's time, one change stamp."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Insert, insert

from . import changes
from .clock import server_now
from .identity import Actor
from .schema import event, metadata

_AUDIT = insert(event)
# Deferred rows are written parents first: the order of the tables' foreign keys.
_TABLE_ORDER = {table.name: number for number, table in enumerate(metadata.sorted_tables)}


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
    # Rows kept back while ``deferring``, by statement and columns: each group is written in one statement.
    _deferred: dict[tuple[Insert, tuple[str, ...]], list[dict[str, Any]]] | None = field(default=None, repr=False)

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

    def insert(self, statement: Insert, *rows: dict[str, Any]) -> None:
        """Insert ``rows`` now, or, while ``deferring``, with the other rows of their statement."""
        if self._deferred is None:
            self.conn.execute(statement, rows[0] if len(rows) == 1 else list(rows))
            return
        for row in rows:
            self._deferred.setdefault((statement, tuple(sorted(row))), []).append(row)

    @contextmanager
    def deferring(self) -> Iterator[None]:
        """Rows inserted inside are written when the block ends, one statement per table and columns
        (``executemany``: psycopg pipelines it, PyMySQL sends one multi-row INSERT) — for the intake's batches,
        where a row's own statement costs more than writing it. Whatever reads rows written inside must
        ``flush`` first. A failure inside drops the rows kept back: the caller rolls back its savepoint."""
        self._deferred = {}
        try:
            yield
            self.flush()
        finally:
            self._deferred = None

    def flush(self) -> None:
        """Write the rows kept back, parents before children; nothing when none are."""
        if not self._deferred:
            return
        kept, self._deferred = self._deferred, {}
        for (statement, _columns), rows in sorted(kept.items(), key=lambda item: _TABLE_ORDER[item[0][0].table.name]):
            self.conn.execute(statement, rows)

    def audit(self, action: str, ticket_id: UUID | None, claim_token: int | None = None, **detail: Any) -> None:
        self.insert(
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
