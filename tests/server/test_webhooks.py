"""WhatsApp's webhook as a route of a real ``aduan server`` process, over real sockets, the way Meta and an
attacker would call it: a signed notification becomes a ticket once; a wrong, missing or another app's
signature, an unknown, disabled or unusable account, an oversized or undeclared body, a body trickled in
byte by byte and one request too many are all refused — and nothing of them is stored."""

from __future__ import annotations

import http.client
import json
import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from sqlalchemy import Connection, func, update
from sqlalchemy import select as sql_select

from desktop.channels.accounts import add_account
from desktop.channels.whatsapp import MAX_WEBHOOK_BYTES
from desktop.domain.errors import BadInput
from desktop.domain.vocabulary import Channel
from desktop.server.webhooks import RecentEndpoints, WebhookLimits
from desktop.store import directory
from desktop.store.schema import channel_account, intake_error, message, ticket
from desktop.store.service import Store
from tests.channels.fake_whatsapp import FakeWhatsApp, post_webhook, signed
from tests.conftest import _migrated
from tests.server.live import LiveServer, running_server

CITIZEN = "6281234567890"
NAME = "Siti Rahayu"
APP_SECRET = "rahasia-aplikasi-humas"  # the Meta app of WA Humas and WA Dinas
OTHER_APP_SECRET = "rahasia-aplikasi-lain"  # another Meta app: WA Lain
VERIFY = "token-verifikasi-humas"
HUMAS_NUMBER, DINAS_NUMBER, LAIN_NUMBER = "106540352242922", "106540352242933", "106540352242944"
# The accounts' slots as the server process reads them. WA Rusak's verify token is missing on purpose.
SECRETS = {
    "ADUAN_SECRET_WA_HUMAS": "token-akses-humas",
    "ADUAN_SECRET_WA_HUMAS__APP_SECRET": APP_SECRET,
    "ADUAN_SECRET_WA_HUMAS__VERIFY_TOKEN": VERIFY,
    "ADUAN_SECRET_WA_DINAS": "token-akses-dinas",
    "ADUAN_SECRET_WA_DINAS__APP_SECRET": APP_SECRET,
    "ADUAN_SECRET_WA_DINAS__VERIFY_TOKEN": "token-verifikasi-dinas",
    "ADUAN_SECRET_WA_LAIN": "token-akses-lain",
    "ADUAN_SECRET_WA_LAIN__APP_SECRET": OTHER_APP_SECRET,
    "ADUAN_SECRET_WA_LAIN__VERIFY_TOKEN": "token-verifikasi-lain",
    "ADUAN_SECRET_WA_LAMA": "token-akses-lama",
    "ADUAN_SECRET_WA_LAMA__APP_SECRET": APP_SECRET,
    "ADUAN_SECRET_WA_LAMA__VERIFY_TOKEN": VERIFY,
    "ADUAN_SECRET_WA_RUSAK": "token-akses-rusak",
    "ADUAN_SECRET_WA_RUSAK__APP_SECRET": APP_SECRET,
}
PATH = "/v1/webhooks/whatsapp/wa_humas"


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """A migrated SQLite database with the unit and its WhatsApp accounts (WA Lama disabled)."""
    url = _migrated(f"sqlite:///{tmp_path / 'aduan.db'}")
    store = Store(url)
    store.admin(directory.add_unit, "humas", "Biro Humas")
    for name, number in [
        ("WA Humas", HUMAS_NUMBER),
        ("WA Dinas", DINAS_NUMBER),
        ("WA Lain", LAIN_NUMBER),
        ("WA Lama", "106540352242955"),
        ("WA Rusak", "106540352242966"),
    ]:
        config = {"phone_number_id": number, "app_secret_ref": "env", "verify_token_ref": "env"}
        store.admin(add_account, Channel.WHATSAPP, name, "humas", json.dumps(config), "env")

    def disable(conn: Connection) -> None:
        conn.execute(update(channel_account).where(channel_account.c.name == "WA Lama").values(enabled=False))

    store.admin(disable)
    store.dispose()
    yield url


