"""An outside message enters the store: it continues its ticket or starts one, exactly once.

Order of decisions, all in one transaction:
1. the same message (channel + external id) was stored before → nothing new, the same answer;
2. a status request of a reporter ("status ADU-2026-000123", "cek") is answered and stored no further
   (``store/self_service.py``);
3. it answers an earlier message of the same channel (e-mail In-Reply-To/References), names a tracking
   number in its subject, or comes from a chat whose sender has an open ticket → it joins that ticket; a reporter who
   answers while the unit waits for them moves the ticket back to follow-up (the clocks resume);
4. otherwise it starts a new ticket in the receiving account's unit.
Outside text is never refused for its form: control characters are removed, an over-long text is kept
in full as an attachment with the first part as the message, and what was repaired is audited.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Executable, Row, bindparam, insert, select, update
from uuid6 import uuid7

from ..domain.errors import BadInput
from ..domain.inbound import InboundAttachment, InboundMessage, Received, acknowledgement_text, tracking_number_in
from ..domain.status import CLOSED, Status
from ..domain.text import FIELD_LIMITS, MAX_BODY_CHARS, MAX_SUBJECT_CHARS, clean_body, one_line
from ..domain.vocabulary import Channel, Direction, Kind
from . import outbox, self_service, sla
from .outbox import DISPATCHED
from .packet import statement_limit, statement_size
from .schema import attachment, blob, message, reporter_contact, ticket
from .tickets import INSERT_MESSAGE, ContactReporters, NewTicket, TrackingBlock, checked_report, insert_ticket
from .work import Work

NO_SUBJECT = "(tanpa perihal)"
MAX_EXTERNAL_ID_CHARS = FIELD_LIMITS["external id"]
# Channels whose messages are a conversation with one sender rather than threaded mails.
CONVERSATIONS = frozenset(
    {Channel.TELEGRAM, Channel.WHATSAPP, Channel.X, Channel.FACEBOOK, Channel.INSTAGRAM, Channel.SMS}
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# The statements of every message, built once: building one with its values costs more than sending it.
_KNOWN = (
    select(message.c.id, message.c.ticket_id, ticket.c.tracking_no)
    .join(ticket, ticket.c.id == message.c.ticket_id)
    .where(message.c.channel == bindparam("channel"), message.c.external_id == bindparam("external_id"))
)
# A batch's messages stored before, in one query for many (``IntakeBatch``).
_KNOWN_AMONG = (
    select(message.c.external_id, message.c.ticket_id, ticket.c.tracking_no)
    .join(ticket, ticket.c.id == message.c.ticket_id)
    .where(
        message.c.channel == bindparam("channel"),
        message.c.external_id.in_(bindparam("external_ids", expanding=True)),
    )
)
# The messages a batch's messages answer, in one query for many (``IntakeBatch``).
_REFERENCED_AMONG = select(message.c.external_id, message.c.created_at, message.c.id, message.c.ticket_id).where(
    message.c.channel == bindparam("channel"), message.c.external_id.in_(bindparam("external_ids", expanding=True))
)
IDS_PER_LOOKUP = 500
_REFERENCED = (
    select(message.c.ticket_id)
    .where(
        message.c.channel == bindparam("channel"), message.c.external_id.in_(bindparam("references", expanding=True))
    )
    # Messages of one worker batch share its time: their ids (uuid7, time-ordered) tell which came last.
    .order_by(message.c.created_at.desc(), message.c.id.desc())
)
_LIVE_TICKETS = select(ticket.c.id, ticket.c.tracking_no, ticket.c.status).where(
    ticket.c.id.in_(bindparam("ids", expanding=True)), ticket.c.deleted_at.is_(None)
)
_TOUCH_TICKET = (
    update(ticket)
    .where(ticket.c.id == bindparam("ticket_id"))
    .values(row_version=ticket.c.row_version + 1, change_seq=bindparam("seq"), updated_at=bindparam("now"))
)
_BLOB = select(blob.c.sha256).where(blob.c.sha256 == bindparam("sha256"))
_INSERT_BLOB = insert(blob)
_INSERT_ATTACHMENT = insert(attachment)


@dataclass(frozen=True)
class Joined:
    """A ticket a message of the batch started or joined."""

    tracking_no: str
    status: Status
    started: bool  # started by the batch: its rows are kept back


@dataclass
class IntakeBatch:
    """What a batch stored together (in one savepoint, its rows kept back by ``Work.deferring``) knows instead
    of asking the database, which has not seen the batch's own rows:

    - which of its messages the store holds already, read in one query per channel rather than one a message,
      and each message the batch then stores (one coming twice in it is stored once);
    - the reporters of its contacts, looked up in one query (``ContactReporters``), and a block of tracking
      numbers taken in one move of the counter (``TrackingBlock``; ``finish`` gives back the ones not used);
    - the messages its messages answer, and their tickets, looked up in one query each;
    - the threads, numbers and chats of the tickets it started or joined, for the messages that follow them.

    Only a batch stored together may use it: a message stored by another delivery after the lookup fails on the
    unique id, the batch is rolled back and stored one message at a time, each looked up again."""

    received: dict[tuple[str, str], Received]
    reporters: ContactReporters
    numbers: TrackingBlock
    # its messages' tickets, each numbered in the order it was stored
    threads: dict[tuple[str, str], tuple[int, UUID]] = field(default_factory=dict)
    # the earlier messages its messages answer: when each was stored, its id and its ticket
    earlier: dict[tuple[str, str], tuple[datetime, UUID, UUID]] = field(default_factory=dict)
    tickets: dict[UUID, Joined] = field(default_factory=dict)
    by_number: dict[str, UUID] = field(default_factory=dict)  # the tickets it started, by tracking number
    chats: dict[tuple[str, str], UUID] = field(default_factory=dict)  # a contact's latest ticket it started
    blobs: set[str] = field(default_factory=set)  # attachment contents it stored

    @classmethod
    def among(cls, work: Work, inbounds: Sequence[InboundMessage]) -> IntakeBatch:
        received: dict[tuple[str, str], Received] = {}
        ids = [(inbound.channel.value, inbound.external_id) for inbound in inbounds if _usable_id(inbound)]
        for row, channel in _per_channel(work, _KNOWN_AMONG, ids):
            received[(channel, row.external_id)] = _stored_before(row.ticket_id, row.tracking_no)
        # What the messages to store need: those received before (an import run again) need nothing, a web
        # form neither its contact's reporter nor a thread.
        to_store = [inbound for inbound in inbounds if (inbound.channel.value, inbound.external_id) not in received]
        threaded = [inbound for inbound in to_store if inbound.channel is not Channel.WEB]
        contacts = [
            (inbound.channel.value, address)
            for inbound in threaded
            if not inbound.anonymous
            for address in [_line(inbound.sender_address, FIELD_LIMITS["contact"])]
            if address
        ]
        numbers = TrackingBlock(max(len(to_store), 1))
        batch = cls(received, ContactReporters.among(work.conn, contacts), numbers)
        references = [(inbound.channel.value, r) for inbound in threaded for r in inbound.references]
        for row, channel in _per_channel(work, _REFERENCED_AMONG, references):
            batch.earlier[(channel, row.external_id)] = (row.created_at, row.id, row.ticket_id)
        answered = sorted({ticket_id for _, _, ticket_id in batch.earlier.values()})
        for ids_chunk in _in_chunks(answered):
            for row in work.conn.execute(_LIVE_TICKETS, {"ids": ids_chunk}):
                batch.tickets[row.id] = Joined(row.tracking_no, Status(row.status), False)
        return batch

    def finish(self, work: Work) -> None:
        """The batch's last message is stored: the tracking numbers it did not use go back."""
        self.numbers.give_back(work)

    def stored(self, inbound: InboundMessage, done: Received) -> None:
        """``inbound`` was stored: a copy later in the batch is a duplicate, an answer to it joins its ticket."""
        key = (inbound.channel.value, inbound.external_id)
        self.received[key] = _stored_before(done.ticket_id, done.tracking_no)
        self.threads[key] = (len(self.threads), done.ticket_id)

    def started(self, ticket_id: UUID, tracking_no: str, new: NewTicket) -> None:
        self.tickets[ticket_id] = Joined(tracking_no, Status.DITERIMA, True)
        self.by_number[tracking_no] = ticket_id
        if new.reporter_contact and not new.anonymous:
            self.chats[(new.channel.value, new.reporter_contact)] = ticket_id

    def thread_of(self, inbound: InboundMessage) -> tuple[UUID, Joined] | None:
        """The live ticket of the latest message ``inbound`` answers: the batch's own messages are the latest
        of all, then those stored before it, latest first (as ``_referenced`` orders them)."""
        keys = [(inbound.channel.value, reference) for reference in inbound.references]
        own = [self.threads[key] for key in keys if key in self.threads]
        if own:
            found: UUID | None = max(own)[1]
        else:
            before = sorted((self.earlier[key] for key in keys if key in self.earlier), reverse=True)
            found = next((ticket_id for _, _, ticket_id in before if ticket_id in self.tickets), None)
        return None if found is None else (found, self.tickets[found])


