"""WhatsApp Business Cloud API connector: webhook notifications into InboundMessages, text replies out.

Meta pushes what citizens write to a webhook; nothing is polled. The shapes and codes here follow Meta's
documentation (developers.facebook.com/documentation/business-messaging/whatsapp/…): ``webhooks/overview``
(3 MB payloads, retries), ``webhooks/reference/messages`` and its per-type pages (text, image, document,
location, contacts, interactive, button, reaction, system, unsupported), Graph API webhooks "getting
started" (the ``hub.*`` verification request and the ``X-Hub-Signature-256`` header), ``messages/send-
messages`` (the send request and its ``messages[0].id`` answer), ``business-phone-numbers/media`` (a media
id → ``GET /{media-id}`` → a URL fetched with the same token) and ``support/error-codes`` (the Graph error
object and every code mapped below).

Why it looks the way it does:

* **Intake is exactly-once by answering 200 only after the messages are stored.** Meta retries a webhook
  that did not get HTTP 200 "with decreasing frequency until the request succeeds, for up to 7 days",
  and says retries can duplicate. ``WebhookEndpoint`` answers 200 only after ``deliver`` returned; if it
  raises, the answer is 500 and Meta delivers again. The store keeps one message per (channel,
  external_id) and the external id is the WhatsApp message id (``wamid``), so a re-delivery — or a retry
  of a batch of which part was stored — is a no-op: at-least-once delivery plus idempotent storage.
  A notification that is signed but cannot be read gets 400, so Meta keeps it for retries rather than
  it being acknowledged and lost. Status updates and other webhook fields produce nothing.
* **The signature is checked before anything is parsed**: ``X-Hub-Signature-256`` is "sha256=" and the
  hex HMAC-SHA256 of the raw body keyed with the app secret, compared in constant time. Unsigned: 401,
  wrongly signed: 403; nothing is delivered. Bodies over ``MAX_WEBHOOK_BYTES`` get 413 unread.
* **The webhook is a route of ``aduan server``**, ``/v1/webhooks/whatsapp/<account>``
  (``desktop/server/webhooks.py``), under the server's HTTPS, a deadline for the body, a cap on its size
  and a limit on webhook requests at once; this module holds only what the answers are
  (``WebhookEndpoint``), ``channels/webhooks.py`` which account and store they go to.
* **Nothing a citizen sends is dropped.** Text is the text. Media (photo, video, audio, voice, document,
  sticker) is downloaded when a fetcher is given (``WhatsAppCloud.download_media``) and becomes an
  attachment; otherwise — or when it is gone, too large, or refused — the text names what was sent, its
  caption or file name and its media id, and ``problems`` says it was not fetched. A failure that may
  pass (the Graph API unreachable) fails the whole notification instead, so Meta re-delivers it later.
  Locations, contact cards, button and list choices, reactions and orders are written out as text;
  a type this module does not know, or one WhatsApp itself calls ``unsupported``, becomes a message with
  a placeholder saying so, never an error. Only ``request_welcome`` (a chat opened, nothing written) is
  skipped.
* **Chats thread by sender**: references are ``("wa:<sender>",)`` plus, when the citizen quoted a
  message, that message's wamid — the store then joins the ticket that message belongs to.
* **Dispatch is not exactly-once.** The Cloud API has no idempotency key: if the worker crashes, or the
  answer is lost, after the API accepted a message but before the worker recorded it, sending again
  reaches the citizen twice. ``send`` raises ``MaybeSent`` (an Unreachable) where the request may have
  been accepted — no answer in time, the connection dropped after sending, or a 2xx without the message
  id — so the dispatcher can hold such an "in doubt" message for an admin instead of retrying blindly;
  everything else that fails was certainly not sent. A text longer than WhatsApp's 4096 characters goes
  out as several messages in order; a failure part-way leaves the earlier parts sent.
* **Free-form replies are allowed only within 24 hours of the citizen's last message** (error 131047):
  ``ReplyWindowClosed`` tells the officer to answer through another channel or an approved template.
* **The access token is a secret**: it travels only in the Authorization header (never in a URL), is
  sent for media downloads only to HTTPS or to the API's own origin, and is removed from every error text.

Error mapping (Graph ``error.code`` first, HTTP status second): 0, 190 and HTTP 401 → NotPermitted
(token); 3, 10, 200-299, 131005 → NotPermitted (permission); 368, 130497, 131031, 131037, 131042, 131045,
131064, 130403, 131030 → NotPermitted (account, billing, policy or test-number set-up); 131047 →
ReplyWindowClosed; 4, 80007, 130429, 131048, 131056 and HTTP 429 → RateLimited (an Unreachable) with
``retry_after`` from Retry-After or a per-code default; 131026 → NotFound (the number cannot receive
WhatsApp); 33 and 100 with subcode 33 → NotFound (the business number or media id does not exist);
131021 and other 4xx → BadInput; 1, 2, 131000, 131016, 131057, 133004, 5xx, timeouts, refused connections
and answers that are not the API's JSON → Unreachable.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import mimetypes
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from desktop.domain.errors import AduanError, BadInput, NotFound, NotPermitted, RateLimited, Unreachable
from desktop.domain.inbound import InboundAttachment, InboundMessage
from desktop.domain.vocabulary import Channel

from .email_message import RISKY_CONTENT_TYPES, RISKY_EXTENSIONS
from .telegram import split_text, subject_of

WEBHOOK_OBJECT = "whatsapp_business_account"
SIGNATURE_HEADER = "X-Hub-Signature-256"
MAX_TEXT_CHARS = 4096  # the Cloud API's limit for a text message body
MAX_WEBHOOK_BYTES = 4 * 1024 * 1024  # Meta's payloads are at most 3 MB
MAX_EXTERNAL_ID_CHARS = 255  # message.external_id column
DEFAULT_MAX_MEDIA_BYTES = 25 * 1024 * 1024  # the same limit as an e-mail attachment
MEDIA_KINDS = ("image", "video", "audio", "document", "sticker")
# How long to wait when Meta names no time: the pair rate is about one message per 6 s to a recipient,
# throughput and app limits clear within a minute, a spam restriction holds for hours.
RATE_LIMIT_SECONDS = {4: 60, 80007: 60, 130429: 5, 131056: 6, 131048: 3600}
_TOKEN_CODES = frozenset({0, 190})
_PERMISSION_CODES = frozenset({3, 10, 131005, *range(200, 300)})
_ACCOUNT_CODES = frozenset({368, 130497, 131031, 131037, 131042, 131045, 131064})
_TRANSIENT_CODES = frozenset({1, 2, 131000, 131016, 131057, 133004})
_BAD_REQUEST_CODES = frozenset({100, 131008, 131009, 131021, 131051, 135000})
_WINDOW_CODE = 131047
_UNDELIVERABLE_CODE = 131026
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PHONE = re.compile(r"\+?[\d\s\-().]+")
_API_VERSION = re.compile(r"v\d+\.\d+")
_GRAPH_ID = re.compile(r"[A-Za-z0-9_\-]+")
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF")

_log = logging.getLogger(__name__)

JsonObject = Mapping[str, Any]


class MaybeSent(Unreachable):
    """The API may have accepted the message although no answer said so: sending again may duplicate it."""


class ReplyWindowClosed(NotPermitted):
    """More than 24 hours since the citizen last wrote: WhatsApp takes only template messages now."""


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


# -- signature ----------------------------------------------------------------------------------------
def signature_of(app_secret: str, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` value Meta sends with ``body``."""
    return "sha256=" + hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify_signature(app_secret: str, body: bytes, header: str | None) -> bool:
    """Whether ``header`` is the app secret's HMAC-SHA256 of exactly these bytes (constant-time compare)."""
    if not app_secret or header is None:
        return False
    given = header.strip().encode("utf-8", "replace").lower()
    expected = signature_of(app_secret, body).encode("ascii")
    return hmac.compare_digest(given, expected)


