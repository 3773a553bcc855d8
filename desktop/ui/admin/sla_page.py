"""Service levels: the policies in force (a unit, a kind, a category, a priority — or everywhere) with their
targets, set or replaced for a scope, and removed. Supervisors set them for their units; the store refuses
another unit's."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ...domain.errors import AduanError
from ...domain.vocabulary import Kind, Priority, Role
from ...sync.session import Session
from ..labels import kind_label, priority_label
from ..ops import Ops
from . import requests
from .page import AdminPage, fill_table, list_table, selected_key
from .units_page import unit_choices


def _spin(name: str, low: int, high: int, value: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


class SlaPage(AdminPage):
    def __init__(self, session: Session, ops: Ops, role: Role | None, parent: QWidget | None = None) -> None:
        super().__init__(session, ops, role, parent)
        self.setObjectName("adminSla")
        self.policies: list[dict[str, Any]] = []
        self.table = list_table(
            "policyTable",
            self.tr("Service-level policies"),
            [
                self.tr("No."),
                self.tr("Unit"),
                self.tr("Kind"),
                self.tr("Category"),
                self.tr("Priority"),
                self.tr("Verify"),
                self.tr("Follow up"),
                self.tr("Reporter wait"),
                self.tr("Resolution"),
                self.tr("Warn at"),
            ],
        )
        self.table.itemSelectionChanged.connect(self._enable)
        self.remove_button = QPushButton(self.tr("&Remove policy"))
        self.remove_button.setObjectName("policyRemove")
        self.remove_button.clicked.connect(self.remove)

        self.unit = QComboBox()
        self.unit.setObjectName("policyUnit")
        self.kind = QComboBox()
        self.kind.setObjectName("policyKind")
        self.kind.addItem(self.tr("any kind"), None)
        for kind in Kind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.category = QLineEdit()
        self.category.setObjectName("policyCategory")
        self.category.setPlaceholderText(self.tr("any category"))
        self.priority = QComboBox()
        self.priority.setObjectName("policyPriority")
        self.priority.addItem(self.tr("any priority"), None)
        for priority in Priority:
            self.priority.addItem(priority_label(priority), priority.name.lower())
        working = self.tr(" working days")
        self.verify = _spin("policyVerify", 0, 365, 3, working)
        self.follow_up = _spin("policyFollowUp", 0, 365, 5, working)
        self.reporter_wait = _spin("policyReporterWait", 0, 365, 10, working)
        self.resolution = _spin("policyResolution", 1, 3650, 60, self.tr(" days"))
        self.warn = _spin("policyWarn", 1, 100, 75, " %")
        self.restart = QCheckBox(self.tr("Clocks restart when a report is transferred"))
        self.restart.setObjectName("policyRestart")
        self.save_button = QPushButton(self.tr("&Save policy"))
        self.save_button.setObjectName("policySave")
        self.save_button.clicked.connect(self.save)

        box = QGroupBox(self.tr("Set the policy for a scope (replaces the one there)"))
        form = QFormLayout(box)
        form.addRow(self.tr("&Unit:"), self.unit)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Category:"), self.category)
        form.addRow(self.tr("&Priority:"), self.priority)
        form.addRow(self.tr("&Verify within:"), self.verify)
        form.addRow(self.tr("&Follow up within:"), self.follow_up)
        form.addRow(self.tr("Wait for the &reporter:"), self.reporter_wait)
        form.addRow(self.tr("Resolve &within:"), self.resolution)
        form.addRow(self.tr("&Warn at:"), self.warn)
        form.addRow("", self.restart)
        form.addRow("", self.save_button)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(box)
        self._enable()

    def _enable(self) -> None:
        self.remove_button.setEnabled(selected_key(self.table) is not None)

    async def reload(self) -> None:
        try:
            self.policies = await self.ask(requests.list_policies)
            units = await self.ask(requests.list_units)
        except AduanError as exc:
            self.refused(exc)
            return
        everywhere = self.tr("every unit")
        fill_table(self.table, [(p["id"], self._cells(p, everywhere)) for p in self.policies])
        unit_choices(self.unit, units, everywhere if self.admin else None)
        self._enable()

    def _cells(self, p: dict[str, Any], everywhere: str) -> list[str]:
        anything = self.tr("any")
        days = self.tr("%1 working days")
        kind = kind_label(Kind(p["kind"])) if p["kind"] else anything
        priority = priority_label(Priority(p["priority"])) if p["priority"] else anything
        return [
            str(p["id"]),
            p["unit"] or everywhere,
            kind,
            p["category"] or anything,
            priority,
            days.replace("%1", str(p["verify_working_days"])),
            days.replace("%1", str(p["follow_up_working_days"])),
            days.replace("%1", str(p["reporter_wait_working_days"])),
            self.tr("%1 days").replace("%1", str(p["resolution_days"])),
            f"{p['warn_percent']} %",
        ]

    @asyncSlot()
    async def save(self) -> None:
        fields = {
            "unit": self.unit.currentData(),
            "kind": self.kind.currentData(),
            "category": self.category.text().strip() or None,
            "priority": self.priority.currentData(),
            "verify": self.verify.value(),
            "follow_up": self.follow_up.value(),
            "reporter_wait": self.reporter_wait.value(),
            "resolution": self.resolution.value(),
            "warn_percent": self.warn.value(),
            "restart_on_transfer": self.restart.isChecked(),
        }
        self.say("")
        self.save_button.setEnabled(False)
        try:
            policy_id = await self.ask(requests.set_policy, fields)
        except AduanError as exc:
            self.refused(exc)
            return
        finally:
            if self.alive():
                self.save_button.setEnabled(True)
        await self.reload()
        self.say(self.tr("Policy %1 saved; open reports' deadlines follow it now.").replace("%1", str(policy_id)))

    @asyncSlot()
    async def remove(self) -> None:
        policy_id = selected_key(self.table)
        if not isinstance(policy_id, int):
            return
        self.say("")
        try:
            await self.ask(requests.remove_policy, policy_id)
        except AduanError as exc:
            self.refused(exc)
            return
        await self.reload()
        self.say(self.tr("Policy %1 removed.").replace("%1", str(policy_id)))
