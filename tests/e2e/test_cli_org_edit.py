"""``aduan unit set`` and ``aduan officer set`` through the real command line, on each engine: the documented JSON
keys, what changes and what stays, the claims a change ends named, and every refusal with its exit code and
nothing changed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.domain.vocabulary import Role
from desktop.store import claims
from desktop.store.service import Store
from tests.e2e.cli import ok_json, run
from tests.e2e.small_org import small_org
from tests.store.helpers import add_officer_without_login, new_ticket, snapshot

UNIT_KEYS = {
    "code",
    "name",
    "parent_id",
    "lease_seconds",
    "identity_retention_days",
    "attachment_retention_days",
    "claims_ended",
}
OFFICER_KEYS = {"login", "name", "role", "units", "active", "claims_ended"}


@pytest.fixture
def org_url(migrated_url: str) -> Iterator[str]:
    """humas and kanreg-1 (both at the top), ani, budi (officers) and sari (supervisor) of humas, adi the admin."""
    small_org(migrated_url)
    store = Store(migrated_url)
    store.admin(add_officer_without_login, "adi", "Adi", ["humas"], Role.ADMIN)
    store.dispose()
    yield migrated_url


def units(url: str) -> dict[str, dict[str, object]]:
    return {u["code"]: u for u in ok_json(url, "unit", "list")}


def officers(url: str) -> dict[str, dict[str, object]]:
    return {o["login"]: o for o in ok_json(url, "officer", "list")}


def refused(url: str, *args: str, code: int, saying: str, officer: str | None = None) -> None:
    """The command exits with ``code``, its message says ``saying``, and the database is as it was."""
    store = Store(url)
    try:
        before = snapshot(store.engine)
        done = run(url, *args, officer=officer)
        assert done.returncode == code, (args, done.returncode, done.stderr)
        assert saying in done.stderr, (args, done.stderr)
        assert done.stdout == ""
        assert snapshot(store.engine) == before, args
    finally:
        store.dispose()


def test_unit_set_renames_moves_and_changes_the_lease(org_url: str) -> None:
    changed = ok_json(org_url, "unit", "set", "kanreg-1", "--name", "Kantor Regional I Medan", "--parent", "humas")
    assert set(changed) == UNIT_KEYS
    assert changed["code"] == "kanreg-1" and changed["name"] == "Kantor Regional I Medan"
    assert changed["parent_id"] is not None and changed["lease_seconds"] == 4 * 3600 and changed["claims_ended"] == []
    assert units(org_url)["kanreg-1"]["parent_id"] == changed["parent_id"]
    lease = ok_json(org_url, "unit", "set", "kanreg-1", "--lease-hours", "1.5")
    assert lease["lease_seconds"] == 5400 and lease["name"] == "Kantor Regional I Medan", "what is not given stays"
    assert lease["parent_id"] == changed["parent_id"]
    top = run(org_url, "unit", "set", "kanreg-1", "--top")
    assert top.returncode == 0 and top.stdout.strip() == "unit kanreg-1 changed", top.stderr
    assert units(org_url)["kanreg-1"]["parent_id"] is None


def test_what_a_unit_cannot_be_set_to_is_refused_with_its_exit_code(org_url: str) -> None:
    assert run(org_url, "unit", "set", "kanreg-1", "--parent", "humas").returncode == 0
    refused(org_url, "unit", "set", "humas", "--parent", "kanreg-1", code=2, saying="cannot become part of 'kanreg-1'")
    refused(org_url, "unit", "set", "humas", "--parent", "humas", code=2, saying="cannot become part of")
    refused(org_url, "unit", "set", "tidak-ada", "--name", "Unit", code=5, saying="no unit with code 'tidak-ada'")
    refused(org_url, "unit", "set", "humas", "--parent", "tidak-ada", code=5, saying="no unit with code 'tidak-ada'")
    refused(org_url, "unit", "set", "humas", "--parent", "kanreg-1", "--top", code=2, saying="not allowed with")
    refused(org_url, "unit", "set", "humas", code=2, saying="nothing to change")
    refused(org_url, "unit", "set", "humas", "--name", " ", code=2, saying="unit name is empty")
    refused(org_url, "unit", "set", "humas", "--lease-hours", "0.001", code=2, saying="lease_seconds")
    refused(org_url, "unit", "set", "humas", "--lease-hours", "200", code=2, saying="lease_seconds")
    refused(org_url, "unit", "set", "humas", "--lease-hours", "lama", code=2, saying="invalid float value")
    # Admins only: a supervisor is told so, and nothing changes.
    refused(org_url, "unit", "set", "humas", "--name", "Biro Sari", code=5, saying="only admins", officer="sari")


def test_officer_set_renames_and_changes_role_and_units(org_url: str) -> None:
    changed = ok_json(
        org_url, "officer", "set", "ani", "--name", "Ani W.", "--role", "supervisor", "--unit", "kanreg-1"
    )
    assert set(changed) == OFFICER_KEYS
    assert (changed["login"], changed["name"], changed["role"], changed["units"]) == (
        "ani",
        "Ani W.",
        "supervisor",
        ["kanreg-1"],
    )
    assert changed["active"] is True and changed["claims_ended"] == []
    both = ok_json(org_url, "officer", "set", "ani", "--unit", "humas", "kanreg-1")  # several after one --unit…
    again = ok_json(org_url, "officer", "set", "ani", "--unit", "kanreg-1", "--unit", "humas")  # …or repeated
    assert both["units"] == again["units"] == ["humas", "kanreg-1"]
    assert officers(org_url)["ani"] == {k: v for k, v in again.items() if k != "claims_ended"}
    text = run(org_url, "officer", "set", "ani", "--role", "officer")
    assert text.returncode == 0, text.stderr
    assert text.stdout.strip() == "officer ani changed (officer; units humas, kanreg-1)"
    assert officers(org_url)["budi"]["units"] == ["humas"], "nobody else changes"


def test_officer_set_names_the_claims_it_ends(org_url: str) -> None:
    ani = Store(org_url, "ani")
    try:
        made = new_ticket(ani)
        ani.write(claims.claim, made.id)
    finally:
        ani.dispose()
    moved = run(org_url, "officer", "set", "ani", "--unit", "kanreg-1")
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.strip() == (
        f"officer ani changed (officer; units kanreg-1); the claim on 1 report(s) out of the holder's reach ended: "
        f"{made.tracking_no}"
    )
    shown = ok_json(org_url, "ticket", "show", made.tracking_no, officer="budi")
    assert shown["holder"] is None, "free again for humas"
    back = ok_json(org_url, "officer", "set", "ani", "--unit", "humas")
    assert back["claims_ended"] == [], "a claim that ended is not given back"


def test_what_an_officer_cannot_be_set_to_is_refused_with_its_exit_code(org_url: str) -> None:
    refused(org_url, "officer", "set", "adi", "--role", "supervisor", code=2, saying="last active admin")
    refused(
        org_url, "officer", "set", "adi", "--role", "officer", code=2, saying="your own role", officer="adi"
    )  # an admin demoting himself is told to ask another, even when there are others
    refused(org_url, "officer", "set", "tidak.ada", "--name", "Siapa", code=5, saying="no officer with login")
    refused(org_url, "officer", "set", "ani", "--unit", "tidak-ada", code=5, saying="no unit with code 'tidak-ada'")
    refused(org_url, "officer", "set", "ani", code=2, saying="nothing to change")
    refused(org_url, "officer", "set", "ani", "--role", "raja", code=2, saying="invalid choice")
    refused(org_url, "officer", "set", "ani", "--unit", code=2, saying="expected at least one argument")
    refused(org_url, "officer", "set", "ani", "--name", "", code=2, saying="officer name is empty")
    refused(org_url, "officer", "set", "ani", "--role", "admin", code=5, saying="only admins", officer="ani")
    refused(org_url, "officer", "set", "sari", "--unit", "kanreg-1", code=5, saying="only admins", officer="sari")
    # With a second admin, the first may be made an officer (by the owner, or by the other admin).
    assert run(org_url, "officer", "set", "budi", "--role", "admin", officer="adi").returncode == 0
    demoted = ok_json(org_url, "officer", "set", "adi", "--role", "officer", officer="budi")
    assert demoted["role"] == "officer"
