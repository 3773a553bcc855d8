"""Officers connect with their own database login on PostgreSQL and MariaDB; on SQLite they are chosen."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from desktop.domain.errors import BadInput, NotPermitted
from desktop.domain.vocabulary import Role
from desktop.store import claims, db_users, directory
from desktop.store.service import Store
from tests.store.helpers import new_ticket


@pytest.fixture
def login(server_url: str) -> Iterator[str]:
    name = f"petugas_{uuid.uuid4().hex[:8]}"
    yield name
    owner = Store(server_url)
    with owner.engine.connect() as conn:
        db_users.drop_login(conn, name)
        conn.commit()
    owner.dispose()


def as_login(url: str, login: str, password: str) -> str:
    return make_url(url).set(username=login, password=password).render_as_string(hide_password=False)


def test_officer_add_creates_a_database_login_that_is_the_identity(server_url: str, login: str) -> None:
    owner = Store(server_url)
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    added, generated = owner.admin(directory.add_officer, login, "Dewi Anggraini", ["humas"], Role.OFFICER)
    assert added.login == login and added.unit_codes == ("humas",)
    assert generated is not None and len(generated) >= 20
    officer_url = as_login(server_url, login, generated)
    own = Store(officer_url)
    assert own.actor().login == login, "the database login is the officer"
    made = new_ticket(own)
    assert own.write(claims.claim, made.id).claim.holder == login
    impostor = Store(officer_url, officer="someone-else")
    with pytest.raises(NotPermitted):
        impostor.actor()
    for store in (own, impostor, owner):
        store.dispose()


def test_officer_logins_cannot_rewrite_the_audit_log_or_delete(server_url: str, login: str) -> None:
    owner = Store(server_url)
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    owner.admin(directory.add_officer, login, "Dewi Anggraini", ["humas"], Role.OFFICER, "rahasia-123")
    own = Store(as_login(server_url, login, "rahasia-123"))
    new_ticket(own)
    for statement in ("UPDATE event SET action = 'forged'", "DELETE FROM event", "DELETE FROM ticket"):
        with own.engine.connect() as conn, pytest.raises(DBAPIError) as denied:
            conn.execute(text(statement))
        assert "denied" in str(denied.value).lower()
    with owner.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM event WHERE action = 'create'")).scalar_one() == 1
    own.dispose()
    owner.dispose()


def test_officer_logins_cannot_reach_sign_in_data_nor_redirect_what_is_sent(server_url: str, login: str) -> None:
    """Until the desktop signs in only to the Aduan server, officers' database logins must not reach password
    hashes or sessions: reading a hash invites cracking it, writing one (or a session) takes over an account."""
    owner = Store(server_url)
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    owner.admin(directory.add_officer, login, "Dewi Anggraini", ["humas"], Role.OFFICER, "rahasia-123")
    own = Store(as_login(server_url, login, "rahasia-123"))
    assert own.actor().login == login  # the officer row itself stays readable, without its secrets
    forged_hash = "$argon2id$v=19$m=65536,t=3,p=4$forged$forged"
    for statement in (
        "SELECT password_hash FROM officer",
        "SELECT * FROM officer",
        f"UPDATE officer SET password_hash = '{forged_hash}'",
        "UPDATE officer SET role = 'admin'",
        "SELECT token_hash FROM officer_session",
        "INSERT INTO officer_session (id, officer_id, token_hash, device, created_at, last_seen_at, expires_at)"
        " VALUES ('00000000-0000-0000-0000-000000000001', 1, 'x', 'd', '2026-01-01', '2026-01-01', '2099-01-01')",
        "DELETE FROM sign_in_attempt",
        "SELECT login FROM sign_in_attempt",
        # a queued answer re-addressed, or an account pointed elsewhere, would go out from the agency
        "UPDATE outbound_message SET account_id = NULL, state = 'queued'",
        "UPDATE channel_account SET secret_ref = 'env:ADUAN_DB'",
    ):
        with own.engine.connect() as conn, pytest.raises(DBAPIError) as denied:
            conn.execute(text(statement))
        assert "denied" in str(denied.value).lower(), statement
    with owner.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM officer WHERE role = 'admin'")).scalar_one() == 0
        assert conn.execute(text("SELECT count(*) FROM officer_session")).scalar_one() == 0
    own.dispose()
    owner.dispose()


def test_an_existing_login_is_refused_clearly(server_url: str, login: str) -> None:
    owner = Store(server_url)
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    owner.admin(directory.add_officer, login, "Dewi", ["humas"], Role.OFFICER, "rahasia-123")
    with pytest.raises(BadInput, match="exists already"):
        owner.admin(directory.add_officer, login, "Dewi lagi", ["humas"], Role.OFFICER, "rahasia-123")
    owner.dispose()


def test_sqlite_officer_is_chosen_by_login(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/aduan.db"
    owner = Store(url)
    owner.upgrade()
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    added, generated = owner.admin(directory.add_officer, "ani", "Ani", ["humas"], Role.SUPERVISOR)
    assert generated is None, "SQLite has no logins, so no password is made"
    assert Store(url, officer="ani").actor().officer.role is Role.SUPERVISOR
    with pytest.raises(BadInput, match="--officer"):
        Store(url).actor()
    with pytest.raises(BadInput):
        owner.admin(directory.add_officer, "Bad Login!", "X", ["humas"], Role.OFFICER)
    owner.dispose()
