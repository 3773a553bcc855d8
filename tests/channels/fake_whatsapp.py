"""A WhatsApp Cloud API (Graph API) server on 127.0.0.1 that behaves as Meta's documentation says, and
webhook notifications built and signed the way Meta sends them.

Real HTTP, real JSON, the documented shapes: ``POST /{version}/{phone-number-id}/messages`` answers
``{"messaging_product": "whatsapp", "contacts": [{"input", "wa_id"}], "messages": [{"id",
"message_status"}]}``; errors are the Graph error object ``{"error": {"message", "type", "code",
"error_data": {"messaging_product", "details"}, "fbtrace_id"}}`` with the documented codes. It checks the
bearer token (190 / HTTP 401), the phone number id (100 with subcode 33), the request (100, 131008,
131009), whether the recipient is on WhatsApp (131026) and the 24-hour customer service window (131047:
free-form text only within 24 hours of the recipient's last inbound message, registered with
``inbound_text`` or ``register_inbound``). ``GET /{version}/{phone-number-id}`` answers the number's
default fields (``verified_name``, ``display_phone_number`` as people write it, ``quality_rating``, …).
Media: ``GET /{version}/{media-id}`` gives the download URL, which needs the same token. Switches:
``rate_limit(code, times)`` answers a throttling error, ``fail(…)`` any error or raw answer,
``silent_after_accepting = seconds`` accepts (records) a message and drops the connection after that long
without answering.
It records what was sent.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import secrets
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import urlsplit

import requests

from tests.channels.local_http import serve, shut_down, url_of

API_VERSION = "v21.0"
WINDOW_SECONDS = 24 * 3600
MAX_TEXT = 4096
META_USER_AGENT = "facebookexternalua"


class GraphError(Exception):
    def __init__(
        self,
        code: int,
        message: str,
        details: str | None = None,
        status: int = 400,
        subcode: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code, self.message, self.details, self.status, self.subcode = code, message, details, status, subcode
        self.headers = dict(headers or {})


@dataclass
class SentMessage:
    to: str
    wamid: str
    text: str
    reply_to: str | None
    preview_url: object


@dataclass
class Media:
    content: bytes
    mime_type: str
    declared_size: int | None = None  # what GET /{media-id} says, when it should lie


@dataclass
class RawAnswer:
    status: int
    body: bytes
    content_type: str = "application/json"


@dataclass
class FakeWhatsApp:
    access_token: str = "EAAG-test-TOKEN-secret"
    phone_number_id: str = "106540352242922"
    display_phone_number: str = "15550783881"
    verified_name: str = "Aduan Pemkot"
    waba_id: str = "102290129340398"
    app_secret: str = "app-secret-for-tests"
    now: Callable[[], float] = time.time
    recipients: set[str] = field(default_factory=set)  # numbers on WhatsApp
    last_inbound: dict[str, float] = field(default_factory=dict)  # per number: when they last wrote
    sent: list[SentMessage] = field(default_factory=list)
    requests: list[tuple[str, str, Any]] = field(default_factory=list)  # (method, path, JSON body)
    media: dict[str, Media] = field(default_factory=dict)
    silent_after_accepting: float | None = None
    _failures: list[GraphError | RawAnswer] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _server: ThreadingHTTPServer | None = None

    # -- test-side controls -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return url_of(self._server)

    def start(self) -> FakeWhatsApp:
        fake = self

        class Handler(GraphHandler):
            api = fake

        self._server = serve(Handler)
        return self

    def stop(self) -> None:
        shut_down(self._server)

    def register_inbound(self, wa_id: str, at: float | None = None) -> None:
        """``wa_id`` is on WhatsApp and wrote to the business at ``at`` (now): the 24-hour window opens."""
        self.recipients.add(wa_id)
        self.last_inbound[wa_id] = self.now() if at is None else at

    def new_wamid(self) -> str:
        return "wamid." + base64.b64encode(f"HBgL{next(self._numbers):08d}{secrets.token_hex(6)}".encode()).decode()

    def inbound_text(self, wa_id: str, name: str, text: str, at: float | None = None) -> dict[str, Any]:
        """A citizen writes: the notification Meta would send (and the window opens)."""
        self.register_inbound(wa_id, at)
        when = int(self.last_inbound[wa_id])
        message = {
            "from": wa_id,
            "id": self.new_wamid(),
            "timestamp": str(when),
            "type": "text",
            "text": {"body": text},
        }
        return self.notification([message], contacts=[(wa_id, name)])

    def notification(
        self,
        messages: Sequence[Mapping[str, Any]],
        contacts: Sequence[tuple[str, str]] = (),
        statuses: Sequence[Any] = (),
    ) -> dict[str, Any]:
        """A ``messages`` webhook notification in the documented envelope."""
        value: dict[str, Any] = {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": self.display_phone_number, "phone_number_id": self.phone_number_id},
        }
        if contacts:
            value["contacts"] = [{"profile": {"name": name}, "wa_id": wa_id} for wa_id, name in contacts]
        if messages:
            value["messages"] = [dict(message) for message in messages]
        if statuses:
            value["statuses"] = list(statuses)
        return {
            "object": "whatsapp_business_account",
            "entry": [{"id": self.waba_id, "changes": [{"value": value, "field": "messages"}]}],
        }

    def status_notification(self, wamid: str, recipient: str, status: str = "delivered") -> dict[str, Any]:
        return self.notification(
            [],
            statuses=[
                {
                    "id": wamid,
                    "status": status,
                    "timestamp": str(int(self.now())),
                    "recipient_id": recipient,
                    "pricing": {"billable": True, "pricing_model": "CBP", "category": "service"},
                }
            ],
        )

    def add_media(self, content: bytes, mime_type: str) -> str:
        media_id = str(1_003_383_421_387_000 + next(self._numbers))
        self.media[media_id] = Media(content, mime_type)
        return media_id

    def rate_limit(self, code: int = 130429, times: int = 1, status: int = 400) -> None:
        titles = {
            4: ("(#4) Application request limit reached", "The app has reached its API call rate limit."),
            80007: ("(#80007) Rate limit issues", "The WhatsApp Business Account has reached its rate limit."),
            130429: ("(#130429) Rate limit hit", "Cloud API message throughput has been reached."),
            131048: ("(#131048) Spam rate limit hit", "Message failed to send because there are restrictions."),
            131056: (
                "(#131056) (Business Account, Consumer Account) pair rate limit hit",
                "Too many messages sent from the sender phone number to the same recipient phone number.",
            ),
        }
        message, details = titles.get(code, (f"(#{code}) Rate limit", "Rate limit"))
        self._failures.extend(GraphError(code, message, details, status) for _ in range(times))

    def fail(self, failure: GraphError | RawAnswer, times: int = 1) -> None:
        """The next ``times`` requests to the API get this answer instead."""
        self._failures.extend([failure] * times)

    # -- the API ------------------------------------------------------------------------------------
    def handle(self, method: str, path: str, authorization: str | None, body: Any) -> tuple[int, Any]:
        with self._lock:
            self.requests.append((method, path, body))
        if authorization != f"Bearer {self.access_token}":
            raise GraphError(190, "Invalid OAuth access token - Cannot parse access token", status=401)
        with self._lock:
            if self._failures:
                failure = self._failures.pop(0)
                if isinstance(failure, RawAnswer):
                    return failure.status, failure
                raise failure
        segments = urlsplit(path).path.strip("/").split("/")
        if segments[0] == "download" and len(segments) == 2 and method == "GET":
            return 200, self._download(segments[1])
        if len(segments) < 2 or segments[0] != API_VERSION:
            raise GraphError(2500, "Unknown path components", status=400)
        if method == "GET" and len(segments) == 2 and segments[1] == self.phone_number_id:
            return 200, self._phone_number()
        if method == "GET" and len(segments) == 2:
            return 200, self._media_url(segments[1])
        if method == "POST" and len(segments) == 3 and segments[2] == "messages":
            return 200, self._send(segments[1], body)
        raise GraphError(100, "Unsupported request - method type", status=400)

    def _send(self, phone_number_id: str, body: Any) -> dict[str, Any]:
        if phone_number_id != self.phone_number_id:
            raise GraphError(
                100,
                f"Unsupported post request. Object with ID '{phone_number_id}' does not exist, cannot be loaded "
                "due to missing permissions, or does not support this operation.",
                subcode=33,
            )
        if not isinstance(body, Mapping) or body.get("messaging_product") != "whatsapp":
            raise GraphError(100, "(#100) The parameter messaging_product is required.")
        to = body.get("to")
        if not isinstance(to, str) or not to:
            raise GraphError(131008, "(#131008) Required parameter is missing", "The parameter to is required.")
        if body.get("type") != "text":
            raise GraphError(131009, "(#131009) Parameter value is not valid", "Only text is faked.")
        text = body.get("text")
        text_body = text.get("body") if isinstance(text, Mapping) else None
        if not isinstance(text_body, str) or not text_body.strip():
            raise GraphError(131008, "(#131008) Required parameter is missing", "text['body'] is required.")
        if len(text_body) > MAX_TEXT:
            raise GraphError(
                100, "(#100) Invalid parameter", "Param text['body'] must be at most 4096 characters long."
            )
        wa_id = "".join(ch for ch in to if ch.isdigit())
        if wa_id == self.display_phone_number:
            raise GraphError(
                131021, "(#131021) Recipient cannot be sender", "Sender and recipient phone number is the same."
            )
        if wa_id not in self.recipients:
            raise GraphError(131026, "(#131026) Message Undeliverable", "Unable to deliver message.")
        last = self.last_inbound.get(wa_id)
        if last is None or self.now() - last > WINDOW_SECONDS:
            raise GraphError(
                131047,
                "(#131047) Re-engagement message",
                "More than 24 hours have passed since the recipient last replied to the sender number.",
            )
        context = body.get("context")
        reply_to = context.get("message_id") if isinstance(context, Mapping) else None
        wamid = self.new_wamid()
        with self._lock:
            self.sent.append(SentMessage(to, wamid, text_body, reply_to, text.get("preview_url")))
        if self.silent_after_accepting is not None:
            raise _StaySilent(self.silent_after_accepting)
        return {
            "messaging_product": "whatsapp",
            "contacts": [{"input": to, "wa_id": wa_id}],
            "messages": [{"id": wamid, "message_status": "accepted"}],
        }

    def _phone_number(self) -> dict[str, Any]:
        """``GET /{phone-number-id}`` with its default fields."""
        digits = self.display_phone_number
        return {
            "verified_name": self.verified_name,
            "code_verification_status": "VERIFIED",
            "display_phone_number": f"+{digits[0]} {digits[1:4]}-{digits[4:7]}-{digits[7:]}",
            "quality_rating": "GREEN",
            "platform_type": "CLOUD_API",
            "throughput": {"level": "STANDARD"},
            "id": self.phone_number_id,
        }

    def _media_url(self, media_id: str) -> dict[str, Any]:
        media = self.media.get(media_id)
        if media is None:
            raise GraphError(
                100,
                f"Unsupported get request. Object with ID '{media_id}' does not exist, cannot be loaded due to "
                "missing permissions, or does not support this operation.",
                subcode=33,
            )
        return {
            "messaging_product": "whatsapp",
            "url": f"{self.base_url}/download/{media_id}",
            "mime_type": media.mime_type,
            "sha256": hashlib.sha256(media.content).hexdigest(),
            "file_size": len(media.content) if media.declared_size is None else media.declared_size,
            "id": media_id,
        }

    def _download(self, media_id: str) -> RawAnswer:
        media = self.media.get(media_id)
        if media is None:
            return RawAnswer(404, b"Not Found", "text/plain")
        return RawAnswer(200, media.content, media.mime_type)


class _StaySilent(Exception):
    """Accepted, but the answer never leaves: the connection is held for ``args[0]`` seconds, then dropped."""


class GraphApi(Protocol):
    def handle(self, method: str, path: str, authorization: str | None, body: Any) -> tuple[int, Any]: ...


class GraphHandler(BaseHTTPRequestHandler):
    """Serves a fake of a Graph API (``api``: this fake, or ``fake_meta.FakeMeta``) with Meta's error body."""

    api: GraphApi

    def do_GET(self) -> None:  # the name http.server dispatches to
        self._answer("GET", None)

    def do_POST(self) -> None:  # the name http.server dispatches to
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        self._answer("POST", body)

    def _answer(self, method: str, body: Any) -> None:
        try:
            status, result = self.api.handle(method, self.path, self.headers.get("Authorization"), body)
        except _StaySilent as silence:
            time.sleep(silence.args[0])
            self.close_connection = True
            return
        except GraphError as error:
            payload: dict[str, Any] = {
                "message": error.message,
                "type": "OAuthException",
                "code": error.code,
                "fbtrace_id": "A" + secrets.token_urlsafe(16),
            }
            if error.details is not None:
                payload["error_data"] = {"messaging_product": "whatsapp", "details": error.details}
            if error.subcode is not None:
                payload["error_subcode"] = error.subcode
            self._write(error.status, json.dumps({"error": payload}).encode(), "application/json", error.headers)
            return
        if isinstance(result, RawAnswer):
            self._write(result.status, result.body, result.content_type)
        else:
            self._write(status, json.dumps(result).encode(), "application/json")

    def _write(self, status: int, data: bytes, content_type: str, headers: Mapping[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # http.server's signature
        pass


# -- webhook notifications as Meta sends them ---------------------------------------------------------
def signed(app_secret: str, payload: Any) -> tuple[bytes, dict[str, str]]:
    """The body and headers of Meta's POST: JSON with non-ASCII escaped, signed over exactly those bytes."""
    body = json.dumps(payload, ensure_ascii=True).encode("ascii")
    signature = "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/json",
        "X-Hub-Signature-256": signature,
        "User-Agent": META_USER_AGENT,
    }
    return body, headers


def post_webhook(url: str, app_secret: str, payload: Any, timeout: float = 10) -> requests.Response:
    """POST a notification to a webhook the way Meta does."""
    body, headers = signed(app_secret, payload)
    return requests.post(url, data=body, headers=headers, timeout=timeout)
