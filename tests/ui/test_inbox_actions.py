"""The inbox as a work surface, on a real central database and cache: several rows selected and acted on at once
(each refusal named), the context menu by role, the column chooser and the remembered view, filters, sort and
columns, the empty result's notice, chat spellings in the search box, and the table following the ticket pane."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.cache import schema as s
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind
from desktop.store.canned import add_canned_response
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.bulk_actions import BulkOutcome, BulkSummaryDialog
from desktop.ui.canned_picker import CannedPicker
from desktop.ui.events import Events
from desktop.ui.inbox_layout import HIDDEN_KEY
from desktop.ui.inbox_view import VIEWS, InboxView
from desktop.ui.layout_memory import LayoutMemory
from desktop.ui.ops import Ops
from desktop.ui.ticket_dialogs import CloseDialog, StatusDialog
from desktop.views.inbox import Column, View
from tests.store.canned_helpers import as_owner
from tests.store.helpers import build_org, new_ticket
from tests.ui.conftest import session_for

OTP_SUBJECTS = ("OTP tidak terkirim", "Kode OTP tdk terkirim ke HP", "Lampu jalan mati", "Sampah menumpuk")


@pytest.fixture
def central(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path}/central.db"
    owner = Store(url)
    owner.upgrade()
    org = build_org(url)
    for subject in OTP_SUBJECTS:
        new_ticket(org.budi, subject=subject, body="Mohon dibantu")
    new_ticket(org.rudi, unit="kanreg-1", subject="Pelayanan KTP lambat")
    as_owner(owner, add_canned_response, "proses", "Sedang diproses", "Laporan {nomor_tiket} sedang kami proses.")
    org.close()
    owner.dispose()
    return url


@pytest.fixture
def ani(central: str, tmp_path: Path) -> Iterator[Session]:
    opened = session_for(central, "ani", tmp_path)
    yield opened
    opened.close()


def open_pane(qtbot: QtBot, session: Session, ops: Ops, view: View = View.EVERYTHING) -> tuple[InboxView, Events]:
    events = Events()
    pane = InboxView(session, ops, events)
    qtbot.addWidget(pane)
    pane.resize(1000, 500)
    pane.show()
    pane.views.setCurrentIndex([v for v, _title in VIEWS].index(view))
    qtbot.waitUntil(lambda: pane.model.query.view is view and pane.model.complete and rows_read(pane))
    return pane, events


def rows_read(pane: InboxView) -> bool:
    return all(pane.model.ticket_id(row) is not None for row in range(pane.model.rowCount()))


def row_of(pane: InboxView, subject: str) -> int:
    for row in range(pane.model.rowCount()):
        if pane.model.index(row, Column.SUBJECT).data() == subject:
            return row
    raise AssertionError(f"{subject!r} is not shown")


def select_rows(pane: InboxView, rows: list[int]) -> None:
    chosen = QItemSelection()
    for row in rows:
        chosen.select(pane.model.index(row, 0), pane.model.index(row, pane.model.columnCount() - 1))
    flags = QItemSelectionModel.SelectionFlag
    pane.table.selectionModel().select(chosen, flags.ClearAndSelect | flags.Rows)


def shown_actions(pane: InboxView) -> list[str]:
    """The context menu's entries, without the column chooser that ends it."""
    menu = pane.build_context_menu()
    entries = [action for action in menu.actions() if action.isVisible() and not action.isSeparator()]
    assert entries[-1].menu() is not None and entries[-1].menu().objectName() == "columnChooser"
    return [action.objectName() for action in entries[:-1]]


def open_dialog(cls: type) -> object:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]
    return found[-1] if found else None


# -- several reports at once -----------------------------------------------------------------------------------


