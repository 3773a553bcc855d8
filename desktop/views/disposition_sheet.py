"""What a printed report (*lembar disposisi*, the disposition sheet filed with a report) carries, read from the
cache: the agency and unit, the report's number, dates, reporter, subject, kind/category/priority, deadline
and thread. The history comes from the server (the audit log is never cached), so the UI adds it when it
can and the sheet says when it could not. Words and layout are the UI's (``ui/print_sheet.py``).

Paper leaves the system: whoever may read the report on screen may print it, but a confidential reporter's
name is never printed (the sheet says "confidential" instead), an anonymous one has none, and a report whose
content is withheld from this officer prints its summary only, as the screen shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from sqlalchemy import Connection, select

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.state import server_time
from ..domain.status import Status
from ..domain.vocabulary import Channel, Direction, Kind, Priority
from .tickets import CachedDetail, ticket_detail


class ReporterShown(StrEnum):
    NAMED = "named"  # the name is printed
    CONFIDENTIAL = "confidential"  # known to the unit, not printed
    ANONYMOUS = "anonymous"
    UNKNOWN = "unknown"


class EntryKind(StrEnum):
    CITIZEN = "citizen"
    REPLY = "reply"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class SheetEntry:
    at: datetime  # naive UTC
    kind: EntryKind
    author: str | None  # an officer's name; None for the citizen
    channel: Channel
    text: str


@dataclass(frozen=True, slots=True)
class DispositionSheet:
    ticket_id: UUID
    agency: str | None  # the top of the unit's tree ("Sekretariat Jenderal"), None when the unit is the top
    unit_name: str
    tracking_no: str
    subject: str
    kind: Kind
    category: str | None
    priority: Priority
    status: Status
    channel: Channel
    created_at: datetime
    first_response_due_at: datetime | None
    due_at: datetime | None
    reporter: ReporterShown
    reporter_name: str | None  # only when ``reporter`` is NAMED
    handler: str | None  # the claim holder's name, when held
    content_withheld: bool
    entries: tuple[SheetEntry, ...]
    printed_at: datetime  # the server's clock as the cache knows it
    printed_by: str | None
    names: Mapping[str, str] = field(default_factory=dict)  # officers' names by login, for the history


def sheet_from_detail(cached: CachedDetail, agency: str | None, printed_at: datetime) -> DispositionSheet:
    ticket = cached.detail.ticket
    names = cached.names

    def name(login: str | None) -> str | None:
        return None if login is None else names.get(login, login)

    entries = [
        SheetEntry(
            m.created_at,
            EntryKind.CITIZEN if m.direction is Direction.INBOUND else EntryKind.REPLY,
            None if m.direction is Direction.INBOUND else name(m.author),
            m.channel,
            m.body_text,
        )
        for m in cached.detail.messages
    ]
    entries += [
        SheetEntry(n.created_at, EntryKind.NOTE, name(n.author), ticket.channel, n.body) for n in cached.detail.notes
    ]
    entries.sort(key=lambda e: e.at)
    reporter, reporter_name = _reporter(cached)
    return DispositionSheet(
        ticket_id=ticket.id,
        agency=agency,
        unit_name=cached.unit_name or ticket.unit,
        tracking_no=ticket.tracking_no,
        subject=ticket.subject,
        kind=ticket.kind,
        category=ticket.category,
        priority=ticket.priority,
        status=ticket.status,
        channel=ticket.channel,
        created_at=ticket.created_at,
        first_response_due_at=ticket.first_response_due_at,
        due_at=ticket.due_at,
        reporter=reporter,
        reporter_name=reporter_name,
        handler=name(ticket.claim.holder),
        content_withheld=ticket.content_withheld,
        entries=() if ticket.content_withheld else tuple(entries),
        printed_at=printed_at,
        printed_by=name(cached.my_login),
        names=dict(names),
    )


def _reporter(cached: CachedDetail) -> tuple[ReporterShown, str | None]:
    person = cached.detail.ticket.reporter
    if person is None:
        return ReporterShown.UNKNOWN, None
    if person.anonymous:
        return ReporterShown.ANONYMOUS, None
    if person.confidential:
        return ReporterShown.CONFIDENTIAL, None
    if cached.detail.ticket.content_withheld or not person.name:
        return ReporterShown.UNKNOWN, None
    return ReporterShown.NAMED, person.name


def agency_of(conn: Connection, unit_code: str) -> str | None:
    """The name at the top of the unit's tree, the agency the sheet is headed with; None for a top unit."""
    units = {r.id: r for r in conn.execute(select(s.unit.c.id, s.unit.c.code, s.unit.c.name, s.unit.c.parent_id))}
    current = next((u for u in units.values() if u.code == unit_code), None)
    if current is None or current.parent_id is None:
        return None
    seen = {current.id}
    while current.parent_id in units and current.parent_id not in seen:
        current = units[current.parent_id]
        seen.add(current.id)
    return str(current.name)


def disposition_sheet(conn: Connection, ticket_id: UUID) -> DispositionSheet:
    cached = ticket_detail(conn, ticket_id)
    return sheet_from_detail(cached, agency_of(conn, cached.detail.ticket.unit), server_time(conn))


def load_disposition_sheet(cache: Cache, ticket_id: UUID) -> DispositionSheet:
    with cache.read() as conn:
        return disposition_sheet(conn, ticket_id)
