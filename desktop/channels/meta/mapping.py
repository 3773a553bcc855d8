"""Webhook notifications of a Facebook Page or an Instagram professional account, read: direct messages as
InboundMessages (attachments fetched or named by a placeholder), comments as IncomingComments (stored, not made
tickets). See the package's docstring for why."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from desktop.domain.errors import BadInput, NotFound, NotPermitted
from desktop.domain.inbound import InboundAttachment, InboundMessage
from desktop.domain.social import IncomingComment
from desktop.domain.vocabulary import Channel

from ..telegram import subject_of
from ..whatsapp.mapping import MAX_EXTERNAL_ID_CHARS, clean, text_of

JsonObject = Mapping[str, Any]
FETCHED_KINDS = ("image", "video", "audio", "file")  # attachments whose payload.url is the content itself
MAX_NAME_CHARS = 200
MAX_COMMENT_CHARS = 8000


class Platform(StrEnum):
    """Which of Meta's two messaging products an account is: what its webhooks and references look like."""

    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"

    @property
    def channel(self) -> Channel:
        return Channel.FACEBOOK if self is Platform.FACEBOOK else Channel.INSTAGRAM

    @property
    def webhook_object(self) -> str:
        """The ``object`` of its notifications."""
        return "page" if self is Platform.FACEBOOK else "instagram"

    @property
    def prefix(self) -> str:
        """The conversation reference's prefix: ``fb:<psid>``, ``ig:<igsid>``."""
        return "fb" if self is Platform.FACEBOOK else "ig"

    @property
    def label(self) -> str:
        return "Facebook" if self is Platform.FACEBOOK else "Instagram"

    @property
    def comment_field(self) -> str:
        """The ``changes[].field`` that carries comments: the Page's ``feed``, the account's ``comments``."""
        return "feed" if self is Platform.FACEBOOK else "comments"


@dataclass(frozen=True, slots=True)
class AttachmentRef:
    """An attachment of a direct message as the webhook names it: its type and the address of its content."""

    kind: str  # image, video, audio, file (fetched); others are written out
    url: str


# Fetches an attachment. BadInput, NotFound and NotPermitted mean "not now, not later": the message is kept
# with a placeholder. Unreachable fails the notification so that Meta re-delivers it.
AttachmentFetcher = Callable[[AttachmentRef], InboundAttachment]


