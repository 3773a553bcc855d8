"""A pull on a slow workstation must not outlive the database's idle-transaction timeout (``store/engine.py``:
PostgreSQL's idle_in_transaction_session_timeout, MariaDB's idle_transaction_timeout).

A direct link reads each pull in one central transaction; the workstation's own work that needs nothing more
from it (indexing a snapshot's page for search, forgetting a whole mirror before a snapshot begins again) must
come after that transaction, or an officer's first sync of a large unit fails half-way on a slow laptop. Here
the timeout is cut to one second and that local work made to take longer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, func, insert, select

from desktop.cache import schema as s
from desktop.cache import search_index
from desktop.cache.database import drop_mirror
from desktop.store import engine as engines
from desktop.store.identity import unit_id_by_code
from desktop.store.schema import membership, officer
from tests.store.helpers import Org, build_org, new_ticket
from tests.sync.helpers import client, mirror_matches

# The timeout leaves the work that does belong in the transaction (writing a page into the mirror) a margin for
# a loaded test machine: at 1 s, one stall of the client in a full run ended a pull that did nothing wrong.
IDLE_SECONDS = 2
SLOW = IDLE_SECONDS + 1.0  # seconds of local work: past the timeout set here


@pytest.fixture
def org(server_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    monkeypatch.setattr(engines, "IDLE_IN_TRANSACTION_SECONDS", IDLE_SECONDS)  # read by every engine made from now on
    built = build_org(server_url)
    yield built
    built.close()


def slowly(work: Callable[..., Any], when: Callable[[Connection], bool] = lambda _conn: True) -> Callable[..., Any]:
    def slow(conn: Connection, *args: Any) -> Any:
        if when(conn):
            time.sleep(SLOW)
        return work(conn, *args)

    return slow


def mirror_holds_tickets(conn: Connection) -> bool:
    return bool(conn.execute(select(func.count()).select_from(s.ticket)).scalar_one())


def test_a_paged_snapshot_and_a_new_one_outlive_a_short_idle_timeout(
    org: Org, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):
        new_ticket(org.ani, subject=f"Lampu jalan padam {n}")
    new_ticket(org.rudi, "kanreg-1", subject="Saluran air tersumbat")
    ani = client(org.url, "ani", tmp_path)
    try:
        ani.engine.snapshot_page = 2  # three pages, each indexed for search slowly
        monkeypatch.setattr(search_index, "catch_up", slowly(search_index.catch_up))
        first = ani.sync().pull
        assert first.initial and first.pages == 3
        assert mirror_matches(ani)

        # Ani joins kanreg-1: her scope changed, a snapshot begins again, and forgetting the old mirror is slow.
        def join(conn: Connection) -> None:
            ani_id = conn.execute(select(officer.c.id).where(officer.c.login == "ani")).scalar_one()
            conn.execute(insert(membership).values(officer_id=ani_id, unit_id=unit_id_by_code(conn, "kanreg-1")))

        org.admin.admin(join)
        monkeypatch.setattr("desktop.sync.engine.drop_mirror", slowly(drop_mirror, when=mirror_holds_tickets))
        again = ani.sync().pull
        assert again.initial and again.rows["ticket"] == 6
        assert mirror_matches(ani)
    finally:
        ani.close()
