"""Status self-service: a citizen who writes "status ADU-2026-000123" (or "cek", or just "status" for their
latest report) on a private channel Aduan answers through (e-mail, Telegram, WhatsApp, SMS; not X, where an
answer is a public post) gets the report's status and the unit's last answer.

Who hears what:
* only a contact that filed the report: the sender's address on this channel is a contact of the report's
  reporter (anonymous reporters have none, erased ones no longer);
* every other request of a known contact (a number that does not exist, someone else's report, an anonymous
  one) gets the same neutral answer, so nobody can probe which numbers exist;
* a sender who is no contact of any report has no report to answer through (the outbox sends on a ticket):
  their message is taken as any other message (``None`` here), whatever number it names.
The answer carries the status and the last *officer's* answer to the reporter (never a note, never an
automatic message), queued through the outbox on the report's ticket and sent back on the channel the
citizen wrote on. The request itself is not stored as the citizen's message: it starts no ticket, joins no
thread and resets no clock; the audit log records who asked, which report, and what was answered.
Exactly once per inbound message (its channel and external id), and at most ``ANSWERS_PER_HOUR`` answers
per contact and clock hour so that nobody can use the feature to flood a number. Both are named rows of the
``counter`` table, which the worker's hourly pruning deletes once they guard nothing (``purge_counters``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..domain.inbound import InboundMessage, Received
from ..domain.self_service import NEUTRAL_ANSWER, status_answer, status_request
from ..domain.status import Status
from ..domain.text import FIELD_LIMITS, one_line
from ..domain.vocabulary import Direction
from . import outbox
from .outbox import DISPATCHED
from .schema import counter, message, outbound_message, reporter, reporter_contact, ticket
from .work import Work

# Channels whose answers only the citizen reads. A reply on X is a public post, and a status there would show
# the report's subject and the unit's answer to everyone: X (and public comments of any future channel) is left
# out. Values, so that a channel named here before its connector exists costs nothing.
PRIVATE_CHANNELS = frozenset({"email", "telegram", "whatsapp", "sms"})
ANSWERS_PER_HOUR = 10  # per contact (channel and address), per clock hour of the server
ANSWERED, REFUSED, LIMITED = "answered", "refused", "limited"

REQUEST_PREFIX, RATE_PREFIX = "status-req:", "status-rate:"
_RATE_DIGEST_CHARS = 32
_HOUR_FORMAT = "%Y%m%d%H"
# Where the hour starts in a rate row's name (SQL counts from 1): ``status-rate:<digest>:<YYYYMMDDHH>``.
_RATE_HOUR_AT = len(RATE_PREFIX) + _RATE_DIGEST_CHARS + 2
# How long a request's row is kept after it was first handled. What it guards against is a re-delivery: the same
# message brought again after it was handled — a webhook the platform retries (WhatsApp for up to 7 days, SMS
# gateways for hours), Telegram's updates (kept 24 hours), a mailbox or an SMS inbox read again because the
# worker stopped before saving its cursor, at its next round, which an outage can put off by days. 30 days
# covers them all with room to spare. A re-read later still (an admin clearing the cursor of an old mailbox)
# finds the answer queued under the request's operation id (``_first_delivery``), so it is not answered twice.
REQUEST_KEPT = timedelta(days=30)
_EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class _Report:
    id: UUID
    tracking_no: str
    subject: str
    status: str


def answer_request(work: Work, inbound: InboundMessage, account_id: int | None = None) -> Received | None:
    """Answer ``inbound`` when it is a status request of a known contact; None when it is not one (it is then
    stored as any message is). A request answered before (a re-delivery) comes back as a duplicate."""
    if inbound.automatic or inbound.anonymous or inbound.channel not in DISPATCHED:
        return None
    if inbound.channel.value not in PRIVATE_CHANNELS:
        return None
    address = one_line(inbound.sender_address or "")[: FIELD_LIMITS["contact"]]
    request = status_request(inbound.text) or (status_request(inbound.subject) if not inbound.text.strip() else None)
    if request is None or not address:
        return None
    work.flush()  # the contact's reports may be among an intake batch's rows kept back
    latest = _reports_of_contact(work, inbound, address, None)
    if latest is None:
        return None
    if not _first_delivery(work, inbound):
        return Received(latest.id, latest.tracking_no, None, False, True)
    target = latest if request.tracking_no is None else _reports_of_contact(work, inbound, address, request.tracking_no)
    detail: dict[str, Any] = {
        "channel": inbound.channel.value,
        "asked": request.tracking_no,
        "contact": address,
        "external_id": inbound.external_id,
    }
    if not _within_limit(work, inbound, address):
        work.audit("status_request", latest.id, outcome=LIMITED, **detail)
        return Received(latest.id, latest.tracking_no, None, False, False)
    if target is None:
        on, outcome, body = latest, REFUSED, NEUTRAL_ANSWER
    else:
        on, outcome, body = target, ANSWERED, _status_text(work.conn, target)
    # back through the account the citizen wrote to
    message_id = outbox.queue(work, on.id, inbound.channel, body, op_id=_request_id(inbound), account_id=account_id)
    work.audit("status_request", on.id, outcome=outcome, message_id=message_id, **detail)
    return Received(on.id, on.tracking_no, None, False, False)


def _reports_of_contact(work: Work, inbound: InboundMessage, address: str, tracking_no: str | None) -> _Report | None:
    """The report numbered ``tracking_no`` (None: the latest) whose reporter has this address on this channel."""
    query = (
        select(ticket.c.id, ticket.c.tracking_no, ticket.c.subject, ticket.c.status)
        .join(reporter_contact, reporter_contact.c.reporter_id == ticket.c.reporter_id)
        .join(reporter, reporter.c.id == ticket.c.reporter_id)
        .where(
            reporter_contact.c.channel == inbound.channel.value,
            reporter_contact.c.address == address,
            reporter.c.anonymous.is_(False),
            reporter.c.erased_at.is_(None),
            ticket.c.deleted_at.is_(None),
        )
    )
    if tracking_no is not None:
        query = query.where(ticket.c.tracking_no == tracking_no)
    row = work.conn.execute(query.order_by(ticket.c.created_at.desc(), ticket.c.id.desc()).limit(1)).first()
    return None if row is None else _Report(row.id, row.tracking_no, row.subject, row.status)


def status_text(conn: Connection, ticket_id: UUID) -> str:
    """What the reporter may read of their report: its status and the unit's last answer to them, never a note.
    The caller has established that the reader is the reporter (a contact of theirs, or a secret link)."""
    row = conn.execute(
        select(ticket.c.id, ticket.c.tracking_no, ticket.c.subject, ticket.c.status).where(ticket.c.id == ticket_id)
    ).one()
    return _status_text(conn, _Report(row.id, row.tracking_no, row.subject, row.status))


def _status_text(conn: Connection, report: _Report) -> str:
    return status_answer(report.tracking_no, report.subject, Status(report.status), _last_answer(conn, report.id))


def _last_answer(conn: Connection, ticket_id: UUID) -> str | None:
    """The text of the latest answer an officer wrote to the reporter (automatic messages have no author)."""
    found = conn.execute(
        select(message.c.body_text)
        .where(
            message.c.ticket_id == ticket_id,
            message.c.direction == Direction.OUTBOUND.value,
            message.c.author_id.is_not(None),
        )
        .order_by(message.c.created_at.desc(), message.c.id.desc())
        .limit(1)
    ).scalar()
    return None if found is None else str(found)


def _request_id(inbound: InboundMessage) -> UUID:
    """The answer's operation id, the same for every delivery of the request."""
    return uuid5(NAMESPACE_URL, f"aduan:status-request:{inbound.channel.value}:{inbound.external_id}")


