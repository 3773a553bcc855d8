"""Units: the organisation as a tree (parents before their children, in natural order), and for admins a
form to add one and a dialog to change the chosen one (its name, where it sits, its claim lease: *Edit…* or a
double click)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ...domain.entities import Unit
from ...domain.errors import AduanError
from ...domain.vocabulary import Role
from ...sync.session import Session
from ...views.unit_tree import natural_key
from ..ops import Ops
from . import requests
from .edit_dialogs import UnitEditDialog
from .page import AdminPage

if TYPE_CHECKING:
    from ...server.commands import ChangedUnit


def unit_tree(tree: QTreeWidget, units: list[Unit]) -> None:
    """Fill ``tree``: each unit under its parent, siblings in natural order ("Kanreg 2" before "Kanreg 10")."""
    tree.clear()
    by_parent: dict[int | None, list[Unit]] = {}
    known = {u.id for u in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in known else None
        by_parent.setdefault(parent, []).append(unit)

    def add(parent_item: QTreeWidgetItem | None, parent_id: int | None) -> None:
        for unit in sorted(by_parent.get(parent_id, []), key=lambda u: natural_key(u.name)):
            item = QTreeWidgetItem([unit.name, unit.code])
            item.setData(0, Qt.ItemDataRole.UserRole, unit.code)
            if parent_item is None:
                tree.addTopLevelItem(item)
            else:
                parent_item.addChild(item)
            add(item, unit.id)

    add(None, None)
    tree.expandAll()
    tree.resizeColumnToContents(0)


def unit_choices(combo: QComboBox, units: list[Unit], none_text: str | None = None) -> None:
    """A unit picker in natural order, the chosen one kept across a reload; ``none_text`` offers no unit."""
    kept = combo.currentData()
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for unit in sorted(units, key=lambda u: natural_key(u.name)):
        combo.addItem(f"{unit.name} ({unit.code})", unit.code)
    at = combo.findData(kept)
    if at >= 0:
        combo.setCurrentIndex(at)


class UnitsPage(AdminPage):
    def __init__(self, session: Session, ops: Ops, role: Role | None, parent: QWidget | None = None) -> None:
        super().__init__(session, ops, role, parent)
        self.setObjectName("adminUnits")
        self.units: list[Unit] = []
        self.tree = QTreeWidget()
        self.tree.setObjectName("unitTree")
        self.tree.setAccessibleName(self.tr("Units"))
        self.tree.setHeaderLabels([self.tr("Unit"), self.tr("Code")])
        self.tree.itemSelectionChanged.connect(self._enable)
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit())
        self.edit_button = QPushButton(self.tr("Ed&it…"))
        self.edit_button.setObjectName("unitEdit")
        self.edit_button.setToolTip(self.tr("Change the chosen unit's name, where it sits, or its claim lease"))
        self.edit_button.clicked.connect(self.edit)
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addStretch(1)
        actions.setContentsMargins(0, 0, 0, 0)
        self.action_row = QWidget()
        self.action_row.setLayout(actions)
        self.editor: UnitEditDialog | None = None  # the dialog open last (for tests)

        self.code = QLineEdit()
        self.code.setObjectName("unitCode")
        self.code.setPlaceholderText(self.tr("e.g. kanreg-2 (lower-case letters, digits, -)"))
        self.name = QLineEdit()
        self.name.setObjectName("unitName")
        self.parent_unit = QComboBox()
        self.parent_unit.setObjectName("unitParent")
        self.lease = QDoubleSpinBox()
        self.lease.setObjectName("unitLease")
        self.lease.setRange(0.0, 168.0)
        self.lease.setDecimals(1)
        self.lease.setSpecialValueText(self.tr("default (4 hours)"))
        self.lease.setSuffix(self.tr(" hours"))
        self.add_button = QPushButton(self.tr("&Add unit"))
        self.add_button.setObjectName("unitAdd")
        self.add_button.clicked.connect(self.add)
        self.add_box = QGroupBox(self.tr("Add a unit"))
        form = QFormLayout(self.add_box)
        form.addRow(self.tr("&Code:"), self.code)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Part of:"), self.parent_unit)
        form.addRow(self.tr("Claim &lease:"), self.lease)
        form.addRow("", self.add_button)
        # Only admins manage units; the server decides again.
        for widget in (self.action_row, self.add_box):
            widget.setVisible(self.admin)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.action_row)
        layout.addWidget(self.add_box)
        self._enable()

    def chosen(self) -> Unit | None:
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            return None
        code = item.data(0, Qt.ItemDataRole.UserRole)
        return next((u for u in self.units if u.code == code), None)

    def _enable(self) -> None:
        self.edit_button.setEnabled(self.chosen() is not None)

    def edit(self) -> None:
        chosen = self.chosen()
        if chosen is None or not self.admin:
            return
        self.say("")
        self.editor = UnitEditDialog(self, chosen, self.units, self.edited)
        self.editor.open()

    @asyncSlot(object)
    async def edited(self, changed: ChangedUnit) -> None:
        await self.reload()
        text = self.tr("Unit %1 changed.").replace("%1", f"{changed.unit.name} ({changed.unit.code})")
        if changed.claims_ended:
            released = self.tr("Released, as their holders can no longer reach them: %1.")
            text += " " + released.replace("%1", ", ".join(changed.claims_ended))
        self.say(text)

    async def reload(self) -> None:
        try:
            self.units = await self.ask(requests.list_units)
        except AduanError as exc:
            self.refused(exc)
            return
        unit_tree(self.tree, self.units)
        unit_choices(self.parent_unit, self.units, self.tr("(top level)"))
        self._enable()

    @asyncSlot()
    async def add(self) -> None:
        lease = self.lease.value()
        parent = self.parent_unit.currentData()
        self.say("")
        self.add_button.setEnabled(False)
        try:
            added = await self.ask(
                requests.add_unit,
                self.code.text().strip(),
                self.name.text().strip(),
                parent,
                int(lease * 3600) if lease else None,
            )
        except AduanError as exc:
            self.refused(exc)  # what was typed stays, to be corrected
            return
        finally:
            if self.alive():
                self.add_button.setEnabled(True)
        self.code.clear()
        self.name.clear()
        await self.reload()
        self.say(self.tr("Unit %1 added.").replace("%1", f"{added.name} ({added.code})"))
