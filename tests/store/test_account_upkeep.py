"""Keeping officers' accounts safe over time, on SQLite, PostgreSQL and MariaDB: a session left open cannot be
used to guess the password (wrong current passwords are throttled like failed sign-ins), and the worker's
pruning deletes only ended sessions and attempts no throttle counts any more. Times are passed explicitly."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from desktop.domain.errors import NotPermitted, Throttled
from desktop.store import accounts
from desktop.store.accounts import MAX_FAILURES_PER_LOGIN
from desktop.store.schema import officer_session, sign_in_attempt
from desktop.store.service import Store
from tests.store.account_helpers import OFFICE, PASSWORD, T0, attempt, officer_id, signed_in

NEW = "kata-sandi-baru-77"


def change(store: Store, old: str, at: datetime = T0) -> int | NotPermitted | Throttled:
    ani = officer_id(store, "ani")
    return store.admin(accounts.attempt_password_change, ani, old, NEW, None, at, OFFICE)


def test_wrong_current_passwords_are_throttled_like_failed_sign_ins(store: Store) -> None:
    guesses = [change(store, f"tebakan-{n}", T0 + timedelta(seconds=n)) for n in range(MAX_FAILURES_PER_LOGIN)]
    assert all(isinstance(g, NotPermitted) for g in guesses)
    # The limit is reached: even the right password waits, and so does a sign-in with it.
    throttled = change(store, PASSWORD, T0 + timedelta(minutes=1))
    assert isinstance(throttled, Throttled) and throttled.retry_after > 0
    assert isinstance(attempt(store, at=T0 + timedelta(minutes=1)), Throttled)
    # Once the window has passed, the right password changes it.
    assert change(store, PASSWORD, T0 + timedelta(minutes=30)) == 0
    assert isinstance(attempt(store, password=NEW, at=T0 + timedelta(minutes=31)), accounts.IssuedSession)


def test_pruning_deletes_only_what_ended_long_enough_ago(store: Store) -> None:
    live = signed_in(store, at=T0)
    expired = signed_in(store, at=T0 - accounts.SESSION_LIFETIME - timedelta(days=2))
    revoked_lately = signed_in(store, "budi", at=T0 - timedelta(hours=2))
    store.admin(accounts.revoke_sessions, officer_id(store, "budi"), now=T0 - timedelta(hours=1))
    attempt(store, password="salah-lama", at=T0 - timedelta(days=3))
    attempt(store, password="salah-baru", at=T0 - timedelta(minutes=5))

    pruned = store.admin(accounts.prune_sessions, T0) + store.admin(accounts.prune_sign_in_attempts, T0)

    kept = store.read(lambda conn: set(conn.execute(select(officer_session.c.id)).scalars()))
    assert kept == {live.session_id, revoked_lately.session_id} and expired.session_id not in kept
    attempts = store.read(lambda conn: conn.execute(select(func.count()).select_from(sign_in_attempt)).scalar_one())
    # Pruned: the expired session, the expired session's sign-in (nine days ago) and the old failure. Left: the
    # two recent sign-ins and the recent failure, which the throttle still counts.
    assert pruned == 3 and attempts == 3
