"""A LAPOR!-style REST/JSON server on 127.0.0.1 for the poller and the follow-up push.

LAPOR!'s integration API is documented only to units' registered developer accounts, so this fake is
shaped like the connector's documented default mapping (desktop/channels/lapor/mapping.py) and like the HTTP
conventions such APIs follow, which is what a unit configures the connector against:

* ``GET /api/v1/laporan?since=…&page=…&limit=…`` with ``Authorization: Bearer <token>`` answers
  ``{"data": [report, …], "meta": {"page", "limit", "total"}}``: the reports whose ``updated_at`` is at or
  after ``since``, oldest first, one page of ``limit`` (at most 100);
* ``POST /api/v1/tindak-lanjut`` takes one follow-up as JSON and needs an ``Idempotency-Key`` header: the
  first request with a key is stored (201), a repeat gets the stored answer again (200) and stores nothing;
* errors: a wrong or missing token → 401 ``{"message": "Unauthenticated."}``; ``rate_limit(retry_after,
  times)`` → 429 with a ``Retry-After`` header; ``fail(status, times)`` → that status with a JSON message;
  ``maintenance(times)`` → 200 with an HTML page (not JSON); ``delay`` seconds before every answer.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.channels.local_http import serve, shut_down, url_of

LIST_PATH = "/api/v1/laporan"
FOLLOW_UP_PATH = "/api/v1/tindak-lanjut"


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]


@dataclass
class FakeLapor:
    token: str = "lapor-TEST-9f8e7d6c5b4a"
    reports: list[dict[str, Any]] = field(default_factory=list)
    follow_ups: dict[str, dict[str, Any]] = field(default_factory=dict)  # by Idempotency-Key
    requests: list[Request] = field(default_factory=list)
    delay: float = 0.0
    _rate_limited: tuple[int, int] = (0, 0)  # (retry_after, answers left)
    _failing: tuple[int, int] = (0, 0)  # (status, answers left)
    _maintenance: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    # -- test-side controls -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return url_of(self._server)

    def start(self) -> FakeLapor:
        fake = self

        class Handler(_Handler):
            lapor = fake

        self._server = serve(Handler)
        return self

    def stop(self) -> None:
        shut_down(self._server)

    def add_report(self, tracking_id: str, updated_at: str, **fields: Any) -> dict[str, Any]:
        report: dict[str, Any] = {
            "tracking_id": tracking_id,
            "title": fields.pop("title", f"Laporan {tracking_id}"),
            "content": fields.pop("content", f"Isi laporan {tracking_id}."),
            "category": {"id": 13, "name": fields.pop("category", "Infrastruktur")},
            "reporter": fields.pop("reporter", {"name": "Siti Rahayu", "phone": "081234567890"}),
            "created_at": fields.pop("created_at", updated_at),
            "classification": fields.pop("classification", "Pengaduan"),
            "is_anonymous": fields.pop("is_anonymous", False),
            "is_secret": fields.pop("is_secret", False),
            "updated_at": updated_at,
            **fields,
        }
        with self._lock:
            self.reports.append(report)
        return report

    def rate_limit(self, retry_after: int, times: int = 1) -> None:
        self._rate_limited = (retry_after, times)

    def fail(self, status: int, times: int = 1) -> None:
        self._failing = (status, times)

    def maintenance(self, times: int = 1) -> None:
        self._maintenance = times

    def list_requests(self) -> list[Request]:
        return [r for r in self.requests if r.path == LIST_PATH]

    # -- the API ------------------------------------------------------------------------------------
    def handle(self, request: Request, body: Any) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            self.requests.append(request)
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return _json(401, {"message": "Unauthenticated."})
        retry_after, left = self._rate_limited
        if left > 0:
            self._rate_limited = (retry_after, left - 1)
            status, headers, data = _json(429, {"message": "Too Many Attempts."})
            return status, {**headers, "Retry-After": str(retry_after)}, data
        status, left = self._failing
        if left > 0:
            self._failing = (status, left - 1)
            return _json(status, {"message": "Server Error" if status >= 500 else "Error"})
        if self._maintenance > 0:
            self._maintenance -= 1
            page = b"<html><body><h1>LAPOR! sedang dalam pemeliharaan</h1></body></html>"
            return 200, {"Content-Type": "text/html; charset=utf-8"}, page
        if request.method == "GET" and request.path == LIST_PATH:
            return self._list(request.params)
        if request.method == "POST" and request.path == FOLLOW_UP_PATH:
            return self._follow_up(request.headers.get("idempotency-key"), body)
        return _json(404, {"message": "Not Found"})

    def _list(self, params: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        try:
            page = int(params.get("page", "1"))
            limit = max(1, min(int(params.get("limit", "100")), 100))
            since = datetime.fromisoformat(params["since"]) if params.get("since") else None
        except ValueError:
            return _json(422, {"message": "The given data was invalid."})
        with self._lock:
            found = [r for r in self.reports if since is None or datetime.fromisoformat(r["updated_at"]) >= since]
        found.sort(key=lambda r: (datetime.fromisoformat(r["updated_at"]), r["tracking_id"]))
        chunk = found[(page - 1) * limit : page * limit]
        return _json(200, {"data": chunk, "meta": {"page": page, "limit": limit, "total": len(found)}})

    def _follow_up(self, key: str | None, body: Any) -> tuple[int, dict[str, str], bytes]:
        if not key:
            return _json(400, {"message": "The Idempotency-Key header is required."})
        if not isinstance(body, dict) or not body.get("tracking_id"):
            return _json(422, {"message": "The tracking id field is required."})
        with self._lock:
            if key in self.follow_ups:
                return _json(200, {"data": {"id": list(self.follow_ups).index(key) + 1, "replayed": True}})
            self.follow_ups[key] = body
            return _json(201, {"data": {"id": len(self.follow_ups), "replayed": False}})


def _json(status: int, payload: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": "application/json"}, json.dumps(payload, ensure_ascii=False).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    lapor: FakeLapor

    def do_GET(self) -> None:  # the name http.server dispatches to
        self._answer(None)

    def do_POST(self) -> None:  # the name http.server dispatches to
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        self._answer(body)

    def _answer(self, body: Any) -> None:
        url = urlsplit(self.path)
        request = Request(
            self.command,
            url.path,
            dict(parse_qsl(url.query, keep_blank_values=True)),
            {name.lower(): value for name, value in self.headers.items()},
        )
        status, headers, data = self.lapor.handle(request, body)
        if self.lapor.delay:
            time.sleep(self.lapor.delay)
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a timeout test)

    def log_message(self, format: str, *args: Any) -> None:  # http.server's signature
        pass
