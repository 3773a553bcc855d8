"""The Administration window through a real ``aduan server``: an admin adds a unit and an officer and sees
them listed; a refusal of the server is shown in the page with what was typed kept; a day off added is what
the central database stores; a supervisor is offered only what she may do."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.vocabulary import Role
from desktop.store.schema import calendar, calendar_day_off, channel_account, officer, sla_policy, unit
from desktop.sync.session import Session
from desktop.ui.admin.page import AdminPage
from desktop.ui.admin.window import AdminWindow
from desktop.ui.ops import Ops
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


@pytest.fixture
def sari(served: Served, tmp_path: Path) -> Iterator[Session]:
    session = signed_in(served, "sari", tmp_path)
    yield session
    session.close()


def opened(qtbot: QtBot, session: Session, ops: Ops, role: Role) -> AdminWindow:
    window = AdminWindow(session, ops, role)
    qtbot.addWidget(window)
    window.open()
    return window


def shown(qtbot: QtBot, window: AdminWindow, page: AdminPage, ready: Callable[[], bool]) -> None:
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: ready() or page.status.isVisible(), timeout=TIMEOUT)
    assert not page.failed, page.status.text()


def column(table: QTableWidget, index: int) -> list[str]:
    return [table.item(r, index).text() for r in range(table.rowCount())]


def wait_said(qtbot: QtBot, page: AdminPage, start: str) -> None:
    """Wait for the page to say ``start``…; a click's slot runs on the next turn of the loop, so a refusal
    left from before is no answer yet."""

    def said() -> None:
        assert page.status.text().startswith(start), (page.status.text(), repr(page.last_refusal))

    qtbot.waitUntil(said, timeout=TIMEOUT)


def test_an_admin_adds_a_unit_and_an_officer_and_sees_them(
    qtbot: QtBot, served: Served, adi: Session, ops: Ops
) -> None:
    window = opened(qtbot, adi, ops, Role.ADMIN)
    units = window.units
    qtbot.waitUntil(lambda: units.tree.topLevelItemCount() > 0 or units.failed, timeout=TIMEOUT)
    assert not units.failed, units.status.text()
    assert units.add_box.isVisibleTo(window)
    top = [units.tree.topLevelItem(i).text(0) for i in range(units.tree.topLevelItemCount())]
    assert top == ["Biro Humas", "Kantor Regional"]  # kanreg-1 sits under its parent
    assert units.tree.topLevelItem(1).child(0).text(1) == "kanreg-1"

    units.code.setText("kanreg-2")
    units.name.setText("Kantor Regional II")
    units.parent_unit.setCurrentIndex(units.parent_unit.findData("kanreg"))
    units.add_button.click()
    wait_said(qtbot, units, "Unit Kantor Regional II (kanreg-2) added.")
    assert [units.tree.topLevelItem(1).child(i).text(1) for i in range(2)] == ["kanreg-1", "kanreg-2"]

    officers = window.officers
    shown(qtbot, window, officers, lambda: officers.table.rowCount() > 0)
    officers.login.setText("dewi")
    officers.name.setText("Dewi Anggraini")
    officers.unit.setCurrentIndex(officers.unit.findData("kanreg-2"))
    officers.new_role.setCurrentIndex(officers.new_role.findData(Role.SUPERVISOR.value))
    officers.add_button.click()
    wait_said(qtbot, officers, "Officer Dewi Anggraini (dewi) added.")
    assert "Dewi Anggraini" in column(officers.table, 0)
    row = column(officers.table, 1).index("dewi")
    assert [officers.table.item(row, c).text() for c in range(2, 5)] == ["kanreg-2", "Supervisor", "yes"]
    assert officers.password_row.isVisibleTo(window) and len(officers.password.text()) >= 12
    assert served.password_works("dewi", officers.password.text())  # the shown password is the one kept
    with served.owner.engine.connect() as conn:
        assert conn.execute(select(unit.c.parent_id).where(unit.c.code == "kanreg-2")).scalar() is not None
        assert conn.execute(select(officer.c.role).where(officer.c.login == "dewi")).scalar() == "supervisor"

    # Disabled, then enabled again: the server's answer is what the list shows.
    officers.table.selectRow(row)
    officers.disable_button.click()
    wait_said(qtbot, officers, "Dewi Anggraini (dewi) is disabled")
    row = column(officers.table, 1).index("dewi")
    assert officers.table.item(row, 4).text() == "no"


def test_a_refused_officer_is_said_and_what_was_typed_stays(qtbot: QtBot, adi: Session, ops: Ops) -> None:
    window = opened(qtbot, adi, ops, Role.ADMIN)
    officers = window.officers
    shown(qtbot, window, officers, lambda: officers.table.rowCount() > 0)
    officers.login.setText("ani")  # taken
    officers.name.setText("Ani Kedua")
    officers.add_button.click()
    qtbot.waitUntil(lambda: officers.failed, timeout=TIMEOUT)
    assert "ani" in officers.status.text()
    assert officers.login.text() == "ani" and officers.name.text() == "Ani Kedua"
    assert not officers.password_row.isVisibleTo(window)


def test_a_supervisor_is_refused_another_units_service_level(
    qtbot: QtBot, served: Served, sari: Session, ops: Ops
) -> None:
    window = opened(qtbot, sari, ops, Role.SUPERVISOR)
    assert not window.units.add_box.isVisibleTo(window)
    officers = window.officers
    shown(qtbot, window, officers, lambda: officers.table.rowCount() > 0)
    assert sorted(column(officers.table, 1)) == ["rudi", "sari"]  # her units' officers only
    assert not officers.add_box.isVisibleTo(window) and not officers.action_row.isVisibleTo(window)

    sla = window.sla
    shown(qtbot, window, sla, lambda: sla.unit.count() > 0)
    assert sla.unit.findData(None) < 0  # "every unit" is the admins'
    sla.unit.setCurrentIndex(sla.unit.findData("humas"))  # not hers
    sla.category.setText("jalan")
    sla.resolution.setValue(30)
    sla.save_button.click()
    qtbot.waitUntil(lambda: sla.failed, timeout=TIMEOUT)
    assert sla.status.isVisible() and sla.status.text()  # the server's refusal, in the window's words
    assert sla.category.text() == "jalan" and sla.resolution.value() == 30
    with served.owner.engine.connect() as conn:
        assert conn.execute(select(sla_policy.c.id)).first() is None

    sla.unit.setCurrentIndex(sla.unit.findData("kanreg-1"))  # hers (under the unit she supervises): saved, listed
    sla.save_button.click()
    wait_said(qtbot, sla, "Policy ")
    assert column(sla.table, 1) == ["kanreg-1"] and column(sla.table, 3) == ["jalan"]
    with served.owner.engine.connect() as conn:
        assert conn.execute(select(sla_policy.c.resolution_days)).scalars().all() == [30]


def test_a_day_off_added_is_what_the_server_stores(qtbot: QtBot, served: Served, adi: Session, ops: Ops) -> None:
    window = opened(qtbot, adi, ops, Role.ADMIN)
    page = window.calendars
    shown(qtbot, window, page, lambda: page.unit.count() > 1)
    page.unit.setCurrentIndex(page.unit.findData("humas"))
    page.day.setDate(QDate(2027, 3, 17))
    page.day_name.setText("HUT Kabupaten")
    page.add_button.click()
    qtbot.waitUntil(lambda: page.days_off.rowCount() == 1 or page.failed, timeout=TIMEOUT)
    assert not page.failed, page.status.text()
    assert page.days_off.item(0, 1).text() == "HUT Kabupaten"
    with served.owner.engine.connect() as conn:
        stored = conn.execute(
            select(calendar_day_off.c.day, calendar_day_off.c.name)
            .join(calendar, calendar.c.id == calendar_day_off.c.calendar_id)
            .join(unit, unit.c.id == calendar.c.unit_id)
            .where(unit.c.code == "humas")
        ).all()
    assert [tuple(r) for r in stored] == [(date(2027, 3, 17), "HUT Kabupaten")]

    page.days_off.selectRow(0)
    page.remove_button.click()
    qtbot.waitUntil(lambda: page.days_off.rowCount() == 0 or page.failed, timeout=TIMEOUT)
    with served.owner.engine.connect() as conn:
        assert conn.execute(select(calendar_day_off.c.day)).first() is None


def test_an_admin_switches_a_channel_account_off_and_on_and_the_server_stores_it(
    qtbot: QtBot, served: Served, adi: Session, ops: Ops
) -> None:
    window = opened(qtbot, adi, ops, Role.ADMIN)
    page = window.channels
    shown(qtbot, window, page, lambda: page.unit.count() > 0)
    page.channel.setCurrentIndex(page.channel.findData("telegram"))
    page.name.setText("Bot Humas")
    page.unit.setCurrentIndex(page.unit.findData("humas"))
    page.secret.setText("env:ADUAN_SECRET_BOT_HUMAS")
    page.add_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 or page.failed, timeout=TIMEOUT)
    assert not page.failed, page.status.text()
    assert not page.disable_button.isEnabled()  # nothing chosen yet
    page.table.selectRow(0)
    assert page.disable_button.isEnabled() and not page.enable_button.isEnabled()

    page.disable_button.click()
    wait_said(qtbot, page, "Bot Humas is off")

    def stored() -> bool:
        with served.owner.engine.connect() as conn:
            return bool(conn.execute(select(channel_account.c.enabled)).scalar_one())

    assert stored() is False
    page.table.selectRow(0)
    assert page.enable_button.isEnabled() and not page.disable_button.isEnabled()
    page.enable_button.click()
    wait_said(qtbot, page, "Bot Humas is on again")
    assert stored() is True


def test_a_supervisor_is_not_offered_to_switch_accounts(qtbot: QtBot, sari: Session, ops: Ops) -> None:
    window = opened(qtbot, sari, ops, Role.SUPERVISOR)
    assert not window.channels.disable_button.isVisibleTo(window) and not window.channels.enable_button.isVisibleTo(
        window
    )
