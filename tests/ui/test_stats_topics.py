"""The statistics window's topics tab (desktop/ui/stats/topics.py), on the embedded database: it shows the topics
``desktop.reports.topics`` finds for the same asker and week, the rising one highlighted (bold, with an arrow and
the word, not by colour alone) and said in a sentence, the others plain; it says how a topic was found.

No figure depends on today: the reports are received at fixed moments and the window's period ends on a fixed
Wednesday in the past, whose week is "this week"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Connection

from desktop.reports import figures, topics
from desktop.store.identity import load_actor
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.ops import Ops
from desktop.ui.stats.tables import shown_rows
from desktop.ui.stats.topics import TopicsView
from desktop.ui.stats.window import StatsWindow
from tests.ui.conftest import session_for
from tests.ui.topics_world import UNTIL, with_a_rising_topic

TIMEOUT = 20_000


@pytest.fixture
def world(org_url: str) -> str:
    return with_a_rising_topic(org_url)


@pytest.fixture
def adi(world: str, tmp_path: Path) -> Iterator[Session]:
    session = session_for(world, "adi", tmp_path)
    yield session
    session.close()


def reference(url: str) -> topics.TopicFigures:
    store = Store(url)

    def read(conn: Connection) -> topics.TopicFigures:
        scope = figures.scope_for(conn, load_actor(conn, "adi"), figures.StatsFilter())
        return topics.topics(conn, scope, figures.end_of_day(conn, scope, UNTIL))

    try:
        return store.read(read)
    finally:
        store.dispose()


def bold(view: TopicsView, row: int) -> bool:
    item = view.table.item(row, 0)
    assert item is not None
    return item.font().bold()


def test_the_topics_tab_shows_the_servers_topics_with_the_rising_one_highlighted(
    qtbot: QtBot, adi: Session, ops: Ops, world: str
) -> None:
    window = StatsWindow(adi, ops, today=date(2026, 4, 15))
    qtbot.addWidget(window)
    window.show()
    view = window.topics
    window.tables.setCurrentWidget(view)
    window.start()
    qtbot.waitUntil(lambda: view.answered > 0 or view.failed, timeout=TIMEOUT)
    before = view.answered
    window.filters.set_period(date(2026, 3, 1), UNTIL)
    qtbot.waitUntil(lambda: view.answered > before and view.shown_for is not None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: view.shown_for is not None and view.shown_for[1] == UNTIL, timeout=TIMEOUT)
    assert not view.failed, view.status.text()
    window.tables.setCurrentWidget(view)
    expected = reference(world)
    assert view.found == expected
    assert [r.this_week for r in expected.rows] == [6, 1] and [r.spike for r in expected.rows] == [True, False]
    rows = shown_rows(view.table)
    assert rows[0] == ["Topic", "This week", "Usual per week", "Ratio", "Open now", "Rising"]
    otp, lamp = expected.rows
    assert rows[1] == [", ".join(otp.terms), "6", "1", "6", "14", "▲ rising"]
    assert rows[2] == [", ".join(lamp.terms), "1", "0.5", "2", "5", ""]
    assert bold(view, 0) and not bold(view, 1)
    assert "otp" in otp.terms and "lampu" in lamp.terms
    assert view.alerts.isVisible() and view.alerts.text() == (
        f"▲ 6 reports about “{', '.join(otp.terms)}” since Monday, 6× the usual"
    )
    assert "9 Mar 2026 – 11 Mar 2026" in view.week.text()
    assert "a topic is a guess, open the reports to check" in view.how.text()
    # Another week: as of Sunday 1 March, OTP had its one report of the week, as usual; nothing rises.
    window.filters.set_period(date(2026, 2, 1), date(2026, 3, 1))
    qtbot.waitUntil(lambda: view.shown_for is not None and view.shown_for[1] == date(2026, 3, 1), timeout=TIMEOUT)
    assert view.found is not None and [(r.this_week, r.spike) for r in view.found.rows if "otp" in r.terms] == [
        (1, False)
    ]
    assert not view.alerts.isVisible() and not bold(view, 0)