def test_bulk_status_on_several_reports_names_the_one_refused(qtbot: QtBot, ani: Session, ops: Ops) -> None:
    pane, events = open_pane(qtbot, ani, ops)
    held = [row_of(pane, "OTP tidak terkirim"), row_of(pane, "Lampu jalan mati")]
    free = row_of(pane, "Sampah menumpuk")
    for row in held:
        ani.desk.claim(str(pane.model.ticket_id(row)))
    select_rows(pane, [*held, free])
    assert len(pane.selected_ticket_ids()) == 3
    finished: list[BulkOutcome] = []
    pane.bulk.finished.connect(finished.append)

    pane.bulk.status_action.trigger()
    qtbot.waitUntil(lambda: open_dialog(StatusDialog) is not None)
    dialog = open_dialog(StatusDialog)
    assert isinstance(dialog, StatusDialog)
    wanted = next(
        i
        for i in range(dialog.choices.count())
        if dialog.choices.item(i).data(Qt.ItemDataRole.UserRole) == Status.DIVERIFIKASI.value
    )
    dialog.choices.setCurrentRow(wanted)
    with qtbot.waitSignal(events.queued):
        dialog.accept()
    qtbot.waitUntil(lambda: bool(finished))

    outcome = finished[0]
    assert sorted(r.label.split(" — ")[1] for r in outcome.done) == ["Lampu jalan mati", "OTP tidak terkirim"]
    ((refused, why),) = outcome.refused
    assert refused.label.endswith("Sampah menumpuk") and refused.label.startswith("ADU-")
    assert why == "You do not hold this report. Take it first."
    summary = pane.bulk.summary
    assert isinstance(summary, BulkSummaryDialog) and summary.isVisible()
    assert summary.done_list.count() == 2 and summary.refused_list.count() == 1
    assert "Sampah menumpuk" in summary.refused_list.item(0).text() and why in summary.refused_list.item(0).text()
    assert summary.headline.text() == "Done for 2 of 3 reports."
    with ani.cache.read() as conn:
        from desktop.cache.overlay import seen

        statuses = {row: seen(conn, pane.model.ticket_id(row) or UUID(int=0)).status for row in [*held, free]}
    assert [statuses[row] for row in held] == [Status.DIVERIFIKASI] * 2 and statuses[free] is Status.DITERIMA


def test_bulk_take_then_canned_answer(qtbot: QtBot, ani: Session, ops: Ops) -> None:
    pane, _events = open_pane(qtbot, ani, ops)
    rows = [row_of(pane, "OTP tidak terkirim"), row_of(pane, "Kode OTP tdk terkirim ke HP")]
    select_rows(pane, rows)
    finished: list[BulkOutcome] = []
    pane.bulk.finished.connect(finished.append)
    pane.bulk.claim_action.trigger()
    qtbot.waitUntil(lambda: len(finished) == 1)
    assert len(finished[0].done) == 2 and not finished[0].refused
    assert pane.bulk.summary is not None and pane.bulk.summary.headline.text() == "Done for all 2 report(s)."
    # A canned response that does not exist for these reports' unit: each one is refused, with the reason.
    select_rows(pane, rows)
    pane.bulk.answer("no-such-template")
    qtbot.waitUntil(lambda: len(finished) == 2)
    assert not finished[1].done and len(finished[1].refused) == 2


def test_the_context_menu_follows_the_role(qtbot: QtBot, central: str, tmp_path: Path, ani: Session, ops: Ops) -> None:
    pane, _events = open_pane(qtbot, ani, ops)
    officer_menu = [
        "action_open",
        "action_claim",
        "action_release",
        "action_change_status",
        "action_transfer",
        "action_mark_duplicate",
        "action_bulk_canned",
    ]
    qtbot.waitUntil(lambda: shown_actions(pane) == officer_menu)
    assert not any(action.isEnabled() for action in pane.bulk.all()), "nothing selected"
    select_rows(pane, [0])
    pane.build_context_menu()
    assert all(action.isEnabled() for action in pane.bulk.all() if action.isVisible())

    sari = session_for(central, "sari", tmp_path)
    try:
        supervisor, _events = open_pane(qtbot, sari, ops)
        expected = ["action_open", "action_claim", "action_release", "action_steal", "action_bulk_assign"]
        expected += officer_menu[3:]
        qtbot.waitUntil(lambda: shown_actions(supervisor) == expected)
    finally:
        sari.close()
    # Other parts of the window add their own entries.
    extra = pane.bulk.open_action.__class__("Print…", pane)
    extra.setObjectName("action_print")
    pane.context_actions.append(extra)
    assert shown_actions(pane)[-1] == "action_print"


