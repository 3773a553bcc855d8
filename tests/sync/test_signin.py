"""Signing in as a real officer (made by ``officer add``) on PostgreSQL and MariaDB, and resuming at start.

Officers have no database login: they sign in to a real ``aduan server`` process in front of the database,
and a database's address is refused before anything is sent, saying to give the server's address.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL, make_url

from desktop.domain.errors import BadInput, NotPermitted, Unreachable
from desktop.domain.vocabulary import Role
from desktop.security.credentials import MemoryCredentials, session_entry
from desktop.settings import Settings
from desktop.store import directory
from desktop.store.service import Store
from desktop.sync.signin import DatabaseAddressRefused, resume, sign_in
from desktop.views.tickets import list_tickets
from tests.server.live import LiveServer, running_server
from tests.store.helpers import new_ticket
from tests.sync.proxy import Proxy

PASSWORD = "rahasia-123"


@pytest.fixture
def login(server_url: str) -> Iterator[str]:
    """A real officer as ``aduan officer add`` makes them (a password for the server) and one ticket."""
    name = f"petugas_{uuid.uuid4().hex[:8]}"
    owner = Store(server_url)
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    owner.admin(directory.add_officer, name, "Dewi Anggraini", ["humas"], Role.OFFICER, PASSWORD)
    as_officer = Store(server_url, officer=name)
    new_ticket(as_officer, subject="Jalan berlubang")
    as_officer.dispose()
    owner.dispose()
    yield name


@pytest.fixture
def server(server_url: str, login: str, tmp_path: Path) -> Iterator[LiveServer]:
    with running_server(server_url, tmp_path) as live:
        yield live


@pytest.fixture
def database_address(server_url: str) -> str:
    """The database's address as earlier versions kept it in the settings: no user, no password."""
    url = make_url(server_url)
    bare = URL.create(url.drivername, host=url.host, port=url.port, database=url.database, query=url.query)
    return bare.render_as_string(hide_password=False)


def test_the_right_password_opens_an_online_session_and_its_session_is_remembered(
    server: LiveServer, login: str, tmp_path: Path
) -> None:
    credentials = MemoryCredentials()
    result = sign_in(server.url, login, PASSWORD, credentials, cache_path=tmp_path / "cache.db")
    try:
        assert not result.offline and result.problem is None
        assert result.session.login == login and result.session.has_mirror
        assert result.session.officer_name() == "Dewi Anggraini"
        assert list(credentials.stored) == [(server.url, session_entry(login))]
        assert PASSWORD not in credentials.stored.values(), "the password itself is never kept"
    finally:
        result.session.close()


def test_without_remember_nothing_is_kept(server: LiveServer, login: str, tmp_path: Path) -> None:
    credentials = MemoryCredentials()
    credentials.set(server.url, session_entry(login), "an old session")
    result = sign_in(server.url, login, PASSWORD, credentials, remember=False, cache_path=tmp_path / "cache.db")
    result.session.close()
    assert credentials.stored == {}


def test_an_unknown_login_is_refused_and_nothing_is_stored(server: LiveServer, login: str, tmp_path: Path) -> None:
    credentials = MemoryCredentials()
    with pytest.raises(NotPermitted, match="refused login"):
        sign_in(server.url, "nobody_here", PASSWORD, credentials, cache_path=tmp_path / "cache.db")
    assert credentials.stored == {}


def test_a_wrong_password_is_refused_and_nothing_is_stored(server: LiveServer, login: str, tmp_path: Path) -> None:
    """The server checks the Argon2id hash on every engine (a database's own trust rules play no part)."""
    credentials = MemoryCredentials()
    with pytest.raises(NotPermitted, match="refused login"):
        sign_in(server.url, login, "wrong-password", credentials, cache_path=tmp_path / "cache.db")
    assert credentials.stored == {}


def test_an_unreachable_server_without_a_kept_session_is_a_clear_error(login: str, tmp_path: Path) -> None:
    credentials = MemoryCredentials()
    with pytest.raises(Unreachable, match="holds no session to work offline"):
        sign_in("http://127.0.0.1:1", login, PASSWORD, credentials, cache_path=tmp_path / "cache.db")
    assert credentials.stored == {}


