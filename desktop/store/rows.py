"""Turn result rows into the domain's frozen dataclasses; the UI and CLI never see a Row."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Select, not_, select

from ..domain.entities import Claim, Event, Message, Note, Reporter, Ticket
from ..domain.status import Status
from ..domain.vocabulary import Channel, Direction, Kind, Priority
from .confidentiality import CONTENT_VISIBLE
from .schema import event, message, note, officer, reporter, ticket, unit

holder = officer.alias("holder")
author = officer.alias("author")


def ticket_select() -> Select[Any]:
    """Tickets with what ``to_ticket`` needs. Execute it with ``confidentiality.viewer(actor)`` as parameters:
    ``content_withheld`` is computed for that officer (without them, a confidential report is withheld)."""
    return (
        select(
            ticket,
            unit.c.code.label("unit_code"),
            holder.c.login.label("holder_login"),
            reporter.c.name.label("reporter_name"),
            reporter.c.anonymous.label("reporter_anonymous"),
            reporter.c.confidential.label("reporter_confidential"),
            not_(CONTENT_VISIBLE).label("content_withheld"),
        )
        .join(unit, unit.c.id == ticket.c.unit_id)
        .outerjoin(holder, holder.c.id == ticket.c.claimed_by)
        .outerjoin(reporter, reporter.c.id == ticket.c.reporter_id)
    )


def to_ticket(row: Any) -> Ticket:
    """A ticket row of the central store (``ticket_select``) or of a client's mirror, as its reader may see it:
    a withheld report keeps its summary only, whatever the row carried."""
    m = row._mapping
    withheld = bool(m.get("content_withheld"))
    reporter_view = None
    if m["reporter_id"] is not None:
        anonymous = bool(m["reporter_anonymous"])
        reporter_view = Reporter(
            id=m["reporter_id"],
            name=None if anonymous or withheld else m["reporter_name"],
            anonymous=anonymous,
            confidential=bool(m["reporter_confidential"]),
        )
    return Ticket(
        id=m["id"],
        tracking_no=m["tracking_no"],
        kind=Kind(m["kind"]),
        category=m["category"],
        priority=Priority(m["priority"]),
        status=Status(m["status"]),
        unit=m["unit_code"],
        channel=Channel(m["channel"]),
        subject="" if withheld else m["subject"],
        reporter=reporter_view,
        claim=Claim(
            holder=m["holder_login"],
            device=m["claim_device"],
            token=int(m["claim_token"]),
            expires_at=m["claim_expires_at"],
        ),
        first_response_due_at=m["first_response_due_at"],
        due_at=m["due_at"],
        master_id=m["master_id"],
        row_version=int(m["row_version"]),
        created_at=m["created_at"],
        updated_at=m["updated_at"],
        content_withheld=withheld,
    )


def message_select() -> Select[Any]:
    return select(message, author.c.login.label("author_login")).outerjoin(author, author.c.id == message.c.author_id)


def to_message(row: Any) -> Message:
    m = row._mapping
    return Message(
        id=m["id"],
        ticket_id=m["ticket_id"],
        direction=Direction(m["direction"]),
        channel=Channel(m["channel"]),
        author=m["author_login"],
        body_text=m["body_text"],
        created_at=m["created_at"],
    )


def note_select() -> Select[Any]:
    return select(note, author.c.login.label("author_login")).join(author, author.c.id == note.c.author_id)


def to_note(row: Any, mentions: tuple[str, ...]) -> Note:
    m = row._mapping
    return Note(
        id=m["id"],
        ticket_id=m["ticket_id"],
        author=m["author_login"],
        body=m["body"],
        mentions=mentions,
        added_offline=bool(m["added_offline"]),
        created_at=m["created_at"],
    )


def event_select() -> Select[Any]:
    return select(event, author.c.login.label("author_login")).outerjoin(author, author.c.id == event.c.officer_id)


def to_event(row: Any) -> Event:
    m = row._mapping
    return Event(
        id=int(m["id"]),
        ticket_id=m["ticket_id"],
        officer=m["author_login"],
        action=m["action"],
        claim_token=m["claim_token"],
        detail=json.loads(m["detail"]) if m["detail"] else {},
        created_at=m["created_at"],
    )
