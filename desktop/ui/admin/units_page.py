"""Units: the organisation as a tree (parents before their children, in natural order), and for admins a
form to add one. The server has no command to rename a unit or move it: that stays with the CLI's owner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
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
from .page import AdminPage


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
        self.add_box.setVisible(self.admin)  # only admins manage units; the server decides again

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.add_box)

    async def reload(self) -> None:
        try:
            self.units = await self.ask(requests.list_units)
        except AduanError as exc:
            self.refused(exc)
            return
        unit_tree(self.tree, self.units)
        unit_choices(self.parent_unit, self.units, self.tr("(top level)"))

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
