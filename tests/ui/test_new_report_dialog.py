"""Recording a report taken by phone, at the desk or by letter, headless, on a real central database
(SQLite) and ani's real cache: the form checks what is missing, refuses a file it cannot take (naming it)
while keeping the others, queues the report with its scans, and keeps what was typed on a refusal."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.cache import schema as s
from desktop.domain.scans import MAX_SCAN_BYTES
from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.sync.session import Session
from desktop.ui.main_window import MainWindow
from desktop.ui.new_report_dialog import NewReportDialog
from desktop.ui.ops import Ops
from desktop.views.report_form import ReportChoices

TIMEOUT = 10_000
PDF = b"%PDF-1.4\n% surat warga\n" + bytes(range(256)) * 16 + b"\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8


def open_dialog(qtbot: QtBot, session: Session, ops: Ops) -> NewReportDialog:
    dialog = NewReportDialog(session, ops)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=TIMEOUT)
    return dialog


def outbox(session: Session) -> list[dict[str, object]]:
    with session.cache.read() as conn:
        return [json.loads(r.payload) for r in conn.execute(select(s.outbox).where(s.outbox.c.kind == "create"))]


def files(folder: Path, **named: bytes) -> list[str]:
    paths = []
    for name, content in named.items():
        path = folder / name.replace("_", ".", 1)
        path.write_bytes(content)
        paths.append(str(path))
    return paths


def test_what_is_missing_is_said_in_the_dialog_and_nothing_is_queued(qtbot: QtBot, session: Session, ops: Ops) -> None:
    dialog = open_dialog(qtbot, session, ops)
    assert [dialog.unit.itemData(i) for i in range(dialog.unit.count())] == ["humas"]
    assert [dialog.channel.itemText(i) for i in range(dialog.channel.count())] == ["Phone", "Walk-in", "Letter"]
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.error.text() == "Give the report a subject."
    qtbot.keyClicks(dialog.subject, "Lampu penerangan jalan padam")
    qtbot.keyClicks(dialog.reporter_name, "Bu Rina")
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.error.text() == "Write down what the reporter said or wrote."
    assert dialog.subject.text() == "Lampu penerangan jalan padam" and dialog.reporter_name.text() == "Bu Rina"
    assert outbox(session) == []


def test_a_file_it_cannot_take_is_named_and_the_others_are_kept(
    qtbot: QtBot, session: Session, ops: Ops, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, session, ops)
    oversized = tmp_path / "pindaian-besar.pdf"
    with oversized.open("wb") as big:  # sparse: refused by its size, never read
        big.write(PDF)
        big.truncate(MAX_SCAN_BYTES + 1024 * 1024)
    chosen = [
        *files(tmp_path, surat_pdf=PDF),
        str(oversized),
        *files(tmp_path, program_pdf=b"MZ\x90\x00" + b"\x00" * 64, catatan_docx=b"PK\x03\x04"),
        *files(tmp_path, foto_jpg=JPEG),
    ]
    dialog.add_files(chosen)
    qtbot.waitUntil(lambda: dialog.scan_list.count() == 2, timeout=TIMEOUT)
    assert [dialog.scan_list.item(i).text() for i in range(2)] == ["surat.pdf — 0.0 MiB", "foto.jpg — 0.0 MiB"]
    assert dialog.error.isVisible()
    assert dialog.error.text().splitlines() == [
        "pindaian-besar.pdf was not attached: it is 16.0 MiB, and a scan may be at most 15.0 MiB.",
        "program.pdf was not attached: it is not the PDF file its name says.",
        "catatan.docx was not attached: only PDF, JPEG, PNG and TIFF scans are taken.",
    ]
    dialog.scan_list.setCurrentRow(0)
    dialog.remove_button.click()
    assert [scan.filename for scan in dialog.scans] == ["foto.jpg"] and dialog.scan_list.count() == 1


def test_a_letter_with_a_scan_is_queued_and_the_dialog_closes(
    qtbot: QtBot, session: Session, ops: Ops, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, session, ops)
    dialog.channel.setCurrentIndex(dialog.channel.findData("letter"))
    dialog.priority.setCurrentIndex(dialog.priority.findData(3))
    qtbot.keyClicks(dialog.category.lineEdit(), "  Infrastruktur   jalan ")
    qtbot.keyClicks(dialog.subject, "Surat keberatan pos ronda")
    qtbot.keyClicks(dialog.text, "Warga RW 04 keberatan atas lokasi pos ronda yang menutup saluran air.")
    qtbot.keyClicks(dialog.reporter_name, "Pak Harun")
    qtbot.keyClicks(dialog.reporter_contact, "Jl. Melati 4")
    dialog.anonymous.setChecked(True)  # the name stays in the form, set aside, and is not sent
    assert not dialog.reporter_name.isEnabled() and dialog.reporter_name.text() == "Pak Harun"
    dialog.confidential.setChecked(True)
    dialog.add_files(files(tmp_path, surat_pdf=PDF))
    qtbot.waitUntil(lambda: dialog.scan_list.count() == 1, timeout=TIMEOUT)
    with qtbot.waitSignal(dialog.created, timeout=TIMEOUT) as created:
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    [queued] = outbox(session)
    attachments = queued.pop("attachments")
    assert queued == {
        "unit": "humas",
        "kind": "pengaduan",
        "channel": "letter",
        "subject": "Surat keberatan pos ronda",
        "body": "Warga RW 04 keberatan atas lokasi pos ronda yang menutup saluran air.",
        "priority": 3,
        "category": "Infrastruktur jalan",
        "reporter_name": None,
        "reporter_contact": None,
        "anonymous": True,
        "confidential": True,
    }
    assert [(a["filename"], a["content_type"], a["size"]) for a in attachments] == [  # type: ignore[union-attr]
        ("surat.pdf", "application/pdf", len(PDF))
    ]
    with session.cache.read() as conn:
        assert conn.execute(select(s.blob_cache.c.content)).scalars().all() == [PDF]
        assert conn.execute(select(s.local_ticket.c.ticket_id)).scalars().all() == [created.args[0].ticket_id]


def test_a_refusal_by_the_desk_is_shown_and_the_form_kept(qtbot: QtBot, session: Session, ops: Ops) -> None:
    dialog = open_dialog(qtbot, session, ops)
    qtbot.keyClicks(dialog.subject, "Telepon warga")
    dialog.text.setPlainText("Isi laporan dengan karakter kendali \x01 dari salinan.")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=TIMEOUT)
    assert dialog.error.text() == "The message contains a character that cannot be sent. Remove it."
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    assert dialog.subject.text() == "Telepon warga" and "\x01" in dialog.text.toPlainText()
    assert outbox(session) == []


def test_ctrl_n_opens_it_from_the_window_and_the_new_report_opens_queued(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    settings = Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "settings.json")
    settings.set("unit", "humas")
    ops = Ops()
    window = MainWindow(session, ops, settings, MemoryCredentials())
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.sync.finished, timeout=TIMEOUT):
            window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.new_report_dialog is not None, timeout=TIMEOUT)
        dialog = window.new_report_dialog
        assert dialog is not None
        assert dialog.preferred_unit == "humas", "the workstation's unit setting reaches the form"
        qtbot.waitUntil(lambda: dialog.choices is not None, timeout=TIMEOUT)
        qtbot.keyClicks(dialog.subject, "Pengaduan lewat telepon")
        qtbot.keyClicks(dialog.text, "Warga melapor lewat telepon: jembatan kayu di RT 02 lapuk.")
        with qtbot.waitSignal(dialog.created, timeout=TIMEOUT) as created:
            dialog.ok_button.click()
        ticket_id = created.args[0].ticket_id
        qtbot.waitUntil(lambda: window.ticket.ticket_id == ticket_id, timeout=TIMEOUT)
        qtbot.waitUntil(lambda: window.new_report_dialog is None, timeout=TIMEOUT)
    finally:
        window.sync.stop()
        window.close()
        ops.shutdown()


def test_the_workstations_unit_is_chosen_first_when_the_officer_may_use_it(
    qtbot: QtBot, session: Session, ops: Ops
) -> None:
    """The ``unit`` setting (from the unit policy the installer wrote) pre-selects that unit; a unit the
    officer may not record in is not offered because of it, and the officer can still choose another."""
    choices = ReportChoices([("humas", "Humas"), ("kanreg-1", "Kantor Regional I")], [])
    dialog = NewReportDialog(session, ops, preferred_unit="kanreg-1")
    qtbot.addWidget(dialog)
    dialog.fill(choices)
    assert dialog.unit.currentData() == "kanreg-1"
    dialog.unit.setCurrentIndex(dialog.unit.findData("humas"))
    assert dialog.report()["unit"] == "humas"
    elsewhere = NewReportDialog(session, ops, preferred_unit="kanreg-9")
    qtbot.addWidget(elsewhere)
    elsewhere.fill(choices)
    assert elsewhere.unit.currentData() == "humas"
    assert elsewhere.unit.findData("kanreg-9") == -1


def test_escape_on_a_filled_in_report_asks_before_discarding_it(qtbot: QtBot, session: Session, ops: Ops) -> None:
    """Issue 17: Escape threw a typed report away without a word."""
    dialog = open_dialog(qtbot, session, ops)
    qtbot.keyClicks(dialog.subject, "Lampu penerangan jalan padam")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    box = dialog.findChild(QMessageBox, "discardReportBox")
    assert box is not None and dialog.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()  # keep it
    assert dialog.isVisible() and dialog.subject.text() == "Lampu penerangan jalan padam"
    dialog.close()  # the window's close button asks too
    box = dialog.findChild(QMessageBox, "discardReportBox")
    assert box is not None and dialog.isVisible()
    box.button(QMessageBox.StandardButton.Discard).click()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert outbox(session) == []


def test_escape_on_an_empty_report_closes_it_without_asking(qtbot: QtBot, session: Session, ops: Ops) -> None:
    dialog = open_dialog(qtbot, session, ops)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.findChild(QMessageBox, "discardReportBox") is None
