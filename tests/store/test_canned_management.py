"""Managing canned responses on SQLite, PostgreSQL and MariaDB: versions, retiring and restoring, who may
manage which templates, and replies that keep the text they were sent with."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from desktop.domain.canned import MissingVariable
from desktop.domain.errors import BadInput, NotFound, NotPermitted
from desktop.domain.vocabulary import Role
from desktop.store import claims, db_users, directory, handling
from desktop.store.canned import (
    add_canned_response,
    canned_history,
    edit_canned_response,
    list_canned_responses,
    manage_scope,
    set_canned_active,
)
from desktop.store.schema import canned_response, event, message
from desktop.store.service import Store
from desktop.views.canned import canned_for_ticket
from tests.store.canned_helpers import admin_officer, as_owner
from tests.store.helpers import Org, build_org, new_ticket, snapshot
from tests.sync.helpers import client

GREETING = "Yth. {nama_pelapor}, laporan {nomor_tiket} kami terima."


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


@pytest.fixture
def ida(org: Org) -> Iterator[Store]:
    store = admin_officer(org)
    yield store
    store.dispose()


def versions(org: Org, key: str) -> list[tuple[int, str, str, bool]]:
    with org.admin.engine.connect() as conn:
        rows = conn.execute(
            select(canned_response.c.version, canned_response.c.title, canned_response.c.body, canned_response.c.active)
            .where(canned_response.c.key == key)
            .order_by(canned_response.c.version)
        ).all()
    return [(r.version, r.title, r.body, bool(r.active)) for r in rows]


def test_editing_adds_a_version_and_keeps_every_earlier_one(org: Org) -> None:
    assert org.sari.write(add_canned_response, "terima", "Diterima", GREETING, "kanreg", new_key=True) == 1
    assert org.sari.write(edit_canned_response, "terima", None, "Yth. {nama_pelapor}, terima kasih.") == 2
    assert (
        org.sari.write(edit_canned_response, "terima", "Ucapan terima kasih", "Yth. {nama_pelapor}, terima kasih.") == 3
    )
    assert versions(org, "terima") == [
        (1, "Diterima", GREETING, True),
        (2, "Diterima", "Yth. {nama_pelapor}, terima kasih.", True),  # no title given: the title stays
        (3, "Ucapan terima kasih", "Yth. {nama_pelapor}, terima kasih.", True),
    ]
    history = org.sari.read(canned_history, org.sari.actor(), "terima")
    assert [(t.version, t.author, t.unit_code, t.ref) for t in history] == [
        (1, "sari", "kanreg", "terima@1"),
        (2, "sari", "kanreg", "terima@2"),
        (3, "sari", "kanreg", "terima@3"),
    ]


def test_what_cannot_be_saved_is_refused_with_its_reason_and_nothing_changes(org: Org) -> None:
    org.sari.write(add_canned_response, "terima", "Diterima", GREETING, "kanreg")
    before = snapshot(org.admin.engine)
    with pytest.raises(MissingVariable, match=r"unknown variable\(s\) \{tanggal\}") as refused:
        org.sari.write(edit_canned_response, "terima", None, "Diterima pada {tanggal}.")
    assert refused.value.unknown == ("tanggal",)
    with pytest.raises(MissingVariable, match=r"\{nama\}"):
        org.sari.write(add_canned_response, "baru", "Baru", "Yth. {nama}", "kanreg")
    with pytest.raises(BadInput, match="exists already"):  # adding is not editing
        org.sari.write(add_canned_response, "terima", "Diterima", "Teks lain.", "kanreg", new_key=True)
    with pytest.raises(BadInput, match="nothing to save"):
        org.sari.write(edit_canned_response, "terima", "Diterima", GREETING)
    with pytest.raises(NotFound, match="tidak-ada"):
        org.sari.write(edit_canned_response, "tidak-ada", None, "Teks.")
    with pytest.raises(NotFound):
        org.sari.write(set_canned_active, "tidak-ada", False)
    with pytest.raises(BadInput, match="empty"):
        org.sari.write(edit_canned_response, "terima", None, "   ")
    assert snapshot(org.admin.engine) == before


def test_officers_may_not_manage_and_supervisors_only_their_own_units(org: Org, ida: Store) -> None:
    # Supervisor sari: kanreg and its sub-unit kanreg-1.
    org.sari.write(add_canned_response, "kanreg-info", "Info", "Untuk kanreg.", "kanreg")
    org.sari.write(add_canned_response, "kanreg1-info", "Info", "Untuk kanreg-1.", "kanreg-1")
    org.sari.write(edit_canned_response, "kanreg1-info", None, "Untuk Kantor Regional I.")
    org.sari.write(set_canned_active, "kanreg1-info", False)
    as_owner(org.admin, add_canned_response, "humas-info", "Info", "Untuk humas.", "humas")
    as_owner(org.admin, add_canned_response, "global", "Umum", "Untuk semua.")
    ida.write(add_canned_response, "global-2", "Umum 2", "Untuk semua juga.")
    ida.write(edit_canned_response, "humas-info", None, "Untuk Biro Humas.")
    before = snapshot(org.admin.engine)

    for officer in (org.ani, org.rudi):  # officers use templates, they do not manage them
        with pytest.raises(NotPermitted, match="only supervisors and admins"):
            officer.write(add_canned_response, "punyaku", "Milikku", "Teks.", "humas")
        with pytest.raises(NotPermitted, match="only supervisors and admins"):
            officer.write(edit_canned_response, "global", None, "Diubah.")
        with pytest.raises(NotPermitted, match="only supervisors and admins"):
            officer.write(set_canned_active, "global", False)
    with pytest.raises(NotPermitted, match="humas"):  # another unit's
        org.sari.write(add_canned_response, "humas-2", "Info", "Teks.", "humas")
    with pytest.raises(NotPermitted, match="humas"):
        org.sari.write(edit_canned_response, "humas-info", None, "Diubah.")
    with pytest.raises(NotPermitted, match="humas"):
        org.sari.write(set_canned_active, "humas-info", False)
    for act in (  # global templates are the admins' alone
        lambda: org.sari.write(add_canned_response, "global-3", "Umum", "Teks."),
        lambda: org.sari.write(edit_canned_response, "global", None, "Diubah."),
        lambda: org.sari.write(set_canned_active, "global", False),
    ):
        with pytest.raises(NotPermitted, match="only admins"):
            act()
    assert snapshot(org.admin.engine) == before

    with org.admin.engine.connect() as conn:
        assert manage_scope(conn, org.sari.actor()).units == (
            ("kanreg", "Kantor Regional"),
            ("kanreg-1", "Kantor Regional I"),
        )
        assert not manage_scope(conn, org.sari.actor()).global_allowed
        assert manage_scope(conn, org.ani.actor()).units == ()
        owner = manage_scope(conn, None)
        assert owner.global_allowed and owner.allows("humas") and owner.allows(None)


def test_listing_shows_the_newest_versions_an_officer_may_see(org: Org) -> None:
    as_owner(org.admin, add_canned_response, "global", "Umum", "Untuk semua.")
    as_owner(org.admin, edit_canned_response, "global", "Umum (baru)", "Untuk semua, versi baru.")
    as_owner(org.admin, add_canned_response, "humas-info", "Humas", "Untuk humas.", "humas")
    as_owner(org.admin, add_canned_response, "kanreg1-info", "Kanreg I", "Untuk kanreg-1.", "kanreg-1")
    as_owner(org.admin, add_canned_response, "lama", "Lama", "Tidak dipakai lagi.", "kanreg-1")
    as_owner(org.admin, set_canned_active, "lama", False)

    def listed(store: Store | None, include_inactive: bool = False) -> list[tuple[str, int, str | None, bool]]:
        with org.admin.engine.connect() as conn:
            found = list_canned_responses(conn, store.actor() if store else None, include_inactive)
        return [(t.key, t.version, t.unit_code, t.active) for t in found]

    assert listed(org.rudi) == [("global", 2, None, True), ("kanreg1-info", 1, "kanreg-1", True)]
    assert listed(org.sari, include_inactive=True) == [
        ("global", 2, None, True),
        ("kanreg1-info", 1, "kanreg-1", True),
        ("lama", 1, "kanreg-1", False),
    ]
    assert [key for key, *_ in listed(None)] == ["global", "humas-info", "kanreg1-info"]
    with org.admin.engine.connect() as conn, pytest.raises(NotFound):
        canned_history(conn, org.rudi.actor(), "humas-info")  # not a unit rudi sees


def test_retiring_and_restoring_reach_a_synced_client_and_are_audited(org: Org, tmp_path: Path) -> None:
    org.sari.write(add_canned_response, "info", "Info", "Yth. {nama_pelapor}, laporan Anda kami proses.", "kanreg-1")
    ticket = new_ticket(org.rudi, unit="kanreg-1", reporter_name="Dewi")
    rudi = client(org.url, "rudi", tmp_path)
    rudi.sync()

    def offered() -> list[str]:
        rudi.sync()
        with rudi.cache.read() as conn:
            return [r.ref for r in canned_for_ticket(conn, ticket.id).responses]

    assert offered() == ["info@1"]
    retired = org.sari.write(set_canned_active, "info", False)
    assert (retired.version, retired.active) == (1, False)
    assert offered() == []
    assert org.sari.write(set_canned_active, "info", False).active is False  # again: nothing changes
    org.sari.write(edit_canned_response, "info", None, "Yth. {nama_pelapor}, terima kasih.")
    assert offered() == []  # a new wording of a retired template stays retired
    org.sari.write(set_canned_active, "info", True)
    assert offered() == ["info@2"]
    with org.admin.engine.connect() as conn:
        audited = conn.execute(select(event.c.action, event.c.detail).where(event.c.action.like("canned%"))).all()
    assert [(a, json.loads(d)) for a, d in audited] == [
        ("canned_retire", {"key": "info", "version": 1}),
        ("canned_restore", {"key": "info", "version": 2}),
    ]
    rudi.close()


def test_a_sent_reply_keeps_its_text_when_the_template_is_edited(org: Org) -> None:
    org.sari.write(add_canned_response, "info", "Info", "Laporan Anda kami proses.", "kanreg-1")
    held = org.rudi.write(claims.claim, new_ticket(org.rudi, unit="kanreg-1").id)
    message_id = org.rudi.write(handling.reply, held.id, held.claim.token, "Laporan Anda kami proses.", canned="info@1")
    org.sari.write(edit_canned_response, "info", None, "Laporan Anda sudah selesai kami proses.")
    org.sari.write(set_canned_active, "info", False)
    with org.admin.engine.connect() as conn:
        sent = conn.execute(select(message.c.body_text).where(message.c.id == message_id)).scalar_one()
        detail = conn.execute(select(event.c.detail).where(event.c.action == "reply")).scalar_one()
    assert sent == "Laporan Anda kami proses."
    assert json.loads(detail)["canned"] == "info@1"
    assert versions(org, "info")[0][2] == "Laporan Anda kami proses."
    with pytest.raises(BadInput, match="key@version"):
        org.rudi.write(handling.reply, held.id, held.claim.token, "Teks.", canned="info")


def test_supervisors_saving_the_same_template_at_once_get_distinct_versions(org: Org) -> None:
    org.sari.write(add_canned_response, "info", "Info", "Versi awal.", "kanreg")
    writers = 4
    start = threading.Barrier(writers)
    saved: list[int] = []
    failed: list[BaseException] = []

    def save(n: int) -> None:
        store = Store(org.url, "sari")
        try:
            start.wait(timeout=30)
            saved.append(store.write(edit_canned_response, "info", None, f"Versi dari penulis {n}."))
        except BaseException as exc:  # reported by the assertion below
            failed.append(exc)
        finally:
            store.dispose()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failed == []
    assert sorted(saved) == [2, 3, 4, 5]
    assert [v for v, *_ in versions(org, "info")] == [1, 2, 3, 4, 5]


def test_a_supervisor_through_the_servers_own_login_manages_her_units_templates(server_url: str) -> None:
    """On PostgreSQL and MariaDB officers have no database login: the server acts for them with its own
    least-privilege login (`db server-login`). Its grants are enough to save, lock and retire a supervisor's
    templates; what she may not do is refused by the rules, not by the database."""
    login, server_login = f"spv_{uuid.uuid4().hex[:8]}", f"srv_{uuid.uuid4().hex[:8]}"
    role = db_users.server_role(make_url(server_url).database or "")
    owner = Store(server_url)
    try:
        owner.admin(directory.add_unit, "kanreg", "Kantor Regional")
        owner.admin(directory.add_officer, login, "Sari Lestari", ["kanreg"], Role.SUPERVISOR, "rahasia-123")
        owner.admin(db_users.create_server_login, server_login, "kata-sandi-server-1")
        as_server = make_url(server_url).set(username=server_login, password="kata-sandi-server-1")
        own = Store(as_server.render_as_string(False), officer=login)
        assert own.write(add_canned_response, "info", "Info", "Yth. {nama_pelapor}.", "kanreg", new_key=True) == 1
        assert own.write(edit_canned_response, "info", None, "Yth. {nama_pelapor}, terima kasih.") == 2
        assert own.write(set_canned_active, "info", False).active is False
        with pytest.raises(NotPermitted, match="only admins"):
            own.write(add_canned_response, "umum", "Umum", "Untuk semua.")
        assert [t.version for t in own.read(canned_history, own.actor(), "info")] == [1, 2]
        own.dispose()
    finally:
        with owner.engine.connect() as conn:  # logins outlive the throwaway database
            if conn.dialect.name == "postgresql":
                for name in (server_login, role):
                    if conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": name}).scalar():
                        conn.execute(text(f'DROP OWNED BY "{name}"'))  # its grants here and on the database
                        conn.execute(text(f'DROP ROLE "{name}"'))
            else:
                conn.execute(text(f"DROP USER IF EXISTS '{server_login}'@'%'"))
                conn.execute(text(f"DROP ROLE IF EXISTS `{role}`"))
            conn.commit()
        owner.dispose()
