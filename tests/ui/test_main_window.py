"""The whole window on a real session: it opens on the cache, syncs in the background, and the GUI
thread never waits for a database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from desktop.domain.cache_notice import CacheNotice, CacheNoticeKind, UnreadableBecause
from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.sync.session import Session
from desktop.ui import i18n
from desktop.ui.main_window import ATTENTION_TAB, DISCUSSION_TAB, INBOX_TAB, REFERRALS_TAB, MainWindow
from desktop.ui.ops import Ops


@pytest.fixture
def window(qtbot: QtBot, session: Session, tmp_path: Path) -> Iterator[MainWindow]:
    settings = Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "settings.json")
    ops = Ops()
    opened = MainWindow(session, ops, settings, MemoryCredentials())
    qtbot.addWidget(opened)
    yield opened
    opened.sync.stop()
    ops.shutdown()


def test_the_gui_thread_never_touches_a_database(qtbot: QtBot, session: Session, window: MainWindow) -> None:
    gui = threading.main_thread()
    statements: list[tuple[str, str]] = []

    recording = threading.Event()
    recording.set()

    def record(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if recording.is_set():
            statements.append((threading.current_thread().name, statement.split(None, 1)[0]))

    for engine in (session.cache.engine, session.store.engine):
        event.listen(engine, "before_cursor_execute", record)
    try:
        # Listening before the window shows: the first background round may end before the inbox is filled.
        with qtbot.waitSignal(window.sync.finished, timeout=10_000):
            window.show()
        qtbot.waitUntil(lambda: window.inbox.model.rowCount() == 5, timeout=10_000)
        window.inbox.table.selectRow(0)
        opened = lambda: window.ticket.ticket_id is not None and bool(window.ticket.banner.text())  # noqa: E731
        qtbot.waitUntil(opened, timeout=10_000)
        with qtbot.waitSignal(window.sync.finished, timeout=10_000):
            window.ticket.claim_action.trigger()
        qtbot.waitUntil(lambda: window.ticket.banner.text().startswith("You hold this report"), timeout=10_000)
        for tab in (DISCUSSION_TAB, ATTENTION_TAB, REFERRALS_TAB, INBOX_TAB):
            window.tabs.setCurrentIndex(tab)
        qtbot.waitUntil(lambda: window.status.connection.text() == "Online", timeout=10_000)
    finally:
        # Stop recording rather than remove the listener: the cache thread may be running a statement now, and
        # removing a listener while it is called breaks that call. The engines end with the test's session.
        recording.clear()
    threads = {name for name, _ in statements}
    assert gui.name not in threads, [s for s in statements if s[0] == gui.name][:5]
    assert any(name.startswith("aduan-db") for name in threads)  # the cache was read, off the GUI thread
    # the claim reached the central database from the network pool
    assert any(name.startswith("aduan-net") and verb == "UPDATE" for name, verb in statements)


def test_the_demo_banner_offers_to_connect_to_the_units_server(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    assert not window.banner.isVisible()  # a real server's session: no demo banner
    window.session.demo = True
    demo = MainWindow(window.session, window.ops, window.settings, window.credentials)
    qtbot.addWidget(demo)
    demo.show()
    assert demo.banner.isVisible()
    assert demo.findChild(type(demo.banner), "demoBanner") is demo.banner
    demo.sync.stop()


def test_what_happened_to_the_local_cache_is_told_above_the_tabs_until_closed(
    qtbot: QtBot, qapp: QApplication, window: MainWindow
) -> None:
    i18n.install(qapp, "en")  # as the app does: English plurals come from their catalogue
    window.show()
    assert window.session.cache.notices == [] and not window.cache_notices.isVisible()
    kept = "/home/ani/.local/share/Aduan/cache/ani-1.db.unreadable-20260304T050607Z"
    window.session.cache.notices.append(
        CacheNotice(
            CacheNoticeKind.SET_ASIDE, "ani-1.db", kept_as=kept, because=UnreadableBecause.KEY_MISSING, queued=3
        )
    )
    told = MainWindow(window.session, window.ops, window.settings, window.credentials)
    qtbot.addWidget(told)
    told.show()
    assert told.cache_notices.isVisible()
    [line] = [label.text() for label in told.cache_notices.findChildren(QLabel, "cacheNotice")]
    assert kept in line and "3 changes not yet sent" in line and "no longer in your keyring" in line
    told.cache_notices.findChild(QPushButton, "cacheNoticeClose").click()
    assert not told.cache_notices.isVisible()
    told.sync.stop()
