"""Creating tickets and reading them as the acting officer may see them."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Connection, Select, bindparam, exists, insert, select, true
from sqlalchemy.exc import IntegrityError
from uuid6 import uuid7

from ..domain.bounds import LIST_LIMIT, check_range
from ..domain.entities import Ticket, TicketDetail
from ..domain.errors import BadInput, NotFound
from ..domain.status import CLOSED, Status
from ..domain.text import check_length, clean_body, clean_name, clean_subject
from ..domain.vocabulary import Channel, Direction, Kind, Priority
from . import changes, sla
from .claims import read_ticket
from .confidentiality import content_visible, viewer
from .feed import ticket_scope
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
    return _tracking_no(work, _take_serials(work, 1))


def _take_serials(work: Work, count: int) -> int:
    """Move the year's counter on by ``count``: the last serial taken."""
    name = _tracking_counter(work)
    value = changes.bump(work.conn, name, count)
    if value is None:  # the year's first report
        try:
            with work.conn.begin_nested():
                work.conn.execute(insert(counter).values(name=name, value=count))
            value = count
        except IntegrityError:  # another creator started the year first
            value = changes.bump(work.conn, name, count)
    if value is None:
        raise LookupError(f"the tracking-number counter {name!r} was neither there nor created")
    return value


def _tracking_counter(work: Work) -> str:
    return f"tracking:{TRACKING_PREFIX}-{work.now.year}"


def _tracking_no(work: Work, serial: int) -> str:
    return f"{TRACKING_PREFIX}-{work.now.year}-{serial:06d}"


@dataclass
class TrackingBlock:
    """Tracking numbers for an intake batch, taken ``size`` at a time (as many as the batch has messages: each
    starts one report at most) in one move of the year's counter; ``give_back`` returns the ones not used. No
    gap, no race: the transaction holds the counter's row from its first move to its commit (a row lock; on
    SQLite the database's), so nobody takes a number in between, and a rollback takes the moves back."""

    size: int
    _next: int = 1
    _last: int = 0  # the last serial taken; none is left when _next is past it

    def take(self, work: Work) -> str:
        if self._next > self._last:
            self._last = _take_serials(work, self.size)
            self._next = self._last - self.size + 1
        self._next += 1
        return _tracking_no(work, self._next - 1)

    def give_back(self, work: Work) -> None:
        unused = self._last - self._next + 1
        if unused <= 0:
            return
        back = changes.bump(work.conn, _tracking_counter(work), -unused)
        if back != self._next - 1:  # the row lock makes this impossible; a wrong number must never be used
            raise LookupError(f"the tracking-number counter is at {back}, not {self._next - 1}, after giving back")
        self._last = self._next - 1


def checked_report(new: NewTicket) -> NewTicket:
    """The report with its one-line fields cleaned (invisible characters stripped) and every length checked
    before any SQL: an over-long field is refused by name, never sent to the database."""
    return replace(
        new,
        subject=clean_subject(new.subject),
        category=clean_name("category", new.category),
        reporter_name=clean_name("reporter name", new.reporter_name),
        reporter_contact=clean_name("contact", new.reporter_contact),
        external_id=None if new.external_id is None else check_length("external id", new.external_id),
    )


def create_ticket(work: Work, new: NewTicket) -> Ticket:
    new = checked_report(new)
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
    created = insert_ticket(work, new, body)
    return read_ticket(work, created.id)


_INSERT_TICKET = insert(ticket)
INSERT_MESSAGE = insert(message)
_INSERT_REPORTER = insert(reporter)
_INSERT_CONTACT = insert(reporter_contact)


@dataclass(frozen=True, slots=True)
class CreatedTicket:
    id: UUID
    tracking_no: str
    message_id: UUID  # its first message


