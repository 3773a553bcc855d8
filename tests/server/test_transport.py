"""How answers travel between ``aduan server`` and a desktop: an idle officer's rounds reuse one connection (a
pull read to its end gives its connection back; closed early, every round would pay a new connection — over
HTTPS a TLS handshake — on the server and the client alike), and a pull is compressed for a client that
accepts it, which the client reads as the same pull."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import requests

from desktop.cache.database import Cache
from desktop.store.service import Store
from desktop.sync.engine import SyncEngine
from tests.server.live import call, give_passwords, running_server
from tests.store.helpers import build_org, new_ticket

# The server's access log line: "… aduan.access: GET /v1/changes 200 3.1 ms officer=ani client=127.0.0.1:40312".
ACCESS = re.compile(r"aduan\.access: (GET|POST) (/v1/[a-z/-]+) .* client=(\d+\.\d+\.\d+\.\d+):(\d+)")


def test_idle_rounds_reuse_one_connection(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    Store(url).upgrade()
    org = build_org(url)
    give_passwords(org.admin, "ani")
    new_ticket(org.ani)
    try:
        with running_server(url, tmp_path) as server:
            central = server.central("ani")
            engine = SyncEngine(Cache(str(tmp_path / "ani.cache.db")), central)
            try:
                engine.sync()  # the snapshot
                before = len(server.log.read_text().splitlines())
                for _ in range(3):
                    engine.sync()
            finally:
                engine.cache.dispose()
                central.close()
            requests = [ACCESS.search(line) for line in server.log.read_text().splitlines()[before:]]
    finally:
        org.close()
    seen = [(m[4], m[2]) for m in requests if m is not None]
    assert [path for _, path in seen] == ["/v1/hello", "/v1/changes"] * 3
    assert len({port for port, _ in seen}) == 1, seen


def test_a_pull_is_compressed_for_a_client_that_accepts_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    Store(url).upgrade()
    org = build_org(url)
    give_passwords(org.admin, "ani")
    for n in range(40):
        new_ticket(org.ani, subject=f"Lampu jalan mati di gang {n}")
    try:
        with running_server(url, tmp_path) as server:
            token = server.sign_in("ani")
            plain = call(server, "GET", "/v1/changes", token, headers={"Accept-Encoding": "identity"})
            packed = requests.get(
                server.url + "/v1/changes",
                headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"},
                stream=True,
                timeout=30,
            )
            wire = packed.raw.read(decode_content=False)
            central = server.central("ani")
            engine = SyncEngine(Cache(str(tmp_path / "ani.cache.db")), central)
            try:
                report = engine.sync()  # through the client as it is: it asks for gzip and reads it
            finally:
                engine.cache.dispose()
                central.close()
    finally:
        org.close()
    assert "content-encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip" and len(wire) * 3 < len(plain.content)
    same = [line for line in gzip.decompress(wire).splitlines() if b'"end"' in line]
    assert same == [line for line in plain.content.splitlines() if b'"end"' in line]  # the same checksum
    assert report.pull.rows["ticket"] == 40
