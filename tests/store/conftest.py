"""The store tests' shared fixture: the account tests' officers on a migrated throwaway database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.domain.vocabulary import Role
from desktop.store import accounts, directory
from desktop.store.service import Store
from tests.store.account_helpers import BEFORE, PASSWORD
from tests.store.helpers import add_officer_without_login


@pytest.fixture
def store(migrated_url: str) -> Iterator[Store]:
    """ani and budi with a password, rudi without one (officer rows made directly: no password yet)."""
    owner = Store(migrated_url)
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    for login in ("ani", "budi", "rudi"):
        owner.admin(add_officer_without_login, login, login.title(), ["humas"], Role.OFFICER)
    for login in ("ani", "budi"):
        owner.admin(accounts.reset_password, login, PASSWORD, now=BEFORE)
    yield owner
    owner.dispose()
