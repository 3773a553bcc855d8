"""Managing canned responses from the window, on a real central database (SQLite), headless: a supervisor
adds, edits, retires and restores her units' templates and reads their versions; offline the dialog says
so; the menu entry is there for supervisors only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.store.canned import add_canned_response, canned_history
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.canned_dialog import CannedDialog, CannedForm, HistoryDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.ops import Ops
from tests.store.canned_helpers import as_owner
from tests.ui.conftest import session_for

TIMEOUT = 10_000


@pytest.fixture
def sari(org_url: str, tmp_path: Path) -> Iterator[Session]:
    """The supervisor of kanreg (and its sub-unit kanreg-1), with a global template and one of humas."""
    owner = Store(org_url)
    as_owner(owner, add_canned_response, "salam", "Salam pembuka", "Yth. {nama_pelapor},")
    as_owner(owner, add_canned_response, "humas-info", "Info humas", "Khusus humas.", "humas")
    owner.dispose()
    opened = session_for(org_url, "sari", tmp_path)
    yield opened
    opened.close()


def open_dialog(qtbot: QtBot, session: Session, ops: Ops) -> CannedDialog:
    dialog = CannedDialog(session, ops)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def rows(dialog: CannedDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def row_of(dialog: CannedDialog, key: str) -> list[str]:
    return next(cells for cells in rows(dialog) if cells[1] == key)


def select(dialog: CannedDialog, key: str) -> None:
    row = next(r for r, cells in enumerate(rows(dialog)) if cells[1] == key)
    dialog.table.selectRow(row)


def open_form(qtbot: QtBot, dialog: CannedDialog, button: str) -> CannedForm:
    getattr(dialog, button).click()
    qtbot.waitUntil(lambda: dialog.findChild(CannedForm) is not None, timeout=TIMEOUT)
    form = dialog.findChild(CannedForm)
    assert form is not None
    return form


def test_a_supervisor_manages_her_units_templates(qtbot: QtBot, sari: Session, ops: Ops) -> None:
    dialog = open_dialog(qtbot, sari, ops)
    qtbot.waitUntil(lambda: dialog.managed is not None, timeout=TIMEOUT)
    # She sees the global template (not humas's) and may not change it: global ones are the admins'.
    assert rows(dialog) == [["Salam pembuka", "salam", "Global (every unit)", "1", "Active"]]
    select(dialog, "salam")
    assert dialog.history_button.isEnabled()
    assert not dialog.edit_button.isEnabled() and not dialog.retire_button.isEnabled()

    form = open_form(qtbot, dialog, "new_button")
    assert [form.unit.itemData(i) for i in range(form.unit.count())] == ["kanreg", "kanreg-1"]  # no global
    qtbot.keyClicks(form.key, "kanreg1-jadwal")
    qtbot.keyClicks(form.title, "Jadwal layanan")
    form.unit.setCurrentIndex(1)
    qtbot.keyClicks(form.body, "Yth. {nama}, kantor buka Senin-Jumat.")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: form.error.isVisible(), timeout=TIMEOUT)
    assert form.isVisible() and form.error.text().startswith("Not a variable Aduan knows: {nama}.")
    assert form.body.toPlainText() == "Yth. {nama}, kantor buka Senin-Jumat."  # what was typed stays
    form.body.clear()
    qtbot.keyClicks(form.body, "Yth. ")
    form.variables.itemActivated.emit(form.variables.item(0))  # {nama_pelapor}, from the list
    qtbot.keyClicks(form.body, ", kantor buka Senin-Jumat.")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: len(rows(dialog)) == 2, timeout=TIMEOUT)  # saved: the form closed
    assert ["Jadwal layanan", "kanreg1-jadwal", "Kantor Regional I (kanreg-1)", "1", "Active"] in rows(dialog)
    assert dialog.status.text() == "Saved “kanreg1-jadwal” as version 1."

    select(dialog, "kanreg1-jadwal")
    form = open_form(qtbot, dialog, "edit_button")
    assert form.key.isReadOnly() and not form.unit.isEnabled()
    form.body.selectAll()
    qtbot.keyClicks(form.body, "Yth. {nama_pelapor}, kantor buka Senin-Kamis.")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: row_of(dialog, "kanreg1-jadwal")[3] == "2", timeout=TIMEOUT)
    assert row_of(dialog, "kanreg1-jadwal")[4] == "Active"

    select(dialog, "kanreg1-jadwal")
    dialog.retire_button.click()
    qtbot.waitUntil(lambda: dialog.status.text().endswith("is retired: it is no longer offered."), timeout=TIMEOUT)
    assert row_of(dialog, "kanreg1-jadwal")[4] == "Retired" and dialog.restore_button.isEnabled()
    assert not dialog.retire_button.isEnabled()
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: row_of(dialog, "kanreg1-jadwal")[4] == "Active", timeout=TIMEOUT)

    dialog.history_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(HistoryDialog) is not None, timeout=TIMEOUT)
    history = dialog.findChild(HistoryDialog)
    assert history is not None
    shown = [[history.list.topLevelItem(i).text(c) for c in (0, 2, 4)] for i in range(history.list.topLevelItemCount())]
    assert shown == [["2", "sari", "Active"], ["1", "sari", "Earlier version"]]
    assert history.text.toPlainText() == "Yth. {nama_pelapor}, kantor buka Senin-Kamis."
    history.list.setCurrentItem(history.list.topLevelItem(1))
    assert history.text.toPlainText() == "Yth. {nama_pelapor}, kantor buka Senin-Jumat."

    versions = sari.store.read(canned_history, None, "kanreg1-jadwal")
    assert [(v.version, v.unit_code, v.active) for v in versions] == [(1, "kanreg-1", True), (2, "kanreg-1", True)]


def test_offline_the_dialog_says_so_and_changes_nothing(qtbot: QtBot, sari: Session, ops: Ops, tmp_path: Path) -> None:
    online = sari.store
    sari.store = Store(f"sqlite:///{tmp_path / 'moved-away' / 'central.db'}", officer="sari")
    try:
        dialog = open_dialog(qtbot, sari, ops)
        qtbot.waitUntil(lambda: dialog.status.isVisible(), timeout=TIMEOUT)
        assert dialog.status.text().startswith("Managing canned responses needs a connection to the server")
        assert dialog.table.rowCount() == 0
        for button in (dialog.new_button, dialog.edit_button, dialog.retire_button, dialog.history_button):
            assert not button.isEnabled()
    finally:
        sari.store.dispose()
        sari.store = online


def window_for(qtbot: QtBot, session: Session, tmp_path: Path) -> tuple[MainWindow, Ops]:
    settings = Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "settings.json")
    ops = Ops()
    window = MainWindow(session, ops, settings, MemoryCredentials())
    qtbot.addWidget(window)
    return window, ops


def test_the_menu_offers_managing_to_supervisors_only(
    qtbot: QtBot, sari: Session, session: Session, tmp_path: Path
) -> None:
    for officer, may_manage in ((sari, True), (session, False)):  # session: ani, an officer
        window, ops = window_for(qtbot, officer, tmp_path)
        try:
            with qtbot.waitSignal(window.sync.finished, timeout=TIMEOUT):
                window.show()
            checked = window._update_role_actions()  # the check a sync round makes; awaited here
            qtbot.waitUntil(checked.done, timeout=TIMEOUT)
            action = window.canned_action
            assert action.isVisible() is may_manage and action.isEnabled() is may_manage
            if may_manage:
                action.trigger()
                qtbot.waitUntil(lambda: window.findChild(CannedDialog) is not None, timeout=TIMEOUT)  # noqa: B023
        finally:
            window.sync.stop()
            window.close()
            ops.shutdown()
