"""``aduan stats topics``: recurring topics and the ones rising this week, in a child process, as a table with
the spike alert first and as JSON. The reports are received at fixed moments and the week is fixed by
``--as-of``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from tests.e2e.cli import run
from tests.reports.helpers import received_at
from tests.store.helpers import Org, build_org

MONDAY = date(2025, 6, 9)
OTP = ("Kode OTP tidak terkirim", "Kode OTP aplikasi layanan tidak terkirim ke HP saya")


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    days = [MONDAY - timedelta(weeks=w, days=-1) for w in range(1, 9)] + [
        MONDAY + timedelta(days=n % 2) for n in range(6)
    ]
    for day in days:
        moment = datetime(day.year, day.month, day.day, 3, 0)
        received_at(built.ani, moment, "humas", subject=OTP[0], body=OTP[1], anonymous=False, confidential=False)
    yield built
    built.close()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_topics_as_a_table_with_the_alert_and_as_json(org: Org) -> None:
    shown = run(org.url, "stats", "topics", "--as-of", "2025-06-10")
    assert shown.returncode == 0, shown.stderr
    first = shown.stdout.splitlines()[0]
    assert first.startswith("! 6 reports about ") and "otp" in first and first.endswith("since Monday, 6x the usual")
    assert "this week: 2025-06-09 to 2025-06-10" in shown.stdout
    as_json = run(org.url, "stats", "topics", "--as-of", "2025-06-10", "--json")
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert (data["week_start"], data["as_of"], data["reports"], data["topics"]) == ("2025-06-09", "2025-06-10", 14, 1)
    [row] = data["rows"]
    assert (row["this_week"], row["usual"], row["ratio"], row["spike"], row["open_now"]) == (6, 1.0, 6.0, True, 14)
    refused = run(org.url, "stats", "topics", "--from", "2025-06-01")
    assert refused.returncode == 2  # no period: bad usage
