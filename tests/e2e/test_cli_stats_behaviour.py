"""``aduan stats flows|reopen|returning|heatmap`` in a child process: JSON for scripts, a table for people, and a
supervisor asking for another unit's figures refused (exit 5). Reports are received at fixed moments and
every figure is asked for a fixed period; on SQLite (the SQL per engine is tested in tests/reports)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind
from desktop.store import claims, handling
from tests.e2e.cli import ok_json, run
from tests.reports.helpers import received_at
from tests.store.helpers import Org, build_org

PERIOD = ("--from", "2025-03-01", "--to", "2025-03-31")


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    """Two March reports in humas (Monday 09.00 and 10.00 WIB, e-mail): the first finished and reopened, the
    second transferred to kanreg-1."""
    built = build_org(migrated_url)
    first, second = (
        received_at(built.ani, at, "humas", channel=Channel.EMAIL, kind=Kind.PENGADUAN, anonymous=False).id
        for at in (datetime(2025, 3, 3, 2, 0), datetime(2025, 3, 3, 3, 0))
    )
    token = int(built.ani.write(claims.claim, first).claim.token)
    for status in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI, Status.DITINDAKLANJUTI):
        built.ani.write(handling.change_status, first, token, status)
    token = int(built.ani.write(claims.claim, second).claim.token)
    built.ani.write(handling.transfer, second, token, "kanreg-1")
    yield built
    built.close()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_flows_and_reopen_as_json_and_the_heat_map_as_a_table(org: Org) -> None:
    assert ok_json(org.url, "stats", "flows", *PERIOD) == [
        {"kind": "transfer", "from_unit": "humas", "to_unit": "kanreg-1", "count": 1}
    ]
    assert ok_json(org.url, "stats", "reopen", *PERIOD, "--unit", "humas") == [
        {"unit": "humas", "finished": 1, "reopened": 1, "share": 1.0},
        {"unit": None, "finished": 1, "reopened": 1, "share": 1.0},
    ]
    shown = run(org.url, "stats", "heatmap", *PERIOD)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == "email" and lines[1].split()[:4] == ["day", "\\", "hour", "00"]
    monday = lines[3].split()
    assert monday[0] == "Mon" and monday[1 + 9] == "1" and monday[1 + 10] == "1" and monday[-1] == "2"
    assert all(line.split()[-1] == "0" for line in lines[4:10])  # no other day


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_supervisor_is_refused_another_units_returning_reporters(org: Org) -> None:
    refused = run(org.url, "stats", "returning", "--unit", "humas", officer="sari")
    assert refused.returncode == 5 and "not yours" in refused.stderr
