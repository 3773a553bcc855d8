"""The thread as colleagues read it: authors by name, not login; and it follows what the officer just wrote."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.sync.session import Session
from desktop.ui.ops import Ops
from tests.ui.ticket_views import first_ticket, open_view

TIMEOUT = 10_000
LONG_NOTE = "\n".join(f"Baris {n} dari catatan panjang tentang pemeriksaan lapangan." for n in range(60))


def test_authors_are_named_and_the_thread_scrolls_to_a_reply_just_sent(
    qtbot: QtBot, session: Session, ops: Ops
) -> None:
    ticket_id = first_ticket(session)
    session.desk.claim(str(ticket_id))
    session.desk.note(str(ticket_id), LONG_NOTE)  # a thread taller than the pane
    session.engine.sync()
    view = open_view(qtbot, session, ops, ticket_id)
    view.resize(700, 500)
    thread = view.thread_view
    qtbot.waitUntil(lambda: "Internal note by Ani Wijaya" in thread.toPlainText(), timeout=TIMEOUT)
    assert "by ani " not in thread.toPlainText()  # the login is not how colleagues know her
    bar = thread.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=TIMEOUT)
    bar.setValue(0)  # the officer reads from the top, then answers

    qtbot.keyClicks(view.composer.reply_edit, "Laporan Anda sedang kami periksa.")
    view.composer.send_button.click()
    qtbot.waitUntil(lambda: "Reply by Ani Wijaya" in thread.toPlainText(), timeout=TIMEOUT)
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
