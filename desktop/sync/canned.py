"""Canned responses the officer may insert into a reply: the newest version of each template that is
global or belongs to the ticket's unit, switched-off templates left out.

Only the placeholders the cache can fill are filled here (the reporter's name — never an anonymous
reporter's —, the tracking number, the unit); any other placeholder stays visible as written, so the
officer sees what is left to complete before sending.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import Connection, func, or_, select

from . import cache_schema as s
from .desk import seen

# How the reply addresses a reporter whose name we do not have or may not show.
MASKED_REPORTER = "Pelapor"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True, slots=True)
class CannedResponse:
    key: str
    version: int
    title: str
    body: str  # with the known placeholders filled in for the ticket


def canned_for_ticket(conn: Connection, ticket_id: UUID) -> list[CannedResponse]:
    """The templates for ``ticket_id`` (its unit as the officer sees it, a queued transfer included), by title."""
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
    values = {
        "nama_pelapor": _reporter_name(conn, ticket_id),
        "nomor_tiket": view.tracking_no,  # None until the server numbers a ticket made here: left visible
        "unit": unit.name if unit is not None else None,
    }
    return [CannedResponse(r.key, int(r.version), r.title, fill_placeholders(r.body, values)) for r in rows]


def fill_placeholders(body: str, values: dict[str, str | None]) -> str:
    """Replace ``{name}`` by its value where one is known; unknown names stay as they are."""

    def known(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return match.group(0) if value is None else value

    return _PLACEHOLDER.sub(known, body)


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
    return MASKED_REPORTER if anonymous or not name else str(name)
