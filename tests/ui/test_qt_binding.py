"""The pinned Qt binding delivers signals to Python without breaking reference counts.

PySide6 6.12.0 dropped one reference to None (and to the bool argument) on every delivery of a signal
such as QAction.triggered(bool) to a Python slot: after a few thousand clicks the application aborted
("deallocating None"). Aduan pins a release without that bug; this test keeps it that way.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication


class Receiver(QObject):
    plain = Signal()

    def slot(self, checked: bool = False) -> None:
        return None


def test_signals_delivered_to_python_slots_keep_reference_counts(qapp: QApplication) -> None:
    receiver = Receiver()
    action = QAction("x")
    action.triggered.connect(receiver.slot)
    action.triggered.connect(lambda checked=False: None)
    receiver.plain.connect(receiver.slot)
    before = sys.getrefcount(None), sys.getrefcount(False)
    for _ in range(200):
        action.trigger()
        receiver.plain.emit()
    after = sys.getrefcount(None), sys.getrefcount(False)
    assert abs(after[0] - before[0]) < 20 and abs(after[1] - before[1]) < 20, (before, after)