def _per_channel(work: Work, query: Executable, keys: list[tuple[str, str]]) -> Iterator[tuple[Any, str]]:
    """``query``'s rows for the (channel, external id) ``keys``, IDS_PER_LOOKUP ids a query, with their channel."""
    wanted: dict[str, set[str]] = {}
    for channel, external_id in keys:
        wanted.setdefault(channel, set()).add(external_id)
    for channel, external_ids in wanted.items():
        for ids_chunk in _in_chunks(sorted(external_ids)):
            for row in work.conn.execute(query, {"channel": channel, "external_ids": ids_chunk}):
                yield row, channel


def _in_chunks(values: list[Any]) -> Iterator[list[Any]]:
    """``values`` IDS_PER_LOOKUP at a time: one IN list a query."""
    for start in range(0, len(values), IDS_PER_LOOKUP):
        yield values[start : start + IDS_PER_LOOKUP]


def _stored_before(ticket_id: UUID, tracking_no: str) -> Received:
    """The answer to a message received before: its ticket, nothing new stored."""
    return Received(ticket_id, tracking_no, None, False, True)


def _usable_id(inbound: InboundMessage) -> bool:
    return bool(inbound.external_id.strip()) and len(inbound.external_id) <= MAX_EXTERNAL_ID_CHARS


