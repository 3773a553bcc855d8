"""The sync engine's behaviour, on real SQLite, PostgreSQL and MariaDB central databases."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import delete, func, select, text, update
from uuid6 import uuid7

from desktop.cache import schema as s
from desktop.cache.outbox import ops_needing_attention
from desktop.domain.errors import HeldByOther, NotHolder, SchemaMismatch
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind
from desktop.store import claims, handling, migrate
from desktop.store import schema as central
from desktop.store.clock import server_now
from desktop.store.service import Store
from desktop.store.work import begin
from tests.store.helpers import Org, build_org, expire_claim, move_lease_end, new_ticket
from tests.sync.helpers import client, holding, mirror_matches, overlay_agrees
from tests.sync.offline import go_offline


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def count(org: Org, table: object, *where: object) -> int:
    with org.admin.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())  # type: ignore[arg-type]


def test_offline_work_on_a_ticket_someone_else_took_is_kept_not_lost(org: Org, tmp_path: Path) -> None:
    """Ani holds a ticket and goes offline; her lease runs out and Budi claims it. Her note is accepted
    (marked as added offline); her reply and status change become hand-over items for Budi; nothing of
    hers reaches the citizen."""
    t = new_ticket(org.ani)
    ani, budi = holding(org, "ani", tmp_path, t.tracking_no), client(org.url, "budi", tmp_path)
    online = go_offline(ani, tmp_path)
    note_op = ani.desk.note(t.tracking_no, "Sudah saya telepon pelapor, menunggu foto.")
    reply_op = ani.desk.reply(t.tracking_no, "Laporan Anda sedang kami verifikasi.")
    status_op = ani.desk.status(t.tracking_no, Status.DIVERIFIKASI)
    assert all(op.offline for op in (note_op, reply_op, status_op))
    expire_claim(org.admin.engine, t.id)
    budi.sync()
    budi.desk.claim(t.tracking_no)
    budi.sync()

    ani.engine.store = online
    report = ani.sync()
    assert (report.push.applied, report.push.handed_over, report.pending) == (1, 2, 0)
    assert ani.outcome(note_op.op_id)[0] == "applied"
    assert ani.outcome(reply_op.op_id)[0] == ani.outcome(status_op.op_id)[0] == "handed_over"
    with org.admin.engine.connect() as conn:
        kept = conn.execute(select(central.note).where(central.note.c.id == UUID(note_op.payload["note_id"]))).one()
        items = conn.execute(select(central.handover_item).order_by(central.handover_item.c.created_at)).all()
        budi_id = conn.execute(select(central.officer.c.id).where(central.officer.c.login == "budi")).scalar_one()
        status_now = conn.execute(select(central.ticket.c.status).where(central.ticket.c.id == t.id)).scalar_one()
    assert kept.added_offline is True or kept.added_offline == 1
    assert [(i.kind, i.to_officer_id) for i in items] == [("reply", budi_id), ("status", budi_id)]
    assert json.loads(items[0].payload)["text"] == "Laporan Anda sedang kami verifikasi."
    assert status_now == Status.DITERIMA.value
    assert count(org, central.outbound_message) == 0  # nothing reaches the citizen from a lost claim
    assert count(org, central.message, central.message.c.direction == "outbound") == 0
    with ani.cache.read() as conn:
        assert {row.kind for row in ops_needing_attention(conn)} == {"reply", "status"}
    budi.sync()
    assert budi.mirror_count(s.handover_item) == 2  # the current holder sees what was handed to them
    assert mirror_matches(ani) and mirror_matches(budi)
    ani.close()
    budi.close()


def test_an_expired_claim_nobody_took_is_renewed_by_the_push(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani)
    ani = holding(org, "ani", tmp_path, t.tracking_no)
    online = go_offline(ani, tmp_path)
    reply_op = ani.desk.reply(t.tracking_no, "Mohon kirimkan lokasi tepatnya.")
    expire_claim(org.admin.engine, t.id)
    ani.engine.store = online
    ani.sync()
    assert ani.outcome(reply_op.op_id)[0] == "applied"
    with org.admin.engine.connect() as conn:
        row = conn.execute(select(central.ticket).where(central.ticket.c.id == t.id)).one()
        now = server_now(conn)
    assert row.claim_expires_at > now  # renewed, from the server's clock
    assert count(org, central.outbound_message) == 1
    assert mirror_matches(ani)
    ani.close()


def test_ops_queued_after_an_offline_claim_use_the_token_it_obtains(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani)
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    online_store = go_offline(ani, tmp_path)
    claim_op = ani.desk.claim(t.tracking_no)
    reply_op = ani.desk.reply(t.tracking_no, "Terima kasih, segera kami tindak lanjuti.")
    ani.engine.store = online_store
    ani.sync()
    token = ani.outcome(claim_op.op_id)[1]["result"]["token"]
    assert ani.outcome(reply_op.op_id)[0] == "applied"
    with org.admin.engine.connect() as conn:
        sent = conn.execute(
            select(central.message.c.claim_token).where(central.message.c.direction == "outbound")
        ).all()
    assert sent == [(token,)]
    ani.close()


def test_a_rejection_is_recorded_and_never_retried(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani)
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    online = go_offline(ani, tmp_path)
    claim_op = ani.desk.claim(t.tracking_no)  # offline: the cache does not know Budi is about to claim
    org.budi.write(claims.claim, t.id)
    ani.engine.store = online
    ani.sync()
    state, outcome = ani.outcome(claim_op.op_id)
    assert (state, outcome["code"]) == ("rejected", "held_by_other")
    assert "budi" in outcome["message"]
    ani.sync()
    ani.sync()
    assert [row.attempts for row in ani.outbox()] == [1]
    assert count(org, central.applied_op) == 1
    with pytest.raises(HeldByOther):  # now the cache knows: refused locally, nothing queued
        ani.desk.claim(t.tracking_no)
    with pytest.raises(NotHolder):
        ani.desk.reply(t.tracking_no, "Balasan tanpa klaim")
    assert len(ani.outbox()) == 1
    ani.close()


def test_a_ticket_created_offline_keeps_its_id_and_is_numbered_by_the_server(org: Org, tmp_path: Path) -> None:
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    go_offline(ani, tmp_path)
    op = ani.desk.create(
        unit="humas",
        kind=Kind.PENGADUAN,
        channel=Channel.WALK_IN,
        subject="Antrean pelayanan KTP terlalu lama",
        body="Saya menunggu lima jam di kantor kecamatan.",
        reporter_name="Wati",
    )
    with ani.cache.read() as conn:
        assert conn.execute(select(s.local_ticket.c.ticket_id)).scalars().all() == [op.ticket_id]
    ani.engine.store = Store(org.url, officer="ani")
    ani.sync()
    with org.admin.engine.connect() as conn:
        made = conn.execute(select(central.ticket).where(central.ticket.c.id == op.ticket_id)).one()
    assert made.tracking_no.startswith("ADU-")
    with ani.cache.read() as conn:
        mirrored = conn.execute(select(s.ticket.c.tracking_no, s.ticket.c.reporter_name)).all()
        assert conn.execute(select(func.count()).select_from(s.local_ticket)).scalar_one() == 0
    assert mirrored == [(made.tracking_no, "Wati")]
    ani.close()


def test_tickets_leaving_the_scope_are_removed_and_arriving_ones_come_whole(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani)
    handling_token = org.ani.write(claims.claim, t.id).claim.token
    org.ani.write(handling.add_note, t.id, "catatan humas")
    ani, rudi = client(org.url, "ani", tmp_path), client(org.url, "rudi", tmp_path)
    ani.sync()
    rudi.sync()
    assert ani.mirror_count(s.note) == 1 and rudi.mirror_count(s.ticket) == 0
    org.ani.write(handling.transfer, t.id, handling_token, "kanreg-1", "wilayah kanreg I")
    ani_report, rudi_report = ani.sync(), rudi.sync()
    assert ani_report.pull.removed == 1
    assert (ani.mirror_count(s.ticket), ani.mirror_count(s.message), ani.mirror_count(s.note)) == (0, 0, 0)
    # The ticket's old thread carries old stamps: it arrives with the ticket all the same.
    assert (rudi.mirror_count(s.ticket), rudi.mirror_count(s.message), rudi.mirror_count(s.note)) == (1, 1, 1)
    assert not rudi_report.pull.initial
    assert mirror_matches(ani) and mirror_matches(rudi)
    ani.close()
    rudi.close()


def test_a_supervisor_mirrors_sub_units_and_a_scope_change_takes_a_fresh_snapshot(org: Org, tmp_path: Path) -> None:
    new_ticket(org.rudi, unit="kanreg-1")
    new_ticket(org.ani)
    sari = client(org.url, "sari", tmp_path)
    sari.sync()
    assert sari.mirror_count(s.ticket) == 1
    with org.admin.engine.begin() as conn:  # sari joins humas too
        humas = conn.execute(select(central.unit.c.id).where(central.unit.c.code == "humas")).scalar_one()
        sari_id = conn.execute(select(central.officer.c.id).where(central.officer.c.login == "sari")).scalar_one()
        conn.execute(central.membership.insert().values(officer_id=sari_id, unit_id=humas))
    report = sari.sync()
    assert report.pull.initial
    assert sari.mirror_count(s.ticket) == 2
    assert mirror_matches(sari)
    sari.close()


def test_anonymous_reporters_never_reach_the_cache(org: Org, tmp_path: Path) -> None:
    new_ticket(
        org.ani, anonymous=True, reporter_contact="saksi.rahasia@example.org", body="Ada pungutan liar di loket."
    )
    new_ticket(org.ani, reporter_name="Siti Terbuka", reporter_contact="siti@example.org")
    with org.admin.engine.begin() as conn:  # an identity that intake may know centrally, kept from handlers
        conn.execute(update(central.reporter).where(central.reporter.c.anonymous.is_(True)).values(name="Nama Rahasia"))
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    ani.close()
    with ani.cache.read() as conn:
        names = dict(conn.execute(select(s.ticket.c.reporter_anonymous, s.ticket.c.reporter_name)).all())
    assert names == {True: None, False: "Siti Terbuka"}
    ani.cache.dispose()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("ani.cache.db*"))
    assert b"Siti Terbuka" in raw  # the check below can see what it looks for
    assert b"Nama Rahasia" not in raw and b"saksi.rahasia" not in raw


def test_a_mirror_that_disagrees_with_the_server_is_snapshotted_again(org: Org, tmp_path: Path) -> None:
    tickets = [new_ticket(org.ani, subject=f"Laporan {i}") for i in range(3)]
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    with ani.cache.write() as conn:  # damage the mirror behind the engine's back
        conn.execute(delete(s.ticket).where(s.ticket.c.id == tickets[1].id))
    report = ani.sync()
    assert report.pull.resnapshot
    assert mirror_matches(ani)
    assert not ani.sync().pull.resnapshot
    ani.close()


def test_a_schema_mismatch_refuses_to_sync_and_keeps_the_outbox(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani)
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    op = ani.desk.note(t.tracking_no, "Catatan sebelum pemutakhiran server.")
    with org.admin.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    ani.engine.store = Store(org.url, officer="ani")  # a client starting up against the upgraded server
    with pytest.raises(SchemaMismatch, match="newer than this client"):
        ani.sync()
    assert ani.outcome(op.op_id)[0] == "pending"
    assert overlay_agrees(ani.cache)
    assert count(org, central.note) == 0
    with org.admin.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": migrate.HEAD_REVISION})
    ani.sync()
    assert ani.outcome(op.op_id)[0] == "applied"
    assert count(org, central.note) == 1
    ani.close()


def test_the_heartbeat_renews_a_claim_past_half_its_lease(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani)
    ani = holding(org, "ani", tmp_path, t.tracking_no)
    assert ani.sync().renewed == 0  # a fresh lease needs no renewal
    move_lease_end(org.admin.engine, t.id, minutes=60, stamped=True)  # an hour left of four: past half
    report = ani.sync()
    assert report.renewed == 1
    with org.admin.engine.connect() as conn:
        left = conn.execute(select(central.ticket.c.claim_expires_at).where(central.ticket.c.id == t.id)).scalar_one()
        now = server_now(conn)
    assert (left - now).total_seconds() > 3.5 * 3600
    ani.close()


def test_attachment_contents_are_fetched_once_and_kept_by_hash(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani)
    hidden = new_ticket(org.rudi, unit="kanreg-1")
    content = b"Foto jalan berlubang" * 1000
    digest = hashlib.sha256(content).hexdigest()
    secret = b"dokumen kanreg"
    secret_digest = hashlib.sha256(secret).hexdigest()
    with org.admin.engine.connect() as conn, conn.execution_options(write=True).begin():
        work = begin(conn, None)
        for ticket_id, data, sha in ((t.id, content, digest), (hidden.id, secret, secret_digest)):
            conn.execute(central.blob.insert().values(sha256=sha, size=len(data), content=data))
            conn.execute(
                central.attachment.insert().values(
                    id=uuid7(),
                    ticket_id=ticket_id,
                    filename="foto.jpg",
                    content_type="image/jpeg",
                    size=len(data),
                    sha256=sha,
                    change_seq=work.seq,
                    created_at=work.now,
                )
            )
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    assert ani.mirror_count(s.attachment) == 1 and ani.mirror_count(s.blob_cache) == 0  # metadata only
    assert ani.engine.attachment_content(digest) == content
    assert ani.engine.attachment_content(secret_digest) is None  # not a ticket ani may see
    go_offline(ani, tmp_path)
    assert ani.engine.attachment_content(digest) == content  # from the cache, without the server
    ani.close()
