"""The connection test of a channel account (``channels/probe.py``) against a real Dovecot and SMTP server
and the fake channel APIs: it passes with the right settings and secret and says what it saw; it fails in the
account's terms with a wrong password or token, an untrusted certificate, an unreachable or silent server, a
secret that is not there and settings the worker refuses — never showing the secret; and it takes nothing
in: the next poll still gets every message, nothing is marked seen, nothing is sent, no cursor moves."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from sqlalchemy import Connection, insert, select, update

from desktop.channels.accounts import Account
from desktop.channels.imap_fetch import ImapMailbox
from desktop.channels.lapor import LaporPoller
from desktop.channels.probe import probe_account, probe_and_record
from desktop.channels.telegram import TelegramBot
from desktop.channels.x_api import XClient
from desktop.domain.errors import NotFound
from desktop.domain.probe import ProbeResult, Problem
from desktop.domain.vocabulary import Channel
from desktop.store import directory
from desktop.store.schema import channel_account, unit
from desktop.store.service import Store
from tests.channels import mailserver, smtpserver
from tests.channels.fake_lapor import FakeLapor
from tests.channels.fake_telegram import FakeTelegram
from tests.channels.fake_whatsapp import FakeWhatsApp
from tests.channels.fake_x import FakeX
from tests.channels.mailserver import MailServer, free_port
from tests.channels.smtpserver import UNIT_ADDRESS, SmtpServer

imap_server = mailserver.imap_server
smtp_server = smtpserver.smtp_server

# The accounts' own slots (their names folded): where the worker's environment holds their secrets.
SUREL, BOT, X = "ADUAN_SECRET_SUREL_HUMAS", "ADUAN_SECRET_BOT_HUMAS", "ADUAN_SECRET_X_HUMAS"
LAPOR_SECRET = "ADUAN_SECRET_LAPOR_HUMAS"
WA_SECRETS = ("ADUAN_SECRET_WA_HUMAS", "ADUAN_SECRET_WA_HUMAS__APP_SECRET", "ADUAN_SECRET_WA_HUMAS__VERIFY_TOKEN")


def account(channel: Channel, name: str, config: dict[str, Any], cursor: str | None = None) -> Account:
    return Account(7, "humas", channel, name, config, "env", cursor)


def failed(result: ProbeResult, problem: Problem, *secrets: str) -> str:
    """The result's message, once it is shown to be a failure of ``problem`` that names none of ``secrets``."""
    assert (result.ok, result.problem) == (False, problem), result
    assert result.facts == () and not result.recorded
    shown = json.dumps([result.message, result.run_instead, result.facts])
    for secret in secrets:
        assert secret not in shown
    return result.message


# -- e-mail: a real Dovecot and a real SMTP server ----------------------------------------------------------


def citizen_mail(subject: str) -> bytes:
    m = EmailMessage()
    m["From"] = "Siti Aminah <siti@example.id>"
    m["To"] = UNIT_ADDRESS
    m["Subject"] = subject
    m["Message-ID"] = "<jalan-1@example.id>"
    m.set_content("Mohon segera diperbaiki.")
    return bytes(m)


def mail_account(imap: MailServer, smtp: SmtpServer, cursor: str | None = None, **changed: Any) -> Account:
    config = {
        "host": imap.host,
        "port": imap.port,
        "user": imap.user,
        "tls": "none",
        "smtp_host": smtp.host,
        "smtp_port": smtp.port,
        "address": UNIT_ADDRESS,
        **changed,
    }
    return account(Channel.EMAIL, "Surel Humas", {k: v for k, v in config.items() if v is not None}, cursor)


