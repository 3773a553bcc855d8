"""The officers' workload, for supervisors (their units and the units below) and admins: each officer's open
reports and how many are overdue, and the reports one officer holds, to hand some of them to another
("Assign selected…", the rebalance). Read from the cache; assigning goes through ``AssignDialog``.
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot
from shiboken6 import isValid

from ..sync.session import Session
from ..views.workload import HeldReport, OfficerLoad, load_held_reports, load_workload
from .assign_dialog import AssignDialog
from .events import Events
from .labels import local_time
from .ops import Ops
from .plain import plain_label


class WorkloadView(QDialog):
    """A window beside the main one (not modal): it follows the cache as syncs bring changes."""

    def __init__(self, session: Session, ops: Ops, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.events = events
        self.loads: list[OfficerLoad] = []
        self.reports: list[HeldReport] = []
        self.assign_dialog: AssignDialog | None = None
        self.setObjectName("workloadView")
        self.setWindowTitle(self.tr("Officers' workload"))
        self.resize(860, 560)

        self.officers = QTreeWidget()
        self.officers.setObjectName("workloadOfficers")
        self.officers.setAccessibleName(self.tr("Officers and their open reports"))
        self.officers.setRootIsDecorated(False)
        self.officers.setHeaderLabels([self.tr("Officer"), self.tr("Unit"), self.tr("Open"), self.tr("Overdue")])
        self.officers.currentItemChanged.connect(lambda *_: self.show_reports())
        # The names and units take the width; the two counts stay narrow beside them, where the eye compares them.
        officers_header = self.officers.header()
        officers_header.setStretchLastSection(False)
        officers_header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for count_column in (2, 3):
            officers_header.setSectionResizeMode(count_column, QHeaderView.ResizeMode.ResizeToContents)
        self.held = QTreeWidget()
        self.held.setObjectName("workloadReports")
        self.held.setAccessibleName(self.tr("Reports the chosen officer holds"))
        self.held.setRootIsDecorated(False)
        self.held.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.held.setHeaderLabels([self.tr("Tracking no."), self.tr("Subject"), self.tr("Unit"), self.tr("Deadline")])
        self.held.itemSelectionChanged.connect(self._enable)
        self.held.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the subject
        self.held.header().setStretchLastSection(False)
        self.held.itemActivated.connect(lambda item, _column: self.events.open_ticket.emit(self._ticket_of(item)))
        self.heading = plain_label(name="workloadHeading", wrap=True)
        self.assign_button = QPushButton(self.tr("Assign selected…"))
        self.assign_button.setObjectName("assignSelectedButton")
        self.assign_button.setToolTip(self.tr("Give the selected reports to another officer"))
        self.assign_button.clicked.connect(self.assign_selected)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.officers)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.heading)
        lower_layout.addWidget(self.held, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.assign_button)
        lower_layout.addLayout(row)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self._enable()
        events.cache_changed.connect(self.reload)

    # -- reading -----------------------------------------------------------------------------------------

    @asyncSlot()
    async def reload(self) -> None:
        loads = await self.ops.db(load_workload, self.session.cache)
        if not isValid(self):
            return
        chosen = self.chosen_officer()
        self.loads = loads
        self.officers.clear()
        for load in loads:
            item = QTreeWidgetItem([load.name, ", ".join(load.units), str(load.open), str(load.overdue)])
            item.setData(0, Qt.ItemDataRole.UserRole, load.officer_id)
            for column in (2, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if load.overdue:
                item.setToolTip(3, self.tr("%n report(s) past their deadline", "", load.overdue))
            self.officers.addTopLevelItem(item)
            if chosen is not None and load.officer_id == chosen.officer_id:
                self.officers.setCurrentItem(item)
        for column in range(self.officers.columnCount()):
            self.officers.resizeColumnToContents(column)
        first = self.officers.topLevelItem(0)
        if self.officers.currentItem() is None and first is not None:
            self.officers.setCurrentItem(first)
        else:
            await self._show_reports()

    def chosen_officer(self) -> OfficerLoad | None:
        item = self.officers.currentItem()
        if item is None:
            return None
        officer_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        return next((load for load in self.loads if load.officer_id == officer_id), None)

    def choose_officer(self, name: str) -> None:
        for row in range(self.officers.topLevelItemCount()):
            item = self.officers.topLevelItem(row)
            if item is not None and item.text(0) == name:
                self.officers.setCurrentItem(item)

    @asyncSlot()
    async def show_reports(self) -> None:
        await self._show_reports()

    async def _show_reports(self) -> None:
        officer = self.chosen_officer()
        reports = (
            [] if officer is None else await self.ops.db(load_held_reports, self.session.cache, officer.officer_id)
        )
        if not isValid(self) or officer != self.chosen_officer():
            return  # another officer was chosen meanwhile
        self.reports = reports
        self.held.clear()
        for report in reports:
            deadline = "" if report.due_at is None else local_time(report.due_at)
            if report.overdue:
                deadline = self.tr("%1 (overdue)").replace("%1", deadline)
            item = QTreeWidgetItem([report.tracking_no, report.subject, report.unit, deadline])
            item.setData(0, Qt.ItemDataRole.UserRole, str(report.ticket_id))
            self.held.addTopLevelItem(item)
        if officer is None:
            self.heading.setText("")
        else:
            self.heading.setText(
                self.tr("Reports %1 holds (select some to give to another officer):").replace("%1", officer.name)
            )
        self._enable()

    @staticmethod
    def _ticket_of(item: QTreeWidgetItem) -> str:
        return str(item.data(0, Qt.ItemDataRole.UserRole))

    def selected_ticket_ids(self) -> list[UUID]:
        return [UUID(self._ticket_of(item)) for item in self.held.selectedItems()]

    def _enable(self) -> None:
        self.assign_button.setEnabled(bool(self.held.selectedItems()))

    # -- rebalancing -------------------------------------------------------------------------------------

    def assign_selected(self) -> None:
        ticket_ids = self.selected_ticket_ids()
        if not ticket_ids:
            return
        dialog = AssignDialog(self.session, self.ops, ticket_ids, self)
        dialog.assigned.connect(self.events.work_queued)
        dialog.assigned.connect(self.reload)
        dialog.finished.connect(dialog.deleteLater)
        self.assign_dialog = dialog
        dialog.open()
