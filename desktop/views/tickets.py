"""Reading the cache as the officer sees it: the mirror with pending work laid over it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, or_, select

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.officer import me
from ..cache.overlay import pending_properties, seen
from ..cache.state import server_time
from ..domain.entities import Claim, Message, Note, Reporter, Ticket, TicketDetail
from ..domain.errors import NotFound
from ..domain.operations import OpKind, OutcomeState
from ..domain.status import CLOSED, Status
from ..domain.vocabulary import Channel, Direction, Kind, Priority, Role
from ..store.rows import to_ticket
from .assignments import assignment_of
from .canned import TicketCanned, canned_for_ticket
from .deadlines import ClockView, ticket_clocks

QUEUED_TRACKING_NO = "(queued)"  # a ticket made here that the server has not numbered yet

_holder = s.officer.alias("holder")
_author = s.officer.alias("author")
_TICKETS = (
    select(s.ticket, s.unit.c.code.label("unit_code"), _holder.c.login.label("holder_login"))
    .outerjoin(s.unit, s.unit.c.id == s.ticket.c.unit_id)
    .outerjoin(_holder, _holder.c.id == s.ticket.c.claimed_by)
)


class ReplyState(StrEnum):
    QUEUED = "queued"  # still in this workstation's outbox
    ACCEPTED = "accepted"  # accepted by the central store, not pulled back yet
    WAITING = "waiting"  # in the central outbox: the worker sends it through the citizen's channel
    SENT = "sent"  # the channel accepted it: on its way to the citizen
    FAILED = "failed"  # the channel refused it; an admin may send it again once the cause is fixed
    IN_DOUBT = "in_doubt"  # it may or may not have reached the citizen; an admin checks
    RECORDED = "recorded"  # a channel Aduan does not send through (phone, desk, letter, LAPOR!)
    REJECTED = "rejected"  # refused by the central store; nothing reached the citizen
    HANDED_OVER = "handed_over"  # the claim was lost: it became a hand-over item for the current holder


# message.delivery (store/outbox.py) as the officer reads it; None: an answer from before there was one.
_DELIVERY = {
    "queued": ReplyState.WAITING,
    "sending": ReplyState.WAITING,
    "sent": ReplyState.SENT,
    "failed": ReplyState.FAILED,
    "in_doubt": ReplyState.IN_DOUBT,
    "recorded": ReplyState.RECORDED,
}


@dataclass(frozen=True, slots=True)
class OutboxReply:
    """A reply of mine known only from the outbox: turned down (its overlay row is gone, the text comes
    from the operation), or accepted but not pulled yet."""

    message: Message
    state: ReplyState
    code: str | None  # why it was turned down: an error code of ``domain/errors.py``
    reason: str | None  # the store's (English) explanation, for the details


@dataclass(frozen=True, slots=True)
class CachedAttachment:
    id: UUID
    message_id: UUID | None
    note_id: UUID | None
    filename: str
    content_type: str
    size: int
    sha256: str
    risky: bool  # a type that can run code when opened (executables, macros): the officer is warned
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CachedHandover:
    id: UUID
    kind: str  # the operation kind that was handed over: reply, status, transfer
    from_login: str | None
    to_login: str | None
    payload: dict[str, Any]
    created_at: datetime
    resolved_at: datetime | None


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """What the claim banner says: the server's holder as last pulled, and my pending claim work."""

    holder_login: str | None
    holder_name: str | None
    expires_at: datetime | None
    token: int
    live: bool  # the holder's lease has not run out by the central clock's estimate
    pending_claim: bool  # my claim or take-over is queued
    pending_release: bool  # my release or transfer is queued
    mine: bool  # I may act as the holder (the desk accepts replies, status changes, transfers)
    assigned_by: str | None = None  # the supervisor's name, while a report assigned to me awaits my first act


@dataclass(frozen=True, slots=True)
class CachedDetail:
    detail: TicketDetail
    queued: frozenset[UUID]  # messages and notes still in the outbox
    reply_states: Mapping[UUID, ReplyState]  # every outbound message of the thread, outbox replies included
    outbox_replies: tuple[OutboxReply, ...]
    html: Mapping[UUID, str]  # a message's HTML as received (unsanitized: the view cleans it)
    attachments: tuple[CachedAttachment, ...]
    handovers: tuple[CachedHandover, ...]
    claim: ClaimFacts
    unit_name: str | None
    my_login: str | None
    my_role: Role | None
    server_now: datetime
    clocks: tuple[ClockView, ...] = ()  # the service-level clocks, as they stand offline too
    names: Mapping[str, str] = field(default_factory=dict)  # officers' names by login: threads show names


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
    if local.assigned_to is not None:  # a queued assignment: the assignee's, the lease the server's to give
        assignee = conn.execute(select(s.officer.c.login).where(s.officer.c.id == local.assigned_to)).scalar()
        claim = Claim(assignee, None, t.claim.token, None)
    return replace(
        t, status=Status(local.status) if local.status else t.status, unit=local.unit_code or t.unit, claim=claim
    )


