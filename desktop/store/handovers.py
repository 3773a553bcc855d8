"""Hand-over items: work a colleague did under a claim they had lost (``apply.py``), or could not do on a
family member someone else holds (a bulk answer, ``linking.py``), kept for the holder, and resolved.

"Accepted" means the holder took the work over (they then reply, change the status or transfer under
their own claim); "dismissed" means it is not needed. Either way the item leaves the attention lists.
Only the officer it was handed to, or a supervisor of the ticket's unit, may resolve it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update
from uuid6 import uuid7

from ..domain.claims import handover_is_for
from ..domain.errors import NotFound, NotPermitted
from ..domain.vocabulary import Role
from .schema import handover_item, ticket
from .work import Work


def record_handover(
    work: Work,
    ticket_id: UUID,
    to_officer_id: int | None,
    op_id: UUID,
    kind: str,
    payload: dict[str, Any],
    reason: str,
    claim_token: int | None = None,
) -> UUID:
    """Keep work the acting officer could not do on a ticket someone else holds, for that holder (one item
    per ``op_id``; ``to_officer_id`` None: nobody holds it, the item is for the unit's officers); audited on
    the ticket. Returns the item's id."""
    assert work.actor is not None
    item_id = uuid7()
    work.conn.execute(
        insert(handover_item).values(
            id=item_id,
            ticket_id=ticket_id,
            from_officer_id=work.actor.id,
            to_officer_id=to_officer_id,
            op_id=op_id,
            kind=kind,
            payload=json.dumps(payload, ensure_ascii=False),
            change_seq=work.seq,
            created_at=work.now,
        )
    )
    work.audit("handover", ticket_id, claim_token, kind=kind, item_id=item_id, reason=reason)
    return item_id


@dataclass(frozen=True, slots=True)
class Resolution:
    item_id: UUID
    ticket_id: UUID
    accepted: bool
    resolved_at: datetime
    already: bool  # someone resolved it before: nothing changed


def resolve_handover(work: Work, item_id: UUID, accepted: bool) -> Resolution:
    actor = work.actor
    assert actor is not None
    item = work.conn.execute(
        select(handover_item, ticket.c.unit_id)
        .join(ticket, ticket.c.id == handover_item.c.ticket_id)
        .where(handover_item.c.id == item_id)
    ).first()
    if item is None or not (item.to_officer_id == actor.id or actor.may_see(item.unit_id)):
        raise NotFound(f"no hand-over item {item_id} that you may see")
    supervises = actor.officer.role in (Role.SUPERVISOR, Role.ADMIN) and actor.may_see(item.unit_id)
    if not (handover_is_for(item.to_officer_id, item.unit_id, actor.id, actor.unit_ids) or supervises):
        raise NotPermitted(
            "only the officer it was handed to (the unit's officers, when nobody held the ticket), "
            "or a supervisor of its unit, may resolve a hand-over"
        )
    # Conditional, so that two resolutions racing each other leave the first one's time.
    resolved = work.conn.execute(
        update(handover_item)
        .where(handover_item.c.id == item_id, handover_item.c.resolved_at.is_(None))
        .values(resolved_at=work.now, change_seq=work.seq)
    ).rowcount
    if not resolved:
        earlier = work.conn.execute(select(handover_item.c.resolved_at).where(handover_item.c.id == item_id))
        return Resolution(item_id, item.ticket_id, accepted, earlier.scalar_one(), already=True)
    work.audit(
        "resolve_handover",
        item.ticket_id,
        item_id=item_id,
        kind=item.kind,
        accepted=accepted,
        from_officer_id=item.from_officer_id,
    )
    return Resolution(item_id, item.ticket_id, accepted, work.now, already=False)
