"""One signed-in officer's working set: the central store (reached only by sync), the local cache, the desk.

The desktop window and the tests open a session the same way. Nothing here imports Qt.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url

from ..domain.errors import BadInput
from ..store.service import Store
from ..store.workspace import open_workspace
from . import cache_schema as s
from .cache import Cache, default_cache_path, get_state
from .central import central_identity
from .desk import Desk
from .engine import SyncEngine


def with_password(url: str, password: str | None) -> str:
    """The URL to connect with; the password comes from the keyring and is never stored with the URL."""
    if not password:
        return url
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def without_password(url: str) -> str:
    """What may be shown, saved in settings and logged."""
    return central_identity(url)


class Session:
    def __init__(self, store: Store, cache: Cache, login: str, demo: bool) -> None:
        self.store = store
        self.cache = cache
        self.login = login
        self.demo = demo
        self.desk = Desk(cache)
        self.engine = SyncEngine(cache, store)

    @property
    def has_mirror(self) -> bool:
        """Whether this cache has ever been filled: then the officer can work offline."""
        with self.cache.read() as conn:
            return get_state(conn, "cursor") is not None

    def officer_name(self) -> str:
        with self.cache.read() as conn:
            name = conn.execute(select(s.officer.c.name).where(s.officer.c.login == self.login)).scalar()
        return str(name or self.login)

    def close(self) -> None:
        self.store.dispose()
        self.cache.dispose()


def open_session(
    url: str | None, login: str | None, password: str | None = None, cache_path: Path | None = None
) -> Session:
    """Open a session without touching the network (except the embedded database, which is local).

    ``url`` None opens the embedded demo workspace (filled with demo data on first use).
    """
    if url is None:
        workspace = open_workspace(None, login)
        store = workspace.store
        demo = workspace.demo
        login = store.requested_officer
    else:
        if not login:
            raise BadInput("an officer login is required to sign in")
        store = Store(with_password(url, password), officer=login)
        demo = False
    assert login is not None
    cache = Cache(cache_path or default_cache_path(central_identity(store.url), login))
    try:
        return Session(store, cache, login, demo)
    except BaseException:
        cache.dispose()
        store.dispose()
        raise
