"""The outbox: answers to citizens waiting to go out through their channel, and the dispatch worker's
bookkeeping of each one.

An answer is queued in the same transaction as the message it carries, one queue row per operation, so
one operation never sends twice. The worker takes a row under a lease (``sending`` until ``not_before``),
sends it, and records the outcome:

* ``sent`` — the channel accepted it; the id the channel knows it by is kept on the message, so that the
  citizen's answer to it joins the ticket;
* ``queued`` again with a later ``not_before`` — the channel was unreachable or asked to slow down;
* ``failed`` — the channel refused this message for good (no such chat, the 24-hour window closed…):
  the ticket's history says so, and an admin may send it again after fixing the cause;
* ``in_doubt`` — a worker stopped while sending on a channel without an idempotency key, so sending
  again might reach the citizen twice: an admin confirms it arrived or sends it again.
Channels nobody sends through (phone, walk-in, letter, LAPOR! exports) record the answer as ``recorded``:
the officer delivers it, and nothing waits in the backlog.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import Connection, insert, or_, select, update
from uuid6 import uuid7

from ..domain.errors import BadInput, NotFound
from ..domain.sms import DEFAULT_MAX_PARTS, split_sms
from ..domain.vocabulary import Channel, Direction
from .clock import server_now
from .schema import channel_account, message, outbound_message, reporter_contact, ticket
from .work import Work, begin

# Channels the worker sends through; answers on the others are only recorded.
DISPATCHED = frozenset(
    {Channel.EMAIL, Channel.TELEGRAM, Channel.WHATSAPP, Channel.X, Channel.SMS, Channel.FACEBOOK, Channel.INSTAGRAM}
)
# Sending again after a crash is harmless here: e-mail carries the same Message-ID (mail programs show one
# message), X refuses a repeated text from the same account. Elsewhere a crash leaves the answer in doubt.
RESEND_SAFE = frozenset({Channel.EMAIL, Channel.X})
QUEUED, SENDING, SENT, FAILED, IN_DOUBT, RECORDED = "queued", "sending", "sent", "failed", "in_doubt", "recorded"
HELD = (FAILED, IN_DOUBT)  # waiting for an admin
THREAD_DEPTH = 20  # message ids kept in an e-mail's References


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One answer as the dispatcher sends it."""

    id: UUID  # the outbox row
    message_id: UUID
    ticket_id: UUID
    tracking_no: str
    channel: Channel
    subject: str  # the ticket's
    text: str
    to: str | None  # the reporter's address on this channel
    account_id: int | None
    replying_to: str | None  # the channel's id of the citizen's latest message
    thread: tuple[str, ...]  # the channel's ids of the conversation so far, oldest first
    automatic: bool  # an acknowledgement, not an officer's answer
    attempts: int


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: UUID
    ticket_id: UUID
    tracking_no: str
    channel: Channel
    state: str
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    account_id: int | None


def queue(
    work: Work,
    ticket_id: UUID,
    channel: Channel,
    body: str,
    *,
    message_id: UUID | None = None,
    op_id: UUID | None = None,
    claim_token: int | None = None,
    account_id: int | None = None,
) -> UUID:
    """Store an outbound message and its queue row; returns the message id. An officer's answer has the
    acting officer as author; an acknowledgement (no actor) has none. ``account_id``: the account to answer
    through (the one the citizen wrote to); None: the ticket's (``_receiving_account``)."""
    message_id = message_id or uuid7()
    state = QUEUED if channel in DISPATCHED else RECORDED
    if account_id is None:
        work.flush()  # the ticket's rows may be kept back by an intake batch
        account_id = _receiving_account(work.conn, ticket_id, channel)
    work.insert(
        _INSERT_MESSAGE,
        {
            "id": message_id,
            "ticket_id": ticket_id,
            "direction": Direction.OUTBOUND.value,
            "channel": channel.value,
            "author_id": work.actor.id if work.actor else None,
            "body_text": body,
            "claim_token": claim_token,
            "delivery": state,
            "change_seq": work.seq,
            "created_at": work.now,
        },
    )
    work.insert(
        _INSERT_OUTBOUND,
        {
            "id": uuid7(),
            "ticket_id": ticket_id,
            "message_id": message_id,
            "channel": channel.value,
            "op_id": op_id or uuid7(),
            "state": state,
            "account_id": account_id,
            "created_at": work.now,
        },
    )
    return message_id


_INSERT_MESSAGE = insert(message)
_INSERT_OUTBOUND = insert(outbound_message)


def take(conn: Connection, lease: timedelta) -> Outgoing | None:
    """The oldest answer due for sending, leased to this worker; None when nothing is due. A row another
    worker took first is skipped (the lease is taken by a conditional update)."""
    now = server_now(conn)
    candidates = conn.execute(
        select(outbound_message.c.id)
        .where(
            outbound_message.c.state == QUEUED,
            or_(outbound_message.c.not_before.is_(None), outbound_message.c.not_before <= now),
        )
        .order_by(outbound_message.c.created_at)
        .limit(20)
    ).scalars()
    for outbound_id in candidates:
        taken = conn.execute(
            update(outbound_message)
            .where(outbound_message.c.id == outbound_id, outbound_message.c.state == QUEUED)
            .values(state=SENDING, attempts=outbound_message.c.attempts + 1, not_before=now + lease)
        ).rowcount
        if taken:
            return _outgoing(conn, outbound_id)
    return None


