"""Changing a unit or an officer in the Administration window: through a real ``aduan server`` an admin moves and
renames a unit, changes an officer's role and units (and the report the officer held in the unit they left is
released, as the page says), a refusal is said in the dialog with what was typed kept, an admin's own role is not
offered, and a supervisor is offered no change at all; on the embedded database the same dialog works directly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.vocabulary import Role
from desktop.store import claims
from desktop.store.schema import officer, ticket, unit
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.admin.edit_dialogs import OfficerEditDialog, UnitEditDialog
from desktop.ui.admin.officers_page import OfficersPage
from desktop.ui.admin.page import AdminPage
from desktop.ui.admin.units_page import UnitsPage
from desktop.ui.admin.window import AdminWindow
from desktop.ui.ops import Ops
from tests.store.helpers import add_officer_without_login
from tests.ui.conftest import session_for
from tests.ui.server_world import Served, served_world, signed_in

TIMEOUT = 20_000


@pytest.fixture
def served(org_url: str, tmp_path: Path) -> Iterator[Served]:
    yield from served_world(org_url, tmp_path)


@pytest.fixture
def adi(served: Served, tmp_path: Path) -> Iterator[Session]:
    session = signed_in(served, "adi", tmp_path)
    yield session
    session.close()


def opened(qtbot: QtBot, session: Session, ops: Ops, role: Role) -> AdminWindow:
    window = AdminWindow(session, ops, role)
    qtbot.addWidget(window)
    window.open()
    return window


def wait_said(qtbot: QtBot, page: AdminPage, start: str) -> None:
    def said() -> None:
        assert page.status.text().startswith(start), (page.status.text(), repr(page.last_refusal))

    qtbot.waitUntil(said, timeout=TIMEOUT)


def units_shown(qtbot: QtBot, window: AdminWindow) -> UnitsPage:
    page = window.units
    qtbot.waitUntil(lambda: page.tree.topLevelItemCount() > 0 or page.failed, timeout=TIMEOUT)
    assert not page.failed, page.status.text()
    return page


def officers_shown(qtbot: QtBot, window: AdminWindow) -> OfficersPage:
    page = window.officers
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: (page.table.rowCount() > 0 and bool(page.units)) or page.failed, timeout=TIMEOUT)
    assert not page.failed, page.status.text()
    return page


def tree_item(page: UnitsPage, code: str) -> QTreeWidgetItem:
    found = [
        item
        for item in page.tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive)
        if item.data(0, Qt.ItemDataRole.UserRole) == code
    ]
    assert len(found) == 1, code
    return found[0]


def row_of(table: QTableWidget, login: str) -> int:
    return [table.item(r, 1).text() for r in range(table.rowCount())].index(login)


def double_click(qtbot: QtBot, view: QTableWidget | QTreeWidget, item: QTableWidgetItem | QTreeWidgetItem) -> None:
    """As a mouse does it: a click, then the double click (Qt's test event alone lacks the first press)."""
    spot = view.visualItemRect(item).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)


def double_click_row(qtbot: QtBot, table: QTableWidget, row: int) -> None:
    double_click(qtbot, table, table.item(row, 0))


def stored_unit(served: Served, code: str) -> tuple[str, int | None, int]:
    with served.owner.engine.connect() as conn:
        row = conn.execute(select(unit.c.name, unit.c.parent_id, unit.c.lease_seconds).where(unit.c.code == code)).one()
    return row.name, row.parent_id, row.lease_seconds


def unit_id(served: Served, code: str) -> int:
    with served.owner.engine.connect() as conn:
        return int(conn.execute(select(unit.c.id).where(unit.c.code == code)).scalar_one())