def _received_before(work: Work, inbound: InboundMessage, batch: IntakeBatch | None) -> Received | None:
    if batch is not None:
        return batch.received.get((inbound.channel.value, inbound.external_id))
    known = work.conn.execute(_KNOWN, {"channel": inbound.channel.value, "external_id": inbound.external_id}).first()
    return None if known is None else _stored_before(known.ticket_id, known.tracking_no)


def receive(
    work: Work,
    inbound: InboundMessage,
    unit_code: str,
    kind: Kind = Kind.PENGADUAN,
    account_id: int | None = None,
    acknowledgement: str | None = None,
    batch: IntakeBatch | None = None,
) -> Received:
    """Store ``inbound`` as it came through the channel account ``account_id`` (answers go back through it).
    A message that starts a ticket is acknowledged with ``acknowledgement`` (a wording with {nomor}) unless
    it is automatic (a bounce or auto-reply: answering it could start a mail loop) or names nobody.
    ``batch``: what the batch ``inbound`` is stored with knows (``IntakeBatch``)."""
    if not _usable_id(inbound):
        raise BadInput(
            f"the {inbound.channel.value} message has no usable id (empty or over {MAX_EXTERNAL_ID_CHARS} "
            "characters): it cannot be told apart from a re-delivery"
        )
    known = _received_before(work, inbound, batch)
    if known is not None:
        return known
    done = _store(work, inbound, unit_code, kind, account_id, acknowledgement, batch)
    if batch is not None and done.message_id is not None:  # a status request is answered, not stored
        batch.stored(inbound, done)
    return done


