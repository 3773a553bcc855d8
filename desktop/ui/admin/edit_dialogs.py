"""Changing a unit or an officer after they were added (the ``unit set`` and ``officer set`` commands): the chosen
one's values filled in, only what was changed sent. A refusal is said in the dialog in the pages' words, with
what was typed kept; once done, the dialog closes and its page says what changed.

A unit's code and an officer's login are shown, not edited: they are the keys the command line, the settings
and every workstation use."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)
from qasync import asyncSlot

from ...domain.claims import MAX_LEASE, MIN_LEASE
from ...domain.entities import Officer, Unit
from ...domain.errors import AduanError
from ...domain.vocabulary import Role
from ...views.unit_tree import natural_key
from ..labels import role_label
from ..plain import plain_label
from . import requests
from .page import AdminPage, failure_text

if TYPE_CHECKING:
    from ...server.commands import ChangedOfficer, ChangedUnit

HOUR = 3600


def subtree(units: Iterable[Unit], root_id: int) -> set[int]:
    """The unit and every unit below it: the places it cannot be moved to."""
    children: dict[int, list[int]] = {}
    for unit in units:
        if unit.parent_id is not None:
            children.setdefault(unit.parent_id, []).append(unit.id)
    found = {root_id}
    stack = [root_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


class _EditDialog(QDialog):
    """What both dialogs share: the refusal line, the Save and Cancel buttons, and asking through the page."""

    def __init__(self, page: AdminPage, name: str) -> None:
        super().__init__(page)
        self.page = page
        self.setObjectName(name)
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(480)
        self.failed = False  # the last save was refused or failed
        self.last_refusal: AduanError | None = None
        self.error = plain_label(name="editError", wrap=True)  # a refusal may quote what was sent
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton()
        self.save_button.setObjectName("editSave")
        self.save_button.setDefault(True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def alive(self) -> bool:
        return shiboken6.isValid(self)

    def refused(self, exc: AduanError) -> None:
        self.error.setText(failure_text(exc))
        self.error.setVisible(True)
        self.failed = True
        self.last_refusal = exc

    def busy(self, asking: bool) -> None:
        if self.alive():
            self.save_button.setEnabled(not asking)

    @asyncSlot()
    async def save(self) -> None:
        raise NotImplementedError


class UnitEditDialog(_EditDialog):
    """The unit's name, the unit it is part of (never itself or a unit below it) and its claim lease;
    ``on_saved`` is told what the change did (the page's to say), even if the dialog was closed meanwhile."""

    def __init__(
        self, page: AdminPage, unit: Unit, units: list[Unit], on_saved: Callable[[ChangedUnit], object]
    ) -> None:
        super().__init__(page, "unitEditDialog")
        self.unit = unit
        self.on_saved = on_saved
        self.setWindowTitle(self.tr("Change unit %1").replace("%1", unit.code))
        self.save_button.setText(self.tr("&Save"))
        by_id = {u.id: u for u in units}
        self.old_parent = by_id[unit.parent_id].code if unit.parent_id in by_id else None
        self.name = QLineEdit(unit.name)
        self.name.setObjectName("unitEditName")
        self.parent_unit = QComboBox()
        self.parent_unit.setObjectName("unitEditParent")
        self.parent_unit.setAccessibleName(self.tr("Part of"))
        self.parent_unit.addItem(self.tr("(top level)"), None)
        below = subtree(units, unit.id)
        for other in sorted((u for u in units if u.id not in below), key=lambda u: natural_key(u.name)):
            self.parent_unit.addItem(f"{other.name} ({other.code})", other.code)
        self.parent_unit.setCurrentIndex(max(0, self.parent_unit.findData(self.old_parent)))
        self.lease = QDoubleSpinBox()
        self.lease.setObjectName("unitEditLease")
        self.lease.setDecimals(2)
        self.lease.setRange(round(MIN_LEASE.total_seconds() / HOUR + 0.005, 2), MAX_LEASE.total_seconds() / HOUR)
        self.lease.setSuffix(self.tr(" hours"))
        self.lease.setValue(unit.lease_seconds / HOUR)
        self.old_lease = self.lease.value()  # as shown: an untouched lease is not sent, even if rounded
        note = QLabel(self.tr("The code %1 stays: settings and the command line know the unit by it."))
        note.setText(note.text().replace("%1", unit.code))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Part of:"), self.parent_unit)
        form.addRow(self.tr("Claim &lease:"), self.lease)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    @asyncSlot()
    async def save(self) -> None:
        name = self.name.text().strip()
        parent = self.parent_unit.currentData()
        lease = self.lease.value()
        new_name = name if name != self.unit.name else None
        moved = parent != self.old_parent
        new_lease = round(lease * HOUR) if lease != self.old_lease else None
        if new_name is None and not moved and new_lease is None:
            self.reject()  # nothing was changed: nothing to send
            return
        self.busy(True)
        try:
            changed: ChangedUnit = await self.page.ask(
                requests.update_unit,
                self.unit.code,
                new_name,
                parent if moved else None,
                moved and parent is None,
                new_lease,
            )
        except AduanError as exc:
            if self.alive():
                self.refused(exc)  # what was typed stays, to be corrected
            return
        finally:
            self.busy(False)
        self.on_saved(changed)  # the page is there (``ask`` answers only then); the dialog may not be
        if self.alive():
            self.accept()


class OfficerEditDialog(_EditDialog):
    """The officer's name, role and units (ticked in a list, at least one). An admin's own role is not offered:
    another admin changes it. ``on_saved`` as for a unit."""

    def __init__(
        self,
        page: AdminPage,
        officer: Officer,
        units: list[Unit],
        own: bool,
        on_saved: Callable[[ChangedOfficer], object],
    ) -> None:
        super().__init__(page, "officerEditDialog")
        self.officer = officer
        self.on_saved = on_saved
        self.setWindowTitle(self.tr("Change officer %1").replace("%1", officer.login))
        self.save_button.setText(self.tr("&Save"))
        self.name = QLineEdit(officer.name)
        self.name.setObjectName("officerEditName")
        self.role = QComboBox()
        self.role.setObjectName("officerEditRole")
        for each in Role:
            self.role.addItem(role_label(each), each.value)
        self.role.setCurrentIndex(self.role.findData(officer.role.value))
        if own:
            self.role.setEnabled(False)
            self.role.setToolTip(self.tr("You cannot change your own role: ask another admin."))
        self.units = QListWidget()
        self.units.setObjectName("officerEditUnits")
        self.units.setAccessibleName(self.tr("Units"))
        for unit in sorted(units, key=lambda u: natural_key(u.name)):
            item = QListWidgetItem(f"{unit.name} ({unit.code})")
            item.setData(Qt.ItemDataRole.UserRole, unit.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = unit.code in officer.unit_codes
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.units.addItem(item)
        self.units.itemChanged.connect(self._enable)
        self.no_unit = QLabel(self.tr("An officer works in at least one unit: tick one."))
        self.no_unit.setObjectName("officerEditNoUnit")
        self.no_unit.setWordWrap(True)
        note = QLabel(
            self.tr(
                "The login %1 stays. Reports the officer holds in units they leave are released at once, "
                "for the unit to take up."
            )
        )
        note.setText(note.text().replace("%1", officer.login))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("R&ole:"), self.role)
        form.addRow(self.tr("&Units:"), self.units)
        form.addRow("", self.no_unit)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._enable()

    def ticked(self) -> list[str]:
        found = (self.units.item(row) for row in range(self.units.count()))
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in found if i.checkState() == Qt.CheckState.Checked]

    def _enable(self) -> None:
        some = bool(self.ticked())
        self.no_unit.setVisible(not some)
        self.save_button.setEnabled(some)

    @asyncSlot()
    async def save(self) -> None:
        name = self.name.text().strip()
        role = Role(self.role.currentData())
        units = self.ticked()
        new_name = name if name != self.officer.name else None
        new_role = role if role is not self.officer.role else None
        new_units = units if set(units) != set(self.officer.unit_codes) else None
        if new_name is None and new_role is None and new_units is None:
            self.reject()  # nothing was changed: nothing to send
            return
        self.busy(True)
        try:
            changed: ChangedOfficer = await self.page.ask(
                requests.update_officer, self.officer.login, new_name, new_role, new_units
            )
        except AduanError as exc:
            if self.alive():
                self.refused(exc)
            return
        finally:
            self.busy(False)
            if self.alive():
                self._enable()
        self.on_saved(changed)  # the page is there (``ask`` answers only then); the dialog may not be
        if self.alive():
            self.accept()
