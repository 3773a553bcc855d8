"""A reporter's data leaves officers' caches too (UU PDP), on SQLite, PostgreSQL and MariaDB: after a sync the
reporter's values are in the caches (the mirror, the fetched attachment's bytes, both search indexes); after an
erasure on request, or the retention period's anonymisation, and one more sync, none of the values is left in
any table of the cache file (the search indexes' own tables included) and no search finds the report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from sqlalchemy import Connection, select

from desktop.cache import schema as s
from desktop.cache import similar
from desktop.cache.database import Cache
from desktop.desk.operations import Desk
from desktop.store import claims, discussions, privacy, referrals, retention
from desktop.store.privacy import ReporterRef
from desktop.store.service import Store
from desktop.store.work import begin
from desktop.sync.engine import SyncEngine
from desktop.views import inbox
from desktop.views.inbox import InboxQuery, View
from tests.store.helpers import Org, build_org
from tests.store.privacy_helpers import BUDI, SITI, Citizen, close, spread_everywhere, write_in
from tests.sync.helpers import Client

# Words of Budi's subject and message that no other text of the test holds: what a search would find him by.
BUDI_WORDS = ("Sukamaju", "domisili")
# The tokens the search indexes store for Budi's values (lower case, as their tokenizers write them).
BUDI_TOKENS = ("darmawan", "kusumo", "sukamaju", "domisili", "budi_darmawan", "darmawan77")
CACHE_KEY = "5e" * 48  # an officer's cache is encrypted (SQLCipher), as every workspace opens it


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def encrypted_client(org: Org, login: str, folder: Path) -> Client:
    """An officer's workstation as a workspace opens it: the cache encrypted (its SQLite is SQLCipher's)."""
    store = Store(org.url, officer=login, device=f"{login}-pc")
    cache = Cache(folder / f"{login}.cache.db", cipher_key=CACHE_KEY)
    return Client(login, store, cache, Desk(cache), SyncEngine(cache, store))


def cache_dump(cache: Cache) -> str:
    """Every value of every table of the cache file, the search indexes' shadow tables included (their
    blobs as text and as hex): what anyone who opens the file can read."""
    parts: list[str] = []
    with cache.read() as conn:
        names = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").scalars().all()
        for name in names:
            columns = [row[1] for row in conn.exec_driver_sql(f'PRAGMA table_xinfo("{name}")')]
            if not columns:
                continue  # a virtual table's columns are in its shadow tables, dumped by name
            for row in conn.exec_driver_sql(f'SELECT * FROM "{name}"'):
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        data = bytes(value)
                        parts += [data.decode("utf-8", "replace"), data.hex()]
                    else:
                        parts.append(str(value))
    return "\n".join(parts).lower()


def in_cache(dump: str, citizen: Citizen, values: tuple[str, ...]) -> set[str]:
    """Which of the citizen's ``values`` (by what they are, see ``Citizen.values``; "content" for the
    attachment's bytes) the dump holds."""
    found = {what for what in values if what != "content" and citizen.values[what].lower() in dump}
    if "content" in values and citizen.content.hex() in dump:
        found.add("content")
    return found


def tokens_in(dump: str, tokens: tuple[str, ...]) -> set[str]:
    """The tokens the dump holds as text or as bytes (an FTS segment keeps its terms as raw bytes)."""
    return {token for token in tokens if token in dump or token.encode().hex() in dump}


def searched(conn: Connection, words: str) -> set[UUID]:
    return {row.ticket_id for row in inbox.page(conn, InboxQuery(View.EVERYTHING, search=words), None, 1000)}


def similar_ids(conn: Connection, citizen: Citizen) -> set[str]:
    return {str(found.ticket_id) for found in similar.similar_to_text(conn, citizen.subject, citizen.text)}


def fetched(c: Client, ticket_id: UUID) -> bytes:
    """The ticket's attachment as the officer opens it: fetched once and kept in the blob cache."""
    with c.cache.read() as conn:
        sha256 = conn.execute(select(s.attachment.c.sha256).where(s.attachment.c.ticket_id == ticket_id)).scalar_one()
    content = c.engine.attachment_content(sha256)
    assert content is not None
    return content


