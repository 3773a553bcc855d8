"""The mixed-channel run of ``bench/intake.py``: every channel at once into one central database.

E-mail (the test Dovecot, the citizen's mailbox standing for a second unit mailbox), Telegram (the fake Bot
API) and SMS (the fake gateway's inbox, 50 a page) are polled by the worker's own rounds (``run_round`` with
the real ``make_source``) while, on a thread of their own as ``aduan server``'s routes would, WhatsApp
notifications (signed as Meta signs them) go through the real webhook endpoint and web-form reports through
the form's store call (``web_form.file_report``). Each message comes from a sender of its own, so each starts
a ticket. The baseline, measured in the same run: the same sources read and parsed — the IMAP fetch, the Bot
API's updates (from a twin fake holding the same ones: reading confirms them), the SMS inbox pages, the
notifications' signature check and parsing — with nothing stored; a web form has nothing to read.

The fakes run in the parent (they are HTTP servers on 127.0.0.1); a measured phase reaches them from its own
process, its secrets in the environment as the worker's and the server's are.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from sqlalchemy import Connection, func, select

from desktop.channels.accounts import Account, add_account, enabled_accounts
from desktop.channels.imap_fetch import ImapMailbox
from desktop.channels.settings import SmsSettings, slots
from desktop.channels.sms import SmsGateway, SmsSource
from desktop.channels.sources import EmailSource, TelegramSource, make_source
from desktop.channels.telegram import TelegramBot
from desktop.channels.webhooks import whatsapp_endpoint
from desktop.channels.whatsapp.webhook import WebhookEndpoint
from desktop.channels.worker import Source, run_round
from desktop.domain.inbound import InboundMessage
from desktop.domain.vocabulary import Channel, Kind
from desktop.store import directory
from desktop.store.schema import intake_error, message, ticket
from desktop.store.service import Store
from desktop.store.web_form import file_report
from tests.channels.fake_sms import INBOX_PATH, FakeSmsGateway
from tests.channels.fake_telegram import FakeTelegram
from tests.channels.fake_whatsapp import signed

UNIT = "campuran"
CHANNELS = ("email", "telegram", "sms", "whatsapp", "web")
PRETTY = {"email": "e-mail", "telegram": "Telegram", "sms": "SMS", "whatsapp": "WhatsApp", "web": "web form"}
EMAIL, TELEGRAM, SMS, WHATSAPP, WEB = "Surel Campuran", "Bot Campuran", "SMS Campuran", "WA Campuran", "Web Campuran"
PHONE_NUMBER_ID = "106540352242922"
SMS_PAGE = 50  # items a page of the gateway's inbox
WA_APP_SECRET, WA_VERIFY_TOKEN, WA_ACCESS_TOKEN = "bench-app-secret", "bench-verify-token", "bench-access-token"
START = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)
FIRST_CHAT = 900_001


def _env(account: str, setting: str | None = None) -> str:
    return slots(account, setting)[0].removeprefix("env:")


@dataclass(frozen=True)
class Feeds:
    """What a measured phase needs to reach the parent's fakes; the secrets are in the environment."""

    count: int  # messages per channel
    texts: tuple[tuple[str, str], ...]  # (subject, text) of each sender's message
    imap_host: str
    imap_port: int
    imap_user: str
    telegram_url: str  # the fake the intake reads
    telegram_twin_url: str  # the same updates, for the baseline
    sms_url: str
    sms_user: str


def citizen_mail(number: int, subject: str, text: str) -> bytes:
    m = EmailMessage()
    m["From"] = f"Warga {number} <warga.campuran{number}@example.id>"
    m["To"] = "pengaduan@campuran.example.go.id"
    m["Subject"] = subject
    m["Date"] = format_datetime(START + timedelta(seconds=number))
    m["Message-ID"] = f"<campuran-{number}@mail.example.id>"
    m.set_content(text)
    return bytes(m)