def _store(
    work: Work,
    inbound: InboundMessage,
    unit_code: str,
    kind: Kind,
    account_id: int | None,
    acknowledgement: str | None,
    batch: IntakeBatch | None,
) -> Received:
    asked = self_service.answer_request(work, inbound, account_id)
    if asked is not None:  # "status ADU-…" from a reporter: answered, not stored as their message
        return asked
    text, overflow = _body(inbound.text)
    attachments, too_big = _storable(work, (*inbound.attachments, *overflow))
    if too_big:
        inbound = replace(inbound, problems=(*inbound.problems, *too_big))
    existing = _thread_of(work, inbound, batch)
    if existing is None:
        new = checked_report(
            NewTicket(
                unit=unit_code,
                kind=inbound.kind or kind,
                channel=inbound.channel,
                subject=_subject(inbound.subject),
                body=text,
                category=_line(inbound.category, FIELD_LIMITS["category"]),
                reporter_name=None if inbound.anonymous else _line(inbound.sender_name, FIELD_LIMITS["reporter name"]),
                reporter_contact=None if inbound.anonymous else _line(inbound.sender_address, FIELD_LIMITS["contact"]),
                anonymous=inbound.anonymous,
                confidential=inbound.confidential,
                external_id=inbound.external_id,
            )
        )
        # Not create_ticket: the message is known to be new (looked up above), and nothing is read back.
        created = insert_ticket(
            work,
            new,
            clean_body(text, "message"),
            body_html=inbound.html,
            account_id=account_id,
            # the national platform's own number, shown and exported back
            external_ref=(
                inbound.external_id[: FIELD_LIMITS["external reference"]] if inbound.channel is Channel.LAPOR else None
            ),
            reporters=None if batch is None else batch.reporters,
            numbers=None if batch is None else batch.numbers,
        )
        if batch is not None:
            batch.started(created.id, created.tracking_no, new)
        message_id = created.message_id
        store_attachments(work, created.id, message_id, attachments, batch)
        _note_problems(work, created.id, inbound)
        if acknowledgement and not inbound.automatic and inbound.sender_address and inbound.channel in DISPATCHED:
            text = acknowledgement_text(acknowledgement, created.tracking_no, new.subject)
            ack_id = outbox.queue(work, created.id, inbound.channel, text, account_id=account_id)
            work.audit("acknowledged", created.id, message_id=ack_id)
        return Received(created.id, created.tracking_no, message_id, True, False)
    ticket_id, joined = existing
    message_id = uuid7()
    work.insert(
        INSERT_MESSAGE,
        {
            "id": message_id,
            "ticket_id": ticket_id,
            "direction": Direction.INBOUND.value,
            "channel": inbound.channel.value,
            "external_id": inbound.external_id,
            "body_text": text,
            "body_html": inbound.html,
            "account_id": account_id,
            "change_seq": work.seq,
            "created_at": work.now,
        },
    )
    answered = joined.status is Status.MENUNGGU_PELAPOR
    touched = {"ticket_id": ticket_id, "seq": work.seq, "now": work.now}
    if answered:
        work.conn.execute(_TOUCH_TICKET.values(status=Status.DITINDAKLANJUTI.value), touched)
        joined = replace(joined, status=Status.DITINDAKLANJUTI)
    elif not joined.started:
        # A ticket the batch started is not touched: its row, kept back, is written with this stamp and time,
        # and nobody can hold an older version of it.
        work.conn.execute(_TOUCH_TICKET, touched)
    if batch is not None:
        batch.tickets[ticket_id] = joined
    if answered:
        sla.status_changed(work, ticket_id, Status.MENUNGGU_PELAPOR, Status.DITINDAKLANJUTI)
        work.audit("reporter_answered", ticket_id, message_id=message_id)
    store_attachments(work, ticket_id, message_id, attachments, batch)
    work.audit("message_in", ticket_id, channel=inbound.channel.value, message_id=message_id)
    _note_problems(work, ticket_id, inbound)
    return Received(ticket_id, joined.tracking_no, message_id, False, False)


def _thread_of(work: Work, inbound: InboundMessage, batch: IntakeBatch | None) -> tuple[UUID, Joined] | None:
    """The live ticket this message continues, if any. At each step a ticket the batch started or joined comes
    before the database's: the batch's rows are not written yet, and they are the latest."""
    if inbound.channel is Channel.WEB:
        # Each form sent is a report of its own: a number typed into its subject must not add it to, nor show
        # its sender, somebody else's report.
        return None
    found = _referenced(work, inbound, batch)
    number = tracking_number_in(inbound.subject)
    if found is None and number is not None:
        found = _in_batch(batch, batch.by_number.get(number) if batch else None) or _found(
            work.conn.execute(
                select(ticket.c.id, ticket.c.tracking_no, ticket.c.status).where(
                    ticket.c.tracking_no == number, ticket.c.deleted_at.is_(None)
                )
            ).first()
        )
    if found is None and inbound.channel in CONVERSATIONS and inbound.sender_address:
        # A chat has no thread headers: the citizen's next message continues their open ticket.
        chat = (inbound.channel.value, inbound.sender_address)
        found = _in_batch(batch, batch.chats.get(chat) if batch else None) or _found(
            work.conn.execute(
                select(ticket.c.id, ticket.c.tracking_no, ticket.c.status)
                .join(reporter_contact, reporter_contact.c.reporter_id == ticket.c.reporter_id)
                .where(
                    reporter_contact.c.channel == inbound.channel.value,
                    reporter_contact.c.address == inbound.sender_address,
                    ticket.c.channel == inbound.channel.value,
                    ticket.c.status.not_in([s.value for s in CLOSED]),
                    ticket.c.deleted_at.is_(None),
                )
                .order_by(ticket.c.created_at.desc())
                .limit(1)
            ).first()
        )
        if batch is not None and found is not None:
            batch.chats[chat] = found[0]  # the chat's next messages in the batch join it too
    return found


