"""Closing a ticket: whether the citizen already has a final answer, as far as this computer knows.

A closing asks for the final answer to the reporter unless one was sent (or is queued here) after the
reporter's last message; otherwise it asks for the reason the ticket closes without one.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import Connection, func, select

from ..cache import schema as s
from ..cache.database import Cache
from ..domain.vocabulary import Direction


def answered_since_last_message(conn: Connection, ticket_id: UUID) -> bool:
    """An officer's answer went out (or waits in the outbox) after the reporter's last message. Automatic
    messages (an acknowledgement, a status self-service answer: no author) are no final answer."""
    m = s.message.c
    last_in = conn.execute(
        select(func.max(m.created_at)).where(m.ticket_id == ticket_id, m.direction == Direction.INBOUND.value)
    ).scalar()
    answers = select(m.id).where(
        m.ticket_id == ticket_id, m.direction == Direction.OUTBOUND.value, m.author_id.is_not(None)
    )
    if last_in is not None:
        answers = answers.where(m.created_at >= last_in)
    if conn.execute(answers.limit(1)).first() is not None:
        return True
    queued = select(s.local_message.c.id).where(s.local_message.c.ticket_id == ticket_id).limit(1)
    return conn.execute(queued).first() is not None


def has_final_answer(cache: Cache, ticket_id: UUID) -> bool:
    """For the window: ``answered_since_last_message`` in its own read."""
    with cache.read() as conn:
        return answered_since_last_message(conn, ticket_id)
