"""One signed-in officer's working set: the central store (reached only by sync), the local cache, the desk.

The desktop window and the tests open a session the same way. Nothing here imports Qt.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select

from ..cache import schema as s
from ..cache.database import Cache, default_cache_path
from ..cache.protection import encryption_for, open_cache
from ..cache.state import get_state
from ..demo.workspace import open_workspace
from ..desk.operations import Desk
from ..domain.errors import BadInput, NotSignedIn
from ..security.cache_keys import CacheKeys
from ..security.credentials import KeyringCredentials
from ..settings import Settings, is_aduan_server
from ..store.service import Store
from .central import Central, central_identity
from .engine import SyncEngine

if TYPE_CHECKING:
    from ..server.commands import Command
    from .http_central import HttpCentral

T = TypeVar("T")
log = logging.getLogger(__name__)


class Session:
    """``store`` is the database of a direct session (the embedded workspace, the owner); through the Aduan
    server it is None, and ``central`` is the signed-in link (views that need the database say so)."""

    def __init__(
        self, store: Store | None, cache: Cache, login: str, demo: bool, central: Central | None = None
    ) -> None:
        self.store = store
        self.cache = cache
        self.login = login
        self.demo = demo
        self.desk = Desk(cache)
        link = central if central is not None else store
        assert link is not None, "a session needs the database or a signed-in link to the server"
        self.engine = SyncEngine(cache, link)

    @property
    def has_mirror(self) -> bool:
        """Whether this cache has ever been filled: then the officer can work offline."""
        with self.cache.read() as conn:
            return get_state(conn, "cursor") is not None

    def officer_name(self) -> str:
        with self.cache.read() as conn:
            name = conn.execute(select(s.officer.c.name).where(s.officer.c.login == self.login)).scalar()
        return str(name or self.login)

    @property
    def server(self) -> HttpCentral | None:
        """The signed-in link to the Aduan server, where the officer's password is; None on the database."""
        if self.store is not None:  # on the database: no need to load the HTTP client (the window asks at start)
            return None
        from .http_central import HttpCentral

        central = self.engine.central
        return central if isinstance(central, HttpCentral) else None

    def command(self, cmd: Command[Any, T], request: Any) -> T:
        """Run one of the commands beside sync (``server/commands.py``) as this officer: through the server,
        or on the database directly, authorized the same way. It reaches the network: call it off the GUI
        thread."""
        from ..server.commands import run_direct

        if self.server is not None:
            return self.server.command(cmd, request)
        assert self.store is not None
        return run_direct(cmd, self.store, self.store.actor(), request)

    def close(self) -> None:
        if self.store is not None:
            self.store.dispose()
        self.engine.central.close()
        self.cache.dispose()


def open_session(
    url: str | None,
    login: str | None,
    secret: str | None = None,
    cache_path: Path | None = None,
    cache_keys: CacheKeys | None = None,
) -> Session:
    """Open a session without touching the network (except the embedded database, which is local).

    ``url`` None opens the embedded demo workspace (filled with demo data on first use). For an Aduan
    server (``https://…``) ``secret`` is the session token signed in with; a database URL carries its own.
    The cache is encrypted as ``protection.encryption_for`` says, its key kept in ``cache_keys`` (default:
    the system keyring); what the officer should know about it is in ``session.cache.notices``.
    """
    if url is not None and is_aduan_server(url):
        return _server_session(url, login, secret, cache_path, cache_keys)
    if url is None:
        workspace = open_workspace(None, login)
        store = workspace.store
        demo = workspace.demo
        login = store.requested_officer
    else:
        if not login:
            raise BadInput("an officer login is required to sign in")
        store = Store(url, officer=login)  # the owner's database URL, with its own credentials
        demo = False
    assert login is not None
    try:
        cache = _workspace_cache(
            cache_path or default_cache_path(central_identity(store.url), login), cache_keys, False
        )
    except BaseException:
        store.dispose()
        raise
    try:
        return Session(store, cache, login, demo)
    except BaseException:
        cache.dispose()
        store.dispose()
        raise


def _workspace_cache(path: Path, keys: CacheKeys | None, through_server: bool) -> Cache:
    """The cache of a session, encrypted as the setting (or the unit policy) and the kind of work say."""
    encryption = encryption_for(Settings().get("cache_encryption"), through_server)
    cache = open_cache(path, keys or CacheKeys(KeyringCredentials()), encryption)
    for notice in cache.notices:
        log.warning("%s", notice)
    return cache


def _server_session(
    address: str, login: str | None, token: str | None, cache_path: Path | None, cache_keys: CacheKeys | None
) -> Session:
    from .http_central import HttpCentral, trusted_certificates

    if not login:
        raise BadInput("an officer login is required to sign in")
    if not token:
        raise NotSignedIn(f"not signed in to {address} as {login}")
    central = HttpCentral(address, token, trusted_certificates())
    try:
        cache = _workspace_cache(cache_path or default_cache_path(central.identity, login), cache_keys, True)
    except BaseException:
        central.close()
        raise
    try:
        return Session(None, cache, login, False, central)
    except BaseException:
        cache.dispose()
        central.close()
        raise
