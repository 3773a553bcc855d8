"""The worker's round through a real Dovecot into the store, on every engine: a citizen's mail becomes a
ticket, their answer joins it, an unreadable mail still becomes a ticket with the original attached, and
nothing is stored twice when the cursor is lost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from sqlalchemy import Connection, func, insert, select, update

from desktop.channels.sources import make_source
from desktop.channels.worker import run_round
from desktop.store import directory
from desktop.store.schema import attachment, channel_account, message, ticket, unit
from desktop.store.service import Store
from tests.channels import mailserver
from tests.channels.mailserver import MailServer

imap_server = mailserver.imap_server


@pytest.fixture
def store(migrated_url: str, imap_server: MailServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    admin = Store(migrated_url)
    admin.admin(directory.add_unit, "humas", "Biro Humas")
    monkeypatch.setenv("ADUAN_SECRET_PENGADUAN_HUMAS", imap_server.password)
    config = {"host": imap_server.host, "port": imap_server.port, "user": imap_server.user, "tls": "none"}

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

    admin.admin(add)
    yield admin
    admin.dispose()


def mail(message_id: str, subject: str, body: str, **headers: str) -> bytes:
    m = EmailMessage()
    m["From"] = "Siti Aminah <siti@example.id>"
    m["To"] = "pengaduan@humas.example.go.id"
    m["Subject"] = subject
    m["Message-ID"] = f"<{message_id}>"
    for name, value in headers.items():
        m[name.replace("_", "-")] = value
    m.set_content(body)
    return bytes(m)


def count(store: Store, table: Any) -> int:
    return int(store.read(lambda conn: conn.execute(select(func.count()).select_from(table)).scalar_one()))


def inbound(store: Store) -> int:
    """Messages from citizens (the acknowledgements sent back are outbound)."""
    query = select(func.count()).select_from(message).where(message.c.direction == "inbound")
    return int(store.read(lambda conn: conn.execute(query).scalar_one()))


def test_mail_becomes_a_ticket_and_the_answer_joins_it(store: Store, imap_server: MailServer) -> None:
    imap_server.deliver(mail("m1@example.id", "Jalan rusak di Jl. Kenanga", "Mohon segera diperbaiki."))
    imap_server.deliver(
        mail("m2@example.id", "Re: Jalan rusak di Jl. Kenanga", "Foto terlampir.", In_Reply_To="<m1@example.id>")
    )
    imap_server.deliver(b"\x00\x01 bukan surel sama sekali \xff\xfe")
    report = run_round(store, make_source)
    assert (report.received, report.errors) == ({"pengaduan@humas": 3}, {})
    assert count(store, ticket) == 2 and inbound(store) == 3
    original = store.read(lambda conn: conn.execute(select(attachment.c.filename, attachment.c.risky)).one())
    assert tuple(original) == ("surel-asli.eml", True)  # the unreadable mail, kept whole
    assert run_round(store, make_source).received == {"pengaduan@humas": 0}
    # The cursor is lost (a crash before it was saved): everything is fetched again, nothing stored twice.
    store.admin(lambda conn: conn.execute(update(channel_account).values(cursor=None)))
    again = run_round(store, make_source)
    assert again.duplicates == {"pengaduan@humas": 3} and inbound(store) == 3


def test_a_wrong_password_is_recorded_on_the_account(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADUAN_SECRET_PENGADUAN_HUMAS", "salah")
    report = run_round(store, make_source)
    assert "pengaduan@humas" in report.errors
    error = store.read(lambda conn: conn.execute(select(channel_account.c.last_error)).scalar_one())
    assert error == report.errors["pengaduan@humas"] and "salah" not in error
