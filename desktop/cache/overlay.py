"""The overlay: what the officer's pending operations show before the server has applied them, laid over the
mirror, and how a ticket is seen through it."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, delete, select

from ..domain.errors import NotFound
from ..domain.operations import OpKind
from ..domain.status import Status
from . import schema as s


@dataclass(frozen=True, slots=True)
class Seen:
    """A ticket as the officer sees it in the cache: the mirror with pending changes laid over it."""

    ticket_id: UUID
    tracking_no: str | None  # None until the server numbers a ticket created here
    status: Status
    unit_code: str
    holder_id: int | None
    token: int
    expires_at: datetime | None
    pending_claim: UUID | None  # the queued claim or steal that this officer's next ops depend on
    released: bool  # a release or transfer is queued


def resolve(conn: Connection, ref: str) -> UUID:
    """A ticket id or tracking number, from the mirror or the overlay."""
    try:
        ticket_id = UUID(ref)
    except ValueError:
        found = conn.execute(select(s.ticket.c.id).where(s.ticket.c.tracking_no == ref)).scalar()
        if found is None:
            # The number the officer typed or followed is named back to them (it is a reference, not personal data).
            raise NotFound(f"no ticket {ref!r} in the local cache", reference=ref[:40]) from None
        return UUID(str(found))
    known = conn.execute(select(s.ticket.c.id).where(s.ticket.c.id == ticket_id)).scalar()
    local = conn.execute(select(s.local_ticket.c.ticket_id).where(s.local_ticket.c.ticket_id == ticket_id)).scalar()
    if known is None and local is None:
        raise NotFound(f"no ticket {ref!r} in the local cache")
    return ticket_id


def seen(conn: Connection, ticket_id: UUID) -> Seen:
    row = conn.execute(
        select(s.ticket, s.unit.c.code)
        .outerjoin(s.unit, s.unit.c.id == s.ticket.c.unit_id)
        .where(s.ticket.c.id == ticket_id)
    ).first()
    local = conn.execute(select(s.local_ticket).where(s.local_ticket.c.ticket_id == ticket_id)).first()
    if row is None and (local is None or local.new_ticket is None):
        raise NotFound(f"no ticket {ticket_id} in the local cache")
    if row is not None:
        base = Seen(
            ticket_id=ticket_id,
            tracking_no=row.tracking_no,
            status=Status(row.status),
            unit_code=row.code,
            holder_id=row.claimed_by,
            token=int(row.claim_token),
            expires_at=row.claim_expires_at,
            pending_claim=None,
            released=False,
        )
    else:
        assert local is not None
        created = json.loads(local.new_ticket)
        base = Seen(ticket_id, None, Status.DITERIMA, created["unit"], None, 0, None, None, False)
    if local is None:
        return base
    claim_op = conn.execute(
        select(s.outbox.c.op_id)
        .where(
            s.outbox.c.ticket_id == ticket_id,
            s.outbox.c.state == "pending",
            s.outbox.c.kind.in_([OpKind.CLAIM.value, OpKind.STEAL.value]),
        )
        .order_by(s.outbox.c.seq.desc())
        .limit(1)
    ).scalar()
    return Seen(
        ticket_id=ticket_id,
        tracking_no=base.tracking_no,
        status=Status(local.status) if local.status else base.status,
        unit_code=local.unit_code or base.unit_code,
        # A queued assignment (Desk.assign) shows the ticket as the assignee's at once.
        holder_id=local.assigned_to if local.assigned_to is not None else base.holder_id,
        token=base.token,
        expires_at=base.expires_at,
        pending_claim=UUID(str(claim_op)) if local.claimed and claim_op is not None else None,
        released=local.claimed is False,
    )


def pending_properties(conn: Connection, ticket_ids: Collection[UUID] | None = None) -> dict[UUID, dict[str, Any]]:
    """The priority, kind and category changes still in the outbox, per ticket, the newest winning (a payload
    of ``OpKind.SET_PROPERTIES``); ``ticket_ids`` None: every ticket."""
    query = select(s.outbox.c.ticket_id, s.outbox.c.payload).where(
        s.outbox.c.kind == OpKind.SET_PROPERTIES.value, s.outbox.c.state == "pending"
    )
    if ticket_ids is not None:
        query = query.where(s.outbox.c.ticket_id.in_(list(ticket_ids)))
    found: dict[UUID, dict[str, Any]] = {}
    for ticket_id, payload in conn.execute(query.order_by(s.outbox.c.seq)):
        found.setdefault(UUID(str(ticket_id)), {}).update(json.loads(payload))
    return found


def retire_overlay(conn: Connection, op_id: UUID) -> None:
    """An operation is done (applied, rejected or handed over): what it showed goes."""
    for table in s.OVERLAY:
        conn.execute(delete(table).where(table.c.op_id == op_id))
