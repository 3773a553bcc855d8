"""The count and checksum of an officer's scope (``Feed.checksum``) is summed from disjoint parts read from an
index; it must be that of ``ticket_scope`` exactly, on every engine: units, sub-units, tickets held in other
units, shared ones, a ticket both held and shared, deleted ones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, insert, select, update

from desktop.cache import mirror_sum
from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.domain.vocabulary import Role
from desktop.store import schema as central
from desktop.store.clock import server_now
from desktop.store.feed import Checksum, Feed, ticket_scope
from desktop.store.identity import resolve_actor, unit_id_by_code
from desktop.store.service import Store
from tests.store.helpers import Org, add_officer_without_login, build_org, new_ticket
from tests.sync.helpers import client


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def scope_checksum(store: Store) -> tuple[Checksum, Checksum]:
    """(the feed's checksum, the same counted over ``ticket_scope`` in one plain query), in one snapshot."""
    with store.connect() as conn, conn.begin():
        actor = resolve_actor(conn, store.requested_officer)
        plain = conn.execute(
            select(func.count(), func.coalesce(func.sum(central.ticket.c.row_version), 0)).where(ticket_scope(actor))
        ).one()
        return Feed(conn, actor, None).checksum(), Checksum(int(plain[0]), int(plain[1]))


def hold(org: Org, ticket_id: object, login: str) -> None:
    """Give ``login`` the claim, whatever the unit (as a supervisor's assignment across units would)."""

    def _hold(conn: Connection) -> None:
        holder = conn.execute(select(central.officer.c.id).where(central.officer.c.login == login)).scalar_one()
        row = central.ticket.c
        conn.execute(
            update(central.ticket)
            .where(row.id == ticket_id)
            .values(claimed_by=holder, claim_token=row.claim_token + 1, row_version=row.row_version + 7)
        )

    org.admin.admin(_hold)


def share(org: Org, ticket_id: object, login: str) -> None:
    """A share row as ``sharing.share_ticket`` writes it (for a confidential report; the scope does not ask)."""

    def _share(conn: Connection) -> None:
        officer_id = conn.execute(select(central.officer.c.id).where(central.officer.c.login == login)).scalar_one()
        conn.execute(
            insert(central.ticket_share).values(ticket_id=ticket_id, officer_id=officer_id, created_at=server_now(conn))
        )

    org.admin.admin(_share)


def test_the_checksum_is_that_of_the_scope_for_every_kind_of_officer(org: Org) -> None:
    for store, unit in ((org.ani, "humas"), (org.budi, "humas"), (org.sari, "kanreg"), (org.rudi, "kanreg-1")):
        new_ticket(store, unit)
    new_ticket(org.sari, "kanreg-1")
    held_elsewhere = new_ticket(org.rudi, "kanreg-1").id  # ani holds it: in her scope, not her unit
    hold(org, held_elsewhere, "ani")
    shared = new_ticket(org.rudi, "kanreg-1").id  # shared with ani
    share(org, shared, "ani")
    both = new_ticket(org.rudi, "kanreg-1").id  # held by ani and shared with her: counted once
    share(org, both, "ani")
    hold(org, both, "ani")
    gone = new_ticket(org.ani, "humas").id
    org.admin.admin(
        lambda conn: conn.execute(
            update(central.ticket).where(central.ticket.c.id == gone).values(deleted_at=server_now(conn))
        )
    )

    org.admin.admin(add_officer_without_login, "adi", "Adi Nugroho", [], Role.ADMIN)
    adi = Store(org.url, "adi")  # an admin sees every live ticket
    expected_counts = {"adi": 8, "ani": 5, "budi": 2, "sari": 6, "rudi": 5}
    try:
        for name, store in (("adi", adi), ("ani", org.ani), ("budi", org.budi), ("sari", org.sari), ("rudi", org.rudi)):
            feed_sum, plain_sum = scope_checksum(store)
            assert feed_sum == plain_sum, name
            assert feed_sum.tickets == expected_counts[name], name
    finally:
        adi.dispose()
    assert scope_checksum(org.ani)[0].versions > 5  # the row versions count, not only the tickets


def mirror_counted(cache: Cache) -> Checksum:
    with cache.read() as conn:
        row = conn.execute(select(func.count(), func.coalesce(func.sum(s.ticket.c.row_version), 0))).one()
        return Checksum(int(row[0]), int(row[1]))


def test_the_mirror_keeps_its_own_checksum_as_its_rows_change(org: Org, tmp_path: Path) -> None:
    for n in range(3):
        new_ticket(org.ani, subject=f"Lampu jalan padam {n}")
    moving = new_ticket(org.ani, subject="Saluran air tersumbat")
    ani = client(org.url, "ani", tmp_path)
    try:
        ani.sync()
        hold(org, moving.id, "budi")  # a newer row version replaces the mirror's
        ani.sync()
        with ani.cache.read() as conn:
            assert mirror_sum.read(conn) == mirror_counted(ani.cache) == Checksum(4, 4 + 7)
        org.admin.admin(
            lambda conn: conn.execute(update(central.ticket).values(unit_id=unit_id_by_code(conn, "kanreg")))
        )
        ani.sync()  # every ticket left her scope
        with ani.cache.read() as conn:
            assert mirror_sum.read(conn) == mirror_counted(ani.cache) == Checksum(0, 0)
    finally:
        ani.close()


def test_a_cache_from_before_the_kept_checksum_counts_its_rows_once(org: Org, tmp_path: Path) -> None:
    new_ticket(org.ani)
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    with ani.cache.write() as conn:
        conn.exec_driver_sql(f"DROP TABLE {mirror_sum.TABLE}")  # as a cache written by an earlier version
    ani.close()
    reopened = Cache(tmp_path / "ani.cache.db")
    try:
        with reopened.read() as conn:
            assert mirror_sum.read(conn) == mirror_counted(reopened) == Checksum(1, 1)
    finally:
        reopened.dispose()