def with_pending_properties(t: Ticket, pending: Mapping[str, Any] | None) -> Ticket:
    """The ticket with its queued priority, kind and category changes (``overlay.pending_properties``)."""
    if not pending:
        return t
    return replace(
        t,
        priority=Priority(int(pending["priority"])) if "priority" in pending else t.priority,
        kind=Kind(pending["kind"]) if "kind" in pending else t.kind,
        category=(pending["category"] or None) if "category" in pending else t.category,
    )


def _queued_ticket(conn: Connection, local: Any) -> Ticket:
    fields = json.loads(local.new_ticket)
    now = datetime.utcnow()  # naive UTC like the mirror
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
    """Open tickets by deadline (like the central list), with tickets queued here first. An unknown unit is
    NotFound, as on the central list (the cache mirrors the whole directory of units)."""
    if unit is not None and conn.execute(select(s.unit.c.id).where(s.unit.c.code == unit)).first() is None:
        raise NotFound(f"no unit with code {unit!r}")
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
    properties = pending_properties(conn)
    for row in conn.execute(query.limit(limit + len(locals_))):
        overlaid = _overlaid(conn, to_ticket(row), locals_.get(row.id))
        found.append(with_pending_properties(overlaid, properties.get(row.id)))
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
    ticket = with_pending_properties(ticket, pending_properties(conn, [ticket_id]).get(ticket_id))
    login = _my_login(conn)
    pulled = conn.execute(
        select(s.message, _author.c.login)
        .outerjoin(_author, _author.c.id == s.message.c.author_id)
        .where(s.message.c.ticket_id == ticket_id)
        .order_by(s.message.c.created_at)
    ).all()
    messages = [
        Message(r.id, r.ticket_id, Direction(r.direction), Channel(r.channel), r.login, r.body_text, r.created_at)
        for r in pulled
    ]
    delivery = {r.id: _DELIVERY.get(r.delivery or "", ReplyState.ACCEPTED) for r in pulled}
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
    outbox_replies = _outbox_replies(conn, ticket, login, {m.id for m in messages})
    states = {m.id: ReplyState.QUEUED if m.id in queued else delivery[m.id] for m in detail.messages}
    states.update({r.message.id: r.state for r in outbox_replies})
    html = {
        r.id: r.body_html
        for r in conn.execute(
            select(s.message.c.id, s.message.c.body_html).where(
                s.message.c.ticket_id == ticket_id, s.message.c.body_html.is_not(None)
            )
        )
    }
    mine = me(conn)
    role = conn.execute(select(s.officer.c.role).where(s.officer.c.id == mine)).scalar()
    unit_name = conn.execute(select(s.unit.c.name).where(s.unit.c.code == ticket.unit)).scalar()
    return CachedDetail(
        detail=detail,
        queued=queued,
        reply_states=states,
        outbox_replies=outbox_replies,
        html=html,
        attachments=_attachments(conn, ticket_id),
        handovers=_handovers(conn, ticket_id),
        claim=claim_facts(conn, ticket_id),
        unit_name=unit_name,
        my_login=login,
        my_role=Role(role) if role else None,
        server_now=server_time(conn),
        clocks=tuple(ticket_clocks(conn, ticket_id)),
        names=officer_names(conn),
    )


def officer_names(conn: Connection) -> dict[str, str]:
    """Every officer the cache knows, login → name: a few hundred rows at most, read with the ticket."""
    return {login: name for login, name in conn.execute(select(s.officer.c.login, s.officer.c.name)) if name}


_TURNED_DOWN = {
    OutcomeState.REJECTED.value: ReplyState.REJECTED,
    OutcomeState.HANDED_OVER.value: ReplyState.HANDED_OVER,
}