def test_a_mail_account_passes_and_takes_nothing_in(imap_server: MailServer, smtp_server: SmtpServer) -> None:
    uid = imap_server.deliver(citizen_mail("Jalan rusak di Jl. Kenanga"))
    flags = imap_server.flags()
    result = probe_account(mail_account(imap_server, smtp_server), {SUREL: imap_server.password})
    assert result.ok and result.problem is None, result.message
    assert dict(result.facts) == {
        "mailbox": "INBOX",
        "messages": "1",
        "waiting": "1",
        "smtp": f"{smtp_server.host}:{smtp_server.port}",
    }
    assert "holds 1 message(s), 1 for the next round" in result.message and imap_server.password not in result.message
    # Nothing marked seen, nothing sent; the next fetch still takes the message in.
    assert imap_server.flags() == flags and "\\Seen" not in flags[uid]
    assert smtp_server.received == []
    mailbox = ImapMailbox(imap_server.host, imap_server.port, imap_server.user, imap_server.password, tls="none")
    batch = mailbox.fetch_new(None)
    assert [m.uid for m in batch.mails] == [uid]
    # From the cursor after it, the message is counted but not waiting any more.
    later = probe_account(mail_account(imap_server, smtp_server, batch.cursor), {SUREL: imap_server.password})
    assert (dict(later.facts)["messages"], dict(later.facts)["waiting"]) == ("1", "0")


def test_a_wrong_mail_password_is_an_auth_failure_and_never_shown(
    imap_server: MailServer, smtp_server: SmtpServer
) -> None:
    result = probe_account(mail_account(imap_server, smtp_server), {SUREL: "sandi-salah-123"})
    assert "refused the login of user 'petugas'" in failed(result, Problem.AUTH, "sandi-salah-123")


def test_a_wrong_smtp_login_is_an_auth_failure(imap_server: MailServer, smtp_server: SmtpServer) -> None:
    result = probe_account(
        mail_account(imap_server, smtp_server, smtp_user="bukan-petugas"), {SUREL: imap_server.password}
    )
    assert "SMTP server 127.0.0.1 refused the login" in failed(result, Problem.AUTH, imap_server.password)


def test_an_untrusted_certificate_is_a_tls_failure(imap_server: MailServer, smtp_server: SmtpServer) -> None:
    # Dovecot's IMAPS port presents the test's self-signed certificate, which this machine does not trust.
    config = mail_account(imap_server, smtp_server, port=imap_server.ssl_port, tls="ssl")
    assert "not trusted" in failed(probe_account(config, {SUREL: imap_server.password}), Problem.TLS)
    # TLS asked of a server that does not speak it there (the plain port) is a TLS failure too.
    plain = mail_account(imap_server, smtp_server, tls="ssl")
    failed(probe_account(plain, {SUREL: imap_server.password}), Problem.TLS)


def test_a_missing_mailbox_is_not_found(imap_server: MailServer, smtp_server: SmtpServer) -> None:
    result = probe_account(mail_account(imap_server, smtp_server, mailbox="Pengaduan"), {SUREL: imap_server.password})
    assert "has no mailbox 'Pengaduan'" in failed(result, Problem.NOT_FOUND)


def test_an_unreachable_or_silent_mail_server(imap_server: MailServer, smtp_server: SmtpServer) -> None:
    nobody = mail_account(imap_server, smtp_server, port=free_port())
    assert "unreachable" in failed(probe_account(nobody, {SUREL: "x"}), Problem.UNREACHABLE)
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts the connection, never greets
        quiet = mail_account(imap_server, smtp_server, port=silent.getsockname()[1])
        assert "timed out" in failed(probe_account(quiet, {SUREL: "x"}, timeout=0.5), Problem.TIMEOUT)


def test_a_missing_secret_names_the_command_to_run_where_the_worker_runs(
    imap_server: MailServer, smtp_server: SmtpServer
) -> None:
    result = probe_account(mail_account(imap_server, smtp_server), {})
    message = failed(result, Problem.SECRET)
    assert result.run_instead == "aduan channel test 7"
    assert f"{SUREL} (the account's secret) is not set" in message and "`aduan channel test 7`" in message
    assert result.host == socket.gethostname() and result.host in message


