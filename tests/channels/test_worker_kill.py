"""The worker killed at random points (SIGKILL, a real process) during intake and dispatch, and started
again: no message is lost and none is stored or sent twice.

Citizens write by Telegram (the fake Bot API), by e-mail (a real Dovecot) and by SMS (the fake gateway's
inbox, which the worker polls two messages a page, one page a poll); acknowledgements and an officer's answers
go back by Telegram, by SMTP (aiosmtpd delivering into the citizen's Dovecot mailbox) and by SMS in numbered
parts. The worker runs as ``aduan worker`` with a short sending lease and is killed after a random
moment, again and again, while an officer answers every ticket in between. Afterwards:

* every citizen message is stored exactly once, each as its own ticket;
* every answer is sent or — on Telegram and SMS, which have no idempotency key — held *in doubt* for an
  admin; no Telegram chat received any text twice, no phone any SMS part twice;
* every e-mail answer reached the citizen's mailbox under the Message-ID recorded for it; a copy sent
  again after a kill carries the same Message-ID (the documented e-mail guarantee).
"""

from __future__ import annotations

import email
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from sqlalchemy import Connection, insert, select

from desktop.domain.sms import national, split_sms
from desktop.store import claims, handling
from desktop.store.schema import channel_account, message, outbound_message, reporter_contact, ticket, unit
from tests.channels import mailserver, smtpserver
from tests.channels.fake_sms import INBOX_PATH, FakeSmsGateway
from tests.channels.fake_telegram import FakeTelegram
from tests.channels.mailserver import MailServer
from tests.channels.smtpserver import CITIZEN_ADDRESS, UNIT_ADDRESS, SmtpServer
from tests.e2e.cli import ROOT
from tests.store.helpers import Org, build_org

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
imap_server = mailserver.imap_server
smtp_server = smtpserver.smtp_server

CHATS = range(7001, 7016)  # 15 citizens on Telegram
MAILS = 12
PHONES = [f"08123400{n:04d}" for n in range(1, 11)]  # 10 citizens by SMS, each from their own phone
SMS_MAX_PARTS = 4
LEASE_SECONDS = 2
KILLS = 15


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    for chat in CHATS:
        server.add_chat(chat, f"Warga {chat}", None)
    yield server
    server.stop()


@pytest.fixture
def gateway() -> Iterator[FakeSmsGateway]:
    server = FakeSmsGateway().start()
    yield server
    server.stop()


@pytest.fixture
def org(
    server_url: str, fake: FakeTelegram, gateway: FakeSmsGateway, imap_server: MailServer, smtp_server: SmtpServer
) -> Iterator[Org]:
    built = build_org(server_url)
    accounts = [
        ("telegram", "Bot Humas", {"base_url": fake.base_url}, "env:ADUAN_SECRET_BOT_HUMAS"),
        (
            "email",
            "pengaduan@humas",
            {
                "host": imap_server.host,
                "port": imap_server.port,
                "user": imap_server.user,
                "tls": "none",
                "batch": 3,  # small rounds: more moments to be killed in
                "smtp_host": smtp_server.host,
                "smtp_port": smtp_server.port,
                "address": UNIT_ADDRESS,
            },
            "env:ADUAN_SECRET_PENGADUAN_HUMAS",
        ),
        (
            "sms",
            "SMS Humas",
            {
                "base_url": gateway.base_url,
                "user": gateway.userkey,
                "inbox_path": INBOX_PATH,
                "max_pages": 1,  # one page of two a poll, each poll its own transaction: more moments to be killed in
                "max_parts": SMS_MAX_PARTS,
            },
            "env:ADUAN_SECRET_SMS_HUMAS",
        ),
    ]

    def add(conn: Connection) -> None:
        unit_id = conn.execute(select(unit.c.id).where(unit.c.code == "humas")).scalar_one()
        for channel, name, config, secret_ref in accounts:
            conn.execute(
                insert(channel_account).values(
                    unit_id=unit_id, channel=channel, name=name, config=json.dumps(config), secret_ref=secret_ref
                )
            )

    built.admin.admin(add)
    yield built
    built.close()