@dataclass
class Notification:
    """What one notification brings: messages per receiving account id (Page id or Instagram user id), and
    comments per receiving account id."""

    messages: dict[str, list[InboundMessage]] = field(default_factory=dict)
    comments: dict[str, list[IncomingComment]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(self.messages.values()) or any(self.comments.values())


def parse_notification(
    payload: object, platform: Platform, attachments: AttachmentFetcher | None = None
) -> Notification:
    """The direct messages and comments in one notification; echoes of the account's own messages, read
    receipts, deliveries, edits and comments the account itself wrote produce nothing.

    BadInput when the payload is not a notification of ``platform`` or a message in it has no id; with an
    ``attachments`` fetcher, Unreachable when one could not be fetched for now.
    """
    if not isinstance(payload, Mapping):
        raise BadInput(f"a {platform.label} webhook notification is a JSON object")
    if payload.get("object") != platform.webhook_object:
        raise BadInput(
            f"not a {platform.label} notification: 'object' is {payload.get('object')!r}, "
            f"not {platform.webhook_object!r}"
        )
    found = Notification()
    for entry in _list_of_objects(payload.get("entry"), "entry", platform):
        receiver = _id_of(entry.get("id"))
        for event in _list_of_objects(entry.get("messaging", []), "entry[].messaging", platform):
            inbound = inbound_from_event(event, platform, attachments)
            if inbound is not None:
                found.messages.setdefault(_id_of(_object(event.get("recipient")).get("id")) or receiver, []).append(
                    inbound
                )
        for change in _list_of_objects(entry.get("changes", []), "entry[].changes", platform):
            if change.get("field") != platform.comment_field:
                continue  # mentions, ratings, live comments and other fields are not handled here
            value = change.get("value")
            if not isinstance(value, Mapping):
                raise BadInput(f"a {platform.label} '{platform.comment_field}' change has no 'value' object")
            comment = comment_from_change(value, platform, receiver, entry.get("time"))
            if comment is not None:
                found.comments.setdefault(receiver, []).append(comment)
    return found


def inbound_from_event(
    event: JsonObject, platform: Platform, attachments: AttachmentFetcher | None = None
) -> InboundMessage | None:
    """One ``messaging[]`` event as an InboundMessage; None for what is not a citizen's new message."""
    message = event.get("message")
    if not isinstance(message, Mapping) or message.get("is_echo") or message.get("is_deleted"):
        return None  # deliveries, reads, reactions, the account's own messages (echoes), unsent messages
    mid = message.get("mid")
    if not isinstance(mid, str) or not mid.strip():
        raise BadInput(f"a {platform.label} message in the notification has no id (mid)")
    if len(mid) > MAX_EXTERNAL_ID_CHARS:
        raise BadInput(f"a {platform.label} message id is longer than {MAX_EXTERNAL_ID_CHARS} characters")
    problems: list[str] = []
    sender = _id_of(_object(event.get("sender")).get("id"))
    if not sender:
        problems.append(f"the {platform.label} message does not say who sent it")
    text = text_of(message.get("text"))
    fetched: list[InboundAttachment] = []
    notes: list[str] = []
    for attachment in _objects(message.get("attachments")):
        kept, note = _attachment(attachment, platform, attachments, problems)
        if kept is not None:
            fetched.append(kept)
        if note:
            notes.append(note)
    body = "\n\n".join(part for part in (text, *notes) if part)
    references = [f"{platform.prefix}:{clean(sender)}"] if sender else []
    quoted = _object(message.get("reply_to")).get("mid")
    if isinstance(quoted, str) and quoted.strip() and len(quoted) <= MAX_EXTERNAL_ID_CHARS:
        references.append(clean(quoted))
    cleaned = clean(body)
    if cleaned != body:
        problems.append("characters that are not valid text were replaced")
    subject = subject_of(text) or (f"({fetched[0].content_type.split('/')[0]} via {platform.label})" if fetched else "")
    return InboundMessage(
        channel=platform.channel,
        external_id=clean(mid),
        sender_address=clean(sender)[:320] if sender else None,
        sender_name=None,  # the webhook names nobody: the Graph API would have to be asked
        subject=clean(subject) or f"(message via {platform.label})",
        text=cleaned,
        received_at=_time(event.get("timestamp"), problems, platform),
        references=tuple(references),
        attachments=tuple(fetched),
        problems=tuple(problems),
    )


def comment_from_change(
    value: JsonObject, platform: Platform, receiver: str, entry_time: object = None
) -> IncomingComment | None:
    """A comment of a ``feed`` (Facebook: item ``comment``, verb ``add``) or ``comments`` (Instagram) change;
    None for anything else — posts, likes, edits, removals — and for what the account wrote itself."""
    if platform is Platform.FACEBOOK:
        if value.get("item") != "comment" or value.get("verb") != "add":
            return None
        comment_id, post_id, text = value.get("comment_id"), value.get("post_id"), value.get("message")
        when = value.get("created_time")
    else:
        comment_id, post_id, text = value.get("id"), _object(value.get("media")).get("id"), value.get("text")
        when = entry_time
    author = _object(value.get("from"))
    author_id = _id_of(author.get("id"))
    if author_id and author_id == receiver:
        return None  # the account's own answer under its post
    comment = _id_of(comment_id)
    if not comment or len(comment) > MAX_EXTERNAL_ID_CHARS:
        raise BadInput(f"a {platform.label} comment in the notification has no usable id")
    name = text_of(author.get("name") if platform is Platform.FACEBOOK else author.get("username"))
    return IncomingComment(
        channel=platform.channel,
        comment_id=clean(comment),
        post_id=clean(_id_of(post_id))[:MAX_EXTERNAL_ID_CHARS],
        author_id=clean(author_id)[:MAX_EXTERNAL_ID_CHARS] if author_id else None,
        author_name=clean(name)[:MAX_NAME_CHARS] or None,
        text=clean(text_of(text))[:MAX_COMMENT_CHARS],
        created_at=_time(when, [], platform),
    )


def _attachment(
    attachment: JsonObject, platform: Platform, fetcher: AttachmentFetcher | None, problems: list[str]
) -> tuple[InboundAttachment | None, str]:
    kind = text_of(attachment.get("type")) or "unknown"
    payload = _object(attachment.get("payload"))
    url = text_of(payload.get("url"))
    if kind in FETCHED_KINDS and url:
        reason = None
        if fetcher is not None:
            try:
                return fetcher(AttachmentRef(kind, url)), ""
            except (BadInput, NotFound, NotPermitted) as exc:
                reason = exc.message
        problems.append(f"a {kind} was not fetched from {platform.label}" + (f": {reason}" if reason else ""))
        return None, f"[A {kind} sent on {platform.label}: not downloaded]"
    if kind == "location":
        coordinates = _object(payload.get("coordinates"))
        latitude, longitude = coordinates.get("lat"), coordinates.get("long")
        if isinstance(latitude, int | float) and isinstance(longitude, int | float):
            return None, f"Location shared on {platform.label}: {latitude}, {longitude}"
    title = text_of(payload.get("title")) or text_of(attachment.get("title"))
    where = f": {url}" if url.startswith("https://") else ""
    problems.append(f"a {platform.label} attachment of type {kind!r} is shown as a link only")
    return None, f"[{kind} shared on {platform.label}" + (f" ({title})" if title else "") + where + "]"


def _time(value: object, problems: list[str], platform: Platform) -> datetime | None:
    """Meta writes times as Unix seconds (feed), milliseconds (messaging, entry time) or ISO 8601 text."""
    try:
        if isinstance(value, str) and not value.isdigit():
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("+0000", "+00:00"))
            return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ValueError
        number = int(value)
        seconds = number / 1000 if number > 100_000_000_000 else number
        return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        problems.append(f"the {platform.label} message has no readable time; the time it was stored is used")
        return None


def _id_of(value: object) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def _object(value: object) -> JsonObject:
    return value if isinstance(value, Mapping) else {}


def _objects(value: object) -> Iterator[JsonObject]:
    return (item for item in value if isinstance(item, Mapping)) if isinstance(value, list) else iter(())


def _list_of_objects(value: object, where: str, platform: Platform) -> list[JsonObject]:
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise BadInput(f"a {platform.label} notification's {where} is not a list of objects")
    return value
