"""The rising-topic alert for supervisors (desktop/ui/spike_watch.py, views/spikes.py, tray.Notifier): a supervisor's
or admin's desktop asks for the statistics' topics and tells each rising, named topic once a week; an officer's
desktop never tells one; the message can be turned off, and clicking it asks for the Topics tab.

No figure depends on today: the reports and "this week" are those of tests/ui/test_stats_topics.py (a fixed
Wednesday in March 2026, whose week has six reports about OTP against one a week before: tests/ui/topics_world.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.reports.topics import TopicRow
from desktop.settings import Settings
from desktop.sync.session import Session
from desktop.ui.ops import Ops
from desktop.ui.spike_watch import SpikeWatch
from desktop.ui.tray import Notifier
from tests.ui.conftest import session_for
from tests.ui.topics_world import UNTIL, with_a_rising_topic

TIMEOUT = 20_000


@pytest.fixture
def world(org_url: str) -> str:
    return with_a_rising_topic(org_url)


@pytest.fixture
def ani(world: str, tmp_path: Path) -> Iterator[Session]:
    session = session_for(world, "ani", tmp_path)
    yield session
    session.close()


@pytest.fixture
def adi(world: str, tmp_path: Path) -> Iterator[Session]:
    session = session_for(world, "adi", tmp_path)
    yield session
    session.close()


def looked(qtbot: QtBot, watch: SpikeWatch) -> list[list[TopicRow]]:
    """One look of ``watch``; what it said was rising."""
    told: list[list[TopicRow]] = []
    watch.rising.connect(told.append)
    before = watch.checks
    watch.check()
    qtbot.waitUntil(lambda: watch.checks > before, timeout=TIMEOUT)
    watch.rising.disconnect(told.append)
    return told


def test_an_admin_is_told_a_rising_topic_once_a_week(qtbot: QtBot, adi: Session, ops: Ops) -> None:
    watch = SpikeWatch(adi, ops, as_of=lambda: UNTIL)
    first = looked(qtbot, watch)
    assert len(first) == 1 and len(first[0]) == 1
    rising = first[0][0]
    assert rising.spike and "otp" in rising.terms and rising.this_week == 6
    assert looked(qtbot, watch) == []  # the same week: told already


def test_an_officers_desktop_tells_no_topic(qtbot: QtBot, ani: Session, ops: Ops) -> None:
    watch = SpikeWatch(ani, ops, as_of=lambda: UNTIL)
    assert looked(qtbot, watch) == []
    assert watch.told == set()


def test_the_tray_says_the_rising_topic_unless_turned_off_and_clicking_asks_for_the_topics(
    qtbot: QtBot, adi: Session, ops: Ops, tmp_path: Path
) -> None:
    watch = SpikeWatch(adi, ops, as_of=lambda: UNTIL)
    (rows,) = looked(qtbot, watch)
    settings = Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "settings.json")
    notifier = Notifier(adi, ops, settings)
    notifier.announce_spikes(rows)
    terms = ", ".join(rows[0].terms)
    assert notifier.shown == [("A topic is rising", f"6 reports about “{terms}” since Monday, 6× the usual")]
    wanted: list[bool] = []
    notifier.topics_wanted.connect(lambda: wanted.append(True))
    notifier._clicked()  # what the tray's messageClicked calls
    assert wanted == [True]
    settings.set("notify_spikes", "off")
    notifier.announce_spikes(rows)
    assert len(notifier.shown) == 1
    notifier.close()