def recover_abandoned(conn: Connection) -> int:
    """Rows whose sending worker stopped (its lease ran out): sent again where that is harmless, held in
    doubt for an admin elsewhere. Returns how many were found."""
    now = server_now(conn)
    abandoned = conn.execute(
        select(outbound_message.c.id, outbound_message.c.channel).where(
            outbound_message.c.state == SENDING, outbound_message.c.not_before < now
        )
    ).all()
    for row in abandoned:
        safe = Channel(row.channel) in RESEND_SAFE
        if safe:
            conn.execute(
                update(outbound_message)
                .where(outbound_message.c.id == row.id, outbound_message.c.state == SENDING)
                .values(state=QUEUED, not_before=None, last_error="the worker stopped while sending it: sending again")
            )
        else:
            _settle(
                conn,
                row.id,
                IN_DOUBT,
                "the worker stopped while sending it: it may or may not have reached the citizen",
            )
    return len(abandoned)


def record_channel_id(conn: Connection, outgoing: Outgoing, channel_id: str) -> None:
    """Keep the id the channel knows the answer by, before sending when the sender chooses it (e-mail's
    Message-ID) or after: the citizen's reply to it then joins the ticket."""
    conn.execute(update(message).where(message.c.id == outgoing.message_id).values(external_id=channel_id[:255]))


def mark_sent(conn: Connection, outgoing: Outgoing, channel_id: str | None) -> None:
    if channel_id:
        record_channel_id(conn, outgoing, channel_id)
    _settle(conn, outgoing.id, SENT, None)


def postpone(conn: Connection, outgoing: Outgoing, error: str, seconds: float) -> None:
    """Try again later: this row, and every queued row of the same account (its channel is down or asked
    the worker to slow down)."""
    until = server_now(conn) + timedelta(seconds=seconds)
    conn.execute(
        update(outbound_message)
        .where(outbound_message.c.id == outgoing.id)
        .values(state=QUEUED, not_before=until, last_error=error)
    )
    if outgoing.account_id is not None:
        conn.execute(
            update(outbound_message)
            .where(
                outbound_message.c.account_id == outgoing.account_id,
                outbound_message.c.state == QUEUED,
                or_(outbound_message.c.not_before.is_(None), outbound_message.c.not_before < until),
            )
            .values(not_before=until)
        )


def fail(conn: Connection, outgoing: Outgoing, error: str) -> None:
    """The channel refused this answer for good: held for an admin, and said in the ticket's history."""
    _settle(conn, outgoing.id, FAILED, error)
    begin(conn, None).audit("send_failed", outgoing.ticket_id, message_id=outgoing.message_id, error=error)


def doubt(conn: Connection, outgoing: Outgoing, error: str) -> None:
    """The channel may or may not have accepted it: held for an admin rather than risk sending it twice."""
    _settle(conn, outgoing.id, IN_DOUBT, error)


def send_again(work: Work, outbound_id: UUID) -> None:
    """An admin sends a failed or doubtful answer again; the ticket's history says who decided."""
    _held(work.conn, outbound_id)
    _settle(work.conn, outbound_id, QUEUED, None)
    _decided(work, "send_again", outbound_id)


def confirm_sent(work: Work, outbound_id: UUID) -> None:
    """An admin confirms that a doubtful answer did reach the citizen."""
    if _held(work.conn, outbound_id) != IN_DOUBT:
        raise BadInput("only an answer in doubt can be confirmed as sent; a failed one was refused by its channel")
    _settle(work.conn, outbound_id, SENT, None)
    _decided(work, "send_confirmed", outbound_id)


def _decided(work: Work, action: str, outbound_id: UUID) -> None:
    row = work.conn.execute(
        select(outbound_message.c.ticket_id, outbound_message.c.message_id).where(outbound_message.c.id == outbound_id)
    ).one()
    work.audit(action, row.ticket_id, message_id=row.message_id)


def outbox_rows(
    conn: Connection, states: tuple[str, ...] = (QUEUED, SENDING, *HELD), limit: int = 200
) -> list[OutboxRow]:
    rows = conn.execute(
        select(outbound_message, ticket.c.tracking_no)
        .join(ticket, ticket.c.id == outbound_message.c.ticket_id)
        .where(outbound_message.c.state.in_(states))
        .order_by(outbound_message.c.created_at)
        .limit(limit)
    )
    return [
        OutboxRow(
            r.id,
            r.ticket_id,
            r.tracking_no,
            Channel(r.channel),
            r.state,
            r.attempts,
            r.last_error,
            r.created_at,
            r.sent_at,
            r.account_id,
        )
        for r in rows
    ]


