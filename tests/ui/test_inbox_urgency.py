"""The inbox's urgency at a glance, headless: the badge of each state in words, icon, colour and accessible
text; the most urgent first by default; each view's count on its tab; breaches in *Needs attention*."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon
from pytestqt.qtbot import QtBot

from desktop.cache.database import Cache
from desktop.sync.session import Session
from desktop.ui import icons, inbox_view
from desktop.ui.attention_panel import AttentionPanel
from desktop.ui.events import Events
from desktop.ui.inbox_model import InboxModel
from desktop.ui.inbox_view import InboxView
from desktop.ui.labels import local_time
from desktop.ui.ops import Ops
from desktop.views import inbox
from desktop.views.attention import attention_items
from desktop.views.deadlines import Urgency, end_of_local_day, urgency
from desktop.views.inbox import Column, InboxQuery, View
from tests.sync.urgency_cache import EXPECTED, STATES, fill_urgencies, six_in_the_morning

WORDS = {
    Urgency.OVERDUE: "Overdue ",
    Urgency.DUE_TODAY: "Due today ",
    Urgency.DUE_SOON: "Due soon, ",
    Urgency.ON_TIME: "On time, ",
}


class FilledSession:
    def __init__(self, cache: Cache) -> None:
        self.cache = cache


@pytest.fixture
def states(tmp_path: Path) -> Iterator[tuple[Session, dict[str, UUID], datetime]]:
    cache = Cache(tmp_path / "urgency.cache.db")
    now = datetime.utcnow()
    with cache.write() as conn:
        ids = fill_urgencies(conn, now)
    yield FilledSession(cache), ids, now  # type: ignore[misc]
    cache.dispose()


def shown_model(qtbot: QtBot, session: Session, ops: Ops, now: datetime) -> InboxModel:
    model = InboxModel(session, ops)
    model.zone = six_in_the_morning(now)
    model.set_query(InboxQuery(View.EVERYTHING))
    qtbot.waitUntil(
        lambda: model.rowCount() == len(STATES) and model.index(0, 0).data(Qt.ItemDataRole.UserRole) is not None
    )
    return model


def test_each_badge_says_its_state_in_words_icon_colour_and_accessible_text(
    qtbot: QtBot, states: tuple[Session, dict[str, UUID], datetime], ops: Ops
) -> None:
    session, ids, now = states
    model = shown_model(qtbot, session, ops, now)
    rows = {UUID(model.index(r, 0).data(Qt.ItemDataRole.UserRole)): r for r in range(model.rowCount())}
    for name, expected in EXPECTED.items():
        badge = model.index(rows[ids[name]], Column.DEADLINE)
        words = badge.data()
        spoken = badge.data(Qt.ItemDataRole.AccessibleTextRole)
        hours = STATES[name][0]
        if expected is Urgency.NONE:
            assert words == "" and badge.data(Qt.ItemDataRole.DecorationRole) is None, name
            assert spoken == ("No deadline" if hours is None else spoken), name
            assert hours is None or spoken.startswith("Finished; the deadline was "), name
            continue
        assert words.startswith(WORDS[expected]), (name, words)
        picture = badge.data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(picture, QIcon) and not picture.pixmap(16, 16).isNull(), name
        assert (
            picture.name()
            == {
                Urgency.OVERDUE: "overdue",
                Urgency.DUE_TODAY: "due-today",
                Urgency.DUE_SOON: "due-soon",
                Urgency.ON_TIME: "on-time",
            }[expected]
        )
        colour = badge.data(Qt.ItemDataRole.ForegroundRole)
        assert isinstance(colour, QColor) and colour == icons.tone(picture.name()), name
        shown_row = model._row(rows[ids[name]])
        assert shown_row is not None
        due = local_time(shown_row.due_at)
        assert spoken == f"{words} (deadline {due})", name
        assert badge.data(Qt.ItemDataRole.ToolTipRole) == spoken, "the tooltip gives the exact deadline too"
    overdue = model.index(rows[ids["overdue_long"]], Column.DEADLINE).data()
    assert overdue == "Overdue 1 day 6 h", "how long ago, in words"
    assert model.headerData(Column.DEADLINE, Qt.Orientation.Horizontal) == "Deadline"


def test_the_badge_icons_follow_a_theme_switch(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.ui import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    picture = icons.icon("overdue")  # made once, painted after each switch
    colours = []
    try:
        for choice in ("light", "dark"):
            theme.apply(app, choice)
            image = picture.pixmap(24, 24).toImage()
            painted = [image.pixelColor(x, y) for x in range(24) for y in range(24) if image.pixelColor(x, y).alpha()]
            colours.append(max(painted, key=lambda c: c.alpha()).name())
    finally:
        theme.apply(app, "light")
    assert colours == [icons.TONES["overdue"][0], icons.TONES["overdue"][1]]


def test_the_inbox_shows_the_most_urgent_first_by_default(
    qtbot: QtBot, states: tuple[Session, dict[str, UUID], datetime], ops: Ops
) -> None:
    session, ids, now = states
    view = InboxView(session, ops, Events())
    qtbot.addWidget(view)
    view.views.setCurrentIndex([v for v, _title in inbox_view.VIEWS].index(View.EVERYTHING))
    qtbot.waitUntil(lambda: view.model.query.view is View.EVERYTHING and view.model.rowCount() == len(STATES))
    qtbot.waitUntil(lambda: view.model.index(0, 0).data(Qt.ItemDataRole.UserRole) is not None)
    assert view.table.horizontalHeader().sortIndicatorSection() == Column.DEADLINE
    shown = [UUID(view.model.index(r, 0).data(Qt.ItemDataRole.UserRole)) for r in range(view.model.rowCount())]
    today_ends = end_of_local_day(now, six_in_the_morning(now))
    with session.cache.read() as conn:
        due = {r.ticket_id: (r.due_at, r.status) for r in inbox.page(conn, InboxQuery(View.EVERYTHING))}
    badges = [urgency(*due[t], now, today_ends) for t in shown]
    assert badges == sorted(badges), "by badge, most urgent first"
    assert shown[:2] == [ids["overdue_long"], ids["overdue"]], "the oldest breach first"
    assert shown[-2:] == [ids["no_deadline"], ids["finished"]]


def test_every_view_tab_shows_its_count_and_caps_it(
    qtbot: QtBot, states: tuple[Session, dict[str, UUID], datetime], ops: Ops, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, _ids, _now = states
    events = Events()
    view = InboxView(session, ops, events)
    qtbot.addWidget(view)
    with session.cache.read() as conn:
        want = {v: inbox.count(conn, InboxQuery(v)) for v in View}
    titles = {v: title for v, title in inbox_view.VIEWS}

    def tab(v: View) -> str:
        return view.views.tabText([x for x, _t in inbox_view.VIEWS].index(v))

    qtbot.waitUntil(lambda: all(tab(v) == f"{titles[v]} ({want[v]})" for v in View))
    assert want[View.EVERYTHING] == len(STATES) and want[View.MINE] == 2
    monkeypatch.setattr(inbox_view, "VIEW_COUNT_CAP", 3)
    events.cache_changed.emit()  # the counts are read again on every change of the cache
    qtbot.waitUntil(lambda: tab(View.EVERYTHING) == f"{titles[View.EVERYTHING]} (3+)")
    assert tab(View.MINE) == f"{titles[View.MINE]} (2)"


def test_breaches_and_reports_due_today_need_attention_with_their_badge(
    qtbot: QtBot, states: tuple[Session, dict[str, UUID], datetime], ops: Ops
) -> None:
    session, ids, now = states
    with session.cache.read() as conn:
        items = attention_items(conn, now, end_of_local_day(now, six_in_the_morning(now)))
    panel = AttentionPanel(session, ops, Events())
    qtbot.addWidget(panel)
    panel.show_items(items)
    assert panel.list.count() == 3
    texts = [panel.list.item(r).text() for r in range(3)]
    assert texts[0].startswith("Overdue: ADU-2026-000001 (deadline ")
    assert texts[1].startswith("Overdue: ADU-2026-000002 (deadline ")
    assert texts[2].startswith("Due today: ADU-2026-000003 (deadline ")
    for r, name in enumerate(("overdue", "overdue", "due-today")):
        entry = panel.list.item(r)
        assert entry.icon().name() == name and not entry.icon().pixmap(16, 16).isNull()
        assert entry.data(Qt.ItemDataRole.AccessibleTextRole) == entry.text()
    panel.list.setCurrentRow(0)
    assert panel.open_button.isEnabled() and not panel.dismiss_button.isEnabled(), "it goes when the work is done"
    assert "Open the report and act on it" in panel.detail.text()
    opened: list[str] = []
    panel.events.open_ticket.connect(opened.append)
    panel.open_button.click()
    assert opened == [str(ids["overdue_long"])]
