"""Which connector reads and answers which kind of channel account, built from the account's central
configuration (never secret) and the secret the worker machine holds."""

from __future__ import annotations

import hashlib

from ..domain.errors import BadInput
from ..domain.inbound import InboundAttachment, InboundMessage
from ..domain.vocabulary import Channel
from ..store.outbox import Outgoing
from .accounts import Account, check_account
from .dispatch import AlreadySent, Sender
from .email_message import UnreadableMail, parse_email
from .imap_fetch import ImapMailbox
from .lapor import LaporPoller
from .meta import MetaGraph, MetaSender, Platform
from .settings import (
    EmailSettings,
    LaporSettings,
    MetaSettings,
    SmsSettings,
    TelegramSettings,
    WhatsAppSettings,
    XSettings,
)
from .sms import SmsSender, SmsSource, sms_gateway
from .smtp_send import SmtpMailer
from .telegram import TelegramBot
from .whatsapp import WhatsAppCloud
from .whatsapp.dispatch import WhatsAppSender
from .worker import Source
from .x_api import DuplicateContent, XClient

LONG_POLL_SECONDS = 0  # the worker visits every account in turn: no account may hold the round


class TelegramSource:
    """The Bot API's update offset is the account's cursor."""

    def __init__(self, bot: TelegramBot) -> None:
        self.bot = bot

    def poll(self, cursor: str | None) -> tuple[list[InboundMessage], str | None]:
        messages, offset = self.bot.poll(int(cursor) if cursor else None, long_poll_seconds=LONG_POLL_SECONDS)
        return messages, None if offset is None else str(offset)


class EmailSource:
    """The IMAP cursor (UIDVALIDITY:last UID) is the account's cursor; a mail that cannot be read as an
    e-mail still becomes a ticket, with the raw mail attached, so that nothing is lost and an officer sees it."""

    def __init__(self, mailbox: ImapMailbox, limit: int = 200) -> None:
        self.mailbox = mailbox
        self.limit = limit

    def poll(self, cursor: str | None) -> tuple[list[InboundMessage], str | None]:
        batch = self.mailbox.fetch_new(cursor, self.limit)
        return [_read(mail.raw) for mail in batch.mails], batch.cursor


def _read(raw: bytes) -> InboundMessage:
    try:
        return parse_email(raw)
    except UnreadableMail as exc:
        digest = hashlib.sha256(raw).hexdigest()
        return InboundMessage(
            channel=Channel.EMAIL,
            external_id=f"sha256:{digest}",
            sender_address=None,
            sender_name=None,
            subject="(surel tidak terbaca / unreadable e-mail)",
            text=f"Surel ini tidak dapat dibaca; aslinya terlampir. / This e-mail could not be read: {exc.message}",
            attachments=(InboundAttachment("surel-asli.eml", "message/rfc822", raw, risky=True),),
            automatic=True,  # never answered: there is nobody known to answer
            problems=(exc.message,),
        )


def _telegram_bot(account: Account, settings: TelegramSettings, secret: str | None) -> TelegramBot:
    if not secret:
        raise BadInput(f"the Telegram account {account.name!r} needs its bot token as its secret")
    return TelegramBot(secret, base_url=settings.base_url)


def _x_client(account: Account, settings: XSettings, secret: str | None) -> XClient:
    if not secret:
        raise BadInput(f"the X account {account.name!r} needs its OAuth 2.0 user access token as its secret")
    if not settings.user_id.isdigit():
        raise BadInput(f"the X account {account.name!r} needs its numeric user_id in the configuration")
    return XClient(secret, settings.user_id, base_url=settings.base_url)


def make_source(account: Account, secret: str | None) -> Source:
    settings = check_account(account)  # account_secret() checked it too: no connection without the checks
    if isinstance(settings, EmailSettings):
        mailbox = ImapMailbox(
            settings.host, settings.port, settings.user, secret or "", mailbox=settings.mailbox, tls=settings.tls
        )
        return EmailSource(mailbox, settings.batch)
    if isinstance(settings, TelegramSettings):
        return TelegramSource(_telegram_bot(account, settings, secret))
    if isinstance(settings, XSettings):
        return XSource(_x_client(account, settings, secret))
    if isinstance(settings, LaporSettings):
        return LaporPoller.from_settings(settings, secret)
    if isinstance(settings, SmsSettings):
        return SmsSource(sms_gateway(account, settings, secret))
    raise BadInput(f"the worker cannot read {account.channel.value} accounts yet ({account.name!r})")


