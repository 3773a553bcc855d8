"""A ticket's service-level clocks as the officer sees them, computed from the cache alone.

The mirror holds each clock's running totals and the calendars and policies in force (``store/sla.py``);
the work still waiting in the outbox — a status change, an answer — moves the clocks here the way the
store will move them, at the moment it was made. So a countdown is right offline, and the officer who
verified a report on the road sees its response clock met at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from enum import IntEnum
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


# -- urgency at a glance: the inbox's badge ---------------------------------------------------------------

# "Due soon" is the next 24 hours (a clock reading, not working time): a report due tomorrow morning is
# flagged this afternoon, whatever the calendar says about tonight. The "Due soon / overdue" view uses it too.
DUE_SOON = timedelta(hours=24)


class Urgency(IntEnum):
    """A ticket's deadline in one word, most urgent first (the inbox's default order follows it)."""

    OVERDUE = 0
    DUE_TODAY = 1  # before the end of the officer's calendar day
    DUE_SOON = 2  # within DUE_SOON, but not today
    ON_TIME = 3
    NONE = 4  # no deadline, or the report is finished


def urgency(due_at: datetime | None, status: Status, now: datetime, today_ends: datetime) -> Urgency:
    """The badge of a ticket due at ``due_at`` (naive UTC, like ``now`` and ``today_ends``).

    The states only ever follow the deadline's order (``today_ends`` is never more than a day from ``now``),
    so ordering open tickets by ``due_at`` is ordering them by urgency: the inbox walks an index for it.
    """
    if due_at is None or status.is_closed:
        return Urgency.NONE
    if due_at <= now:
        return Urgency.OVERDUE
    if due_at < today_ends:
        return Urgency.DUE_TODAY
    if due_at <= now + DUE_SOON:
        return Urgency.DUE_SOON
    return Urgency.ON_TIME


def end_of_local_day(now: datetime, zone: tzinfo | None = None) -> datetime:
    """The end of ``now``'s calendar day on this workstation (or in ``zone``), as naive UTC."""
    here = now.replace(tzinfo=UTC).astimezone(zone)
    midnight = datetime.combine(here.date() + timedelta(days=1), time(), here.tzinfo)
    return midnight.astimezone(UTC).replace(tzinfo=None)
