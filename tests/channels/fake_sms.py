"""An SMS gateway on 127.0.0.1 shaped like Zenziva's *reguler* HTTP API, for the SMS connector's tests.

Zenziva's shapes (https://www.zenziva.id/dokumentasi/, as the public clients https://github.com/mul14/zenziva.php
follow it): ``POST /reguler/api/sendsms/`` with the form fields ``userkey``, ``passkey``, ``to`` and
``message`` is answered 200 ``{"messageId": "…", "to": "…", "status": "1", "text": "Success"}``; a refusal is
200 too, ``{"status": "0", "text": "<reason>"}`` (wrong keys: ``"Userkey / Passkey Salah"``).
``GET /api/balance/?userkey=…&passkey=…`` answers the balance. The inbox (``GET /reguler/api/inbox/`` with
``page``, ``PAGE_SIZE`` a page, newest last) stands for the inbox a gateway's SMS Center keeps; the connector
reads it only when an account names ``inbox_path``.

Switches: ``rate_limit(retry_after, times)`` answers 429 with Retry-After; ``fail_with(status, times)``
answers that HTTP status (a 5xx of an overloaded gateway); ``refuse(text, times)`` answers status 0 with
that reason (``"Saldo tidak cukup"``: no balance left).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.channels.local_http import serve, shut_down, url_of

SEND_PATH = "/reguler/api/sendsms/"
BALANCE_PATH = "/api/balance/"
INBOX_PATH = "/reguler/api/inbox/"
PAGE_SIZE = 2
WRONG_KEYS = "Userkey / Passkey Salah"


@dataclass
class Sent:
    message_id: str
    to: str
    message: str


@dataclass
class FakeSmsGateway:
    userkey: str = "pemkot01"
    passkey: str = "pk-rahasia-123"
    sent: list[Sent] = field(default_factory=list)
    inbox: list[dict[str, Any]] = field(default_factory=list)
    page_size: int = PAGE_SIZE  # inbox items a page (bench/intake.py reads larger pages)
    _next_id: int = 880_001
    _next_inbound: int = 1001
    _switch: tuple[str, Any, int] = ("", None, 0)  # (kind, detail, answers left)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        return url_of(self._server)

    def start(self) -> FakeSmsGateway:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                self._answer(*fake.handle("GET", parts.path, dict(parse_qsl(parts.query))))

            def do_POST(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(parse_qsl(self.rfile.read(length).decode("utf-8")))
                self._answer(*fake.handle("POST", parts.path, {**dict(parse_qsl(parts.query)), **form}))

            def _answer(self, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        self._server = serve(Handler)
        return self

    def stop(self) -> None:
        shut_down(self._server)

    # -- switches and the citizen's side --

    def rate_limit(self, retry_after: int, times: int = 1) -> None:
        self._switch = ("429", retry_after, times)

    def fail_with(self, status: int, times: int = 1) -> None:
        self._switch = ("status", status, times)

    def refuse(self, text: str, times: int = 1) -> None:
        self._switch = ("refuse", text, times)

    def receive(self, sender: str, text: str, time: str = "2026-03-02 08:15:00") -> str:
        """A citizen's SMS arriving in the inbox; its id."""
        with self._lock:
            message_id = str(self._next_inbound)
            self._next_inbound += 1
            self.inbox.append({"id": message_id, "from": sender, "message": text, "time": time})
            return message_id

    # -- the API --

    def handle(self, method: str, path: str, fields: dict[str, str]) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self._lock:
            kind, detail, left = self._switch
            if left > 0:
                self._switch = (kind, detail, left - 1)
                if kind == "429":
                    return 429, {"status": "0", "text": "Too Many Requests"}, {"Retry-After": str(detail)}
                if kind == "status":
                    return int(detail), {"status": "0", "text": "Service Unavailable"}, {}
            if fields.get("userkey") != self.userkey or fields.get("passkey") != self.passkey:
                return 200, {"status": "0", "text": WRONG_KEYS}, {}
            if kind == "refuse" and left > 0:
                return 200, {"status": "0", "text": str(detail)}, {}
            if path == SEND_PATH and method == "POST":
                return 200, self._send(fields), {}
            if path == BALANCE_PATH and method == "GET":
                return 200, {"status": "1", "balance": "125000", "expired": "2027-01-31"}, {}
            if path == INBOX_PATH and method == "GET":
                page = int(fields.get("page", "1"))
                items = self.inbox[(page - 1) * self.page_size : page * self.page_size]
                return 200, {"status": "1", "page": page, "data": items}, {}
            return 404, {"status": "0", "text": "Not Found"}, {}

    def _send(self, fields: dict[str, str]) -> dict[str, Any]:
        to, message = fields.get("to", ""), fields.get("message", "")
        if not to.isdigit() or len(to) < 9:
            return {"status": "0", "text": "Nomor tujuan tidak valid"}
        if not message:
            return {"status": "0", "text": "Pesan kosong"}
        message_id = str(self._next_id)
        self._next_id += 1
        self.sent.append(Sent(message_id, to, message))
        return {"messageId": message_id, "to": to, "status": "1", "text": "Success"}