def insert_ticket(
    work: Work,
    new: NewTicket,
    body: str,
    body_html: str | None = None,
    account_id: int | None = None,
    external_ref: str | None = None,
    reporters: ContactReporters | None = None,
    numbers: TrackingBlock | None = None,
) -> CreatedTicket:
    """The rows of a new ticket (``new`` checked, ``body`` cleaned), nothing read back: intake stores
    thousands in a row and knows what it wrote. An intake batch lends the reporters of its contacts and its
    block of tracking numbers."""
    unit_id = _unit_id(work, new.unit)
    if work.actor is not None and not work.actor.may_see(unit_id):
        raise BadInput(f"you may not create tickets in unit {new.unit!r}")
    ticket_id = new.ticket_id or uuid7()
    reporter_id = _store_reporter(work, new, reporters)
    # The clocks are worked out first, so the ticket is inserted with its due times from the unit's calendar
    # and policy.
    clocks = sla.opening(work, sla.TicketFacts(unit_id, new.kind, new.category, new.priority))
    tracking_no = next_tracking_no(work) if numbers is None else numbers.take(work)
    # Statements built once, values as parameters: building one with its values costs more than sending it.
    work.insert(
        _INSERT_TICKET,
        {
            "id": ticket_id,
            "tracking_no": tracking_no,
            "kind": new.kind.value,
            "category": new.category,
            "priority": int(new.priority),
            "status": Status.DITERIMA.value,
            "unit_id": unit_id,
            "channel": new.channel.value,
            "subject": new.subject,
            "reporter_id": reporter_id,
            "external_ref": external_ref,
            "first_response_due_at": clocks.first_response_due_at,
            "due_at": clocks.due_at,
            "change_seq": work.seq,
            "created_by": work.actor.id if work.actor else None,
            "created_at": work.now,
            "updated_at": work.now,
        },
    )
    message_id = uuid7()
    work.insert(
        INSERT_MESSAGE,
        {
            "id": message_id,
            "ticket_id": ticket_id,
            "direction": Direction.INBOUND.value,
            "channel": new.channel.value,
            "external_id": new.external_id,
            "body_text": body,
            "body_html": body_html,
            "account_id": account_id,
            "change_seq": work.seq,
            "created_at": work.now,
        },
    )
    sla.insert_opening(work, ticket_id, clocks)
    work.audit("create", ticket_id, channel=new.channel.value, unit=new.unit)
    return CreatedTicket(ticket_id, tracking_no, message_id)


def _unit_id(work: Work, code: str) -> int:
    """The unit's id, read once per transaction (a worker's batch files hundreds of reports in one unit)."""
    known: dict[str, int] = work.memo.setdefault("unit_ids", {})
    if code not in known:
        known[code] = unit_id_by_code(work.conn, code)
    return known[code]


def _store_reporter(work: Work, new: NewTicket, reporters: ContactReporters | None) -> UUID | None:
    if not (new.reporter_name or new.reporter_contact or new.anonymous):
        return None
    # A contact typed into the web form is not proven: it must not tie the report to whoever wrote from that
    # address before (their name, their confidentiality), so each form's reporter is its own.
    contact_known = bool(new.reporter_contact) and not new.anonymous and new.channel is not Channel.WEB
    key = (new.channel.value, new.reporter_contact or "")
    if contact_known:
        known = _reporter_of_contact(work, key, reporters)
        if known is not None:
            return known
    reporter_id = uuid7()
    work.insert(
        _INSERT_REPORTER,
        {
            "id": reporter_id,
            "name": new.reporter_name,
            "anonymous": new.anonymous,
            "confidential": new.confidential,
            "created_at": work.now,
        },
    )
    if new.reporter_contact and not new.anonymous:
        work.insert(
            _INSERT_CONTACT,
            {"reporter_id": reporter_id, "channel": new.channel.value, "address": new.reporter_contact},
        )
        if contact_known and reporters is not None:
            reporters.created(key, reporter_id)
    return reporter_id


def _reporter_of_contact(work: Work, key: tuple[str, str], reporters: ContactReporters | None) -> UUID | None:
    if reporters is not None and key in reporters.of:
        return reporters.of[key]
    channel, address = key
    if work.actor is None:  # the worker: any reporter, by a statement built once
        work.flush()  # an intake batch's own reporters, kept back, are candidates too
        known = work.conn.execute(_ANY_REPORTER_OF_CONTACT, {"channel": channel, "address": address}).scalar()
    else:
        known = work.conn.execute(
            select(reporter_contact.c.reporter_id)
            .where(
                reporter_contact.c.channel == channel,
                reporter_contact.c.address == address,
                _reporter_in_reach(work.actor),
            )
            .order_by(reporter_contact.c.id)
            .limit(1)
        ).scalar()
    found = None if known is None else UUID(str(known))
    if reporters is not None:
        reporters.looked_up(key, found)
    return found


def _any_reporter_of(channel: Any, address: Any) -> Select[tuple[Any]]:
    return (
        select(reporter_contact.c.reporter_id)
        .where(reporter_contact.c.channel == channel, reporter_contact.c.address == address)
        .order_by(reporter_contact.c.id)
        .limit(1)
    )


