"""The desktop's sign-in (``sync/signin.py``) through a real ``aduan server``: the session the server gives
this computer is what the keyring keeps, never the password; at the next start it opens the cache without
the network; with the server out of reach a kept session still opens the filled cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.errors import NotPermitted, NotSignedIn, Unreachable
from desktop.security.credentials import MemoryCredentials, session_entry
from desktop.settings import Settings
from desktop.store import accounts
from desktop.sync.http_central import HttpCentral
from desktop.sync.signin import resume, sign_in
from desktop.views.tickets import list_tickets
from tests.server.conftest import World
from tests.server.live import PASSWORD
from tests.store.helpers import new_ticket
from tests.sync.proxy import Proxy


def test_signing_in_keeps_the_servers_session_and_never_the_password(world: World, tmp_path: Path) -> None:
    new_ticket(world.org.ani, subject="Jalan berlubang")
    credentials = MemoryCredentials()
    address = world.server.url
    with pytest.raises(NotPermitted):
        sign_in(address, "ani", "bukan-sandinya-1", credentials, cache_path=tmp_path / "ani.cache.db")
    result = sign_in(address, "ani", PASSWORD, credentials, cache_path=tmp_path / "ani.cache.db")
    try:
        assert not result.offline and result.problem is None
        assert result.session.store is None and isinstance(result.session.engine.central, HttpCentral)
        with result.session.cache.read() as conn:
            assert [t.subject for t in list_tickets(conn, None, None, False, 10)] == ["Jalan berlubang"]
    finally:
        result.session.close()
    assert list(credentials.stored) == [(address, session_entry("ani"))]
    assert PASSWORD not in credentials.stored.values()

    settings = Settings(tmp_path / "settings.json")
    settings.set("server_url", address + "/")  # as typed: kept checked and without the slash
    settings.set("officer_login", "ani")
    resumed = resume(settings, credentials, cache_path=tmp_path / "ani.cache.db")
    assert resumed is not None
    try:
        assert resumed.has_mirror and resumed.engine.sync().pending == 0
    finally:
        resumed.close()

    world.owner.admin(accounts.set_active, "ani", False)  # the admin disables her: the kept session ends
    ended = resume(settings, credentials, cache_path=tmp_path / "ani.cache.db")
    assert ended is not None
    try:
        with pytest.raises(NotSignedIn):
            ended.engine.sync()
    finally:
        ended.close()


def test_with_the_server_out_of_reach_a_kept_session_opens_the_filled_cache(world: World, tmp_path: Path) -> None:
    new_ticket(world.org.ani)
    proxy = Proxy("127.0.0.1", int(world.server.url.rsplit(":", 1)[1]))
    address = f"http://127.0.0.1:{proxy.port}"
    credentials = MemoryCredentials()
    cache = tmp_path / "ani.cache.db"
    try:
        sign_in(address, "ani", PASSWORD, credentials, cache_path=cache).session.close()
        proxy.refuse()
        proxy.cut()
        offline = sign_in(address, "ani", PASSWORD, credentials, cache_path=cache)
        try:
            assert offline.offline and offline.problem
            with offline.session.cache.read() as conn:
                [ticket] = list_tickets(conn, None, None, False, 10)
            offline.session.desk.claim(str(ticket.id))  # work goes on, queued until the server is back
        finally:
            offline.session.close()
        with pytest.raises(Unreachable):  # nothing kept for budi on this computer: nothing to work from
            sign_in(address, "budi", PASSWORD, credentials, cache_path=tmp_path / "budi.cache.db")
    finally:
        proxy.close()
