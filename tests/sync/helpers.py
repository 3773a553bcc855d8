"""Clients for the sync tests: an officer's store, cache, desk and engine, on a real central database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop.cache import schema as s
from desktop.cache.database import Cache, integrity_ok
from desktop.desk.operations import Desk
from desktop.domain.errors import Unreachable
from desktop.store.service import Store
from desktop.sync.engine import SyncEngine, SyncReport
from tests.store.helpers import Org


@dataclass
class Client:
    login: str
    store: Store
    cache: Cache
    desk: Desk
    engine: SyncEngine

    def sync(self) -> SyncReport:
        return self.engine.sync()

    def try_sync(self) -> SyncReport | None:
        try:
            return self.engine.sync()
        except Unreachable:
            return None

    def outbox(self) -> list[Any]:
        with self.cache.read() as conn:
            return list(conn.execute(select(s.outbox).order_by(s.outbox.c.seq)))

    def outcome(self, op_id: object) -> tuple[str, dict[str, Any]]:
        with self.cache.read() as conn:
            row = conn.execute(select(s.outbox.c.state, s.outbox.c.outcome).where(s.outbox.c.op_id == op_id)).one()
        return row.state, json.loads(row.outcome) if row.outcome else {}

    def mirror_count(self, table: s.Table) -> int:  # type: ignore[name-defined]
        with self.cache.read() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    def close(self) -> None:
        self.store.dispose()
        self.cache.dispose()


def client(url: str, login: str, folder: Path, name: str | None = None) -> Client:
    store = Store(url, officer=login, device=f"{login}-pc")
    cache = Cache(folder / f"{name or login}.cache.db")
    return Client(login, store, cache, Desk(cache), SyncEngine(cache, store))


def holding(org: Org, login: str, folder: Path, tracking_no: str) -> Client:
    """A synced client whose officer holds the ticket."""
    c = client(org.url, login, folder)
    c.sync()
    c.desk.claim(tracking_no)
    c.sync()
    return c


def overlay_agrees(cache: Cache) -> bool:
    """Every overlay row belongs to a pending op, and every pending reply or note shows in the overlay."""
    with cache.read() as conn:
        if not integrity_ok(conn):
            return False
        pending = {
            row.op_id: row.kind
            for row in conn.execute(select(s.outbox.c.op_id, s.outbox.c.kind).where(s.outbox.c.state == "pending"))
        }
        for table in s.OVERLAY:
            for op_id in conn.execute(select(table.c.op_id)).scalars():
                if op_id not in pending:
                    return False
        shown = {
            "reply": set(conn.execute(select(s.local_message.c.op_id)).scalars()),
            "note": set(conn.execute(select(s.local_note.c.op_id)).scalars()),
        }
        return all(op_id in shown[kind] for op_id, kind in pending.items() if kind in shown)


def central_view(store: Store) -> dict[str, set[Any]]:
    """What the officer of ``store`` may see centrally, in the shape the mirror keeps it."""
    from desktop.store import schema as central
    from desktop.store.confidentiality import content_visible
    from desktop.store.feed import ticket_scope
    from desktop.store.identity import resolve_actor

    with store.connect() as conn, conn.begin():
        actor = resolve_actor(conn, store.requested_officer)
        scope = ticket_scope(actor)
        tickets = {
            (r.id, r.row_version, r.status, r.claimed_by, r.claim_token)
            for r in conn.execute(
                select(
                    central.ticket.c.id,
                    central.ticket.c.row_version,
                    central.ticket.c.status,
                    central.ticket.c.claimed_by,
                    central.ticket.c.claim_token,
                ).where(scope)
            )
        }
        children = {}
        for name in ("message", "note", "handover_item"):
            table = central.metadata.tables[name]
            # A confidential report's thread only where the officer may read it (store/confidentiality.py).
            query = (
                select(table.c.id)
                .join(central.ticket, central.ticket.c.id == table.c.ticket_id)
                .where(scope, content_visible(actor))
            )
            children[name] = set(conn.execute(query).scalars())
    return {"ticket": tickets, **children}


def mirror_view(cache: Cache) -> dict[str, set[Any]]:
    with cache.read() as conn:
        t = s.ticket.c
        tickets = {
            (r.id, r.row_version, r.status, r.claimed_by, r.claim_token)
            for r in conn.execute(select(t.id, t.row_version, t.status, t.claimed_by, t.claim_token))
        }
        children = {
            name: set(conn.execute(select(s.TICKET_CHILDREN[name].c.id)).scalars())
            for name in ("message", "note", "handover_item")
        }
    return {"ticket": tickets, **children}


def mirror_matches(c: Client) -> bool:
    """After a sync with nothing pending, the client's mirror equals the server for its scope."""
    return mirror_view(c.cache) == central_view(c.store)
