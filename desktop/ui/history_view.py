"""A ticket's history, beside its thread: who did what and when, under which claim, online or offline.

The audit log lives on the server only (it is never cached), so the history is fetched over the network
(``ops.net``) when the tab is shown; offline the tab says so rather than showing an empty list. Below the
server's entries come the changes made here that wait in the outbox, marked as not sent yet — offline they
are all the tab can show. Officers are named by their names where this computer knows them. Every value
is shown as plain text, every word is translated; the sentences fill their ``{field}`` placeholders by name
(``domain.audit.describe``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot
from shiboken6 import isValid

from ..domain.audit import SENTENCES, SUFFIXES, UNKNOWN, AuditEntry, describe
from ..domain.errors import AduanError, Unreachable
from ..domain.operations import OpKind
from ..domain.status import Status
from ..domain.translatable import QT_TRANSLATE_NOOP
from ..domain.vocabulary import Channel, Kind, Priority
from ..sync.session import Session
from ..views.history import LocalHistory, QueuedChange, local_history
from .command_requests import request
from .errors import describe as describe_error
from .labels import channel_label, kind_label, local_time, priority_label, status_label
from .ops import Ops
from .plain import plain_label

COLUMNS = (
    QT_TRANSLATE_NOOP("HistoryView", "When"),
    QT_TRANSLATE_NOOP("HistoryView", "Who"),
    QT_TRANSLATE_NOOP("HistoryView", "What"),
    QT_TRANSLATE_NOOP("HistoryView", "Claim"),
    QT_TRANSLATE_NOOP("HistoryView", "Where"),
)


def _translated(table: dict[str, str]) -> dict[str, str]:
    return {code: QCoreApplication.translate("AuditAction", text) for code, text in table.items()}


# Detail fields that name officers by login: shown by name where this computer knows them.
_LOGIN_FIELDS = frozenset({"previous_holder", "assignee", "assigned_by", "officer", "mentions"})


def _value_text(field: str, value: Any, names: dict[str, str] | None = None) -> str:
    """A detail value as the officer reads it: statuses, priorities, kinds and channels by name, officers by
    name, times in local time."""
    if names and field in _LOGIN_FIELDS:
        logins = value if isinstance(value, list | tuple) else [value]
        return ", ".join(names.get(str(login), str(login)) for login in logins)
    try:
        if field in ("old", "new", "status"):
            return status_label(Status(value))
        if field in ("old_priority", "new_priority"):
            return priority_label(Priority[str(value).upper()])
        if field in ("old_kind", "new_kind"):
            return kind_label(Kind(value))
        if field in ("old_category", "new_category") and not value:
            return QCoreApplication.translate("AuditAction", "(none)")
        if field == "channel":
            return channel_label(Channel(value))
        if field == "expires_at":
            return local_time(datetime.fromisoformat(str(value)).replace(tzinfo=None))
    except (KeyError, ValueError):
        pass  # a code this version does not know: shown as it is
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("AuditAction", "yes")
            if value
            else QCoreApplication.translate("AuditAction", "no")
        )
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def entry_words(entry: AuditEntry, names: dict[str, str] | None = None) -> str:
    """What was done, in the window's language."""
    unknown = QCoreApplication.translate("AuditAction", UNKNOWN)

    def value_text(field: str, value: Any) -> str:
        return _value_text(field, value, names)

    return describe(entry, _translated(SENTENCES), _translated(SUFFIXES), unknown, value_text)


def entry_who(entry: AuditEntry, names: dict[str, str] | None = None) -> str:
    if entry.officer is None:
        return QCoreApplication.translate("HistoryView", "Aduan (automatic)")
    return (names or {}).get(entry.officer, entry.officer)


# A change waiting in the outbox, in words: the same sentences as the audit log where the payload has the
# fields, else what the officer did in a few words.
_QUEUED = {
    OpKind.CLAIM: QT_TRANSLATE_NOOP("HistoryView", "claimed it"),
    OpKind.RENEW: QT_TRANSLATE_NOOP("HistoryView", "renewed the claim"),
    OpKind.RELEASE: QT_TRANSLATE_NOOP("HistoryView", "released the claim"),
    OpKind.STEAL: QT_TRANSLATE_NOOP("HistoryView", "took over the claim"),
    OpKind.REPLY: QT_TRANSLATE_NOOP("HistoryView", "replied to the reporter"),
    OpKind.NOTE: QT_TRANSLATE_NOOP("HistoryView", "added an internal note"),
    OpKind.STATUS: QT_TRANSLATE_NOOP("HistoryView", "changed the status to %1"),
    OpKind.TRANSFER: QT_TRANSLATE_NOOP("HistoryView", "transferred it to %1"),
    OpKind.SET_PROPERTIES: QT_TRANSLATE_NOOP("HistoryView", "changed %1"),
    OpKind.ASSIGN: QT_TRANSLATE_NOOP("HistoryView", "assigned it to %1"),
}


