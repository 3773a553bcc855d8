"""The public web form on a real ``aduan server`` process behind a (pretend) reverse proxy, called the way a
citizen's browser and a bot would: a report filed once, its number and private status link; escaping; the
anonymous and confidential choices; bad input shown again with nothing lost; the honeypot, a too-fast form
and a forged token refused; and floods of 1,000 submissions that never store more than the limits allow."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

import pytest
import requests
from sqlalchemy import func, insert, select

from desktop.channels.accounts import add_account
from desktop.channels.probe import probe_and_record
from desktop.channels.worker import run_round
from desktop.domain.vocabulary import Channel, Role
from desktop.server.web_form import issue_token
from desktop.store import directory, outbox
from desktop.store.identity import load_actor
from desktop.store.schema import (
    channel_account,
    message,
    note,
    officer,
    reporter,
    reporter_contact,
    ticket,
    unit,
    web_report,
)
from desktop.store.service import Store
from desktop.store.web_form import form_key
from desktop.store.work import begin
from tests.conftest import _migrated
from tests.server.live import ROOT, free_port

NUMBER = re.compile(r'id="tracking-number">(ADU-\d{4}-\d{6})<')
LINK = re.compile(r'id="status-link" href="([^"]+)"')
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Served:
    url: str
    db_url: str
    process: subprocess.Popen[bytes]

    def store(self) -> Store:
        return Store(self.db_url)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Units with a web form each: humas (the default hourly limit, 30), dinas (20 an hour) and kota; a unit
    without one (arsip). The server trusts 127.0.0.1 as its proxy, so X-Forwarded-For names the citizen."""
    folder = tmp_path_factory.mktemp("webform")
    url = _migrated(f"sqlite:///{folder / 'aduan.db'}")
    store = Store(url)
    for code, name in [("humas", "Biro Humas"), ("dinas", "Dinas <Perhubungan>"), ("kota", "Kota"), ("arsip", "Arsip")]:
        store.admin(directory.add_unit, code, name)
    store.admin(add_account, Channel.WEB, "Web Humas", "humas", "{}", None)
    store.admin(add_account, Channel.WEB, "Web Dinas", "dinas", json.dumps({"hourly_limit": 20}), None)
    store.admin(add_account, Channel.WEB, "Web Kota", "kota", "{}", None)
    store.admin(directory.add_officer, "ani", "Ani", ["humas"], Role.OFFICER)
    store.dispose()
    port = free_port()
    log = folder / "server.log"
    command = [sys.executable, "-m", "desktop.cli", "--db", url, "server", "--listen", f"127.0.0.1:{port}"]
    command += ["--behind-proxy", "--trusted-proxies", "127.0.0.1"]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, env=dict(os.environ))
    server = Served(f"http://127.0.0.1:{port}", url, process)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if requests.get(f"{server.url}/v1/health", timeout=1).ok:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        process.wait(10)


def key_of(served: Served) -> str:
    store = served.store()
    try:
        return store.admin(form_key)
    finally:
        store.dispose()


def aged_token(served: Served, seconds: int = 10, **fields: str) -> str:
    """A token as the form hands it out, made ``seconds`` ago (a citizen took that long to fill it in)."""
    return issue_token(key_of(served), int(time.time()) - seconds, **fields)


def fields(token: str, **values: Any) -> dict[str, Any]:
    base = {"token": token, "unit": "humas", "kind": "pengaduan", "subject": "Jalan rusak", "name": "Siti Rahayu"}
    base |= {"text": "Jalan di depan pasar berlubang.", "contact": "siti@example.id", "website": ""}
    return base | values


def post(
    served: Served,
    data: dict[str, Any],
    address: str = "203.0.113.1",
    files: list[tuple[str, tuple[str, bytes, str]]] | None = None,
    session: requests.Session | None = None,
) -> requests.Response:
    """As a browser sends the form: multipart, an empty file part when nothing is attached."""
    parts = files or [("files", ("", b"", "application/octet-stream"))]
    sender = session or requests
    headers = {"X-Forwarded-For": address}
    return sender.post(f"{served.url}/lapor", data=data, files=parts, headers=headers, timeout=60)


def count(served: Served, table: Any, *where: Any) -> int:
    store = served.store()
    try:
        return int(store.read(lambda c: c.execute(select(func.count()).select_from(table).where(*where)).scalar_one()))
    finally:
        store.dispose()


