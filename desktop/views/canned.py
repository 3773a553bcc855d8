"""Canned responses the officer may insert into a reply, read offline from the cache: the newest version
of each template that is global or belongs to the ticket's unit, retired ones left out, with the values of
the template variables that the cache knows for the ticket.

Rendering is all or nothing (``desktop.domain.canned.render``): a template whose variable has no value for
this ticket — a tracking number before the server numbered a ticket made offline, a deadline not set — is
refused with the names of what is missing, so a citizen never receives "Yth. {nama_pelapor}". The
reporter's name is never an anonymous reporter's (the cache does not hold it anyway).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, func, or_, select

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.officer import me
from ..cache.overlay import seen
from ..domain import canned_values
from ..domain.calendar import WIB
from ..domain.canned import canned_ref, render
from ..domain.errors import NotFound
from ..domain.vocabulary import Role

# How the reply addresses a reporter whose name we do not have or may not show (shared with bulk answers).
MASKED_REPORTER = canned_values.MASKED_REPORTER


@dataclass(frozen=True, slots=True)
class CannedResponse:
    key: str
    version: int
    title: str
    body: str  # the template as its author wrote it, variables unfilled

    @property
    def ref(self) -> str:
        """``key@version``, recorded with the reply written from it."""
        return canned_ref(self.key, self.version)


@dataclass(frozen=True, slots=True)
class TicketCanned:
    """The templates offered for one ticket and the values of their variables, read together."""

    responses: tuple[CannedResponse, ...] = ()
    values: Mapping[str, str | None] = field(default_factory=dict)

    def render(self, response: CannedResponse) -> str:
        """The text to insert; MissingVariable (naming what is missing) instead of a half-filled text."""
        return render(response.body, self.values, response.title)

    def find(self, key: str) -> CannedResponse:
        for response in self.responses:
            if response.key == key:
                return response
        raise NotFound(f"no canned response {key!r} for this ticket (unknown, retired, or another unit's)")


def canned_for_ticket(conn: Connection, ticket_id: UUID) -> TicketCanned:
    """The templates for ``ticket_id`` (its unit as the officer sees it, a queued transfer included), by
    title, and the values of the variables for it."""
    view = seen(conn, ticket_id)
    unit = conn.execute(select(s.unit.c.id, s.unit.c.name).where(s.unit.c.code == view.unit_code)).first()
    c = s.canned_response.c
    owners = or_(c.unit_id.is_(None), c.unit_id == unit.id) if unit is not None else c.unit_id.is_(None)
    newest = select(c.key, func.max(c.version).label("version")).where(owners).group_by(c.key).subquery()
    rows = conn.execute(
        select(c.key, c.version, c.title, c.body)
        .join(newest, (newest.c.key == c.key) & (newest.c.version == c.version))
        .where(c.active.is_(True))
        .order_by(c.title, c.key)
    ).all()
    due_at = conn.execute(select(s.ticket.c.due_at).where(s.ticket.c.id == ticket_id)).scalar()
    values = {
        "nama_pelapor": _reporter_name(conn, ticket_id),
        "nomor_tiket": view.tracking_no,  # None until the server numbers a ticket made here
        "unit": unit.name if unit is not None else None,
        "tenggat": deadline_date(due_at, unit_timezone(conn, unit.id if unit else None)),
    }
    responses = tuple(CannedResponse(r.key, int(r.version), r.title, r.body) for r in rows)
    return TicketCanned(responses, values)


def load_canned_for_ticket(cache: Cache, ticket_id: UUID) -> TicketCanned:
    with cache.read() as conn:
        return canned_for_ticket(conn, ticket_id)


def render_for_ticket(conn: Connection, ticket_id: UUID, key: str) -> str:
    """The newest active version of ``key`` rendered for ``ticket_id``: NotFound when it is not offered
    for this ticket, MissingVariable when a variable has no value here."""
    offered = canned_for_ticket(conn, ticket_id)
    return offered.render(offered.find(key))


def manages_canned(conn: Connection) -> bool:
    """Whether the signed-in officer may manage canned responses (supervisors and admins), as the cache
    knows their role; the central store decides again when they save."""
    role = conn.execute(select(s.officer.c.role).where(s.officer.c.id == me(conn))).scalar()
    return role in (Role.SUPERVISOR.value, Role.ADMIN.value)


def deadline_date(due_at: datetime | None, timezone: str) -> str | None:
    """A naive-UTC deadline as the local date in ``timezone``, Indonesian style ("27 Maret 2026"); None
    without a deadline. An unknown zone counts as WIB: the store checks zones when a calendar is saved,
    and a reply is never held up by one."""
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        timezone = WIB
    return canned_values.local_deadline(due_at, timezone)


def unit_timezone(conn: Connection, unit_id: int | None) -> str:
    """The time zone of the unit's working calendar: its own, else the default calendar's, else WIB."""
    cal = s.calendar.c
    own = None
    if unit_id is not None:
        own = conn.execute(select(cal.timezone).where(cal.unit_id == unit_id)).scalar()
    default = own or conn.execute(select(cal.timezone).where(cal.unit_id.is_(None)).limit(1)).scalar()
    return str(default or WIB)


def _reporter_name(conn: Connection, ticket_id: UUID) -> str:
    row = conn.execute(
        select(s.ticket.c.reporter_name, s.ticket.c.reporter_anonymous).where(s.ticket.c.id == ticket_id)
    ).first()
    if row is not None:
        name, anonymous = row.reporter_name, bool(row.reporter_anonymous)
    else:  # a ticket made on this workstation, not yet numbered
        created = conn.execute(select(s.local_ticket.c.new_ticket).where(s.local_ticket.c.ticket_id == ticket_id))
        fields = json.loads(created.scalar() or "{}")
        name, anonymous = fields.get("reporter_name"), bool(fields.get("anonymous"))
    return canned_values.reporter_greeting(name, anonymous)