def queued_words(change: QueuedChange, names: dict[str, str] | None = None) -> str:
    p = change.payload
    try:
        kind = OpKind(change.kind)
    except ValueError:
        return change.kind
    template = _QUEUED.get(kind)
    if template is None:
        return QCoreApplication.translate("HistoryView", "%1 (waiting to be sent)").replace("%1", kind.value)
    text = QCoreApplication.translate("HistoryView", template)
    if kind is OpKind.STATUS:
        text = text.replace("%1", _value_text("status", p.get("status", "")))
    elif kind is OpKind.TRANSFER:
        text = text.replace("%1", str(p.get("unit", "")))
    elif kind is OpKind.ASSIGN:
        text = text.replace("%1", _value_text("assignee", p.get("officer", ""), names))
    elif kind is OpKind.SET_PROPERTIES:
        parts = []
        if "priority" in p:
            parts.append(
                QCoreApplication.translate("HistoryView", "the priority to %1").replace(
                    "%1", priority_label(Priority(int(p["priority"])))
                )
            )
        if "kind" in p:
            parts.append(
                QCoreApplication.translate("HistoryView", "the kind to %1").replace(
                    "%1", _value_text("new_kind", p["kind"])
                )
            )
        if "category" in p:
            parts.append(
                QCoreApplication.translate("HistoryView", "the category to %1").replace(
                    "%1", _value_text("new_category", p["category"])
                )
            )
        text = text.replace("%1", ", ".join(parts))
    comment = p.get("comment") or p.get("reason")
    if comment:
        text += QCoreApplication.translate("HistoryView", "; comment: %1").replace("%1", str(comment))
    return text


def queued_where() -> str:
    return QCoreApplication.translate("HistoryView", "on this computer, not sent yet")


def entry_claim(entry: AuditEntry) -> str:
    if entry.claim_token is None:
        return ""
    return QCoreApplication.translate("HistoryView", "claim %1").replace("%1", str(entry.claim_token))


def entry_where(entry: AuditEntry) -> str:
    if entry.online:
        return QCoreApplication.translate("HistoryView", "online")
    device = entry.device or QCoreApplication.translate("HistoryView", "an unknown computer")
    return QCoreApplication.translate("HistoryView", "offline, on %1").replace("%1", device)


def offline_text() -> str:
    return QCoreApplication.translate(
        "HistoryView",
        "The history is kept on the server, which cannot be reached now. It is shown again once the "
        "connection is back.",
    )


def load_history(session: Session, ticket: str) -> list[AuditEntry]:
    """On the network pool: the commands are loaded on first use."""
    from ..server import commands

    return session.command(commands.ticket_history, request(commands.TicketHistory, ticket=ticket))


class HistoryView(QWidget):
    def __init__(self, session: Session, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.ticket_id: UUID | None = None
        self.stale = False
        self._generation = 0
        self.setObjectName("historyView")
        self.status = plain_label(name="historyStatus", wrap=True)  # error texts carry what others typed
        self.status.setVisible(False)
        self.list = QTreeWidget()
        self.list.setObjectName("historyList")
        self.list.setAccessibleName(self.tr("History of the report"))
        self.list.setHeaderLabels([QCoreApplication.translate("HistoryView", c) for c in COLUMNS])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)  # only to follow a long row across; nothing is shown by colour
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.list.header()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)

    def show_for(self, ticket_id: UUID | None) -> None:
        """The ticket whose history to show: read now if the tab is shown, else when it is."""
        changed = ticket_id != self.ticket_id
        self.ticket_id = ticket_id
        if changed:
            self.list.clear()
            self.status.setVisible(False)
        self.stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        super().showEvent(event)
        if self.stale:
            self.refresh()

    @asyncSlot()
    async def refresh(self) -> None:
        if self.ticket_id is None:
            return
        self.stale = False
        self._generation += 1
        generation, ticket_id = self._generation, self.ticket_id
        local = await self.ops.db(local_history, self.session.cache, ticket_id)
        try:
            entries = await self.ops.net(load_history, self.session, str(ticket_id))
        except AduanError as exc:
            if generation == self._generation and isValid(self):
                self.stale = True  # read again when shown next, the link may be back
                self.list.clear()
                self._add_queued(local)
                self.status.setText(offline_text() if isinstance(exc, Unreachable) else describe_error(exc))
                self.status.setVisible(True)
            return
        if generation != self._generation or not isValid(self):
            return
        self.status.setVisible(False)
        self.list.clear()
        for entry in entries:
            cells = [local_time(entry.created_at), entry_who(entry, local.names), entry_words(entry, local.names)]
            item = QTreeWidgetItem(cells + [entry_claim(entry), entry_where(entry)])
            self.list.addTopLevelItem(item)
        self._add_queued(local)
        if not entries and not local.queued:
            self.status.setText(self.tr("Nothing has been recorded for this report yet."))
            self.status.setVisible(True)

    def _add_queued(self, local: LocalHistory) -> None:
        """The changes made here that the server has not applied yet, after what it has, in italics."""
        me = local.names.get(local.my_login or "", local.my_login or "")
        for change in local.queued:
            words = queued_words(change, local.names)
            item = QTreeWidgetItem([local_time(change.made_at), me, words, "", queued_where()])
            font = item.font(2)
            font.setItalic(True)
            for column in range(len(COLUMNS)):
                item.setFont(column, font)
            self.list.addTopLevelItem(item)

    def rows(self) -> list[list[str]]:
        """The list as shown (for tests and accessibility checks)."""
        found = []
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            assert item is not None
            found.append([item.text(column) for column in range(len(COLUMNS))])
        return found