_ANY_REPORTER_OF_CONTACT = _any_reporter_of(bindparam("channel"), bindparam("address"))
# Contacts per lookup: a statement of one of these sizes (the last contact repeated to fill it), so that only
# these few are ever built, and prepared by the server.
LOOKUP_SIZES = (10, 100)


@dataclass
class ContactReporters:
    """The reporter of each contact an intake batch names, looked up for the batch in one query (each contact
    compared by the database itself, as one lookup would), then the reporters the batch creates: the batch's
    own rows are kept back (``Work.deferring``), no query would find them."""

    of: dict[tuple[str, str], UUID | None]  # (channel, address) → reporter; None: the database has none
    # the contacts the database has no reporter for, by what a case- and accent-insensitive comparison leaves
    _unknown: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def among(cls, conn: Connection, contacts: list[tuple[str, str]]) -> ContactReporters:
        unique = list(dict.fromkeys(contacts))
        reporters = cls({})
        most = LOOKUP_SIZES[-1]
        for chunk in (unique[start : start + most] for start in range(0, len(unique), most)):
            size = next(size for size in LOOKUP_SIZES if size >= len(chunk))
            values: dict[str, str] = {}
            for n, (channel, address) in enumerate(chunk + chunk[-1:] * (size - len(chunk))):
                values[f"c{n}"], values[f"a{n}"] = channel, address
            row = conn.execute(_reporters_of_contacts(size), values).one()
            for key, found in zip(chunk, row, strict=False):
                reporters.looked_up(key, None if found is None else UUID(str(found)))
        return reporters

    def looked_up(self, key: tuple[str, str], found: UUID | None) -> None:
        self.of[key] = found
        if found is None:
            self._unknown.setdefault(_folded(key), []).append(key)

    def created(self, key: tuple[str, str], reporter_id: UUID) -> None:
        """The batch created ``reporter_id`` for the contact ``key``. A contact the database might count as
        the same one (MariaDB's default collations ignore case, accents and trailing spaces) is forgotten:
        it is looked up again, after the batch's rows are written, and the database decides."""
        for other in self._unknown.pop(_folded(key), []):
            self.of.pop(other, None)
        self.of[key] = reporter_id


@functools.cache
def _reporters_of_contacts(count: int) -> Select[Any]:
    """One row, a column per contact (``c0``/``a0``, …): each column is the lookup one message would make."""
    return select(*(_any_reporter_of(bindparam(f"c{n}"), bindparam(f"a{n}")).scalar_subquery() for n in range(count)))


def _folded(contact: tuple[str, str]) -> tuple[str, str]:
    """What a case- and accent-insensitive comparison leaves of a contact's address."""
    decomposed = unicodedata.normalize("NFKD", contact[1].rstrip())
    return contact[0], "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _reporter_in_reach(actor: Actor | None) -> ColumnElement[bool]:
    """SQL over ``reporter_contact``: a reporter the officer already knows, i.e. one of a ticket they may see
    and read (``feed.ticket_scope``, ``confidentiality.content_visible``). A contact that belongs to anyone
    else's reporter must not lend the new report that person's name, nor tie it to them: the report gets a
    reporter of its own. The worker and the owner's tools (no officer) match every reporter."""
    if actor is None:
        return true()
    return exists().where(
        ticket.c.reporter_id == reporter_contact.c.reporter_id, ticket_scope(actor), content_visible(actor)
    )


def list_tickets(
    conn: Connection,
    actor: Actor,
    status: Status | None = None,
    unit: str | None = None,
    mine: bool = False,
    limit: int = 50,
    open_only: bool = False,
) -> list[Ticket]:
    check_range("--limit", limit, LIST_LIMIT)
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
    return [to_ticket(row) for row in conn.execute(query, viewer(actor))]


def ticket_detail(work: Work, ticket_id: UUID) -> TicketDetail:
    """The ticket with its thread and history. A confidential report the officer may not read
    (``confidentiality.py``) comes as its summary: no messages, no notes; the events (who did what, when)
    stay, as for every ticket the officer sees."""
    current = read_ticket(work, ticket_id)
    conn = work.conn
    events = conn.execute(event_select().where(event.c.ticket_id == ticket_id).order_by(event.c.id)).all()
    if current.content_withheld:
        return TicketDetail(ticket=current, messages=(), notes=(), events=tuple(to_event(r) for r in events))
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
