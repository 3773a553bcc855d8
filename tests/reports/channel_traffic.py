"""Conversations on three channel accounts at fixed moments, for the channel overview's tests (the figures
as of ``NOW``; nothing depends on today).

Two mailboxes of humas and a Telegram bot of kanreg-1. One report was answered on another account than the
one its conversation began on; one waits for an answer since yesterday; one was archived unanswered; one
arrives after ``NOW``; one was answered long before the week counted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import Connection

from desktop.channels.accounts import add_account
from desktop.domain.inbound import DEFAULT_ACKNOWLEDGEMENT, InboundMessage
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel
from desktop.store import claims, handling, intake
from desktop.store.service import Store
from desktop.store.work import Work, begin
from tests.store.helpers import Org

NOW = datetime(2025, 6, 10, 5, 0)  # naive UTC: 12:00 WIB on 10 June; "today" began at 9 June 17:00 UTC
HOUR = timedelta(hours=1)


@dataclass
class Accounts:
    mailbox: int  # Pengaduan Humas (e-mail, humas)
    second: int  # Aspirasi Humas (e-mail, humas)
    bot: int  # Bot Kanreg I (Telegram, kanreg-1)


def receive(store: Store, at: datetime, account: int, unit: str, inbound: InboundMessage, ack: bool = False) -> UUID:
    """As the worker stores it: no officer acting, the store's clock fixed at ``at``."""

    def run(conn: Connection) -> UUID:
        work = begin(conn, None)
        work.prime(at, None)
        acknowledgement = DEFAULT_ACKNOWLEDGEMENT if ack else None
        return intake.receive(work, inbound, unit, account_id=account, acknowledgement=acknowledgement).ticket_id

    return store.admin(run)


def mail(external_id: str, subject: str, references: tuple[str, ...] = ()) -> InboundMessage:
    return InboundMessage(
        Channel.EMAIL,
        external_id,
        "warga@example.id",
        "Warga",
        subject,
        "Mohon ditindaklanjuti.",
        references=references,
    )


def answer(store: Store, ticket_id: UUID, at: datetime) -> None:
    token = int(store.write(claims.claim, ticket_id).claim.token)  # the lease by the server's own clock

    def run(work: Work) -> None:
        work.prime(at, None)
        handling.reply(work, ticket_id, token, "Terima kasih, laporan Anda kami tindak lanjuti.")

    store.write(run)
    store.write(claims.release, ticket_id, token)


def make_traffic(org: Org) -> Accounts:
    """The conversations of the module's docstring, made through intake and the officers' own operations."""
    owner, ani = org.admin, org.ani
    mailbox = owner.admin(add_account, Channel.EMAIL, "Pengaduan Humas", "humas", '{"host": "imap.example.id"}', None)
    second = owner.admin(add_account, Channel.EMAIL, "Aspirasi Humas", "humas", '{"host": "imap.example.id"}', None)
    bot = owner.admin(add_account, Channel.TELEGRAM, "Bot Kanreg I", "kanreg-1", "{}", "env:ADUAN_SECRET_BOT_KANREG_I")

    # Today, acknowledged at once (an acknowledgement is no answer) and answered an hour later.
    answered = receive(owner, NOW - 3 * HOUR, mailbox, "humas", mail("<t1@warga>", "Jalan berlubang"), ack=True)
    answer(ani, answered, NOW - 2 * HOUR)
    # Begun yesterday on the mailbox, continued on the second one: answered through the second today, 25 h after
    # the citizen's first unanswered message (that wait counts for the mailbox, where the turn began).
    moved = receive(owner, NOW - 26 * HOUR, mailbox, "humas", mail("<t3a@warga>", "Lampu jalan mati"))
    receive(owner, NOW - 25 * HOUR, second, "humas", mail("<t3b@warga>", "Re: Lampu jalan mati", ("<t3a@warga>",)))
    answer(ani, moved, NOW - HOUR)
    # Yesterday (local), never answered: waiting on the mailbox.
    receive(owner, datetime(2025, 6, 9, 10, 0), mailbox, "humas", mail("<t2@warga>", "Sampah menumpuk"))
    # Archived without an answer: nobody waits on it.
    archived = receive(owner, NOW - 5 * HOUR, mailbox, "humas", mail("<t6@warga>", "Tes kirim"))
    token = int(ani.write(claims.claim, archived).claim.token)
    ani.write(handling.change_status, archived, token, Status.DIARSIPKAN)
    # Answered ten days ago, outside the week counted.
    old = receive(owner, NOW - 10 * 24 * HOUR, mailbox, "humas", mail("<t5@warga>", "Air keruh"))
    answer(ani, old, NOW - 10 * 24 * HOUR + 30 * timedelta(minutes=1))
    # After ``now``: not counted yet.
    receive(owner, NOW + HOUR, mailbox, "humas", mail("<t7@warga>", "Besok"))
    # The bot of kanreg-1, half an hour ago.
    chat = InboundMessage(Channel.TELEGRAM, "tg-1", "4242", "Warga", "(tanpa perihal)", "Jembatan rusak")
    receive(owner, NOW - HOUR / 2, bot, "kanreg-1", chat)
    return Accounts(mailbox, second, bot)
