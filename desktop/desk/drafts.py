"""Drafts of replies and notes, kept on this workstation while the officer types.

Each save is one small local transaction on the cache (WAL, synchronous=FULL), so a draft survives a
crash, a lost network and closing the window; it never leaves this computer.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, insert, select

from ..cache import schema as s
from ..cache.database import Cache
from ..domain.errors import BadInput

KINDS = ("reply", "note")


def _checked(kind: str) -> str:
    if kind not in KINDS:
        raise BadInput(f"unknown draft kind {kind!r}: use {' or '.join(KINDS)}")
    return kind


def save_draft(cache: Cache, ticket_id: UUID, kind: str, body: str) -> None:
    """Keep ``body`` as the draft; an empty or blank text removes it (nothing worth restoring)."""
    _checked(kind)
    if not body.strip():
        clear_draft(cache, ticket_id, kind)
        return
    with cache.write() as conn:
        conn.execute(
            insert(s.draft)
            .prefix_with("OR REPLACE")
            .values(ticket_id=ticket_id, kind=kind, body=body, updated_at=datetime.utcnow())
        )


def load_draft(cache: Cache, ticket_id: UUID, kind: str) -> str:
    """The saved draft, or "" when there is none."""
    _checked(kind)
    with cache.read() as conn:
        body = conn.execute(
            select(s.draft.c.body).where(s.draft.c.ticket_id == ticket_id, s.draft.c.kind == kind)
        ).scalar()
    return "" if body is None else str(body)


def clear_draft(cache: Cache, ticket_id: UUID, kind: str) -> None:
    _checked(kind)
    with cache.write() as conn:
        conn.execute(delete(s.draft).where(s.draft.c.ticket_id == ticket_id, s.draft.c.kind == kind))
