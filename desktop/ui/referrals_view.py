"""Referrals to my unit: questions other units asked us about their tickets, answered from here.

The referred unit usually cannot see the ticket (it stays with the unit that asked), so each referral
carries what is needed to answer it: the tracking number, the subject and the citizen's first message
(none of it for a confidential reporter), the question and who asked. The answer goes through the desk
(offline-first) and becomes an internal note on the ticket for the officer who asked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot
from shiboken6 import isValid

from ..domain.errors import AduanError
from ..sync.session import Session
from ..views.referrals import CachedReferral, ReferralState, load_referrals_to_me
from . import actions
from .errors import describe
from .events import Events
from .labels import local_time
from .ops import Ops
from .plain import SafeBrowser, plain_to_html, plain_tooltip
from .related_dialogs import AnswerReferralDialog


class ReferralsView(QWidget):
    # How many referrals wait for our answer changed: the window's tab title follows.
    counted = Signal(int)

    def __init__(self, session: Session, ops: Ops, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.events = events
        self.items: list[CachedReferral] = []
        self.setObjectName("referralsView")

        self.intro = QLabel(
            self.tr(
                "Other units ask your unit about their reports here. Your answer becomes an internal note on "
                "their report, for the officer who asked."
            )
        )
        self.intro.setObjectName("referralsIntro")
        self.intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("referralsList")
        self.list.setAccessibleName(self.tr("Referrals to your unit"))
        self.list.setHeaderLabels(
            [self.tr("Report"), self.tr("Subject"), self.tr("Question"), self.tr("Asked by"), self.tr("State")]
        )
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(False)
        for index in range(self.list.columnCount()):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        # Subject and question share what the short columns leave: the question gets the rest.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list.setColumnWidth(1, 24 * self.fontMetrics().averageCharWidth() + 40)
        self.list.currentItemChanged.connect(lambda _now, _before: self._show_current())
        self.list.itemActivated.connect(lambda _item, _column: self.ask_answer())
        self.empty = QLabel(self.tr("No other unit has asked your unit anything."))
        self.empty.setObjectName("referralsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.detail = SafeBrowser()
        self.detail.setObjectName("referralDetail")
        self.detail.setAccessibleName(self.tr("The referral"))
        self.answer_action = actions.create(self, "answer_referral", self.ask_answer)
        self.addAction(self.answer_action)
        self.answer_button = QToolButton()
        self.answer_button.setObjectName("answerReferralButton")
        self.answer_button.setDefaultAction(self.answer_action)
        self.answer_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.open_button = QPushButton(self.tr("Open report"))
        self.open_button.setObjectName("openReferredTicket")
        self.open_button.clicked.connect(self.open_ticket)
        buttons = QHBoxLayout()
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.intro)
        column.addWidget(self.list)
        column.addWidget(self.empty)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.detail, 1)
        side.addLayout(buttons)
        splitter = QSplitter()
        splitter.setObjectName("referralsSplitter")  # remembered per officer (main_window.REMEMBERED_SPLITTERS)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        events.cache_changed.connect(self.reload)
        self.show_items([])

    # -- loading -----------------------------------------------------------------------------------------

    @asyncSlot()
    async def reload(self) -> None:
        found = await self.ops.db(load_referrals_to_me, self.session.cache)
        if isValid(self):  # the window may have closed meanwhile
            self.show_items(found)

    def show_items(self, items: list[CachedReferral]) -> None:
        current = self.current()
        self.items = items
        self.list.blockSignals(True)
        self.list.clear()
        for referral in items:
            entry = QTreeWidgetItem(
                [
                    referral.tracking_no or "",
                    referral.subject or self.tr("(confidential)"),
                    " ".join(referral.question.split()),
                    self.asked_by(referral),
                    self.state_text(referral),
                ]
            )
            entry.setToolTip(1, plain_tooltip(referral.subject or ""))
            entry.setToolTip(2, plain_tooltip(referral.question))
            self.list.addTopLevelItem(entry)
        self.list.blockSignals(False)
        ids = [r.id for r in items]
        row = ids.index(current.id) if current is not None and current.id in ids else 0
        chosen = self.list.topLevelItem(row)
        if chosen is not None:
            self.list.setCurrentItem(chosen)
        self.list.setVisible(bool(items))
        self.empty.setVisible(not items)
        self._show_current()
        self.counted.emit(self.waiting())

    def waiting(self) -> int:
        """Referrals we may answer and nobody has yet."""
        return sum(1 for r in self.items if r.may_answer)

    def tab_title(self) -> str:
        label = actions.text("go_referrals")
        waiting = self.waiting()
        return self.tr("%1 (%2)").replace("%1", label).replace("%2", str(waiting)) if waiting else label

    def current(self) -> CachedReferral | None:
        item = self.list.currentItem()
        row = self.list.indexOfTopLevelItem(item) if item is not None else -1
        return self.items[row] if 0 <= row < len(self.items) else None

    def asked_by(self, referral: CachedReferral) -> str:
        return self.tr("%1 (%2)").replace("%1", referral.asked_by or "?").replace("%2", referral.from_unit or "?")

    def state_text(self, referral: CachedReferral) -> str:
        if referral.state is ReferralState.OPEN:
            return self.tr("Waiting for our answer")
        if referral.state is ReferralState.ANSWER_QUEUED:
            return self.tr("Answer waiting to be sent")
        if referral.state is ReferralState.QUEUED:
            return self.tr("Question waiting to be sent")
        return self.tr("Answered by %1").replace("%1", referral.answered_by or "?")

    def _show_current(self) -> None:
        referral = self.current()
        self.detail.setHtml(self.detail_html(referral) if referral is not None else "")
        self.answer_action.setEnabled(referral is not None and referral.may_answer)
        self.open_button.setEnabled(referral is not None and referral.sees_ticket)
        self.open_button.setVisible(referral is not None and referral.sees_ticket)

    def detail_html(self, referral: CachedReferral) -> str:
        """Everything the referred unit may know of the report, then the question and the answer."""

        def part(heading: str, text: str) -> str:
            return f"<p><b>{plain_to_html(heading)}</b><br>{plain_to_html(text)}</p>"

        parts = [f"<h3>{plain_to_html(referral.tracking_no or '')} — {plain_to_html(referral.subject or '')}</h3>"]
        if referral.reporter_confidential:
            reporter = self.tr("Confidential reporter: only the handling unit sees the report.")
        elif referral.reporter_anonymous:
            reporter = self.tr("Anonymous reporter")
        else:
            reporter = referral.reporter_name or self.tr("Reporter unknown")
        parts.append(part(self.tr("Reporter"), reporter))
        if referral.first_message:
            parts.append(part(self.tr("The citizen wrote"), referral.first_message))
        asked = self.tr("Question from %1, %2").replace("%1", self.asked_by(referral))
        parts.append(part(asked.replace("%2", local_time(referral.created_at)), referral.question))
        if referral.answer:
            if referral.state is ReferralState.ANSWERED:
                heading = self.tr("Answer from %1, %2").replace("%1", referral.answered_by or "?")
                heading = heading.replace("%2", local_time(referral.answered_at))
            else:
                heading = self.tr("Your answer, waiting to be sent")
            parts.append(part(heading, referral.answer))
        else:
            parts.append(f"<p><i>{plain_to_html(self.state_text(referral))}</i></p>")
        return "".join(parts)

    # -- acting ------------------------------------------------------------------------------------------

    def ask_answer(self) -> None:
        referral = self.current()
        if referral is None or not referral.may_answer:
            return
        dialog = AnswerReferralDialog(referral, self)
        dialog.submitted.connect(lambda: self.answer(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @asyncSlot(object)
    async def answer(self, dialog: AnswerReferralDialog) -> None:
        try:
            await self.ops.db(self.session.desk.answer_referral, dialog.referral_id, dialog.chosen())
        except AduanError as exc:
            if isValid(dialog):
                dialog.refused(describe(exc))
            return
        if isValid(dialog):
            dialog.succeeded()
        self.events.work_queued()

    def open_ticket(self) -> None:
        referral = self.current()
        if referral is not None and referral.sees_ticket:
            self.events.open_ticket.emit(str(referral.ticket_id))
