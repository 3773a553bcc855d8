"""The window's size fits the screen it opens on, and what the officer arranged (size, splitter, tab) is
remembered for them (issue 17: a hard-coded 1360×820 was taller than a 1366×768 laptop)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter
from pytestqt.qtbot import QtBot

from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.sync.session import Session
from desktop.ui.main_window import ATTENTION_TAB, DEFAULT_SIZE, DISCUSSION_TAB, INBOX_TAB, MainWindow, default_size
from desktop.ui.ops import Ops


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "config" / "settings.json")


@pytest.fixture
def open_window(qtbot: QtBot, session: Session, settings: Settings) -> Iterator[Callable[[], MainWindow]]:
    """Opens a window on ani's session, as the app does after signing in; all of them closed after the test."""
    ops = Ops()
    made: list[MainWindow] = []

    def opened() -> MainWindow:
        window = MainWindow(session, ops, settings, MemoryCredentials())
        qtbot.addWidget(window)
        made.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield opened
    for window in made:
        window.sync.stop()
    ops.shutdown()


@pytest.mark.parametrize(
    ("free", "fits"),
    [(QSize(1366, 728), QSize(1366, 728)), (QSize(1280, 680), QSize(1280, 680)), (QSize(1920, 1040), DEFAULT_SIZE)],
)
def test_the_default_size_fits_the_screens_free_area(free: QSize, fits: QSize) -> None:
    size = default_size(free)
    assert size.width() <= fits.width() and size.height() <= fits.height()
    assert size.height() >= free.height() * 0.85 or size == DEFAULT_SIZE  # and uses it


def test_the_window_opens_within_the_screen_and_fits_a_laptop(open_window: Callable[[], MainWindow]) -> None:
    window = open_window()
    free = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    assert window.height() <= free.height() and free.contains(window.geometry().center())
    laptop = QSize(1366, 728)  # 1366×768 less a task bar
    assert window.minimumSizeHint().boundedTo(laptop) == window.minimumSizeHint()


def test_size_splitter_and_tab_are_remembered_for_the_officer(
    qtbot: QtBot, open_window: Callable[[], MainWindow]
) -> None:
    first = open_window()
    # The offscreen screen is narrower than the window's least width: the height tells the size was remembered.
    first.resize(first.minimumSizeHint().width(), 640)
    first.work_splitter.setSizes([400, 700])
    first.tabs.setCurrentIndex(ATTENTION_TAB)
    sizes = first.work_splitter.sizes()
    first.close()
    again = open_window()
    assert (again.width(), again.height()) == (first.width(), 640)
    assert again.tabs.currentIndex() == ATTENTION_TAB
    again.tabs.setCurrentIndex(INBOX_TAB)  # the splitter is laid out where it shows
    qtbot.waitUntil(lambda: again.work_splitter.sizes() == sizes, timeout=5_000)


def test_the_splitters_of_the_other_panes_are_remembered_too(
    qtbot: QtBot, open_window: Callable[[], MainWindow]
) -> None:
    first = open_window()
    first.resize(first.minimumSizeHint().width(), 640)
    arranged = {}
    for tab, name in ((DISCUSSION_TAB, "discussionSplitter"), (ATTENTION_TAB, "attentionSplitter")):
        first.tabs.setCurrentIndex(tab)
        splitter = first.findChild(QSplitter, name)
        assert splitter is not None, name
        total = sum(splitter.sizes())
        splitter.setSizes([total // 4, total - total // 4])
        arranged[name] = splitter.sizes()
    first.close()
    again = open_window()
    for tab, name in ((DISCUSSION_TAB, "discussionSplitter"), (ATTENTION_TAB, "attentionSplitter")):
        again.tabs.setCurrentIndex(tab)
        splitter = again.findChild(QSplitter, name)
        assert splitter is not None
        qtbot.waitUntil(lambda s=splitter, n=name: s.sizes() == arranged[n], timeout=5_000)
