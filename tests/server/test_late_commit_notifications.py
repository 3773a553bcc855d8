"""On PostgreSQL a change stamp is a transaction id, handed out when a transaction first writes, not when it
commits: a transaction that took its stamp first and commits last does not move the newest stamp. A client
waiting for news is woken by its commit all the same (``changes.latest_change``).

PostgreSQL only: on MariaDB and SQLite every writing transaction bumps one counter row under its lock, so a
second writer waits for the first and the commits come in the order of their stamps (tests/sync/test_cursor.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select, update

from desktop.store.changes import stamp
from desktop.store.schema import ticket
from desktop.sync.http_central import HttpCentral
from tests.conftest import _database, _migrated
from tests.server.live import LiveServer, give_passwords, running_server
from tests.store.helpers import Org, build_org, new_ticket

SETTLE_WAIT = 2.0  # the watcher reads twice a second: a value unchanged this long has settled
LONG_WAIT = 20.0  # a client's wait: far longer than the watcher needs to see a commit


@dataclass
class PgWorld:
    org: Org
    server: LiveServer


@pytest.fixture
def pg_world(tmp_path: Path) -> Iterator[PgWorld]:
    for url in _database("postgresql", tmp_path):
        _migrated(url)
        org = build_org(url)
        give_passwords(org.admin, "ani")
        try:
            with running_server(url, tmp_path) as server:
                yield PgWorld(org, server)
        finally:
            org.close()


def settled(client: HttpCentral, known: str | None) -> str:
    """The server's newest change once it stays the same for a while."""
    latest = client.next_change(known, 0)
    assert latest is not None
    while (again := client.next_change(latest, SETTLE_WAIT)) != latest:
        assert again is not None
        latest = again
    return latest


def test_a_transaction_that_took_its_stamp_first_and_commits_last_wakes_a_waiting_client(pg_world: PgWorld) -> None:
    org = pg_world.org
    early = new_ticket(org.ani, subject="Diubah oleh transaksi yang lama")
    ani = pg_world.server.central("ani")
    slow = org.admin.engine.connect()
    try:
        known = settled(ani, None)
        # T1 writes first (and so holds the smaller transaction id), but stays open.
        slow_transaction = slow.begin()
        first = stamp(slow)
        slow.execute(
            update(ticket)
            .where(ticket.c.id == early.id)
            .values(subject="Sudah diperbaiki", row_version=ticket.c.row_version + 1, change_seq=first)
        )
        # T2 writes after it and commits: the watcher reports it.
        later = new_ticket(org.ani, subject="Laporan yang selesai lebih dulu")
        with org.admin.engine.connect() as conn:
            second = conn.execute(select(ticket.c.change_seq).where(ticket.c.id == later.id)).scalar_one()
        assert first < second, "T1 did not take the smaller stamp: the test would show nothing"
        after_second = settled(ani, known)
        assert after_second != known

        # A client waits with what it knows now; T1 commits: the wait ends with a new value.
        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(ani.next_change, after_second, LONG_WAIT)
            slow_transaction.commit()
            woken = waiting.result(timeout=LONG_WAIT + 30)
        assert woken is not None and woken != after_second, "the late commit did not wake the waiting client"
        assert settled(ani, woken) != after_second
    finally:
        slow.close()
        ani.close()