def _telegram(count: int, texts: tuple[tuple[str, str], ...]) -> FakeTelegram:
    fake = FakeTelegram().start()
    for number in range(count):
        chat = FIRST_CHAT + number
        fake.add_chat(chat, "Warga", str(number))
        fake.push_message(chat, date=int(START.timestamp()) + number, text=texts[number][1])
    return fake


@contextmanager
def feeds(
    count: int,
    texts: tuple[tuple[str, str], ...],
    imap: tuple[str, int, str, str],
    fill_mailbox: Callable[[list[bytes]], object] | None,
) -> Iterator[Feeds]:
    """Fill every source with ``count`` messages and set the secrets in this process's environment (spawned
    phases inherit it). ``imap``: host, port, user and password of a mailbox that ``fill_mailbox`` fills
    (None: filled before — reading a mailbox takes nothing out of it, while the Bot API forgets what was read,
    so each intake needs feeds of its own)."""
    host, port, user, password = imap
    if fill_mailbox is not None:
        fill_mailbox([citizen_mail(n, *texts[n]) for n in range(count)])
    with ExitStack() as stack:
        telegram = _telegram(count, texts)
        stack.callback(telegram.stop)
        twin = _telegram(count, texts)
        stack.callback(twin.stop)
        sms = FakeSmsGateway(page_size=SMS_PAGE).start()
        stack.callback(sms.stop)
        for number in range(count):
            sms.receive(f"0813{number:08d}", texts[number][1], "2026-11-02 14:15:00")
        os.environ.update(
            {
                _env(EMAIL): password,
                _env(TELEGRAM): telegram.token,
                _env(SMS): sms.passkey,
                _env(WHATSAPP): WA_ACCESS_TOKEN,
                _env(WHATSAPP, "app_secret_ref"): WA_APP_SECRET,
                _env(WHATSAPP, "verify_token_ref"): WA_VERIFY_TOKEN,
            }
        )
        yield Feeds(count, texts, host, port, user, telegram.base_url, twin.base_url, sms.base_url, sms.userkey)


def prepare(url: str, f: Feeds) -> None:
    """Migrate and add the unit and its five accounts through the admin path, acknowledgements off (as the
    e-mail figures beside them)."""
    quiet = {"acknowledgement": False}
    accounts: list[tuple[Channel, str, dict[str, Any]]] = [
        (Channel.EMAIL, EMAIL, {"host": f.imap_host, "port": f.imap_port, "user": f.imap_user, "tls": "none"}),
        (Channel.TELEGRAM, TELEGRAM, {"base_url": f.telegram_url}),
        (Channel.SMS, SMS, {"base_url": f.sms_url, "user": f.sms_user, "inbox_path": INBOX_PATH}),
        (
            Channel.WHATSAPP,
            WHATSAPP,
            {"phone_number_id": PHONE_NUMBER_ID, "app_secret_ref": "env", "verify_token_ref": "env"},
        ),
    ]
    store = Store(url)
    try:
        store.upgrade()
        store.admin(directory.add_unit, UNIT, "Unit Pengaduan Campuran")
        for channel, name, config in accounts:
            store.admin(add_account, channel, name, UNIT, json.dumps({**config, **quiet}), slots(name)[0])
        store.admin(add_account, Channel.WEB, WEB, UNIT, "{}", None)
    finally:
        store.dispose()


def whatsapp_calls(f: Feeds) -> list[tuple[bytes, str]]:
    """Each sender's notification as Meta POSTs it: the body and its signature."""
    return signed_notifications(f.count, f.texts)


def signed_notifications(count: int, texts: tuple[tuple[str, str], ...]) -> list[tuple[bytes, str]]:
    """``count`` WhatsApp notifications of one message each, from a sender of its own, signed as Meta signs them
    (the body and its signature header)."""
    calls = []
    for number in range(count):
        wa_id = f"62815{number:08d}"
        value = {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "6281100000000", "phone_number_id": PHONE_NUMBER_ID},
            "contacts": [{"profile": {"name": f"Warga {number}"}, "wa_id": wa_id}],
            "messages": [
                {
                    "from": wa_id,
                    "id": f"wamid.campuran{number:08d}",
                    "timestamp": str(int(START.timestamp()) + number),
                    "type": "text",
                    "text": {"body": texts[number][1]},
                }
            ],
        }
        change = {"value": value, "field": "messages"}
        payload = {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [change]}]}
        body, headers = signed(WA_APP_SECRET, payload)
        calls.append((body, headers["X-Hub-Signature-256"]))
    return calls


