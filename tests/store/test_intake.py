"""Intake on every engine: an outside message starts a ticket or continues its thread, exactly once, and
outside text is repaired and kept rather than refused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.domain.clocks import ClockName
from desktop.domain.inbound import InboundAttachment, InboundMessage
from desktop.domain.status import Status
from desktop.domain.text import MAX_BODY_CHARS
from desktop.domain.vocabulary import Channel
from desktop.store import claims, handling, intake
from desktop.store.packet import statement_limit
from desktop.store.schema import attachment, blob, event, message, sla_clock, ticket
from desktop.store.work import begin
from tests.store.helpers import Org, build_org


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def mail(
    external_id: str, subject: str = "Jalan rusak di Jl. Kenanga", text: str = "Mohon diperbaiki.", **kw: Any
) -> InboundMessage:
    return InboundMessage(
        channel=Channel.EMAIL,
        external_id=external_id,
        sender_address="siti@example.id",
        sender_name="Siti Aminah",
        subject=subject,
        text=text,
        **kw,
    )


def received(org: Org, inbound: InboundMessage) -> intake.Received:
    return org.admin.admin(lambda conn: intake.receive(begin(conn, None), inbound, "humas"))


def count(org: Org, table: Any, *where: Any) -> int:
    return int(
        org.admin.read(lambda conn: conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())
    )


def test_a_message_starts_a_ticket_once(org: Org) -> None:
    first = received(org, mail("a1@example.id", html="<p>Mohon <b>diperbaiki</b>.</p>"))
    again = received(org, mail("a1@example.id"))
    assert first.new_ticket and not first.duplicate
    assert (again.duplicate, again.ticket_id, again.message_id) == (True, first.ticket_id, None)
    assert count(org, ticket) == 1 and count(org, message) == 1
    assert count(org, sla_clock, sla_clock.c.ticket_id == first.ticket_id) == 2  # the clocks started
    stored = org.admin.read(lambda conn: conn.execute(select(message.c.body_html)).scalar_one())
    assert stored == "<p>Mohon <b>diperbaiki</b>.</p>"


def test_an_answer_joins_its_ticket_by_reference_or_tracking_number(org: Org) -> None:
    first = received(org, mail("a1@example.id"))
    by_reference = received(org, mail("a2@example.id", subject="Re: Jalan rusak", references=("a1@example.id",)))
    by_number = received(org, mail("a3@example.id", subject=f"Tambahan [{first.tracking_no.lower()}]"))
    unrelated = received(org, mail("a4@example.id", subject="Lampu mati", references=("unknown@example.id",)))
    assert by_reference.ticket_id == by_number.ticket_id == first.ticket_id
    assert not by_reference.new_ticket and not by_number.new_ticket
    assert unrelated.new_ticket and unrelated.ticket_id != first.ticket_id
    assert count(org, message, message.c.ticket_id == first.ticket_id) == 3


def test_the_reporters_answer_resumes_the_work(org: Org) -> None:
    first = received(org, mail("a1@example.id"))
    token = org.ani.write(claims.claim, first.ticket_id).claim.token
    for status in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.MENUNGGU_PELAPOR):
        org.ani.write(handling.change_status, first.ticket_id, token, status)
    received(org, mail("a2@example.id", references=("a1@example.id",)))
    row = org.admin.read(
        lambda conn: conn.execute(select(ticket.c.status).where(ticket.c.id == first.ticket_id)).scalar_one()
    )
    assert row == Status.DITINDAKLANJUTI.value
    resolution = org.admin.read(
        lambda conn: conn.execute(
            select(sla_clock.c.running_since).where(
                sla_clock.c.ticket_id == first.ticket_id, sla_clock.c.clock == ClockName.RESOLUTION.value
            )
        ).scalar_one()
    )
    assert resolution is not None  # running again
    org.ani.write(handling.change_status, first.ticket_id, token, Status.SELESAI)  # the holder's claim still holds


def test_outside_text_is_repaired_and_kept_whole(org: Org) -> None:
    long_text = "Kronologi kejadian. " * (MAX_BODY_CHARS // 10)
    made = received(
        org,
        mail("a1@example.id", subject="  \x00 ", text="Halo\x07 " + long_text, problems=("charset guessed",)),
    )
    row = org.admin.read(
        lambda conn: conn.execute(select(ticket.c.subject).where(ticket.c.id == made.ticket_id)).scalar_one()
    )
    assert row == intake.NO_SUBJECT
    body = org.admin.read(lambda conn: conn.execute(select(message.c.body_text)).scalar_one())
    assert len(body) <= MAX_BODY_CHARS and "\x07" not in body and "pesan-lengkap.txt" in body
    kept = org.admin.read(
        lambda conn: conn.execute(
            select(blob.c.content).join(attachment, attachment.c.sha256 == blob.c.sha256)
        ).scalar_one()
    )
    assert kept.decode("utf-8").startswith("Halo ") and len(kept) > MAX_BODY_CHARS
    assert count(org, event, event.c.action == "intake_repaired") == 1


def test_attachments_are_stored_once_by_content(org: Org) -> None:
    scan = InboundAttachment("ktp.pdf", "application/pdf", b"%PDF-1.4 scan")
    tool = InboundAttachment("alat.exe", "application/octet-stream", b"MZ", risky=True)
    received(org, mail("a1@example.id", attachments=(scan, tool)))
    received(org, mail("a2@example.id", subject="Lampu mati", attachments=(scan,)))
    assert count(org, attachment) == 3 and count(org, blob) == 2
    assert count(org, attachment, attachment.c.risky.is_(True)) == 1


def test_a_chat_continues_the_senders_open_ticket(org: Org) -> None:
    def chat(external_id: str, sender: str) -> InboundMessage:
        return InboundMessage(Channel.TELEGRAM, external_id, sender, "Budi", "Air PDAM mati", "Air mati lagi.")

    first = received(org, chat("42:1", "42"))
    follow_up = received(org, chat("42:2", "42"))
    other_sender = received(org, chat("77:1", "77"))
    assert follow_up.ticket_id == first.ticket_id and not follow_up.new_ticket
    assert other_sender.new_ticket
    token = org.ani.write(claims.claim, first.ticket_id).claim.token
    org.ani.write(handling.change_status, first.ticket_id, token, Status.DIARSIPKAN)
    assert received(org, chat("42:3", "42")).new_ticket  # a closed ticket is not reopened by chat


def test_an_attachment_too_big_for_one_statement_is_set_aside_and_named(org: Org) -> None:
    limit = org.admin.read(statement_limit)
    if org.url.startswith("mariadb") or org.url.startswith("mysql"):
        assert limit is not None  # MariaDB's max_allowed_packet: the case this guards
        size = limit  # with the statement around it, it cannot fit
    else:
        assert limit is None  # PostgreSQL and SQLite: nothing to set aside
        size = 1024
    big = InboundAttachment("rekaman.wav", "audio/wav", b"\x01" * size)
    small = InboundAttachment("foto.jpg", "image/jpeg", b"\xff\xd8 foto")
    done = received(org, mail("big@example.id", attachments=(big, small)))
    stored = org.admin.read(lambda conn: conn.execute(select(attachment.c.filename)).scalars().all())
    repaired = org.admin.read(
        lambda conn: conn.execute(select(event.c.detail).where(event.c.action == "intake_repaired")).scalars().all()
    )
    if limit is None:
        assert sorted(stored) == ["foto.jpg", "rekaman.wav"] and repaired == []
    else:
        assert stored == ["foto.jpg"] and done.new_ticket
        assert len(repaired) == 1 and "rekaman.wav" in repaired[0] and "max_allowed_packet" in repaired[0]
