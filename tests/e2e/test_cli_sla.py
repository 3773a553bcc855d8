"""``aduan sla``: rules set from the command line take effect on new tickets; bad input changes nothing;
the sweep escalates a breach once."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

import pytest
from sqlalchemy import select, update

from desktop.store.schema import sla_clock
from desktop.store.service import Store
from tests.e2e.cli import ok_json, run
from tests.e2e.small_org import create, small_org
from tests.store.helpers import snapshot


@pytest.fixture
def org_url(migrated_url: str) -> Iterator[str]:
    small_org(migrated_url)
    yield migrated_url


def test_rules_from_the_command_line_set_the_deadlines(org_url: str) -> None:
    assert run(org_url, "sla", "calendar", "set", "--unit", "humas", "--timezone", "Asia/Makassar").returncode == 0
    saved = ok_json(org_url, "sla", "policy", "set", "--unit", "humas", "--verify", "1", "--resolution", "30")
    listed = ok_json(org_url, "sla", "policy", "list")
    assert [p["id"] for p in listed] == [saved["id"]] and listed[0]["verify_working_days"] == 1
    made = create(org_url)
    store = Store(org_url)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(sla_clock.c.clock, sla_clock.c.target_minutes).where(sla_clock.c.ticket_id == UUID(str(made["id"])))
        )
        targets = {r.clock: r.target_minutes for r in rows}
    assert targets == {"response": 480, "resolution": 30 * 24 * 60}
    store.dispose()


def test_bad_rules_are_refused_clearly_and_change_nothing(org_url: str) -> None:
    before = snapshot(Store(org_url).engine)
    for args, message in (
        (("sla", "calendar", "set", "--hours", "16:00-08:00"), "start before they end"),
        (("sla", "calendar", "set", "--weekend", "0,1,2,3,4,5,6"), "leave a working day"),
        (("sla", "calendar", "set", "--timezone", "Europe/Nowhere"), "time zone"),
        (("sla", "policy", "set", "--verify", "0"), "at least one day"),
        (("sla", "policy", "set", "--unit", "nope"), "no unit"),
        (("sla", "day-off", "add", "2026-02-30", "Libur"), "not a date"),
        (("sla", "policy", "set", "--unit", "humas"), "only supervisors and admins"),
    ):
        officer = "ani" if "humas" in args and "--unit" in args else None
        done = run(org_url, *args, officer=officer)
        assert done.returncode in (2, 5), (args, done.stderr)
        assert message in done.stderr, (args, done.stderr)
    assert snapshot(Store(org_url).engine) == before


def test_the_sweep_escalates_a_breach_once(org_url: str) -> None:
    made = create(org_url)
    store = Store(org_url)
    with store.engine.begin() as conn:
        running = conn.execute(
            select(sla_clock.c.running_since).where(
                sla_clock.c.ticket_id == UUID(str(made["id"])), sla_clock.c.clock == "response"
            )
        ).scalar_one()
        conn.execute(
            update(sla_clock)
            .where(sla_clock.c.ticket_id == UUID(str(made["id"])), sla_clock.c.clock == "response")
            .values(used_minutes=sla_clock.c.target_minutes, due_at=running)
        )
    store.dispose()
    first = ok_json(org_url, "sla", "sweep")
    assert first["escalated"] == [{"tracking_no": made["tracking_no"], "clock": "response"}]
    assert ok_json(org_url, "sla", "sweep") == {"escalated": [], "closed": []}
