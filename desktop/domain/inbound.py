"""What every intake connector produces: an outside message as data, before it becomes a ticket or joins one.

Connectors (e-mail, Telegram, WhatsApp, X, SP4N-LAPOR!) only translate; the store decides whether a message
starts a ticket or continues one (by its thread references or a tracking number in the subject), and the
channel's ``external_id`` keeps a re-delivered message from being stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .vocabulary import Channel


@dataclass(frozen=True, slots=True)
class InboundAttachment:
    filename: str
    content_type: str
    content: bytes
    risky: bool = False  # executable or macro-bearing: offered for saving only, never opened


@dataclass(frozen=True, slots=True)
class InboundMessage:
    channel: Channel
    external_id: str  # unique per channel: Message-ID, Telegram update id, WhatsApp message id…
    sender_address: str | None  # how to answer: e-mail address, chat id, phone number, handle
    sender_name: str | None
    subject: str
    text: str  # plain text (from the HTML part when there is no plain one)
    html: str | None = None  # as received; sanitized when shown
    received_at: datetime | None = None  # naive UTC, the channel's own time when it gives one
    # Thread references (e-mail: In-Reply-To and References; chats: the conversation id).
    references: tuple[str, ...] = ()
    attachments: tuple[InboundAttachment, ...] = ()
    automatic: bool = False  # an auto-reply, bounce or list mail: never answered, to avoid mail loops
    problems: tuple[str, ...] = field(default=())  # what was repaired or dropped while reading it
