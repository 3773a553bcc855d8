"""Acting on canned responses in tests: as the installation owner, or as an admin officer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from desktop.domain.vocabulary import Role
from desktop.store.service import Store
from desktop.store.work import Work, begin
from tests.store.helpers import Org, add_officer_without_login

T = TypeVar("T")


def as_owner(store: Store, op: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``op`` with no acting officer, as ``Store.admin`` does for the installation owner."""

    def task(conn: Any) -> T:
        work: Work = begin(conn, None, device="owner-pc")
        return op(work, *args, **kwargs)

    return store.admin(task)


def admin_officer(org: Org, login: str = "ida") -> Store:
    """An officer with the admin role (member of humas), acting through their own store."""
    org.admin.admin(add_officer_without_login, login, "Ida Ayu", ["humas"], Role.ADMIN)
    return Store(org.url, login)
