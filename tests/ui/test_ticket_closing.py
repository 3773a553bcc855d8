"""The ticket pane's properties, closing, status comments and history, headless on a real central database
(SQLite) and a real cache; the two *Take the next one* bugs; and the keyboard-only path claim → reply → close
with the pane's focus order and accessible names."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QTabBar, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.cache import schema as s
from desktop.desk.picking import next_candidate
from desktop.domain.errors import NotFound, Unreachable
from desktop.domain.status import Status
from desktop.domain.vocabulary import Kind, Priority
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.labels import priority_label, status_label
from desktop.ui.ops import Ops
from desktop.ui.ticket_dialogs import CloseDialog, PropertiesDialog, StatusDialog
from desktop.ui.ticket_view import TicketView
from tests.ui.conftest import session_for
from tests.ui.ticket_views import closed, first_ticket, open_view, queued, refreshed, shown_dialog

TIMEOUT = 10_000


def go_offline(session: Session, tmp_path: Path) -> Store:
    """The central database moves out of reach; the next sync fails and the cache knows it is offline."""
    online = session.engine.store
    session.engine.store = Store(f"sqlite:///{tmp_path / 'moved-away' / 'central.db'}", officer="ani")
    with pytest.raises(Unreachable):
        session.engine.sync()
    return online


def in_follow_up(session: Session, ticket_id: UUID) -> None:
    """Verified and followed up by ani, then let go: the ticket can be closed next."""
    ref = str(ticket_id)
    session.desk.claim(ref)
    session.desk.status(ref, Status.DIVERIFIKASI)
    session.desk.status(ref, Status.DITINDAKLANJUTI)
    session.desk.release(ref)
    session.engine.sync()


# -- the two bugs of *Take the next one* -------------------------------------------------------------------


def test_take_the_next_one_clears_the_warning_shown_before(
    qtbot: QtBot, session: Session, ops: Ops, org_url: str, tmp_path: Path
) -> None:
    """Failed before the fix: the same report came next and kept "budi holds this report…"."""
    ticket_id = first_ticket(session)
    budi = session_for(org_url, "budi", tmp_path)
    budi.desk.claim(str(ticket_id))
    budi.engine.sync()
    session.engine.sync()
    view = open_view(qtbot, session, ops, ticket_id)
    view.buttons["claim"].click()
    qtbot.waitUntil(lambda: view.message.isVisible(), timeout=TIMEOUT)
    assert view.message.text().startswith("budi holds this report")
    budi.desk.release(str(ticket_id))
    budi.engine.sync()
    budi.close()
    session.engine.sync()
    refreshed(qtbot, view, lambda: view.banner.text().startswith("Free"))

    with qtbot.waitSignal(view.events.open_ticket, timeout=TIMEOUT) as opened:
        view.next_action.trigger()
    assert UUID(opened.args[0]) == ticket_id  # the most urgent free report is this one again
    qtbot.waitUntil(lambda: "You claimed" in view.banner.text(), timeout=TIMEOUT)
    assert not view.message.isVisible() and view.message.text() == ""


def test_offline_take_the_next_one_says_it_needs_a_connection(
    qtbot: QtBot, session: Session, ops: Ops, tmp_path: Path
) -> None:
    """Failed before the fix: offline, with nothing free on this computer, it said "not found"."""
    view = open_view(qtbot, session, ops, first_ticket(session))
    online = go_offline(session, tmp_path)
    # Offline with free reports known here: the best guess is taken, and the officer told it is one.
    with qtbot.waitSignal(view.events.open_ticket, timeout=TIMEOUT) as opened:
        view.next_action.trigger()
    picked = UUID(opened.args[0])
    qtbot.waitUntil(lambda: view.ticket_id == picked and view.message.isVisible(), timeout=TIMEOUT)
    assert "needs a connection" in view.message.text()
    while True:  # every free report this computer knows of is taken too
        try:
            with session.cache.read() as conn:
                session.desk.claim(str(next_candidate(conn)))
        except NotFound:
            break
    view.show_message("")
    view.next_action.trigger()
    qtbot.waitUntil(lambda: view.message.isVisible(), timeout=TIMEOUT)
    assert view.message.text().startswith("Taking the next report needs a connection to the server")
    assert "not on this computer or no longer yours" not in view.message.text()  # what it said before
    session.engine.store.dispose()
    session.engine.store = online


# -- properties ------------------------------------------------------------------------------------------------


def test_priority_category_and_kind_change_at_once_and_go_through_the_outbox(
    qtbot: QtBot, session: Session, ops: Ops
) -> None:
    ticket_id = first_ticket(session)
    view = open_view(qtbot, session, ops, ticket_id)
    assert not view.properties_action.isEnabled()  # only the holder corrects a report
    view.claim_action.trigger()
    qtbot.waitUntil(lambda: view.properties_action.isEnabled(), timeout=TIMEOUT)
    view.properties_action.trigger()
    dialog = shown_dialog(qtbot, view, PropertiesDialog)
    dialog.accept()  # nothing changed: said, and the dialog stays
    assert dialog.isVisible() and dialog.error.text() == "Nothing was changed."
    dialog.priority.setCurrentIndex(dialog.priority.findData(int(Priority.DARURAT)))
    dialog.kind.setCurrentIndex(dialog.kind.findData(Kind.ASPIRASI.value))
    dialog.category.setEditText("  Jalan   rusak ")
    dialog.accept()
    qtbot.waitUntil(lambda: closed(dialog), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: priority_label(Priority.DARURAT) in view.facts.text(), timeout=TIMEOUT)
    assert queued(session, "set_properties") == [{"priority": 4, "kind": "aspirasi", "category": "Jalan rusak"}]
    session.engine.sync()
    refreshed(qtbot, view, lambda: priority_label(Priority.DARURAT) in view.facts.text())
    assert queued(session, "set_properties") == []


# -- closing and status comments -------------------------------------------------------------------------------


def test_closing_without_an_answer_asks_for_one_or_a_reason_and_lets_go(
    qtbot: QtBot, session: Session, ops: Ops
) -> None:
    ticket_id = first_ticket(session)
    in_follow_up(session, ticket_id)
    view = open_view(qtbot, session, ops, ticket_id)
    view.claim_action.trigger()
    qtbot.waitUntil(lambda: view.status_action.isEnabled(), timeout=TIMEOUT)
    view.status_action.trigger()
    status = shown_dialog(qtbot, view, StatusDialog)
    offered = [status.choices.item(i).text() for i in range(status.choices.count())]
    status.choices.setCurrentRow(offered.index(status_label(Status.SELESAI)))
    status.comment.setText("warga sudah dihubungi")
    status.accept()
    close = shown_dialog(qtbot, view, CloseDialog)
    assert close.answer.isVisible() and close.reason.text() == "warga sudah dihubungi"
    close.reason.clear()
    close.accept()  # neither an answer nor a reason: said, nothing queued
    assert close.isVisible() and close.error.text().startswith("Write the final answer to the reporter")
    assert queued(session, "status") == []
    close.answer.setPlainText("Jalan sudah diperbaiki Dinas PU. Terima kasih atas laporan Anda.")
    close.accept()
    qtbot.waitUntil(lambda: closed(close), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: status_label(Status.SELESAI) in view.facts.text(), timeout=TIMEOUT)
    assert view.banner.text().startswith("You let go of this report")
    with session.cache.read() as conn:
        kinds = conn.execute(select(s.outbox.c.kind).where(s.outbox.c.state == "pending").order_by(s.outbox.c.seq))
        assert list(kinds.scalars())[-3:] == ["reply", "status", "release"]


def test_a_status_comment_and_queued_changes_show_in_the_history_tab(
    qtbot: QtBot, session: Session, ops: Ops, tmp_path: Path
) -> None:
    ticket_id = first_ticket(session)
    view = open_view(qtbot, session, ops, ticket_id)
    assert view.pages.indexOf(view.history) >= 0  # its own tab
    view.claim_action.trigger()
    qtbot.waitUntil(lambda: view.status_action.isEnabled(), timeout=TIMEOUT)
    view.change_status(Status.DIVERIFIKASI, "identitas pelapor sudah dicek")
    qtbot.waitUntil(lambda: status_label(Status.DIVERIFIKASI) in view.facts.text(), timeout=TIMEOUT)
    session.engine.sync()
    view.pages.setCurrentWidget(view.history)
    history = view.history
    qtbot.waitUntil(lambda: any("comment: identitas" in r[2] for r in history.rows()), timeout=TIMEOUT)
    rows = history.rows()
    assert {r[1] for r in rows} == {"Ani Wijaya"}  # names, not logins
    assert "from Received to Verified; comment: identitas pelapor sudah dicek" in rows[-1][2]

    online = go_offline(session, tmp_path)
    direct, session.store = session.store, online.__class__(session.engine.store.url, officer="ani")
    session.desk.set_properties(str(ticket_id), priority=Priority.TINGGI)
    history.refresh()
    qtbot.waitUntil(lambda: history.status.isVisible(), timeout=TIMEOUT)
    queued_rows = [r for r in history.rows() if r[4] == "on this computer, not sent yet"]
    assert [r[2] for r in queued_rows] == [f"changed the priority to {priority_label(Priority.TINGGI)}"]
    assert queued_rows[0][1] == "Ani Wijaya"
    assert session.store is not None
    session.store.dispose()
    session.store = direct
    session.engine.store.dispose()
    session.engine.store = online


# -- keyboard only ---------------------------------------------------------------------------------------------


def focus_chain(view: TicketView, start: QWidget, steps: int = 200) -> list[QWidget]:
    """The widgets Tab visits from ``start``, in order, until it comes back or leaves the pane."""
    found: list[QWidget] = []
    widget: QWidget | None = start
    for _ in range(steps):
        assert widget is not None
        widget = widget.nextInFocusChain()
        if widget is start:
            break
        tabbable = widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if tabbable and view.isAncestorOf(widget):
            found.append(widget)
    return found


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says for a control: its accessible name, or a button's or tab bar's own text."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QTabBar):
        return widget.tabText(widget.currentIndex())
    return ""


def press(widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifiers)


def test_claim_reply_and_close_with_the_keyboard_only(qtbot: QtBot, session: Session, ops: Ops) -> None:
    ticket_id = first_ticket(session)
    in_follow_up(session, ticket_id)
    view = open_view(qtbot, session, ops, ticket_id)
    view.activateWindow()
    view.buttons["claim"].setFocus()
    qtbot.waitUntil(lambda: view.buttons["claim"].hasFocus(), timeout=TIMEOUT)
    press(view.buttons["claim"], Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "You claimed" in view.banner.text(), timeout=TIMEOUT)

    # Focus order: the claim row, then the work row, then the pages, then the composer; each named.
    chain = focus_chain(view, view.buttons["release"])
    names = [w.objectName() for w in chain]
    order = ["next_ticketButton", "change_statusButton", "transferButton", "edit_propertiesButton", "replyEdit"]
    assert set(order) <= set(names), names
    positions = [names.index(name) for name in order]
    assert positions == sorted(positions), names
    assert names.index("replyEdit") > max(i for i, w in enumerate(chain) if view.pages.isAncestorOf(w))
    unnamed = [w.objectName() or type(w).__name__ for w in chain if not spoken_name(w)]
    assert unnamed == []

    focused = view.buttons["release"]
    focused.setFocus()
    for _ in range(len(chain) + 1):  # Tab to the reply box
        if view.composer.reply_edit.hasFocus():
            break
        press(QApplication.focusWidget() or focused, Qt.Key.Key_Tab)
    assert view.composer.reply_edit.hasFocus()
    QTest.keyClicks(view.composer.reply_edit, "Jalan sudah diperbaiki. Terima kasih.")
    press(view.composer.reply_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "[queued]" in view.thread_view.toPlainText(), timeout=TIMEOUT)

    press(
        view.composer.reply_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    status = shown_dialog(qtbot, view, StatusDialog)
    qtbot.waitUntil(lambda: status.choices.hasFocus(), timeout=TIMEOUT)
    while status.chosen() is not Status.SELESAI:
        press(status.choices, Qt.Key.Key_Down)
    press(status.choices, Qt.Key.Key_Tab)
    assert status.comment.hasFocus()
    QTest.keyClicks(status.comment, "selesai ditangani")
    press(status.comment, Qt.Key.Key_Return)
    close = shown_dialog(qtbot, view, CloseDialog)
    assert close.answered and not close.answer.isVisible()  # the reply just queued is the final answer
    qtbot.waitUntil(lambda: close.reason.hasFocus(), timeout=TIMEOUT)
    assert close.reason.text() == "selesai ditangani"
    press(close.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: closed(close), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: status_label(Status.SELESAI) in view.facts.text(), timeout=TIMEOUT)
    assert view.banner.text().startswith("You let go of this report")
    assert queued(session, "status")[-1] == {"status": "selesai", "comment": "selesai ditangani"}
