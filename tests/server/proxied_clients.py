"""Clients that sync with ``HttpCentral`` through a TCP proxy of their own (tests/sync/proxy.py) in front of one
``aduan server``, so that a test can take a client's link down, cut it, or drop the server's answer to a push."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.cache.database import Cache
from desktop.desk.operations import Desk
from desktop.store.service import Store
from desktop.sync.engine import SyncEngine
from desktop.sync.http_central import HttpCentral
from tests.sync.helpers import Client
from tests.sync.proxy import Proxy

PUSH_REQUEST = b"POST /v1/ops"


@dataclass
class Link:
    """A client's way to the server: its own proxy, and the session token it signed in with."""

    proxy: Proxy
    token: str

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.proxy.port}"

    def down(self) -> None:
        self.proxy.refuse()
        self.proxy.cut()

    def up(self) -> None:
        self.proxy.accept()


def through_server(url: str, login: str, folder: Path, link: Link) -> Client:
    """``login``'s client syncing through ``link``; its store is only for the tests' direct checks."""
    cache = Cache(folder / f"{login}.cache.db")
    store = Store(url, officer=login, device=f"{login}-pc")
    return Client(login, store, cache, Desk(cache), SyncEngine(cache, HttpCentral(link.address, link.token)))