def test_a_report_is_filed_once_and_its_status_link_shows_only_the_public_answer(served: Served) -> None:
    page = requests.get(f"{served.url}/lapor", timeout=30)
    assert page.status_code == 200 and 'name="viewport"' in page.text and "Sampaikan laporan" in page.text
    assert "Dinas &lt;Perhubungan&gt;" in page.text and "<Perhubungan>" not in page.text  # escaped
    assert "Arsip" not in page.text  # no web form for that unit
    english = requests.get(f"{served.url}/lapor", headers={"Accept-Language": "en-GB,en;q=0.9,id;q=0.5"}, timeout=30)
    assert "Send a report" in english.text
    assert "Sampaikan laporan" in requests.get(f"{served.url}/lapor", headers={"Accept-Language": "id,en;q=0.8"}).text

    token = aged_token(served)
    hostile = '<script>alert("x")</script>'
    data = fields(token, subject=f"Lampu {hostile}", unit="humas")
    sent = post(served, data, files=[("files", ("surat.pdf", PDF, "application/pdf"))])
    assert sent.status_code == 200, sent.text
    number, link = NUMBER.search(sent.text), LINK.search(sent.text)
    assert number and link and link[1].startswith(f"{served.url}/lapor/status/")
    assert hostile not in sent.text
    again = post(served, data, files=[("files", ("surat.pdf", PDF, "application/pdf"))])
    assert again.status_code == 200 and NUMBER.search(again.text)[1] == number[1]  # type: ignore[index]
    assert LINK.search(again.text)[1] == link[1]  # type: ignore[index]
    assert count(served, ticket, ticket.c.tracking_no == number[1]) == 1
    assert count(served, message, message.c.channel == "web") == 1
    # Another form naming that number in its subject is a report of its own, never added to that one.
    other = post(served, fields(aged_token(served), subject=f"Re: {number[1]}", contact="x@example.id"), "203.0.113.9")
    assert NUMBER.search(other.text) and NUMBER.search(other.text)[1] != number[1]  # type: ignore[index]
    assert count(served, message, message.c.channel == "web") == 2

    store = served.store()
    try:

        def answer(conn: Any) -> None:
            ticket_id = conn.execute(select(ticket.c.id).where(ticket.c.tracking_no == number[1])).scalar_one()
            ani = conn.execute(select(officer.c.id).where(officer.c.login == "ani")).scalar_one()
            as_ani = begin(conn, load_actor(conn, "ani"))
            outbox.queue(as_ani, ticket_id, Channel.WEB, "Sudah kami teruskan <b>ke dinas</b>.")
            # An automatic message after it (no author) is no answer of the unit: the page keeps the officer's.
            outbox.queue(begin(conn, None), ticket_id, Channel.WEB, "PESAN OTOMATIS: status laporan Anda")
            secret_note = "CATATAN INTERNAL: pelapor kenal kepala dinas"
            when = conn.execute(select(ticket.c.created_at).where(ticket.c.id == ticket_id)).scalar_one()
            row = {"id": uuid4(), "ticket_id": ticket_id, "author_id": ani, "body": secret_note, "created_at": when}
            conn.execute(insert(note).values(**row, change_seq=0))

        store.admin(answer)
    finally:
        store.dispose()
    status = requests.get(link[1], timeout=30)
    assert status.status_code == 200 and number[1] in status.text and ">Diterima<" in status.text
    assert "Sudah kami teruskan &lt;b&gt;ke dinas&lt;/b&gt;." in status.text
    assert "CATATAN INTERNAL" not in status.text and "siti@example.id" not in status.text
    assert "PESAN OTOMATIS" not in status.text
    assert ">Received<" in requests.get(link[1] + "?lang=en", timeout=30).text

    unknown = requests.get(f"{served.url}/lapor/status/" + "A" * 43, timeout=30)
    malformed = requests.get(f"{served.url}/lapor/status/not-a-secret", timeout=30)
    assert unknown.status_code == malformed.status_code == 404 and unknown.text == malformed.text


def test_anonymous_stores_no_contact_and_confidential_is_kept(served: Served) -> None:
    data = fields(aged_token(served), subject="Pungli loket", anonymous="1", confidential="1")
    sent = post(served, data, address="203.0.113.2")
    assert sent.status_code == 200, sent.text
    number = NUMBER.search(sent.text)
    assert number
    store = served.store()
    try:
        row = store.read(
            lambda c: c.execute(
                select(reporter.c.id, reporter.c.name, reporter.c.anonymous, reporter.c.confidential)
                .join(ticket, ticket.c.reporter_id == reporter.c.id)
                .where(ticket.c.tracking_no == number[1])
            ).one()
        )
    finally:
        store.dispose()
    assert row.name is None and row.anonymous and row.confidential
    assert count(served, reporter_contact, reporter_contact.c.reporter_id == row.id) == 0