@pytest.fixture
def server(db_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    with running_server(db_url, tmp_path, **SECRETS) as live:
        yield live


@pytest.fixture
def fake() -> FakeWhatsApp:
    """Builds notifications the way Meta sends them (its Graph API is not needed: text has no media)."""
    return FakeWhatsApp(app_secret=APP_SECRET, phone_number_id=HUMAS_NUMBER)


def count(db_url: str, table: Any, *where: Any) -> int:
    store = Store(db_url)
    try:
        return int(
            store.read(
                lambda conn: conn.execute(sql_select(func.count()).select_from(table).where(*where)).scalar_one()
            )
        )
    finally:
        store.dispose()


def stored(db_url: str) -> tuple[int, int, int]:
    """Tickets, messages and intake errors in the central database."""
    return count(db_url, ticket), count(db_url, message), count(db_url, intake_error)


def wamid_of(notification: dict[str, Any]) -> str:
    return str(notification["entry"][0]["changes"][0]["value"]["messages"][0]["id"])


def for_number(notification: dict[str, Any], number: str) -> dict[str, Any]:
    notification["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] = number
    return notification


def open_request(server: LiveServer, path: str, headers: dict[str, str], length: int | None) -> socket.socket:
    """A POST whose head is sent and whose body the caller sends (or does not), over a raw socket."""
    address = urlsplit(server.url)
    conn = socket.create_connection((address.hostname or "127.0.0.1", address.port or 80), timeout=30)
    lines = [f"POST {path} HTTP/1.1", f"Host: {address.netloc}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines.append(f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked")
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
    return conn


def response_of(conn: socket.socket) -> tuple[int, dict[str, str], bytes]:
    answer = http.client.HTTPResponse(conn)
    answer.begin()
    return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()


def closed_by_server(conn: socket.socket) -> bool:
    try:
        return conn.recv(1) == b""
    except ConnectionResetError:
        return True


# -- intake ----------------------------------------------------------------------------------------------
def test_a_signed_notification_becomes_a_ticket_once(server: LiveServer, db_url: str, fake: FakeWhatsApp) -> None:
    notification = fake.inbound_text(CITIZEN, NAME, "Pipa PDAM bocor di Jl. Anggrek")

    first = post_webhook(server.url + PATH, APP_SECRET, notification)
    repeated = post_webhook(server.url + "/v1/webhooks/whatsapp/WA%20Humas", APP_SECRET, notification)  # by name

    assert (first.status_code, first.text) == (200, "EVENT_RECEIVED")
    assert (repeated.status_code, repeated.text) == (200, "EVENT_RECEIVED")
    assert count(db_url, ticket) == 1
    assert count(db_url, message, message.c.external_id == wamid_of(notification), message.c.channel == "whatsapp") == 1
    assert count(db_url, channel_account, channel_account.c.last_poll_at.is_not(None)) == 1  # WA Humas was heard


def test_a_number_of_the_same_app_is_stored_through_its_account_another_apps_is_kept(
    server: LiveServer, db_url: str, fake: FakeWhatsApp
) -> None:
    to_dinas = for_number(fake.inbound_text(CITIZEN, NAME, "Untuk Dinas"), DINAS_NUMBER)
    to_lain = for_number(fake.inbound_text(CITIZEN, NAME, "Untuk aplikasi lain"), LAIN_NUMBER)

    assert post_webhook(server.url + PATH, APP_SECRET, to_dinas).status_code == 200
    assert post_webhook(server.url + PATH, APP_SECRET, to_lain).status_code == 200

    store = Store(db_url)
    try:
        query = (
            sql_select(channel_account.c.name)
            .join(message, message.c.account_id == channel_account.c.id)
            .where(message.c.external_id == wamid_of(to_dinas))
        )
        assert store.read(lambda conn: conn.execute(query).scalar_one()) == "WA Dinas"
        # WA Humas's app secret proves nothing about WA Lain's number: kept for an admin, not filed as WA Lain's.
        errors = store.read(
            lambda conn: conn.execute(sql_select(intake_error.c.error, intake_error.c.external_id)).all()
        )
    finally:
        store.dispose()
    assert [(external_id, LAIN_NUMBER in error) for error, external_id in errors] == [(wamid_of(to_lain), True)]
    assert count(db_url, ticket) == 1


# -- refusals --------------------------------------------------------------------------------------------
def test_missing_wrong_tampered_and_other_apps_signatures_are_refused(
    server: LiveServer, db_url: str, fake: FakeWhatsApp
) -> None:
    body, headers = signed(APP_SECRET, fake.inbound_text(CITIZEN, NAME, "halo"))
    unsigned = {k: v for k, v in headers.items() if k != "X-Hub-Signature-256"}
    url = server.url + PATH

    answers = [
        requests.post(url, data=body, headers=unsigned, timeout=10),
        requests.post(url, data=body, headers=signed(OTHER_APP_SECRET, json.loads(body))[1], timeout=10),
        requests.post(url, data=body.replace(b"halo", b"HALO"), headers=headers, timeout=10),
        requests.post(
            url, data=body, headers=dict(headers, **{"X-Hub-Signature-256": "sha256=" + "0" * 64}), timeout=10
        ),
    ]

    assert [a.status_code for a in answers] == [401, 403, 403, 403]
    assert all(a.json()["code"] == "not_permitted" and a.json()["message"] for a in answers)
    assert stored(db_url) == (0, 0, 0)
    assert requests.post(url, data=body, headers=headers, timeout=10).status_code == 200  # rightly signed: taken


def disable(db_url: str, name: str) -> None:
    store = Store(db_url)
    try:
        store.admin(
            lambda conn: conn.execute(
                update(channel_account).where(channel_account.c.name == name).values(enabled=False)
            )
        )
    finally:
        store.dispose()


@pytest.mark.parametrize("kept_seconds, after_disabling", [("600", 200), ("0", 404)])
def test_an_accounts_endpoint_is_kept_for_the_configured_time_only(
    db_url: str, tmp_path: Path, fake: FakeWhatsApp, kept_seconds: str, after_disabling: int
) -> None:
    """Within ``ADUAN_WEBHOOK_ENDPOINT_SECONDS`` of finding an account's endpoint the server does not read the
    account again (a burst is not slowed by it); with 0 it reads it for every call, and a disabled account is
    refused at once."""
    with running_server(db_url, tmp_path, **SECRETS, ADUAN_WEBHOOK_ENDPOINT_SECONDS=kept_seconds) as server:
        first = post_webhook(server.url + PATH, APP_SECRET, fake.inbound_text(CITIZEN, NAME, "Jalan berlubang"))
        disable(db_url, "WA Humas")
        then = post_webhook(server.url + PATH, APP_SECRET, fake.inbound_text("6281234567891", "Budi", "Banjir"))
    assert first.status_code == 200 and then.status_code == after_disabling
    assert count(db_url, ticket) == (2 if after_disabling == 200 else 1)


def test_recent_endpoints_are_kept_for_their_seconds_and_refusals_not_at_all() -> None:
    now = [100.0]
    recent = RecentEndpoints(5.0, clock=lambda: now[0])
    assert recent.get(("whatsapp", "wa_humas")) is None
    recent.keep(("whatsapp", "wa_humas"), "endpoint")
    now[0] += 4.9
    assert recent.get(("whatsapp", "wa_humas")) == "endpoint" and recent.get(("whatsapp", "wa_dinas")) is None
    now[0] += 0.1
    assert recent.get(("whatsapp", "wa_humas")) is None  # found again: a change to the account is seen


def test_unknown_disabled_and_unusable_accounts_get_the_same_404(
    server: LiveServer, db_url: str, fake: FakeWhatsApp
) -> None:
    notification = fake.inbound_text(CITIZEN, NAME, "halo")
    verification = {"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "1158201444"}
    refused = []
    for account in ("wa_tidak_ada", "wa_lama", "wa_rusak", "wa_humas_", "wa-humas", "wa", "%00"):
        url = f"{server.url}/v1/webhooks/whatsapp/{account}"
        refused.append(post_webhook(url, APP_SECRET, notification))
        refused.append(requests.get(url, params=verification, timeout=10))

    assert {(a.status_code, a.text) for a in refused} == {(404, '{"code":"not_found","message":"no such webhook"}')}
    assert stored(db_url) == (0, 0, 0)
    # Refused before its body was read, a POST's connection is closed: it cannot trickle on past the limits.
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": "sha256=" + "0" * 64}
    with open_request(server, "/v1/webhooks/whatsapp/wa_lama", headers, 1000) as conn:
        status, answer_headers, _ = response_of(conn)
        assert (status, answer_headers["connection"]) == (404, "close") and closed_by_server(conn)
    # The admin, unlike the caller, learns why WA Rusak cannot be used.
    store = Store(db_url)
    try:
        query = sql_select(channel_account.c.last_error).where(channel_account.c.name == "WA Rusak")
        assert "ADUAN_SECRET_WA_RUSAK__VERIFY_TOKEN" in (
            store.read(lambda conn: conn.execute(query).scalar_one()) or ""
        )
    finally:
        store.dispose()


def test_the_verification_handshake_echoes_the_challenge_only_for_the_right_token(server: LiveServer) -> None:
    def verify(mode: str, token: str, challenge: str = "1158201444") -> requests.Response:
        params = {"hub.mode": mode, "hub.verify_token": token, "hub.challenge": challenge}
        return requests.get(server.url + PATH, params=params, timeout=10)

    good = verify("subscribe", VERIFY)
    refused = [
        verify("subscribe", "tebakan"),
        verify("subscribe", "token-verifikasi-dinas"),  # another account's token
        verify("unsubscribe", VERIFY),
        verify("subscribe", VERIFY, challenge=""),
        requests.get(server.url + PATH, timeout=10),
    ]

    assert (good.status_code, good.text) == (200, "1158201444")
    assert good.headers["content-type"].startswith("text/plain")
    assert [r.status_code for r in refused] == [403] * 5
    assert all(r.json()["code"] == "not_permitted" and "1158201444" not in r.text for r in refused)


def test_an_oversized_or_undeclared_body_is_refused_unread(server: LiveServer, db_url: str, fake: FakeWhatsApp) -> None:
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": "sha256=" + "0" * 64}
    # Over the cap: refused on its declared length, before a byte of the body is sent (or waited for).
    with open_request(server, PATH, headers, MAX_WEBHOOK_BYTES + 1) as conn:
        status, answer_headers, body = response_of(conn)
        assert (status, json.loads(body)["code"]) == (413, "bad_input")
        assert answer_headers["connection"] == "close" and closed_by_server(conn)
    # Without Content-Length (chunked): 411.
    with open_request(server, PATH, headers, None) as conn:
        conn.sendall(b"0\r\n\r\n")
        status, _, body = response_of(conn)
        assert (status, json.loads(body)["code"]) == (411, "bad_input")
    assert stored(db_url) == (0, 0, 0)
    # The cap is WhatsApp's own: a big notification within it is taken (the global cap is far larger).
    big = fake.inbound_text(CITIZEN, NAME, "Lampiran panjang: " + "x" * (MAX_WEBHOOK_BYTES // 2))
    assert post_webhook(server.url + PATH, APP_SECRET, big, timeout=60).status_code == 200


# -- a deadline for the body, a limit on requests at once ------------------------------------------------
def test_a_client_trickling_its_body_is_cut_off_at_the_deadline(
    db_url: str, tmp_path: Path, fake: FakeWhatsApp
) -> None:
    body, headers = signed(APP_SECRET, fake.inbound_text(CITIZEN, NAME, "Pelan-pelan " * 40))
    with running_server(db_url, tmp_path, **SECRETS, ADUAN_WEBHOOK_DEADLINE="1") as server:
        with open_request(server, PATH, headers, len(body)) as conn:
            sent = 0
            try:
                # A few bytes every 50 ms: the whole body would take longer than 10 s, always "still coming".
                while sent < len(body) and not select.select([conn], [], [], 0.05)[0]:
                    conn.sendall(body[sent : sent + 2])
                    sent += 2
            except (BrokenPipeError, ConnectionResetError):
                pass  # cut off while sending
            status, answer_headers, answer = response_of(conn)
        healthy = requests.get(server.url + "/v1/health", timeout=10)

    assert sent < len(body), "the server waited for the whole trickled body"
    assert (status, json.loads(answer)["code"], answer_headers["connection"]) == (408, "bad_input", "close")
    assert healthy.ok
    assert stored(db_url) == (0, 0, 0)


def test_beyond_the_concurrency_limit_requests_are_turned_away_with_503(
    db_url: str, tmp_path: Path, fake: FakeWhatsApp
) -> None:
    held = fake.inbound_text(CITIZEN, NAME, "Yang pertama")
    body, headers = signed(APP_SECRET, held)
    limits = {"ADUAN_WEBHOOK_CONCURRENCY": "1", "ADUAN_WEBHOOK_DEADLINE": "120"}
    with running_server(db_url, tmp_path, **SECRETS, **limits) as server:
        url = server.url + PATH
        with open_request(server, PATH, headers, len(body)) as holder:
            holder.sendall(body[:10])  # inside, its body still coming
            turned_away = wait_until_turned_away(url)
            second = post_webhook(url, APP_SECRET, fake.inbound_text(CITIZEN, NAME, "Yang kedua"))
            verification = requests.get(url, params={"hub.mode": "subscribe", "hub.verify_token": VERIFY}, timeout=10)
            assert count(db_url, ticket) == 0
            holder.sendall(body[10:])  # the held request completes: its slot is free again
            status, _, answer = response_of(holder)
        assert (status, answer) == (200, b"EVENT_RECEIVED")
        retried = post_webhook(url, APP_SECRET, fake.inbound_text(CITIZEN, NAME, "Yang kedua, lagi"))

        # A client that leaves mid-body frees its slot too.
        with open_request(server, PATH, headers, len(body)) as leaver:
            leaver.sendall(body[:10])
            wait_until_turned_away(url)
        after_leaving = wait_until_let_in(url)

    assert turned_away.headers["Retry-After"] == "5" and turned_away.headers["Connection"] == "close"
    assert turned_away.json() == {
        "code": "unreachable",
        "message": "too many webhook requests at once; try again shortly",
        "retry_after": 5,
    }
    assert (second.status_code, verification.status_code) == (503, 503)
    assert retried.status_code == 200 and after_leaving.status_code == 401
    assert count(db_url, ticket) == 1 and count(db_url, message, message.c.direction == "inbound") == 2


def wait_until_turned_away(url: str) -> requests.Response:
    """Unsigned posts (401 when let in) until one is turned away: the held request has entered by then."""
    deadline = time.monotonic() + 30
    while True:
        answer = requests.post(url, data=b"{}", headers={"Content-Type": "application/json"}, timeout=10)
        if answer.status_code == 503:
            return answer
        assert answer.status_code == 401, answer.text
        assert time.monotonic() < deadline, "never turned away: no concurrency limit"
        time.sleep(0.05)


def wait_until_let_in(url: str) -> requests.Response:
    deadline = time.monotonic() + 30
    while True:
        answer = requests.post(url, data=b"{}", headers={"Content-Type": "application/json"}, timeout=10)
        if answer.status_code != 503:
            return answer
        assert time.monotonic() < deadline, "the slot of a client that left was never freed"
        time.sleep(0.05)


def test_the_limits_come_from_the_environment_and_nonsense_is_refused() -> None:
    assert WebhookLimits.from_environ({}) == WebhookLimits(16, 20.0, 5.0)
    assert WebhookLimits.from_environ({"ADUAN_WEBHOOK_CONCURRENCY": "3", "ADUAN_WEBHOOK_DEADLINE": "2.5"}) == (
        WebhookLimits(3, 2.5, 5.0)
    )
    assert WebhookLimits.from_environ({"ADUAN_WEBHOOK_ENDPOINT_SECONDS": "0"}) == WebhookLimits(16, 20.0, 0.0)
    for environ in (
        {"ADUAN_WEBHOOK_CONCURRENCY": "banyak"},
        {"ADUAN_WEBHOOK_CONCURRENCY": "0"},
        {"ADUAN_WEBHOOK_DEADLINE": "-1"},
        {"ADUAN_WEBHOOK_DEADLINE": "nan"},
        {"ADUAN_WEBHOOK_ENDPOINT_SECONDS": "-1"},
        {"ADUAN_WEBHOOK_ENDPOINT_SECONDS": "sebentar"},
        {"ADUAN_WEBHOOK_ENDPOINT_SECONDS": "nan"},
    ):
        with pytest.raises(BadInput, match="ADUAN_WEBHOOK"):
            WebhookLimits.from_environ(environ)
