"""The main window: the officer's inbox of tickets they may see, loaded off the GUI thread."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QTableView, QVBoxLayout, QWidget
from qasync import asyncSlot

from ..domain.errors import AduanError
from ..store import tickets
from ..store.workspace import Workspace
from .inbox_model import InboxModel
from .ops import Ops

INBOX_LIMIT = 500


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, ops: Ops) -> None:
        super().__init__()
        self.workspace = workspace
        self.ops = ops
        self.setWindowTitle("Aduan")
        self.resize(1200, 720)

        self.banner = QLabel(
            self.tr(
                "Demo workspace: sample data on this computer only. "
                "To work on your unit's server, start Aduan with --db or set ADUAN_DB."
            )
        )
        self.banner.setObjectName("demoBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel#demoBanner { padding: 8px; border-bottom: 1px solid palette(mid); }")
        self.banner.setVisible(workspace.demo)

        self.model = InboxModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Inbox"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((150, 420, 160, 100, 140, 140, 140)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.table)
        self.setCentralWidget(body)

        refresh = QAction(self.tr("Refresh"), self)
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.triggered.connect(self.refresh)
        self.addAction(refresh)
        self.statusBar().showMessage(self.tr("Loading…"))

    @asyncSlot()
    async def refresh(self) -> None:
        store = self.workspace.store
        try:
            actor = await self.ops.db(store.actor)
            found = await self.ops.db(store.read, tickets.list_tickets, actor, limit=INBOX_LIMIT, open_only=True)
        except AduanError as exc:
            self.statusBar().showMessage(self.tr("Could not load the inbox: %1").replace("%1", exc.message))
            return
        self.model.replace(found)
        person = actor.officer
        self.setWindowTitle(f"Aduan — {person.name} ({', '.join(person.unit_codes)})")
        shown = self.tr("%n open ticket(s) shown, nearest deadline first", "", len(found))
        self.statusBar().showMessage(shown)