def test_shift_f10_opens_the_menu_for_the_current_row(qtbot: QtBot, ani: Session, ops: Ops) -> None:
    pane, _events = open_pane(qtbot, ani, ops)
    pane.table.setFocus()
    pane.table.selectRow(0)
    assert pane.menu_action.shortcut().toString() == "Shift+F10"
    pane.menu_action.trigger()
    qtbot.waitUntil(lambda: pane.context_menu is not None and pane.context_menu.isVisible())
    assert pane.context_menu is not None and pane.context_menu.actions()[0].objectName() == "action_open"
    pane.context_menu.close()


# -- columns, view and filters remembered ----------------------------------------------------------------------


def test_columns_chosen_and_arranged_are_remembered(qtbot: QtBot, ani: Session, ops: Ops, tmp_path: Path) -> None:
    memory = LayoutMemory(tmp_path / "layout.ini", "ani", "central")
    pane, _events = open_pane(qtbot, ani, ops)
    pane.remember(memory)
    chooser = pane.columns.chooser()
    by_name = {action.objectName(): action for action in chooser.actions()}
    assert not by_name["column_tracking_no"].isEnabled() and not by_name["column_subject"].isEnabled()
    assert all(action.isChecked() for action in chooser.actions())
    by_name["column_reporter"].toggle()
    by_name["column_channel"].toggle()
    header = pane.table.horizontalHeader()
    header.resizeSection(Column.SUBJECT, 333)
    header.moveSection(header.visualIndex(Column.UNIT), 0)
    pane.columns.show_column(Column.SUBJECT, False)  # refused: the subject always shows
    assert header.isSectionHidden(Column.REPORTER) and not header.isSectionHidden(Column.SUBJECT)
    memory.sync()

    again, _events = open_pane(qtbot, ani, ops)
    again.remember(LayoutMemory(tmp_path / "layout.ini", "ani", "central"))
    header = again.table.horizontalHeader()
    assert [c for c in Column if header.isSectionHidden(c)] == [Column.REPORTER, Column.CHANNEL]
    assert header.sectionSize(Column.SUBJECT) == 333 and header.visualIndex(Column.UNIT) == 0
    assert {a.objectName(): a.isChecked() for a in again.columns.chooser().actions()}["column_reporter"] is False
    # Another officer on the same computer keeps their own columns.
    budi = LayoutMemory(tmp_path / "layout.ini", "budi", "central")
    assert budi.get_list(HIDDEN_KEY) == []


def test_view_filters_and_sort_are_remembered(qtbot: QtBot, ani: Session, ops: Ops, tmp_path: Path) -> None:
    memory = LayoutMemory(tmp_path / "layout.ini", "ani", "central")
    pane, _events = open_pane(qtbot, ani, ops)
    pane.remember(memory)
    pane.views.setCurrentIndex([v for v, _t in VIEWS].index(View.MY_UNIT))
    pane.channel.setCurrentIndex(pane.channel.findData(Channel.EMAIL.value))
    qtbot.waitUntil(lambda: pane.unit.findData("humas") > 0)
    pane.unit.setCurrentIndex(pane.unit.findData("humas"))
    pane.sort_by(Column.SUBJECT, descending=True)
    qtbot.waitUntil(lambda: pane.model.query.sort is Column.SUBJECT and pane.model.query.unit == "humas")
    qtbot.waitUntil(lambda: memory.get_str("inbox/sort") == "SUBJECT" and memory.get_str("inbox/unit") == "humas")
    wanted = pane.model.query

    again = InboxView(ani, ops, Events())
    qtbot.addWidget(again)
    again.remember(LayoutMemory(tmp_path / "layout.ini", "ani", "central"))
    qtbot.waitUntil(lambda: again.model.query == wanted, timeout=10_000)
    assert again.views.currentIndex() == [v for v, _t in VIEWS].index(View.MY_UNIT)
    assert again.unit.currentData() == "humas" and again.channel.currentData() == Channel.EMAIL.value
    assert again.table.horizontalHeader().sortIndicatorSection() == Column.SUBJECT


# -- the empty result ------------------------------------------------------------------------------------------


