"""What every page of the administration window shares: the session, the role, one line that says what
happened (a refusal from the server in words, what was typed kept), and tables that read as lists."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QWidget

from ...domain.errors import AduanError, Unreachable
from ...domain.vocabulary import Role
from ...sync.session import Session
from ..errors import describe
from ..ops import Ops
from ..plain import plain_label, plain_tooltip

T = TypeVar("T")


def failure_text(exc: AduanError) -> str:
    """A refusal in words; out of reach, that nothing was changed (administration is never queued)."""
    if isinstance(exc, Unreachable):
        return QCoreApplication.translate(
            "Admin", "The server cannot be reached, so nothing was changed. Try again when connected."
        )
    return describe(exc)


def list_table(name: str, accessible: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, rows: list[tuple[object, list[str]]]) -> None:
    """Rows of (key kept in the first cell, texts); the key is what the page acts on."""
    table.setRowCount(len(rows))
    for row, (key, cells) in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(plain_tooltip(text))
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(row, column, item)
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)


def selected_key(table: QTableWidget) -> object | None:
    row = table.currentRow()
    if row < 0 or not table.selectionModel().isRowSelected(row):
        return None
    item = table.item(row, 0)
    return None if item is None else item.data(Qt.ItemDataRole.UserRole)


class AdminPage(QWidget):
    """One page: ``reload`` fills it from the server; ``say``/``refused`` report in its status line."""

    def __init__(self, session: Session, ops: Ops, role: Role | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.role = role
        self.admin = role is Role.ADMIN
        self.status: QLabel = plain_label(name="adminStatus", wrap=True)
        self.status.setVisible(False)
        self.failed = False  # the last thing this page asked was refused or failed
        self.last_refusal: AduanError | None = None  # which, as the domain said it (for the log and tests)

    def alive(self) -> bool:
        """Whether the page is still on screen: the window may close while the server answers."""
        return shiboken6.isValid(self)

    async def ask(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(session, *args)`` on the network pool; the answer of a page closed meanwhile is dropped (the
        task is cancelled, as ``Ops`` does once the window is gone)."""
        answer = await self.ops.net(fn, self.session, *args)
        if not self.alive():
            raise asyncio.CancelledError()
        return answer

    def say(self, text: str) -> None:
        self.failed = False
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def refused(self, exc: AduanError) -> None:
        self.say(failure_text(exc))
        self.failed = True
        self.last_refusal = exc

    async def reload(self) -> None:
        raise NotImplementedError
