"""Signing in with a real officer login on PostgreSQL and MariaDB, and resuming at start."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL, make_url

from desktop.domain.errors import BadInput, NotPermitted, Unreachable
from desktop.domain.vocabulary import Role
from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.store import db_users, directory
from desktop.store.service import Store
from desktop.sync.signin import resume, sign_in
from desktop.sync.views import list_tickets
from tests.store.helpers import new_ticket
from tests.sync.proxy import Proxy, through

PASSWORD = "rahasia-123"


@pytest.fixture
def login(server_url: str) -> Iterator[str]:
    """A real officer with a database login (as ``aduan officer add`` makes them) and one ticket."""
    name = f"petugas_{uuid.uuid4().hex[:8]}"
    owner = Store(server_url)
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    owner.admin(directory.add_officer, name, "Dewi Anggraini", ["humas"], Role.OFFICER, PASSWORD)
    as_officer = Store(server_url, officer=name)
    new_ticket(as_officer, subject="Jalan berlubang")
    as_officer.dispose()
    yield name
    with owner.engine.connect() as conn:
        db_users.drop_login(conn, name)
        conn.commit()
    owner.dispose()


@pytest.fixture
def address(server_url: str) -> str:
    """The server address as the settings keep it: no user, no password."""
    url = make_url(server_url)
    bare = URL.create(url.drivername, host=url.host, port=url.port, database=url.database, query=url.query)
    return bare.render_as_string(hide_password=False)


def closed_port(address: str) -> str:
    return make_url(address).set(host="127.0.0.1", port=1).render_as_string(hide_password=False)


def test_the_right_password_opens_an_online_session_and_is_remembered(address: str, login: str, tmp_path: Path) -> None:
    credentials = MemoryCredentials()
    result = sign_in(address, login, PASSWORD, credentials, cache_path=tmp_path / "cache.db")
    try:
        assert not result.offline and result.problem is None
        assert result.session.login == login and result.session.has_mirror
        assert result.session.officer_name() == "Dewi Anggraini"
        assert credentials.stored == {(address, login): PASSWORD}
    finally:
        result.session.close()


def test_without_remember_the_password_is_forgotten(address: str, login: str, tmp_path: Path) -> None:
    credentials = MemoryCredentials()
    credentials.set(address, login, "an old one")
    result = sign_in(address, login, PASSWORD, credentials, remember=False, cache_path=tmp_path / "cache.db")
    result.session.close()
    assert credentials.stored == {}


def test_an_unknown_login_is_refused_and_nothing_is_stored(address: str, login: str, tmp_path: Path) -> None:
    credentials = MemoryCredentials()
    with pytest.raises(NotPermitted, match="refused login"):
        sign_in(address, "nobody_here", PASSWORD, credentials, cache_path=tmp_path / "cache.db")
    assert credentials.stored == {}


# PostgreSQL on the test machines trusts local connections (pg_hba.conf), so any password is accepted
# there: the wrong password is checked on MariaDB, which always asks.
@pytest.mark.parametrize("server_url", ["mariadb"], indirect=True)
def test_a_wrong_password_is_refused_and_nothing_is_stored(address: str, login: str, tmp_path: Path) -> None:
    credentials = MemoryCredentials()
    with pytest.raises(NotPermitted, match="refused login"):
        sign_in(address, login, "wrong-password", credentials, cache_path=tmp_path / "cache.db")
    assert credentials.stored == {}


def test_an_unreachable_server_without_a_filled_cache_is_a_clear_error(
    address: str, login: str, tmp_path: Path
) -> None:
    credentials = MemoryCredentials()
    with pytest.raises(Unreachable, match="nothing is cached on this computer yet"):
        sign_in(closed_port(address), login, PASSWORD, credentials, cache_path=tmp_path / "cache.db")
    assert credentials.stored == {}


def test_an_unreachable_server_with_a_filled_cache_lets_the_officer_work_offline(
    address: str, login: str, tmp_path: Path
) -> None:
    credentials = MemoryCredentials()
    cache = tmp_path / "cache.db"
    proxy = Proxy.to(address)
    try:
        linked = through(address, proxy)
        sign_in(linked, login, PASSWORD, credentials, cache_path=cache).session.close()
        credentials.stored.clear()
        proxy.refuse()
        result = sign_in(linked, login, "typed while offline", credentials, cache_path=cache)
    finally:
        proxy.close()
    try:
        assert result.offline and result.problem and "cannot reach" in result.problem
        with result.session.cache.read() as conn:
            assert [t.subject for t in list_tickets(conn)] == ["Jalan berlubang"]
        assert credentials.stored == {}, "a password the server never checked is not remembered"
    finally:
        result.session.close()


def test_a_bad_address_is_refused_before_connecting(login: str, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="keyring"):
        sign_in("postgresql://x:secret@127.0.0.1:1/aduan", login, PASSWORD, MemoryCredentials())
    with pytest.raises(BadInput, match="server address is required"):
        sign_in("", login, PASSWORD, MemoryCredentials())


def test_resume_opens_the_remembered_server_without_the_network(address: str, login: str, tmp_path: Path) -> None:
    credentials = MemoryCredentials()
    user = tmp_path / "settings.json"
    user.write_text(json.dumps({"server_url": address, "officer_login": login}), encoding="utf-8")
    settings = Settings(tmp_path / "no-policy.json", user)
    assert resume(settings, credentials, cache_path=tmp_path / "cache.db") is None, "no password: ask"
    sign_in(address, login, PASSWORD, credentials, cache_path=tmp_path / "cache.db").session.close()
    session = resume(settings, credentials, cache_path=tmp_path / "cache.db")
    assert session is not None
    try:
        assert session.login == login and not session.demo and session.has_mirror
        session.engine.sync()  # the remembered password really opens the server
    finally:
        session.close()


def test_resume_without_a_server_opens_the_demo_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desktop.store.engine.default_database_path", lambda: tmp_path / "embedded" / "aduan.db")
    settings = Settings(tmp_path / "no-policy.json", tmp_path / "settings.json")
    session = resume(settings, MemoryCredentials(), cache_path=tmp_path / "demo-cache.db")
    assert session is not None
    try:
        assert session.demo and session.login
        assert session.store.url == f"sqlite:///{tmp_path / 'embedded' / 'aduan.db'}"
    finally:
        session.close()