def test_an_admin_moves_and_renames_a_unit_and_the_tree_shows_it(
    qtbot: QtBot, served: Served, adi: Session, ops: Ops
) -> None:
    window = opened(qtbot, adi, ops, Role.ADMIN)
    page = units_shown(qtbot, window)
    assert page.action_row.isVisibleTo(window) and not page.edit_button.isEnabled(), "nothing chosen yet"

    # kanreg cannot go under kanreg-1, its own sub-unit: that place is not offered.
    page.tree.setCurrentItem(tree_item(page, "kanreg"))
    page.edit_button.click()
    editor = page.editor
    assert isinstance(editor, UnitEditDialog) and editor.isVisible()
    offered = [editor.parent_unit.itemData(i) for i in range(editor.parent_unit.count())]
    assert offered == [None, "humas"], "the top, and every unit but itself and those below it"
    editor.reject()

    page.tree.setCurrentItem(tree_item(page, "kanreg-1"))
    page.edit_button.click()
    editor = page.editor
    assert isinstance(editor, UnitEditDialog)
    assert editor.name.text() == "Kantor Regional I" and editor.parent_unit.currentData() == "kanreg"
    assert editor.lease.value() == 4.0
    editor.name.setText("Kantor Regional I Medan")
    editor.parent_unit.setCurrentIndex(editor.parent_unit.findData("humas"))
    editor.lease.setValue(2.5)
    editor.save_button.click()
    wait_said(qtbot, page, "Unit Kantor Regional I Medan (kanreg-1) changed.")
    assert stored_unit(served, "kanreg-1") == ("Kantor Regional I Medan", unit_id(served, "humas"), 9000)
    humas = tree_item(page, "humas")
    assert [humas.child(i).text(1) for i in range(humas.childCount())] == ["kanreg-1"]
    assert not editor.alive() or not editor.isVisible(), "closed once done"

    # Back to the top, with a double click on the unit.
    double_click(qtbot, page.tree, tree_item(page, "kanreg-1"))
    qtbot.waitUntil(lambda: page.editor is not editor and page.editor is not None, timeout=TIMEOUT)
    again = page.editor
    assert isinstance(again, UnitEditDialog) and again.parent_unit.currentData() == "humas"
    again.parent_unit.setCurrentIndex(again.parent_unit.findData(None))
    again.save_button.click()
    wait_said(qtbot, page, "Unit Kantor Regional I Medan (kanreg-1) changed.")
    assert stored_unit(served, "kanreg-1")[1] is None
    qtbot.waitUntil(lambda: page.tree.topLevelItemCount() == 3, timeout=TIMEOUT)


def test_a_refused_unit_change_is_said_in_the_dialog_and_what_was_typed_stays(
    qtbot: QtBot, served: Served, adi: Session, ops: Ops
) -> None:
    window = opened(qtbot, adi, ops, Role.ADMIN)
    page = units_shown(qtbot, window)
    page.tree.setCurrentItem(tree_item(page, "humas"))
    page.edit_button.click()
    editor = page.editor
    assert isinstance(editor, UnitEditDialog)
    editor.name.setText("   ")
    editor.lease.setValue(1.0)
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.failed, timeout=TIMEOUT)
    assert editor.error.text() == "The unit name is empty. Fill it in and try again."
    assert editor.isVisible() and editor.name.text() == "   " and editor.lease.value() == 1.0
    assert editor.save_button.isEnabled()
    assert stored_unit(served, "humas") == ("Biro Humas", None, 4 * 3600), "nothing changed, the lease neither"
    editor.name.setText("Biro Hubungan Masyarakat")
    editor.save_button.click()
    wait_said(qtbot, page, "Unit Biro Hubungan Masyarakat (humas) changed.")
    assert stored_unit(served, "humas") == ("Biro Hubungan Masyarakat", None, 3600)


def test_an_admin_moves_an_officer_to_another_unit_and_her_report_there_is_released(
    qtbot: QtBot, served: Served, adi: Session, ops: Ops
) -> None:
    ani = Store(served.db_url, "ani")
    try:
        with ani.engine.connect() as conn:
            first = conn.execute(select(ticket.c.id, ticket.c.tracking_no).order_by(ticket.c.tracking_no)).first()
        assert first is not None
        ani.write(claims.claim, first.id)
    finally:
        ani.dispose()
    window = opened(qtbot, adi, ops, Role.ADMIN)
    page = officers_shown(qtbot, window)
    assert not page.edit_button.isEnabled(), "nothing chosen yet"
    double_click_row(qtbot, page.table, row_of(page.table, "ani"))
    qtbot.waitUntil(lambda: page.editor is not None, timeout=TIMEOUT)
    editor = page.editor
    assert isinstance(editor, OfficerEditDialog) and editor.role.isEnabled()
    assert editor.ticked() == ["humas"] and editor.name.text() == "Ani Wijaya"

    # No unit ticked: nothing can be saved, and the dialog says why.
    humas_row = next(
        i for i in range(editor.units.count()) if editor.units.item(i).data(Qt.ItemDataRole.UserRole) == "humas"
    )
    editor.units.item(humas_row).setCheckState(Qt.CheckState.Unchecked)
    assert not editor.save_button.isEnabled() and editor.no_unit.isVisibleTo(editor)
    kanreg_1 = next(
        i for i in range(editor.units.count()) if editor.units.item(i).data(Qt.ItemDataRole.UserRole) == "kanreg-1"
    )
    editor.units.item(kanreg_1).setCheckState(Qt.CheckState.Checked)
    assert editor.save_button.isEnabled() and not editor.no_unit.isVisibleTo(editor)
    editor.role.setCurrentIndex(editor.role.findData(Role.SUPERVISOR.value))
    editor.save_button.click()
    wait_said(
        qtbot,
        page,
        f"Ani Wijaya (ani) changed: Supervisor in kanreg-1. Released, as they can no longer reach them: "
        f"{first.tracking_no}.",
    )
    row = row_of(page.table, "ani")
    assert [page.table.item(row, c).text() for c in (2, 3)] == ["kanreg-1", "Supervisor"]
    with served.owner.engine.connect() as conn:
        assert conn.execute(select(ticket.c.claimed_by).where(ticket.c.id == first.id)).scalar() is None
        assert conn.execute(select(officer.c.role).where(officer.c.login == "ani")).scalar() == "supervisor"


