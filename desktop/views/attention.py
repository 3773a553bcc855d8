"""What needs the officer's attention: operations the server refused or handed over, work handed over to
them by a colleague whose claim ran out while offline, deadlines breached and escalated (on tickets
they hold; for supervisors and admins, on every open ticket they see), and the reports of theirs that are
overdue or due today (``deadlines.Urgency``): those they hold and their units' that nobody holds (a
supervisor: every open one of their units), most urgent first, at most ``DEADLINE_LIMIT`` of them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, and_, literal_column, or_, select
from sqlalchemy.sql.elements import ColumnElement

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.officer import me, my_unit_ids, role_of
from ..cache.outbox import ops_needing_attention
from ..cache.state import server_time
from ..domain.claims import handover_is_for
from ..domain.operations import OpKind
from ..domain.status import CLOSED, Status
from ..domain.vocabulary import Role
from .deadlines import Urgency, end_of_local_day, urgency

DEADLINE_LIMIT = 100  # beyond these, the "Due soon / overdue" view lists them all


class AttentionKind(StrEnum):
    REJECTED = "rejected"  # my operation was refused: nothing happened
    HANDED_OVER = "handed_over"  # my operation went to the ticket's new holder as a hand-over
    FOR_ME = "for_me"  # a colleague's lost work, handed over to me (I hold the ticket now)
    ESCALATED = "escalated"  # a deadline was breached and the supervisors told; gone once it is met
    DEADLINE = "deadline"  # my or my unit's report is overdue or due today; gone once finished or moved on


@dataclass(frozen=True, slots=True)
class AttentionItem:
    kind: AttentionKind
    ref: UUID  # the outbox op id (REJECTED, HANDED_OVER) or the hand-over item id (FOR_ME)
    ticket_id: UUID | None
    tracking_no: str | None
    subject: str | None
    op_kind: OpKind | None  # None for an escalation
    payload: dict[str, Any]  # an escalation's: {"clock": name}
    code: str | None  # why the server refused (an error code) or handed over
    detail: str | None
    other_officer: str | None  # FOR_ME: who handed it over
    created_at: datetime  # a DEADLINE item's: the deadline
    urgency: Urgency | None = None  # a DEADLINE item's badge


def attention_items(
    conn: Connection, now: datetime | None = None, today_ends: datetime | None = None
) -> list[AttentionItem]:
    """Newest first, then the deadlines, most urgent first. A hand-over whose resolution is already queued no
    longer shows. ``now`` (naive UTC; the server's clock as last read) and the end of the officer's day may
    be given (tests); by default they are read."""
    items = [*_my_refused_ops(conn), *handed_to_me(conn), *_escalated(conn)]
    now = now or server_time(conn)
    escalated = {item.ticket_id for item in items if item.kind is AttentionKind.ESCALATED}
    due = [item for item in _due(conn, now, today_ends or end_of_local_day(now)) if item.ticket_id not in escalated]
    return [*sorted(items, key=lambda item: item.created_at, reverse=True), *due]


def load_attention_items(cache: Cache) -> list[AttentionItem]:
    with cache.read() as conn:
        return attention_items(conn)


def _my_refused_ops(conn: Connection) -> list[AttentionItem]:
    rows = ops_needing_attention(conn)
    tickets = {
        row.id: row
        for row in conn.execute(
            select(s.ticket.c.id, s.ticket.c.tracking_no, s.ticket.c.subject).where(
                s.ticket.c.id.in_({row.ticket_id for row in rows if row.ticket_id is not None})
            )
        )
    }
    found = []
    for row in rows:
        outcome = json.loads(row.outcome) if row.outcome else {}
        ticket = tickets.get(row.ticket_id)
        found.append(
            AttentionItem(
                kind=AttentionKind(row.state),
                ref=UUID(str(row.op_id)),
                ticket_id=None if row.ticket_id is None else UUID(str(row.ticket_id)),
                tracking_no=ticket.tracking_no if ticket is not None else None,
                subject=ticket.subject if ticket is not None else None,
                op_kind=OpKind(row.kind),
                payload=json.loads(row.payload),
                code=outcome.get("code"),
                detail=outcome.get("message"),
                other_officer=None,
                created_at=row.finished_at or row.created_at,
            )
        )
    return found


def handed_to_me(conn: Connection) -> list[AttentionItem]:
    resolving = {
        str(json.loads(payload).get("item_id"))
        for payload in conn.execute(
            select(s.outbox.c.payload).where(
                s.outbox.c.kind == OpKind.RESOLVE_HANDOVER.value, s.outbox.c.state == "pending"
            )
        ).scalars()
    }
    sender = s.officer.alias("sender")
    rows = conn.execute(
        select(
            s.handover_item,
            s.ticket.c.tracking_no,
            s.ticket.c.subject,
            s.ticket.c.unit_id,
            sender.c.name.label("sender_name"),
        )
        .outerjoin(s.ticket, s.ticket.c.id == s.handover_item.c.ticket_id)
        .outerjoin(sender, sender.c.id == s.handover_item.c.from_officer_id)
        .where(s.handover_item.c.resolved_at.is_(None))
    )
    mine, units = me(conn), my_unit_ids(conn)
    return [
        AttentionItem(
            kind=AttentionKind.FOR_ME,
            ref=UUID(str(row.id)),
            ticket_id=UUID(str(row.ticket_id)),
            tracking_no=row.tracking_no,
            subject=row.subject,
            op_kind=OpKind(row.kind),
            payload=json.loads(row.payload),
            code=None,
            detail=None,
            other_officer=row.sender_name,
            created_at=row.created_at,
        )
        for row in rows
        if str(row.id) not in resolving
        and mine is not None
        and row.unit_id is not None
        and handover_is_for(row.to_officer_id, row.unit_id, mine, units)
    ]


def _escalated(conn: Connection) -> list[AttentionItem]:
    mine = me(conn)
    role = conn.execute(select(s.officer.c.role).where(s.officer.c.id == mine)).scalar()
    t, clock = s.ticket, s.sla_clock
    query = (
        select(clock.c.ticket_id, clock.c.clock, clock.c.escalated_at, t.c.tracking_no, t.c.subject, t.c.status)
        .join(t, t.c.id == clock.c.ticket_id)
        .where(clock.c.escalated_at.is_not(None), clock.c.running_since.is_not(None))
    )
    if role not in (Role.SUPERVISOR.value, Role.ADMIN.value):
        query = query.where(t.c.claimed_by == mine)
    return [
        _about_ticket(AttentionKind.ESCALATED, row.ticket_id, row.tracking_no, row.subject, row.escalated_at, row.clock)
        for row in conn.execute(query)
        if not Status(row.status).is_closed
    ]


def _about_ticket(
    kind: AttentionKind,
    ticket_id: Any,
    tracking_no: str | None,
    subject: str | None,
    at: datetime,
    clock: str | None = None,
    badge: Urgency | None = None,
) -> AttentionItem:
    """An item about a ticket itself (a deadline), not about an operation."""
    return AttentionItem(
        kind=kind,
        ref=UUID(str(ticket_id)),
        ticket_id=UUID(str(ticket_id)),
        tracking_no=tracking_no,
        subject=subject,
        op_kind=None,
        payload={"clock": clock} if clock is not None else {},
        code=None,
        detail=None,
        other_officer=None,
        created_at=at,
        urgency=badge,
    )


def _due(conn: Connection, now: datetime, today_ends: datetime) -> list[AttentionItem]:
    """My and my units' open reports overdue or due today, oldest deadline first: a walk of the open
    tickets' deadline index (its WHERE word for word) that stops at the end of today."""
    mine, units = me(conn), sorted(my_unit_ids(conn))
    if mine is None:
        return []
    t = s.ticket.c
    # `+ 0` keeps the holder and unit indexes out of the plan (SQLite's unary +): with them SQLite read every
    # ticket of the officer's units and sorted them, 0.4 s on a 1,000,000-ticket cache at every sync.
    holder, unit = t.claimed_by + 0, t.unit_id + 0
    in_my_units: ColumnElement[bool] = unit.in_(units)
    if role_of(conn, mine) not in (Role.SUPERVISOR, Role.ADMIN):
        in_my_units = and_(in_my_units, or_(t.claimed_by.is_(None), t.claim_expires_at < now))
    closing = select(s.local_ticket.c.ticket_id).where(s.local_ticket.c.status.in_(sorted(x.value for x in CLOSED)))
    rows = conn.execute(
        select(t.id, t.tracking_no, t.subject, t.status, t.due_at)
        .where(
            literal_column(f"ticket.{s.OPEN_CONDITION}"),  # word for word the open tickets' index's WHERE
            t.due_at < today_ends,
            or_(holder == mine, in_my_units),
            t.id.not_in(closing),  # finished here, not yet sent: nothing left to chase
        )
        .order_by(t.due_at)
        .limit(DEADLINE_LIMIT)
    )
    return [
        _about_ticket(
            AttentionKind.DEADLINE,
            row.id,
            row.tracking_no,
            row.subject,
            row.due_at,
            badge=urgency(row.due_at, Status(row.status), now, today_ends),
        )
        for row in rows
    ]