def _first_delivery(work: Work, inbound: InboundMessage) -> bool:
    """Whether this request is handled for the first time: a named counter per request (its key is a digest of
    the channel and the message's id), inserted once; a concurrent second delivery waits and finds it."""
    digest = hashlib.sha1(f"{inbound.channel.value}\x00{inbound.external_id}".encode()).hexdigest()
    name = f"{REQUEST_PREFIX}{digest}"
    if work.conn.execute(select(counter.c.value).where(counter.c.name == name)).first() is not None:
        return False
    answered = select(outbound_message.c.id).where(outbound_message.c.op_id == _request_id(inbound))
    if work.conn.execute(answered).first() is not None:  # answered before its row was purged
        return False
    try:
        with work.conn.begin_nested():
            # The value is when it was first handled (seconds since 1970, UTC): ``purge_counters`` reads it.
            work.conn.execute(insert(counter).values(name=name, value=_seconds(work.now)))
    except IntegrityError:
        return False
    return True


def _within_limit(work: Work, inbound: InboundMessage, address: str) -> bool:
    """Count this request against the contact's clock hour; False past ``ANSWERS_PER_HOUR``."""
    digest = hashlib.sha1(f"{inbound.channel.value}\x00{address}".encode()).hexdigest()[:_RATE_DIGEST_CHARS]
    name = f"{RATE_PREFIX}{digest}:{work.now.strftime(_HOUR_FORMAT)}"
    bumped = work.conn.execute(update(counter).where(counter.c.name == name).values(value=counter.c.value + 1)).rowcount
    if not bumped:
        try:
            with work.conn.begin_nested():
                work.conn.execute(insert(counter).values(name=name, value=1))
        except IntegrityError:  # the contact's other request started the hour first
            work.conn.execute(update(counter).where(counter.c.name == name).values(value=counter.c.value + 1))
    count = work.conn.execute(select(counter.c.value).where(counter.c.name == name)).scalar_one()
    return int(count) <= ANSWERS_PER_HOUR


def purge_counters(work: Work) -> int:
    """Delete the rows that guard nothing any more: a contact's count of an hour gone by, and a request's row
    ``REQUEST_KEPT`` after it was first handled. Run by the worker's hourly pruning; returns the rows deleted.
    (A request's row written before its value was a time holds 1, and goes at the first run.)"""
    this_hour = work.now.strftime(_HOUR_FORMAT)
    rates = work.conn.execute(
        delete(counter).where(
            counter.c.name.like(f"{RATE_PREFIX}%"),
            func.substr(counter.c.name, _RATE_HOUR_AT, len(this_hour)) < this_hour,
        )
    ).rowcount
    requests = work.conn.execute(
        delete(counter).where(
            counter.c.name.like(f"{REQUEST_PREFIX}%"),
            counter.c.value < _seconds(work.now - REQUEST_KEPT),
        )
    ).rowcount
    return int(rates) + int(requests)


def _seconds(when: datetime) -> int:
    """``when`` (naive UTC, as the store keeps time; or aware) as whole seconds since 1970."""
    naive = when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo is not None else when
    return int((naive - _EPOCH).total_seconds())
