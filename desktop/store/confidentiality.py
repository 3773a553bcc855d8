"""Who reads a confidential report's content: the one predicate every read of a ticket's content applies.

A confidential reporter (LAPOR!'s *rahasia*) trusts the unit that handles the report, not the whole agency.
The content of their report — subject, messages, notes, attachments, hand-over texts, the reporter's
name — reaches only:
- the members of the ticket's handling unit (``ticket.unit_id`` among the officer's memberships);
- the officer holding its claim;
- officers it was explicitly shared with (``ticket_share``, see ``sharing.py``).
Everyone else who may see the ticket (a supervisor of a parent unit, an admin who is no member) gets its
summary: tracking number, status, deadlines, unit, kind, category, priority, claim holder, and
``content_withheld`` set.

Admins are deliberately not readers by role: an IT admin installs, configures and keeps the system running,
none of which needs a citizen's confidential complaint (UU PDP: personal data only for the purpose it was
given for). An admin who must read one is made a member of the unit or is shared the ticket, and both leave
a trace. The installation's owner (the database's own credentials, no officer named: ``actor`` None) and
the intake worker read everything: they hold the database itself.

The predicate is SQL, evaluated by the central database in the query that reads the rows, on the server
(never by a client). It is built with named bind parameters (``viewer_*``), so that a statement built once
(``claims.read_ticket``) can take the acting officer's values at execution (``viewer``); their defaults
withhold (no officer, no unit): a caller that forgets them shows less, never more.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, bindparam, exists, not_, or_

from .identity import Actor
from .schema import reporter, ticket, ticket_share


def viewer(actor: Actor | None) -> dict[str, Any]:
    """The bind parameters of the predicate for ``actor`` (None: the owner's tools and the worker, who read
    everything)."""
    if actor is None:
        return {"viewer_id": 0, "viewer_units": [], "viewer_all": 1}
    return {"viewer_id": actor.id, "viewer_units": sorted(actor.unit_ids), "viewer_all": 0}


def _predicate(viewer_id: int, viewer_units: list[int], viewer_all: int) -> ColumnElement[bool]:
    # Never NULL (a NOT of it must select the withheld tickets): officer ids start at 1, so the default
    # viewer 0 holds no claim and no share.
    me = bindparam("viewer_id", viewer_id, type_=Integer)
    # Correlated to the ticket only: the query around may join ``reporter`` (or ``ticket_share``) itself.
    confidential = exists().where(reporter.c.id == ticket.c.reporter_id, reporter.c.confidential).correlate(ticket)
    member = ticket.c.unit_id.in_(bindparam("viewer_units", viewer_units, expanding=True))
    held = and_(ticket.c.claimed_by.is_not(None), ticket.c.claimed_by == me)
    shared = exists().where(ticket_share.c.ticket_id == ticket.c.id, ticket_share.c.officer_id == me).correlate(ticket)
    everything = bindparam("viewer_all", viewer_all, type_=Integer) == 1
    return or_(not_(confidential), member, held, shared, everything)


def content_visible(actor: Actor | None) -> ColumnElement[bool]:
    """SQL over ``ticket``: whether ``actor`` may read the ticket's content (see the module's rule)."""
    return _predicate(**viewer(actor))


# The predicate with the withholding defaults, for statements built once and executed with ``viewer(actor)``.
# A statement holds either this or ``content_visible(actor)``, never both (their parameters share names).
CONTENT_VISIBLE = _predicate(0, [], 0)


def shared_with(actor: Actor) -> ColumnElement[bool]:
    """SQL over ``ticket``: the ticket was shared with ``actor`` (it is then in their scope too)."""
    return (
        exists().where(ticket_share.c.ticket_id == ticket.c.id, ticket_share.c.officer_id == actor.id).correlate(ticket)
    )