def test_bad_input_is_shown_again_with_what_was_typed(served: Served) -> None:
    before = count(served, ticket)
    token = aged_token(served)
    typed = fields(token, subject="", contact="bukan kontak", text='Teks saya "penting" & <panjang>')
    sent = post(served, typed, address="203.0.113.3")
    assert sent.status_code == 400
    assert "Wajib diisi." in sent.text and "Tulis alamat e-mail" in sent.text
    assert "Teks saya &quot;penting&quot; &amp; &lt;panjang&gt;" in sent.text
    assert 'value="bukan kontak"' in sent.text and f'value="{token}"' in sent.text
    big = b"%PDF-1.4\n" + b"0" * (15 * 1024 * 1024 + 1)
    large = post(served, fields(token), address="203.0.113.3", files=[("files", ("besar.pdf", big, "application/pdf"))])
    assert large.status_code == 400 and "besar.pdf berukuran 15.0 MiB" in large.text
    assert 'value="Jalan rusak"' in large.text and "Jalan di depan pasar berlubang." in large.text
    renamed = post(served, fields(token), address="203.0.113.3", files=[("files", ("x.pdf", b"MZ\x90", "a/b"))])
    assert renamed.status_code == 400 and "x.pdf: isi berkas tidak sesuai" in renamed.text
    assert count(served, ticket) == before


def test_honeypot_too_fast_and_forged_tokens_are_refused(served: Served) -> None:
    before = count(served, ticket)
    honeypot = post(served, fields(aged_token(served), website="http://spam.example"), address="203.0.113.4")
    assert honeypot.status_code == 400 and "Formulir tidak dapat diterima" in honeypot.text
    fast = post(served, fields(aged_token(served, seconds=1)), address="203.0.113.4")
    assert fast.status_code == 400 and "terlalu cepat" in fast.text
    old = post(served, fields(aged_token(served, seconds=25 * 3600)), address="203.0.113.4")
    assert old.status_code == 400 and "kedaluwarsa" in old.text
    forged = issue_token("0" * 64, int(time.time()) - 10)
    assert post(served, fields(forged), address="203.0.113.4").status_code == 400
    assert count(served, ticket) == before


def flood(served: Served, make: Any, n: int = 1000) -> list[int]:
    """``n`` submissions, each with a fresh token (the bot fetched the form ``n`` times), 8 at once."""
    key = key_of(served)
    tokens = [issue_token(key, int(time.time()) - 10) for _ in range(n)]

    def one(i: int) -> int:
        data, address = make(i, tokens[i])
        return post(served, data, address=address).status_code

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, range(n)))


def test_floods_never_store_more_than_the_limits(served: Served) -> None:
    def web_reports(unit_code: str) -> int:
        return count(
            served,
            web_report,
            web_report.c.unit_id == select(unit.c.id).where(unit.c.code == unit_code).scalar_subquery(),
        )

    # One address: 5 reports an hour (and 30 attempts per 10 minutes), whatever it sends.
    one_address = flood(served, lambda i, t: (fields(t, contact=f"08123{i:06d}", unit="humas"), "198.51.100.7"))
    assert one_address.count(200) == 5 and one_address.count(429) == 995
    humas = web_reports("humas")
    # Rotating addresses, anonymous: the unit's own limit, 20 an hour.
    rotating = flood(served, lambda i, t: (fields(t, unit="dinas", anonymous="1"), f"10.{i // 250}.{i % 250}.1"))
    assert rotating.count(200) == 20 and rotating.count(429) == 980
    assert web_reports("dinas") == 20
    # Rotating addresses, one contact: 3 reports an hour for that contact.
    one_contact = flood(
        served, lambda i, t: (fields(t, unit="kota", contact="+62 812-9999-0000"), f"10.9.{i % 250}.{i // 250 + 2}")
    )
    assert one_contact.count(200) == 3
    assert web_reports("kota") == 3 and web_reports("humas") == humas


def test_the_worker_leaves_web_form_accounts_alone(served: Served) -> None:
    def never(account: Any, secret: Any) -> Any:
        raise AssertionError(f"the worker tried to poll {account.name}")

    store = served.store()
    try:
        report = run_round(store, never)
    finally:
        store.dispose()
    assert report.errors == {} and report.received == {}


def test_a_web_accounts_connection_test_passes_with_nothing_to_connect_to(served: Served) -> None:
    store = served.store()
    try:
        account = store.read(
            lambda c: c.execute(select(channel_account.c.id).where(channel_account.c.name == "Web Dinas")).scalar_one()
        )
        result = probe_and_record(store, account)
        error = store.read(
            lambda c: c.execute(select(channel_account.c.last_error).where(channel_account.c.id == account)).scalar()
        )
    finally:
        store.dispose()
    assert result.ok and result.message.endswith("/lapor, taking at most 20 reports an hour") and error is None
