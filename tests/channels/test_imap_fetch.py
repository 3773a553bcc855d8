"""The UID-based IMAP fetcher against a real Dovecot server: nothing missed, nothing twice, nothing marked read."""

from __future__ import annotations

import itertools
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.channels.imap_fetch import FetchBatch, ImapMailbox, format_cursor, parse_cursor
from desktop.domain.errors import BadInput, NotFound, NotPermitted, Unreachable
from tests.channels import mailserver
from tests.channels.mailserver import MailServer, free_port

imap_server = mailserver.imap_server

_serial = itertools.count(1)


def message(subject: str = "Laporan jalan rusak") -> bytes:
    number = next(_serial)
    return (
        f"From: Warga <warga{number}@contoh.id>\r\n"
        f"To: pengaduan@instansi.go.id\r\n"
        f"Subject: {subject} {number}\r\n"
        f"Message-ID: <{uuid.uuid4().hex}@contoh.id>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        f"Jalan di RT {number} berlubang.\r\n"
    ).encode()


def mailbox(server: MailServer, name: str = "INBOX", password: str | None = None) -> ImapMailbox:
    return ImapMailbox(
        server.host, server.port, server.user, server.password if password is None else password, name, "none", 10
    )


def test_first_fetch_gets_all_then_nothing_then_only_the_new_one(imap_server: MailServer) -> None:
    sent = [message() for _ in range(3)]
    uids = [imap_server.deliver(raw) for raw in sent]
    box = mailbox(imap_server)

    first = box.fetch_new(None, 50)
    assert [mail.raw for mail in first.mails] == sent
    assert [mail.uid for mail in first.mails] == uids
    assert not first.restarted and not first.more
    assert parse_cursor(first.cursor) is not None and first.cursor.endswith(f":{uids[-1]}")

    second = box.fetch_new(first.cursor, 50)
    assert second.mails == [] and second.cursor == first.cursor and not second.restarted

    late = message("Susulan")
    late_uid = imap_server.deliver(late)
    third = box.fetch_new(second.cursor, 50)
    assert [(mail.uid, mail.raw) for mail in third.mails] == [(late_uid, late)]
    assert third.cursor == format_cursor(parse_cursor(first.cursor)[0], late_uid)  # type: ignore[index]


def test_an_empty_mailbox_gives_nothing_and_a_cursor_that_later_finds_the_first_message(
    imap_server: MailServer,
) -> None:
    box = mailbox(imap_server)
    empty = box.fetch_new(None, 10)
    assert empty.mails == [] and empty.cursor.endswith(":0")
    raw = message()
    imap_server.deliver(raw)
    assert [mail.raw for mail in box.fetch_new(empty.cursor, 10).mails] == [raw]


def test_the_limit_is_respected_and_the_cursor_continues_where_it_stopped(imap_server: MailServer) -> None:
    sent = [message() for _ in range(5)]
    for raw in sent:
        imap_server.deliver(raw)
    box = mailbox(imap_server)

    batches: list[FetchBatch] = []
    cursor = None
    for _ in range(3):
        batch = box.fetch_new(cursor, 2)
        batches.append(batch)
        cursor = batch.cursor
    assert [len(batch.mails) for batch in batches] == [2, 2, 1]
    assert [batch.more for batch in batches] == [True, True, False]
    assert [mail.raw for batch in batches for mail in batch.mails] == sent
    assert box.fetch_new(cursor, 2).mails == []


def test_a_changed_uidvalidity_restarts_from_the_first_message(imap_server: MailServer) -> None:
    imap_server.create_mailbox("Pengaduan")
    for _ in range(3):
        imap_server.deliver(message(), "Pengaduan")
    box = mailbox(imap_server, "Pengaduan")
    before = box.fetch_new(None, 10)
    assert len(before.mails) == 3

    imap_server.delete_mailbox("Pengaduan")
    imap_server.create_mailbox("Pengaduan")
    again = [message("Setelah dibuat ulang")]
    imap_server.deliver(again[0], "Pengaduan")

    after = box.fetch_new(before.cursor, 10)
    assert after.restarted
    assert [mail.raw for mail in after.mails] == again
    assert parse_cursor(after.cursor) != parse_cursor(before.cursor)
    assert parse_cursor(after.cursor)[0] != parse_cursor(before.cursor)[0]  # type: ignore[index]
    follow_up = box.fetch_new(after.cursor, 10)
    assert follow_up.mails == [] and not follow_up.restarted