def _referenced(work: Work, inbound: InboundMessage, batch: IntakeBatch | None) -> tuple[UUID, Joined] | None:
    """The ticket of the latest message ``inbound`` answers (e-mail's In-Reply-To and References)."""
    if not inbound.references:
        return None
    if batch is not None:  # its messages, and those they answer, are known to it
        return batch.thread_of(inbound)
    # Two lookups by unique keys, not a join: PostgreSQL plans the join, prepared while the tables are
    # small, as a scan of every ticket and stays with it until the statistics catch up (bench/intake.py).
    referenced = work.conn.execute(
        _REFERENCED, {"channel": inbound.channel.value, "references": list(inbound.references)}
    ).scalars()
    candidates = list(dict.fromkeys(referenced))  # the ticket of the latest referenced message first
    if not candidates:
        return None
    live = {row.id: row for row in work.conn.execute(_LIVE_TICKETS, {"ids": candidates})}
    return _found(next((live[t] for t in candidates if t in live), None))


def _in_batch(batch: IntakeBatch | None, ticket_id: UUID | None) -> tuple[UUID, Joined] | None:
    return None if batch is None or ticket_id is None else (ticket_id, batch.tickets[ticket_id])


def _found(row: Row[Any, Any, Any] | None) -> tuple[UUID, Joined] | None:
    return None if row is None else (row.id, Joined(row.tracking_no, Status(row.status), False))


def _storable(
    work: Work, attachments: tuple[InboundAttachment, ...]
) -> tuple[tuple[InboundAttachment, ...], tuple[str, ...]]:
    """The attachments the database can take in one statement, and a note for each set aside: it stays in
    the channel (the mailbox keeps the mail), and the ticket's history names it."""
    if not attachments:
        return attachments, ()
    if "statement_limit" not in work.memo:
        work.memo["statement_limit"] = statement_limit(work.conn)
    limit: int | None = work.memo["statement_limit"]
    if limit is None:
        return attachments, ()
    kept = tuple(a for a in attachments if statement_size(a.content) <= limit)
    notes = tuple(
        f"attachment {a.filename!r} ({len(a.content)} bytes) is larger than the database server takes in one "
        f"statement (max_allowed_packet {limit}): not stored; it remains in the channel"
        for a in attachments
        if a not in kept
    )
    return kept, notes


def _subject(raw: str) -> str:
    subject = one_line(raw or "")
    if len(subject) > MAX_SUBJECT_CHARS:
        subject = subject[: MAX_SUBJECT_CHARS - 1] + "…"
    return subject or NO_SUBJECT


def _line(raw: str | None, limit: int) -> str | None:
    cleaned = one_line(raw or "")[:limit]
    return cleaned or None


def _body(raw: str) -> tuple[str, tuple[InboundAttachment, ...]]:
    """The message text as stored, and the full text as an attachment when it was too long to keep."""
    text = _CONTROL.sub("", raw or "").strip() or NO_SUBJECT
    if len(text) <= MAX_BODY_CHARS:
        return text, ()
    full = InboundAttachment("pesan-lengkap.txt", "text/plain; charset=utf-8", text.encode("utf-8"))
    shortened = text[: MAX_BODY_CHARS - 200].rstrip()
    return shortened + "\n\n[… teks lengkap terlampir: pesan-lengkap.txt / full text attached]", (full,)


def store_attachments(
    work: Work,
    ticket_id: UUID,
    message_id: UUID,
    attachments: tuple[InboundAttachment, ...],
    batch: IntakeBatch | None = None,
) -> None:
    """Attachment rows on ``message_id``, each content stored once by its sha256 (intake and the scans of
    reports officers record, ``store/scans.py``)."""
    for item in attachments:
        digest = hashlib.sha256(item.content).hexdigest()
        stored = (batch is not None and digest in batch.blobs) or work.conn.execute(_BLOB, {"sha256": digest}).scalar()
        if not stored:  # content is stored once, whoever sent it
            work.insert(_INSERT_BLOB, {"sha256": digest, "size": len(item.content), "content": item.content})
            if batch is not None:
                batch.blobs.add(digest)
        work.insert(
            _INSERT_ATTACHMENT,
            {
                "id": uuid7(),
                "ticket_id": ticket_id,
                "message_id": message_id,
                "filename": _line(item.filename, FIELD_LIMITS["attachment filename"]) or "lampiran",
                "content_type": (item.content_type or "application/octet-stream")[: FIELD_LIMITS["content type"]],
                "size": len(item.content),
                "sha256": digest,
                "risky": item.risky,
                "change_seq": work.seq,
                "created_at": work.now,
            },
        )


def _note_problems(work: Work, ticket_id: UUID, inbound: InboundMessage) -> None:
    if inbound.problems:
        work.audit("intake_repaired", ticket_id, external_id=inbound.external_id, problems=list(inbound.problems))
