"""The team discussion view on a real central database and cache, headless."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.cache import schema as s
from desktop.sync.session import Session
from desktop.ui.discussion_view import DiscussionView
from desktop.ui.events import Events
from desktop.ui.ops import Ops
from tests.ui.conftest import session_for


def shown_view(qtbot: QtBot, session: Session, ops: Ops, events: Events) -> DiscussionView:
    view = DiscussionView(session, ops, events)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitUntil(lambda: view.board is not None, timeout=10_000)
    return view


def texts(widget: object) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]  # type: ignore[attr-defined]


def test_a_thread_is_started_in_the_dialog_and_posted_to(qtbot: QtBot, session: Session, ops: Ops) -> None:
    events = Events()
    view = shown_view(qtbot, session, ops, events)
    assert view.thread_list.count() == 0 and not view.composer.isEnabled()

    view.new_action.trigger()
    dialog = view.new_thread_dialog
    assert dialog is not None and dialog.isVisible() and dialog.unit.currentData() == "humas"
    dialog.body.setPlainText("Siapa yang piket tanggal 17?")
    dialog.ticket.setText("ADU-1999-999999")
    dialog.title.setText("Piket 17 Agustus")
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=10_000)
    assert "ADU-1999-999999" in dialog.problem.text() and dialog.isVisible()
    assert dialog.body.toPlainText() == "Siapa yang piket tanggal 17?", "nothing typed is lost"

    dialog.ticket.clear()
    with qtbot.waitSignal(events.queued, timeout=10_000):
        dialog.start_button.click()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: view.thread_list.count() == 1 and view.post_list.count() == 1, timeout=10_000)
    assert texts(view.thread_list)[0].startswith("Piket 17 Agustus\nhumas")
    assert "not sent yet" in texts(view.thread_list)[0]
    assert "queued, not sent yet" in texts(view.post_list)[0] and view.title.text() == "Piket 17 Agustus"

    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=5_000)
    view.composer.setFocus()
    qtbot.waitUntil(view.composer.hasFocus, timeout=5_000)
    qtbot.keyClicks(view.composer, "Saya bisa, cc @bu")
    popup = view.composer.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=5_000)
    assert view.composer.completer.currentCompletion() == "budi"
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # choose the completion
    assert view.composer.toPlainText() == "Saya bisa, cc @budi "
    with qtbot.waitSignal(events.queued, timeout=10_000):
        qtbot.keyClick(view.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.post_list.count() == 2, timeout=10_000)
    assert view.composer.toPlainText() == ""
    assert texts(view.post_list)[1].endswith("queued, not sent yet\nSaya bisa, cc @budi")

    qtbot.keyClicks(view.composer, "Satu lagi")
    session.engine.sync()
    events.cache_changed.emit()
    qtbot.waitUntil(lambda: not any("not sent yet" in t for t in texts(view.post_list)), timeout=10_000)
    assert view.post_list.count() == 2 and view.title.text() == "Piket 17 Agustus", "the selection stays"
    assert view.composer.toPlainText() == "Satu lagi", "and so does the text being typed"


def test_a_colleagues_posts_show_unread_and_mentions_open_where_they_are(
    qtbot: QtBot, org_url: str, session: Session, ops: Ops, tmp_path: Path
) -> None:
    budi = session_for(org_url, "budi", tmp_path)
    with session.cache.read() as conn:
        ticket_id, tracking_no = conn.execute(
            select(s.ticket.c.id, s.ticket.c.tracking_no).order_by(s.ticket.c.tracking_no).limit(1)
        ).one()
    op = budi.desk.start_discussion("humas", "Rapat evaluasi", "Halo @ani, rapat jam 10.", ticket_ref=tracking_no)
    budi.desk.note(tracking_no, "@ani pelapor minta ditelepon.")
    budi.engine.sync()
    budi.close()
    session.engine.sync()

    events = Events()
    view = shown_view(qtbot, session, ops, events)
    assert view.thread_list.count() == 1 and "1 unread" in texts(view.thread_list)[0]
    assert view.unread_total() == 1 and view.unseen_mentions() == 2
    assert view.tabs.tabText(1) == "Mentions (2 new)"

    with qtbot.waitSignal(view.unread_changed, timeout=10_000):
        view.tabs.setCurrentIndex(1)  # shown: the mentions count as seen
    assert view.unseen_mentions() == 0 and view.tabs.tabText(1) == "Mentions"
    note_row = next(i for i, t in enumerate(texts(view.mention_list)) if f"a note on {tracking_no}" in t)
    view.mention_list.setFocus()
    view.mention_list.setCurrentRow(note_row)
    with qtbot.waitSignal(events.open_ticket, timeout=5_000) as opened:
        qtbot.keyClick(view.mention_list, Qt.Key.Key_Return)
    assert opened.args == [str(ticket_id)]

    post_row = next(i for i, t in enumerate(texts(view.mention_list)) if "the thread “Rapat evaluasi”" in t)
    view.mention_list.setCurrentRow(post_row)
    qtbot.keyClick(view.mention_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.title.text() == "Rapat evaluasi" and view.unread_total() == 0, timeout=10_000)
    assert view.tabs.currentIndex() == 0 and view.selected == UUID(op.payload["discussion_id"])
    assert "unread" not in texts(view.thread_list)[0]
    assert view.open_ticket_button.isVisible() and tracking_no in view.open_ticket_button.text()
    with qtbot.waitSignal(events.open_ticket, timeout=5_000) as linked:
        view.open_ticket_button.click()
    assert linked.args == [str(ticket_id)]