class TelegramSender:
    """Answers go to the reporter's chat, quoting their latest message; a long answer goes in parts."""

    def __init__(self, bot: TelegramBot) -> None:
        self.bot = bot

    def planned_id(self, outgoing: Outgoing) -> str | None:
        return None  # Telegram numbers the message when it accepts it

    def send(self, outgoing: Outgoing) -> str:
        if not outgoing.to:
            raise BadInput(f"ticket {outgoing.tracking_no} has no Telegram chat to answer")
        chat, _, quoted = (outgoing.replying_to or "").partition(":")
        reply_to = int(quoted) if chat == outgoing.to and quoted.isdigit() else None
        parts = self.bot.send_parts(outgoing.to, outgoing.text, reply_to)
        return f"{outgoing.to}:{parts[0]}"


class XSource:
    """The highest post id seen (or the gap still to read) is the account's cursor."""

    def __init__(self, client: XClient) -> None:
        self.client = client

    def poll(self, cursor: str | None) -> tuple[list[InboundMessage], str | None]:
        return self.client.poll(cursor)


class XSender:
    """Answers are replies to the citizen's latest post. The tracking number ends every answer: it tells
    the citizen their number and makes the text unique to the ticket, so X's refusal of a repeated text
    proves that this answer went out before (after a restart) rather than refusing a template sent to
    another citizen."""

    def __init__(self, client: XClient) -> None:
        self.client = client

    def planned_id(self, outgoing: Outgoing) -> str | None:
        return None

    def send(self, outgoing: Outgoing) -> str:
        if not outgoing.replying_to:
            raise BadInput(f"ticket {outgoing.tracking_no} has no post on X to answer")
        text = outgoing.text
        if outgoing.tracking_no not in text:
            text = f"{text}\n\n({outgoing.tracking_no})"
        try:
            return self.client.reply(text, outgoing.replying_to)
        except DuplicateContent:
            raise AlreadySent("X says this answer was posted before") from None


def make_sender(account: Account, secret: str | None) -> Sender:
    settings = check_account(account)
    if isinstance(settings, EmailSettings):
        return SmtpMailer(
            settings.sending_host,
            settings.sending_port,
            settings.sending_user or None,
            secret,
            from_address=settings.sender,
            from_name=settings.from_name,
            tls=settings.sending_tls,
        )
    if isinstance(settings, TelegramSettings):
        return TelegramSender(_telegram_bot(account, settings, secret))
    if isinstance(settings, XSettings):
        return XSender(_x_client(account, settings, secret))
    if isinstance(settings, WhatsAppSettings):
        if not secret:
            raise BadInput(f"the WhatsApp account {account.name!r} needs its Cloud API access token as its secret")
        return WhatsAppSender(WhatsAppCloud(secret, settings.phone_number_id, base_url=settings.base_url))
    if isinstance(settings, SmsSettings):
        return SmsSender(sms_gateway(account, settings, secret))
    if isinstance(settings, MetaSettings):
        return MetaSender(meta_graph(account, settings, secret))
    raise BadInput(f"the worker cannot send through {account.channel.value} accounts yet ({account.name!r})")


def make_meta_graph(account: Account, secret: str | None) -> MetaGraph:
    """The Graph API of a Facebook Page or Instagram account, for its public replies."""
    settings = check_account(account)
    if not isinstance(settings, MetaSettings):
        raise BadInput(f"{account.name!r} is not a Facebook or Instagram account")
    return meta_graph(account, settings, secret)


def meta_graph(account: Account, settings: MetaSettings, secret: str | None) -> MetaGraph:
    """The Send API of a Facebook Page or Instagram account, with its access token (the account's secret)."""
    platform = Platform(settings.channel.value)
    if not secret:
        raise BadInput(f"the {platform.label} account {account.name!r} needs its access token as its secret")
    return MetaGraph(secret, settings.account_id, platform, base_url=settings.base_url, page_id=settings.page_id)
