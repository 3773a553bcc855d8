"""The channel overview (desktop/reports/channels.py, the ``channel overview`` command) on every engine, on the
hand-made conversations of ``channel_traffic.py`` read as of a fixed ``NOW`` — so nothing here depends on
today."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from desktop.domain.errors import NotPermitted
from desktop.domain.vocabulary import Channel, Role
from desktop.reports.channels import AccountFigures, channel_overview
from desktop.server import commands
from desktop.store.identity import load_actor
from tests.reports.channel_traffic import HOUR, NOW, Accounts, make_traffic
from tests.store.helpers import Org, add_officer_without_login, build_org


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


@pytest.fixture
def traffic(org: Org) -> Accounts:
    return make_traffic(org)


def figures_of(found: list[AccountFigures]) -> dict[str, tuple[object, ...]]:
    return {
        f.health.name: (f.received_today, f.sent_today, f.waiting, f.answered, f.median_minutes, f.p90_minutes)
        for f in found
    }


def test_every_account_as_of_a_fixed_moment(org: Org, traffic: Accounts) -> None:
    overview = org.admin.read(channel_overview, NOW, None)
    assert overview.day == date(2025, 6, 10) and overview.timezone == "Asia/Jakarta" and overview.as_of == NOW
    assert [f.health.id for f in overview.accounts] == [traffic.mailbox, traffic.second, traffic.bot]
    assert figures_of(overview.accounts) == {
        # in: the answered report and the archived one (the one after now is not yet); out: the acknowledgement
        # and the answer; waiting: yesterday's; response: 60 and 1500 minutes (median 780, nearest-rank p90 1500)
        "Pengaduan Humas": (2, 2, 1, 2, 780.0, 1500.0),
        # its message came yesterday; the moved report's answer went out through it; nobody waits on it
        "Aspirasi Humas": (0, 1, 0, 0, None, None),
        "Bot Kanreg I": (1, 0, 1, 0, None, None),
    }
    bot = overview.accounts[2].health
    assert (bot.channel, bot.unit, bot.enabled) == (Channel.TELEGRAM, "kanreg-1", True)
    assert overview.accounts[0].health.backlog == 3  # the health as ``channel list`` says it: 3 answers queued


def test_the_day_and_the_week_follow_now(org: Org, traffic: Accounts) -> None:
    """A day later the counts of today are empty, and the week still holds both answers; eight days later the
    answers have left the week counted; before everything happened nothing is there."""
    tomorrow = figures_of(org.admin.read(channel_overview, NOW + 24 * HOUR, None).accounts)
    assert tomorrow["Pengaduan Humas"] == (0, 0, 2, 2, 780.0, 1500.0)  # the one "after now" came, and waits too
    later = figures_of(org.admin.read(channel_overview, NOW + 8 * 24 * HOUR, None).accounts)
    assert later["Pengaduan Humas"][3:] == (0, None, None)
    before = figures_of(org.admin.read(channel_overview, datetime(2025, 5, 1), None).accounts)
    assert set(before.values()) == {(0, 0, 0, 0, None, None)}


def test_a_supervisor_sees_her_units_accounts_and_an_officer_none(org: Org, traffic: Accounts) -> None:
    request = commands.OverviewQuery(as_of=NOW)
    sari = org.admin.read(load_actor, "sari")  # supervisor of kanreg, above kanreg-1
    seen = commands.run_direct(commands.channel_overview, org.sari, sari, request)
    assert figures_of(seen.accounts) == {"Bot Kanreg I": (1, 0, 1, 0, None, None)}
    everything = commands.run_direct(commands.channel_overview, org.admin, None, request)  # the owner
    assert len(everything.accounts) == 3
    org.admin.admin(add_officer_without_login, "adi", "Adi", ["kanreg-1"], Role.ADMIN)
    adi = org.admin.read(load_actor, "adi")  # an admin of kanreg-1 still watches every account
    assert len(commands.run_direct(commands.channel_overview, org.admin, adi, request).accounts) == 3
    with pytest.raises(NotPermitted):
        commands.run_direct(commands.channel_overview, org.ani, org.admin.read(load_actor, "ani"), request)