def test_an_empty_result_says_why_and_offers_a_way_out(qtbot: QtBot, ani: Session, ops: Ops) -> None:
    pane, _events = open_pane(qtbot, ani, ops)
    assert not pane.empty.isVisible()
    pane.search.setText("otp tdk terkirim zzzq")
    pane.search.returnPressed.emit()
    qtbot.waitUntil(lambda: pane.empty.isVisible())
    assert "No reports match “otp tdk terkirim zzzq”." in pane.empty.text()
    assert 'href="clear"' in pane.empty.text() and "Clear the filters" in pane.empty.accessibleName()
    pane.empty.linkActivated.emit("clear")
    qtbot.waitUntil(lambda: pane.model.query.search == "" and not pane.empty.isVisible())

    pane.status.setCurrentIndex(pane.status.findData(Status.SELESAI.value))
    qtbot.waitUntil(lambda: pane.empty.isVisible())
    assert "No reports match these filters." in pane.empty.text() and 'href="clear"' in pane.empty.text()
    pane.search.setText("<b>x</b>")
    pane.search.returnPressed.emit()
    qtbot.waitUntil(lambda: "&lt;b&gt;" in pane.empty.text())  # the officer's text, never markup

    mine, _events = open_pane(qtbot, ani, ops, View.MINE)
    qtbot.waitUntil(lambda: mine.empty.isVisible())
    assert mine.empty.text() == "You hold no reports. Take one from Unclaimed." and "href" not in mine.empty.text()


# -- search with chat spellings ---------------------------------------------------------------------------------


def test_the_search_box_finds_chat_spellings(qtbot: QtBot, ani: Session, ops: Ops) -> None:
    pane, _events = open_pane(qtbot, ani, ops)
    found = {}
    for typed in ("otp tdk terkirim", "otp tidak terkirim", "otp gak terkirim"):
        pane.search.setText(typed)
        pane.search.returnPressed.emit()
        qtbot.waitUntil(lambda typed=typed: bool(pane.model.query.search == typed and pane.model.complete))  # type: ignore[misc]
        qtbot.waitUntil(lambda: rows_read(pane))
        found[typed] = {pane.model.index(r, Column.SUBJECT).data() for r in range(pane.model.rowCount())}
    assert found["otp tdk terkirim"] == found["otp tidak terkirim"] == found["otp gak terkirim"]
    assert found["otp tidak terkirim"] == {"OTP tidak terkirim", "Kode OTP tdk terkirim ke HP"}


# -- the table follows the ticket pane ----------------------------------------------------------------------


def test_a_report_recorded_here_becomes_the_tables_selection(qtbot: QtBot, ani: Session, ops: Ops) -> None:
    pane, events = open_pane(qtbot, ani, ops)
    before = row_of(pane, "Lampu jalan mati")
    pane.table.selectRow(before)
    qtbot.waitUntil(lambda: pane.selected_ticket() == pane.model.ticket_id(before))
    # As the main window does when the new-report dialog records one: the cache changed, the pane opens it.
    op = ani.desk.create("humas", Kind.PENGADUAN, Channel.PHONE, "Pohon tumbang", "Di depan kantor", anonymous=True)
    events.work_queued()
    events.open_ticket.emit(str(op.ticket_id))
    qtbot.waitUntil(lambda: pane.selected_ticket() == op.ticket_id, timeout=10_000)
    assert pane.selected_ticket_ids() == [op.ticket_id]


def test_after_taking_a_report_no_other_row_is_selected(qtbot: QtBot, ani: Session, ops: Ops) -> None:
    pane, events = open_pane(qtbot, ani, ops, View.UNCLAIMED)
    row = row_of(pane, "Lampu jalan mati")
    taken = pane.model.ticket_id(row)
    assert taken is not None and row + 1 < pane.model.rowCount()
    with qtbot.waitSignal(events.open_ticket):
        pane.table.selectRow(row)
    # The ticket pane's Take: the report leaves the Unclaimed view; the pane still shows it.
    ani.desk.claim(str(taken))
    with qtbot.waitSignal(pane.model.reloaded):
        events.work_queued()
    qtbot.waitUntil(lambda: pane.model.row_of(taken) is None)
    # The row it stood in now holds another report: the table must not point at that one.
    qtbot.waitUntil(lambda: not pane.table.currentIndex().isValid())
    assert pane.selected_ticket() is None and pane.selected_ticket_ids() == []