def budi_everywhere(org: Org, tmp_path: Path) -> tuple[UUID, UUID, Client, Client]:
    """Budi's report (and Siti's) in humas, quoted in a note, a discussion and a referral to kanreg-1; ani's
    cache (humas) and rudi's (kanreg-1, the referral's summary) synced, the attachment opened by ani."""
    budi = write_in(org, BUDI)
    spread_everywhere(org, BUDI, budi)
    siti = write_in(org, SITI)
    token = org.ani.write(claims.claim, budi).claim.token
    org.ani.write(referrals.refer, uuid4(), budi, "kanreg-1", f"Apakah {BUDI.name} pernah melapor ke kanreg?", token)
    org.ani.write(
        discussions.start_discussion,
        uuid4(),
        "humas",
        f"Laporan {BUDI.name}",
        f"Pelapor: {BUDI.email}",
        uuid4(),
        budi,
    )
    ani, rudi = encrypted_client(org, "ani", tmp_path), encrypted_client(org, "rudi", tmp_path)
    ani.sync()
    rudi.sync()
    assert fetched(ani, budi) == BUDI.content
    return budi, siti, ani, rudi


def test_an_erasure_leaves_nothing_of_the_reporter_in_officers_caches_after_a_sync(org: Org, tmp_path: Path) -> None:
    budi, siti, ani, rudi = budi_everywhere(org, tmp_path)
    everything = ("name", "email", "subject", "text", "filename", "content")
    try:
        before = cache_dump(ani.cache)
        assert in_cache(before, BUDI, everything) == set(everything), "all there before: the test can fail"
        assert tokens_in(before, BUDI_TOKENS) == set(BUDI_TOKENS)
        assert in_cache(cache_dump(rudi.cache), BUDI, ("name", "subject", "text")) == {"name", "subject", "text"}
        with ani.cache.read() as conn:
            assert all(searched(conn, word) == {budi} for word in BUDI_WORDS)
            assert str(budi) in similar_ids(conn, BUDI)

        org.admin.admin(
            lambda conn: privacy.erase_reporter(begin(conn, None), ReporterRef(contact=f"email:{BUDI.email}"), "12/PDP")
        )
        ani.sync()
        rudi.sync()

        for officer in (ani, rudi):
            after = cache_dump(officer.cache)
            assert in_cache(after, BUDI, everything) == set(), officer.login
            assert tokens_in(after, BUDI_TOKENS) == set(), officer.login
            assert in_cache(after, SITI, ("name", "subject", "text")) <= {"name", "subject", "text"}
        assert in_cache(cache_dump(ani.cache), SITI, ("name", "subject", "text")) == {"name", "subject", "text"}
        with ani.cache.read() as conn:
            assert all(searched(conn, word) == set() for word in BUDI_WORDS)
            assert str(budi) not in similar_ids(conn, BUDI)
            assert searched(conn, "Gang Mawar") == {siti}, "another reporter is still found"
            assert conn.execute(select(s.blob_cache.c.sha256)).scalars().all() == []
    finally:
        ani.close()
        rudi.close()


def test_retentions_anonymisation_and_purge_leave_the_caches_after_a_sync(org: Org, tmp_path: Path) -> None:
    budi, _siti, ani, rudi = budi_everywhere(org, tmp_path)
    identity = ("name", "email", "filename", "content")
    try:
        assert in_cache(cache_dump(ani.cache), BUDI, identity) == set(identity), "all there before"
        org.admin.admin(lambda conn: retention.set_unit_retention(begin(conn, None), "humas", 30, 30))
        close(org.admin, budi, days_ago=40)
        done = org.admin.admin(lambda conn: retention.apply_retention(begin(conn, None)))
        assert (done.identities, done.attachments) == (1, 1)
        ani.sync()
        rudi.sync()

        for officer in (ani, rudi):
            after = cache_dump(officer.cache)
            assert in_cache(after, BUDI, identity) == set(), officer.login
            assert tokens_in(after, ("darmawan", "kusumo", "darmawan77", "budi_darmawan")) == set(), officer.login
        with ani.cache.read() as conn:
            assert searched(conn, "Darmawan") == set()
            assert searched(conn, "Sukamaju") == {budi}, "what the report says stays: only who wrote it goes"
            assert conn.execute(select(s.blob_cache.c.sha256)).scalars().all() == []
    finally:
        ani.close()
        rudi.close()
