"""Taking the next ticket offline: the ticket the central pick would choose, as far as the cache knows.

The order mirrors ``store.claims.pick_next``: open tickets in the officer's own units with no live
claim, due first (no deadline last), then highest priority, then oldest. The claim itself is queued
through the desk; the server decides again when it is pushed (someone may have been quicker).

Only the server knows what colleagues took meanwhile: offline, the cache's choice is a guess, and when the
cache knows of nothing free the officer is told that taking the next one needs the connection
(``NeedsConnection``), not that there is nothing.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import Connection, not_, or_, select

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.officer import me
from ..cache.state import get_state, server_time
from ..domain.errors import NotFound
from ..domain.status import CLOSED
from .operations import Desk


def next_candidate(conn: Connection) -> UUID:
    """The best unclaimed open ticket in my units, or NotFound."""
    mine = me(conn)
    units = select(s.membership.c.unit_id).where(s.membership.c.officer_id == mine)
    t = s.ticket.c
    closed = [x.value for x in CLOSED]
    # Tickets with pending work that changes their claim or closes them (my queued claim, release,
    # transfer or closing status) are not free for me to pick, whatever the mirror says.
    settled_here = select(s.local_ticket.c.ticket_id).where(
        or_(s.local_ticket.c.claimed.is_not(None), s.local_ticket.c.status.in_(closed))
    )
    found = conn.execute(
        select(t.id)
        .where(
            t.unit_id.in_(units),
            t.status.not_in(closed),
            or_(t.claimed_by.is_(None), t.claim_expires_at < server_time(conn)),
            not_(t.id.in_(settled_here)),
        )
        .order_by(t.due_at.is_(None), t.due_at, t.priority.desc(), t.created_at, t.id)
        .limit(1)
    ).scalar()
    if found is None:
        raise NotFound("nothing to pick: no unclaimed open ticket in your units")
    return UUID(str(found))


class NeedsConnection(NotFound):
    """Offline, and the cache knows of no free ticket: the server may well have one."""

    code = "needs_connection"


def is_offline(conn: Connection) -> bool:
    return get_state(conn, "online") != "1"


def take_next(cache: Cache, desk: Desk) -> UUID:
    """Queue a claim on the next candidate and return its id (offline: the cache's best guess)."""
    with cache.read() as conn:
        try:
            ticket_id = next_candidate(conn)
        except NotFound:
            if is_offline(conn):
                raise NeedsConnection(
                    "taking the next ticket needs the connection to the server; "
                    "no unclaimed open ticket is known on this computer"
                ) from None
            raise
    desk.claim(str(ticket_id))
    return ticket_id
