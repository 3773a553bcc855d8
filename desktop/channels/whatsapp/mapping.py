"""WhatsApp webhook notifications read as InboundMessages: what each message type becomes (text written
out, media fetched or named by a placeholder), who sent it, and which ticket it threads into. See the
package's docstring for why."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from desktop.domain.errors import BadInput, NotFound, NotPermitted
from desktop.domain.inbound import InboundAttachment, InboundMessage
from desktop.domain.vocabulary import Channel

from ..telegram import subject_of

WEBHOOK_OBJECT = "whatsapp_business_account"
MAX_EXTERNAL_ID_CHARS = 255  # message.external_id column
MEDIA_KINDS = ("image", "video", "audio", "document", "sticker")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PHONE = re.compile(r"\+?[\d\s\-().]+")

JsonObject = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class MediaRef:
    """A media object of an incoming message, as the webhook names it (the content is fetched separately)."""

    kind: str  # image, video, audio, document, sticker
    media_id: str
    mime_type: str | None = None
    filename: str | None = None
    caption: str | None = None
    voice: bool = False


# Fetches a media object as an attachment. BadInput, NotFound and NotPermitted mean "not now, not later":
# the message is kept with a placeholder. Unreachable fails the notification so that Meta re-delivers it.
MediaFetcher = Callable[[MediaRef], InboundAttachment]


def parse_webhook(payload: object, media: MediaFetcher | None = None) -> list[InboundMessage]:
    """The citizens' messages in one webhook notification, in order; [] for statuses and other fields.

    Raises BadInput when the payload is not a WhatsApp Business Account notification or a message in it
    has no id; with a ``media`` fetcher, Unreachable when media could not be fetched for now.
    """
    return [message for _, message in _notifications(payload, media)]


def parse_webhook_by_number(payload: object, media: MediaFetcher | None = None) -> dict[str, list[InboundMessage]]:
    """``parse_webhook`` grouped by the receiving business number's ``phone_number_id`` ("" when unnamed).

    One app's webhook serves every business number of its WhatsApp Business Accounts: this tells which
    channel account a message arrived through.
    """
    grouped: dict[str, list[InboundMessage]] = {}
    for phone_number_id, message in _notifications(payload, media):
        grouped.setdefault(phone_number_id, []).append(message)
    return grouped


def _notifications(payload: object, media: MediaFetcher | None) -> Iterator[tuple[str, InboundMessage]]:
    if not isinstance(payload, Mapping):
        raise BadInput("a WhatsApp webhook notification is a JSON object")
    if payload.get("object") != WEBHOOK_OBJECT:
        raise BadInput(f"not a WhatsApp notification: 'object' is {payload.get('object')!r}, not {WEBHOOK_OBJECT!r}")
    for entry in _list_of_objects(payload.get("entry"), "entry"):
        for change in _list_of_objects(entry.get("changes"), "entry[].changes"):
            if change.get("field", "messages") != "messages":
                continue  # template, quality and account updates are not citizens' messages
            value = change.get("value")
            if not isinstance(value, Mapping):
                raise BadInput("a WhatsApp 'messages' change has no 'value' object")
            metadata = value.get("metadata")
            number = metadata.get("phone_number_id") if isinstance(metadata, Mapping) else None
            phone_number_id = number if isinstance(number, str) else str(number) if isinstance(number, int) else ""
            names = _contact_names(value.get("contacts"))
            messages = value.get("messages")
            if messages is None:
                continue  # statuses (sent, delivered, read, failed) or account errors
            for message in _list_of_objects(messages, "value.messages"):
                inbound = inbound_from_message(message, names, media)
                if inbound is not None:
                    yield phone_number_id, inbound


def inbound_from_message(
    message: JsonObject, names: Mapping[str, str] | None = None, media: MediaFetcher | None = None
) -> InboundMessage | None:
    """One ``messages[]`` object as an InboundMessage; None for ``request_welcome``.

    ``names`` maps the contacts' ``wa_id`` (and ``user_id``) to profile names.
    """
    wamid = message.get("id")
    if not isinstance(wamid, str) or not wamid.strip():
        raise BadInput("a WhatsApp message in the notification has no id (wamid)")
    if len(wamid) > MAX_EXTERNAL_ID_CHARS:
        raise BadInput(f"a WhatsApp message id is longer than {MAX_EXTERNAL_ID_CHARS} characters")
    wamid = clean(wamid)  # real ones are ASCII; a lone surrogate could not even be stored
    kind = message.get("type")
    kind = kind if isinstance(kind, str) and kind else "unknown"
    if kind == "request_welcome":
        return None
    problems: list[str] = []
    sender = _sender_of(message, names or {}, problems)
    content = _Content(message, kind, media)
    text, subject = content.read()
    problems.extend(content.problems)
    references = [f"wa:{sender}"] if sender else []
    context = message.get("context")
    quoted = context.get("id") if isinstance(context, Mapping) else None
    if isinstance(quoted, str) and quoted.strip() and len(quoted) <= MAX_EXTERNAL_ID_CHARS:
        references.append(clean(quoted))
    references.extend(clean(ref) for ref in content.references if clean(ref) not in references)
    cleaned_text, cleaned_subject = clean(text), clean(subject)
    if (cleaned_text, cleaned_subject) != (text, subject):
        problems.append("characters that are not valid text were replaced")
    name = _name_for(sender, message, names or {})
    return InboundMessage(
        channel=Channel.WHATSAPP,
        external_id=wamid,
        sender_address=sender,
        sender_name=clean(name) if name else None,
        subject=cleaned_subject,
        text=cleaned_text,
        received_at=_received_at(message.get("timestamp"), problems),
        references=tuple(references),
        attachments=content.attachments,
        automatic=kind == "system",
        problems=tuple(problems),
    )


class _Content:
    """The text, subject, attachments and notes of one message, by its type."""

    def __init__(self, message: JsonObject, kind: str, media: MediaFetcher | None) -> None:
        self.message = message
        self.kind = kind
        body = message.get(kind) if kind != "unknown" else None
        self.body: JsonObject = body if isinstance(body, Mapping) else {}
        self.media = media
        self.problems: list[str] = []
        self.attachments: tuple[InboundAttachment, ...] = ()
        self.references: list[str] = []

    def read(self) -> tuple[str, str]:
        if self.kind == "text":
            text = text_of(self.body.get("body"))
            return text, subject_of(text) or "(no text)"
        if self.kind in MEDIA_KINDS:
            return self.media_message()
        written_out: dict[str, Callable[[], str]] = {
            "location": self.read_location,
            "contacts": self.read_contacts,
            "interactive": self.read_interactive,
            "button": self.read_button,
            "reaction": self.read_reaction,
            "order": self.read_order,
            "system": self.read_system,
        }
        reader = written_out.get(self.kind)
        if reader is None:
            return self.unreadable()
        text = reader()
        written = subject_of(text) if not text.startswith("[") else ""  # a placeholder is no subject
        return text, written or f"({self.kind} via WhatsApp)"

    def media_message(self) -> tuple[str, str]:
        media_id = self.body.get("id")
        ref = MediaRef(
            kind=self.kind,
            media_id=str(media_id) if isinstance(media_id, str | int) and not isinstance(media_id, bool) else "",
            mime_type=text_of(self.body.get("mime_type")) or None,
            filename=text_of(self.body.get("filename")) or None,
            caption=text_of(self.body.get("caption")) or None,
            voice=self.body.get("voice") is True,
        )
        what = describe_media(ref)
        subject = subject_of(ref.caption or "") or f"({what} via WhatsApp)"
        reason = "no media id was given" if not ref.media_id else None
        if reason is None and self.media is not None:
            try:
                self.attachments = (self.media(ref),)
                return ref.caption or "", subject
            except (BadInput, NotFound, NotPermitted) as exc:
                reason = exc.message
        where = f"WhatsApp media id {ref.media_id}" if ref.media_id else "no media id"
        mime = f", {ref.mime_type}" if ref.mime_type else ""
        placeholder = f"[{what[0].upper()}{what[1:]} sent on WhatsApp ({where}{mime}): not downloaded]"
        self.problems.append(f"{what} not fetched from WhatsApp" + (f": {reason}" if reason else ""))
        text = f"{ref.caption}\n\n{placeholder}" if ref.caption else placeholder
        return text, subject

    def read_location(self) -> str:
        latitude, longitude = self.body.get("latitude"), self.body.get("longitude")
        place = ", ".join(text_of(self.body.get(key)) for key in ("name", "address") if text_of(self.body.get(key)))
        lines = [f"Location shared on WhatsApp: {place}" if place else "Location shared on WhatsApp"]
        if _is_number(latitude) and _is_number(longitude):
            lines.append(f"Coordinates: {latitude}, {longitude}")
            lines.append(f"Map: https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}")
        link = text_of(self.body.get("url"))
        if link:
            lines.append(f"Link: {link}")
        return "\n".join(lines)

    def read_contacts(self) -> str:
        cards = self.message.get("contacts")
        lines = ["Contact card shared on WhatsApp:"]
        for card in cards if isinstance(cards, list) else []:
            if not isinstance(card, Mapping):
                continue
            name = card.get("name")
            formatted = text_of(name.get("formatted_name")) if isinstance(name, Mapping) else ""
            phones = [text_of(p.get("phone")) for p in _objects(card.get("phones")) if text_of(p.get("phone"))]
            emails = [text_of(e.get("email")) for e in _objects(card.get("emails")) if text_of(e.get("email"))]
            lines.append("- " + (", ".join(part for part in (formatted, *phones, *emails) if part) or "(empty card)"))
        return "\n".join(lines)

    def read_interactive(self) -> str:
        choice_kind = text_of(self.body.get("type"))
        choice = self.body.get(choice_kind) if choice_kind else None
        choice = choice if isinstance(choice, Mapping) else {}
        if choice_kind in ("button_reply", "list_reply"):
            title = text_of(choice.get("title")) or text_of(choice.get("id")) or "(no title)"
            description = text_of(choice.get("description"))
            return f"Chose on WhatsApp: {title}" + (f" — {description}" if description else "")
        if choice_kind == "nfm_reply":
            answers = text_of(choice.get("response_json")) or text_of(choice.get("body"))
            return f"Form answered on WhatsApp: {answers}" if answers else "Form answered on WhatsApp"
        self.problems.append(f"a WhatsApp interactive reply of type {choice_kind or 'unknown'!r} was not read")
        return f"[An interactive WhatsApp reply ({choice_kind or 'unknown'}) that Aduan cannot show]"

    def read_button(self) -> str:
        label = text_of(self.body.get("text")) or text_of(self.body.get("payload")) or "(no label)"
        return f"Pressed a button on WhatsApp: {label}"

    def read_reaction(self) -> str:
        reacted_to = text_of(self.body.get("message_id"))
        if reacted_to and len(reacted_to) <= MAX_EXTERNAL_ID_CHARS:
            self.references.append(reacted_to)
        emoji = text_of(self.body.get("emoji"))
        return f"Reacted {emoji} to an earlier message" if emoji else "Removed a reaction from an earlier message"

    def read_order(self) -> str:
        items = _objects(self.body.get("product_items"))
        lines = [f"Order sent on WhatsApp ({len(items)} item(s) from catalogue {text_of(self.body.get('catalog_id'))})"]
        note = text_of(self.body.get("text"))
        if note:
            lines.append(note)
        for item in items:
            product = text_of(item.get("product_retailer_id")) or "?"
            lines.append(f"- {product} × {item.get('quantity')} at {item.get('item_price')} {item.get('currency')}")
        return "\n".join(lines)

    def read_system(self) -> str:
        body = text_of(self.body.get("body")) or text_of(self.body.get("type"))
        return f"WhatsApp notice: {body}" if body else "WhatsApp notice"

    def unreadable(self) -> tuple[str, str]:
        said = []
        for error in _objects(self.message.get("errors")):
            data = error.get("error_data")
            details = text_of(data.get("details")) if isinstance(data, Mapping) else ""
            said.append(details or text_of(error.get("message")) or text_of(error.get("title")))
        details = "; ".join(part for part in said if part)
        what = "unsupported" if self.kind == "unsupported" else repr(self.kind)
        self.problems.append(f"a WhatsApp message of {what} type was not read" + (f" ({details})" if details else ""))
        text = (
            f"[A WhatsApp message of {what} type that Aduan cannot show"
            + (f" ({details})" if details else "")
            + ": ask the citizen to send it again as text or a photo]"
        )
        return text, f"({self.kind} message via WhatsApp)"


def describe_media(media: MediaRef) -> str:
    """How the officer reads a media object: "photo", "voice message", "document 'surat.pdf'"…"""
    if media.kind == "document":
        return f"document {media.filename!r}" if media.filename else "document"
    if media.kind == "audio":
        return "voice message" if media.voice else "audio recording"
    return {"image": "photo"}.get(media.kind, media.kind)


def _list_of_objects(value: object, where: str) -> list[JsonObject]:
    if not isinstance(value, list):
        raise BadInput(f"a WhatsApp notification's {where} is not a list")
    if not all(isinstance(item, Mapping) for item in value):
        raise BadInput(f"a WhatsApp notification's {where} holds something that is not an object")
    return value


def _objects(value: object) -> list[JsonObject]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def text_of(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def clean(text: str) -> str:
    """Lone surrogates (JSON allows "\\ud800") cannot be stored as UTF-8: replaced."""
    return _SURROGATE.sub("\ufffd", text)


def _contact_names(contacts: object) -> dict[str, str]:
    names: dict[str, str] = {}
    for contact in _objects(contacts):
        profile = contact.get("profile")
        name = text_of(profile.get("name")) if isinstance(profile, Mapping) else ""
        if not name:
            continue
        for key in ("wa_id", "user_id"):
            value = contact.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
                names[_address(str(value))] = name
    return names


def _address(value: str) -> str:
    """A phone number as digits only (``+62 812-…`` and ``62812…`` are one sender); other ids unchanged."""
    value = value.strip()
    return re.sub(r"\D", "", value) if _PHONE.fullmatch(value) else value


def _sender_of(message: JsonObject, names: Mapping[str, str], problems: list[str]) -> str | None:
    for key in ("from", "from_user_id"):
        value = message.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool) and _address(str(value)):
            address = _address(str(value))
            if key == "from_user_id":
                problems.append("the sender's phone number was not given (only a WhatsApp user id)")
            return clean(address)[:320]
    if len(names) == 1:
        return clean(next(iter(names)))[:320]
    problems.append("the WhatsApp message does not say who sent it")
    return None


def _name_for(sender: str | None, message: JsonObject, names: Mapping[str, str]) -> str | None:
    if sender and sender in names:
        return names[sender]
    user_id = message.get("from_user_id")
    if isinstance(user_id, str) and user_id.strip() in names:
        return names[user_id.strip()]
    distinct = set(names.values())
    return next(iter(distinct)) if len(distinct) == 1 else None


def _received_at(timestamp: object, problems: list[str]) -> datetime | None:
    try:
        if isinstance(timestamp, bool) or not isinstance(timestamp, str | int):
            raise ValueError
        return datetime.fromtimestamp(int(timestamp), UTC).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        problems.append("the WhatsApp message has no readable timestamp; the time it was stored is used")
        return None
