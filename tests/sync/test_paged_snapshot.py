"""A first snapshot comes in pages of tickets, each committed with where it ended: a sync stopped half-way goes
on where it stopped, and the mirror ends equal to the server all the same (on SQLite, PostgreSQL, MariaDB).

The link is cut here in-process (the next pull fails while its sections arrive); ``test_resume_crash.py`` kills
a real client process instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import delete, select
from uuid6 import uuid7

from desktop.cache import schema as s
from desktop.cache.database import SNAPSHOT_AFTER, SNAPSHOT_CURSOR, Cache
from desktop.cache.state import get_state
from desktop.domain.errors import Unreachable
from desktop.store import claims, discussions, handling, referrals
from desktop.store import schema as central
from desktop.store.feed import ticket_scope
from desktop.store.identity import resolve_actor
from desktop.store.service import Store
from desktop.sync.central import DirectCentral
from desktop.sync.engine import SyncEngine
from tests.store.helpers import Org, build_org, new_ticket
from tests.sync.helpers import Client, client, mirror_matches, mirror_view

PAGE = 4  # tickets per page here: a dozen tickets make several pages


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


class CutLink:
    """A direct link that is lost during its pull number ``cut_at`` (counted from 1): the first section of
    that pull arrives, then Unreachable. Every pull before it goes through."""

    def __init__(self, store: Store, cut_at: int) -> None:
        self.inner = DirectCentral(store)
        self.identity = self.inner.identity
        self.waits_for_changes = False
        self.cut_at = cut_at
        self.pulls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    @contextmanager
    def pull(self, *args: Any) -> Iterator[Any]:
        self.pulls += 1
        with self.inner.pull(*args) as pulled:
            if self.pulls == self.cut_at:
                sections = pulled.sections

                def cut() -> Iterator[Any]:
                    for number, section in enumerate(sections()):
                        if number == 1:
                            raise Unreachable("the link was lost in the middle of a page")
                        yield section

                pulled.sections = cut
            yield pulled


def paged(c: Client, page: int | None = PAGE) -> Client:
    c.engine.snapshot_page = page
    return c


def cut_client(org: Org, login: str, folder: Path, cut_at: int) -> Client:
    """``login``'s client whose link is lost during its ``cut_at``-th pull of a paged snapshot."""
    c = paged(client(org.url, login, folder))
    c.engine = SyncEngine(c.cache, CutLink(c.store, cut_at))  # type: ignore[arg-type]
    c.engine.snapshot_page = PAGE
    return c


def stop_after_pages(org: Org, login: str, folder: Path, pages: int) -> Cache:
    """A sync that stores ``pages`` pages of the snapshot and loses the link in the next; its cache."""
    c = cut_client(org, login, folder, pages + 1)
    with pytest.raises(Unreachable):
        c.sync()
    c.store.dispose()
    return c.cache


def state(cache: Cache, key: str) -> str | None:
    with cache.read() as conn:
        return get_state(conn, key)


def every_row(cache: Cache) -> dict[str, set[Any]]:
    """Every row of every mirror table, as tuples."""
    with cache.read() as conn:
        return {name: {tuple(row) for row in conn.execute(select(table))} for name, table in s.SECTIONS.items()}


def central_ids_up_to(store: Store, after: str) -> set[UUID]:
    """The ids of the tickets in the officer's scope up to ``after``, in the central database's own order."""
    with store.connect() as conn, conn.begin():
        scope = ticket_scope(resolve_actor(conn, store.requested_officer))
        query = select(central.ticket.c.id).where(scope, central.ticket.c.id <= UUID(after))
        return {UUID(str(i)) for i in conn.execute(query).scalars()}


def humas_and_kanreg_tickets(org: Org, count: int) -> None:
    """``count`` tickets in humas, each with a note, and as many in kanreg-1 made in between (so that the
    ids of both units are interleaved)."""
    for n in range(count):
        made = new_ticket(org.ani, subject=f"Laporan humas {n}")
        org.ani.write(handling.add_note, made.id, f"Catatan {n} untuk @budi")
        new_ticket(org.rudi, unit="kanreg-1", subject=f"Laporan kanreg {n}")


def test_a_snapshot_in_pages_is_the_snapshot_in_one_piece(org: Org, tmp_path: Path) -> None:
    humas_and_kanreg_tickets(org, 10)
    kanreg = new_ticket(org.rudi, unit="kanreg-1", subject="Jembatan rusak")
    org.rudi.write(referrals.refer, uuid7(), kanreg.id, "humas", "Apakah ini aset kota?")  # seen by humas
    org.ani.write(discussions.start_discussion, uuid7(), "humas", "Piket", "Siapa piket? @budi", uuid7())
    whole = paged(client(org.url, "ani", tmp_path, "whole"), None)
    pages = paged(client(org.url, "ani", tmp_path, "pages"))
    try:
        one, many = whole.sync().pull, pages.sync().pull
        assert one.pages == 0 and many.pages == 3  # 10 tickets, 4 a page
        assert one.rows == many.rows and one.rows["ticket"] == 10
        assert {"referral", "discussion", "discussion_post", "mention"} <= set(many.rows)
        assert every_row(pages.cache) == every_row(whole.cache)
        assert mirror_matches(pages)
        assert state(pages.cache, SNAPSHOT_CURSOR) is None and state(pages.cache, SNAPSHOT_AFTER) is None
        again = pages.sync().pull
        assert not again.initial and again.rows == {}
    finally:
        whole.close()
        pages.close()


