"""The canned response manager through a real ``aduan server``: a supervisor lists, adds and retires her
units' templates with no database connection on her desktop; a refusal of the server is said in the form
with what was typed kept; an officer reads the templates and may change none."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.store.canned import add_canned_response, canned_history
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.canned_dialog import CannedDialog, CannedForm
from desktop.ui.ops import Ops
from tests.store.canned_helpers import as_owner
from tests.ui.server_world import Served, served_world, signed_in

TIMEOUT = 20_000


def templates(owner: Store) -> None:
    as_owner(owner, add_canned_response, "salam", "Salam pembuka", "Yth. {nama_pelapor},")
    as_owner(owner, add_canned_response, "humas-info", "Info humas", "Khusus humas.", "humas")


@pytest.fixture
def served(org_url: str, tmp_path: Path) -> Iterator[Served]:
    yield from served_world(org_url, tmp_path, templates)


def open_dialog(qtbot: QtBot, session: Session, ops: Ops) -> CannedDialog:
    dialog = CannedDialog(session, ops)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.managed is not None or dialog.status.isVisible(), timeout=TIMEOUT)
    return dialog


def rows(dialog: CannedDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def select(dialog: CannedDialog, key: str) -> None:
    dialog.table.selectRow(next(r for r, cells in enumerate(rows(dialog)) if cells[1] == key))


def open_form(qtbot: QtBot, dialog: CannedDialog) -> CannedForm:
    dialog.new_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(CannedForm) is not None, timeout=TIMEOUT)
    form = dialog.findChild(CannedForm)
    assert form is not None
    return form


def save(form: CannedForm) -> None:
    form.buttons.button(form.buttons.StandardButton.Save).click()


def test_a_supervisor_lists_adds_and_retires_through_the_server(
    qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path
) -> None:
    sari = signed_in(served, "sari", tmp_path)
    try:
        dialog = open_dialog(qtbot, sari, ops)
        assert dialog.managed is not None, dialog.status.text()
        assert rows(dialog) == [["Salam pembuka", "salam", "Global (every unit)", "1", "Active"]]  # not humas's
        assert not dialog.status.isVisible()
        select(dialog, "salam")
        assert dialog.history_button.isEnabled() and not dialog.retire_button.isEnabled()  # global: admins'

        form = open_form(qtbot, dialog)
        assert [form.unit.itemData(i) for i in range(form.unit.count())] == ["kanreg", "kanreg-1"]
        qtbot.keyClicks(form.key, "salam")  # taken: the server refuses, the form keeps what was typed
        qtbot.keyClicks(form.title, "Salam kanreg")
        qtbot.keyClicks(form.body, "Yth. {nama_pelapor}, salam dari kanreg.")
        save(form)
        qtbot.waitUntil(form.error.isVisible, timeout=TIMEOUT)
        assert form.error.text().startswith("This input cannot be used: canned response 'salam' exists already")
        assert form.isVisible() and form.body.toPlainText() == "Yth. {nama_pelapor}, salam dari kanreg."
        form.key.setText("kanreg-jadwal")
        form.title.setText("Jadwal layanan")
        save(form)
        qtbot.waitUntil(lambda: len(rows(dialog)) == 2, timeout=TIMEOUT)
        assert ["Jadwal layanan", "kanreg-jadwal", "Kantor Regional (kanreg)", "1", "Active"] in rows(dialog)
        assert dialog.status.text() == "Saved “kanreg-jadwal” as version 1."

        select(dialog, "kanreg-jadwal")
        assert dialog.retire_button.isEnabled()
        dialog.retire_button.click()
        qtbot.waitUntil(lambda: dialog.status.text().endswith("is retired: it is no longer offered."), timeout=TIMEOUT)
        assert ["Jadwal layanan", "kanreg-jadwal", "Kantor Regional (kanreg)", "1", "Retired"] in rows(dialog)
        assert dialog.restore_button.isEnabled() and not dialog.retire_button.isEnabled()

        central = served.owner.read(canned_history, None, "kanreg-jadwal")
        assert [(v.version, v.unit_code, v.author, v.active) for v in central] == [(1, "kanreg", "sari", False)]
    finally:
        sari.close()


def test_an_officer_reads_the_templates_and_changes_none(
    qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path
) -> None:
    ani = signed_in(served, "ani", tmp_path)
    try:
        dialog = open_dialog(qtbot, ani, ops)
        assert dialog.managed is not None, dialog.status.text()
        assert sorted(r[1] for r in rows(dialog)) == ["humas-info", "salam"]  # global and her unit's
        assert dialog.status.text() == "Only supervisors and admins manage canned responses."
        assert not dialog.new_button.isEnabled()
        select(dialog, "humas-info")
        assert dialog.history_button.isEnabled()
        for button in (dialog.edit_button, dialog.retire_button, dialog.restore_button):
            assert not button.isEnabled()
    finally:
        ani.close()
