"""Who acts: officers have an application account (their password for `aduan server`), never a database login;
a connection to the database is the owner's (or the server's, the worker's), acting for the officer it names."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from desktop.domain.errors import BadInput, NotFound, NotPermitted
from desktop.domain.vocabulary import Role
from desktop.store import accounts, claims, directory
from desktop.store.accounts import IssuedSession
from desktop.store.schema import officer
from desktop.store.service import Store
from tests.store.helpers import new_ticket


def as_login(url: str, login: str, password: str) -> str:
    return make_url(url).set(username=login, password=password).render_as_string(hide_password=False)


def database_login_exists(store: Store, login: str) -> bool:
    query = {
        "postgresql": "SELECT count(*) FROM pg_roles WHERE rolname = :login",
        "mariadb": "SELECT count(*) FROM mysql.user WHERE User = :login",
    }[store.engine.dialect.name]
    return bool(store.read(lambda conn: conn.execute(text(query), {"login": login}).scalar_one()))


def test_officer_add_makes_an_application_account_with_a_password_shown_once(migrated_url: str) -> None:
    """On every engine: the generated password signs in to the server (as `aduan server` checks it) and is
    stored only as its Argon2id hash."""
    owner = Store(migrated_url)
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    login = f"petugas_{uuid.uuid4().hex[:8]}"
    added, generated = owner.admin(directory.add_officer, login, "Dewi Anggraini", ["humas"], Role.OFFICER)
    assert added.login == login and added.unit_codes == ("humas",)
    assert generated is not None and len(generated) >= accounts.MIN_PASSWORD_LENGTH
    stored = owner.read(lambda c: c.execute(select(officer.c.password_hash).where(officer.c.login == login)).scalar())
    assert stored is not None and stored.startswith("$argon2id$") and generated not in stored
    signed_in = owner.admin(accounts.attempt_sign_in, login, generated, "PC-HUMAS-01", "10.0.0.9")
    assert isinstance(signed_in, IssuedSession) and signed_in.login == login
    owner.dispose()


def test_officer_add_makes_no_database_login(server_url: str) -> None:
    """On PostgreSQL and MariaDB: no login of that name, so the password opens no connection to the data."""
    owner = Store(server_url)
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    login = f"petugas_{uuid.uuid4().hex[:8]}"
    owner.admin(directory.add_officer, login, "Dewi Anggraini", ["humas"], Role.OFFICER, "rahasia-123")
    assert not database_login_exists(owner, login)
    direct = Store(as_login(server_url, login, "rahasia-123"))
    with pytest.raises(NotPermitted, match="refused"):
        direct.actor()
    direct.dispose()
    owner.dispose()


def test_the_owner_acts_for_the_officer_it_names(migrated_url: str) -> None:
    """The owner's connection (the server's, the worker's) is nobody's identity: it acts for a named officer,
    and only one that exists and is active."""
    owner = Store(migrated_url)
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    owner.admin(directory.add_officer, "dewi", "Dewi Anggraini", ["humas"], Role.OFFICER, "rahasia-123")
    owner.admin(directory.add_officer, "eko", "Eko Prasetyo", ["humas"], Role.OFFICER, "rahasia-456")
    dewi = Store(migrated_url, officer="dewi")
    made = new_ticket(dewi)
    assert dewi.write(claims.claim, made.id).claim.holder == "dewi"
    with pytest.raises(NotFound):
        Store(migrated_url, officer="nobody").actor()
    owner.admin(accounts.set_active, "eko", False)
    with pytest.raises(NotPermitted, match="deactivated"):
        Store(migrated_url, officer="eko").actor()
    with pytest.raises(BadInput, match="--officer"):
        Store(migrated_url).actor()
    dewi.dispose()
    owner.dispose()


def test_an_existing_login_is_refused_clearly(migrated_url: str) -> None:
    owner = Store(migrated_url)
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    owner.admin(directory.add_officer, "dewi", "Dewi", ["humas"], Role.OFFICER, "rahasia-123")
    with pytest.raises(BadInput, match="exists already"):
        owner.admin(directory.add_officer, "dewi", "Dewi lagi", ["humas"], Role.OFFICER, "rahasia-123")
    with pytest.raises(BadInput):
        owner.admin(directory.add_officer, "Bad Login!", "X", ["humas"], Role.OFFICER)
    owner.dispose()


def test_sqlite_officer_is_chosen_by_login(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/aduan.db"
    owner = Store(url)
    owner.upgrade()
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    owner.admin(directory.add_officer, "ani", "Ani", ["humas"], Role.SUPERVISOR)
    assert Store(url, officer="ani").actor().officer.role is Role.SUPERVISOR
    with pytest.raises(BadInput, match="--officer"):
        Store(url).actor()
    owner.dispose()
