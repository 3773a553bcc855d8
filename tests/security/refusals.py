"""Shared by the refusal tests of ``aduan server`` and the server tests that meet a refusal: how a refused
answer reads, and an admin to send the admin's commands as (the test organisation has none)."""

from __future__ import annotations

import hashlib

import requests
from sqlalchemy import Engine, select

from desktop.domain.vocabulary import Role
from desktop.store import accounts
from desktop.store.schema import metadata
from tests.server.conftest import World
from tests.server.live import PASSWORD
from tests.store.helpers import add_officer_without_login


def refusal(response: requests.Response) -> tuple[int, str | None]:
    """The status and the error body's code (None when the body is not the server's error body)."""
    try:
        body = response.json()
    except ValueError:
        return response.status_code, None
    return response.status_code, body.get("code") if isinstance(body, dict) else None


def add_admin(w: World, login: str = "adi") -> None:
    w.owner.admin(add_officer_without_login, login, "Adi Nugroho", ["humas"], Role.ADMIN)
    w.owner.admin(accounts.reset_password, login, PASSWORD)


def digest(engine: Engine) -> str:
    """Every row of every table but the sessions (a request may note when a session was last seen): equal
    before and after a refused request when it changed nothing."""
    found = hashlib.sha256()
    with engine.connect() as conn:
        for name in sorted(set(metadata.tables) - {"officer_session"}):
            table = metadata.tables[name]
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            found.update(f"{name}:{len(rows)}:{sorted(map(repr, rows))}".encode())
    return found.hexdigest()
