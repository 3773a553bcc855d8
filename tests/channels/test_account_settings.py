"""Channel account settings and secret slots, on every engine: each channel accepts only its own settings
(the README's, LAPOR!'s ``token_param`` included), a secret is read only from the account's own slot, and
every server is reached over TLS (plain only to the loopback). The same checks hold when a row is changed
straight in the database: the worker then reads no secret and connects nowhere for that account, says
why on the account, and the other accounts go on."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import keyring
import pytest
from sqlalchemy import select, update

from desktop.channels.accounts import account_by_id, add_account, enabled_accounts
from desktop.channels.accounts import account_secret as secret
from desktop.channels.dispatch import dispatch_round
from desktop.channels.lapor import poller_from_config
from desktop.channels.settings import SCHEMAS, AccountRefused, own_slot, slot_id, slots
from desktop.channels.sources import make_sender, make_source
from desktop.channels.webhooks import NO_SUCH_WEBHOOK, whatsapp_endpoint
from desktop.channels.worker import run_round
from desktop.domain.errors import BadInput, NotFound, NotPermitted
from desktop.domain.vocabulary import Channel
from desktop.store import directory
from desktop.store.schema import channel_account, outbound_message
from desktop.store.service import Store
from tests.channels.fake_lapor import FakeLapor
from tests.channels.fake_telegram import FakeTelegram
from tests.channels.spy import Spy
from tests.file_keyring import FileKeyring

CITIZEN = 5001
DB_SECRET = "postgresql+psycopg://owner:kata-sandi-pemilik@db.pemda.example/aduan"


class Tripwire(dict[str, str]):
    """An environment that records every variable the worker asks for."""

    def __init__(self, values: Mapping[str, str]) -> None:
        super().__init__(values)
        self.asked: list[str] = []

    def get(self, key: str, default: Any = None) -> Any:
        self.asked.append(key)
        return super().get(key, default)


@pytest.fixture
def store(migrated_url: str) -> Iterator[Store]:
    admin = Store(migrated_url)
    admin.admin(directory.add_unit, "humas", "Biro Humas")
    yield admin
    admin.dispose()


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    server.add_chat(CITIZEN, "Siti", "Rahayu")
    yield server
    server.stop()


@pytest.fixture
def spy() -> Iterator[Spy]:
    listener = Spy("127.0.0.1").start()
    yield listener
    listener.stop()


@pytest.fixture
def far_spy() -> Iterator[Spy]:
    """Stands for another machine: 127.0.0.2 is not one of the addresses the TLS rule exempts."""
    listener = Spy("127.0.0.2").start()
    yield listener
    listener.stop()


def add(store: Store, channel: Channel, name: str, config: dict[str, Any], secret_ref: str | None = "env") -> int:
    return int(store.admin(add_account, channel, name, "humas", json.dumps(config), secret_ref))


def change(store: Store, account_id: int, **values: Any) -> None:
    """What someone with write access to the central database could do to the row."""
    if "config" in values and not isinstance(values["config"], str):
        values["config"] = json.dumps(values["config"])
    store.admin(
        lambda conn: conn.execute(update(channel_account).where(channel_account.c.id == account_id).values(**values))
    )


def last_errors(store: Store) -> dict[str, str | None]:
    query = select(channel_account.c.name, channel_account.c.last_error)
    return dict(store.read(lambda conn: conn.execute(query).all()))


# -- the slots ---------------------------------------------------------------------------------------------


def test_the_slots_are_named_after_the_account() -> None:
    assert slots("Bot Humas") == ("env:ADUAN_SECRET_BOT_HUMAS", "keyring:aduan-channel/bot_humas")
    assert slots("WA Humas", "app_secret_ref") == (
        "env:ADUAN_SECRET_WA_HUMAS__APP_SECRET",
        "keyring:aduan-channel/wa_humas/app_secret",
    )
    assert slot_id("pengaduan@pemda.example.go.id") == "pengaduan_pemda_example_go_id"
    assert slot_id("  Dinas Pekerjaan Umum — Ruang (Bidang) ") == "dinas_pekerjaan_umum_ruang_bidang"
    assert slot_id("Pengaduan Dinas Kesehatan Kabupaten Ciamis") == "pengaduan_dinas_kesehatan_kabupaten_ciamis"
    assert slot_id("SP4N-LAPOR! Humas") == "sp4n_lapor_humas" and slot_id("Ücret İşleri") == "ucret_isleri"
    assert slot_id("—") == ""
    assert own_slot("Bot Humas", "env") == "env:ADUAN_SECRET_BOT_HUMAS"
    assert own_slot("Bot Humas", "keyring") == "keyring:aduan-channel/bot_humas"
    assert own_slot("Bot Humas", "env:ADUAN_SECRET_BOT_HUMAS") == "env:ADUAN_SECRET_BOT_HUMAS"
    for other in (
        "env:ADUAN_DB",
        "keyring:other/thing",
        "env:ADUAN_SECRET_BOT_LAIN",
        "keyring:aduan-channel/bot_lain",
        "keyring:aduan-channel/bot_humas/app_secret",  # a second secret's slot is not the account's own
        "env:ADUAN_SECRET_BOT_HUMAS__APP_SECRET",
        "env:aduan_secret_bot_humas",
        "plain:rahasia",
        "ENV",
    ):
        with pytest.raises(
            BadInput, match="only its own slot: env:ADUAN_SECRET_BOT_HUMAS or keyring:aduan-channel/bot_humas"
        ):
            own_slot("Bot Humas", other)


def test_every_channel_has_a_schema_and_the_documented_settings_are_in_it() -> None:
    documented = {
        Channel.EMAIL: "host port user tls mailbox batch smtp_host smtp_port smtp_tls smtp_user address from_name",
        Channel.TELEGRAM: "base_url",
        Channel.WHATSAPP: "phone_number_id base_url webhook_port webhook_host app_secret_ref verify_token_ref",
        Channel.X: "user_id base_url",
        Channel.LAPOR: "base_url list_path items_path since_param page_param size_param page_size max_pages timeout "
        "auth_header auth_scheme token_param timezone params mapping",
    }
    for channel, names in documented.items():
        assert set(names.split()) <= set(SCHEMAS[channel]), channel


# -- adding an account -------------------------------------------------------------------------------------


def test_settings_outside_the_channels_schema_are_refused(store: Store) -> None:
    for key in ("pass", "smtp_pw", "auth", "password", "hots"):
        with pytest.raises(BadInput) as refused:
            add(store, Channel.EMAIL, "Surel", {"host": "imap.example.go.id", key: "rahasia"})
        assert (
            f"no setting {key!r}" in refused.value.message
            and "its settings are host, port, user" in refused.value.message
        )
        assert ("secrets never go into" in refused.value.message) == (key != "hots")
    for channel, config in (
        (Channel.TELEGRAM, {"token": "123:abc"}),
        (Channel.X, {"user_id": "42", "bearer": "AAAA"}),
        (Channel.WHATSAPP, {"access_token": "EAAG"}),
        (Channel.LAPOR, {"base_url": "https://lapor.example.go.id", "api_key": "k"}),
        (Channel.TELEGRAM, {"host": "api.telegram.org"}),  # another channel's setting
    ):
        with pytest.raises(BadInput, match="has no setting"):
            add(store, channel, "Akun", config)
    with pytest.raises(BadInput, match=r"secrets never go into the central configuration \(params: api_token\)"):
        add(store, Channel.LAPOR, "LAPOR", {"params": {"api_token": "rahasia"}})
    assert store.admin(enabled_accounts) == []


def test_the_documented_settings_are_accepted_with_their_types_checked(store: Store) -> None:
    lapor = {
        "base_url": "https://lapor.example.go.id",
        "token_param": "api_token",
        "auth_header": "X-Api-Token",
        "auth_scheme": "",
        "items_path": "data.items",
        "page_size": 50,
        "timeout": 2.5,
        "timezone": "Asia/Makassar",
        "params": {"sort": "updated_at"},
        "mapping": {"subject": "laporan.judul"},
        "kind": "aspirasi",
    }
    lapor_id = add(store, Channel.LAPOR, "LAPOR! Humas", lapor)
    assert store.admin(account_by_id, lapor_id).config == lapor
    email = {"host": "imap.example.go.id", "port": 993, "tls": "starttls", "smtp_host": "smtp.example.go.id"}
    add(store, Channel.EMAIL, "Surel Humas", {**email, "address": "humas@example.go.id", "acknowledgement": False})
    add(store, Channel.X, "@pemkot", {"user_id": 1234567890})
    for channel, config, says in (
        (Channel.EMAIL, {"port": "993"}, "'port' must be a port"),
        (Channel.EMAIL, {"tls": "yes"}, "'tls' must be one of none, starttls, ssl"),
        (Channel.EMAIL, {"batch": 0}, "'batch' must be a whole number"),
        (Channel.EMAIL, {"host": "imap.example.go.id/evil"}, "'host' must be a server name"),
        (Channel.LAPOR, {"token_param": "api token"}, "'token_param' must be a name"),
        (Channel.LAPOR, {"timezone": "Mars/Olympus"}, "'timezone' must be a time zone"),
        (Channel.LAPOR, {"mapping": {"nomor": "x"}}, "unknown fields"),
        (Channel.LAPOR, {"base_url": "ftp://lapor.example.go.id"}, "must be an address"),
        (Channel.X, {"user_id": "@pemkot"}, "'user_id' must be a numeric id"),
        (Channel.EMAIL, {"kind": "keluhan"}, "kind is one of"),
    ):
        with pytest.raises(BadInput, match=says):
            add(store, channel, "Akun salah", config)


def test_the_lapor_token_goes_by_the_token_param_when_set(store: Store) -> None:
    fake = FakeLapor().start()
    try:
        add(store, Channel.LAPOR, "LAPOR! Humas", {"base_url": fake.base_url, "token_param": "api_token"})
        [account] = store.admin(enabled_accounts)
        with pytest.raises(NotPermitted):  # the fake wants the header; what matters is where the token went
            poller_from_config(account.config, fake.token).poll(None)
        [request] = fake.list_requests()
        assert request.params["api_token"] == fake.token and "authorization" not in request.headers
    finally:
        fake.stop()


def test_a_secret_reference_names_only_the_accounts_own_slot(store: Store) -> None:
    for reference in ("env:ADUAN_DB", "keyring:other/thing", "env:ADUAN_SECRET_BOT_LAIN", "env:PATH", "plain:x"):
        with pytest.raises(BadInput, match="only its own slot: env:ADUAN_SECRET_BOT_HUMAS or"):
            add(store, Channel.TELEGRAM, "Bot Humas", {}, reference)
    wa = {"phone_number_id": "106540352242922", "webhook_port": 8443}
    for key in ("app_secret_ref", "verify_token_ref"):
        with pytest.raises(BadInput, match=f"the {key} of the channel account 'WA Humas' names only its own slot"):
            add(store, Channel.WHATSAPP, "WA Humas", {**wa, key: "env:ADUAN_DB"})
        with pytest.raises(BadInput, match=f"secrets never go into the central configuration \\({key}\\)"):
            add(store, Channel.WHATSAPP, "WA Humas", {**wa, key: "rahasia-langsung"})
    with pytest.raises(BadInput, match="needs a letter or digit"):
        add(store, Channel.TELEGRAM, "— —", {})
    assert store.admin(enabled_accounts) == []

    add(store, Channel.TELEGRAM, "Bot Humas", {}, "keyring")
    add(store, Channel.WHATSAPP, "WA Humas", {**wa, "app_secret_ref": "env", "verify_token_ref": "keyring"})
    bot, whatsapp = store.admin(enabled_accounts)
    assert bot.secret_ref == "keyring:aduan-channel/bot_humas"  # written out in full
    assert whatsapp.secret_ref == "env:ADUAN_SECRET_WA_HUMAS"
    assert whatsapp.config["app_secret_ref"] == "env:ADUAN_SECRET_WA_HUMAS__APP_SECRET"
    assert whatsapp.config["verify_token_ref"] == "keyring:aduan-channel/wa_humas/verify_token"
    with pytest.raises(BadInput, match="'Bot Humas' already has the secret slots of 'bot-humas'"):
        add(store, Channel.TELEGRAM, "bot-humas", {})  # would share Bot Humas's secret


def test_servers_are_reached_over_tls_but_the_loopback(store: Store) -> None:
    for channel, config, says in (
        (Channel.TELEGRAM, {"base_url": "http://api.telegram.org"}, "is not https://"),
        (Channel.X, {"base_url": "http://10.0.0.8:8080"}, "is not https://"),
        (Channel.WHATSAPP, {"base_url": "http://127.0.0.2:8080"}, "is not https://"),
        (Channel.LAPOR, {"base_url": "http://127.0.0.1@lapor.example.go.id"}, "carries a login"),
        (Channel.LAPOR, {"base_url": "https://pengguna:sandi@lapor.example.go.id"}, "carries a login"),
        (Channel.EMAIL, {"host": "imap.example.go.id", "tls": "none"}, "IMAP server imap.example.go.id without TLS"),
        (Channel.EMAIL, {"host": "127.0.0.1", "tls": "none", "smtp_host": "smtp.example.go.id"}, "SMTP server"),
        (Channel.EMAIL, {"host": "imap.example.go.id", "smtp_tls": "none"}, "SMTP server imap.example.go.id"),
    ):
        with pytest.raises(BadInput, match=says):
            add(store, channel, "Akun", config)
    assert store.admin(enabled_accounts) == []
    add(store, Channel.TELEGRAM, "Uji 1", {"base_url": "http://127.0.0.1:8081"})
    add(store, Channel.TELEGRAM, "Uji 2", {"base_url": "http://localhost:8081"})
    add(store, Channel.TELEGRAM, "Uji 3", {"base_url": "http://[::1]:8081"})
    add(store, Channel.EMAIL, "Uji 4", {"host": "localhost", "tls": "none", "smtp_host": "127.0.0.1"})
    add(store, Channel.EMAIL, "Uji 5", {"host": "imap.example.go.id", "tls": "starttls", "smtp_tls": "ssl"})


# -- a row changed in the database ---------------------------------------------------------------------------


def test_the_worker_reads_no_secret_for_a_row_pointed_elsewhere(store: Store) -> None:
    bot = add(store, Channel.TELEGRAM, "Bot Humas", {}, "env")
    environ = Tripwire({"ADUAN_DB": DB_SECRET, "ADUAN_SECRET_BOT_HUMAS": "123:bot"})
    assert secret(store.admin(account_by_id, bot), environ=environ) == "123:bot"
    for values in (
        {"secret_ref": "env:ADUAN_DB"},
        {"secret_ref": "keyring:other/thing"},
        {"secret_ref": "env:ADUAN_SECRET_BOT_HUMAS", "config": {"base_url": "http://203.0.113.9"}},
        {"secret_ref": "env:ADUAN_SECRET_BOT_HUMAS", "config": {"token": "123:bot"}},
        {"secret_ref": "env:ADUAN_SECRET_BOT_HUMAS", "config": "{not json"},
        {"secret_ref": "env:ADUAN_SECRET_BOT_HUMAS", "config": "[]"},
    ):
        environ.asked.clear()
        change(store, bot, **values)
        account = store.admin(account_by_id, bot)
        with pytest.raises(AccountRefused, match="the worker does not use this account as configured"):
            secret(account, environ=environ)
        with pytest.raises(AccountRefused):
            make_source(account, "123:bot")
        with pytest.raises(AccountRefused):
            make_sender(account, "123:bot")
        assert environ.asked == [], values
    wa = {"phone_number_id": "1", "webhook_port": 8443, "app_secret_ref": "env", "verify_token_ref": "env"}
    whatsapp = add(store, Channel.WHATSAPP, "WA Humas", wa)
    change(store, whatsapp, config={**wa, "app_secret_ref": "env:ADUAN_DB"})
    with pytest.raises(AccountRefused, match="the app_secret_ref of the channel account 'WA Humas' names only"):
        secret(store.admin(account_by_id, whatsapp), "app_secret_ref", environ=environ)
    assert environ.asked == []


def test_a_round_skips_a_row_pointed_at_another_secret_or_a_plain_server_and_the_others_run(
    store: Store, fake: FakeTelegram, spy: Spy, far_spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADUAN_DB", DB_SECRET)
    monkeypatch.setenv("ADUAN_SECRET_BOT_HUMAS", fake.token)
    monkeypatch.setenv("ADUAN_SECRET_BOT_LAIN", "987:bot-lain")
    monkeypatch.setenv("ADUAN_SECRET_SUREL_LAIN", "sandi-kotak-surat")
    add(store, Channel.TELEGRAM, "Bot Humas", {"base_url": fake.base_url})
    stolen = add(store, Channel.TELEGRAM, "Bot Curian", {"base_url": fake.base_url})
    plain = add(store, Channel.TELEGRAM, "Bot Lain", {"base_url": fake.base_url})
    mailbox = add(store, Channel.EMAIL, "Surel Lain", {"host": "127.0.0.1", "port": spy.port, "tls": "none"})
    change(store, stolen, secret_ref="env:ADUAN_DB", config={"base_url": f"http://127.0.0.1:{spy.port}"})
    change(store, plain, config={"base_url": f"http://127.0.0.2:{far_spy.port}"})
    change(store, mailbox, config={"host": "127.0.0.2", "port": far_spy.port, "tls": "none"})
    fake.push_message(CITIZEN, text="Lampu PJU di Jl. Melati mati")

    report = run_round(store, make_source)

    assert report.received == {"Bot Humas": 1}
    assert "only its own slot: env:ADUAN_SECRET_BOT_CURIAN" in report.errors["Bot Curian"]
    assert "'env:ADUAN_DB'" in report.errors["Bot Curian"]
    assert "is not https://" in report.errors["Bot Lain"]
    assert "IMAP server 127.0.0.2 without TLS" in report.errors["Surel Lain"]
    errors = last_errors(store)
    assert errors["Bot Humas"] is None and all(errors[name] == report.errors[name] for name in report.errors)
    assert spy.received == [] and far_spy.received == []  # nothing connected: no secret could leave
    assert all("987:bot-lain" not in str(r) and DB_SECRET not in str(r) for r in fake.requests)


def test_dispatch_holds_the_answers_of_a_changed_row_and_sends_nothing(
    store: Store, fake: FakeTelegram, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADUAN_DB", DB_SECRET)
    monkeypatch.setenv("ADUAN_SECRET_BOT_HUMAS", fake.token)
    bot = add(store, Channel.TELEGRAM, "Bot Humas", {"base_url": fake.base_url})
    fake.push_message(CITIZEN, text="Sampah menumpuk di pasar")
    run_round(store, make_source)  # the acknowledgement waits in the outbox
    change(store, bot, secret_ref="env:ADUAN_DB", config={"base_url": f"http://127.0.0.1:{spy.port}"})

    report = dispatch_round(store, make_sender)

    assert (report.sent, report.failed, report.postponed) == (0, 0, 1)
    assert (
        "only its own slot" in report.errors["Bot Humas"]
        and last_errors(store)["Bot Humas"] == report.errors["Bot Humas"]
    )
    assert fake.sent == [] and spy.received == []
    query = select(outbound_message.c.state, outbound_message.c.last_error)
    [(state, error)] = store.read(lambda conn: conn.execute(query).all())
    assert state == "queued" and "only its own slot" in (error or "")
    # Put right by an admin, the account sends what waited.
    change(store, bot, secret_ref="env:ADUAN_SECRET_BOT_HUMAS", config={"base_url": fake.base_url})
    store.admin(lambda conn: conn.execute(update(outbound_message).values(not_before=None)))
    assert dispatch_round(store, make_sender).sent == 1 and len(fake.sent) == 1


def test_a_webhook_refuses_a_changed_row(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADUAN_DB", DB_SECRET)
    monkeypatch.setenv("ADUAN_SECRET_WA_HUMAS", "token-akses")
    monkeypatch.setenv("ADUAN_SECRET_WA_HUMAS__APP_SECRET", "rahasia-aplikasi")
    monkeypatch.setenv("ADUAN_SECRET_WA_HUMAS__VERIFY_TOKEN", "token-verifikasi")
    wa = {"phone_number_id": "106540352242922", "app_secret_ref": "env", "verify_token_ref": "env"}
    whatsapp = add(store, Channel.WHATSAPP, "WA Humas", wa)
    assert whatsapp_endpoint(store, "wa_humas").verification("subscribe", "token-verifikasi", "1") == (200, "1")
    change(store, whatsapp, config={**wa, "verify_token_ref": "env:ADUAN_DB"})
    with pytest.raises(NotFound, match=f"^{NO_SUCH_WEBHOOK}$"):  # the same answer as for no account at all
        whatsapp_endpoint(store, "wa_humas")
    assert "the verify_token_ref of the channel account 'WA Humas' names only its own slot" in (
        last_errors(store)["WA Humas"] or ""
    )


def test_the_keyring_slot_is_read_from_the_aduan_channel_service(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADUAN_TEST_KEYRING", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        keyring.set_password("aduan-channel", "wa_humas", "token-akses")
        keyring.set_password("aduan-channel", "wa_humas/app_secret", "rahasia-aplikasi")
        keyring.set_password("other", "thing", "bukan-untuk-aduan")
        wa = {"phone_number_id": "1", "webhook_port": 8443, "app_secret_ref": "keyring", "verify_token_ref": "env"}
        whatsapp = add(store, Channel.WHATSAPP, "WA Humas", wa, "keyring")
        account = store.admin(account_by_id, whatsapp)
        assert secret(account, environ={}) == "token-akses"
        assert secret(account, "app_secret_ref", environ={}) == "rahasia-aplikasi"
        with pytest.raises(BadInput, match="ADUAN_SECRET_WA_HUMAS__VERIFY_TOKEN"):
            secret(account, "verify_token_ref", environ={})
        change(store, whatsapp, secret_ref="keyring:other/thing")
        with pytest.raises(AccountRefused, match="only its own slot"):
            secret(store.admin(account_by_id, whatsapp), environ={})
    finally:
        keyring.set_keyring(previous)
