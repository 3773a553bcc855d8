"""``aduan channel overview`` as a real process on every engine, on the conversations of
``tests/reports/channel_traffic.py`` read ``--as-of`` their fixed moment (nothing depends on today): the owner
sees every account, a supervisor her units' only, an officer is refused, a moment that is no moment is bad
usage."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.cli import ok_json, run
from tests.reports.channel_traffic import make_traffic
from tests.store.helpers import build_org

AS_OF = "2025-06-10T12:00:00+07:00"  # the traffic's NOW, written in WIB: the command line turns it into UTC


@pytest.fixture
def url(migrated_url: str) -> Iterator[str]:
    org = build_org(migrated_url)
    make_traffic(org)
    org.close()
    yield migrated_url


def test_the_owner_sees_every_account_and_a_supervisor_her_units(url: str) -> None:
    shown = ok_json(url, "channel", "overview", "--as-of", AS_OF)
    assert (shown["as_of"], shown["day"], shown["timezone"]) == ("2025-06-10T05:00:00Z", "2025-06-10", "Asia/Jakarta")
    figures = {
        a["name"]: (
            a["received_today"],
            a["sent_today"],
            a["awaiting_answer"],
            a["answered_7_days"],
            a["response_median_minutes"],
            a["response_p90_minutes"],
            a["held"],
        )
        for a in shown["accounts"]
    }
    assert figures == {
        "Pengaduan Humas": (2, 2, 1, 2, 780.0, 1500.0, 0),
        "Aspirasi Humas": (0, 1, 0, 0, None, None, 0),
        "Bot Kanreg I": (1, 0, 1, 0, None, None, 0),
    }
    assert shown["accounts"][2]["channel"] == "telegram" and shown["accounts"][2]["unit"] == "kanreg-1"

    text = run(url, "channel", "overview", "--as-of", AS_OF)
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[0] == "today 2025-06-10 (Asia/Jakarta), as of 2025-06-10T05:00 UTC"
    assert "in 2 out 2 awaiting 1 response 780/1500 min, failed 0" in text.stdout

    by_sari = ok_json(url, "channel", "overview", "--as-of", AS_OF, officer="sari")
    assert [a["name"] for a in by_sari["accounts"]] == ["Bot Kanreg I"]


def test_an_officer_is_refused_and_a_bad_moment_is_bad_usage(url: str) -> None:
    refused = run(url, "channel", "overview", "--json", officer="ani")
    assert refused.returncode == 5, refused.stderr
    bad = run(url, "channel", "overview", "--as-of", "yesterday")
    assert bad.returncode == 2 and "not a date and time: 'yesterday'" in bad.stderr
    too_early = run(url, "channel", "overview", "--as-of", "0001-01-01T00:00+07:00")
    assert too_early.returncode == 2 and "as_of" in too_early.stderr, too_early.stderr
