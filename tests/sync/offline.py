"""Going offline for real: a Store for the same kind of database that cannot be reached — a TCP port on
127.0.0.1 where nothing listens (PostgreSQL, MariaDB), or a file in a folder that does not exist (SQLite)."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from desktop.domain.errors import Unreachable
from desktop.store.service import Store
from tests.sync.helpers import Client


def free_port() -> int:
    """A port on 127.0.0.1 where nothing listens: connecting to it is refused by the kernel."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def unreachable_store(url: str, folder: Path) -> Store:
    """A Store for the same kind of database that cannot be reached."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        gone = folder / "unplugged-drive"
        store = Store(f"sqlite:///{gone / 'central.db'}")
        # Whether or not the engine made the folder, it must not exist: SQLite cannot open a file in it.
        shutil.rmtree(gone, ignore_errors=True)
        return store
    return Store(parsed.set(host="127.0.0.1", port=free_port()).render_as_string(hide_password=False))


def _unreachable_store_of(url: str, login: str, folder: Path) -> Store:
    """A store for the same officer whose server cannot be reached: nothing listens on port 1, and an
    SQLite file in a folder that does not exist cannot be opened."""
    if url.startswith("sqlite"):
        return Store(f"sqlite:///{folder / 'missing-folder' / 'central.db'}", officer=login)
    scheme = url.split("://", 1)[0]
    return Store(f"{scheme}://nobody@127.0.0.1:1/aduan", officer=login)


def go_offline(c: Client, folder: Path) -> Store:
    """The client's engine loses its server (its first sync then fails); returns the store to come back to."""
    online = c.engine.store
    c.engine.store = _unreachable_store_of(online.url, c.login, folder)
    with pytest.raises(Unreachable):
        c.sync()
    return online