def test_an_unreachable_server_with_a_filled_cache_lets_the_officer_work_offline(
    server: LiveServer, login: str, tmp_path: Path
) -> None:
    credentials = MemoryCredentials()
    cache = tmp_path / "cache.db"
    proxy = Proxy("127.0.0.1", int(server.url.rsplit(":", 1)[1]))
    linked = f"http://127.0.0.1:{proxy.port}"
    try:
        sign_in(linked, login, PASSWORD, credentials, cache_path=cache).session.close()
        kept = dict(credentials.stored)
        proxy.refuse()
        result = sign_in(linked, login, "typed while offline", credentials, cache_path=cache)
    finally:
        proxy.close()
    try:
        assert result.offline and result.problem
        with result.session.cache.read() as conn:
            assert [t.subject for t in list_tickets(conn)] == ["Jalan berlubang"]
        assert credentials.stored == kept, "a password the server never checked changes nothing kept"
    finally:
        result.session.close()


def test_a_database_address_is_refused_before_connecting_naming_the_aduan_server(
    database_address: str, login: str, tmp_path: Path
) -> None:
    """Officers have no database login: whatever they type, a PostgreSQL/MariaDB address is refused before
    anything is sent (a closed port would otherwise say "unreachable"), and nothing is stored."""
    credentials = MemoryCredentials()
    for address in (database_address, make_url(database_address).set(port=1).render_as_string(False)):
        with pytest.raises(DatabaseAddressRefused, match="https://") as refusal:
            sign_in(address, login, PASSWORD, credentials, cache_path=tmp_path / "cache.db")
        assert "database address" in refusal.value.message
    assert credentials.stored == {} and not (tmp_path / "cache.db").exists()


def test_a_bad_address_is_refused_before_connecting(login: str, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="keyring"):
        sign_in("https://ani:secret@127.0.0.1:1", login, PASSWORD, MemoryCredentials())
    with pytest.raises(BadInput, match="keyring"):
        sign_in("postgresql://x:secret@127.0.0.1:1/aduan", login, PASSWORD, MemoryCredentials())
    with pytest.raises(BadInput, match="server address is required"):
        sign_in("", login, PASSWORD, MemoryCredentials())


def test_resume_opens_the_kept_session_without_the_network(server: LiveServer, login: str, tmp_path: Path) -> None:
    credentials = MemoryCredentials()
    user = tmp_path / "settings.json"
    user.write_text(json.dumps({"server_url": server.url, "officer_login": login}), encoding="utf-8")
    settings = Settings(tmp_path / "no-policy.json", user)
    assert resume(settings, credentials, cache_path=tmp_path / "cache.db") is None, "no session kept: ask"
    sign_in(server.url, login, PASSWORD, credentials, cache_path=tmp_path / "cache.db").session.close()
    session = resume(settings, credentials, cache_path=tmp_path / "cache.db")
    assert session is not None
    try:
        assert session.login == login and not session.demo and session.has_mirror
        session.engine.sync()  # the kept session really opens the server
    finally:
        session.close()


def test_resume_on_a_database_address_asks_and_forgets_the_old_database_password(
    database_address: str, login: str, tmp_path: Path
) -> None:
    """Settings from an earlier version name the database, and the keyring holds the officer's database
    password: the start asks to sign in (the dialog then says to give the server's address), and that
    password, which opens nothing any more, is removed from the keyring."""
    credentials = MemoryCredentials()
    credentials.set(database_address, login, PASSWORD)
    user = tmp_path / "settings.json"
    user.write_text(json.dumps({"server_url": database_address, "officer_login": login}), encoding="utf-8")
    settings = Settings(tmp_path / "no-policy.json", user)
    assert resume(settings, credentials, cache_path=tmp_path / "cache.db") is None
    assert credentials.stored == {}


def test_resume_without_a_server_opens_the_demo_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desktop.store.engine.default_database_path", lambda: tmp_path / "embedded" / "aduan.db")
    settings = Settings(tmp_path / "no-policy.json", tmp_path / "settings.json")
    session = resume(settings, MemoryCredentials(), cache_path=tmp_path / "demo-cache.db")
    assert session is not None
    try:
        assert session.demo and session.login
        assert session.store is not None
        assert session.store.url == f"sqlite:///{tmp_path / 'embedded' / 'aduan.db'}"
    finally:
        session.close()