def test_a_reload_keeps_a_multiple_selection(qtbot: QtBot, ani: Session, ops: Ops) -> None:
    pane, events = open_pane(qtbot, ani, ops)
    rows = [row_of(pane, "OTP tidak terkirim"), row_of(pane, "Sampah menumpuk")]
    chosen = [pane.model.ticket_id(r) for r in rows]
    select_rows(pane, rows)
    with qtbot.waitSignal(pane.model.reloaded):
        events.cache_changed.emit()
    qtbot.waitUntil(lambda: sorted(map(str, pane.selected_ticket_ids())) == sorted(map(str, chosen)))
    qtbot.wait(100)  # the re-selection after the reload has run: still both
    assert sorted(map(str, pane.selected_ticket_ids())) == sorted(map(str, chosen))


def test_the_summary_lists_rows_not_read_yet() -> None:
    outcome = BulkOutcome("Claim", unread=3)
    dialog = BulkSummaryDialog(outcome)
    texts = [w.text() for w in dialog.findChildren(type(dialog.headline)) if w.objectName() == "bulkUnread"]
    assert texts == ["3 selected row(s) were not read yet and were left out: scroll to them and try again."]
    dialog.deleteLater()


def test_bulk_answer_with_a_reply_template_fills_it_in_for_each(qtbot: QtBot, ani: Session, ops: Ops) -> None:
    pane, _events = open_pane(qtbot, ani, ops)
    rows = [row_of(pane, "OTP tidak terkirim"), row_of(pane, "Lampu jalan mati"), row_of(pane, "Sampah menumpuk")]
    numbers = [pane.model.index(r, Column.TRACKING_NO).data() for r in rows]
    for row in rows[:2]:
        ani.desk.claim(str(pane.model.ticket_id(row)))
    select_rows(pane, rows)
    finished: list[BulkOutcome] = []
    pane.bulk.finished.connect(finished.append)
    pane.bulk.canned_action.trigger()
    qtbot.waitUntil(lambda: open_dialog(CannedPicker) is not None)
    picker = open_dialog(CannedPicker)
    assert isinstance(picker, CannedPicker) and picker.current() is not None
    topmost = pane.model.index(min(rows), Column.TRACKING_NO).data()  # the preview is filled in for the first
    assert picker.preview.toPlainText() == f"Laporan {topmost} sedang kami proses."
    picker.accept()
    qtbot.waitUntil(lambda: bool(finished))
    assert len(finished[0].done) == 2 and finished[0].refused[0][0].label.endswith("Sampah menumpuk")
    with ani.cache.read() as conn:
        texts = set(conn.execute(select(s.local_message.c.body_text)).scalars())
    assert texts == {f"Laporan {number} sedang kami proses." for number in numbers[:2]}


def test_bulk_closing_asks_for_the_answer_or_a_reason_and_lets_go(qtbot: QtBot, ani: Session, ops: Ops) -> None:
    pane, _events = open_pane(qtbot, ani, ops)
    held = [row_of(pane, "OTP tidak terkirim"), row_of(pane, "Lampu jalan mati")]
    free = row_of(pane, "Sampah menumpuk")
    ids = {row: pane.model.ticket_id(row) for row in [*held, free]}
    for row in held:
        ani.desk.claim(str(ids[row]))
    select_rows(pane, [*held, free])
    finished: list[BulkOutcome] = []
    pane.bulk.finished.connect(finished.append)
    pane.bulk.change_status(Status.DIARSIPKAN, "")
    qtbot.waitUntil(lambda: open_dialog(CloseDialog) is not None)
    dialog = open_dialog(CloseDialog)
    assert isinstance(dialog, CloseDialog)
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible(), "neither an answer nor a reason: it stays open"
    dialog.reason.setText("Laporan ganda yang sudah ditangani")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(finished))
    assert len(finished[0].done) == 2 and finished[0].refused[0][0].label.endswith("Sampah menumpuk")
    with ani.cache.read() as conn:
        from desktop.cache.overlay import seen

        after = {row: seen(conn, ids[row] or UUID(int=0)) for row in [*held, free]}
    assert all(after[row].status is Status.DIARSIPKAN and after[row].released for row in held)
    assert after[free].status is Status.DITERIMA
