"""Canned responses in the composer, on a real central database (SQLite) and a real cache, headless:
rendered for the ticket, refused in words when a value is missing, and remembered with the reply."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.cache import schema as s
from desktop.domain.vocabulary import Channel, Kind
from desktop.store.canned import add_canned_response
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.events import Events
from desktop.ui.ops import Ops
from desktop.ui.ticket_view import TicketView
from desktop.views.canned import deadline_date
from desktop.views.tickets import list_tickets
from tests.store.canned_helpers import as_owner

TIMEOUT = 10_000
FULL = "Yth. {nama_pelapor}, laporan {nomor_tiket} ditangani {unit} paling lambat {tenggat}."


@pytest.fixture
def templated(session: Session, org_url: str) -> Session:
    """ani's session, with a global template using every variable and one using none."""
    owner = Store(org_url)
    as_owner(owner, add_canned_response, "tenggat", "Tenggat penyelesaian", FULL)
    as_owner(owner, add_canned_response, "sapa", "Sapaan", "Terima kasih atas laporan Anda.")
    owner.dispose()
    session.engine.sync()
    return session


def open_view(qtbot: QtBot, session: Session, ops: Ops, ticket_id: UUID) -> TicketView:
    events = Events()
    view = TicketView(session, ops, events)
    events.open_ticket.connect(view.open_ticket)
    qtbot.addWidget(view)
    view.show()
    events.open_ticket.emit(str(ticket_id))
    qtbot.waitUntil(
        lambda: view.loaded is not None and view.loaded.cached.detail.ticket.id == ticket_id, timeout=TIMEOUT
    )
    qtbot.waitUntil(lambda: len(view.composer.canned.responses) == 2, timeout=TIMEOUT)
    return view


def choose(view: TicketView, title: str) -> None:
    """Pick a canned response in the composer's picker, as the officer does: search by title, Enter."""
    view.composer.insert_canned.trigger()
    picker = view.composer.canned_picker
    assert picker is not None
    picker.search.setText(title)
    assert picker.current() is not None and picker.current().title == title  # type: ignore[union-attr]
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert view.composer.canned_picker is None


def queued_replies(session: Session) -> list[dict[str, Any]]:
    with session.cache.read() as conn:
        payloads = conn.execute(select(s.outbox.c.payload).where(s.outbox.c.kind == "reply").order_by(s.outbox.c.seq))
        return [json.loads(p) for p in payloads.scalars()]


def test_a_canned_response_is_filled_in_for_the_ticket_and_named_with_the_reply(
    qtbot: QtBot, templated: Session, ops: Ops
) -> None:
    with templated.cache.read() as conn:
        ticket = next(t for t in list_tickets(conn) if t.subject == "Jalan berlubang")
    assert ticket.due_at is not None
    templated.desk.claim(str(ticket.id))
    view = open_view(qtbot, templated, ops, ticket.id)

    choose(view, "Tenggat penyelesaian")
    expected = (
        f"Yth. Pelapor, laporan {ticket.tracking_no} ditangani Biro Humas "
        f"paling lambat {deadline_date(ticket.due_at, 'Asia/Jakarta')}."
    )  # the test tickets have no reporter's name: the masked form
    assert view.composer.reply_edit.toPlainText() == expected
    assert not view.composer.canned_error.isVisible()
    assert view.composer.canned_used == "tenggat@1"

    view.composer.send_button.click()
    qtbot.waitUntil(lambda: view.composer.reply_edit.toPlainText() == "", timeout=TIMEOUT)
    assert [(p["text"], p.get("canned")) for p in queued_replies(templated)] == [(expected, "tenggat@1")]
    assert view.composer.canned_used is None  # sent: the next reply starts afresh


def test_a_reply_the_officer_rewrote_from_scratch_names_no_template(qtbot: QtBot, templated: Session, ops: Ops) -> None:
    with templated.cache.read() as conn:
        ticket = next(t for t in list_tickets(conn) if t.subject == "Lampu jalan mati")
    templated.desk.claim(str(ticket.id))
    view = open_view(qtbot, templated, ops, ticket.id)
    choose(view, "Sapaan")
    assert view.composer.canned_used == "sapa@1"
    view.composer.reply_edit.clear()  # the officer empties the box and writes their own answer
    assert view.composer.canned_used is None
    qtbot.keyClicks(view.composer.reply_edit, "Laporan Anda sedang kami periksa.")
    view.composer.send_button.click()
    qtbot.waitUntil(lambda: bool(queued_replies(templated)), timeout=TIMEOUT)
    assert [(p["text"], p.get("canned")) for p in queued_replies(templated)] == [
        ("Laporan Anda sedang kami periksa.", None)
    ]


