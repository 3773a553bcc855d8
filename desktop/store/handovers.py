"""Resolving a hand-over item: work a colleague did offline under a claim they had lost (``apply.py``).

"Accepted" means the holder took the work over (they then reply, change the status or transfer under
their own claim); "dismissed" means it is not needed. Either way the item leaves the attention lists.
Only the officer it was handed to, or a supervisor of the ticket's unit, may resolve it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import select, update

from ..domain.errors import NotFound, NotPermitted
from ..domain.vocabulary import Role
from .schema import handover_item, ticket
from .work import Work


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
    if item.to_officer_id != actor.id and not supervises:
        raise NotPermitted("only the officer it was handed to, or a supervisor of its unit, may resolve a hand-over")
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
