"""Comments under a unit's Facebook Page posts or Instagram media: what arrives (``IncomingComment``), and
what an officer sees in the list of comments not yet made tickets (``SocialComment``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from .vocabulary import Channel


@dataclass(frozen=True, slots=True)
class IncomingComment:
    """A comment as a webhook brings it."""

    channel: Channel
    comment_id: str
    post_id: str  # the Page post's or the Instagram media's id
    author_id: str | None
    author_name: str | None  # Facebook: the name; Instagram: the username
    text: str
    created_at: datetime | None  # naive UTC; None when Meta gave no time


@dataclass(frozen=True, slots=True)
class SocialComment:
    """A stored comment."""

    id: int
    account_id: int
    account: str
    unit: str
    channel: Channel
    comment_id: str
    post_id: str
    author_id: str | None
    author_name: str | None
    text: str
    personal_data: bool  # shows a NIK, a phone number or an e-mail address: answered only in private
    created_at: datetime
    ticket_id: UUID | None
    reply: PublicReply | None = None  # the unit's public answer under it, once an officer wrote one


class ReplyState(StrEnum):
    """A public reply's way out: queued → sending → sent, or failed (refused by Meta; an officer may write it
    again). A reply left in ``sending`` by a stopped worker is never sent again on the worker's own decision:
    a public comment posted twice cannot be taken back quietly, so it shows as perhaps posted."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class PublicReply:
    text: str
    state: ReplyState
    by: str | None  # the officer's login
    error: str | None  # why Meta refused it (failed)


# Instagram's limit for a comment; a public answer longer than that belongs in a private conversation anyway.
MAX_PUBLIC_REPLY_CHARS = 2200
