"""The first-run tour: five steps over the real window, each framing its widget; once per officer; skipped
with Escape; reopened from Help → Tour; usable from the keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.sync.session import Session
from desktop.ui import i18n, tour
from desktop.ui.layout_memory import LayoutMemory
from desktop.ui.main_window import MainWindow
from desktop.ui.ops import Ops


@pytest.fixture
def window(qtbot: QtBot, session: Session, tmp_path: Path) -> Iterator[MainWindow]:
    settings = Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "settings.json")
    ops = Ops()
    opened = MainWindow(session, ops, settings, MemoryCredentials())
    qtbot.addWidget(opened)
    opened.resize(1366, 768)
    opened.show()
    qtbot.waitExposed(opened)
    yield opened
    opened.sync.stop()
    ops.shutdown()


def framed(shown: tour.Tour, window: MainWindow, widget: QWidget, part: QRect | None = None) -> bool:
    rect = part if part is not None else widget.rect()
    return shown.highlight.contains(QRect(widget.mapTo(window, rect.topLeft()), rect.size()))


def test_the_tour_walks_five_steps_each_framing_its_widget(qtbot: QtBot, window: MainWindow) -> None:
    shown = tour.offer_first_run_tour(window, window.layout_memory)
    assert shown is not None and shown.isVisible()
    bar = window.tabs.tabBar()
    expected = [
        (window.inbox.views, None),
        (window.ticket.buttons["next_ticket"], None),
        (window.ticket.composer, None),
        (bar, bar.tabRect(window.tabs.indexOf(window.discussion))),
        (bar, bar.tabRect(window.tabs.indexOf(window.attention))),
    ]
    for number, (widget, part) in enumerate(expected, start=1):
        assert shown.counter.text() == f"Step {number} of 5"
        assert not shown.highlight.isNull() and framed(shown, window, widget, part), number
        assert shown.card.geometry().intersected(shown.highlight).isEmpty()  # the card does not hide it
        assert shown.rect().contains(shown.card.geometry())
        if number < 5:
            QTest.keyClick(shown.next_button, Qt.Key.Key_Return)  # the keyboard alone
    assert shown.next_button.text() == "Done"
    QTest.keyClick(shown.next_button, Qt.Key.Key_Left)
    assert shown.counter.text() == "Step 4 of 5"
    with qtbot.waitSignal(shown.finished) as ended:
        shown.next_button.click()
        shown.next_button.click()
    assert ended.args == [True] and not shown.isVisible()
    assert tour.tour_seen(window.layout_memory)
    assert tour.offer_first_run_tour(window, window.layout_memory) is None  # once per officer


def test_escape_skips_the_tour_for_good_and_help_opens_it_again(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    shown = tour.offer_first_run_tour(window, window.layout_memory)
    assert shown is not None
    with qtbot.waitSignal(shown.finished) as ended:
        QTest.keyClick(shown.next_button, Qt.Key.Key_Escape)
    assert ended.args == [False] and not shown.isVisible()
    assert tour.tour_seen(LayoutMemory(window.layout_memory.path, "ani", window._server_identity()))  # kept

    window.tour_action.trigger()  # Help → Tour
    reopened = window.findChild(tour.Tour)
    assert reopened is not None and reopened.isVisible() and reopened.counter.text() == "Step 1 of 5"
    window.resize(1100, 700)  # the frame follows the window
    qtbot.waitUntil(lambda: reopened.geometry() == window.rect())
    assert framed(reopened, window, window.inbox.views)


def test_another_officer_on_the_same_computer_still_gets_the_tour(tmp_path: Path, window: MainWindow) -> None:
    tour.offer_first_run_tour(window, window.layout_memory)
    window.findChild(tour.Tour).skip()  # type: ignore[union-attr]
    budi = LayoutMemory.beside(window.settings, "budi", window._server_identity())
    assert tour.tour_seen(window.layout_memory) and not tour.tour_seen(budi)


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_step_shows_all_its_words_below_its_title(
    qapp: QApplication, qtbot: QtBot, window: MainWindow, language: str
) -> None:
    before = QLocale()
    i18n.install(qapp, language)  # Indonesian steps are the longer ones
    try:
        shown = tour.open_tour(window, None)
        for number in range(1, 6):
            shown.show_step(number - 1)
            text, title = shown.text, shown.title
            assert text.geometry().top() >= title.geometry().bottom(), number  # not drawn over its title
            assert text.height() >= text.heightForWidth(text.width()), number  # no line cut off
            assert shown.card.rect().contains(text.geometry()), number
        shown.close()
    finally:
        i18n.install(qapp, "en")
        QLocale.setDefault(before)
