"""An initial sync in pages, watched from outside while a crasher process pulls it: killing the process once
some pages are stored, and checking what the killed pull left — whole pages, and progress over the last kill."""

from __future__ import annotations

import random
import signal
import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import select

from desktop.cache.database import SNAPSHOT_AFTER, SNAPSHOT_CURSOR, Cache
from desktop.cache.state import get_state
from desktop.store import schema as central
from desktop.store.confidentiality import content_visible
from desktop.store.feed import ticket_scope
from desktop.store.identity import resolve_actor
from desktop.store.service import Store
from tests.sync.crash_world import Crasher, integrity
from tests.sync.helpers import mirror_view, overlay_agrees

PULL_TIMEOUT_SECONDS = 300.0  # a stuck pull fails the test instead of hanging it
POLL_SECONDS = 0.005


def stored_tickets(path: Path) -> int:
    """The tickets the cache holds, read from outside while the crasher writes it (WAL: no lock is taken)."""
    with closing(sqlite3.connect(path, timeout=30)) as conn:
        return int(conn.execute("SELECT count(*) FROM ticket").fetchone()[0])


def kill_when_stored(run: Crasher, path: Path, pages: int, rng: random.Random, page: int) -> int:
    """Once the cache holds ``pages`` more pages than now, SIGKILL the (started) crasher at a random moment
    of the page after; the tickets stored when the kill was decided."""
    _, started_line = run.wait_for("started")
    assert started_line == "started"
    began = time.monotonic()
    before = stored_tickets(path)
    target = before + pages * page
    while (seen := stored_tickets(path)) < target:
        assert run.proc.poll() is None, f"the sync ended before {target} tickets were stored:\n{run.stderr()}"
        assert time.monotonic() - began < PULL_TIMEOUT_SECONDS, f"only {seen} tickets stored in time"
        time.sleep(POLL_SECONDS)
    # Up to one page's time more: the kill lands anywhere in the next page (read, applied, committed...).
    per_page = (time.monotonic() - began) / max(1, (seen - before) // page)
    time.sleep(rng.uniform(0.0, 1.0) * per_page)
    status = run.kill()
    assert status == -signal.SIGKILL, f"the sync finished before the kill (exit {status}):\n{run.stderr()}"
    return seen


def snapshot_state(path: Path) -> tuple[str | None, str | None, str | None]:
    """(cursor, snapshot cursor, snapshot after) of a cache, after checking that it is whole."""
    assert integrity(path) == "ok"
    cache = Cache(path)
    try:
        assert overlay_agrees(cache)
        with cache.read() as conn:
            return get_state(conn, "cursor"), get_state(conn, SNAPSHOT_CURSOR), get_state(conn, SNAPSHOT_AFTER)
    finally:
        cache.dispose()


def central_up_to(store: Store, after: str) -> dict[str, set[Any]]:
    """What the officer may see centrally of the tickets up to ``after`` (the central database's own order), in
    the shape ``mirror_view`` gives."""
    with store.connect() as conn, conn.begin():
        actor = resolve_actor(conn, store.requested_officer)
        t = central.ticket.c
        up_to = [ticket_scope(actor), t.id <= UUID(after)]
        found: dict[str, set[Any]] = {
            "ticket": {
                (r.id, r.row_version, r.status, r.claimed_by, r.claim_token)
                for r in conn.execute(select(t.id, t.row_version, t.status, t.claimed_by, t.claim_token).where(*up_to))
            }
        }
        for name in ("message", "note", "handover_item"):
            table = central.metadata.tables[name]
            # A confidential report's thread only where the officer may read it (an admin who is no member may not).
            query = (
                select(table.c.id).join(central.ticket, t.id == table.c.ticket_id).where(*up_to, content_visible(actor))
            )
            found[name] = set(conn.execute(query).scalars())
    return found


def check_whole_pages(path: Path, store: Store, page: int) -> int:
    """After a kill with nothing changed centrally since the snapshot began: no cursor yet, and the mirror is
    exactly the tickets up to the stored page end, each with its messages and notes. The tickets kept."""
    cursor, first, after = snapshot_state(path)
    assert cursor is None and first is not None and after is not None, "no snapshot under way after the kill"
    cache = Cache(path)
    try:
        mirror = mirror_view(cache)
    finally:
        cache.dispose()
    assert mirror == central_up_to(store, after), "the cache holds a page cut short, or misses a stored one"
    kept = len(mirror["ticket"])
    assert kept % page == 0
    return kept


def check_progress(path: Path, kept_before: int) -> int:
    """After a later kill: the snapshot is still under way (or done), with more tickets than before."""
    cursor, first, after = snapshot_state(path)
    assert cursor is None and first is not None and after is not None
    with closing(sqlite3.connect(path)) as conn:
        kept = int(conn.execute("SELECT count(*) FROM ticket").fetchone()[0])
    assert kept > kept_before, "the second process started the snapshot over"
    return kept
