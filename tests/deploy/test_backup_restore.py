"""A backup restored into a new database, and the server and a client carry on (the admin guide's procedure).

Officers work through a real ``aduan server`` that connects with its own server login (``aduan db
server-login``). The admin takes ``pg_dump -Fc``; work goes on after the dump (ani's client sees it: its cursor
is then ahead of the dump); the database is lost. The admin restores the dump into a NEW database exactly as the
guide says — ``createdb``, ``pg_restore --no-owner --no-acl``, ``aduan db server-login`` for the new database —
and starts the server on it, at the address the officers already use. Meanwhile ani queued work offline, and an
officer works on the restored database before ani's client comes back.

Asserted: ani's client notices that its cursor belongs to the replaced database and rebuilds its mirror from a
snapshot (it neither keeps what the restore lost nor skips what was done since); the operations it had queued are
applied exactly once; work after the restore reaches it by the ordinary incremental sync.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.desk.operations import Desk
from desktop.domain.errors import Unreachable
from desktop.store import handling
from desktop.store.schema import applied_op, note
from desktop.store.service import Store
from desktop.sync.engine import SyncEngine
from desktop.sync.http_central import HttpCentral
from tests.conftest import _database, _migrated, missing
from tests.databases import server_admin_url
from tests.server.live import ROOT, give_passwords, running_server
from tests.store.helpers import build_org, new_ticket
from tests.sync.helpers import Client, mirror_matches
from tests.sync.proxy import Proxy
from tests.sync.sync_checks import ledger_problems


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/lib/postgresql/15/bin")
    if found is None:
        missing(f"{name} (postgresql-client) is not installed")
    return str(found)


def _libpq(url: str) -> list[str]:
    """The connection options of the PostgreSQL tools for ``url``."""
    parsed = make_url(url)
    return ["-h", str(parsed.host), "-p", str(parsed.port or 5432), "-U", str(parsed.username)]


def server_login(owner_url: str, login: str, password: str) -> str:
    """``aduan db server-login LOGIN --password-stdin`` as the owner; the server's URL with that login."""
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--db", owner_url, "db", "server-login", login, "--password-stdin"],
        cwd=ROOT,
        input=password,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return make_url(owner_url).set(username=login, password=password).render_as_string(hide_password=False)


@pytest.fixture
def owner_url(tmp_path: Path) -> Iterator[str]:
    for url in _database("postgresql", tmp_path):
        yield _migrated(url)


@pytest.fixture
def logins() -> Iterator[list[str]]:
    """Server logins are global objects of the PostgreSQL server: each test's own, dropped afterwards with the
    per-database roles they belong to."""
    made: list[str] = []
    yield made
    admin = Store(server_admin_url("postgresql"))
    try:
        with admin.engine.connect() as conn, conn.begin():
            for login in made:
                groups = conn.execute(
                    text(
                        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                        "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = :login"
                    ),
                    {"login": login},
                ).scalars()
                for role in [login, *groups]:
                    conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    finally:
        admin.dispose()


