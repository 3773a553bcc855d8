"""Shared by the refusal tests of ``aduan server`` and the server tests that meet a refusal: how a refused
answer reads, and an admin to send the admin's commands as (the test organisation has none)."""

from __future__ import annotations

import requests

from desktop.domain.vocabulary import Role
from desktop.store import accounts
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
