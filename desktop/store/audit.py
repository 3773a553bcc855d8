"""Reading the audit log (``event``, written by ``Work.audit``): one ticket's history, and the admins' and
supervisors' search across tickets.

Who reads what:
- a ticket's history: whoever may see the ticket (``feed.ticket_scope``: their units', a supervisor's units
  below, and those they hold) and, for a confidential reporter's report, its content (``confidentiality.py``:
  the handling unit's members, its holder, those it was shared with; not admins by role); anyone else is
  told there is no such ticket, as for an id that does not exist;
- the search: admins (and the owner's tools) every event, the rules' changes that name no ticket too, but
  on a confidential report whose content they may not read without the texts people typed (reasons, file
  names, errors: ``domain.audit.TEXT_FIELDS``); supervisors the events of the tickets whose history they may
  read as above. Officers do not search (``server/authz``).

Only the detail fields the domain lists for an action leave the database (``domain.audit.shown_detail``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, or_, select, true

from ..domain.audit import (
    DEFAULT_TIMEZONE,
    MAX_PAGE,
    AuditEntry,
    AuditPage,
    checked_action,
    period_bounds,
    shown_detail,
)
from ..domain.errors import BadInput, NotFound
from .confidentiality import content_visible, shared_with
from .feed import ticket_scope
from .identity import Actor
from .rows import author
from .schema import event, officer, ticket
from .work import Work


@dataclass(frozen=True, slots=True)
class AuditQuery:
    officer: str | None = None  # login
    ticket: str | None = None  # tracking number or id
    action: str | None = None
    since: date | None = None  # both days included, read in ``timezone``
    until: date | None = None
    timezone: str = DEFAULT_TIMEZONE
    before_id: int | None = None  # the page after the one that ended here (``AuditPage.next_before``)
    limit: int = 50


def _readable(actor: Actor | None) -> ColumnElement[bool]:
    """The tickets whose history the actor may read: those they may see (or that were shared with them) whose
    content they may read (``confidentiality.py``). None: the owner's tools, every ticket."""
    if actor is None:
        return true()
    return and_(ticket.c.deleted_at.is_(None), or_(ticket_scope(actor), shared_with(actor)), content_visible(actor))


def _entries(actor: Actor | None) -> Select[Any]:
    return select(
        content_visible(actor).label("readable"),
        event.c.id,
        event.c.ticket_id,
        ticket.c.tracking_no,
        author.c.login,
        event.c.action,
        event.c.claim_token,
        event.c.online,
        event.c.device,
        event.c.detail,
        event.c.created_at,
    ).select_from(
        event.outerjoin(ticket, ticket.c.id == event.c.ticket_id).outerjoin(author, author.c.id == event.c.officer_id)
    )


def _entry(row: Any) -> AuditEntry:
    stored = json.loads(row.detail) if row.detail else {}
    return AuditEntry(
        id=int(row.id),
        ticket_id=row.ticket_id,
        tracking_no=row.tracking_no,
        officer=row.login,
        action=row.action,
        claim_token=None if row.claim_token is None else int(row.claim_token),
        online=bool(row.online),
        device=row.device,
        detail=shown_detail(row.action, stored if isinstance(stored, dict) else {}, with_text=bool(row.readable)),
        created_at=row.created_at,
    )


def _readable_ticket(work: Work, reference: str) -> UUID:
    """The ticket named by id or tracking number, if the acting officer may read its history; otherwise
    NotFound, worded the same whether it exists or not."""
    reference = reference.strip()
    try:
        named = ticket.c.id == UUID(reference)
    except ValueError:
        named = ticket.c.tracking_no == reference.upper()
    found = work.conn.execute(select(ticket.c.id).where(named, _readable(work.actor))).scalar()
    if found is None:
        raise NotFound(f"no ticket {reference!r} that you may see")
    return UUID(str(found))


def ticket_history(work: Work, reference: str) -> list[AuditEntry]:
    """Everything done to one ticket, oldest first."""
    ticket_id = _readable_ticket(work, reference)
    rows = work.conn.execute(_entries(work.actor).where(event.c.ticket_id == ticket_id).order_by(event.c.id))
    return [_entry(row) for row in rows]


def search_events(work: Work, query: AuditQuery) -> AuditPage:
    """One page of the events that match every filter given, newest first."""
    if not 1 <= query.limit <= MAX_PAGE:
        raise BadInput(f"the page size must be from 1 to {MAX_PAGE}")
    start, end = period_bounds(query.since, query.until, query.timezone)
    actor = work.actor
    found = _entries(actor)
    if actor is not None and actor.visible_unit_ids is not None:
        found = found.where(event.c.ticket_id.is_not(None), _readable(actor))
    if query.officer is not None:
        officer_id = work.conn.execute(select(officer.c.id).where(officer.c.login == query.officer)).scalar()
        if officer_id is None:
            raise NotFound(f"no officer with login {query.officer!r}")
        found = found.where(event.c.officer_id == officer_id)
    if query.ticket is not None:
        found = found.where(event.c.ticket_id == _readable_ticket(work, query.ticket))
    if query.action is not None:
        found = found.where(event.c.action == checked_action(query.action))
    if start is not None:
        found = found.where(event.c.created_at >= start)
    if end is not None:
        found = found.where(event.c.created_at < end)
    if query.before_id is not None:
        found = found.where(event.c.id < query.before_id)
    rows = work.conn.execute(found.order_by(event.c.id.desc()).limit(query.limit + 1)).all()
    entries = tuple(_entry(row) for row in rows[: query.limit])
    return AuditPage(entries, entries[-1].id if len(rows) > query.limit else None)
