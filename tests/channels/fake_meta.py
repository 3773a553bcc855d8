"""Meta's Send API (Graph API) for a Facebook Page or an Instagram professional account on 127.0.0.1, behaving
as Meta's documentation says, and webhook notifications built the way Meta sends them.

Real HTTP, real JSON, the documented shapes: ``POST /{version}/{page-id|ig-user-id}/messages`` with
``{"recipient": {"id"} | {"comment_id"}, "messaging_type": "RESPONSE", "message": {"text"}}`` answers
``{"recipient_id", "message_id"}``; errors are the Graph error object ``{"error": {"message", "type", "code",
"error_subcode", "fbtrace_id"}}``. It checks the bearer token (190, HTTP 401), the account id (100 with
subcode 33), the text (100: Messenger at most 2000 characters, Instagram at most 1000 bytes), whether the
recipient ever wrote (100 with subcode 2018001), the 24-hour standard messaging window (10 with subcode
2018278, Instagram 2534022) and private replies (one per comment, within 7 days: 10 with subcode 2018108).
Attachments are served from ``/cdn/<n>/<name>`` like Meta's CDN: no token needed, and the fake records whether one
was sent. ``rate_limit(code)`` and ``fail(...)`` answer errors.
``GET /{version}/{id}?fields=name|username`` answers the account's name. It records what was sent.
"""

from __future__ import annotations

import itertools
import secrets
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.channels.fake_whatsapp import GraphError, GraphHandler, RawAnswer, post_webhook, signed
from tests.channels.local_http import serve, shut_down, url_of

__all__ = ["FakeMeta", "GraphError", "RawAnswer", "SentMessage", "post_webhook", "signed"]

API_VERSION = "v21.0"
WINDOW_SECONDS = 24 * 3600
PRIVATE_REPLY_SECONDS = 7 * 24 * 3600


@dataclass
class SentMessage:
    recipient: dict[str, str]
    text: str
    message_id: str
    messaging_type: object


