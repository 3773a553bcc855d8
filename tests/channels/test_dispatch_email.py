"""E-mail end to end through a real Dovecot (IMAP) and a real SMTP server (aiosmtpd), on every engine: a
citizen's mail becomes a ticket and is acknowledged with its tracking number, the officer's reply arrives
in the citizen's mailbox threaded under their mail, and the citizen's answer lands in the same ticket."""

from __future__ import annotations

import email
import email.policy
import json
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from sqlalchemy import Connection, insert, select

from desktop.channels.dispatch import dispatch_round
from desktop.channels.sources import make_sender, make_source
from desktop.channels.worker import run_round
from desktop.store import claims, handling
from desktop.store.outbox import outbox_rows
from desktop.store.schema import channel_account, message, outbound_message, ticket, unit
from desktop.store.service import Store
from tests.channels import mailserver, smtpserver
from tests.channels.mailserver import MailServer
from tests.channels.smtpserver import CITIZEN_ADDRESS, UNIT_ADDRESS, SmtpServer
from tests.store.helpers import Org, build_org

# The test SMTP server asks for a login without TLS: on the loopback only.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
imap_server = mailserver.imap_server
smtp_server = smtpserver.smtp_server


@pytest.fixture
def org(
    migrated_url: str, imap_server: MailServer, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Org]:
    built = build_org(migrated_url)
    monkeypatch.setenv("ADUAN_SECRET_PENGADUAN_HUMAS", imap_server.password)
    config = {
        "host": imap_server.host,
        "port": imap_server.port,
        "user": imap_server.user,
        "tls": "none",
        "smtp_host": smtp_server.host,
        "smtp_port": smtp_server.port,
        "address": UNIT_ADDRESS,
        "from_name": "Biro Humas",
    }

    def add(conn: Connection) -> None:
        unit_id = conn.execute(select(unit.c.id).where(unit.c.code == "humas")).scalar_one()
        conn.execute(
            insert(channel_account).values(
                unit_id=unit_id,
                channel="email",
                name="pengaduan@humas",
                config=json.dumps(config),
                secret_ref="env:ADUAN_SECRET_PENGADUAN_HUMAS",
            )
        )

    built.admin.admin(add)
    yield built
    built.close()


def citizen_mail(message_id: str, subject: str, body: str, **headers: str) -> bytes:
    m = EmailMessage()
    m["From"] = f"Siti Aminah <{CITIZEN_ADDRESS}>"
    m["To"] = UNIT_ADDRESS
    m["Subject"] = subject
    m["Message-ID"] = f"<{message_id}>"
    for name, value in headers.items():
        m[name.replace("_", "-")] = value
    m.set_content(body)
    return bytes(m)


def citizen_inbox(server: MailServer) -> list[email.message.EmailMessage]:
    conn = server.admin(server.citizen)
    try:
        conn.select("INBOX", readonly=True)
        _, data = conn.uid("SEARCH", "ALL")
        found = []
        for uid in data[0].split():
            _, fetched = conn.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next(part[1] for part in fetched if isinstance(part, tuple))
            found.append(email.message_from_bytes(raw, policy=email.policy.default))
        return found  # type: ignore[return-value]
    finally:
        conn.logout()


def one_round(store: Store) -> Any:
    run_round(store, make_source)
    return dispatch_round(store, make_sender)


