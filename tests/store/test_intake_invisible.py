"""Intake strips invisible characters (bidi overrides, zero widths) from what a channel says about a report:
the subject, the sender's name, the category and attachment names; the citizen's text keeps them as evidence.
On every engine, from a real e-mail as the mailbox delivers it."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from sqlalchemy import select

from desktop.channels.email_message import parse_email
from desktop.store import intake, tickets
from desktop.store.schema import attachment
from desktop.store.work import begin
from tests.store.helpers import Org, build_org


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def spoofing_mail() -> bytes:
    mail = EmailMessage()
    mail["From"] = "Si\u200bti \u202eAminah\u202c <siti@example.id>"
    mail["To"] = "pengaduan@example.go.id"
    mail["Subject"] = "Bukti foto \u202egpj.exe\u2069 terlampir\ufeff"
    mail["Message-ID"] = "<spoof-1@example.id>"
    mail.set_content("Foto terlampir: \u202egpj.exe \u2014 mohon dicek.\n")
    mail.add_attachment(b"MZ\x90\x00", maintype="application", subtype="octet-stream", filename="foto\u202egpj.exe")
    return mail.as_bytes()


def test_a_mail_that_disguises_its_subject_and_sender_is_stored_plain(org: Org) -> None:
    inbound = parse_email(spoofing_mail())
    assert "\u202e" in inbound.subject and "\u200b" in (inbound.sender_name or "")  # as the mail said it

    got = org.admin.admin(lambda conn: intake.receive(begin(conn, None), inbound, "humas"))

    detail = org.ani.view(tickets.ticket_detail, got.ticket_id)
    assert detail.ticket.subject == "Bukti foto gpj.exe terlampir"
    assert detail.ticket.reporter is not None and detail.ticket.reporter.name == "Siti Aminah"
    assert detail.messages[0].body_text.startswith("Foto terlampir: \u202egpj.exe")  # the body keeps it
    names = org.admin.read(lambda conn: conn.execute(select(attachment.c.filename)).scalars().all())
    assert names == ["fotogpj.exe"]