def test_fetched_messages_stay_unseen(imap_server: MailServer) -> None:
    for _ in range(2):
        imap_server.deliver(message())
    box = mailbox(imap_server)
    assert len(box.fetch_new(None, 10).mails) == 2
    flags = imap_server.flags()
    assert len(flags) == 2
    assert all("\\Seen" not in value for value in flags.values()), flags


def test_a_wrong_password_is_not_permitted_and_the_message_names_the_user_not_the_password(
    imap_server: MailServer,
) -> None:
    with pytest.raises(NotPermitted) as caught:
        mailbox(imap_server, password="salah-sandi").fetch_new(None, 10)
    assert imap_server.user in caught.value.message
    assert "salah-sandi" not in caught.value.message


def test_a_closed_port_is_unreachable() -> None:
    port = free_port()
    with pytest.raises(Unreachable) as caught:
        ImapMailbox("127.0.0.1", port, "petugas", "x", tls="none", timeout=5).fetch_new(None, 10)
    assert f"127.0.0.1:{port}" in caught.value.message


def test_a_missing_mailbox_is_not_found(imap_server: MailServer) -> None:
    with pytest.raises(NotFound) as caught:
        mailbox(imap_server, "TidakAda").fetch_new(None, 10)
    assert "TidakAda" in caught.value.message


def test_implicit_tls_and_starttls_fetch_with_a_trusted_certificate(imap_server: MailServer) -> None:
    raw = message()
    imap_server.deliver(raw)
    context = imap_server.client_context()
    over_ssl = ImapMailbox(
        "localhost", imap_server.ssl_port, imap_server.user, imap_server.password, tls="ssl", ssl_context=context
    )
    over_starttls = ImapMailbox(
        "localhost", imap_server.port, imap_server.user, imap_server.password, tls="starttls", ssl_context=context
    )
    assert [mail.raw for mail in over_ssl.fetch_new(None, 10).mails] == [raw]
    assert [mail.raw for mail in over_starttls.fetch_new(None, 10).mails] == [raw]


def test_an_untrusted_certificate_is_unreachable_with_a_reason(imap_server: MailServer) -> None:
    box = ImapMailbox("localhost", imap_server.ssl_port, imap_server.user, imap_server.password, tls="ssl")
    with pytest.raises(Unreachable) as caught:
        box.fetch_new(None, 10)
    assert "certificate" in caught.value.message


@pytest.mark.parametrize("cursor", ["", "abc", "12", "1:2:3", "-1:5", "1:x"])
def test_a_malformed_cursor_is_bad_input(cursor: str) -> None:
    if cursor == "":
        assert parse_cursor(cursor) is None
        return
    with pytest.raises(BadInput):
        parse_cursor(cursor)


@given(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))
def test_cursor_round_trip(uidvalidity: int, last_uid: int) -> None:
    assert parse_cursor(format_cursor(uidvalidity, last_uid)) == (uidvalidity, last_uid)


def test_bad_settings_are_bad_input() -> None:
    with pytest.raises(BadInput):
        ImapMailbox("127.0.0.1", 143, "u", "p", tls="plain")  # type: ignore[arg-type]
    with pytest.raises(BadInput):
        ImapMailbox("127.0.0.1", 0, "u", "p")
    with pytest.raises(BadInput):
        ImapMailbox("127.0.0.1", 143, "u", "p").fetch_new(None, 0)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.just(0), st.integers(1, 4)), min_size=1, max_size=12))
def test_interleaved_deliveries_and_fetches_take_every_message_once_in_order(
    imap_server: MailServer, steps: list[int]
) -> None:
    """Step 0 delivers a message; step n fetches with limit n. Draining at the end must yield all, once."""
    name = f"Uji{uuid.uuid4().hex[:8]}"
    imap_server.create_mailbox(name)
    box = mailbox(imap_server, name)
    sent: list[bytes] = []
    taken: list[bytes] = []
    cursor: str | None = None
    for step in steps:
        if step == 0:
            sent.append(message())
            imap_server.deliver(sent[-1], name)
        else:
            batch = box.fetch_new(cursor, step)
            assert len(batch.mails) <= step
            taken.extend(mail.raw for mail in batch.mails)
            cursor = batch.cursor
    while True:
        batch = box.fetch_new(cursor, 3)
        taken.extend(mail.raw for mail in batch.mails)
        cursor = batch.cursor
        if not batch.more:
            break
    assert taken == sent
