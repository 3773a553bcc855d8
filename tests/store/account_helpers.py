"""Shared by the account tests: the test officers' password, fixed times far from the wall clock, and sign-ins
made as the server makes them."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from desktop.domain.errors import NotSignedIn, Throttled
from desktop.store import accounts
from desktop.store.accounts import IssuedSession
from desktop.store.schema import officer
from desktop.store.service import Store

PASSWORD = "rahasia-123"
T0 = datetime(2031, 3, 3, 8, 0)  # a Monday morning, far from the wall clock
BEFORE = T0 - timedelta(days=30)  # when the passwords were set
OFFICE = "10.20.30.40"


def attempt(
    store: Store,
    login: str = "ani",
    password: str = PASSWORD,
    at: datetime = T0,
    address: str = OFFICE,
    device: str = "PC-HUMAS-03",
) -> IssuedSession | NotSignedIn | Throttled:
    """One sign-in in its own committed transaction, as the server makes it."""
    return store.admin(accounts.attempt_sign_in, login, password, device, address, now=at)


def signed_in(store: Store, login: str = "ani", at: datetime = T0, device: str = "PC-HUMAS-03") -> IssuedSession:
    outcome = attempt(store, login, at=at, device=device)
    assert isinstance(outcome, IssuedSession), outcome
    return outcome


def officer_id(store: Store, login: str) -> int:
    return int(store.read(lambda conn: conn.execute(select(officer.c.id).where(officer.c.login == login)).scalar_one()))