def test_settings_the_worker_refuses_are_refused_before_any_secret_is_read(
    imap_server: MailServer, smtp_server: SmtpServer
) -> None:
    written = mail_account(imap_server, smtp_server, password="rahasia")  # a row written into the database
    assert "no setting 'password'" in failed(probe_account(written, {SUREL: "x"}), Problem.SETTINGS)
    elsewhere = Account(7, "humas", Channel.EMAIL, "Surel Humas", {"host": "127.0.0.1"}, "env:ADUAN_DB", None)
    assert "only its own slot" in failed(probe_account(elsewhere, {"ADUAN_DB": "postgresql://x"}), Problem.SETTINGS)
    no_sender = mail_account(imap_server, smtp_server, address=None)  # answers from the login "petugas"
    assert "not an e-mail address" in failed(probe_account(no_sender, {SUREL: "x"}), Problem.SETTINGS)
    cleartext = mail_account(imap_server, smtp_server, host="imap.example.go.id")
    assert "without TLS" in failed(probe_account(cleartext, {SUREL: "x"}), Problem.SETTINGS)


# -- Telegram, X, WhatsApp, LAPOR!: the fake APIs -----------------------------------------------------------


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    server.add_chat(5001, "Siti", "Rahayu")
    yield server
    server.stop()


def bot_account(base_url: str) -> Account:
    return account(Channel.TELEGRAM, "Bot Humas", {"base_url": base_url})


def test_a_telegram_bot_passes_and_no_update_is_confirmed(telegram: FakeTelegram) -> None:
    telegram.push_message(5001, text="Air PDAM tidak mengalir")
    pending = telegram.pending_update_ids()
    result = probe_account(bot_account(telegram.base_url), {BOT: telegram.token})
    assert result.ok and dict(result.facts) == {"bot": "@aduan_test_bot"}, result.message
    assert [method for method, _ in telegram.requests] == ["getMe"]
    assert telegram.pending_update_ids() == pending
    messages, _ = TelegramBot(telegram.token, telegram.base_url).poll(None, long_poll_seconds=0)
    assert [m.text for m in messages] == ["Air PDAM tidak mengalir"]


def test_telegram_failures_in_the_accounts_terms(telegram: FakeTelegram) -> None:
    wrong = "999999:WRONG-token_xyz"
    message = failed(probe_account(bot_account(telegram.base_url), {BOT: wrong}), Problem.AUTH, wrong)
    assert "@BotFather" in message
    closed = f"http://127.0.0.1:{free_port()}"
    failed(probe_account(bot_account(closed), {BOT: telegram.token}), Problem.UNREACHABLE, telegram.token)
    # https:// to a server that speaks plain HTTP: no secure connection, and the token stays hidden.
    plain = telegram.base_url.replace("http://", "https://")
    failed(probe_account(bot_account(plain), {BOT: telegram.token}), Problem.TLS, telegram.token)
    unnamed = Account(7, "humas", Channel.TELEGRAM, "Bot Humas", {"base_url": telegram.base_url}, None, None)
    assert "names no secret" in failed(probe_account(unnamed, {BOT: telegram.token}), Problem.SETTINGS)
    assert telegram.requests == []  # none of them got as far as the API with the right token


@pytest.fixture
def x() -> Iterator[FakeX]:
    server = FakeX().start()
    server.add_user("2000000000000000001", "Siti Rahayu", "warga_siti")
    yield server
    server.stop()


def x_account(fake: FakeX, user_id: str | None = None) -> Account:
    return account(Channel.X, "X Humas", {"base_url": fake.base_url, "user_id": user_id or fake.user_id})


def test_an_x_account_passes_and_reads_no_mention(x: FakeX) -> None:
    x.post("2000000000000000001", "@pemkot_aduan Trotoar di Jl. Sudirman rusak")
    result = probe_account(x_account(x), {X: x.token})
    assert result.ok and dict(result.facts) == {"user": "@pemkot_aduan"}, result.message
    assert [(method, path) for method, path, _ in x.requests] == [("GET", "/2/users/me")]
    messages, _ = XClient(x.token, x.user_id, base_url=x.base_url).poll(None)
    assert len(messages) == 1


