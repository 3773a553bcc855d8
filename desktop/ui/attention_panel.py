"""The "needs attention" panel: every refused or handed-over operation, and work handed over to me,
each with the actions that resolve it (nothing of these leaves the list unless the officer resolves it);
then breached deadlines and my reports overdue or due today, with the inbox's badge, until the work is done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ..domain.operations import OpKind
from ..domain.status import Status
from ..domain.text import reveal_invisible
from ..domain.translatable import QT_TRANSLATE_NOOP
from ..sync.session import Session
from ..views.attention import AttentionItem, AttentionKind, load_attention_items
from ..views.deadlines import Urgency
from . import icons
from .errors import describe, describe_code
from .events import Events
from .labels import local_time, status_label
from .ops import Ops
from .plain import plain_label, plain_tooltip

_OP_NAMES = {
    OpKind.CREATE: QT_TRANSLATE_NOOP("Attention", "new report"),
    OpKind.CLAIM: QT_TRANSLATE_NOOP("Attention", "claim"),
    OpKind.RENEW: QT_TRANSLATE_NOOP("Attention", "claim renewal"),
    OpKind.RELEASE: QT_TRANSLATE_NOOP("Attention", "release"),
    OpKind.STEAL: QT_TRANSLATE_NOOP("Attention", "take-over"),
    OpKind.REPLY: QT_TRANSLATE_NOOP("Attention", "reply"),
    OpKind.NOTE: QT_TRANSLATE_NOOP("Attention", "internal note"),
    OpKind.STATUS: QT_TRANSLATE_NOOP("Attention", "status change"),
    OpKind.TRANSFER: QT_TRANSLATE_NOOP("Attention", "transfer"),
    OpKind.DISCUSS: QT_TRANSLATE_NOOP("Attention", "new discussion thread"),
    OpKind.POST: QT_TRANSLATE_NOOP("Attention", "discussion post"),
    OpKind.RESOLVE_HANDOVER: QT_TRANSLATE_NOOP("Attention", "hand-over resolution"),
    OpKind.LINK: QT_TRANSLATE_NOOP("Attention", "link as duplicate"),
    OpKind.UNLINK: QT_TRANSLATE_NOOP("Attention", "unlink"),
    OpKind.MERGE: QT_TRANSLATE_NOOP("Attention", "merge"),
    OpKind.BULK_ANSWER: QT_TRANSLATE_NOOP("Attention", "answer to all linked reports"),
    OpKind.RETURN_FOR_DISPOSITION: QT_TRANSLATE_NOOP("Attention", "return as not our authority"),
    OpKind.REFER: QT_TRANSLATE_NOOP("Attention", "referral"),
    OpKind.SET_PROPERTIES: QT_TRANSLATE_NOOP("Attention", "change of priority, category or kind"),
    OpKind.ANSWER_REFERRAL: QT_TRANSLATE_NOOP("Attention", "referral answer"),
}


_DEADLINES = (AttentionKind.ESCALATED, AttentionKind.DEADLINE)  # they go when the work is done, not dismissed
_CLOCK_NAMES = {
    "response": QT_TRANSLATE_NOOP("Attention", "verification"),
    "follow_up": QT_TRANSLATE_NOOP("Attention", "follow-up"),
    "resolution": QT_TRANSLATE_NOOP("Attention", "resolution"),
}


_ICONS = {
    AttentionKind.REJECTED: "warning",
    AttentionKind.HANDED_OVER: "transfer",
    AttentionKind.FOR_ME: "assign",
    AttentionKind.ESCALATED: "overdue",
}
_BADGE_ICONS = {Urgency.OVERDUE: "overdue", Urgency.DUE_TODAY: "due-today"}


def icon_name(item: AttentionItem) -> str:
    if item.kind is AttentionKind.DEADLINE and item.urgency is not None:
        return _BADGE_ICONS.get(item.urgency, "due-soon")
    return _ICONS.get(item.kind, "attention")


def op_name(kind: OpKind | None) -> str:
    return "" if kind is None else QCoreApplication.translate("Attention", _OP_NAMES[kind])


def _what(item: AttentionItem) -> str:
    """The operation's content in a line: the text of a reply or note, the target of a status or transfer."""
    payload = item.payload
    if item.op_kind is OpKind.STATUS and "status" in payload:
        return status_label(Status(payload["status"]))
    if item.op_kind is OpKind.TRANSFER:
        return str(payload.get("unit", ""))
    return str(payload.get("text") or payload.get("body") or payload.get("subject") or "")


def summary(item: AttentionItem) -> str:
    where = item.tracking_no or QCoreApplication.translate("Attention", "a report")
    if item.kind is AttentionKind.DEADLINE:
        if item.urgency is Urgency.OVERDUE:
            text = QCoreApplication.translate("Attention", "Overdue: %1 (deadline %2)")
        else:
            text = QCoreApplication.translate("Attention", "Due today: %1 (deadline %2)")
        return text.replace("%1", where).replace("%2", local_time(item.created_at))
    if item.kind is AttentionKind.ESCALATED:
        clock = QCoreApplication.translate("Attention", _CLOCK_NAMES.get(item.payload.get("clock", ""), "resolution"))
        return (
            QCoreApplication.translate("Attention", "The %1 deadline of %2 has passed; supervisors were told")
            .replace("%1", clock)
            .replace("%2", where)
        )
    if item.kind is AttentionKind.REJECTED:
        text = QCoreApplication.translate("Attention", "Your %1 on %2 was refused")
    elif item.kind is AttentionKind.HANDED_OVER:
        text = QCoreApplication.translate("Attention", "Your %1 on %2 was handed over to the current holder")
    else:
        text = QCoreApplication.translate("Attention", "%3 handed over a %1 on %2 to you")
    return text.replace("%1", op_name(item.op_kind)).replace("%2", where).replace("%3", item.other_officer or "?")


