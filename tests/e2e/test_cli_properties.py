"""``aduan ticket set`` and ``ticket status --comment``, as real child processes: directly on the database and
offline-first through the cache, the same JSON keys both ways, refusals with their exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import audit
from desktop.store.service import Store
from tests.e2e.cli import ok_json, run
from tests.e2e.small_org import small_org
from tests.store.helpers import new_ticket


@pytest.fixture
def org_url(migrated_url: str) -> Iterator[str]:
    small_org(migrated_url)
    yield migrated_url


def test_set_changes_priority_category_and_kind_and_refuses_what_it_should(org_url: str, tmp_path: Path) -> None:
    store = Store(org_url, officer="ani")
    ref = new_ticket(store).tracking_no
    ok_json(org_url, "ticket", "claim", ref, officer="ani")
    changed = ok_json(
        org_url,
        "ticket",
        "set",
        ref,
        "--priority",
        "tinggi",
        "--category",
        "Jalan",
        "--kind",
        "aspirasi",
        officer="ani",
    )
    assert changed["tracking_no"] == ref and changed["priority"] == 3
    assert (changed["category"], changed["kind"]) == ("Jalan", "aspirasi")
    assert run(org_url, "ticket", "set", ref, officer="ani").returncode == 2  # nothing named
    assert run(org_url, "ticket", "set", ref, "--priority", "genting", officer="ani").returncode == 2
    assert run(org_url, "ticket", "set", ref, "--priority", "1", officer="budi").returncode == 3  # not the holder
    commented = ok_json(org_url, "ticket", "status", ref, "diverifikasi", "--comment", "dicek", officer="ani")
    assert commented["status"] == "diverifikasi"

    # Offline-first through the cache: queued, pushed, the same keys.
    cache = tmp_path / "ani.cache"
    through = ok_json(org_url, "--cache", str(cache), "ticket", "set", ref, "--category", "", officer="ani")
    assert through["category"] is None and through["priority"] == 3
    events = store.view(audit.ticket_history, ref)
    assert [e.action for e in events if e.action.startswith("set_")] == [
        "set_priority",
        "set_kind",
        "set_category",
        "set_category",
    ]
    assert [e.detail.get("comment") for e in events if e.action == "status"] == ["dicek"]
    store.dispose()
