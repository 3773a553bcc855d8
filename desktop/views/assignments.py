"""Reports a supervisor assigned to me, from the cache: for the ticket pane ("assigned to you by …") and for
the tray's notification of a new assignment.

The central store keeps who assigned a ticket to its holder (``ticket.assigned_by``/``assigned_at``) until the
holder acts on it or the claim ends (``store/assignment.py``); the mirror copies both columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, select
from sqlalchemy.orm import aliased

from ..cache import schema as s
from ..cache.officer import me
from ..domain.status import CLOSED


@dataclass(frozen=True, slots=True)
class Assignment:
    ticket_id: UUID
    tracking_no: str
    subject: str
    assigned_by: str  # the supervisor's name (never their login)
    assigned_at: datetime  # naive UTC, the server's clock


_assigner = aliased(s.officer)
_MINE = (
    select(
        s.ticket.c.id,
        s.ticket.c.tracking_no,
        s.ticket.c.subject,
        _assigner.c.name,
        s.ticket.c.assigned_at,
    )
    .join(_assigner, _assigner.c.id == s.ticket.c.assigned_by)
    .where(s.ticket.c.assigned_at.is_not(None), s.ticket.c.status.not_in([x.value for x in CLOSED]))
)


def _assignment(row: Any) -> Assignment:
    ticket_id, tracking_no, subject, name, assigned_at = row
    return Assignment(UUID(str(ticket_id)), str(tracking_no), str(subject or ""), str(name), assigned_at)


def assigned_to_me_since(conn: Connection, mark: datetime | None) -> list[Assignment]:
    """Open reports assigned to me (held by me, not yet acted on) after ``mark`` (naive UTC; None: all),
    oldest first: what a notification tells once. Keep the newest ``assigned_at`` as the next mark."""
    query = _MINE.where(s.ticket.c.claimed_by == me(conn))
    if mark is not None:
        query = query.where(s.ticket.c.assigned_at > mark)
    return [_assignment(row) for row in conn.execute(query.order_by(s.ticket.c.assigned_at, s.ticket.c.id))]


def assignment_of(conn: Connection, ticket_id: UUID) -> Assignment | None:
    """Who assigned this ticket to me, while I hold it and have not acted on it yet; None otherwise."""
    row = conn.execute(_MINE.where(s.ticket.c.id == ticket_id, s.ticket.c.claimed_by == me(conn))).first()
    return None if row is None else _assignment(row)
