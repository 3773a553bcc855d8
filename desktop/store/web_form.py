"""The public web form's part of the store: a report filed through it (exactly once, within the unit's hourly
limit), its private status link, and what that link shows.

A form carries a submission id and its status secret from the moment it is rendered (``server/web_form.py``);
the submission id is the message's external id, so a form sent twice is stored once and answered with the
same tracking number. The hourly limit holds across every ``aduan server`` process: the unit's web account row
is locked before its reports of the last hour are counted, so two submissions never both take the last place.
Only the secret's SHA-256 is stored: the database never holds what opens the status page.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from sqlalchemy import Connection, func, insert, select

from ..domain.errors import Conflict
from ..domain.inbound import InboundMessage
from ..domain.status import Status
from ..domain.vocabulary import Channel, Direction, Kind
from .identity import unit_id_by_code
from .intake import receive
from .schema import channel_account, message, ticket, web_form_key, web_report
from .sla import read_rules
from .work import begin

HOUR = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Filed:
    tracking_no: str
    new: bool  # False: this form had been sent before, nothing new was stored


@dataclass(frozen=True, slots=True)
class PublicStatus:
    """What a status link shows: never an internal note, never the reporter's or anybody else's data."""

    tracking_no: str
    status: Status
    received_on: date  # the day of receipt, in the time zone of the unit's working calendar
    last_answer: str | None  # the latest answer an officer sent to the reporter (no acknowledgement)
    answered_on: date | None


def form_key(conn: Connection) -> str:
    """The key the form's tokens are signed with, made on first use (hex, 32 random bytes)."""
    found = conn.execute(select(web_form_key.c.secret).where(web_form_key.c.id == 1)).scalar()
    if found is not None:
        return str(found)
    made = secrets.token_hex(32)
    # Two servers making it at the same moment: one insert fails (IntegrityError), and asked again, the
    # other's key holds.
    conn.execute(insert(web_form_key).values(id=1, secret=made))
    return made


def filed_before(conn: Connection, submission: str) -> str | None:
    """The tracking number of the report this form already filed, if it did."""
    found = conn.execute(
        select(ticket.c.tracking_no)
        .join(message, message.c.ticket_id == ticket.c.id)
        .where(message.c.channel == Channel.WEB.value, message.c.external_id == submission)
    ).scalar()
    return None if found is None else str(found)


def file_report(
    conn: Connection,
    inbound: InboundMessage,
    unit_code: str,
    kind: Kind,
    account_id: int,
    hourly_limit: int,
    secret_sha256: str,
) -> Filed | None:
    """Store the form's report in ``unit_code`` through the normal intake; None (nothing stored) when the unit
    has taken ``hourly_limit`` web reports in the last hour already."""
    # The account's row first, locked: on MariaDB the snapshot the count reads is taken after the lock.
    conn.execute(select(channel_account.c.id).where(channel_account.c.id == account_id).with_for_update()).first()
    before = filed_before(conn, inbound.external_id)
    if before is not None:
        return Filed(before, new=False)
    work = begin(conn, None)
    unit_id = unit_id_by_code(conn, unit_code)
    taken = conn.execute(
        select(func.count())
        .select_from(web_report)
        .where(web_report.c.unit_id == unit_id, web_report.c.created_at > work.now - HOUR)
    ).scalar_one()
    if taken >= hourly_limit:
        return None
    received = receive(work, inbound, unit_code, kind, account_id, acknowledgement=None)
    if not received.new_ticket:  # never a status link to a report this form did not start (rolled back)
        raise Conflict("the web form's report did not start a report of its own; nothing was stored")
    conn.execute(
        insert(web_report).values(
            ticket_id=received.ticket_id, unit_id=unit_id, secret_sha256=secret_sha256, created_at=work.now
        )
    )
    return Filed(received.tracking_no, new=True)


def public_status(conn: Connection, secret_sha256: str) -> PublicStatus | None:
    """The report behind a status link, or None (no such link, or the report was deleted)."""
    found = conn.execute(
        select(ticket.c.id, ticket.c.tracking_no, ticket.c.status, ticket.c.created_at, ticket.c.unit_id)
        .join(web_report, web_report.c.ticket_id == ticket.c.id)
        .where(web_report.c.secret_sha256 == secret_sha256, ticket.c.deleted_at.is_(None))
    ).first()
    if found is None:
        return None
    answer = conn.execute(
        select(message.c.body_text, message.c.created_at)
        .where(
            message.c.ticket_id == UUID(str(found.id)),
            message.c.direction == Direction.OUTBOUND.value,
            message.c.author_id.is_not(None),  # an officer's, not an acknowledgement or an automatic answer
        )
        .order_by(message.c.created_at.desc(), message.c.id.desc())
        .limit(1)
    ).first()
    calendar = read_rules(conn).calendar_for(int(found.unit_id))
    return PublicStatus(
        found.tracking_no,
        Status(found.status),
        calendar.local_day(found.created_at),
        None if answer is None else str(answer.body_text),
        None if answer is None else calendar.local_day(answer.created_at),
    )
