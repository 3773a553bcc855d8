"""``aduan ticket assign REF OFFICER``: directly on the central database and offline-first through a cache, with
the refusals' exit codes (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest

from desktop.store import claims
from desktop.store.service import Store
from tests.e2e.cli import ok_json, run
from tests.e2e.small_org import create, small_org
from tests.store.helpers import snapshot


@pytest.fixture
def org_url(migrated_url: str) -> Iterator[str]:
    small_org(migrated_url)
    yield migrated_url


def test_a_supervisor_assigns_directly_and_through_the_cache(org_url: str, tmp_path: Path) -> None:
    made = create(org_url)
    ref = str(made["tracking_no"])
    done = ok_json(org_url, "ticket", "assign", ref, "budi", officer="sari")
    assert done["holder"] == "budi" and done["state"] == "applied" and done["claim_token"] == 1
    assert done["assignee_name"] == "Budi" and done["previous_holder"] is None

    cache = tmp_path / "sari.cache.db"
    again = ok_json(org_url, "--cache", str(cache), "ticket", "assign", ref, "ani", officer="sari")
    assert again["holder"] == "ani" and again["state"] == "applied" and again["previous_holder"] == "budi"
    store = Store(org_url, "ani")
    assert store.view(claims.read_ticket, UUID(str(made["id"]))).claim.holder == "ani"
    store.dispose()


@pytest.mark.parametrize(
    ("officer", "assignee", "code", "words"),
    [
        ("ani", "budi", 5, "supervisors and admins"),
        ("sari", "tidakada", 5, "no officer"),
        ("sari", "", 2, "name the officer"),
    ],
)
def test_refusals_exit_with_their_codes_and_change_nothing(
    org_url: str, officer: str, assignee: str, code: int, words: str
) -> None:
    made = create(org_url)
    store = Store(org_url)
    before = snapshot(store.engine)
    done = run(org_url, "ticket", "assign", str(made["tracking_no"]), assignee, officer=officer)
    assert done.returncode == code and words in done.stderr, done.stderr
    assert snapshot(store.engine) == before
    store.dispose()
