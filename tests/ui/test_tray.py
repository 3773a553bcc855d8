"""A desktop notification is shown through the tray after a round brings news, and clicking it opens the report.
Only the tray's showMessage is observed; what to tell is decided by the real code on ani's real cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot
from uuid6 import uuid7

from desktop.domain.inbound import InboundMessage
from desktop.domain.vocabulary import Channel
from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.store import claims, discussions, intake
from desktop.store.service import Store
from desktop.store.work import begin
from desktop.sync.session import Session
from desktop.ui.main_window import MainWindow
from desktop.ui.ops import Ops
from desktop.views.tickets import list_tickets

TIMEOUT = 10_000


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """A platform with a tray, whose messages are recorded instead of drawn."""
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda _self: None)  # offscreen has no tray to show it in
    monkeypatch.setattr(
        QSystemTrayIcon, "showMessage", lambda _self, title, text, *_rest: messages.append((title, text))
    )
    return messages


@pytest.fixture
def window(qtbot: QtBot, session: Session, tmp_path: Path, shown: list[tuple[str, str]]) -> Iterator[MainWindow]:
    settings = Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "config" / "settings.json")
    ops = Ops()
    opened = MainWindow(session, ops, settings, MemoryCredentials())
    qtbot.addWidget(opened)
    yield opened
    opened.sync.stop()
    ops.shutdown()


def citizen_writes(url: str, tracking_no: str) -> None:
    message = InboundMessage(
        channel=Channel.EMAIL,
        external_id=f"<{uuid7()}@warga.example>",
        sender_address="warga@example.org",
        sender_name=None,
        subject=f"Re: [{tracking_no}] Jalan berlubang",
        text="Lubangnya makin besar.",
    )
    owner = Store(url)
    try:
        owner.admin(lambda conn: intake.receive(begin(conn, None), message, "humas"))
    finally:
        owner.dispose()


def test_a_reply_from_the_reporter_is_notified_and_clicking_opens_the_report(
    qtbot: QtBot, window: MainWindow, session: Session, org_url: str, shown: list[tuple[str, str]]
) -> None:
    with session.cache.read() as conn:
        ticket = next(t for t in list_tickets(conn) if t.subject == "Jalan berlubang")
    ani = Store(org_url, "ani")
    ani.write(claims.claim, ticket.id)
    ani.dispose()
    session.engine.sync()
    notifier = window.notifier
    assert notifier.tray is not None
    notifier.check()  # the first mark, as the window takes it at start
    qtbot.waitUntil(lambda: notifier.mark is not None, timeout=TIMEOUT)

    citizen_writes(org_url, ticket.tracking_no)
    session.engine.sync()
    notifier.check()  # as after a sync round
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    assert shown == [("The reporter wrote again", f"The reporter wrote again on report {ticket.tracking_no}.")]

    notifier.tray.messageClicked.emit()
    qtbot.waitUntil(lambda: window.ticket.ticket_id == ticket.id, timeout=TIMEOUT)

    # Turned off in Settings: the next one is not shown.
    window.settings.set("notify_citizen_reply", "off")
    citizen_writes(org_url, ticket.tracking_no)
    session.engine.sync()
    mark = notifier.mark
    notifier.check()
    qtbot.waitUntil(lambda: notifier.mark is not mark, timeout=TIMEOUT)
    assert len(shown) == 1


def test_a_mention_in_a_thread_without_a_report_opens_that_thread(
    qtbot: QtBot, window: MainWindow, session: Session, org_url: str, shown: list[tuple[str, str]]
) -> None:
    notifier = window.notifier
    assert notifier.tray is not None
    notifier.check()
    qtbot.waitUntil(lambda: notifier.mark is not None, timeout=TIMEOUT)
    thread = uuid7()
    budi = Store(org_url, "budi")
    budi.write(discussions.start_discussion, thread, "humas", "Piket Sabtu", "@ani bisa gantikan saya Sabtu?", uuid7())
    budi.dispose()
    session.engine.sync()
    notifier.check()
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    assert shown == [("You were mentioned", "You were mentioned in a team discussion.")]

    notifier.tray.messageClicked.emit()
    qtbot.waitUntil(lambda: window.discussion.selected == thread, timeout=TIMEOUT)
    assert window.tabs.currentWidget() is window.discussion