def test_a_missing_value_inserts_nothing_and_says_which_and_why(qtbot: QtBot, templated: Session, ops: Ops) -> None:
    made = templated.desk.create("humas", Kind.PENGADUAN, Channel.PHONE, "Parit tersumbat", "Parit di RT 03 tersumbat.")
    assert made.ticket_id is not None
    view = open_view(qtbot, templated, ops, made.ticket_id)
    qtbot.keyClicks(view.composer.reply_edit, "Draf: ")

    choose(view, "Tenggat penyelesaian")
    assert view.composer.reply_edit.toPlainText() == "Draf: "  # nothing half-filled was inserted
    assert view.composer.canned_error.isVisible()
    message = view.composer.canned_error.text()
    assert "“Tenggat penyelesaian” cannot be used for this report, so nothing was inserted." in message
    assert "{nomor_tiket}: the report has no tracking number yet" in message
    assert "{tenggat}: the report has no resolution deadline yet" in message
    assert view.composer.canned_used is None

    choose(view, "Sapaan")  # one without variables still works, and the message goes
    assert view.composer.reply_edit.toPlainText() == "Draf: Terima kasih atas laporan Anda."
    assert not view.composer.canned_error.isVisible()


def test_the_picker_searches_previews_and_inserts_from_the_keyboard_alone(
    qtbot: QtBot, templated: Session, ops: Ops
) -> None:
    with templated.cache.read() as conn:
        ticket = next(t for t in list_tickets(conn) if t.subject == "Jalan berlubang")
    templated.desk.claim(str(ticket.id))
    view = open_view(qtbot, templated, ops, ticket.id)
    view.composer.reply_edit.setFocus()
    qtbot.keyClicks(view.composer.reply_edit, "Awal. ")

    view.composer.insert_canned.trigger()
    picker = view.composer.canned_picker
    assert picker is not None
    qtbot.waitUntil(lambda: picker.search.hasFocus() or not picker.isActiveWindow(), timeout=TIMEOUT)
    assert [picker.list.item(i).text() for i in range(picker.list.count())] == ["Sapaan", "Tenggat penyelesaian"]
    qtbot.keyClicks(picker.search, "tdk lambat")  # matches the text ("paling lambat"), not a title
    assert [picker.list.item(i).text() for i in range(picker.list.count())] == []
    assert picker.empty.isVisible() and not picker.insert_button.isEnabled()
    picker.search.clear()
    qtbot.keyClicks(picker.search, "paling lambat")
    assert [picker.list.item(i).text() for i in range(picker.list.count())] == ["Tenggat penyelesaian"]
    assert picker.preview.toPlainText().startswith(f"Yth. Pelapor, laporan {ticket.tracking_no} ditangani")
    picker.search.clear()
    QTest.keyClick(picker.search, Qt.Key.Key_Down)  # the search keeps the focus; the list follows the arrows
    assert picker.current() is not None and picker.current().title == "Tenggat penyelesaian"  # type: ignore[union-attr]
    QTest.keyClick(picker.search, Qt.Key.Key_Escape)
    assert view.composer.canned_picker is None
    assert view.composer.reply_edit.toPlainText() == "Awal. "  # cancelled: nothing inserted

    view.composer.insert_canned.trigger()
    picker = view.composer.canned_picker
    assert picker is not None
    qtbot.keyClicks(picker.search, "terima kasih")
    assert picker.preview.toPlainText() == "Terima kasih atas laporan Anda."
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert view.composer.reply_edit.toPlainText() == "Awal. Terima kasih atas laporan Anda."
    assert view.composer.canned_used == "sapa@1"


def test_the_preview_of_a_template_that_cannot_be_filled_says_why(qtbot: QtBot, templated: Session, ops: Ops) -> None:
    made = templated.desk.create("humas", Kind.PENGADUAN, Channel.PHONE, "Parit tersumbat", "Parit di RT 03 tersumbat.")
    assert made.ticket_id is not None
    view = open_view(qtbot, templated, ops, made.ticket_id)
    view.composer.insert_canned.trigger()
    picker = view.composer.canned_picker
    assert picker is not None
    qtbot.keyClicks(picker.search, "tenggat")
    assert "{nomor_tiket}: the report has no tracking number yet" in picker.preview.toPlainText()
    QTest.keyClick(picker.search, Qt.Key.Key_Escape)
