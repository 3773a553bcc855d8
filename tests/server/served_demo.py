"""The demo organisation behind a real ``aduan server`` that the crash tests can kill and start again on the same
port, with a TCP proxy (tests/sync/proxy.py) between the clients and the server."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from desktop.cache.database import Cache
from desktop.desk.operations import Desk
from desktop.store.service import Store
from desktop.sync.engine import SyncEngine
from desktop.sync.http_central import HttpCentral
from tests.server.live import ROOT, LiveServer, free_port, give_passwords
from tests.sync.crash_world import START_TIMEOUT_SECONDS, Demo, fill_demo
from tests.sync.helpers import Client
from tests.sync.proxy import Proxy


class Server:
    """``aduan server`` on a fixed port of 127.0.0.1: ``kill()`` is SIGKILL, ``start()`` the same port again."""

    def __init__(self, db_url: str, folder: Path, *args: str) -> None:
        """``args``: more of ``aduan server``'s options (``--behind-proxy`` …)."""
        self.db_url = db_url
        self.args = args
        self.folder = folder
        self.port = free_port()
        self.starts = 0
        self.live: LiveServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LiveServer:
        assert self.live is None or self.live.process.poll() is not None, "the server is still running"
        self.starts += 1
        log = self.folder / f"server-{self.port}-{self.starts}.log"
        listen = f"127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "desktop.cli", "--db", self.db_url, "server", "--listen", listen, *self.args]
        with log.open("wb") as sink:
            process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
        self.live = LiveServer(self.url, process, log)
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"aduan server exited with {process.returncode}:\n{self.live.output()}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/v1/health", timeout=1).ok:
                    return self.live
            if time.monotonic() > deadline:
                pytest.fail(f"aduan server did not start:\n{self.live.output()}")
            time.sleep(0.05)

    def kill(self) -> int:
        assert self.live is not None
        process = self.live.process
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        return process.wait(timeout=30)

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()


@dataclass
class Served:
    """The demo organisation behind a real server, and the proxy the clients reach it through."""

    demo: Demo
    server: Server
    proxy: Proxy
    folder: Path

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.proxy.port}"

    def sign_in(self, login: str, device: str) -> str:
        assert self.server.live is not None
        return self.server.live.sign_in(login, device=device)

    def client(self, login: str, path: Path, token: str | None = None) -> Client:
        """``login``'s client on the cache at ``path``, syncing through the proxy (its store only checks)."""
        store = Store(self.demo.url, officer=login, device=f"{login}-checks")
        cache = Cache(path)
        central = HttpCentral(self.address, token or self.sign_in(login, f"{login}-pc"))
        return Client(login, store, cache, Desk(cache), SyncEngine(cache, central))


def close(c: Client) -> None:
    c.engine.central.close()
    c.close()


@contextlib.contextmanager
def demo_behind_server(url: str, folder: Path, tickets: int) -> Iterator[Served]:
    d = fill_demo(url, tickets)
    owner = Store(url)
    try:
        give_passwords(owner, d.admin, d.officer)
    finally:
        owner.dispose()
    server = Server(url, folder)
    server.start()
    proxy = Proxy("127.0.0.1", server.port)
    try:
        yield Served(d, server, proxy, folder)
    finally:
        proxy.close()
        server.stop()