@dataclass
class FakeMeta:
    platform: str = "facebook"  # or "instagram"
    access_token: str = "EAAB-page-TOKEN-secret"
    account_id: str = "104857600012345"  # the Page id, or the Instagram user id
    app_secret: str = "meta-app-secret-for-tests"
    name: str = "Pemerintah Kota Contoh"  # the Page's name
    username: str = "pemkot.contoh"  # the Instagram account's
    now: Callable[[], float] = time.time
    last_inbound: dict[str, float] = field(default_factory=dict)  # per sender id: when they last wrote
    comments: dict[str, tuple[str, float]] = field(default_factory=dict)  # comment id → (author id, written at)
    answered_comments: set[str] = field(default_factory=set)
    public_replies: list[tuple[str, str, str]] = field(default_factory=list)  # comment id, text, the reply's id
    sent: list[SentMessage] = field(default_factory=list)
    requests: list[tuple[str, str, Any, str | None]] = field(default_factory=list)  # method, path, body, auth
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    _failures: list[GraphError | RawAnswer] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _server: ThreadingHTTPServer | None = None

    # -- test-side controls -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return url_of(self._server)

    @property
    def webhook_object(self) -> str:
        return "page" if self.platform == "facebook" else "instagram"

    def start(self) -> FakeMeta:
        fake = self

        class Handler(GraphHandler):
            api = fake

        self._server = serve(Handler)
        return self

    def stop(self) -> None:
        shut_down(self._server)

    def new_mid(self) -> str:
        prefix = "m_" if self.platform == "facebook" else "aWdfZAG1faXRlbToxOklH"
        return f"{prefix}{next(self._numbers):06d}{secrets.token_urlsafe(12)}"

    def add_file(self, content: bytes, mime_type: str, name: str = "photo.jpg") -> str:
        """An attachment on Meta's CDN; its ``payload.url``."""
        key = f"{next(self._numbers)}/{name}"
        self.files[key] = (content, mime_type)
        return f"{self.base_url}/cdn/{key}"

    def messaging_event(
        self,
        sender: str,
        text: str | None = None,
        attachments: Sequence[tuple[str, str]] = (),
        at: float | None = None,
        mid: str | None = None,
        reply_to: str | None = None,
    ) -> dict[str, Any]:
        """A citizen writes (the window opens): one ``messaging[]`` event."""
        when = self.now() if at is None else at
        self.last_inbound[sender] = when
        message: dict[str, Any] = {"mid": mid or self.new_mid()}
        if text is not None:
            message["text"] = text
        if attachments:
            message["attachments"] = [{"type": kind, "payload": {"url": url}} for kind, url in attachments]
        if reply_to:
            message["reply_to"] = {"mid": reply_to}
        return {
            "sender": {"id": sender},
            "recipient": {"id": self.account_id},
            "timestamp": int(when * 1000),
            "message": message,
        }

    def echo_event(self, recipient: str, text: str) -> dict[str, Any]:
        """The account's own message as Meta echoes it back."""
        return {
            "sender": {"id": self.account_id},
            "recipient": {"id": recipient},
            "timestamp": int(self.now() * 1000),
            "message": {"mid": self.new_mid(), "text": text, "is_echo": True, "app_id": 1517776481860111},
        }

    def messages(self, *events: Mapping[str, Any]) -> dict[str, Any]:
        """A messaging notification in the documented envelope."""
        return {
            "object": self.webhook_object,
            "entry": [{"id": self.account_id, "time": int(self.now() * 1000), "messaging": [dict(e) for e in events]}],
        }

    def comment(
        self, author_id: str, author_name: str, text: str, post_id: str = "", at: float | None = None
    ) -> tuple[str, dict[str, Any]]:
        """A citizen comments under a post (the private-reply week starts): the comment id and the change."""
        when = self.now() if at is None else at
        number = next(self._numbers)
        if self.platform == "facebook":
            post = post_id or f"{self.account_id}_{900000 + number}"
            comment_id = f"{post.split('_')[-1]}_{700000 + number}"
            value: dict[str, Any] = {
                "from": {"id": author_id, "name": author_name},
                "post": {"status_type": "added_photos", "is_published": True, "id": post},
                "message": text,
                "post_id": post,
                "comment_id": comment_id,
                "created_time": int(when),
                "item": "comment",
                "parent_id": post,
                "verb": "add",
            }
            change = {"field": "feed", "value": value}
        else:
            comment_id = str(17_900_000_000_000_000 + number)
            value = {
                "from": {"id": author_id, "username": author_name},
                "media": {"id": post_id or str(17_800_000_000_000_000 + number), "media_product_type": "FEED"},
                "id": comment_id,
                "text": text,
            }
            change = {"field": "comments", "value": value}
        self.comments[comment_id] = (author_id, when)
        return comment_id, change

    def changes(self, *changes: Mapping[str, Any], at: float | None = None) -> dict[str, Any]:
        when = self.now() if at is None else at
        entry_time = int(when * 1000) if self.platform == "facebook" else int(when)
        return {
            "object": self.webhook_object,
            "entry": [{"id": self.account_id, "time": entry_time, "changes": [dict(c) for c in changes]}],
        }

    def rate_limit(self, code: int = 613, times: int = 1, retry_after: str | None = None) -> None:
        messages = {
            4: "(#4) Application request limit reached",
            17: "(#17) User request limit reached",
            32: "(#32) Page request limit reached",
            613: "(#613) Calls to this api have exceeded the rate limit.",
        }
        headers = {"Retry-After": retry_after} if retry_after else None
        failure = GraphError(code, messages.get(code, f"(#{code}) Rate limit"), headers=headers)
        self._failures.extend([failure] * times)

    def fail(self, failure: GraphError | RawAnswer, times: int = 1) -> None:
        self._failures.extend([failure] * times)

    # -- the API ------------------------------------------------------------------------------------
    def handle(self, method: str, path: str, authorization: str | None, body: Any) -> tuple[int, Any]:
        with self._lock:
            self.requests.append((method, path, body, authorization))
        segments = urlsplit(path).path.strip("/").split("/")
        if segments[0] == "cdn" and len(segments) == 3 and method == "GET":
            found = self.files.get("/".join(segments[1:]))
            if found is None:
                return 404, RawAnswer(404, b"Not Found", "text/plain")
            return 200, RawAnswer(200, found[0], found[1])
        if authorization != f"Bearer {self.access_token}":
            raise GraphError(190, "Invalid OAuth access token - Cannot parse access token", status=401)
        with self._lock:
            if self._failures:
                failure = self._failures.pop(0)
                if isinstance(failure, RawAnswer):
                    return failure.status, failure
                raise failure
        if method == "GET" and len(segments) == 2 and segments[0] == API_VERSION:
            return 200, self._account(segments[1], path)
        if method == "POST" and len(segments) == 3 and segments[0] == API_VERSION and segments[2] == "messages":
            return 200, self._send(segments[1], body)
        # A public reply: Facebook POST /{comment-id}/comments, Instagram POST /{ig-comment-id}/replies.
        edge = "comments" if self.platform == "facebook" else "replies"
        if method == "POST" and len(segments) == 3 and segments[0] == API_VERSION and segments[2] == edge:
            return 200, self._reply_in_public(segments[1], parse_qs(urlsplit(path).query))
        raise GraphError(100, "Unsupported request - method type")

    def _account(self, account_id: str, path: str) -> dict[str, Any]:
        """``GET /{page-id}?fields=name`` or ``GET /{ig-user-id}?fields=username``: the fields asked for and id."""
        if account_id != self.account_id:
            raise GraphError(
                100,
                f"Unsupported get request. Object with ID '{account_id}' does not exist, cannot be loaded due to "
                "missing permissions, or does not support this operation.",
                subcode=33,
            )
        asked = parse_qs(urlsplit(path).query).get("fields", ["id"])[0].split(",")
        known = {"id": self.account_id, "name": self.name, "username": self.username}
        return {name: known[name] for name in asked if name in known} | {"id": self.account_id}

    def _send(self, account_id: str, body: Any) -> dict[str, Any]:
        if account_id != self.account_id:
            raise GraphError(
                100,
                f"Unsupported post request. Object with ID '{account_id}' does not exist, cannot be loaded due to "
                "missing permissions, or does not support this operation.",
                subcode=33,
            )
        if not isinstance(body, Mapping) or not isinstance(body.get("recipient"), Mapping):
            raise GraphError(100, "(#100) param recipient must be non-empty.")
        message = body.get("message")
        text = message.get("text") if isinstance(message, Mapping) else None
        if not isinstance(text, str) or not text:
            raise GraphError(100, "(#100) Param message[text] must be a non-empty UTF-8 encoded string")
        if self.platform == "facebook" and len(text) > 2000:
            raise GraphError(100, "(#100) Length of param message[text] must be less than or equal to 2000")
        if self.platform == "instagram" and len(text.encode("utf-8")) > 1000:
            raise GraphError(100, "(#100) Length of param message[text] must be less than or equal to 1000 bytes")
        recipient = dict(body["recipient"])
        window_subcode = 2018278 if self.platform == "facebook" else 2534022
        if "comment_id" in recipient:
            comment_id = recipient["comment_id"]
            if comment_id not in self.comments:
                raise GraphError(100, "(#100) No matching comment found", subcode=2018001)
            author, written = self.comments[comment_id]
            if comment_id in self.answered_comments or self.now() - written > PRIVATE_REPLY_SECONDS:
                raise GraphError(10, "(#10) This message is sent outside of allowed window.", subcode=2018108)
            self.answered_comments.add(comment_id)
            to = author
        else:
            to = str(recipient.get("id", ""))
            last = self.last_inbound.get(to)
            if last is None:
                raise GraphError(100, "(#100) No matching user found", subcode=2018001)
            if self.now() - last > WINDOW_SECONDS:
                raise GraphError(10, "(#10) This message is sent outside of allowed window.", subcode=window_subcode)
        message_id = self.new_mid()
        with self._lock:
            self.sent.append(SentMessage(recipient, text, message_id, body.get("messaging_type")))
        return {"recipient_id": to, "message_id": message_id}

    def _reply_in_public(self, comment_id: str, query: dict[str, list[str]]) -> dict[str, Any]:
        """``POST /{comment-id}/comments?message=…`` (Facebook) or ``/{ig-comment-id}/replies?message=…``
        (Instagram): the text in the query string, as documented; a JSON body is not read."""
        if comment_id not in self.comments:
            raise GraphError(
                100,
                f"Unsupported post request. Object with ID '{comment_id}' does not exist, cannot be loaded due to "
                "missing permissions, or does not support this operation.",
                subcode=33,
            )
        text = query.get("message", [""])[0]
        if not text.strip():
            raise GraphError(100, "(#100) The parameter message is required")
        if self.platform == "instagram" and len(text) > 2200:
            raise GraphError(100, "(#100) The comment is too long")
        number = next(self._numbers)
        reply_id = (
            f"{comment_id.split('_')[0]}_{800000 + number}"
            if self.platform == "facebook"
            else str(17_950_000_000_000_000 + number)
        )
        with self._lock:
            self.public_replies.append((comment_id, text, reply_id))
        return {"id": reply_id}