def test_a_dump_restored_into_a_new_database_serves_on_and_the_client_rebuilds_what_the_restore_lost(
    logins: list[str],
    owner_url: str,
    tmp_path: Path,  # logins first: dropped after the databases
) -> None:
    pg_dump, createdb, pg_restore = _tool("pg_dump"), _tool("createdb"), _tool("pg_restore")
    suffix = uuid.uuid4().hex[:8]
    logins += [f"aduan_srv_{suffix}", f"aduan_srv_{suffix}_r"]
    org = build_org(owner_url)
    give_passwords(org.admin, "ani", "budi")
    before = new_ticket(org.budi, subject="Lampu jalan mati")
    served = server_login(owner_url, logins[0], f"Sandi-server-{suffix}-1")

    with running_server(served, tmp_path) as first:
        address = Proxy("127.0.0.1", int(first.url.rsplit(":", 1)[1]))  # the address officers know stays
        token = first.sign_in("ani")
        cache = Cache(tmp_path / "ani.cache.db")
        ani = Client(
            "ani",
            Store(owner_url, officer="ani"),
            cache,
            Desk(cache),
            SyncEngine(cache, HttpCentral(f"http://127.0.0.1:{address.port}", token)),
        )
        ani.sync()
        ani.desk.claim(before.tracking_no)
        ani.desk.reply(before.tracking_no, "Terima kasih, petugas kami akan memeriksa lampu tersebut.")
        ani.sync()

        dump = tmp_path / "aduan.dump"
        subprocess.run(
            [pg_dump, "-Fc", "-f", str(dump), *_libpq(owner_url), str(make_url(owner_url).database)], check=True
        )

        # After the dump: ani's client sees all of it, so its cursor runs ahead of the backup.
        lost_ticket = new_ticket(org.budi, subject="Sampah menumpuk di pasar")
        lost_note = ani.desk.note(before.tracking_no, "Catatan setelah cadangan: hilang bersama basis data.")
        ani.sync()
        assert ani.mirror_count(s.ticket) == 2
    org.close()

    # The database is lost. Ani keeps working offline: a note queued while the server is away.
    queued = ani.desk.note(before.tracking_no, "Dicatat saat server mati: harus masuk tepat sekali.")
    with pytest.raises(Unreachable):
        ani.sync()

    # The restore, as the guide says: a new database, the dump without its owner and grants, a server login.
    restored_name = f"{make_url(owner_url).database}_r"
    restored = make_url(owner_url).set(database=restored_name).render_as_string(hide_password=False)
    subprocess.run([createdb, *_libpq(owner_url), restored_name], check=True)
    try:
        subprocess.run(
            [
                pg_restore,
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                "-d",
                restored_name,
                *_libpq(owner_url),
                str(dump),
            ],
            check=True,
        )
        served_again = server_login(restored, logins[1], f"Sandi-server-{suffix}-2")
        lost = Lost(lost_ticket.id, lost_note.op_id)
        carry_on(restored, served_again, ani, address, queued.op_id, lost, before.id, tmp_path)
    finally:
        ani.close()
        address.close()
        admin = Store(server_admin_url("postgresql"))
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)'))
        admin.dispose()


@dataclass
class Lost:
    """What was done after the dump, and so lost with the database."""

    ticket_id: UUID
    note_op: UUID


def carry_on(
    restored: str, served: str, ani: Client, address: Proxy, queued: UUID, lost: Lost, kept: UUID, folder: Path
) -> None:
    owner = Store(restored)
    budi = Store(restored, officer="budi")
    try:
        after_restore = new_ticket(budi, subject="Trotoar rusak dekat sekolah")  # before ani's client is back
        with running_server(served, folder) as server:
            address.target = ("127.0.0.1", int(server.url.rsplit(":", 1)[1]))
            ani.store.dispose()
            ani.store = Store(restored, officer="ani")  # the tests' direct look at what ani may see
            report = ani.sync()
            assert report.push.applied == 1 and report.pending == 0
            assert report.pull.initial or report.pull.resnapshot, "the client kept a mirror of the lost database"
            assert mirror_matches(ani)
            with ani.cache.read() as conn:
                mirrored = set(conn.execute(select(s.ticket.c.id)).scalars())
            assert after_restore.id in mirrored and lost.ticket_id not in mirrored

            # The queued note: applied once; the note lost with the database stays lost (it was after the dump).
            with owner.engine.connect() as conn:
                assert conn.execute(select(func.count()).where(applied_op.c.op_id == queued)).scalar_one() == 1
                bodies = list(conn.execute(select(note.c.body)).scalars())
                outboxes = {"ani": ani.outbox()}
                ids = {"ani": ani.store.actor().id}
                problems = ledger_problems(conn, outboxes, ids, [kept], set())
            assert bodies.count("Dicatat saat server mati: harus masuk tepat sekali.") == 1
            assert "Catatan setelah cadangan: hilang bersama basis data." not in bodies
            # Every op applied once, but the one made after the dump: the restore lost it (the backup's age).
            assert len(problems) == 1 and f"{lost.note_op} (applied): finished locally, unknown" in problems[0], (
                problems
            )

            # Work after the restore reaches the client by the ordinary incremental sync.
            budi.write(handling.add_note, after_restore.id, "Sudah diteruskan ke dinas terkait.")
            again = ani.sync()
            assert not again.pull.initial and not again.pull.resnapshot and again.pull.rows.get("note") == 1
            assert mirror_matches(ani)
    finally:
        owner.dispose()
        budi.dispose()
