"""Creating tickets and reading them as the acting officer may see them."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError
from uuid6 import uuid7

from ..domain.entities import Ticket, TicketDetail
from ..domain.errors import BadInput, NotFound
from ..domain.status import CLOSED, Status
from ..domain.text import clean_body, clean_subject
from ..domain.vocabulary import Channel, Direction, Kind, Priority
from . import sla
from .claims import read_ticket
from .identity import Actor, unit_id_by_code
from .rows import (
    event_select,
    message_select,
    note_select,
    ticket_select,
    to_event,
    to_message,
    to_note,
    to_ticket,
)
from .schema import counter, event, mention, message, note, officer, reporter, reporter_contact, ticket
from .work import Work

TRACKING_PREFIX = "ADU"


@dataclass(frozen=True, slots=True)
class NewTicket:
    unit: str
    kind: Kind
    channel: Channel
    subject: str
    body: str
    priority: Priority = Priority.SEDANG
    category: str | None = None
    reporter_name: str | None = None
    reporter_contact: str | None = None
    anonymous: bool = False
    confidential: bool = False
    external_id: str | None = None
    ticket_id: UUID | None = None  # clients may choose it, so a ticket made offline keeps its id


def next_tracking_no(work: Work) -> str:
    """``ADU-2026-000123``: numbered per year of the server's clock, without gaps from races."""
    name = f"tracking:{TRACKING_PREFIX}-{work.now.year}"
    bumped = work.conn.execute(update(counter).where(counter.c.name == name).values(value=counter.c.value + 1)).rowcount
    if not bumped:
        try:
            with work.conn.begin_nested():
                work.conn.execute(insert(counter).values(name=name, value=1))
        except IntegrityError:  # another creator started the year first
            work.conn.execute(update(counter).where(counter.c.name == name).values(value=counter.c.value + 1))
    value = work.conn.execute(select(counter.c.value).where(counter.c.name == name)).scalar_one()
    return f"{TRACKING_PREFIX}-{work.now.year}-{int(value):06d}"


def create_ticket(work: Work, new: NewTicket) -> Ticket:
    subject = clean_subject(new.subject)
    body = clean_body(new.body, "message")
    if new.anonymous and new.reporter_name:
        raise BadInput("an anonymous report cannot carry the reporter's name")
    if new.external_id is not None:
        existing = work.conn.execute(
            select(message.c.ticket_id).where(
                message.c.channel == new.channel.value, message.c.external_id == new.external_id
            )
        ).scalar()
        if existing is not None:  # the same outside message arrived again: one ticket, not two
            return read_ticket(work, existing)
    unit_id = unit_id_by_code(work.conn, new.unit)
    if work.actor is not None and not work.actor.may_see(unit_id):
        raise BadInput(f"you may not create tickets in unit {new.unit!r}")
    ticket_id = new.ticket_id or uuid7()
    reporter_id = _store_reporter(work, new)
    work.conn.execute(
        insert(ticket).values(
            id=ticket_id,
            tracking_no=next_tracking_no(work),
            kind=new.kind.value,
            category=new.category,
            priority=int(new.priority),
            status=Status.DITERIMA.value,
            unit_id=unit_id,
            channel=new.channel.value,
            subject=subject,
            reporter_id=reporter_id,
            change_seq=work.seq,
            created_by=work.actor.id if work.actor else None,
            created_at=work.now,
            updated_at=work.now,
        )
    )
    work.conn.execute(
        insert(message).values(
            id=uuid7(),
            ticket_id=ticket_id,
            direction=Direction.INBOUND.value,
            channel=new.channel.value,
            external_id=new.external_id,
            body_text=body,
            change_seq=work.seq,
            created_at=work.now,
        )
    )
    sla.started(work, ticket_id)  # sets the due times from the unit's calendar and policy
    work.audit("create", ticket_id, channel=new.channel.value, unit=new.unit)
    return read_ticket(work, ticket_id)


def _store_reporter(work: Work, new: NewTicket) -> UUID | None:
    if not (new.reporter_name or new.reporter_contact or new.anonymous):
        return None
    if new.reporter_contact and not new.anonymous:
        known = work.conn.execute(
            select(reporter_contact.c.reporter_id).where(
                reporter_contact.c.channel == new.channel.value,
                reporter_contact.c.address == new.reporter_contact,
            )
        ).scalar()
        if known is not None:
            return UUID(str(known))
    reporter_id = uuid7()
    work.conn.execute(
        insert(reporter).values(
            id=reporter_id,
            name=new.reporter_name,
            anonymous=new.anonymous,
            confidential=new.confidential,
            created_at=work.now,
        )
    )
    if new.reporter_contact and not new.anonymous:
        work.conn.execute(
            insert(reporter_contact).values(
                reporter_id=reporter_id, channel=new.channel.value, address=new.reporter_contact
            )
        )
    return reporter_id


def list_tickets(
    conn: Connection,
    actor: Actor,
    status: Status | None = None,
    unit: str | None = None,
    mine: bool = False,
    limit: int = 50,
    open_only: bool = False,
) -> list[Ticket]:
    if limit < 1:
        raise BadInput("--limit must be at least 1")
    query = ticket_select().where(ticket.c.deleted_at.is_(None))
    if actor.visible_unit_ids is not None:
        query = query.where(ticket.c.unit_id.in_(sorted(actor.visible_unit_ids)))
    if status is not None:
        query = query.where(ticket.c.status == status.value)
    if unit is not None:
        query = query.where(ticket.c.unit_id == unit_id_by_code(conn, unit))
    if mine:
        query = query.where(ticket.c.claimed_by == actor.id)
    if open_only:
        query = query.where(ticket.c.status.not_in([s.value for s in CLOSED]))
    query = query.order_by(ticket.c.due_at.is_(None), ticket.c.due_at, ticket.c.id).limit(limit)
    return [to_ticket(row) for row in conn.execute(query)]


def ticket_detail(work: Work, ticket_id: UUID) -> TicketDetail:
    current = read_ticket(work, ticket_id)
    conn = work.conn
    messages = conn.execute(
        message_select().where(message.c.ticket_id == ticket_id).order_by(message.c.created_at, message.c.id)
    )
    note_rows = conn.execute(
        note_select().where(note.c.ticket_id == ticket_id).order_by(note.c.created_at, note.c.id)
    ).all()
    mentioned: dict[UUID, list[str]] = {}
    if note_rows:
        for note_id, login in conn.execute(
            select(mention.c.note_id, officer.c.login)
            .join(officer, officer.c.id == mention.c.officer_id)
            .where(mention.c.note_id.in_([r.id for r in note_rows]))
        ):
            mentioned.setdefault(note_id, []).append(login)
    events = conn.execute(event_select().where(event.c.ticket_id == ticket_id).order_by(event.c.id))
    return TicketDetail(
        ticket=current,
        messages=tuple(to_message(r) for r in messages),
        notes=tuple(to_note(r, tuple(sorted(mentioned.get(r.id, [])))) for r in note_rows),
        events=tuple(to_event(r) for r in events),
    )


def resolve_ticket_id(conn: Connection, reference: str) -> UUID:
    """A ticket named by its UUID or its tracking number."""
    reference = reference.strip()
    try:
        return UUID(reference)
    except ValueError:
        pass
    found = conn.execute(select(ticket.c.id).where(ticket.c.tracking_no == reference.upper())).scalar()
    if found is None:
        raise NotFound(f"no ticket {reference!r} (give a ticket id or a tracking number like ADU-2026-000123)")
    return UUID(str(found))