def test_mail_is_acknowledged_answered_in_thread_and_the_answer_joins_the_ticket(
    org: Org, imap_server: MailServer, smtp_server: SmtpServer
) -> None:
    imap_server.deliver(citizen_mail("lapor-1@example.id", "Lampu jalan mati di Jl. Kenanga", "Sudah seminggu."))
    first = one_round(org.admin)
    assert (first.sent, first.failed, first.errors) == (1, 0, {})
    tracking_no, ticket_id = org.admin.read(lambda c: c.execute(select(ticket.c.tracking_no, ticket.c.id)).one())

    [ack] = citizen_inbox(imap_server)
    assert tracking_no in str(ack["Subject"]) and tracking_no in ack.get_content()
    assert ack["In-Reply-To"] == "<lapor-1@example.id>" and ack["Auto-Submitted"] == "auto-replied"
    assert ack["From"].addresses[0].addr_spec == UNIT_ADDRESS

    held = org.ani.write(claims.claim, ticket_id)
    org.ani.write(handling.reply, ticket_id, held.claim.token, "Petugas kami akan memeriksa lampu besok pagi.")
    assert one_round(org.admin).sent == 1

    ack, answer = citizen_inbox(imap_server)
    assert answer.get_content().strip() == "Petugas kami akan memeriksa lampu besok pagi."
    assert str(answer["Subject"]) == f"Re: [{tracking_no}] Lampu jalan mati di Jl. Kenanga"
    assert answer["In-Reply-To"] == "<lapor-1@example.id>"
    references = str(answer["References"]).split()
    assert references[0] == "<lapor-1@example.id>" and ack["Message-ID"] in references
    assert "Auto-Submitted" not in answer  # an officer's answer, which the citizen may answer

    # The citizen answers the officer's mail; their mail program keeps only the threading headers.
    imap_server.deliver(
        citizen_mail(
            "lapor-2@example.id",
            "Re: lampu",  # the tracking number dropped from the subject: the headers alone must thread it
            "Terima kasih, saya tunggu.",
            In_Reply_To=str(answer["Message-ID"]),
            References=f"<lapor-1@example.id> {answer['Message-ID']}",
        )
    )
    assert one_round(org.admin).sent == 0  # an answer to an open ticket is not acknowledged again
    rows = org.admin.read(
        lambda c: c.execute(select(message.c.ticket_id, message.c.direction).order_by(message.c.created_at)).all()
    )
    assert [(r.ticket_id, r.direction) for r in rows] == [
        (ticket_id, "inbound"),
        (ticket_id, "outbound"),
        (ticket_id, "outbound"),
        (ticket_id, "inbound"),
    ]
    assert org.admin.read(outbox_rows) == []  # nothing waits
    assert len(citizen_inbox(imap_server)) == 2


def test_a_refused_recipient_fails_visibly_and_a_busy_server_is_tried_again(
    org: Org, imap_server: MailServer, smtp_server: SmtpServer
) -> None:
    unknown = citizen_mail("x-1@example.id", "Jalan rusak", "Mohon diperbaiki.").replace(
        CITIZEN_ADDRESS.encode(), b"nobody@example.id"
    )
    imap_server.deliver(unknown)
    report = one_round(org.admin)
    assert (report.sent, report.failed) == (0, 1)
    [failed] = org.admin.read(outbox_rows)
    assert failed.state == "failed" and "550" in (failed.last_error or "") and "nobody@example.id" in failed.last_error

    smtp_server.refuse_next(1)
    imap_server.deliver(citizen_mail("x-2@example.id", "Sampah", "Menumpuk."))
    busy = one_round(org.admin)
    assert (busy.sent, busy.postponed) == (0, 1) and "421" in busy.errors["pengaduan@humas"]
    waiting = org.admin.read(
        lambda c: c.execute(
            select(outbound_message.c.state, outbound_message.c.not_before).where(outbound_message.c.state == "queued")
        ).one()
    )
    assert waiting.not_before is not None  # backs off instead of hammering the server
    org.admin.admin(lambda c: c.execute(outbound_message.update().values(not_before=None)))
    assert dispatch_round(org.admin, make_sender).sent == 1
    assert [m["Subject"] for m in citizen_inbox(imap_server)][0].startswith("Re: [ADU-")


def test_a_wrong_smtp_password_postpones_and_names_the_account(
    org: Org, imap_server: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    imap_server.deliver(citizen_mail("p-1@example.id", "Air mati", "Sejak pagi."))
    run_round(org.admin, make_source)
    monkeypatch.setenv("ADUAN_SECRET_PENGADUAN_HUMAS", "salah")
    report = dispatch_round(org.admin, make_sender)
    assert (report.sent, report.postponed) == (0, 1)
    assert "refused the login" in report.errors["pengaduan@humas"] and "salah" not in report.errors["pengaduan@humas"]
    assert citizen_inbox(imap_server) == []
