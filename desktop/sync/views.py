"""Reading the cache as the officer sees it: the mirror with pending work laid over it."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, or_, select

from ..domain.entities import Claim, Message, Note, Reporter, Ticket, TicketDetail
from ..domain.errors import NotFound
from ..domain.status import CLOSED, Status
from ..domain.vocabulary import Channel, Direction, Kind, Priority
from ..store.rows import to_ticket
from . import cache_schema as s
from .cache import me

QUEUED_TRACKING_NO = "(queued)"  # a ticket made here that the server has not numbered yet

_holder = s.officer.alias("holder")
_author = s.officer.alias("author")
_TICKETS = (
    select(s.ticket, s.unit.c.code.label("unit_code"), _holder.c.login.label("holder_login"))
    .outerjoin(s.unit, s.unit.c.id == s.ticket.c.unit_id)
    .outerjoin(_holder, _holder.c.id == s.ticket.c.claimed_by)
)


@dataclass(frozen=True, slots=True)
class CachedDetail:
    detail: TicketDetail
    queued: frozenset[UUID]  # messages and notes still in the outbox


def _my_login(conn: Connection) -> str | None:
    mine = me(conn)
    return conn.execute(select(s.officer.c.login).where(s.officer.c.id == mine)).scalar()


def _overlaid(conn: Connection, t: Ticket, local: Any) -> Ticket:
    if local is None:
        return t
    claim = t.claim
    if local.claimed is True:
        claim = Claim(_my_login(conn), None, t.claim.token, None)  # queued: the lease is the server's to give
    elif local.claimed is False:
        claim = Claim(None, None, t.claim.token, None)
    return replace(
        t, status=Status(local.status) if local.status else t.status, unit=local.unit_code or t.unit, claim=claim
    )


def _queued_ticket(conn: Connection, local: Any) -> Ticket:
    fields = json.loads(local.new_ticket)
    now = datetime.utcnow()  # noqa: DTZ003 - naive UTC like the mirror
    reporter = None
    if fields.get("reporter_name") or fields.get("anonymous"):
        reporter = Reporter(local.ticket_id, fields.get("reporter_name"), bool(fields.get("anonymous")), False)
    return Ticket(
        id=local.ticket_id,
        tracking_no=QUEUED_TRACKING_NO,
        kind=Kind(fields["kind"]),
        category=fields.get("category"),
        priority=Priority(int(fields["priority"])),
        status=Status.DITERIMA,
        unit=fields["unit"],
        channel=Channel(fields["channel"]),
        subject=fields["subject"],
        reporter=reporter,
        claim=Claim(None, None, 0, None),
        first_response_due_at=None,
        due_at=None,
        master_id=None,
        row_version=0,
        created_at=now,
        updated_at=now,
    )


def list_tickets(
    conn: Connection, status: Status | None = None, unit: str | None = None, mine: bool = False, limit: int = 50
) -> list[Ticket]:
    """Open tickets by deadline (like the central list), with tickets queued here first."""
    locals_ = {row.ticket_id: row for row in conn.execute(select(s.local_ticket))}
    found = [_queued_ticket(conn, row) for row in locals_.values() if row.new_ticket is not None]
    query = _TICKETS.order_by(s.ticket.c.due_at.is_(None), s.ticket.c.due_at, s.ticket.c.id)
    # The SQL narrows as far as the mirror knows; the overlay may move a ticket in or out, hence the
    # tickets with pending changes are always fetched and the filter is applied again below.
    pending = list(locals_)
    if status is None:
        query = query.where(or_(s.ticket.c.status.not_in([x.value for x in CLOSED]), s.ticket.c.id.in_(pending)))
    else:
        query = query.where(or_(s.ticket.c.status == status.value, s.ticket.c.id.in_(pending)))
    if mine:
        query = query.where(or_(s.ticket.c.claimed_by == me(conn), s.ticket.c.id.in_(pending)))
    if unit is not None:
        query = query.where(s.unit.c.code == unit)
    for row in conn.execute(query.limit(limit + len(locals_))):
        found.append(_overlaid(conn, to_ticket(row), locals_.get(row.id)))
    login = _my_login(conn)
    return [
        t
        for t in found
        if (t.status not in CLOSED if status is None else t.status is status)
        and (unit is None or t.unit == unit)
        and (not mine or (t.claim.holder is not None and t.claim.holder == login))
    ][:limit]


def ticket_detail(conn: Connection, ticket_id: UUID) -> CachedDetail:
    local = conn.execute(select(s.local_ticket).where(s.local_ticket.c.ticket_id == ticket_id)).first()
    row = conn.execute(_TICKETS.where(s.ticket.c.id == ticket_id)).first()
    if row is not None:
        ticket = _overlaid(conn, to_ticket(row), local)
    elif local is not None and local.new_ticket is not None:
        ticket = _queued_ticket(conn, local)
    else:
        raise NotFound(f"no ticket {ticket_id} in the local cache")
    login = _my_login(conn)
    messages = [
        Message(r.id, r.ticket_id, Direction(r.direction), Channel(r.channel), r.login, r.body_text, r.created_at)
        for r in conn.execute(
            select(s.message, _author.c.login)
            .outerjoin(_author, _author.c.id == s.message.c.author_id)
            .where(s.message.c.ticket_id == ticket_id)
            .order_by(s.message.c.created_at)
        )
    ]
    queued_messages = [
        Message(r.id, r.ticket_id, Direction.OUTBOUND, ticket.channel, login, r.body_text, r.created_at)
        for r in conn.execute(select(s.local_message).where(s.local_message.c.ticket_id == ticket_id))
    ]
    notes = [
        Note(r.id, r.ticket_id, r.login or "", r.body, (), bool(r.added_offline), r.created_at)
        for r in conn.execute(
            select(s.note, _author.c.login)
            .outerjoin(_author, _author.c.id == s.note.c.author_id)
            .where(s.note.c.ticket_id == ticket_id)
            .order_by(s.note.c.created_at)
        )
    ]
    queued_notes = [
        Note(r.id, r.ticket_id, login or "", r.body, (), True, r.created_at)
        for r in conn.execute(select(s.local_note).where(s.local_note.c.ticket_id == ticket_id))
    ]
    detail = TicketDetail(ticket, tuple(messages + queued_messages), tuple(notes + queued_notes), ())
    queued = frozenset(m.id for m in queued_messages) | frozenset(n.id for n in queued_notes)
    return CachedDetail(detail, queued)
