"""Which connector reads and answers which kind of channel account, built from the account's central
configuration (never secret) and the secret the worker machine holds."""

from __future__ import annotations

import hashlib

from ..domain.errors import BadInput
from ..domain.inbound import InboundAttachment, InboundMessage
from ..domain.vocabulary import Channel
from ..store.outbox import Outgoing
from .accounts import Account
from .dispatch import AlreadySent, Sender, SentInDoubt
from .email_message import UnreadableMail, parse_email
from .imap_fetch import TLS_MODES, ImapMailbox, TlsMode
from .lapor import poller_from_config
from .smtp_send import SmtpMailer
from .telegram import TelegramBot
from .whatsapp import MaybeSent, WhatsAppCloud
from .worker import Source, check_account
from .x_api import DuplicateContent, XClient

SMTP_PORTS = {"ssl": 465, "starttls": 587, "none": 25}
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


def _tls(account: Account, key: str, default: str) -> TlsMode:
    tls = str(account.config.get(key, default))
    if tls not in TLS_MODES:
        raise BadInput(f"the e-mail account {account.name!r} has {key} {tls!r}: use one of {', '.join(TLS_MODES)}")
    return tls


def _telegram_bot(account: Account, secret: str | None) -> TelegramBot:
    if not secret:
        raise BadInput(f"the Telegram account {account.name!r} needs its bot token as its secret")
    return TelegramBot(secret, base_url=str(account.config.get("base_url", "https://api.telegram.org")))


def _x_client(account: Account, secret: str | None) -> XClient:
    if not secret:
        raise BadInput(f"the X account {account.name!r} needs its OAuth 2.0 user access token as its secret")
    user_id = str(account.config.get("user_id", ""))
    if not user_id.isdigit():
        raise BadInput(f"the X account {account.name!r} needs its numeric user_id in the configuration")
    return XClient(secret, user_id, base_url=str(account.config.get("base_url", "https://api.x.com")))


def make_source(account: Account, secret: str | None) -> Source:
    check_account(account)  # the worker's secret() checked it too: no connection without the checks
    if account.channel is Channel.EMAIL:
        config = account.config
        tls = _tls(account, "tls", "ssl")
        mailbox = ImapMailbox(
            str(config.get("host", "")),
            int(config.get("port", 993)),
            str(config.get("user", "")),
            secret or "",
            mailbox=str(config.get("mailbox", "INBOX")),
            tls=tls,
        )
        return EmailSource(mailbox, int(config.get("batch", 200)))
    if account.channel is Channel.TELEGRAM:
        return TelegramSource(_telegram_bot(account, secret))
    if account.channel is Channel.X:
        return XSource(_x_client(account, secret))
    if account.channel is Channel.LAPOR:
        return poller_from_config(account.config, secret)
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


class WhatsAppSender:
    """Answers go to the citizen's number, quoting their latest message. An answer the Cloud API may have
    accepted without saying so is held in doubt: sending it again could reach the citizen twice."""

    def __init__(self, cloud: WhatsAppCloud) -> None:
        self.cloud = cloud

    def planned_id(self, outgoing: Outgoing) -> str | None:
        return None

    def send(self, outgoing: Outgoing) -> str:
        if not outgoing.to:
            raise BadInput(f"ticket {outgoing.tracking_no} has no WhatsApp number to answer")
        quoted = outgoing.replying_to if (outgoing.replying_to or "").startswith("wamid.") else None
        try:
            return self.cloud.send_parts(outgoing.to, outgoing.text, quoted)[0]
        except MaybeSent as exc:
            raise SentInDoubt(exc.message) from None


def make_sender(account: Account, secret: str | None) -> Sender:
    check_account(account)
    config = account.config
    if account.channel is Channel.EMAIL:
        tls = _tls(account, "smtp_tls", str(config.get("tls", "ssl")))
        user = str(config.get("smtp_user", config.get("user", "")))
        return SmtpMailer(
            str(config.get("smtp_host", config.get("host", ""))),
            int(config.get("smtp_port", SMTP_PORTS[tls])),
            user or None,
            secret,
            from_address=str(config.get("address", user)),
            from_name=config.get("from_name"),
            tls=tls,
        )
    if account.channel is Channel.TELEGRAM:
        return TelegramSender(_telegram_bot(account, secret))
    if account.channel is Channel.X:
        return XSender(_x_client(account, secret))
    if account.channel is Channel.WHATSAPP:
        if not secret:
            raise BadInput(f"the WhatsApp account {account.name!r} needs its Cloud API access token as its secret")
        cloud = WhatsAppCloud(
            secret,
            str(config.get("phone_number_id", "")),
            base_url=str(config.get("base_url", "https://graph.facebook.com")),
        )
        return WhatsAppSender(cloud)
    raise BadInput(f"the worker cannot send through {account.channel.value} accounts yet ({account.name!r})")
