"""A Telegram Bot API server on 127.0.0.1 that behaves as the documentation says, for connector tests.

Real HTTP, real JSON, the documented shapes: ``{"ok": true, "result": …}`` and ``{"ok": false,
"error_code": …, "description": …, "parameters": …}``. ``getUpdates`` keeps an in-memory queue with the
documented offset rule (calling with an offset confirms — forgets — every update below it; a negative
offset keeps only the last ``-offset`` updates) and long polling (waits up to ``timeout`` seconds for an
update). ``sendMessage`` accepts GET query parameters, POSTed JSON or a POSTed form, knows which chats
exist, and records what was sent. Switches: a wrong token gets 401, ``rate_limit(retry_after, times)``
answers 429, ``webhook_set = True`` makes ``getUpdates`` answer 409.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.channels.local_http import serve, shut_down, url_of

BOT_USER = {"id": 7000000001, "is_bot": True, "first_name": "Aduan", "username": "aduan_test_bot"}
# What getMe answers beside the User fields: these are returned only by getMe.
GET_ME = {**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}
MAX_TEXT = 4096


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: Mapping[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


@dataclass
class SentMessage:
    chat_id: int
    message_id: int
    text: str
    reply_to_message_id: int | None


@dataclass
class FakeTelegram:
    token: str = "123456:TEST-token_abc"
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    sent: list[SentMessage] = field(default_factory=list)
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (method, parameters)
    webhook_set: bool = False
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _next_update_id: int = 500_000_001
    _next_message_id: dict[int, int] = field(default_factory=dict)
    _rate_limited: tuple[int, int] = (0, 0)  # (retry_after, answers left)
    _changed: threading.Condition = field(default_factory=threading.Condition)
    _server: ThreadingHTTPServer | None = None

    # -- test-side controls -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return url_of(self._server)

    def start(self) -> FakeTelegram:
        fake = self

        class Handler(_Handler):
            telegram = fake

        self._server = serve(Handler)
        return self

    def stop(self) -> None:
        shut_down(self._server)

    def add_chat(
        self, chat_id: int, first_name: str, last_name: str | None = None, username: str | None = None
    ) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": "private", "first_name": first_name}
        if last_name:
            chat["last_name"] = last_name
        if username:
            chat["username"] = username
        self.chats[chat_id] = chat
        return chat

    def push_update(self, **content: Any) -> int:
        """Queue an update (``message=…``, ``edited_message=…``, ``callback_query=…``); its update_id."""
        with self._changed:
            update_id = self._next_update_id
            self._next_update_id += 1
            self._updates.append({"update_id": update_id, **content})
            self._changed.notify_all()
            return update_id

    def push_message(self, chat_id: int, date: int = 1_764_300_000, **content: Any) -> int:
        """A citizen's message in a known chat (``text=…`` or ``photo=…, caption=…``); its message_id."""
        chat = self.chats[chat_id]
        message_id = self._new_message_id(chat_id)
        sender = {key: value for key, value in chat.items() if key not in ("type",)}
        sender["is_bot"] = False
        message = {"message_id": message_id, "from": sender, "chat": chat, "date": date, **content}
        self.push_update(message=message)
        return message_id

    def rate_limit(self, retry_after: int, times: int = 1) -> None:
        self._rate_limited = (retry_after, times)

    def pending_update_ids(self) -> list[int]:
        with self._changed:
            return [update["update_id"] for update in self._updates]

    # -- the API ------------------------------------------------------------------------------------
    def handle(self, token: str, method: str, params: dict[str, Any]) -> Any:
        if token != self.token:
            raise ApiError(401, "Unauthorized")
        self.requests.append((method, params))
        retry_after, left = self._rate_limited
        if left > 0:
            self._rate_limited = (retry_after, left - 1)
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})
        if method == "getUpdates":
            return self._get_updates(params)
        if method == "sendMessage":
            return self._send_message(params)
        if method == "getMe":
            return GET_ME
        raise ApiError(404, "Not Found")

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook_set:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = _integer(params.get("offset"), "offset", default=0)
        limit = max(1, min(_integer(params.get("limit"), "limit", default=100), 100))
        timeout = max(0, _integer(params.get("timeout"), "timeout", default=0))
        deadline = time.monotonic() + timeout
        with self._changed:
            if offset < 0:
                del self._updates[: max(0, len(self._updates) + offset)]
            elif offset > 0:
                self._updates = [update for update in self._updates if update["update_id"] >= offset]
            while not self._updates and time.monotonic() < deadline:
                self._changed.wait(deadline - time.monotonic())
            return [dict(update) for update in self._updates[:limit]]

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = _integer(params.get("chat_id"), "chat_id", default=None)
        chat = self.chats.get(chat_id) if chat_id is not None else None
        if chat is None or chat_id is None:
            raise ApiError(400, "Bad Request: chat not found")
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text.encode("utf-16-le")) // 2 > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        reply = params.get("reply_parameters")
        if isinstance(reply, str):
            reply = json.loads(reply)
        reply_to = reply.get("message_id") if isinstance(reply, Mapping) else params.get("reply_to_message_id")
        reply_to = _integer(reply_to, "reply_to_message_id", default=None)
        message_id = self._new_message_id(chat_id)
        self.sent.append(SentMessage(chat_id, message_id, text, reply_to))
        result: dict[str, Any] = {
            "message_id": message_id,
            "from": BOT_USER,
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        if reply_to is not None:
            result["reply_to_message"] = {"message_id": reply_to, "chat": chat, "date": int(time.time())}
        return result

    def _new_message_id(self, chat_id: int) -> int:
        with self._changed:
            message_id = self._next_message_id.get(chat_id, 1)
            self._next_message_id[chat_id] = message_id + 1
            return message_id


def _integer(value: Any, name: str, default: int | None) -> Any:
    if value is None:
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, f"Bad Request: invalid {name} specified") from None


class _Handler(BaseHTTPRequestHandler):
    telegram: FakeTelegram

    def do_GET(self) -> None:  # the name http.server dispatches to
        self._answer({})

    def do_POST(self) -> None:  # the name http.server dispatches to
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/json":
            body = json.loads(raw or b"{}")
        else:
            body = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
        self._answer(body)

    def _answer(self, body: dict[str, Any]) -> None:
        url = urlsplit(self.path)
        params = {**dict(parse_qsl(url.query, keep_blank_values=True)), **body}
        segments = url.path.strip("/").split("/")
        try:
            if len(segments) != 2 or not segments[0].startswith("bot"):
                raise ApiError(404, "Not Found")
            result = self.telegram.handle(segments[0][3:], segments[1], params)
        except ApiError as error:
            payload: dict[str, Any] = {"ok": False, "error_code": error.code, "description": error.description}
            if error.parameters:
                payload["parameters"] = dict(error.parameters)
            self._write(error.code, payload)
        else:
            self._write(200, {"ok": True, "result": result})

    def _write(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # http.server's signature
        pass
