"""The owner's account commands through the real command line: reset-password, disable, enable."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from desktop.domain.errors import NotSignedIn, Throttled
from desktop.domain.vocabulary import Role
from desktop.store import accounts
from desktop.store.accounts import IssuedSession
from desktop.store.service import Store
from tests.e2e.cli import ok_json, run
from tests.store.helpers import add_officer_without_login


@pytest.fixture
def org_url(migrated_url: str) -> Iterator[str]:
    """One unit and two officers without passwords (rows only, so no server logins are involved)."""
    assert run(migrated_url, "unit", "add", "humas", "--name", "Biro Humas").returncode == 0
    store = Store(migrated_url)
    for login in ("ani", "budi"):
        store.admin(add_officer_without_login, login, login.title(), ["humas"], Role.OFFICER)
    store.dispose()
    yield migrated_url


def sign_in(url: str, login: str, password: str) -> IssuedSession | NotSignedIn | Throttled:
    store = Store(url)
    try:
        return store.admin(accounts.attempt_sign_in, login, password, "PC-HUMAS-03", "10.0.0.7")
    finally:
        store.dispose()


def session_ended(url: str, token: str) -> bool:
    store = Store(url)
    try:
        store.admin(accounts.authenticate, token)
    except NotSignedIn:
        return True
    finally:
        store.dispose()
    return False


def test_reset_password_generates_one_shown_once(org_url: str) -> None:
    assert isinstance(sign_in(org_url, "ani", "anything-at-all"), NotSignedIn), "no password yet"
    shown = ok_json(org_url, "officer", "reset-password", "ani")
    assert set(shown) == {"login", "password"} and shown["login"] == "ani" and len(shown["password"]) == 16
    assert isinstance(sign_in(org_url, "ani", shown["password"]), IssuedSession)
    again = run(org_url, "officer", "reset-password", "ani")
    assert again.returncode == 0, again.stderr
    assert "shown once" in again.stdout
    password = again.stdout.rsplit(": ", 1)[1].strip()
    assert isinstance(sign_in(org_url, "ani", password), IssuedSession)
    assert isinstance(sign_in(org_url, "ani", shown["password"]), NotSignedIn), "the previous one is gone"


def test_reset_password_reads_one_from_stdin_and_checks_it(org_url: str) -> None:
    done = run(org_url, "officer", "reset-password", "budi", "--password-stdin", "--json", stdin=b"sandi-budi-2031\n")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"login": "budi"}, "a given password is not printed"
    assert isinstance(sign_in(org_url, "budi", "sandi-budi-2031"), IssuedSession)
    weak = run(org_url, "officer", "reset-password", "budi", "--password-stdin", stdin=b"pendek\n")
    assert weak.returncode == 2 and "too short" in weak.stderr
    empty = run(org_url, "officer", "reset-password", "budi", "--password-stdin", stdin=b"\n")
    assert empty.returncode == 2 and "no password on standard input" in empty.stderr
    assert isinstance(sign_in(org_url, "budi", "sandi-budi-2031"), IssuedSession), "refusals changed nothing"
    unknown = run(org_url, "officer", "reset-password", "tidak.ada")
    assert unknown.returncode == 5 and "no officer" in unknown.stderr


def test_disable_ends_the_sessions_and_enable_lets_the_officer_sign_in_again(org_url: str) -> None:
    password = ok_json(org_url, "officer", "reset-password", "ani")["password"]
    issued = sign_in(org_url, "ani", password)
    assert isinstance(issued, IssuedSession)
    disabled = ok_json(org_url, "officer", "disable", "ani")
    assert disabled["login"] == "ani" and disabled["active"] is False and disabled["sessions_ended"] == 1
    assert session_ended(org_url, issued.token)
    assert isinstance(sign_in(org_url, "ani", password), NotSignedIn)
    listed = {o["login"]: o["active"] for o in ok_json(org_url, "officer", "list")}
    assert listed == {"ani": False, "budi": True}
    refused = run(org_url, "ticket", "list", officer="ani")
    assert refused.returncode == 5 and "deactivated" in refused.stderr
    enabled = run(org_url, "officer", "enable", "ani")
    assert enabled.returncode == 0 and enabled.stdout.strip() == "officer ani enabled"
    assert isinstance(sign_in(org_url, "ani", password), IssuedSession)
    assert session_ended(org_url, issued.token), "enabling revives no session"
    text = run(org_url, "officer", "disable", "ani")
    assert text.returncode == 0 and text.stdout.strip() == "officer ani disabled (1 session ended)"
    assert run(org_url, "officer", "disable", "tidak.ada").returncode == 5
