"""A report recorded by an officer arrives with its scans: stored once per content, on the first message,
exactly once, or refused whole — on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Connection, func, select, text
from uuid6 import uuid7

from desktop.domain.operations import Op, OpKind, OutcomeState
from desktop.domain.scans import MAX_SCAN_BYTES
from desktop.store.apply import apply_op
from desktop.store.schema import attachment, blob, event, message, ticket
from tests.store.helpers import Org, build_org

PDF = b"%PDF-1.4\n% surat pengaduan warga\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 20


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def scan(filename: str, data: bytes, **changes: Any) -> dict[str, Any]:
    """A scan as a pushed report carries it; ``changes`` spoil it."""
    content_type = "application/pdf" if filename.endswith(".pdf") else "image/jpeg"
    item = {
        "filename": filename,
        "content_type": content_type,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "content": base64.b64encode(data).decode("ascii"),
    }
    return item | changes


def report(*scans: dict[str, Any], subject: str = "Surat keberatan warga RW 04") -> Op:
    payload = {
        "unit": "humas",
        "kind": "pengaduan",
        "channel": "letter",
        "subject": subject,
        "body": "Surat dari warga RW 04 tentang pembangunan pos ronda, pindaian terlampir.",
        "priority": 2,
        "reporter_name": "Pak Harun",
        "reporter_contact": "Jl. Melati 4",
        "attachments": list(scans),
    }
    return Op(op_id=uuid7(), kind=OpKind.CREATE, ticket_id=uuid7(), payload=payload, offline=True)


def count(org: Org, table: Any, *where: Any) -> int:
    with org.admin.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def test_a_report_is_stored_with_its_scans_on_the_first_message(org: Org) -> None:
    # The same page scanned into two files of one report: two attachments, one stored content.
    op = report(scan("surat-hal-1.pdf", PDF), scan("foto-lokasi.jpg", JPEG), scan("surat-salinan.pdf", PDF))
    outcome = org.ani.write(apply_op, op)
    assert outcome.state is OutcomeState.APPLIED, outcome.message
    assert op.ticket_id is not None
    with org.admin.engine.connect() as conn:
        made = conn.execute(select(ticket).where(ticket.c.id == op.ticket_id)).one()
        first = conn.execute(select(message.c.id).where(message.c.ticket_id == op.ticket_id)).scalar_one()
        rows = conn.execute(
            select(attachment).where(attachment.c.ticket_id == op.ticket_id).order_by(attachment.c.filename)
        ).all()
        stored = {r.sha256: bytes(r.content) for r in conn.execute(select(blob.c.sha256, blob.c.content))}
        audited = conn.execute(
            select(event.c.detail).where(event.c.ticket_id == op.ticket_id, event.c.action == "scans_attached")
        ).scalar_one()
    assert made.channel == "letter" and made.tracking_no == outcome.result["tracking_no"]
    assert [(r.filename, r.content_type, r.size, r.message_id, r.risky) for r in rows] == [
        ("foto-lokasi.jpg", "image/jpeg", len(JPEG), first, False),
        ("surat-hal-1.pdf", "application/pdf", len(PDF), first, False),
        ("surat-salinan.pdf", "application/pdf", len(PDF), first, False),
    ]
    assert stored == {hashlib.sha256(PDF).hexdigest(): PDF, hashlib.sha256(JPEG).hexdigest(): JPEG}
    assert "surat-hal-1.pdf" in audited

    again = org.ani.write(apply_op, op)  # a retry after a lost acknowledgement
    assert again.state is OutcomeState.APPLIED and again.result == outcome.result
    assert count(org, attachment) == 3 and count(org, blob) == 2 and count(org, ticket) == 1

    second = org.budi.write(apply_op, report(scan("surat-lagi.pdf", PDF), subject="Surat kedua"))
    assert second.state is OutcomeState.APPLIED
    assert count(org, attachment) == 4 and count(org, blob) == 2  # the content is stored once


def test_a_report_without_scans_is_created_as_before(org: Org) -> None:
    op = report()
    del op.payload["attachments"]
    assert org.ani.write(apply_op, op).state is OutcomeState.APPLIED
    assert count(org, ticket) == 1 and count(org, attachment) == 0


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        (scan("surat.pdf", b"MZ\x90\x00" + b"\x00" * 200), "surat.pdf: the content is not a PDF file"),
        (scan("program.exe", PDF), "program.exe: only PDF, JPEG, PNG, TIFF scans can be attached"),
        (scan("surat.pdf", PDF, sha256="0" * 64), "surat.pdf: the file's content arrived damaged"),
        (scan("surat.pdf", PDF, content="***"), "surat.pdf: the file's content arrived damaged (not base64)"),
        ({k: v for k, v in scan("surat.pdf", PDF).items() if k != "content"}, "surat.pdf: the file's content did"),
        (scan("besar.pdf", PDF + b"\x00" * MAX_SCAN_BYTES), "besar.pdf is 15.0 MiB; a scan may be at most"),
    ],
)
def test_a_bad_scan_refuses_the_whole_report_and_stores_nothing(org: Org, bad: dict[str, Any], said: str) -> None:
    op = report(scan("foto-lokasi.jpg", JPEG), bad)
    outcome = org.ani.write(apply_op, op)
    assert outcome.state is OutcomeState.REJECTED and outcome.code == "bad_input"
    assert outcome.message is not None and outcome.message.startswith(said), outcome.message
    assert count(org, ticket) == 0 and count(org, message) == 0 and count(org, attachment) == 0
    assert count(org, blob) == 0
    assert org.ani.write(apply_op, op).state is OutcomeState.REJECTED  # final, not retried into a ticket


def test_malformed_attachments_are_refused(org: Org) -> None:
    op = report()
    op.payload["attachments"] = "surat.pdf"
    outcome = org.ani.write(apply_op, op)
    assert outcome.state is OutcomeState.REJECTED
    assert outcome.message == "malformed new-ticket operation: attachments must be a list of files"
    assert count(org, ticket) == 0


def test_a_scan_too_large_for_mariadbs_packet_is_refused_not_taken_for_a_network_failure(org: Org) -> None:
    """A statement over MariaDB's max_allowed_packet drops the connection; without the check the report
    looked unreachable and blocked the outbox for ever. 9 MiB of blank TIFF is 18 MiB once escaped."""
    blank = b"II*\x00" + b"\x00" * (9 * 1024 * 1024)
    op = report(scan("kosong.tif", blank, content_type="image/tiff"))
    outcome = org.ani.write(apply_op, op)
    with org.admin.engine.connect() as conn:
        packet = int(conn.execute(text("SELECT @@max_allowed_packet")).scalar_one()) if is_mariadb(conn) else None
    if packet is not None and packet < 2 * len(blank):
        assert outcome.state is OutcomeState.REJECTED
        assert outcome.message is not None and "ask the admin to raise max_allowed_packet" in outcome.message
        assert outcome.message.startswith("kosong.tif: the central database (MariaDB) takes at most")
        assert count(org, ticket) == 0 and count(org, blob) == 0
    else:  # PostgreSQL, SQLite, or a MariaDB whose admin raised the limit: stored whole
        assert outcome.state is OutcomeState.APPLIED, outcome.message
        with org.admin.engine.connect() as conn:
            assert bytes(conn.execute(select(blob.c.content)).scalar_one()) == blank


def is_mariadb(conn: Connection) -> bool:
    return conn.dialect.name in ("mariadb", "mysql")
