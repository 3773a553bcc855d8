"""What every intake connector produces: an outside message as data, before it becomes a ticket or joins one.

Connectors (e-mail, Telegram, WhatsApp, X, SP4N-LAPOR!) only translate; the store decides whether a message
starts a ticket or continues one (by its thread references or a tracking number in the subject), and the
channel's ``external_id`` keeps a re-delivered message from being stored twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from .vocabulary import Channel

# A tracking number in a subject ("Re: [ADU-2026-000123] …"), not part of a longer run of letters or digits.
TRACKING_NUMBER = re.compile(r"(?<![A-Za-z0-9])ADU-(\d{4})-(\d{6})(?!\d)", re.IGNORECASE)


def tracking_number_in(subject: str) -> str | None:
    """The first ``ADU-YYYY-NNNNNN`` in a subject, upper-cased; None when there is none."""
    found = TRACKING_NUMBER.search(subject or "")
    return None if found is None else f"ADU-{found.group(1)}-{found.group(2)}"


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