def explanation(item: AttentionItem) -> str:
    lines = [summary(item) + " (" + local_time(item.created_at) + ")."]
    if item.subject:
        lines.append(QCoreApplication.translate("Attention", "Subject: %1").replace("%1", item.subject))
    content = _what(item) if item.kind not in _DEADLINES else ""
    if content:
        lines.append(QCoreApplication.translate("Attention", "Content: %1").replace("%1", content))
    if item.kind is AttentionKind.REJECTED:
        lines.append(describe_code(item.code, item.detail or ""))
        lines.append(
            QCoreApplication.translate(
                "Attention", "Nothing was changed on the server. Dismiss this when you have dealt with it."
            )
        )
    elif item.kind is AttentionKind.HANDED_OVER:
        lines.append(
            QCoreApplication.translate(
                "Attention",
                "Your claim ended while you worked offline; the officer who holds the report now decides about it.",
            )
        )
    elif item.kind is AttentionKind.DEADLINE:
        lines.append(
            QCoreApplication.translate(
                "Attention", "Open the report and act on it; this goes away when the report is finished."
            )
        )
    elif item.kind is AttentionKind.ESCALATED:
        lines.append(
            QCoreApplication.translate(
                "Attention", "Open the report and act on it; this goes away when the deadline's work is done."
            )
        )
    else:
        lines.append(
            QCoreApplication.translate(
                "Attention", "Accept to apply it under your claim (a reply is then sent to the citizen), or dismiss it."
            )
        )
    return "\n".join(lines)


class AttentionPanel(QWidget):
    def __init__(self, session: Session, ops: Ops, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.events = events
        self.items: list[AttentionItem] = []

        self.list = QListWidget()
        self.list.setAccessibleName(QCoreApplication.translate("Attention", "Items that need attention"))
        self.list.currentRowChanged.connect(self._show_current)
        self.empty = QLabel(QCoreApplication.translate("Attention", "Nothing needs your attention."))
        self.empty.setObjectName("attentionEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Subjects and the refused work's text are the officers' and citizens': shown as written.
        self.detail = plain_label(name="attentionDetail", wrap=True, selectable=True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message = plain_label(name="attentionMessage", wrap=True)

        self.accept_button = QPushButton(QCoreApplication.translate("Attention", "Accept — apply under my claim"))
        self.dismiss_button = QPushButton(QCoreApplication.translate("Attention", "Dismiss"))
        self.open_button = QPushButton(QCoreApplication.translate("Attention", "Open report"))
        self.accept_button.clicked.connect(self.accept)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.open_button.clicked.connect(self.open_ticket)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.dismiss_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        right = QWidget()
        side = QVBoxLayout(right)
        side.addWidget(self.detail, 1)
        side.addWidget(self.message)
        side.addLayout(buttons)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list)
        column.addWidget(self.empty)
        splitter = QSplitter()
        splitter.setObjectName("attentionSplitter")  # remembered per officer (main_window.REMEMBERED_SPLITTERS)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 580])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        events.cache_changed.connect(self.reload)
        self._show_current(-1)

    @asyncSlot()
    async def reload(self) -> None:
        self.show_items(await self.ops.db(load_attention_items, self.session.cache))

    def show_items(self, items: list[AttentionItem]) -> None:
        current = self.current()
        self.items = items
        self.list.blockSignals(True)
        self.list.clear()
        for item in items:
            entry = QListWidgetItem(reveal_invisible(summary(item)))  # a name's bidi override stays in its place
            entry.setToolTip(plain_tooltip(explanation(item)))
            entry.setIcon(icons.icon(icon_name(item)))
            entry.setData(Qt.ItemDataRole.AccessibleTextRole, summary(item))
            colour = icons.tone(icon_name(item))
            if item.kind is AttentionKind.DEADLINE and colour is not None:
                entry.setForeground(colour)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        refs = [item.ref for item in items]
        row = refs.index(current.ref) if current is not None and current.ref in refs else (0 if items else -1)
        self.list.setCurrentRow(row)
        self._show_current(row)
        self.list.setVisible(bool(items))
        self.empty.setVisible(not items)

    def current(self) -> AttentionItem | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show_current(self, _row: int) -> None:
        item = self.current()
        self.detail.setText(explanation(item) if item else "")
        self.message.clear()
        self.accept_button.setVisible(item is not None and item.kind is AttentionKind.FOR_ME)
        self.dismiss_button.setEnabled(item is not None and item.kind not in _DEADLINES)
        self.open_button.setEnabled(item is not None and item.ticket_id is not None)

    async def _act(self, action: Callable[[], object]) -> None:
        try:
            await self.ops.db(action)
        except Exception as exc:  # every refusal is shown to the officer, in words
            self.message.setText(describe(exc))
            return
        self.events.work_queued()

    @asyncSlot()
    async def accept(self) -> None:
        item = self.current()
        if item is not None and item.kind is AttentionKind.FOR_ME:
            await self._act(lambda: self.session.desk.accept_handover(item.ref))

    @asyncSlot()
    async def dismiss(self) -> None:
        item = self.current()
        if item is None or item.kind in _DEADLINES:
            return
        if item.kind is AttentionKind.FOR_ME:
            await self._act(lambda: self.session.desk.resolve_handover(item.ref, accepted=False))
        else:
            await self._act(lambda: self.session.desk.dismiss(item.ref))

    def open_ticket(self) -> None:
        item = self.current()
        if item is not None and item.ticket_id is not None:
            self.events.open_ticket.emit(str(item.ticket_id))