def web_forms(f: Feeds) -> list[InboundMessage]:
    return [
        InboundMessage(
            channel=Channel.WEB,
            external_id=f"web-campuran-{number}",
            sender_address=f"pelapor.web{number}@example.id",
            sender_name=f"Pelapor {number}",
            subject=subject,
            text=text,
        )
        for number, (subject, text) in enumerate(f.texts[: f.count])
    ]


def _form_secret(number: int) -> str:
    return hashlib.sha256(f"status-campuran-{number}".encode()).hexdigest()


# --- the baseline: every source read and parsed, nothing stored ------------------------------------------


def read_everything(f: Feeds, batch: int) -> Counter[str]:
    """Messages read per channel, each source read to its end as the worker's rounds read it."""
    read: Counter[str] = Counter()
    mailbox = ImapMailbox(f.imap_host, f.imap_port, f.imap_user, os.environ[_env(EMAIL)], tls="none")
    bot = TelegramBot(os.environ[_env(TELEGRAM)], base_url=f.telegram_twin_url)
    gateway = SmsGateway(
        SmsSettings(base_url=f.sms_url, user=f.sms_user, inbox_path=INBOX_PATH), os.environ[_env(SMS)], SMS
    )
    sources: dict[str, Source] = {
        "email": EmailSource(mailbox, batch),
        "telegram": TelegramSource(bot),
        "sms": SmsSource(gateway),
    }
    for channel, source in sources.items():
        cursor: str | None = None
        while True:
            messages, cursor = source.poll(cursor)
            if not messages:
                break
            read[channel] += len(messages)
    endpoint = WebhookEndpoint(WA_APP_SECRET, WA_VERIFY_TOKEN, deliver=lambda messages: None)
    for body, signature in whatsapp_calls(f):
        status, _ = endpoint.notification(body, signature)
        read["whatsapp"] += status == 200
    read["web"] += len(web_forms(f))  # the form's route reads nothing: the request is the report
    return read


# --- the mixed intake -------------------------------------------------------------------------------------


@dataclass
class Taken:
    """What the mixed intake did: messages per channel and when each channel's last one was stored."""

    stored: Counter[str] = field(default_factory=Counter)
    finished: dict[str, float] = field(default_factory=dict)  # seconds from the start
    rounds: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    pushed_statuses: Counter[str] = field(default_factory=Counter)  # HTTP status of each webhook call, form outcome


def _polled_names() -> dict[str, str]:
    return {EMAIL: "email", TELEGRAM: "telegram", SMS: "sms"}


def _push(url: str, f: Feeds, taken: Taken, started: float) -> None:
    """What ``aduan server``'s routes store meanwhile: a webhook call, then a form, in turn (a server process of
    its own: its own Store)."""
    store = Store(url)
    try:
        web = next(a for a in store.read(enabled_accounts) if a.channel is Channel.WEB)
        calls, forms = whatsapp_calls(f), web_forms(f)
        for number in range(f.count):
            body, signature = calls[number]
            status, _ = whatsapp_endpoint(store, WHATSAPP).notification(body, signature)
            taken.pushed_statuses[f"WhatsApp {status}"] += 1
            filed = store.admin(
                file_report, forms[number], UNIT, Kind.PENGADUAN, web.id, f.count + 1, _form_secret(number)
            )
            taken.pushed_statuses["web form filed" if filed is not None and filed.new else "web form NOT filed"] += 1
        taken.finished["whatsapp"] = taken.finished["web"] = time.perf_counter() - started
    finally:
        store.dispose()