def _settle(conn: Connection, outbound_id: UUID, state: str, error: str | None) -> None:
    """A new state an officer should see: on the queue row, and on the message, which clients pull again."""
    values: dict[str, object] = {"state": state, "last_error": error, "not_before": None}
    if state == SENT:
        values["sent_at"] = server_now(conn)
    conn.execute(update(outbound_message).where(outbound_message.c.id == outbound_id).values(**values))
    message_id = select(outbound_message.c.message_id).where(outbound_message.c.id == outbound_id).scalar_subquery()
    conn.execute(
        update(message).where(message.c.id == message_id).values(delivery=state, change_seq=begin(conn, None).seq)
    )


def _held(conn: Connection, outbound_id: UUID) -> str:
    state = conn.execute(select(outbound_message.c.state).where(outbound_message.c.id == outbound_id)).scalar()
    if state is None:
        raise NotFound(f"no outgoing message {outbound_id}")
    if state not in HELD:
        raise BadInput(f"the outgoing message is {state}, not failed or in doubt: there is nothing to decide")
    return str(state)


def check_fits(conn: Connection, ticket_id: UUID, channel: Channel, body: str) -> None:
    """SmsTooLong (a BadInput the officer sees, their text kept) when an SMS answer needs more parts than the
    account it goes through sends (its ``max_parts``); nothing for other channels."""
    if channel is not Channel.SMS:
        return
    account_id = _receiving_account(conn, ticket_id, channel)
    max_parts: object = DEFAULT_MAX_PARTS
    if account_id is not None:
        stored = conn.execute(select(channel_account.c.config).where(channel_account.c.id == account_id)).scalar()
        try:
            config = json.loads(stored or "{}")
        except ValueError:
            config = {}
        max_parts = config.get("max_parts", DEFAULT_MAX_PARTS) if isinstance(config, dict) else DEFAULT_MAX_PARTS
    if not isinstance(max_parts, int) or isinstance(max_parts, bool) or max_parts < 1:
        max_parts = DEFAULT_MAX_PARTS
    split_sms(body, max_parts)


def _receiving_account(conn: Connection, ticket_id: UUID, channel: Channel) -> int | None:
    """The account the citizen last wrote through, else an enabled account of the channel in the ticket's
    unit; None when there is none yet (resolved again when the answer is taken for sending)."""
    if channel not in DISPATCHED:
        return None
    latest = conn.execute(
        select(message.c.account_id)
        .where(
            message.c.ticket_id == ticket_id,
            message.c.channel == channel.value,
            message.c.direction == Direction.INBOUND.value,
            message.c.account_id.is_not(None),
        )
        .order_by(message.c.created_at.desc(), message.c.id.desc())  # one worker batch shares its time; ids are uuid7
        .limit(1)
    ).scalar()
    if latest is not None:
        return int(latest)
    of_unit = conn.execute(
        select(channel_account.c.id)
        .join(ticket, ticket.c.unit_id == channel_account.c.unit_id)
        .where(
            ticket.c.id == ticket_id,
            channel_account.c.channel == channel.value,
            channel_account.c.enabled.is_(True),
        )
        .order_by(channel_account.c.id)
        .limit(1)
    ).scalar()
    return None if of_unit is None else int(of_unit)


def _outgoing(conn: Connection, outbound_id: UUID) -> Outgoing:
    row = conn.execute(
        select(
            outbound_message,
            message.c.body_text,
            message.c.author_id,
            ticket.c.tracking_no,
            ticket.c.subject,
            ticket.c.reporter_id,
        )
        .join(message, message.c.id == outbound_message.c.message_id)
        .join(ticket, ticket.c.id == outbound_message.c.ticket_id)
        .where(outbound_message.c.id == outbound_id)
    ).one()
    channel = Channel(row.channel)
    account_id = row.account_id if row.account_id is not None else _receiving_account(conn, row.ticket_id, channel)
    if account_id != row.account_id:
        conn.execute(update(outbound_message).where(outbound_message.c.id == outbound_id).values(account_id=account_id))
    to = conn.execute(
        select(reporter_contact.c.address).where(
            reporter_contact.c.reporter_id == row.reporter_id, reporter_contact.c.channel == channel.value
        )
    ).scalar()
    thread = [
        str(r.external_id)
        for r in conn.execute(
            select(message.c.external_id)
            .where(
                message.c.ticket_id == row.ticket_id,
                message.c.channel == channel.value,
                message.c.external_id.is_not(None),
                message.c.id != row.message_id,
            )
            .order_by(message.c.created_at)
        )
    ]
    inbound = conn.execute(
        select(message.c.external_id)
        .where(
            message.c.ticket_id == row.ticket_id,
            message.c.channel == channel.value,
            message.c.direction == Direction.INBOUND.value,
            message.c.external_id.is_not(None),
        )
        .order_by(message.c.created_at.desc(), message.c.id.desc())  # one worker batch shares its time; ids are uuid7
        .limit(1)
    ).scalar()
    return Outgoing(
        id=row.id,
        message_id=row.message_id,
        ticket_id=row.ticket_id,
        tracking_no=row.tracking_no,
        channel=channel,
        subject=row.subject,
        text=row.body_text,
        to=to,
        account_id=account_id,
        replying_to=inbound,
        thread=tuple(thread[-THREAD_DEPTH:]),
        automatic=row.author_id is None,
        attempts=row.attempts,
    )