def test_an_admins_own_role_is_not_offered_and_his_name_may_change(
    qtbot: QtBot, served: Served, adi: Session, ops: Ops
) -> None:
    window = opened(qtbot, adi, ops, Role.ADMIN)
    page = officers_shown(qtbot, window)
    page.table.selectRow(row_of(page.table, "adi"))
    page.edit_button.click()
    editor = page.editor
    assert isinstance(editor, OfficerEditDialog)
    assert not editor.role.isEnabled() and "another admin" in editor.role.toolTip()
    editor.name.setText("Adi Nugroho, S.Kom.")
    editor.save_button.click()
    wait_said(qtbot, page, "Adi Nugroho, S.Kom. (adi) changed: Admin in humas.")
    with served.owner.engine.connect() as conn:
        assert conn.execute(select(officer.c.role).where(officer.c.login == "adi")).scalar() == "admin"


def test_a_supervisor_is_offered_no_change_of_units_or_officers(
    qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path
) -> None:
    sari = signed_in(served, "sari", tmp_path)
    try:
        window = opened(qtbot, sari, ops, Role.SUPERVISOR)
        units = units_shown(qtbot, window)
        assert not units.action_row.isVisibleTo(window)
        double_click(qtbot, units.tree, tree_item(units, "kanreg"))
        officers = window.officers
        window.tabs.setCurrentWidget(officers)
        qtbot.waitUntil(lambda: officers.table.rowCount() > 0 or officers.failed, timeout=TIMEOUT)
        assert not officers.edit_button.isVisibleTo(window)
        double_click_row(qtbot, officers.table, 0)
        qtbot.wait(200)  # a double click's slot would have opened the dialog at once
        assert units.editor is None and officers.editor is None
        assert window.findChild(UnitEditDialog) is None and window.findChild(OfficerEditDialog) is None
    finally:
        sari.close()


def test_on_the_embedded_database_the_dialog_changes_the_officer_directly(
    qtbot: QtBot, org_url: str, ops: Ops, tmp_path: Path
) -> None:
    owner = Store(org_url)
    owner.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    session = session_for(org_url, "adi", tmp_path)
    try:
        window = opened(qtbot, session, ops, Role.ADMIN)
        page = officers_shown(qtbot, window)
        page.table.selectRow(row_of(page.table, "rudi"))
        page.edit_button.click()
        editor = page.editor
        assert isinstance(editor, OfficerEditDialog)
        for i in range(editor.units.count()):
            if editor.units.item(i).data(Qt.ItemDataRole.UserRole) == "kanreg":
                editor.units.item(i).setCheckState(Qt.CheckState.Checked)
        editor.save_button.click()
        wait_said(qtbot, page, "Rudi Hartono (rudi) changed: Officer in kanreg, kanreg-1.")
        with owner.engine.connect() as conn:
            assert conn.execute(select(officer.c.role).where(officer.c.login == "rudi")).scalar() == "officer"

        # Nothing changed: nothing is sent, the dialog just closes.
        page.table.selectRow(row_of(page.table, "rudi"))
        page.edit_button.click()
        untouched = page.editor
        assert isinstance(untouched, OfficerEditDialog) and untouched is not editor
        page.say("")
        untouched.save_button.click()
        qtbot.waitUntil(lambda: not untouched.alive() or not untouched.isVisible(), timeout=TIMEOUT)
        assert page.status.text() == "" and not page.failed
    finally:
        session.close()
        owner.dispose()