def test_a_snapshot_stopped_half_way_goes_on_and_catches_up_with_what_changed(org: Org, tmp_path: Path) -> None:
    humas_and_kanreg_tickets(org, 12)
    cache = stop_after_pages(org, "ani", tmp_path, 2)
    # Two whole pages are kept, nothing of the third; no cursor yet: the app knows its mirror is not whole.
    after = state(cache, SNAPSHOT_AFTER)
    assert after is not None and state(cache, SNAPSHOT_CURSOR) is not None and state(cache, "cursor") is None
    kept = mirror_view(cache)
    kept_ids = {row[0] for row in kept["ticket"]}
    assert kept_ids == central_ids_up_to(org.ani, after) and len(kept_ids) == 2 * PAGE
    cache.dispose()

    # Meanwhile: work on a kept ticket and on one still to come, a kept ticket transferred away, a ticket of
    # another unit from the pages already read transferred in, and a new report.
    first_ids = sorted(kept_ids, key=str)
    with org.admin.engine.connect() as conn:
        humas_ids = list(
            conn.execute(
                select(central.ticket.c.id)
                .join(central.unit, central.unit.c.id == central.ticket.c.unit_id)
                .where(central.unit.c.code == "humas")
                .order_by(central.ticket.c.id)
            ).scalars()
        )
        kanreg_before = conn.execute(
            select(central.ticket.c.id)
            .join(central.unit, central.unit.c.id == central.ticket.c.unit_id)
            .where(central.unit.c.code == "kanreg-1", central.ticket.c.id < UUID(after))
            .order_by(central.ticket.c.id)
            .limit(1)
        ).scalar_one()
    to_come = next(i for i in humas_ids if i not in kept_ids)
    org.budi.write(handling.add_note, first_ids[0], "Catatan baru pada tiket yang sudah diambil")
    org.budi.write(handling.add_note, to_come, "Catatan baru pada tiket yang belum diambil")
    leaving = first_ids[1]
    token = org.ani.write(claims.claim, leaving).claim.token
    org.ani.write(handling.transfer, leaving, token, "kanreg-1", "wilayah kanreg I")
    token = org.rudi.write(claims.claim, kanreg_before).claim.token
    org.rudi.write(handling.transfer, kanreg_before, token, "humas", "bukan wilayah kanreg I")
    new_ticket(org.budi, subject="Laporan yang datang belakangan")

    ani = paged(client(org.url, "ani", tmp_path))
    try:
        report = ani.sync().pull
        assert report.resumed and report.initial and report.pages == 2  # the third page on, not the first
        in_scope = len(mirror_view(ani.cache)["ticket"])
        assert in_scope == 12 + 1  # one left, one came, one is new
        # Fewer tickets than a snapshot starting over would bring: the kept pages are not pulled again (only
        # their tickets that changed since the first page).
        assert report.rows["ticket"] < in_scope
        assert report.removed == 1 and not report.resnapshot
        assert mirror_matches(ani)
        assert state(ani.cache, SNAPSHOT_CURSOR) is None and state(ani.cache, SNAPSHOT_AFTER) is None
        again = ani.sync().pull
        assert not again.initial and again.rows == {}
    finally:
        ani.close()


def test_a_scope_that_changed_while_a_snapshot_was_under_way_starts_it_over(org: Org, tmp_path: Path) -> None:
    humas_and_kanreg_tickets(org, 6)
    stop_after_pages(org, "ani", tmp_path, 1).dispose()
    with org.admin.engine.begin() as conn:  # ani joins kanreg-1 too
        kanreg = conn.execute(select(central.unit.c.id).where(central.unit.c.code == "kanreg-1")).scalar_one()
        ani_id = conn.execute(select(central.officer.c.id).where(central.officer.c.login == "ani")).scalar_one()
        conn.execute(central.membership.insert().values(officer_id=ani_id, unit_id=kanreg))
    ani = paged(client(org.url, "ani", tmp_path))
    try:
        report = ani.sync().pull
        assert report.initial and not report.resumed
        assert report.rows["ticket"] == 12 and report.pages == 3
        assert mirror_matches(ani)
    finally:
        ani.close()


def test_a_mirror_that_disagrees_after_the_last_page_is_snapshotted_again(org: Org, tmp_path: Path) -> None:
    humas_and_kanreg_tickets(org, 10)
    cache = stop_after_pages(org, "ani", tmp_path, 1)
    with cache.write() as conn:  # damage a stored page behind the engine's back
        damaged = conn.execute(select(s.ticket.c.id).limit(1)).scalar_one()
        conn.execute(delete(s.ticket).where(s.ticket.c.id == damaged))
    cache.dispose()
    ani = paged(client(org.url, "ani", tmp_path))
    try:
        report = ani.sync().pull
        assert report.resumed and report.resnapshot  # the pages went on; the checksum after them disagreed
        assert mirror_matches(ani)
        assert not ani.sync().pull.resnapshot
    finally:
        ani.close()
