"""A ticket's service-level clocks as the officer sees them, computed from the cache alone.

The mirror holds each clock's running totals and the calendars and policies in force (``store/sla.py``);
the work still waiting in the outbox — a status change, an answer — moves the clocks here the way the
store will move them, at the moment it was made. So a countdown is right offline, and the officer who
verified a report on the road sees its response clock met at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import Connection, select

from ..cache import schema as s
from ..cache.state import get_state, server_time
from ..domain.clocks import ANSWERED, ClockName, clock_calendar, moved, on_status
from ..domain.operations import OpKind
from ..domain.sla import ClockState
from ..domain.status import Status
from ..domain.vocabulary import Kind, Priority
from ..store.sla import RuleTables, read_rules, record_from_row

CACHE_RULES = RuleTables(s.unit, s.calendar, s.calendar_day_off, s.sla_policy)


@dataclass(frozen=True, slots=True)
class ClockView:
    name: ClockName
    state: ClockState
    escalated: bool  # the breach was reported to the unit's supervisors
    offline_minutes: int  # of the minutes used, how many the work that stopped it waited offline


def ticket_clocks(conn: Connection, ticket_id: UUID, now: datetime | None = None) -> list[ClockView]:
    """The ticket's clocks in their natural order (response, follow-up, reporter's time, resolution)."""
    ticket = conn.execute(
        select(s.ticket.c.unit_id, s.ticket.c.kind, s.ticket.c.category, s.ticket.c.priority, s.ticket.c.status).where(
            s.ticket.c.id == ticket_id
        )
    ).first()
    if ticket is None:  # made here and not yet received by the store: no clock runs before receipt
        return []
    now = now or server_time(conn)
    rules = read_rules(conn, CACHE_RULES)
    unit_calendar = rules.calendar_for(ticket.unit_id)
    policy = rules.policy_for(ticket.unit_id, Kind(ticket.kind), ticket.category, Priority(int(ticket.priority)))
    rows = {
        ClockName(r.clock): r for r in conn.execute(select(s.sla_clock).where(s.sla_clock.c.ticket_id == ticket_id))
    }
    records = {name: record_from_row(row) for name, row in rows.items()}
    status = Status(ticket.status)
    offset = timedelta(seconds=float(get_state(conn, "clock_offset") or 0.0))
    pending = conn.execute(
        select(s.outbox.c.kind, s.outbox.c.payload, s.outbox.c.created_at)
        .where(
            s.outbox.c.ticket_id == ticket_id,
            s.outbox.c.state == "pending",
            s.outbox.c.kind.in_([OpKind.STATUS.value, OpKind.REPLY.value]),
        )
        .order_by(s.outbox.c.seq)
    )
    for op in pending:
        made_at = min(op.created_at + offset, now)
        if op.kind == OpKind.REPLY.value:
            changes = ANSWERED
        else:
            target = Status(json.loads(op.payload)["status"])
            changes, status = on_status(status, target), target
        records = moved(records, changes, policy, unit_calendar, made_at)
    return [
        ClockView(
            name=name,
            state=records[name].state(clock_calendar(name, unit_calendar), now),
            escalated=name in rows and rows[name].escalated_at is not None,
            offline_minutes=int(rows[name].offline_minutes) if name in rows else 0,
        )
        for name in ClockName
        if name in records
    ]
