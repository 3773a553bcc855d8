"""The window's status bar: online or offline (or signed out: the server ended the session), the last sync,
work waiting to be sent, and what needs attention — all in words, refreshed after every sync round and
every queued action."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget
from qasync import asyncSlot

from ..sync.session import Session
from ..views.status import SyncStatus, load_sync_status
from .events import Events
from .labels import local_time
from .ops import Ops
from .plain import plain_label, plain_tooltip


class StatusBar(QStatusBar):
    attention_requested = Signal()

    def __init__(self, session: Session, ops: Ops, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.connection = plain_label(name="connectionState")
        self.last_sync = QLabel()
        self.pending = QLabel()
        self.pending.setObjectName("pendingOps")
        self.attention = QPushButton()
        self.attention.setObjectName("attentionButton")
        self.attention.setFlat(True)
        self.attention.clicked.connect(self.attention_requested)
        for widget in (self.connection, self.last_sync, self.pending):
            self.addPermanentWidget(widget)
        self.addPermanentWidget(self.attention)
        self.status: SyncStatus | None = None
        self.signed_out = False  # the server ended the session: nothing is sent until the officer signs in
        events.cache_changed.connect(self.refresh)
        events.connectivity.connect(self.refresh)

    @asyncSlot()
    async def refresh(self) -> None:
        self.show_status(await self.ops.db(load_sync_status, self.session.cache))

    def set_signed_out(self, signed_out: bool) -> None:
        self.signed_out = signed_out
        if self.status is not None:
            self.show_status(self.status)

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        if self.signed_out:
            self.connection.setText(self.tr("Signed out — sign in again to send your work"))
            self.connection.setToolTip(
                self.tr("Your session on the server has ended. Your work is kept on this computer.")
            )
        elif status.online:
            self.connection.setText(self.tr("Online"))
            self.connection.setToolTip(self.tr("Connected to the central database"))
        else:
            self.connection.setText(self.tr("Offline — working from this computer"))
            self.connection.setToolTip(plain_tooltip(status.last_error or ""))
        self.connection.setAccessibleName(self.connection.text())
        when = local_time(status.last_sync_at) if status.last_sync_at else self.tr("never")
        self.last_sync.setText(self.tr("Last sync: %1").replace("%1", when))
        self.pending.setText(
            self.tr("%n operation(s) waiting to be sent", "", status.pending)
            if status.pending
            else self.tr("All work sent")
        )
        self.attention.setText(self.tr("%n item(s) need attention", "", status.attention) if status.attention else "")
        self.attention.setAccessibleName(self.attention.text())
        self.attention.setVisible(bool(status.attention))