def _outbox_replies(conn: Connection, ticket: Ticket, login: str | None, pulled: set[UUID]) -> tuple[OutboxReply, ...]:
    found = []
    rows = conn.execute(
        select(s.outbox)
        .where(
            s.outbox.c.ticket_id == ticket.id,
            s.outbox.c.kind == OpKind.REPLY.value,
            s.outbox.c.state.in_([*_TURNED_DOWN, OutcomeState.APPLIED.value]),
        )
        .order_by(s.outbox.c.seq)
    )
    for row in rows:
        payload = json.loads(row.payload)
        message_id = UUID(payload["message_id"]) if payload.get("message_id") else UUID(str(row.op_id))
        if row.state == OutcomeState.APPLIED.value and message_id in pulled:
            continue  # the mirror has it: shown with its delivery from there
        outcome = json.loads(row.outcome) if row.outcome else {}
        message = Message(
            message_id, ticket.id, Direction.OUTBOUND, ticket.channel, login, payload.get("text", ""), row.created_at
        )
        state = _TURNED_DOWN.get(row.state, ReplyState.ACCEPTED)
        found.append(OutboxReply(message, state, outcome.get("code"), outcome.get("message")))
    return tuple(found)


def _attachments(conn: Connection, ticket_id: UUID) -> tuple[CachedAttachment, ...]:
    a = s.attachment.c
    return tuple(
        CachedAttachment(
            r.id,
            r.message_id,
            r.note_id,
            r.filename,
            r.content_type,
            int(r.size),
            r.sha256,
            bool(r.risky),
            r.created_at,
        )
        for r in conn.execute(select(s.attachment).where(a.ticket_id == ticket_id).order_by(a.created_at, a.filename))
    )


def _handovers(conn: Connection, ticket_id: UUID) -> tuple[CachedHandover, ...]:
    giver, taker = s.officer.alias("giver"), s.officer.alias("taker")
    h = s.handover_item.c
    rows = conn.execute(
        select(s.handover_item, giver.c.login.label("from_login"), taker.c.login.label("to_login"))
        .outerjoin(giver, giver.c.id == h.from_officer_id)
        .outerjoin(taker, taker.c.id == h.to_officer_id)
        .where(h.ticket_id == ticket_id)
        .order_by(h.created_at)
    )
    return tuple(
        CachedHandover(r.id, r.kind, r.from_login, r.to_login, json.loads(r.payload), r.created_at, r.resolved_at)
        for r in rows
    )


def claim_facts(conn: Connection, ticket_id: UUID) -> ClaimFacts:
    view = seen(conn, ticket_id)
    holder = None
    if view.holder_id is not None:
        holder = conn.execute(
            select(s.officer.c.login, s.officer.c.name).where(s.officer.c.id == view.holder_id)
        ).first()
    mine = not view.released and (
        view.pending_claim is not None or (view.holder_id is not None and view.holder_id == me(conn))
    )
    return ClaimFacts(
        holder_login=holder.login if holder is not None else None,
        holder_name=holder.name if holder is not None else None,
        expires_at=view.expires_at,
        token=view.token,
        live=view.holder_id is not None and view.expires_at is not None and view.expires_at > server_time(conn),
        pending_claim=view.pending_claim is not None,
        pending_release=view.released,
        mine=mine,
        assigned_by=_assigned_by(conn, ticket_id) if mine and view.pending_claim is None else None,
    )


def _assigned_by(conn: Connection, ticket_id: UUID) -> str | None:
    """Who assigned the report I hold, until I act on it (anything queued but a renewal is acting)."""
    acted = conn.execute(
        select(s.outbox.c.op_id).where(
            s.outbox.c.ticket_id == ticket_id, s.outbox.c.state == "pending", s.outbox.c.kind != OpKind.RENEW.value
        )
    ).first()
    if acted is not None:
        return None
    assigned = assignment_of(conn, ticket_id)
    return None if assigned is None else assigned.assigned_by


def unit_choices(conn: Connection) -> list[tuple[str, str]]:
    """Every unit as (code, name), for choosing where to transfer a ticket."""
    return [(r.code, r.name) for r in conn.execute(select(s.unit.c.code, s.unit.c.name).order_by(s.unit.c.code))]


def colleague_logins(conn: Connection) -> list[str]:
    """Logins of the active officers other than me, for @mentions."""
    query = select(s.officer.c.login).where(s.officer.c.active.is_(True), s.officer.c.id != (me(conn) or -1))
    return sorted(str(login) for login in conn.execute(query).scalars())


# -- what the ticket view reads, each in a read of its own on the cache thread ------------------------------


@dataclass(frozen=True, slots=True)
class LoadedTicket:
    """Everything the ticket view shows of one ticket, read together."""

    cached: CachedDetail
    canned: TicketCanned
    logins: list[str]  # whom a note may @mention


def load_ticket(cache: Cache, ticket_id: UUID) -> LoadedTicket:
    with cache.read() as conn:
        return LoadedTicket(ticket_detail(conn, ticket_id), canned_for_ticket(conn, ticket_id), colleague_logins(conn))


def load_unit_choices(cache: Cache) -> list[tuple[str, str]]:
    with cache.read() as conn:
        return unit_choices(conn)
