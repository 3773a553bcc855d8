"""What a ticket is related to, beside its thread: its family of duplicates, tickets that look like the same
report, and the questions put to other units about it; with the actions that change those.

An officer opening a report should see at once whether the unit already has it, link it to the master
(or merge it), answer the whole family in one go, ask another unit, or send it back as not this unit's
authority. Everything here is read from the cache through ``ops.db`` and every action goes through the
desk, so it works offline; the actions are enabled as the desk would accept them (holding the ticket for
everything but a referral), and what the desk still refuses is said in words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot
from shiboken6 import isValid

from ..domain.errors import AduanError, NotFound
from ..domain.operations import Op
from ..domain.status import Status, can_transition
from ..sync.session import Session
from ..views.canned import load_canned_for_ticket
from ..views.families import FamilyMember, load_bulk_preview
from ..views.referrals import CachedReferral, ReferralState
from ..views.related import Related, load_related
from ..views.tickets import CachedDetail, load_unit_choices
from . import actions
from .errors import describe
from .events import Events
from .labels import local_time, status_label
from .ops import Ops
from .plain import plain_label, plain_tooltip
from .related_dialogs import (
    ActingDialog,
    BulkAnswerDialog,
    Candidate,
    MasterDialog,
    NotOursDialog,
    ReferDialog,
    similar_candidate,
    similar_reason,
)

TICKET_ROLE = Qt.ItemDataRole.UserRole


def _tree(name: str, accessible: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setAccessibleName(accessible)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return tree


def _fit(view: QAbstractItemView, count: int, line_height: int, most: int = 5) -> None:
    """Room for ``count`` rows (at most ``most``; the list scrolls beyond), and no more."""
    header = view.header().sizeHint().height() if isinstance(view, QTreeWidget) else 0
    rows = max(1, min(count, most))
    view.setFixedHeight(header + rows * line_height + 2 * view.frameWidth() + 4)


def _empty_label(text: str, name: str) -> QLabel:
    label = plain_label(text, name, wrap=True)
    label.setEnabled(False)  # drawn as a hint, in the palette's disabled text colour
    return label


class RelatedView(QWidget):
    # A refusal in words for the ticket view's message line; "" when an action was queued.
    said = Signal(str)
    # The tab's title, with how many related items there are.
    title_changed = Signal(str)

    def __init__(self, session: Session, ops: Ops, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.events = events
        self.setObjectName("relatedView")
        self.cached: CachedDetail | None = None
        self.related: Related | None = None
        self._generation = 0

        self.link_action = actions.create(self, "mark_duplicate", self.ask_link)
        self.merge_action = actions.create(self, "merge_into", self.ask_merge)
        self.unlink_action = actions.create(self, "unlink", self.unlink)
        self.answer_action = actions.create(self, "answer_linked", self.ask_bulk_answer)
        self.not_ours_action = actions.create(self, "not_ours", self.ask_not_ours)
        self.refer_action = actions.create(self, "refer", self.ask_refer)
        self.buttons: dict[str, QToolButton] = {}
        for name, action in (
            ("mark_duplicate", self.link_action),
            ("merge_into", self.merge_action),
            ("unlink", self.unlink_action),
            ("answer_linked", self.answer_action),
            ("not_ours", self.not_ours_action),
            ("refer", self.refer_action),
        ):
            self.addAction(action)
            button = QToolButton()
            button.setObjectName(f"{name}Button")
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons[name] = button

        self.family = _tree(
            "familyList",
            self.tr("Master and duplicates"),
            [self.tr("Role"), self.tr("Report"), self.tr("Subject"), self.tr("Status"), self.tr("Held by")],
        )
        self.family.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.family.itemActivated.connect(self._open_item)
        self.family_empty = _empty_label(self.tr("Not linked to other reports."), "familyEmpty")
        self.hint = _empty_label("", "relatedHint")
        family_buttons = QGridLayout()
        family_buttons.addWidget(self.buttons["mark_duplicate"], 0, 0)
        family_buttons.addWidget(self.buttons["merge_into"], 0, 1)
        family_buttons.addWidget(self.buttons["unlink"], 1, 0)
        family_buttons.addWidget(self.buttons["answer_linked"], 1, 1)
        family_buttons.setColumnStretch(2, 1)
        family_box = QGroupBox(self.tr("Duplicates"))
        column = QVBoxLayout(family_box)
        column.addWidget(self.family, 1)
        column.addWidget(self.family_empty)
        column.addLayout(family_buttons)
        column.addWidget(self.hint)

        self.similar = _tree(
            "similarList",
            self.tr("Similar reports"),
            [self.tr("Report"), self.tr("Subject"), self.tr("Status"), self.tr("Why")],
        )
        self.similar.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.similar.setToolTip(self.tr("Double-click a report to open it."))
        self.similar.itemActivated.connect(self._open_item)
        self.similar_empty = _empty_label(self.tr("No similar reports on this computer."), "similarEmpty")
        similar_box = QGroupBox(self.tr("Similar reports"))
        column = QVBoxLayout(similar_box)
        column.addWidget(self.similar, 1)
        column.addWidget(self.similar_empty)

        self.referrals = QListWidget()
        self.referrals.setObjectName("referralList")
        self.referrals.setAccessibleName(self.tr("Questions to other units"))
        self.referrals.setWordWrap(True)
        self.referrals.setAlternatingRowColors(True)
        self.referrals_empty = _empty_label(self.tr("No other unit was asked about this report."), "referralsEmpty")
        unit_buttons = QHBoxLayout()
        unit_buttons.addWidget(self.buttons["refer"])
        unit_buttons.addWidget(self.buttons["not_ours"])
        unit_buttons.addStretch(1)
        units_box = QGroupBox(self.tr("Other units"))
        column = QVBoxLayout(units_box)
        column.addWidget(self.referrals, 1)
        column.addWidget(self.referrals_empty)
        column.addLayout(unit_buttons)

        # Scrolled as one page: in a short window each list keeps room for a few rows instead of none.
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(family_box)
        column.addWidget(similar_box)
        column.addWidget(units_box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("relatedScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._show(None)

    # -- loading -----------------------------------------------------------------------------------------

    def show_for(self, cached: CachedDetail | None) -> None:
        """The ticket view loaded ``cached`` (None: the ticket is gone): read what is related to it."""
        self.cached = cached
        if cached is None:
            self._generation += 1
            self._show(None)
            return
        if self.related is not None and self.related.ticket_id != cached.detail.ticket.id:
            self._show(None)  # another ticket: nothing of the last one may stay actionable
        self.reload()

    @asyncSlot()
    async def reload(self) -> None:
        if self.cached is None:
            return
        self._generation += 1
        generation, ticket_id = self._generation, self.cached.detail.ticket.id
        try:
            related = await self.ops.db(load_related, self.session.cache, ticket_id)
        except NotFound:
            related = None
        if generation == self._generation and isValid(self):  # not overtaken, and the view still there
            self._show(related)

    def _show(self, related: Related | None) -> None:
        self.related = related
        self._show_family(related)
        self._show_similar(related)
        self._show_referrals(related)
        count = related.count if related is not None else 0
        title = self.tr("Related (%1)").replace("%1", str(count)) if count else self.tr("Related")
        self.title_changed.emit(title)
        self._enable()

    def _show_family(self, related: Related | None) -> None:
        self.family.clear()
        linked = related is not None and (related.is_duplicate or related.is_master_of_others)
        self.family.setVisible(linked)
        self.family_empty.setVisible(not linked)
        if related is None or not linked:
            return
        for member in (related.family.master, *related.family.duplicates):
            item = QTreeWidgetItem(self._member_cells(member, related))
            item.setData(0, TICKET_ROLE, str(member.ticket_id))
            item.setToolTip(2, plain_tooltip(member.subject))
            if member.ticket_id == related.ticket_id:
                font = QFont(self.family.font())
                font.setBold(True)
                for column in range(self.family.columnCount()):
                    item.setFont(column, font)
            self.family.addTopLevelItem(item)
        _fit(self.family, self.family.topLevelItemCount(), self._line_height())

    def _member_cells(self, member: FamilyMember, related: Related) -> list[str]:
        role = self.tr("Master") if member.ticket_id == related.family.master.ticket_id else self.tr("Duplicate")
        if member.ticket_id == related.ticket_id:
            role = self.tr("%1, this report").replace("%1", role)
        if member.pending:
            role = self.tr("%1 (queued)").replace("%1", role)
        holder = member.holder_login or self.tr("nobody")
        return [role, member.tracking_no, member.subject, status_label(member.status), holder]

    def _show_similar(self, related: Related | None) -> None:
        self.similar.clear()
        found = related.similar if related is not None else ()
        self.similar.setVisible(bool(found))
        self.similar_empty.setVisible(not found)
        for ticket in found:
            why = similar_reason(ticket)
            if ticket.master_id is not None:
                why = self.tr("%1; a duplicate").replace("%1", why)
            item = QTreeWidgetItem([ticket.tracking_no or "", ticket.subject, status_label(ticket.status), why])
            item.setData(0, TICKET_ROLE, str(ticket.ticket_id))
            item.setToolTip(1, plain_tooltip(ticket.subject))
            self.similar.addTopLevelItem(item)
        _fit(self.similar, len(found), self._line_height())

    def _show_referrals(self, related: Related | None) -> None:
        self.referrals.clear()
        found = related.referrals if related is not None else ()
        self.referrals.setVisible(bool(found))
        self.referrals_empty.setVisible(not found)
        for referral in found:
            entry = QListWidgetItem(self.referral_text(referral))
            entry.setData(TICKET_ROLE, str(referral.id))
            self.referrals.addItem(entry)
        _fit(self.referrals, len(found), 3 * self._line_height(), most=3)

    def _line_height(self) -> int:
        return self.fontMetrics().height() + 6

    def referral_text(self, referral: CachedReferral) -> str:
        asked = self.tr("To %1 · asked by %2 · %3")
        asked = asked.replace("%1", referral.to_unit or "?").replace("%2", referral.asked_by or "?")
        asked = asked.replace("%3", local_time(referral.created_at))
        lines = [asked, self.tr("Question: %1").replace("%1", referral.question)]
        lines.append(self.referral_state(referral))
        return "\n".join(lines)

    def referral_state(self, referral: CachedReferral) -> str:
        if referral.state is ReferralState.QUEUED:
            return self.tr("Waiting to be sent at the next sync")
        if referral.state is ReferralState.OPEN:
            return self.tr("Waiting for the unit's answer")
        if referral.state is ReferralState.ANSWER_QUEUED:
            return self.tr("Answer (waiting to be sent): %1").replace("%1", referral.answer or "")
        said = self.tr("Answer from %1 (%2): %3")
        said = said.replace("%1", referral.answered_by or "?").replace("%2", local_time(referral.answered_at))
        return said.replace("%3", referral.answer or "")

    def _enable(self) -> None:
        cached, related = self.cached, self.related
        known = cached is not None and related is not None and related.ticket_id == cached.detail.ticket.id
        mine = bool(known and cached is not None and cached.claim.mine)
        master_of_others = bool(related and related.is_master_of_others)
        status = cached.detail.ticket.status if cached is not None else None
        self.link_action.setEnabled(known and mine and not master_of_others)
        self.merge_action.setEnabled(known and mine and not master_of_others)
        self.unlink_action.setEnabled(known and mine and bool(related and related.is_duplicate))
        self.answer_action.setEnabled(known and mine and master_of_others)
        self.not_ours_action.setEnabled(
            known and mine and status is not None and can_transition(status, Status.BUKAN_WEWENANG)
        )
        self.refer_action.setEnabled(known)
        if known and not mine:
            self.hint.setText(self.tr("Claim the report to link, merge or answer its family."))
        elif known and master_of_others:
            self.hint.setText(self.tr("This report is a master: unlink its duplicates before linking it elsewhere."))
        else:
            self.hint.clear()
        self.hint.setVisible(bool(self.hint.text()))

    def _open_item(self, item: QTreeWidgetItem, _column: int) -> None:
        ticket_id = str(item.data(0, TICKET_ROLE) or "")
        if ticket_id and (self.related is None or ticket_id != str(self.related.ticket_id)):
            self.events.open_ticket.emit(ticket_id)

    # -- acting through the desk -------------------------------------------------------------------------

    def _ref(self) -> str:
        assert self.related is not None
        return str(self.related.ticket_id)

    async def _act(self, dialog: ActingDialog | None, action: Callable[..., Op], *args: Any) -> Op | None:
        """Queue a desk action; a refusal is told in the dialog (what was typed stays) or the message line."""
        try:
            op = await self.ops.db(action, *args)
        except AduanError as exc:
            if dialog is None:
                self.said.emit(describe(exc))
            elif isValid(dialog):
                dialog.refused(describe(exc))
            return None
        if dialog is not None and isValid(dialog):
            dialog.succeeded()
        self.said.emit("")
        self.events.work_queued()
        return op

    def _open(self, dialog: ActingDialog, submitted: Callable[[], object]) -> None:
        dialog.submitted.connect(submitted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def selected_similar(self) -> UUID | None:
        item = self.similar.currentItem()
        return UUID(str(item.data(0, TICKET_ROLE))) if item is not None else None

    def ask_link(self) -> None:
        self._ask_master(merging=False)

    def ask_merge(self) -> None:
        self._ask_master(merging=True)

    def _ask_master(self, merging: bool) -> None:
        if self.related is None:
            return
        candidates = [similar_candidate(ticket) for ticket in self.related.similar]
        master = self.related.family.master
        if merging and self.related.is_duplicate:  # merging into its own master is the usual end of a duplicate
            why = self.tr("The master of this report's family") + " · " + status_label(master.status)
            candidates.insert(0, Candidate(master.ticket_id, f"{master.tracking_no} — {master.subject}", why))
        dialog = MasterDialog(candidates, merging, self.selected_similar(), self)
        self._open(dialog, lambda: self.link(dialog, merging))

    @asyncSlot(object, bool)
    async def link(self, dialog: MasterDialog, merging: bool) -> None:
        if self.related is None:
            return
        action = self.session.desk.merge if merging else self.session.desk.link
        await self._act(dialog, action, self._ref(), dialog.chosen())

    @asyncSlot()
    async def unlink(self) -> None:
        if self.related is not None:
            await self._act(None, self.session.desk.unlink, self._ref())

    @asyncSlot()
    async def ask_bulk_answer(self) -> None:
        if self.related is None:
            return
        try:
            offered = await self.ops.db(load_canned_for_ticket, self.session.cache, self.related.ticket_id)
        except AduanError as exc:
            self.said.emit(describe(exc))
            return
        if not isValid(self):
            return
        dialog = BulkAnswerDialog(offered.responses, self)
        dialog.preview_wanted.connect(lambda key: self.preview(dialog, key))
        self._open(dialog, lambda: self.bulk_answer(dialog))

    @asyncSlot(object, str)
    async def preview(self, dialog: BulkAnswerDialog, key: str) -> None:
        if self.related is None:
            return
        try:
            shown = await self.ops.db(load_bulk_preview, self.session.cache, self.related.ticket_id, key)
        except AduanError as exc:
            if isValid(dialog):
                dialog.preview_failed(key, describe(exc))
            return
        if isValid(dialog):
            dialog.show_preview(shown)

    @asyncSlot(object)
    async def bulk_answer(self, dialog: BulkAnswerDialog) -> None:
        if self.related is not None:
            await self._act(dialog, self.session.desk.bulk_answer, self._ref(), dialog.key())

    def ask_not_ours(self) -> None:
        if self.cached is None or self.related is None:
            return
        dialog = NotOursDialog(self.cached.detail.ticket.tracking_no, self)
        self._open(dialog, lambda: self.not_ours(dialog))

    @asyncSlot(object)
    async def not_ours(self, dialog: NotOursDialog) -> None:
        if self.related is not None:
            await self._act(dialog, self.session.desk.return_for_disposition, self._ref(), dialog.chosen())

    @asyncSlot()
    async def ask_refer(self) -> None:
        if self.cached is None or self.related is None:
            return
        current = self.cached.detail.ticket.unit
        units = await self.ops.db(load_unit_choices, self.session.cache)
        if not isValid(self):
            return
        dialog = ReferDialog(units, current, self)
        self._open(dialog, lambda: self.refer(dialog))

    @asyncSlot(object)
    async def refer(self, dialog: ReferDialog) -> None:
        if self.related is not None:
            await self._act(dialog, self.session.desk.refer, self._ref(), *dialog.chosen())