def test_an_x_token_of_another_user_or_a_wrong_one(x: FakeX) -> None:
    other = x_account(x, "2000000000000000001")  # the token acts for @pemkot_aduan, not for Siti
    assert "acts for @pemkot_aduan" in failed(probe_account(other, {X: x.token}), Problem.SETTINGS, x.token)
    failed(probe_account(x_account(x), {X: "x-wrong-token"}), Problem.AUTH, "x-wrong-token")


@pytest.fixture
def whatsapp() -> Iterator[FakeWhatsApp]:
    server = FakeWhatsApp().start()
    yield server
    server.stop()


def wa_account(fake: FakeWhatsApp, number_id: str | None = None) -> Account:
    config = {
        "phone_number_id": number_id or fake.phone_number_id,
        "base_url": fake.base_url,
        "app_secret_ref": "env",
        "verify_token_ref": "env",
    }
    return account(Channel.WHATSAPP, "WA Humas", config)


def wa_secrets(fake: FakeWhatsApp, token: str | None = None) -> dict[str, str]:
    return dict(zip(WA_SECRETS, (token or fake.access_token, fake.app_secret, "verify-me"), strict=True))


def test_a_whatsapp_number_passes_and_nothing_is_sent(whatsapp: FakeWhatsApp) -> None:
    result = probe_account(wa_account(whatsapp), wa_secrets(whatsapp))
    assert result.ok and dict(result.facts) == {"number": "+1 555-078-3881", "name": "Aduan Pemkot"}, result.message
    assert [(m, p) for m, p, _ in whatsapp.requests] == [("GET", f"/v21.0/{whatsapp.phone_number_id}")]
    assert whatsapp.sent == []


def test_whatsapp_failures_in_the_accounts_terms(whatsapp: FakeWhatsApp) -> None:
    unknown = wa_account(whatsapp, "999999999999999")
    assert "phone number id" in failed(probe_account(unknown, wa_secrets(whatsapp)), Problem.NOT_FOUND)
    wrong = wa_secrets(whatsapp, "EAAG-wrong-TOKEN")
    failed(probe_account(wa_account(whatsapp), wrong), Problem.AUTH, "EAAG-wrong-TOKEN")
    without_app_secret = {k: v for k, v in wa_secrets(whatsapp).items() if not k.endswith("APP_SECRET")}
    webhook = probe_account(wa_account(whatsapp), without_app_secret)
    message = failed(webhook, Problem.SECRET, whatsapp.access_token)
    # The webhook's secrets are aduan server's: no command to run where the worker runs.
    assert (
        "ADUAN_SECRET_WA_HUMAS__APP_SECRET" in message
        and "it belongs in the environment or keyring of aduan server" in message
    )
    assert webhook.run_instead is None and "aduan channel test" not in message
    without_token = {k: v for k, v in wa_secrets(whatsapp).items() if k != "ADUAN_SECRET_WA_HUMAS"}
    assert probe_account(wa_account(whatsapp), without_token).run_instead == "aduan channel test 7"


@pytest.fixture
def lapor() -> Iterator[FakeLapor]:
    server = FakeLapor().start()
    yield server
    server.stop()


def lapor_account(fake: FakeLapor, cursor: str | None = None, **changed: Any) -> Account:
    return account(Channel.LAPOR, "LAPOR Humas", {"base_url": fake.base_url, **changed}, cursor)


