"""What every intake connector produces: an outside message as data, before it becomes a ticket or joins one.

Connectors (e-mail, Telegram, WhatsApp, X, SP4N-LAPOR!) only translate; the store decides whether a message
starts a ticket or continues one (by its thread references or a tracking number in the subject), and the
channel's ``external_id`` keeps a re-delivered message from being stored twice.
"""

from __future__ import annotations

import base64
import json
import re
import string
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from .errors import BadInput
from .vocabulary import Channel, Kind

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
    # What a channel that files reports (SP4N-LAPOR!) says about a new ticket; chats and mails leave them unset.
    kind: Kind | None = None  # None: the receiving account's default
    category: str | None = None
    anonymous: bool = False  # the reporter's identity is withheld: connectors leave name and address out
    confidential: bool = False  # LAPOR!'s "rahasia": content restricted to the handling unit


@dataclass(frozen=True, slots=True)
class Received:
    ticket_id: UUID
    tracking_no: str
    message_id: UUID | None  # None when the message had been received before
    new_ticket: bool
    duplicate: bool  # received before: nothing was stored


@dataclass(frozen=True, slots=True)
class IntakeError:
    """A message that came through a channel account and could not be stored, kept for an admin."""

    id: int
    account_id: int
    account_name: str
    channel: Channel
    external_id: str
    summary: str
    error: str
    attempts: int
    first_at: datetime
    last_at: datetime
    resolved_at: datetime | None
    resolution: str | None  # stored | dismissed
    ticket_id: UUID | None


def to_json(inbound: InboundMessage) -> bytes:
    """The message as JSON, attachments in base64: how an intake error keeps it whole for a retry."""
    data = {
        "channel": inbound.channel.value,
        "external_id": inbound.external_id,
        "sender_address": inbound.sender_address,
        "sender_name": inbound.sender_name,
        "subject": inbound.subject,
        "text": inbound.text,
        "html": inbound.html,
        "received_at": inbound.received_at.isoformat() if inbound.received_at else None,
        "references": list(inbound.references),
        "attachments": [
            {
                "filename": a.filename,
                "content_type": a.content_type,
                "content": base64.b64encode(a.content).decode("ascii"),
                "risky": a.risky,
            }
            for a in inbound.attachments
        ],
        "automatic": inbound.automatic,
        "problems": list(inbound.problems),
        "kind": inbound.kind.value if inbound.kind else None,
        "category": inbound.category,
        "anonymous": inbound.anonymous,
        "confidential": inbound.confidential,
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def from_json(raw: bytes) -> InboundMessage:
    try:
        data = json.loads(raw)
        return InboundMessage(
            channel=Channel(data["channel"]),
            external_id=str(data["external_id"]),
            sender_address=data["sender_address"],
            sender_name=data["sender_name"],
            subject=str(data["subject"]),
            text=str(data["text"]),
            html=data["html"],
            received_at=datetime.fromisoformat(data["received_at"]) if data["received_at"] else None,
            references=tuple(data["references"]),
            attachments=tuple(
                InboundAttachment(a["filename"], a["content_type"], base64.b64decode(a["content"]), bool(a["risky"]))
                for a in data["attachments"]
            ),
            automatic=bool(data["automatic"]),
            problems=tuple(data["problems"]),
            kind=Kind(data["kind"]) if data.get("kind") else None,
            category=data.get("category"),
            anonymous=bool(data.get("anonymous", False)),
            confidential=bool(data.get("confidential", False)),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise BadInput(f"a kept inbound message cannot be read back: {exc}") from None


# The acknowledgement a citizen gets when their message starts a ticket; an account may word its own.
DEFAULT_ACKNOWLEDGEMENT = (
    "Terima kasih. Laporan Anda telah kami terima dengan nomor {nomor} (perihal: {perihal}). "
    "Mohon sebutkan nomor ini bila menghubungi kami lagi tentang laporan ini. "
    "Kami akan menindaklanjutinya dan mengabari Anda melalui saluran ini."
)
ACKNOWLEDGEMENT_FIELDS = ("nomor", "perihal")


def acknowledgement_text(template: str, tracking_no: str, subject: str) -> str:
    """``template`` with {nomor} (the tracking number) and {perihal} (the subject) filled in."""
    check_acknowledgement(template)
    return template.format(nomor=tracking_no, perihal=subject)


def check_acknowledgement(template: str) -> None:
    """Refuse a wording that names anything but {nomor} and {perihal}, or forgets the number."""
    try:
        named = {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}
    except ValueError as exc:
        raise BadInput(f"the acknowledgement's wording has a broken {{…}}: {exc}") from None
    unknown = named - set(ACKNOWLEDGEMENT_FIELDS)
    if unknown:
        raise BadInput(f"the acknowledgement may use {{nomor}} and {{perihal}} only, not {', '.join(sorted(unknown))}")
    if "nomor" not in named:
        raise BadInput("the acknowledgement must tell the citizen their tracking number: put {nomor} in it")
