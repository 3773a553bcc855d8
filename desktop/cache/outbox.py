"""The outbox: the officer's operations in the order they were made, until the server has an outcome for each."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, or_, select

from . import schema as s


def pending_ops(conn: Connection) -> list[Any]:
    return list(conn.execute(select(s.outbox).where(s.outbox.c.state == "pending").order_by(s.outbox.c.seq)))


def ops_needing_attention(conn: Connection) -> list[Any]:
    """Rejected and handed-over operations the officer has not dismissed yet."""
    return list(
        conn.execute(
            select(s.outbox)
            .where(
                or_(s.outbox.c.state == "rejected", s.outbox.c.state == "handed_over"),
                s.outbox.c.dismissed_at.is_(None),
            )
            .order_by(s.outbox.c.seq)
        )
    )