def test_a_lapor_account_passes_and_the_next_poll_still_gets_every_report(lapor: FakeLapor) -> None:
    lapor.add_report("1916449", "2026-03-02T09:30:00+07:00")
    lapor.add_report("1916450", "2026-03-02T10:00:00+07:00")
    result = probe_account(lapor_account(lapor), {LAPOR_SECRET: lapor.token})
    assert result.ok and dict(result.facts) == {"list": "/api/v1/laporan", "report": "1916449"}, result.message
    assert [r.params for r in lapor.list_requests()] == [{"page": "1", "limit": "1"}]
    messages, _ = LaporPoller(lapor.base_url, lapor.token).poll(None)
    assert [m.external_id for m in messages] == ["1916449", "1916450"]
    # With a cursor the test asks what the next poll asks, for one report.
    probe_account(lapor_account(lapor, "2026-03-02T10:00:00+07:00"), {LAPOR_SECRET: lapor.token})
    assert lapor.list_requests()[-1].params == {"page": "1", "limit": "1", "since": "2026-03-02T10:00:00+07:00"}
    empty = probe_account(lapor_account(lapor, "2027-01-01T00:00:00+07:00"), {LAPOR_SECRET: lapor.token})
    assert empty.ok and dict(empty.facts) == {"list": "/api/v1/laporan"} and "lists no report" in empty.message


def test_lapor_failures_in_the_accounts_terms(lapor: FakeLapor) -> None:
    failed(probe_account(lapor_account(lapor), {LAPOR_SECRET: "lapor-wrong"}), Problem.AUTH, "lapor-wrong")
    moved = lapor_account(lapor, list_path="/api/v2/laporan")
    assert "check the account's base_url" in failed(
        probe_account(moved, {LAPOR_SECRET: lapor.token}), Problem.NOT_FOUND
    )
    lapor.delay = 2.0
    slow = lapor_account(lapor, timeout=0.5)
    failed(probe_account(slow, {LAPOR_SECRET: lapor.token}), Problem.TIMEOUT, lapor.token)


# -- on the account's health ------------------------------------------------------------------------------


@pytest.fixture
def store(migrated_url: str, telegram: FakeTelegram) -> Iterator[Store]:
    owner = Store(migrated_url)
    owner.admin(directory.add_unit, "humas", "Biro Humas")

    def add(conn: Connection) -> None:
        unit_id = conn.execute(select(unit.c.id).where(unit.c.code == "humas")).scalar_one()
        conn.execute(
            insert(channel_account).values(
                unit_id=unit_id,
                channel="telegram",
                name="Bot Humas",
                config=json.dumps({"base_url": telegram.base_url}),
                secret_ref="env:ADUAN_SECRET_BOT_HUMAS",
                cursor="500000001",
                last_error="Telegram refused getUpdates: Unauthorized",
            )
        )

    owner.admin(add)
    yield owner
    owner.dispose()


def health(store: Store) -> tuple[Any, ...]:
    columns = (channel_account.c.last_error, channel_account.c.cursor, channel_account.c.last_poll_at)
    return tuple(store.read(lambda conn: conn.execute(select(*columns)).one()))


def test_the_outcome_goes_on_the_accounts_health_but_the_cursor_stays(store: Store, telegram: FakeTelegram) -> None:
    [account_id] = store.read(lambda conn: conn.execute(select(channel_account.c.id)).scalars().all())
    passed = probe_and_record(store, account_id, {BOT: telegram.token})
    assert passed.ok and passed.recorded
    assert health(store) == (None, "500000001", None)  # no poll happened, and the cursor did not move

    wrong = probe_and_record(store, account_id, {BOT: "999999:WRONG-token_xyz"})
    assert not wrong.ok and wrong.recorded
    error, cursor, polled = health(store)
    assert (
        error == f"connection test: {wrong.message}"
        and "WRONG" not in error
        and (cursor, polled) == ("500000001", None)
    )

    # The secret missing where the test ran tells nothing about the account: its health stays as it was.
    missing = probe_and_record(store, account_id, {})
    assert missing.problem is Problem.SECRET and not missing.recorded
    assert health(store)[0] == error
    store.admin(lambda conn: conn.execute(update(channel_account).values(enabled=False)))
    assert probe_and_record(store, account_id, {BOT: telegram.token}).ok  # an account switched off is tested too
    with pytest.raises(NotFound):
        probe_and_record(store, account_id + 1, {BOT: telegram.token})
