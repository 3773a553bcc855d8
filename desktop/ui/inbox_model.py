"""The inbox as a Qt table model over plain Ticket dataclasses (never ORM rows)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ..domain.entities import Ticket
from .labels import status_label

Index = QModelIndex | QPersistentModelIndex


def local_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.replace(tzinfo=UTC).astimezone().strftime("%d-%m-%Y %H:%M")


def tr(text: str) -> str:
    return QCoreApplication.translate("InboxModel", text)


class InboxModel(QAbstractTableModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("InboxModel", "Tracking no."),
        QT_TRANSLATE_NOOP("InboxModel", "Subject"),
        QT_TRANSLATE_NOOP("InboxModel", "Status"),
        QT_TRANSLATE_NOOP("InboxModel", "Unit"),
        QT_TRANSLATE_NOOP("InboxModel", "Held by"),
        QT_TRANSLATE_NOOP("InboxModel", "Lease until"),
        QT_TRANSLATE_NOOP("InboxModel", "Deadline"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._tickets: list[Ticket] = []

    def replace(self, tickets: list[Ticket]) -> None:
        self.beginResetModel()
        self._tickets = list(tickets)
        self.endResetModel()

    def ticket_at(self, row: int) -> Ticket:
        return self._tickets[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._tickets)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        t = self._tickets[index.row()]
        column = index.column()
        if column == 0:
            return t.tracking_no
        if column == 1:
            return t.subject
        if column == 2:
            return status_label(t.status)
        if column == 3:
            return t.unit
        if column == 4:
            return t.claim.holder or QCoreApplication.translate("InboxModel", "free")
        if column == 5:
            return local_time(t.claim.expires_at) if t.claim.holder else ""
        return local_time(t.due_at)
