"""Assign one or more reports to an officer: a searchable list of the officers of the reports' units, each
with their current load, and a summary of the reports that could not be assigned.

Each assignment goes through the desk (offline-first: queued, shown at once, decided by the server); the
dialog reads and writes on the cache thread (``ops.db``). ``assigned`` is emitted once anything was queued.
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ..domain.errors import AduanError
from ..sync.session import Session
from ..views.workload import AssignChoices, AssignTarget, OfficerLoad, load_assign_choices
from .errors import describe
from .ops import Ops
from .plain import plain_label


class AssignDialog(QDialog):
    assigned = Signal()  # something was queued: the caller syncs and refreshes

    def __init__(self, session: Session, ops: Ops, ticket_ids: list[UUID], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.ticket_ids = list(ticket_ids)
        self.choices: AssignChoices | None = None
        self.done_ids: list[UUID] = []  # the reports queued for assignment
        self.setObjectName("assignDialog")
        self.setWindowTitle(self.tr("Assign to officer"))
        self.resize(460, 420)  # room for the names with their loads, and for the refusals below them
        self.setModal(True)
        self.heading = plain_label(
            self.tr("Assign %n report(s) to:", "", len(self.ticket_ids)), name="assignHeading", wrap=True
        )
        self.search = QLineEdit()
        self.search.setObjectName("assignSearch")
        self.search.setPlaceholderText(self.tr("Search by name or unit"))
        self.search.setAccessibleName(self.tr("Search officers"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.officers = QListWidget()
        self.officers.setObjectName("assignOfficers")
        self.officers.setAccessibleName(self.tr("Officers, with the reports they hold"))
        self.officers.currentItemChanged.connect(lambda *_: self._enable())
        self.officers.itemDoubleClicked.connect(lambda _item: self.assign())
        self.summary = plain_label(name="assignSummary", wrap=True)
        self.summary.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.assign_button = QPushButton(self.tr("Assign"))
        self.assign_button.setObjectName("assignButton")
        self.assign_button.setDefault(True)
        self.buttons.addButton(self.assign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.assign_button.clicked.connect(self.assign)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addWidget(self.officers, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.search.setFocus()
        self._enable()
        self.reload()

    # -- the officers ------------------------------------------------------------------------------------

    @asyncSlot()
    async def reload(self) -> None:
        self.choices = await self.ops.db(load_assign_choices, self.session.cache, self.ticket_ids)
        self.officers.clear()
        for load in self.choices.officers:
            item = QListWidgetItem(f"{load.name} — {self.load_words(load)}")
            item.setData(Qt.ItemDataRole.UserRole, load.officer_id)
            item.setToolTip(", ".join(load.units))
            self.officers.addItem(item)
        if not self.choices.officers:
            self.show_summary(self.tr("None of these reports is in a unit you supervise."))
        self._filter(self.search.text())

    def load_words(self, load: OfficerLoad) -> str:
        """The load in words ("3 open, 1 overdue"), never by colour alone."""
        opened = self.tr("%n open", "", load.open)
        if not load.overdue:
            return opened
        late = self.tr("%n overdue", "", load.overdue)
        return f"{opened}, {late}"

    def _filter(self, typed: str) -> None:
        words = typed.casefold().split()
        loads = {load.officer_id: load for load in (self.choices.officers if self.choices else [])}
        first_shown = None
        for row in range(self.officers.count()):
            item = self.officers.item(row)
            load = loads[int(item.data(Qt.ItemDataRole.UserRole))]
            text = " ".join((load.name, *load.units)).casefold()
            hidden = not all(word in text for word in words)
            item.setHidden(hidden)
            if not hidden and first_shown is None:
                first_shown = item
        current = self.officers.currentItem()
        if (current is None or current.isHidden()) and first_shown is not None:
            self.officers.setCurrentItem(first_shown)
        self._enable()

    def chosen(self) -> OfficerLoad | None:
        item = self.officers.currentItem()
        if item is None or item.isHidden() or self.choices is None:
            return None
        officer_id = int(item.data(Qt.ItemDataRole.UserRole))
        return next((load for load in self.choices.officers if load.officer_id == officer_id), None)

    def choose(self, name: str) -> None:
        """Pick the officer called ``name`` (tests and keyboard users: type, then Enter)."""
        for row in range(self.officers.count()):
            item = self.officers.item(row)
            if item.text().startswith(f"{name} — "):
                self.officers.setCurrentItem(item)

    def _enable(self) -> None:
        self.assign_button.setEnabled(self.chosen() is not None)

    def show_summary(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.setVisible(bool(text))

    # -- assigning ---------------------------------------------------------------------------------------

    @asyncSlot()
    async def assign(self) -> None:
        officer = self.chosen()
        if officer is None or self.choices is None:
            return
        self.assign_button.setEnabled(False)
        refusals: list[str] = []
        done: list[UUID] = []
        for target in self.choices.targets:
            refusal = self._refusal(target, officer)
            if refusal is None:
                try:
                    await self.ops.db(self.session.desk.assign, str(target.ticket_id), officer.login)
                except AduanError as exc:
                    refusal = describe(exc)
                else:
                    done.append(target.ticket_id)
                    continue
            refusals.append(f"{self._name(target)}: {refusal}")
        self.done_ids += done
        if done:
            self.assigned.emit()
        if not refusals:
            self.accept()
            return
        said = self.tr("%1 of %2 assigned to %3.").replace("%1", str(len(done)))
        said = said.replace("%2", str(len(self.choices.targets))).replace("%3", officer.name)
        self.show_summary("\n".join([said, self.tr("Not assigned:"), *refusals]))
        # What was assigned is done; what was refused stays to be given to someone else.
        remaining = [t for t in self.choices.targets if t.ticket_id not in done]
        self.choices = AssignChoices(self.choices.officers, remaining)
        self.ticket_ids = [t.ticket_id for t in remaining]
        self._enable()

    def _refusal(self, target: AssignTarget, officer: OfficerLoad) -> str | None:
        """What the cache already knows refuses (worded here, in the officer's language); the desk and the
        server check again."""
        if target.closed:
            return self.tr("it is closed")
        if officer.officer_id not in target.officer_ids:
            return self.tr("%1 is not an officer of %2").replace("%1", officer.name).replace("%2", target.unit)
        return None

    def _name(self, target: AssignTarget) -> str:
        return target.tracking_no or self.tr("new report (not numbered yet)")
