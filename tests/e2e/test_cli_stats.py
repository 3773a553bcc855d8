"""``aduan stats volumes|backlog|service``: the figures in a child process, as JSON for scripts and as a
table for people; a supervisor asking for another unit's figures is refused (exit 5), a bad date is bad
usage (exit 2). Reports are received at fixed moments and every figure is asked for a fixed period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from uuid import UUID

import pytest

from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind
from desktop.store import claims, handling
from desktop.store.work import Work
from tests.e2e.cli import ok_json, run
from tests.reports.helpers import received_at
from tests.store.helpers import Org, build_org


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    for store, at, unit_code, channel in (
        (built.ani, datetime(2025, 1, 6, 2, 0), "humas", Channel.EMAIL),
        (built.ani, datetime(2025, 1, 20, 2, 0), "humas", Channel.WHATSAPP),
        (built.budi, datetime(2025, 2, 3, 2, 0), "humas", Channel.EMAIL),
        (built.rudi, datetime(2025, 2, 10, 2, 0), "kanreg-1", Channel.WEB),
    ):
        made = received_at(store, at, unit_code, channel=channel, kind=Kind.PENGADUAN, category="jalan")
        if unit_code == "kanreg-1":  # finished two days later: out of the backlog

            def finish(work: Work, ticket_id: UUID) -> None:
                work.prime(datetime(2025, 2, 12, 2, 0), None)
                token = int(claims.claim(work, ticket_id).claim.token)
                for status in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI):
                    handling.change_status(work, ticket_id, token, status)

            store.write(finish, made.id)
    yield built
    built.close()


def test_volumes_as_json_and_as_a_table(org: Org) -> None:
    period = ("--from", "2025-01-01", "--to", "2025-02-28")
    months = ok_json(org.url, "stats", "volumes", *period, "--by", "month", "--split", "unit")
    assert months == [
        {"period": "2025-01-01", "key": "humas", "count": 2},
        {"period": "2025-02-01", "key": "humas", "count": 1},
        {"period": "2025-02-01", "key": "kanreg-1", "count": 1},
    ]
    email = ok_json(org.url, "stats", "volumes", *period, "--by", "week", "--channel", "email")
    assert email == [
        {"period": "2025-01-06", "key": None, "count": 1},
        {"period": "2025-02-03", "key": None, "count": 1},
    ]
    shown = run(org.url, "stats", "volumes", *period, "--by", "month", "--split", "channel")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].split() == ["month", "channel", "received"]
    assert "2025-01-01  whatsapp" in shown.stdout and lines[-1] == "total 4"


def test_backlog_and_service_levels(org: Org) -> None:
    backlog = ok_json(org.url, "stats", "backlog", "--as-of", "2025-02-05")
    # The kanreg-1 report was finished; the one of 3 February is two days old, the others 16 and 30 days.
    assert sorted((b["status"], b["band"], b["count"]) for b in backlog) == [
        ("diterima", "0-3", 1),
        ("diterima", "11-30", 2),
    ]
    table = run(org.url, "stats", "backlog", "--as-of", "2025-02-05")
    assert table.returncode == 0 and "total" in table.stdout.splitlines()[-1]
    service = ok_json(org.url, "stats", "service", "--unit", "kanreg", "--as-of", "2025-02-28")
    unit_line = next(r for r in service if r["officer"] is None)
    assert unit_line["unit"] == "kanreg-1" and unit_line["received"] == 1
    assert unit_line["resolution"] == {"met": 1, "breached": 0, "running": 0, "median": 2.0, "p90": 2.0}
    assert unit_line["first_response"]["median"] == 16.0  # Mon 09.00 to Wed 09.00 WIB: 7 + 8 + 1 working hours
    assert [r["officer"] for r in service if r["officer"]] == ["rudi"]  # who finished it


def test_scope_refusals_and_bad_input(org: Org) -> None:
    refused = run(org.url, "stats", "volumes", "--unit", "humas", officer="sari")
    assert refused.returncode == 5 and "not yours" in refused.stderr
    mine = ok_json(org.url, "stats", "volumes", "--by", "month", "--split", "unit", officer="sari")
    assert [(r["key"], r["count"]) for r in mine] == [("kanreg-1", 1)]
    for args in (("--from", "2025-13-01"), ("--from", "2025-02-01", "--to", "2025-01-01"), ("--unit", "tidak-ada")):
        done = run(org.url, "stats", "service", *args)
        assert done.returncode == 2, (args, done.stderr)