# -- webhook payloads ---------------------------------------------------------------------------------
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
    wamid = _clean(wamid)  # real ones are ASCII; a lone surrogate could not even be stored
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
        references.append(_clean(quoted))
    references.extend(_clean(ref) for ref in content.references if _clean(ref) not in references)
    cleaned_text, cleaned_subject = _clean(text), _clean(subject)
    if (cleaned_text, cleaned_subject) != (text, subject):
        problems.append("characters that are not valid text were replaced")
    name = _name_for(sender, message, names or {})
    return InboundMessage(
        channel=Channel.WHATSAPP,
        external_id=wamid,
        sender_address=sender,
        sender_name=_clean(name) if name else None,
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
            text = _string(self.body.get("body"))
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
            mime_type=_string(self.body.get("mime_type")) or None,
            filename=_string(self.body.get("filename")) or None,
            caption=_string(self.body.get("caption")) or None,
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
        place = ", ".join(_string(self.body.get(key)) for key in ("name", "address") if _string(self.body.get(key)))
        lines = [f"Location shared on WhatsApp: {place}" if place else "Location shared on WhatsApp"]
        if _is_number(latitude) and _is_number(longitude):
            lines.append(f"Coordinates: {latitude}, {longitude}")
            lines.append(f"Map: https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}")
        link = _string(self.body.get("url"))
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
            formatted = _string(name.get("formatted_name")) if isinstance(name, Mapping) else ""
            phones = [_string(p.get("phone")) for p in _objects(card.get("phones")) if _string(p.get("phone"))]
            emails = [_string(e.get("email")) for e in _objects(card.get("emails")) if _string(e.get("email"))]
            lines.append("- " + (", ".join(part for part in (formatted, *phones, *emails) if part) or "(empty card)"))
        return "\n".join(lines)

    def read_interactive(self) -> str:
        choice_kind = _string(self.body.get("type"))
        choice = self.body.get(choice_kind) if choice_kind else None
        choice = choice if isinstance(choice, Mapping) else {}
        if choice_kind in ("button_reply", "list_reply"):
            title = _string(choice.get("title")) or _string(choice.get("id")) or "(no title)"
            description = _string(choice.get("description"))
            return f"Chose on WhatsApp: {title}" + (f" — {description}" if description else "")
        if choice_kind == "nfm_reply":
            answers = _string(choice.get("response_json")) or _string(choice.get("body"))
            return f"Form answered on WhatsApp: {answers}" if answers else "Form answered on WhatsApp"
        self.problems.append(f"a WhatsApp interactive reply of type {choice_kind or 'unknown'!r} was not read")
        return f"[An interactive WhatsApp reply ({choice_kind or 'unknown'}) that Aduan cannot show]"

    def read_button(self) -> str:
        label = _string(self.body.get("text")) or _string(self.body.get("payload")) or "(no label)"
        return f"Pressed a button on WhatsApp: {label}"

    def read_reaction(self) -> str:
        reacted_to = _string(self.body.get("message_id"))
        if reacted_to and len(reacted_to) <= MAX_EXTERNAL_ID_CHARS:
            self.references.append(reacted_to)
        emoji = _string(self.body.get("emoji"))
        return f"Reacted {emoji} to an earlier message" if emoji else "Removed a reaction from an earlier message"

    def read_order(self) -> str:
        items = _objects(self.body.get("product_items"))
        lines = [f"Order sent on WhatsApp ({len(items)} item(s) from catalogue {_string(self.body.get('catalog_id'))})"]
        note = _string(self.body.get("text"))
        if note:
            lines.append(note)
        for item in items:
            product = _string(item.get("product_retailer_id")) or "?"
            lines.append(f"- {product} × {item.get('quantity')} at {item.get('item_price')} {item.get('currency')}")
        return "\n".join(lines)

    def read_system(self) -> str:
        body = _string(self.body.get("body")) or _string(self.body.get("type"))
        return f"WhatsApp notice: {body}" if body else "WhatsApp notice"

    def unreadable(self) -> tuple[str, str]:
        said = []
        for error in _objects(self.message.get("errors")):
            data = error.get("error_data")
            details = _string(data.get("details")) if isinstance(data, Mapping) else ""
            said.append(details or _string(error.get("message")) or _string(error.get("title")))
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


def _string(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _clean(text: str) -> str:
    """Lone surrogates (JSON allows "\\ud800") cannot be stored as UTF-8: replaced."""
    return _SURROGATE.sub("\ufffd", text)


def _contact_names(contacts: object) -> dict[str, str]:
    names: dict[str, str] = {}
    for contact in _objects(contacts):
        profile = contact.get("profile")
        name = _string(profile.get("name")) if isinstance(profile, Mapping) else ""
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
            return _clean(address)[:320]
    if len(names) == 1:
        return _clean(next(iter(names)))[:320]
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


# -- the Cloud API ------------------------------------------------------------------------------------
class WhatsAppCloud:
    """One business phone number: ``send`` text to a citizen, ``download_media`` what they sent."""

    def __init__(
        self,
        access_token: str,
        phone_number_id: str,
        base_url: str = "https://graph.facebook.com",
        api_version: str = "v21.0",
        session: requests.Session | None = None,
        timeout: float = 15.0,
        max_media_bytes: int = DEFAULT_MAX_MEDIA_BYTES,
    ) -> None:
        if not access_token or not access_token.strip():
            raise BadInput("the WhatsApp access token is empty")
        if not _GRAPH_ID.fullmatch(phone_number_id or ""):
            raise BadInput(f"{phone_number_id!r} is not a WhatsApp phone number id (the digits Meta shows for it)")
        if not _API_VERSION.fullmatch(api_version):
            raise BadInput(f"{api_version!r} is not a Graph API version such as v21.0")
        self._token = access_token
        self._phone_number_id = phone_number_id
        self._base_url = base_url.rstrip("/")
        self._api = f"{self._base_url}/{api_version}"
        self._session = session or requests.Session()
        self._timeout = timeout
        self._max_media_bytes = max_media_bytes

    def send(self, to: str, text: str, reply_to: str | None = None) -> str:
        """Send ``text`` to the citizen's number; the wamid of the (first) message sent."""
        return self.send_parts(to, text, reply_to)[0]

    def send_parts(self, to: str, text: str, reply_to: str | None = None) -> tuple[str, ...]:
        """Send ``text`` as as many messages as the 4096-character limit needs, in order; their wamids.

        Only the first part quotes ``reply_to``.
        """
        recipient = (to or "").strip()
        if not recipient:
            raise BadInput("a WhatsApp message needs the citizen's number")
        if not text.strip():
            raise BadInput("a WhatsApp message needs some text")
        sent: list[str] = []
        for index, part in enumerate(split_text(text, MAX_TEXT_CHARS)):
            request: dict[str, Any] = {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": recipient,
                "type": "text",
                "text": {"body": part, "preview_url": False},
            }
            if reply_to and index == 0:
                request["context"] = {"message_id": reply_to}
            sent.append(self._send_one(request))
        return tuple(sent)

    def download_media(self, media: MediaRef) -> InboundAttachment:
        """The media object as an attachment: its URL from ``GET /{media-id}``, then the content.

        NotFound when WhatsApp no longer has it, BadInput when it is larger than the limit.
        """
        what = describe_media(media)
        if not _GRAPH_ID.fullmatch(media.media_id):
            raise BadInput(f"the {what} has no usable media id")
        response = self._request("GET", f"{self._api}/{media.media_id}", what=f"the {what}'s address")
        if not 200 <= response.status_code < 300:
            raise self._error_of(response, f"the {what}'s address", missing=_MEDIA_GONE)
        info = self._answer(response, f"the {what}'s address")
        url, size = info.get("url"), info.get("file_size")
        if isinstance(size, int) and size > self._max_media_bytes:
            raise BadInput(f"the {what} is {_mib(size)}, larger than the {_mib(self._max_media_bytes)} limit")
        if not isinstance(url, str) or not url:
            raise Unreachable(f"WhatsApp gave no download address for the {what}")
        if not self._may_carry_token(url):
            raise BadInput(f"WhatsApp gave a download address for the {what} that is not HTTPS: not fetched")
        response = self._request("GET", url, what=f"the {what}", stream=True)
        with response:
            if response.status_code != 200:
                raise self._download_error(response.status_code, what)
            content = bytearray()
            try:
                for chunk in response.iter_content(64 * 1024):
                    content.extend(chunk)
                    if len(content) > self._max_media_bytes:
                        raise BadInput(f"the {what} is larger than the {_mib(self._max_media_bytes)} limit")
            except requests.RequestException as exc:
                raise Unreachable(f"the download of the {what} broke off: {self._redact(exc)}") from None
        mime = _string(info.get("mime_type")) or media.mime_type or "application/octet-stream"
        filename = _filename(media, mime)
        return InboundAttachment(
            filename=filename, content_type=mime[:127], content=bytes(content), risky=_is_risky(filename, mime, content)
        )

    def _send_one(self, request: Mapping[str, Any]) -> str:
        url = f"{self._api}/{self._phone_number_id}/messages"
        response = self._request("POST", url, what="the message", json_body=request, sending=True)
        if 200 <= response.status_code < 300:
            try:
                body = response.json()
            except ValueError:
                body = None
            messages = body.get("messages") if isinstance(body, Mapping) else None
            first = messages[0] if isinstance(messages, list) and messages else None
            wamid = first.get("id") if isinstance(first, Mapping) else None
            if isinstance(wamid, str) and wamid:
                return wamid
            raise MaybeSent(
                f"WhatsApp answered HTTP {response.status_code} without the message id: the message may have "
                "been sent; check the chat before sending it again"
            )
        raise self._error_of(response, "the message")

    def _request(
        self,
        method: str,
        url: str,
        what: str,
        json_body: Mapping[str, Any] | None = None,
        sending: bool = False,
        stream: bool = False,
    ) -> requests.Response:
        headers = {"Authorization": f"Bearer {self._token}"}
        try:
            return self._session.request(
                method, url, json=json_body, headers=headers, timeout=self._timeout, stream=stream
            )
        except requests.ConnectTimeout as exc:
            raise Unreachable(f"cannot reach WhatsApp for {what}: {self._redact(exc)}") from None
        except requests.Timeout as exc:
            if sending:
                raise MaybeSent(
                    f"WhatsApp did not answer in time about {what}: it may have been sent; check the chat "
                    f"before sending it again ({self._redact(exc)})"
                ) from None
            raise Unreachable(f"WhatsApp did not answer in time about {what}: {self._redact(exc)}") from None
        except requests.RequestException as exc:
            if sending and not _never_connected(exc):
                raise MaybeSent(
                    f"the connection to WhatsApp broke while sending {what}: it may have been sent; check the "
                    f"chat before sending it again ({self._redact(exc)})"
                ) from None
            raise Unreachable(f"cannot reach WhatsApp for {what}: {self._redact(exc)}") from None

    def _answer(self, response: requests.Response, what: str) -> JsonObject:
        if not 200 <= response.status_code < 300:
            raise self._error_of(response, what)
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, Mapping):
            raise Unreachable(f"WhatsApp answered about {what} with HTTP {response.status_code} and no API response")
        return body

    def _error_of(self, response: requests.Response, what: str, missing: str | None = None) -> AduanError:
        retry_after = response.headers.get("Retry-After")
        body = _json_or_none(response)
        if missing is None:
            return graph_error(response.status_code, body, retry_after, what, redact=self._redact)
        return graph_error(response.status_code, body, retry_after, what, redact=self._redact, missing=missing)

    def _download_error(self, status: int, what: str) -> AduanError:
        if status == 404:
            return NotFound(f"the download of the {what} failed: {_MEDIA_GONE}")
        if status in (401, 403):
            return NotPermitted(f"WhatsApp refused the download of the {what} (HTTP {status})")
        return Unreachable(f"WhatsApp answered the download of the {what} with HTTP {status}")

    def _may_carry_token(self, url: str) -> bool:
        """The token goes only over HTTPS, or back to the API's own origin (a test or a local proxy)."""
        target, base = urlsplit(url), urlsplit(self._base_url)
        return target.scheme == "https" or (target.scheme, target.netloc) == (base.scheme, base.netloc)

    def _redact(self, what: object) -> str:
        return str(what).replace(self._token, "<token>")


def graph_error(
    status: int,
    body: object,
    retry_after: str | None = None,
    what: str = "the request",
    redact: Callable[[str], str] = str,
    missing: str = "check the phone number id of the account",
) -> AduanError:
    """The domain error for a Graph API error answer (``{"error": {"message", "type", "code", …}}``).

    ``missing`` is the advice when the object asked about does not exist (code 33, or 100 with subcode 33).
    """
    error = body.get("error") if isinstance(body, Mapping) else None
    if not isinstance(error, Mapping):
        if status == 429:
            seconds = _seconds(retry_after) or 60
            return RateLimited(seconds, f"WhatsApp rate limit (HTTP 429) for {what}: retry after {seconds} s")
        if status == 401:
            return NotPermitted(f"WhatsApp refused the access token (HTTP 401) for {what}: {_TOKEN_ADVICE}")
        if 400 <= status < 500:
            return BadInput(f"WhatsApp refused {what} with HTTP {status} and no API error")
        return Unreachable(f"WhatsApp answered {what} with HTTP {status} and no API response")
    raw_code = error.get("code")
    code = raw_code if isinstance(raw_code, int) and not isinstance(raw_code, bool) else _int_or_none(raw_code)
    data = error.get("error_data")
    details = _string(data.get("details")) if isinstance(data, Mapping) else ""
    said = _string(error.get("message")) or f"HTTP {status}"
    trace = _string(error.get("fbtrace_id"))
    reference = f" [code {code}" + (f", fbtrace_id {trace}" if trace else "") + "]"
    text = redact(f"WhatsApp refused {what}: {said}" + (f" — {details}" if details else "") + reference)
    if code in RATE_LIMIT_SECONDS or status == 429:
        seconds = _seconds(retry_after) or RATE_LIMIT_SECONDS.get(code or 0, 60)
        return RateLimited(seconds, f"{text}; retry after {seconds} s")
    if code == _WINDOW_CODE:
        return ReplyWindowClosed(
            f"{text}. WhatsApp allows free-form replies only within 24 hours of the citizen's last message: "
            "answer through another channel (phone, e-mail, letter) or with an approved WhatsApp template"
        )
    if code in _TOKEN_CODES or (status == 401 and code not in _PERMISSION_CODES):
        return NotPermitted(f"{text}; {_TOKEN_ADVICE}")
    if code in _PERMISSION_CODES:
        return NotPermitted(f"{text}; the app lacks the whatsapp_business_messaging permission for this number")
    if code in _ACCOUNT_CODES:
        return NotPermitted(f"{text}; the WhatsApp Business account cannot send: see WhatsApp Manager")
    if code == 130403:
        return NotPermitted(f"{text}; the business has blocked this WhatsApp user: unblock them to answer")
    if code == 131030:
        return NotPermitted(f"{text}; a test number can only message the recipients added in the App Dashboard")
    if code == _UNDELIVERABLE_CODE:
        return NotFound(
            f"{text}; the citizen's number cannot receive WhatsApp messages (not on WhatsApp, terms not "
            "accepted or an old app): answer through another channel"
        )
    if code == 33 or (code == 100 and error.get("error_subcode") == 33):
        return NotFound(f"{text}; {missing}")
    if code in _TRANSIENT_CODES or status >= 500:
        return Unreachable(text)
    if code in _BAD_REQUEST_CODES or 400 <= status < 500:
        return BadInput(text)
    return Unreachable(text)


_TOKEN_ADVICE = "the access token expired or was revoked: create a new system-user token and update the account"
_MEDIA_GONE = "WhatsApp no longer has it (media is kept for a limited time) or never had it"


def _json_or_none(response: requests.Response) -> object:
    try:
        return response.json()
    except ValueError:
        return None


def _int_or_none(value: object) -> int | None:
    try:
        return int(value) if isinstance(value, str | int) and not isinstance(value, bool) else None
    except ValueError:
        return None


def _seconds(retry_after: str | None) -> int | None:
    value = _int_or_none((retry_after or "").strip())
    return value if value is not None and value > 0 else None


def _never_connected(exc: requests.RequestException) -> bool:
    """Whether the request certainly did not reach the server (refused, unresolvable, connect timeout)."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, NewConnectionError | ConnectTimeoutError | ConnectionRefusedError):
            return True
        pending.extend([getattr(current, "reason", None), current.__cause__, current.__context__])
        pending.extend(arg for arg in current.args if isinstance(arg, BaseException))
    return False


def _filename(media: MediaRef, mime: str) -> str:
    given = re.split(r"[/\\]", media.filename or "")[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", _clean(given)).strip()
    if name.strip(". "):
        return name[-255:] if len(name) > 255 else name
    extension = mimetypes.guess_extension(mime.split(";")[0].strip()) or ".bin"
    return f"whatsapp-{media.kind}-{media.media_id}"[: 255 - len(extension)] + extension


def _is_risky(filename: str, content_type: str, content: bytes | bytearray) -> bool:
    name = filename.lower().rstrip(". ")
    extension = name[name.rfind(".") :] if "." in name else ""
    return (
        extension in RISKY_EXTENSIONS
        or content_type.split(";")[0].strip().lower() in RISKY_CONTENT_TYPES
        or bytes(content[:4]).startswith(_EXECUTABLE_MAGIC)
    )


def _mib(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


# -- the webhook endpoint ------------------------------------------------------------------------------
# Served by ``aduan server`` at ``/v1/webhooks/whatsapp/<account>`` (``desktop/server/webhooks.py``): the
# route reads the body within its deadline and cap, and hands it here.
Deliver = Callable[[list[InboundMessage]], None]
DeliverByNumber = Callable[[dict[str, list[InboundMessage]]], None]


class WebhookEndpoint:
    """What the webhook answers, without the HTTP around it: Meta's verification handshake and notifications.

    ``deliver`` gets the messages of one notification and must have stored them when it returns.
    ``deliver_by_number`` instead gets them grouped by receiving ``phone_number_id`` (see
    ``parse_webhook_by_number``); give exactly one. Notifications without messages (statuses) are answered
    200 without a call. With ``media``, photos and documents are fetched before delivery; that delays the
    answer, and should Meta give up waiting it sends the notification again, which the store recognises.
    Calls may come from several threads at once: the store keeps one message per id whatever the order.
    """

    def __init__(
        self,
        app_secret: str,
        verify_token: str,
        deliver: Deliver | None = None,
        *,
        deliver_by_number: DeliverByNumber | None = None,
        media: MediaFetcher | None = None,
    ) -> None:
        if not app_secret:
            raise BadInput("the WhatsApp app secret is empty: notifications could not be checked")
        if not verify_token:
            raise BadInput("the webhook verify token is empty")
        if (deliver is None) == (deliver_by_number is None):
            raise BadInput("give the webhook exactly one of deliver and deliver_by_number")
        self._app_secret = app_secret
        self._verify_token = verify_token
        self._deliver = deliver
        self._deliver_by_number = deliver_by_number
        self._media = media

    def verification(self, mode: str, token: str, challenge: str) -> tuple[int, str]:
        """Meta's subscription check (``hub.mode``, ``hub.verify_token``, ``hub.challenge``): the challenge
        back when mode and token are right, 403 otherwise."""
        token_matches = hmac.compare_digest(token.encode("utf-8", "replace"), self._verify_token.encode("utf-8"))
        if mode == "subscribe" and token_matches and challenge:
            return 200, challenge
        return 403, "verification refused"

    def notification(self, body: bytes, signature: str | None) -> tuple[int, str]:
        """Check, read and deliver one POSTed notification; the HTTP status and a short text to answer."""
        if signature is None:
            return 401, f"missing {SIGNATURE_HEADER}"
        if not verify_signature(self._app_secret, body, signature):
            _log.warning("WhatsApp webhook: a notification with a wrong signature was refused")
            return 403, "signature does not match"
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError):
            return 400, "the body is not JSON"
        try:
            grouped = parse_webhook_by_number(payload, self._media)
        except BadInput as exc:
            _log.warning("WhatsApp webhook: an unreadable notification was refused: %s", exc.message)
            return 400, exc.message
        except Unreachable as exc:
            _log.warning("WhatsApp webhook: media could not be fetched, Meta will re-deliver: %s", exc.message)
            return 503, "media could not be fetched now"
        if not any(grouped.values()):
            return 200, "EVENT_RECEIVED"
        try:
            if self._deliver_by_number is not None:
                self._deliver_by_number(grouped)
            elif self._deliver is not None:
                self._deliver([message for messages in grouped.values() for message in messages])
        except Exception:
            _log.exception("WhatsApp webhook: storing the messages failed; Meta will re-deliver them")
            return 500, "not stored; deliver again"
        return 200, "EVENT_RECEIVED"
