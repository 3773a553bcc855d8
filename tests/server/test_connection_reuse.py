"""An idle officer's rounds through ``aduan server`` reuse one connection: a pull read to its end gives its
connection back (closed early, every round would pay a new connection — over HTTPS a TLS handshake — on the
server and the client alike)."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.store.service import Store
from desktop.sync.cache import Cache
from desktop.sync.engine import SyncEngine
from tests.server.live import give_passwords, running_server
from tests.store.helpers import build_org, new_ticket

ACCESS = re.compile(r'(\d+\.\d+\.\d+\.\d+):(\d+) - "(GET|POST) (/v1/[a-z/-]+)')


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
    seen = [(m[2], m[4]) for m in requests if m is not None]
    assert [path for _, path in seen] == ["/v1/hello", "/v1/changes"] * 3
    assert len({port for port, _ in seen}) == 1, seen
