"""Signals the window's parts use to tell each other what happened, without knowing each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Events(QObject):
    # The cache changed: a sync round pulled or pushed something, or a desk action was queued.
    cache_changed = Signal()
    # A desk action was queued: the sync loop pushes at once when online.
    queued = Signal()
    # Open a ticket (its UUID as str) in the ticket view.
    open_ticket = Signal(str)
    # Connectivity: online?, last error text ("" when none).
    connectivity = Signal(bool, str)

    def work_queued(self) -> None:
        """A view queued a desk action: the sync loop pushes it, and every view shows the changed cache."""
        self.queued.emit()
        self.cache_changed.emit()
