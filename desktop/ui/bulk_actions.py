"""The inbox's actions on the selected reports: open, take, release, change status, transfer, mark as duplicate,
answer with a reply template (and, for supervisors, take over and assign).

Each action runs the desk's own operation on every selected report in turn, on the cache thread, and keeps each
refusal instead of stopping at the first: one summary then says which reports were done and which were not, and
why, in the officer's language. Nothing is dropped without a word — selected rows whose data was not read yet
(far down a large inbox) are named in the summary as left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ..domain.canned import MissingVariable
from ..domain.errors import AduanError
from ..domain.status import Status
from ..domain.vocabulary import Role
from ..sync.session import Session
from ..views.canned import CannedResponse, TicketCanned, load_canned_for_ticket
from ..views.selection import load_selected_facts
from ..views.tickets import load_unit_choices
from . import actions
from .assign_dialog import AssignDialog
from .canned_picker import CannedPicker
from .errors import describe
from .events import Events
from .ops import Ops
from .plain import plain_label
from .related_dialogs import MasterDialog
from .ticket_dialogs import CloseDialog, StatusDialog, StealDialog, TransferDialog


@dataclass(frozen=True, slots=True)
class Report:
    """A selected report: its id and how the table names it (number and subject)."""

    ticket_id: UUID
    label: str


@dataclass(frozen=True, slots=True)
class Selection:
    reports: list[Report]
    unread: int = 0  # selected rows whose data is not read yet: left out, and said so


@dataclass(slots=True)
class BulkOutcome:
    title: str
    done: list[Report] = field(default_factory=list)
    refused: list[tuple[Report, str]] = field(default_factory=list)
    unread: int = 0


def act_on_each(act: Callable[..., object], ticket_ids: Sequence[UUID], *args: Any) -> list[AduanError | None]:
    """On the cache thread: the desk action on each report in turn; a refusal is kept for the summary."""
    results: list[AduanError | None] = []
    for ticket_id in ticket_ids:
        try:
            act(str(ticket_id), *args)
        except AduanError as exc:
            results.append(exc)
        else:
            results.append(None)
    return results


def answer_each(session: Session, ticket_ids: Sequence[UUID], key: str) -> list[AduanError | None]:
    """On the cache thread: canned response ``key`` filled in for each report in turn and sent as its reply."""

    def answer(ref: str) -> None:
        offered = load_canned_for_ticket(session.cache, UUID(ref))
        response = offered.find(key)
        session.desk.reply(ref, offered.render(response), response.ref)

    return act_on_each(answer, ticket_ids)


def canned_choices(session: Session, ticket_ids: Sequence[UUID]) -> TicketCanned:
    """On the cache thread: the reply templates offered for any of the reports, by title, with the first
    report's values (the picker's preview shows the text as that report would get it)."""
    found: dict[str, CannedResponse] = {}
    first: TicketCanned | None = None
    for ticket_id in ticket_ids:
        try:
            offered = load_canned_for_ticket(session.cache, ticket_id)
        except AduanError:
            continue  # gone meanwhile: the answer to it says so
        first = first or offered
        for response in offered.responses:
            found.setdefault(response.key, response)
    responses = tuple(sorted(found.values(), key=lambda r: (r.title.casefold(), r.key)))
    return TicketCanned(responses, first.values if first is not None else {})


class BulkSummaryDialog(QDialog):
    """Which reports an action was done for, and which not and why."""

    def __init__(self, outcome: BulkOutcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bulkSummaryDialog")
        self.setWindowTitle(outcome.title)
        layout = QVBoxLayout(self)
        self.done_list = QListWidget()
        self.done_list.setObjectName("bulkDone")
        self.done_list.setAccessibleName(self.tr("Reports done"))
        self.done_list.addItems([report.label for report in outcome.done])
        self.refused_list = QListWidget()
        self.refused_list.setObjectName("bulkRefused")
        self.refused_list.setAccessibleName(self.tr("Reports not done, and why"))
        self.refused_list.setWordWrap(True)
        self.refused_list.setAlternatingRowColors(True)  # tells one report's two lines from the next's
        self.refused_list.addItems([f"{report.label}\n{why}" for report, why in outcome.refused])
        self.headline = plain_label(self._headline(outcome), "bulkHeadline", wrap=True)
        layout.addWidget(self.headline)
        if outcome.done:
            layout.addWidget(self._heading(self.tr("Done (%n):", "", len(outcome.done))))
            layout.addWidget(self.done_list)
        if outcome.refused:
            layout.addWidget(self._heading(self.tr("Not done (%n), and why:", "", len(outcome.refused))))
            layout.addWidget(self.refused_list)
        if outcome.unread:
            text = self.tr(
                "%n selected row(s) were not read yet and were left out: scroll to them and try again.",
                "",
                outcome.unread,
            )
            layout.addWidget(plain_label(text, "bulkUnread", wrap=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def _headline(self, outcome: BulkOutcome) -> str:
        total = len(outcome.done) + len(outcome.refused)
        if not outcome.refused:
            return self.tr("Done for all %n report(s).", "", total)
        if not outcome.done:
            return self.tr("Not done for any of the %n report(s).", "", total)
        return self.tr("Done for %1 of %2 reports.").replace("%1", str(len(outcome.done))).replace("%2", str(total))

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = plain_label(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label


class BulkActions(QObject):
    """The context menu's actions of the inbox, acting on ``selection()``."""

    # An action finished on its reports: the outcome (also shown in the summary when it says more than "done").
    finished = Signal(object)

    def __init__(
        self, session: Session, ops: Ops, events: Events, selection: Callable[[], Selection], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.events = events
        self.selection = selection
        self.widget = parent
        self.summary: BulkSummaryDialog | None = None  # the last summary shown
        self.open_action = self._action("open", self.tr("Open"), self.open_first)
        self.open_action.setShortcutVisibleInContextMenu(False)
        self.claim_action = actions.create(self, "claim", self.claim)
        self.release_action = actions.create(self, "release", self.release)
        self.steal_action = actions.create(self, "steal", self.ask_steal)
        self.status_action = actions.create(self, "change_status", self.ask_status)
        self.transfer_action = actions.create(self, "transfer", self.ask_transfer)
        self.link_action = actions.create(self, "mark_duplicate", self.ask_link)
        self.canned_action = self._action("bulk_canned", self.tr("Answer with a reply template…"), self.ask_canned)
        self.assign_action = self._action("bulk_assign", self.tr("Assign to…"), self.ask_assign)
        for action in (self.claim_action, self.release_action, self.status_action, self.transfer_action):
            action.setShortcut("")  # the ticket pane's shortcuts act on the open report, not the selection
        self.link_action.setShortcut("")
        self.steal_action.setVisible(False)  # supervisors and admins: shown once the cache tells the role
        self.assign_action.setVisible(False)

    def _action(self, name: str, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        action.triggered.connect(slot)
        return action

    def all(self) -> list[QAction]:
        return [
            self.open_action,
            self.claim_action,
            self.release_action,
            self.steal_action,
            self.assign_action,
            self.status_action,
            self.transfer_action,
            self.link_action,
            self.canned_action,
        ]

    def show_role(self, role: Role | None) -> None:
        """Taking over and assigning are a supervisor's (and an admin's); the store decides again."""
        supervises = role is not None and role.may_steal
        self.steal_action.setVisible(supervises)
        self.assign_action.setVisible(supervises)

    # -- acting -----------------------------------------------------------------------------------------

    def open_first(self) -> None:
        reports = self.selection().reports
        if reports:
            self.events.open_ticket.emit(str(reports[0].ticket_id))

    @asyncSlot()
    async def claim(self) -> None:
        await self.run(actions.text("claim"), self.session.desk.claim)

    @asyncSlot()
    async def release(self) -> None:
        await self.run(actions.text("release"), self.session.desk.release)

    async def run(self, title: str, act: Callable[..., object], *args: Any) -> BulkOutcome | None:
        selection = self.selection()
        if not selection.reports:
            return None
        ids = [report.ticket_id for report in selection.reports]
        results = await self.ops.db(act_on_each, act, ids, *args)
        return self.finish(title, selection, results)

    def finish(self, title: str, selection: Selection, results: Sequence[AduanError | None]) -> BulkOutcome:
        outcome = BulkOutcome(_plain_title(title), unread=selection.unread)
        for report, refusal in zip(selection.reports, results, strict=True):
            if refusal is None:
                outcome.done.append(report)
            else:
                outcome.refused.append((report, self.why(refusal)))
        if outcome.done:
            self.events.work_queued()
        if len(selection.reports) > 1 or outcome.refused or outcome.unread:
            self.show_summary(outcome)
        self.finished.emit(outcome)
        return outcome

    def why(self, refusal: AduanError) -> str:
        if isinstance(refusal, MissingVariable):
            return self.missing(None, refusal)
        return describe(refusal)

    def missing(self, title: str | None, refused: MissingVariable) -> str:
        """Why a reply template cannot be filled in for a report (the picker's preview says it too)."""
        names = ", ".join(f"{{{name}}}" for name in (*refused.missing, *refused.unknown))
        text = self.tr("The reply template cannot be filled in for this report: %1 has no value here.")
        return (f"{title}: " if title else "") + text.replace("%1", names)

    def show_summary(self, outcome: BulkOutcome) -> None:
        if self.summary is not None:
            self.summary.close()
        self.summary = BulkSummaryDialog(outcome, self.widget)
        self.summary.finished.connect(self.summary.deleteLater)
        self.summary.open()

    # -- asking first -----------------------------------------------------------------------------------

    @asyncSlot()
    async def ask_status(self) -> None:
        selection = self.selection()
        if not selection.reports:
            return
        facts = await self.ops.db(load_selected_facts, self.session.cache, [r.ticket_id for r in selection.reports])
        if not facts:
            await self.run(actions.text("change_status"), self.session.desk.status, None)
            return
        # The statuses the most common current one may go to; a report another status forbids it is named.
        current = Counter(fact.status for fact in facts).most_common(1)[0][0]
        dialog = StatusDialog(current, self.widget)
        dialog.accepted.connect(lambda: self.change_status(dialog.chosen(), dialog.chosen_comment()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @asyncSlot(object, str)
    async def change_status(self, target: Status | None, comment: str = "") -> None:
        """A closing status asks for the final answer or a reason first, as the ticket pane does; the desk
        then closes each report with them and lets go of it (``Desk.close``)."""
        if target is None:
            return
        if target.is_closed:
            # Whether each reporter was answered differs per report: the dialog offers both, the desk decides
            # per report (one answered since their last message needs neither).
            dialog = CloseDialog(target, False, comment, self.widget)
            dialog.accepted.connect(lambda: self.close_reports(target, *dialog.chosen()))
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()
            return
        await self.run(actions.text("change_status"), self.session.desk.status, target, comment or None)

    @asyncSlot(object, object, object)
    async def close_reports(self, target: Status, answer: str | None, reason: str | None) -> None:
        await self.run(actions.text("change_status"), self.session.desk.close, target, answer, reason)

    @asyncSlot()
    async def ask_transfer(self) -> None:
        selection = self.selection()
        if not selection.reports:
            return
        facts = await self.ops.db(load_selected_facts, self.session.cache, [r.ticket_id for r in selection.reports])
        units = await self.ops.db(load_unit_choices, self.session.cache)
        shared = {fact.unit_code for fact in facts}
        dialog = TransferDialog(units, shared.pop() if len(shared) == 1 else "", self.widget)
        dialog.accepted.connect(lambda: self.transfer(*dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @asyncSlot(str, str)
    async def transfer(self, unit_code: str, reason: str) -> None:
        await self.run(actions.text("transfer"), self.session.desk.transfer, unit_code, reason)

    def ask_link(self) -> None:
        if not self.selection().reports:
            return
        dialog = MasterDialog([], merging=False, parent=self.widget)
        dialog.empty.setVisible(False)  # no candidates are offered for several reports: the number is typed
        dialog.submitted.connect(lambda: self.link(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @asyncSlot(object)
    async def link(self, dialog: MasterDialog) -> None:
        master = dialog.chosen()
        await self.run(actions.text("mark_duplicate"), self.session.desk.link, master)
        dialog.succeeded()

    @asyncSlot()
    async def ask_canned(self) -> None:
        selection = self.selection()
        if not selection.reports:
            return
        ids = [report.ticket_id for report in selection.reports]
        offered = await self.ops.db(canned_choices, self.session, ids)
        picker = CannedPicker(offered, lambda title, refused: self.missing(title, refused), self.widget)
        picker.setWindowTitle(self.tr("Answer %n report(s) with a reply template", "", len(ids)))
        picker.insert_button.setText(self.tr("Send to each"))
        picker.chosen.connect(lambda response: self.answer(response.key))
        picker.finished.connect(picker.deleteLater)
        picker.open()

    @asyncSlot(str)
    async def answer(self, key: str) -> None:
        selection = self.selection()
        if not selection.reports:
            return
        ids = [report.ticket_id for report in selection.reports]
        results = await self.ops.db(answer_each, self.session, ids, key)
        self.finish(self.tr("Answer with a reply template"), selection, results)

    def ask_steal(self) -> None:
        reports = self.selection().reports
        if not reports:
            return
        dialog = StealDialog(self.tr("Another officer"), self.widget)
        dialog.accepted.connect(lambda: self.steal(dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @asyncSlot(str)
    async def steal(self, reason: str) -> None:
        await self.run(actions.text("steal"), self.session.desk.steal, reason)

    def ask_assign(self) -> None:
        """The supervisor's assignment dialog, for every selected report; it names its own refusals."""
        reports = self.selection().reports
        if not reports:
            return
        dialog = AssignDialog(self.session, self.ops, [r.ticket_id for r in reports], self.widget)
        dialog.assigned.connect(self.events.work_queued)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


def _plain_title(text: str) -> str:
    """An action's text as a window title: without its mnemonic and trailing ellipsis."""
    return text.replace("&", "").rstrip("…").strip() or text