def start_worker(
    url: str, fake: FakeTelegram, mail: MailServer, gateway: FakeSmsGateway, *extra: str
) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
    env.update(
        ADUAN_DB=url,
        ADUAN_SECRET_BOT_HUMAS=fake.token,
        ADUAN_SECRET_PENGADUAN_HUMAS=mail.password,
        ADUAN_SECRET_SMS_HUMAS=gateway.passkey,
    )
    command = [sys.executable, str(ROOT / "main.py"), "worker", "--interval", "1", "--send-lease", str(LEASE_SECONDS)]
    return subprocess.Popen(
        [*command, *extra],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def citizen_mail(number: int) -> bytes:
    m = EmailMessage()
    m["From"] = f"Siti Aminah <{CITIZEN_ADDRESS}>"
    m["To"] = UNIT_ADDRESS
    m["Subject"] = f"Laporan nomor {number}: saluran tersumbat"
    m["Message-ID"] = f"<kill-{number}@example.id>"
    m.set_content(f"Saluran air di gang {number} tersumbat.")
    return bytes(m)


def answer_every_open_ticket(org: Org, answered: set[object]) -> None:
    for ticket_id in org.admin.read(lambda conn: conn.execute(select(ticket.c.id)).scalars().all()):
        if ticket_id in answered:
            continue
        held = org.ani.write(claims.claim, ticket_id)
        org.ani.write(handling.reply, ticket_id, held.claim.token, f"Jawaban petugas untuk {ticket_id}.")
        org.ani.write(claims.release, ticket_id, held.claim.token)
        answered.add(ticket_id)


def citizen_mailbox(server: MailServer) -> list[email.message.Message]:
    conn = server.admin(server.citizen)
    try:
        conn.select("INBOX", readonly=True)
        _, data = conn.uid("SEARCH", "ALL")
        mails = []
        for uid in data[0].split():
            _, fetched = conn.uid("FETCH", uid, "(BODY.PEEK[HEADER])")
            mails.append(email.message_from_bytes(next(p[1] for p in fetched if isinstance(p, tuple))))
        return mails
    finally:
        conn.logout()


def outbound_rows(org: Org) -> list[tuple[str, str, str, str | None, int | None]]:
    query = (
        select(outbound_message.c.channel, outbound_message.c.state, message.c.body_text, message.c.external_id)
        .join(message, message.c.id == outbound_message.c.message_id)
        .order_by(outbound_message.c.created_at)
    )
    return [tuple(r) for r in org.admin.read(lambda conn: conn.execute(query).all())]  # type: ignore[misc]


def sms_rows(org: Org) -> list[tuple[str, str, str]]:
    """(state, text, the phone as the gateway was given it) of every answer by SMS."""
    query = (
        select(outbound_message.c.state, message.c.body_text, reporter_contact.c.address)
        .join(message, message.c.id == outbound_message.c.message_id)
        .join(ticket, ticket.c.id == message.c.ticket_id)
        .join(reporter_contact, reporter_contact.c.reporter_id == ticket.c.reporter_id)
        .where(outbound_message.c.channel == "sms", reporter_contact.c.channel == "sms")
    )
    rows = org.admin.read(lambda conn: conn.execute(query).all())
    return [(r.state, r.body_text, national(r.address)) for r in rows]


# One server engine: what is tested is the worker's bookkeeping, which the store tests hold to the same rules
# on every engine; a second engine would double the longest test of the suite.
@pytest.mark.parametrize("server_url", ["postgresql"], indirect=True)
def test_killing_the_worker_loses_and_duplicates_nothing(
    org: Org, fake: FakeTelegram, gateway: FakeSmsGateway, imap_server: MailServer, server_url: str
) -> None:
    seed = random.randrange(1_000_000)
    chance = random.Random(seed)
    print(f"kill test seed {seed}")
    for chat in CHATS:
        fake.push_message(chat, text=f"Lampu jalan di RT {chat % 100} mati")
    for number in range(MAILS):
        imap_server.deliver(citizen_mail(number))
    for phone in PHONES:
        gateway.receive(phone, f"Jalan berlubang di depan rumah nomor {phone[-2:]}")

    answered: set[object] = set()
    for kill in range(KILLS):
        worker = start_worker(server_url, fake, imap_server, gateway)
        time.sleep(chance.uniform(0.3, 2.5))  # imports take most of a second: some kills land before any work
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        if kill % 5 == 2:
            answer_every_open_ticket(org, answered)

    # Restart for good: after the lease, what a killed worker was sending is recovered.
    answer_every_open_ticket(org, answered)
    for _ in range(10):
        time.sleep(LEASE_SECONDS + 0.5)
        done = start_worker(server_url, fake, imap_server, gateway, "--once")
        _, stderr = done.communicate(timeout=120)
        assert done.returncode == 0, stderr.decode()
        rows = outbound_rows(org)
        stored = org.admin.read(lambda conn: conn.execute(select(ticket.c.id)).scalars().all())
        if len(stored) == len(CHATS) + MAILS + len(PHONES) and all(r[1] in ("sent", "in_doubt") for r in rows):
            break
    answer_every_open_ticket(org, answered)
    start_worker(server_url, fake, imap_server, gateway, "--once").communicate(timeout=120)

    # Every citizen message stored once, each its own ticket.
    inbound = org.admin.read(
        lambda conn: conn.execute(
            select(message.c.channel, message.c.external_id).where(message.c.direction == "inbound")
        ).all()
    )
    assert sorted(Counter(r.channel for r in inbound).items()) == [
        ("email", MAILS),
        ("sms", len(PHONES)),
        ("telegram", len(CHATS)),
    ]
    assert len({(r.channel, r.external_id) for r in inbound}) == len(inbound)
    assert len(org.admin.read(lambda conn: conn.execute(select(ticket.c.id)).scalars().all())) == len(inbound)

    # Every answer (an acknowledgement and an officer's answer per ticket) sent or held in doubt.
    rows = outbound_rows(org)
    assert len(rows) == 2 * len(inbound)
    assert {state for _, state, _, _ in rows} <= {"sent", "in_doubt"}, rows
    assert all(state == "sent" for channel, state, _, _ in rows if channel == "email")  # resent, never in doubt

    # Telegram: no text reached a chat twice; a sent answer reached it once; one in doubt at most once.
    deliveries = Counter((s.chat_id, s.text) for s in fake.sent)
    assert max(deliveries.values()) == 1
    texts = Counter(s.text for s in fake.sent)
    for channel, state, text, _ in rows:
        if channel == "telegram":
            assert texts[text] == 1 if state == "sent" else texts[text] <= 1

    # SMS: no part reached a phone twice; every part of a sent answer reached it once, of one in doubt at most once.
    # (By phone: the acknowledgement's last part is the same words for everybody.)
    parts = Counter((s.to, s.message) for s in gateway.sent)
    assert max(parts.values()) == 1
    assert {to for to, _ in parts} <= set(PHONES)
    sms_answers = sms_rows(org)
    assert len(sms_answers) == 2 * len(PHONES)
    for state, text, to in sms_answers:
        for part in split_sms(text, SMS_MAX_PARTS):
            assert parts[(to, part)] == 1 if state == "sent" else parts[(to, part)] <= 1, (state, to, part)

    # E-mail: every answer in the citizen's mailbox under its recorded Message-ID, nothing else there.
    mailbox = Counter(str(m["Message-ID"]).strip("<>") for m in citizen_mailbox(imap_server))
    recorded = {external_id for channel, _, _, external_id in rows if channel == "email"}
    assert set(mailbox) == recorded and len(recorded) == 2 * MAILS
    resent = sum(n - 1 for n in mailbox.values())
    print(f"e-mail answers delivered again with the same Message-ID after a kill: {resent}")
    in_doubt = Counter(channel for channel, state, _, _ in rows if state == "in_doubt")
    print(f"answers held in doubt: Telegram {in_doubt['telegram']}, SMS {in_doubt['sms']}")
