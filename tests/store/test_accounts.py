"""Officers' accounts for `aduan server` on SQLite, PostgreSQL and MariaDB: Argon2id passwords, sessions
whose tokens are kept only hashed, one answer for every refused sign-in, the throttle, and every way a
session ends. Times are passed explicitly: nothing here depends on the wall clock."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Connection, func, select, update

from desktop.domain.errors import BadInput, NotFound, NotPermitted, NotSignedIn, Throttled
from desktop.domain.vocabulary import Role
from desktop.store import accounts, directory
from desktop.store.accounts import IssuedSession
from desktop.store.schema import officer, officer_session, sign_in_attempt
from desktop.store.service import Store
from tests.store.account_helpers import OFFICE, PASSWORD, T0, attempt, officer_id, signed_in


def ended(store: Store, token: str, at: datetime) -> bool:
    try:
        store.admin(accounts.authenticate, token, now=at)
    except NotSignedIn as exc:
        assert exc.message == accounts.SESSION_ENDED
        return True
    return False


def attempts(store: Store) -> list[tuple[str, str, bool]]:
    return [
        (r.login, r.address, bool(r.succeeded))
        for r in store.read(lambda conn: conn.execute(select(sign_in_attempt).order_by(sign_in_attempt.c.id)).all())
    ]


# -- passwords ------------------------------------------------------------------------------------------------


def test_passwords_are_hashed_with_argon2id_and_salted() -> None:
    first, second = accounts.hash_password(PASSWORD), accounts.hash_password(PASSWORD)
    assert first.startswith("$argon2id$") and first != second and PASSWORD not in first
    assert accounts.verify_password(first, PASSWORD) and accounts.verify_password(second, PASSWORD)
    assert not accounts.verify_password(first, "rahasia-124")
    assert not accounts.verify_password("not a hash", PASSWORD)


@pytest.mark.parametrize(
    ("password", "rule"),
    [("pendek-1", "too short"), ("aaaaaaaaaaaa", "one character"), ("ani.wijaya", "the login"), ("x" * 2000, "long")],
)
def test_weak_passwords_are_refused_with_the_rule_they_break(password: str, rule: str) -> None:
    with pytest.raises(BadInput, match=rule):
        accounts.check_password_strength(password, "ani.wijaya")
    assert accounts.check_password_strength(PASSWORD, "ani.wijaya") == PASSWORD


def test_officer_add_stores_the_argon2id_hash(migrated_url: str) -> None:
    """On every engine the same: a given password or, without one, a generated one (returned once), stored
    only as its Argon2id hash; a weak given password adds no officer."""
    owner = Store(migrated_url)
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    given, generated_for = f"dewi_{uuid.uuid4().hex[:8]}", f"eko_{uuid.uuid4().hex[:8]}"
    try:
        _, none_generated = owner.admin(directory.add_officer, given, "Dewi", ["humas"], Role.OFFICER, PASSWORD)
        _, generated = owner.admin(directory.add_officer, generated_for, "Eko", ["humas"], Role.OFFICER)
        with pytest.raises(BadInput, match="too short"):
            owner.admin(directory.add_officer, "fajar", "Fajar", ["humas"], Role.OFFICER, "pendek")
        hashes = {
            r.login: r.password_hash
            for r in owner.read(lambda conn: conn.execute(select(officer.c.login, officer.c.password_hash)).all())
        }
        assert none_generated is None, "a given password is not handed back"
        assert hashes[given].startswith("$argon2id$") and accounts.verify_password(hashes[given], PASSWORD)
        assert "fajar" not in hashes, "a refused password adds no officer"
        assert isinstance(attempt(owner, given), IssuedSession)
        assert generated is not None and accounts.check_password_strength(generated, generated_for) == generated
        assert hashes[generated_for].startswith("$argon2id$") and generated not in hashes[generated_for]
        assert accounts.verify_password(hashes[generated_for], generated)
        assert isinstance(attempt(owner, generated_for, generated), IssuedSession)
    finally:
        owner.dispose()


# -- signing in -----------------------------------------------------------------------------------------------


def test_sign_in_issues_a_session_whose_token_is_kept_only_hashed(store: Store) -> None:
    issued = signed_in(store)
    assert issued.login == "ani" and issued.officer_id == officer_id(store, "ani")
    assert issued.expires_at == T0 + accounts.SESSION_LIFETIME == T0 + timedelta(days=7)
    assert len(issued.token) >= 43
    rows = store.read(lambda conn: conn.execute(select(officer_session)).all())
    assert len(rows) == 1
    row = rows[0]
    assert row.id == issued.session_id and row.officer_id == issued.officer_id
    assert row.token_hash == hashlib.sha256(issued.token.encode()).hexdigest()
    assert row.device == "PC-HUMAS-03" and row.address == OFFICE and row.revoked_at is None
    assert row.created_at == row.last_seen_at == T0 and row.expires_at == issued.expires_at
    assert issued.token not in repr(rows) + repr(attempts(store)), "the token itself is stored nowhere"
    assert store.admin(accounts.authenticate, issued.token, now=T0 + timedelta(hours=1)) == issued.officer_id
    assert attempts(store) == [("ani", OFFICE, True)]
    second = signed_in(store, device="LAPTOP-ANI")
    assert second.token != issued.token and second.session_id != issued.session_id


def test_every_refusal_reads_the_same_and_is_recorded(store: Store) -> None:
    store.admin(accounts.set_active, "budi", False, now=T0)
    refusals = [
        attempt(store, "ani", "salah-sekali"),  # wrong password
        attempt(store, "tidak.ada", PASSWORD),  # no such officer
        attempt(store, "rudi", PASSWORD),  # no password set
        attempt(store, "budi", PASSWORD),  # deactivated, with the right password
    ]
    assert all(isinstance(r, NotSignedIn) for r in refusals), refusals
    assert {r.message for r in refusals} == {"wrong login or password"}
    assert {(r.code, r.exit_code) for r in refusals} == {("not_signed_in", 5)}
    assert attempts(store) == [(login, OFFICE, False) for login in ("ani", "tidak.ada", "rudi", "budi")]
    assert store.read(lambda conn: conn.execute(select(func.count()).select_from(officer_session)).scalar_one()) == 0


def test_sign_in_raises_and_the_caller_commits_the_failure(store: Store) -> None:
    def caught(conn: Connection) -> NotSignedIn:
        with pytest.raises(NotSignedIn) as refused:
            accounts.sign_in(conn, "ani", "salah-sekali", "PC", OFFICE, now=T0)
        return refused.value

    assert store.admin(caught).message == "wrong login or password"
    assert attempts(store) == [("ani", OFFICE, False)]
    issued = store.admin(accounts.sign_in, "Ani ", PASSWORD, "PC", OFFICE, now=T0)  # typed loosely
    assert issued.login == "ani"


def test_the_login_is_throttled_after_five_failures_even_with_the_right_password(store: Store) -> None:
    for second in range(accounts.MAX_FAILURES_PER_LOGIN):
        assert isinstance(attempt(store, password="salah-sekali", at=T0 + timedelta(seconds=second)), NotSignedIn)
    refused = attempt(store, at=T0 + timedelta(seconds=10))
    assert isinstance(refused, Throttled), refused
    assert refused.code == "throttled" and refused.exit_code == 5 and "too many failed sign-ins" in refused.message
    # Counting the refused attempt, the window passes over the second failure 15 minutes after it.
    assert refused.retry_after == (timedelta(minutes=15, seconds=1) - timedelta(seconds=10)).total_seconds()
    assert isinstance(attempt(store, "budi", at=T0 + timedelta(seconds=11)), IssuedSession), "only ani's login"
    assert isinstance(attempt(store, at=T0 + timedelta(seconds=10 + refused.retry_after - 1)), Throttled)
    later = T0 + timedelta(seconds=11 + refused.retry_after) + accounts.THROTTLE_WINDOW
    assert isinstance(attempt(store, at=later), IssuedSession), "after the window the right password works again"
    assert [ok for login, _, ok in attempts(store) if login == "ani"] == [False] * 7 + [True]


def test_the_throttle_lifts_when_retry_after_has_passed(store: Store) -> None:
    for second in range(accounts.MAX_FAILURES_PER_LOGIN):
        attempt(store, password="salah-sekali", at=T0 + timedelta(seconds=second))
    refused = attempt(store, at=T0 + timedelta(minutes=5))
    assert isinstance(refused, Throttled)
    assert isinstance(attempt(store, at=T0 + timedelta(minutes=5, seconds=refused.retry_after)), IssuedSession)


def test_a_success_or_a_reset_clears_the_login_count(store: Store) -> None:
    at = T0
    for _ in range(accounts.MAX_FAILURES_PER_LOGIN - 1):
        at += timedelta(seconds=1)
        assert isinstance(attempt(store, password="salah-sekali", at=at), NotSignedIn)
    assert isinstance(attempt(store, at=at + timedelta(seconds=1)), IssuedSession)
    for _ in range(accounts.MAX_FAILURES_PER_LOGIN):
        at += timedelta(seconds=2)
        assert isinstance(attempt(store, password="salah-sekali", at=at), NotSignedIn)
    assert isinstance(attempt(store, at=at + timedelta(seconds=1)), Throttled)
    # The officer calls the admin, who resets the password: the failures before it no longer count.
    store.admin(accounts.reset_password, "ani", "rahasia-baru-456", now=at + timedelta(seconds=2))
    assert isinstance(attempt(store, password="rahasia-baru-456", at=at + timedelta(seconds=3)), IssuedSession)


def test_an_address_is_throttled_after_twenty_failures(store: Store) -> None:
    for n in range(accounts.MAX_FAILURES_PER_ADDRESS):  # one guess each for many logins, from one address
        assert isinstance(attempt(store, f"tebak{n}", "salah-sekali", at=T0 + timedelta(seconds=n)), NotSignedIn)
    refused = attempt(store, "ani", at=T0 + timedelta(seconds=30))
    assert isinstance(refused, Throttled) and refused.retry_after > 0
    assert isinstance(attempt(store, "ani", at=T0 + timedelta(seconds=31), address="10.99.0.1"), IssuedSession)
    later = T0 + timedelta(seconds=30 + refused.retry_after)
    assert isinstance(attempt(store, "budi", at=later), IssuedSession)


# -- sessions end -----------------------------------------------------------------------------------------------


def test_a_session_ends_when_it_expires_or_is_signed_out(store: Store) -> None:
    issued = signed_in(store)
    last_moment = issued.expires_at - timedelta(seconds=1)
    assert not ended(store, issued.token, last_moment)
    assert ended(store, issued.token, issued.expires_at)
    assert ended(store, "not-a-token", T0)
    other = signed_in(store, at=T0 + timedelta(days=1))
    store.admin(accounts.sign_out, other.token, now=T0 + timedelta(days=1, hours=1))
    assert ended(store, other.token, T0 + timedelta(days=1, hours=2))
    store.admin(accounts.sign_out, other.token)  # twice, or an unknown token: nothing happens
    store.admin(accounts.sign_out, "not-a-token")


def test_last_seen_is_written_at_most_once_a_minute(store: Store) -> None:
    issued = signed_in(store)

    def last_seen() -> datetime:
        return store.read(lambda conn: conn.execute(select(officer_session.c.last_seen_at)).scalar_one())

    assert store.admin(accounts.check_session, issued.token, now=T0 + timedelta(seconds=30)).login == "ani"
    assert last_seen() == T0
    store.admin(accounts.authenticate, issued.token, now=T0 + timedelta(minutes=2))
    assert last_seen() == T0 + timedelta(minutes=2)


def test_disabling_an_officer_ends_their_sessions_and_refuses_new_ones(store: Store) -> None:
    first, second = signed_in(store), signed_in(store, device="LAPTOP-ANI")
    budi = signed_in(store, "budi")
    assert store.admin(accounts.set_active, "ani", False, now=T0 + timedelta(minutes=1)) == 2
    after = T0 + timedelta(minutes=2)
    assert ended(store, first.token, after) and ended(store, second.token, after)
    assert not ended(store, budi.token, after)
    assert isinstance(attempt(store, at=T0 + timedelta(minutes=3)), NotSignedIn)
    assert store.admin(accounts.set_active, "ani", True, now=T0 + timedelta(minutes=4)) == 0
    assert ended(store, first.token, T0 + timedelta(minutes=5)), "enabling again revives no session"
    assert isinstance(attempt(store, at=T0 + timedelta(minutes=5)), IssuedSession)
    with pytest.raises(NotFound):
        store.admin(accounts.set_active, "tidak.ada", False)


def test_a_deactivated_officers_session_is_refused_even_if_not_revoked(store: Store) -> None:
    issued = signed_in(store)
    store.admin(lambda conn: conn.execute(update(officer).where(officer.c.login == "ani").values(active=False)))
    assert ended(store, issued.token, T0 + timedelta(minutes=1))


def test_a_reset_ends_every_session_and_returns_a_working_password(store: Store) -> None:
    issued = signed_in(store)
    generated = store.admin(accounts.reset_password, "ani", now=T0 + timedelta(hours=1))
    assert generated is not None and len(generated) == 16
    assert ended(store, issued.token, T0 + timedelta(hours=2))
    assert isinstance(attempt(store, password=PASSWORD, at=T0 + timedelta(hours=2)), NotSignedIn)
    assert isinstance(attempt(store, password=generated, at=T0 + timedelta(hours=2)), IssuedSession)
    assert store.admin(accounts.reset_password, "rudi", "sandi-rudi-2031", now=T0) is None
    assert isinstance(attempt(store, "rudi", "sandi-rudi-2031", at=T0 + timedelta(hours=3)), IssuedSession)
    with pytest.raises(BadInput, match="too short"):
        store.admin(accounts.reset_password, "rudi", "pendek")
    with pytest.raises(NotFound):
        store.admin(accounts.reset_password, "tidak.ada")


def test_changing_the_password_ends_the_other_sessions_only(store: Store) -> None:
    here, there = signed_in(store), signed_in(store, device="LAPTOP-ANI")
    ani = here.officer_id
    at = T0 + timedelta(hours=1)
    with pytest.raises(NotPermitted, match="current password is wrong"):
        store.admin(accounts.change_password, ani, "salah-sekali", "rahasia-baru-456", here.session_id, now=at)
    with pytest.raises(BadInput, match="too short"):
        store.admin(accounts.change_password, ani, PASSWORD, "pendek", here.session_id, now=at)
    assert not ended(store, there.token, at), "a refused change ends nothing"
    assert store.admin(accounts.change_password, ani, PASSWORD, "rahasia-baru-456", here.session_id, now=at) == 1
    later = at + timedelta(minutes=1)
    assert not ended(store, here.token, later), "the session the change was made through lives on"
    assert ended(store, there.token, later)
    assert isinstance(attempt(store, password=PASSWORD, at=later), NotSignedIn)
    assert isinstance(attempt(store, password="rahasia-baru-456", at=later), IssuedSession)
    with pytest.raises(NotPermitted):
        store.admin(accounts.change_password, officer_id(store, "rudi"), "", "sandi-rudi-2031", None)


def test_revoke_sessions_keeps_the_one_named(store: Store) -> None:
    one, two, three = (signed_in(store, device=f"PC-{n}") for n in range(3))
    assert store.admin(accounts.revoke_sessions, one.officer_id, two.session_id, now=T0 + timedelta(minutes=1)) == 2
    at = T0 + timedelta(minutes=2)
    assert [ended(store, s.token, at) for s in (one, two, three)] == [True, False, True]
    assert store.admin(accounts.revoke_sessions, one.officer_id, None, now=at) == 1


def test_old_attempts_are_pruned(store: Store) -> None:
    attempt(store, password="salah-sekali", at=T0)
    attempt(store, password="salah-sekali", at=T0 + timedelta(days=2))
    assert store.admin(accounts.prune_sign_in_attempts, now=T0 + timedelta(days=2, hours=1)) == 1
    assert len(attempts(store)) == 1
