"""What the desktop opens on: the configured server, or on first run an embedded demo workspace."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from ..domain.errors import BadInput
from ..domain.status import CLOSED
from ..store.schema import membership, officer, ticket
from ..store.service import Store

DEMO_TICKETS = 2_000
DEMO_SEED = 1
CLOSED_VALUES = sorted(status.value for status in CLOSED)


@dataclass(frozen=True, slots=True)
class Workspace:
    store: Store
    demo: bool  # the embedded database filled with demo data, not a unit's real work


def _is_empty(conn: Connection) -> bool:
    return not conn.execute(select(func.count()).select_from(ticket)).scalar_one()


def busiest_supervisor(conn: Connection) -> str | None:
    """The demo signs in as the supervisor whose unit has the most open tickets: a busy desk to try."""
    return conn.execute(
        select(officer.c.login)
        .join(membership, membership.c.officer_id == officer.c.id)
        .outerjoin(ticket, (ticket.c.unit_id == membership.c.unit_id) & ticket.c.status.not_in(CLOSED_VALUES))
        .where(officer.c.role == "supervisor")
        .group_by(officer.c.id, officer.c.login)
        .order_by(func.count(ticket.c.id).desc(), officer.c.id)
        .limit(1)
    ).scalar()


def open_workspace(url: str | None, officer_login: str | None) -> Workspace:
    """Open the configured database; with none configured, the embedded one, filled with demo data once."""
    store = Store(url, officer=officer_login)
    if not store.embedded_default:
        return Workspace(store, demo=False)
    if store.read(_is_empty):
        from . import generator as demo  # only the first run pays for importing the generator

        store.admin(demo.fill, DEMO_TICKETS, DEMO_SEED)
    if officer_login is None:
        login = store.read(busiest_supervisor)
        if login is None:
            raise BadInput("the embedded database has no supervisor to sign in as; pass --officer")
        store.dispose()
        store = Store(None, officer=login)
    return Workspace(store, demo=True)