def take_everything(url: str, f: Feeds, batch: int) -> Taken:
    """The worker's rounds until the polled sources are read, the routes' calls beside them on a thread."""
    taken = Taken()
    store = Store(url)

    def source_of(account: Account, secret: str | None) -> Any:
        source = make_source(account, secret)
        if isinstance(source, EmailSource):
            source.limit = batch
        return source

    try:
        started = time.perf_counter()
        pusher = threading.Thread(target=_push, args=(url, f, taken, started), name="aduan-server-routes")
        pusher.start()
        polled = _polled_names()
        for _ in range(10 * f.count + 10):
            report = run_round(store, source_of)
            taken.rounds += 1
            taken.errors += [f"{name}: {error}" for name, error in report.errors.items()]
            taken.refused += sum(report.refused.values())
            for name, received in report.received.items():
                if name in polled:
                    taken.stored[polled[name]] += received
                    if taken.stored[polled[name]] >= f.count and polled[name] not in taken.finished:
                        taken.finished[polled[name]] = time.perf_counter() - started
            if all(channel in taken.finished for channel in polled.values()) or report.errors:
                break
        pusher.join()
        counts = store.read(_inbound_by_channel)
        taken.stored["whatsapp"], taken.stored["web"] = counts.get("whatsapp", 0), counts.get("web", 0)
    finally:
        store.dispose()
    return taken


def _inbound_by_channel(conn: Connection) -> dict[str, int]:
    rows = conn.execute(
        select(message.c.channel, func.count()).where(message.c.direction == "inbound").group_by(message.c.channel)
    ).all()
    return {str(channel): int(n) for channel, n in rows}


# --- the checks -------------------------------------------------------------------------------------------


def again_changes_nothing(url: str, f: Feeds) -> tuple[int, int, int]:
    """Another worker round, every webhook call and every form sent again: (new messages stored, calls not
    answered 200, forms not recognised) — all should be 0."""
    store = Store(url)
    try:
        before = sum(store.read(_inbound_by_channel).values())
        run_round(store, make_source)
        endpoint = whatsapp_endpoint(store, WHATSAPP)
        refused = sum(endpoint.notification(body, signature)[0] != 200 for body, signature in whatsapp_calls(f))
        web = next(a for a in store.read(enabled_accounts) if a.channel is Channel.WEB)
        unrecognised = 0
        for number, form in enumerate(web_forms(f)):
            filed = store.admin(file_report, form, UNIT, Kind.PENGADUAN, web.id, f.count + 1, _form_secret(number))
            unrecognised += filed is None or filed.new
        return sum(store.read(_inbound_by_channel).values()) - before, refused, unrecognised
    finally:
        store.dispose()


def checks(url: str, f: Feeds, taken: Taken) -> list[tuple[str, bool, object]]:
    """(what, held, what was found) for the mixed intake's outcome."""
    store = Store(url)
    try:
        inbound = store.read(_inbound_by_channel)
        tickets = store.read(lambda conn: int(conn.execute(select(func.count()).select_from(ticket)).scalar_one()))
        errors = store.read(lambda conn: int(conn.execute(select(func.count()).select_from(intake_error)).scalar_one()))
    finally:
        store.dispose()
    n = f.count
    expected = {channel: n for channel in CHANNELS}
    stored_again, refused_again, unrecognised = again_changes_nothing(url, f)
    return [
        (
            f"inbound messages: {n:,} per channel ({', '.join(PRETTY[c] for c in CHANNELS)})",
            inbound == expected,
            inbound,
        ),
        (f"tickets = messages ({len(CHANNELS) * n:,}): every sender started their own", tickets == 5 * n, tickets),
        (
            "nothing refused: no intake errors, no account errors, every call answered 200, every form filed",
            errors == 0
            and taken.refused == 0
            and not taken.errors
            and set(taken.pushed_statuses) <= {"WhatsApp 200", "web form filed"},
            f"{errors} intake errors, {taken.errors}, {dict(taken.pushed_statuses)}",
        ),
        (
            "again: another round, every webhook call and every form sent again store nothing",
            (stored_again, refused_again, unrecognised) == (0, 0, 0),
            f"{stored_again} stored, {refused_again} calls not 200, {unrecognised} forms not recognised",
        ),
    ]
