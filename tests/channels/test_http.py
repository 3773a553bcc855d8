"""The connectors' shared HTTP client: one backoff policy, the status mapping, reconnecting only a request
that never reached the server, and secrets kept out of errors and log lines."""

from __future__ import annotations

import logging
import socket
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
import requests
from urllib3.exceptions import NewConnectionError

from desktop.channels.http import (
    POSTPONE,
    RECONNECT_ATTEMPTS,
    Backoff,
    HttpClient,
    MaybeSent,
    retry_after_seconds,
    status_error,
)
from desktop.domain.errors import BadInput, Conflict, NotFound, NotPermitted, RateLimited, Unreachable
from tests.channels.local_http import serve, shut_down, url_of

TOKEN = "123456:rahasia/bot+token"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Flaky(requests.Session):
    """Refuses the first ``refusals`` connections, then fails as ``then`` says (or answers 200)."""

    def __init__(self, refusals: int, then: Exception | None = None) -> None:
        super().__init__()
        self.refusals = refusals
        self.then = then
        self.calls = 0

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.calls += 1
        if self.calls <= self.refusals:
            refused = NewConnectionError(None, "Connection refused")  # type: ignore[arg-type]
            raise requests.ConnectionError(refused)
        if self.then is not None:
            raise self.then
        answer = requests.Response()
        answer.status_code = 200
        return answer


def test_the_backoff_doubles_up_to_its_cap_unless_the_channel_named_a_time() -> None:
    assert [POSTPONE.delay(n) for n in (1, 2, 3, 8, 20)] == [30.0, 60.0, 120.0, 3600.0, 3600.0]
    assert POSTPONE.delay(5, retry_after=42) == 42.0
    assert Backoff(0.5, 2.0).delay(0) == 0.5


def test_statuses_map_to_domain_errors() -> None:
    limited = status_error(429, "slow down", 17)
    assert isinstance(limited, RateLimited) and limited.retry_after == 17 and isinstance(limited, Unreachable)
    for status, kind in ((401, NotPermitted), (403, NotPermitted), (404, NotFound), (409, Conflict), (422, BadInput)):
        assert type(status_error(status, "x")) is kind, status
    assert type(status_error(503, "x")) is Unreachable
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:30 GMT", now=datetime(2015, 10, 21, 7, 28, tzinfo=UTC)) == 30


def test_a_refused_connection_is_tried_again_and_nothing_else_is() -> None:
    waits: list[float] = []
    flaky = Flaky(refusals=RECONNECT_ATTEMPTS - 1)
    client = HttpClient("Uji", [TOKEN], flaky, sleep=waits.append)
    assert client.request("GET", "http://127.0.0.1/", what="the list").status_code == 200
    assert flaky.calls == RECONNECT_ATTEMPTS and waits == [0.25, 0.5]

    for broken, sending, kind in (
        (requests.ReadTimeout("read timed out"), False, Unreachable),
        (requests.ReadTimeout("read timed out"), True, MaybeSent),
        (requests.ConnectionError("connection reset by peer"), True, MaybeSent),
    ):
        waits.clear()
        once = Flaky(refusals=0, then=broken)
        client = HttpClient("Uji", [TOKEN], once, sleep=waits.append)
        with pytest.raises(kind):
            client.request("POST", "http://x/", what="it", sending=sending)
        assert once.calls == 1 and waits == []  # it may have reached the server: never repeated here

    always = Flaky(refusals=99)
    with pytest.raises(Unreachable) as down:
        HttpClient("Uji", [TOKEN], always, sleep=waits.append).request("POST", "http://x/", what="it", sending=True)
    assert always.calls == RECONNECT_ATTEMPTS and not isinstance(down.value, MaybeSent)


class Teapot(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.send_response(418)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_a_secret_is_kept_out_of_errors_and_log_lines(caplog: pytest.LogCaptureFixture) -> None:
    client = HttpClient("Telegram", [TOKEN], timeout=2)
    with pytest.raises(Unreachable) as down:
        client.request("POST", f"http://127.0.0.1:{closed_port()}/bot{TOKEN}/getUpdates", what="getUpdates")
    assert "<token>" in down.value.message and down.value.__cause__ is None
    server = serve(Teapot)
    try:
        with caplog.at_level(logging.DEBUG, logger="urllib3"):
            answer = client.request("POST", f"{url_of(server)}/bot{TOKEN}/getUpdates", what="x", params={"t": TOKEN})
    finally:
        shut_down(server)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert answer.status_code == 418 and "/bot<token>/getUpdates?t=<token>" in logged
    for text in (down.value.message, logged):
        assert "rahasia" not in text
