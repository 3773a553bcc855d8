"""A report taken by letter while offline, with its scans: the bytes wait in the cache (not in the outbox),
travel with the report when the link is back, land on the server and open from the cache afterwards —
on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from desktop.cache import schema as s
from desktop.domain.errors import BadInput
from desktop.domain.operations import Op
from desktop.domain.scans import Problem, ScanRefused, check_scan
from desktop.domain.vocabulary import Channel, Kind
from desktop.store import schema as central
from desktop.store.service import Store
from tests.store.helpers import Org, build_org
from tests.sync.helpers import Client, client, overlay_agrees
from tests.sync.offline import go_offline

PDF = b"%PDF-1.5\n% surat keberatan\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def letter(ani: Client, *scans: tuple[str, bytes], subject: str = "Surat keberatan pembangunan pos ronda") -> Op:
    return ani.desk.create(
        unit="humas",
        kind=Kind.PENGADUAN,
        channel=Channel.LETTER,
        subject=subject,
        body="Surat warga RW 04 diterima di loket; pindaian terlampir.",
        reporter_name="Pak Harun",
        reporter_contact="Jl. Melati 4, RW 04",
        attachments=[check_scan(name, content) for name, content in scans],
    )


def back_online(ani: Client, org: Org) -> None:
    ani.engine.store.dispose()
    ani.engine.store = Store(org.url, officer="ani", device="ani-pc")


def test_an_offline_letter_with_scans_reaches_the_server_and_stays_in_the_cache(org: Org, tmp_path: Path) -> None:
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    go_offline(ani, tmp_path)
    op = letter(ani, ("surat-hal-1.pdf", PDF), ("foto-lokasi.png", PNG))
    queued, claim = ani.outbox()  # the report, and the recording officer's claim on it
    assert claim.kind == "claim" and claim.ticket_id == queued.ticket_id
    payload = json.loads(queued.payload)
    assert [a["filename"] for a in payload["attachments"]] == ["surat-hal-1.pdf", "foto-lokasi.png"]
    assert all("content" not in a for a in payload["attachments"])  # the bytes are not in the outbox
    assert len(queued.payload) < 2_000
    with ani.cache.read() as conn:
        kept = {r.sha256: bytes(r.content) for r in conn.execute(select(s.blob_cache))}
    assert sorted(kept.values()) == sorted([PDF, PNG])

    back_online(ani, org)
    report = ani.sync()
    assert report.push.applied == 2 and report.pending == 0  # the report and its claim
    state, outcome = ani.outcome(op.op_id)
    assert state == "applied", outcome
    with org.admin.engine.connect() as conn:
        stored = conn.execute(
            select(central.attachment.c.filename, central.blob.c.content, central.message.c.direction)
            .join(central.blob, central.blob.c.sha256 == central.attachment.c.sha256)
            .join(central.message, central.message.c.id == central.attachment.c.message_id)
            .where(central.attachment.c.ticket_id == op.ticket_id)
            .order_by(central.attachment.c.filename)
        ).all()
    assert [(r.filename, bytes(r.content), r.direction) for r in stored] == [
        ("foto-lokasi.png", PNG, "inbound"),
        ("surat-hal-1.pdf", PDF, "inbound"),
    ]
    with ani.cache.read() as conn:
        mirrored = conn.execute(
            select(s.attachment.c.filename, s.attachment.c.sha256).order_by(s.attachment.c.filename)
        ).all()
    assert [r.filename for r in mirrored] == ["foto-lokasi.png", "surat-hal-1.pdf"]
    assert overlay_agrees(ani.cache)

    go_offline(ani, tmp_path)  # the scans open without the server: they never left the cache
    assert [ani.engine.attachment_content(r.sha256) for r in mirrored] == [PNG, PDF]
    ani.close()


def test_a_refused_scan_queues_nothing(org: Org, tmp_path: Path) -> None:
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    with pytest.raises(ScanRefused) as refused:
        letter(ani, ("surat.pdf", PDF), ("program.pdf", b"MZ\x90\x00" + b"\x00" * 60))
    assert refused.value.problem is Problem.CONTENT and refused.value.filename == "program.pdf"
    with pytest.raises(BadInput, match="category is 101 characters long; the limit is 100"):
        ani.desk.create("humas", Kind.PENGADUAN, Channel.PHONE, "Telepon warga", "Isi laporan.", category="k" * 101)
    assert ani.outbox() == [] and ani.mirror_count(s.blob_cache) == 0 and ani.mirror_count(s.local_ticket) == 0
    ani.close()


def test_a_scan_lost_from_the_cache_refuses_its_report_and_the_queue_moves_on(org: Org, tmp_path: Path) -> None:
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    go_offline(ani, tmp_path)
    lost = letter(ani, ("surat.pdf", PDF))
    after = ani.desk.create("humas", Kind.ASPIRASI, Channel.PHONE, "Usul taman baca", "Warga mengusulkan taman baca.")
    with ani.cache.write() as conn:
        conn.execute(delete(s.blob_cache))
    back_online(ani, org)
    report = ani.sync()
    # Each report with its recording officer's claim: the lost one's claim is refused with it.
    assert (report.push.rejected, report.push.applied, report.pending) == (2, 2, 0)
    state, outcome = ani.outcome(lost.op_id)
    assert state == "rejected" and outcome["message"].startswith("surat.pdf: the file's content did not arrive")
    assert ani.outcome(after.op_id)[0] == "applied"
    with org.admin.engine.connect() as conn:
        assert conn.execute(select(central.ticket.c.subject)).scalars().all() == ["Usul taman baca"]
    ani.close()
