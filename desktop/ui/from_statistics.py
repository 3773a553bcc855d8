"""The inbox's chip "From statistics: …": the reports behind a figure the officer clicked in the statistics
window, shown in the inbox as its filters (``views/stats_drill.py``), with a button that takes them away.

The chip says why the list is short; its tooltip says how the period was counted and what the inbox could
not filter, and that the inbox lists only the reports this computer's copy holds while the figures are the
server's (an officer's figures count the reports they handled, their copy holds their units' reports)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from ..views.stats_drill import Drill
from .plain import plain_label, plain_tooltip


@dataclass(frozen=True, slots=True)
class FromStatistics:
    """What the statistics window asks the inbox to show: the filters, and the figure they come from in words."""

    drill: Drill
    what: str  # e.g. "WhatsApp, 2 Mar 2026"
    details: str = ""  # how the period was counted, what the inbox could not filter


class FromStatisticsChip(QFrame):
    removed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fromStatistics")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = plain_label(name="fromStatisticsLabel", wrap=True)
        self.remove = QToolButton()
        self.remove.setObjectName("fromStatisticsRemove")
        self.remove.setText("×")
        self.remove.setAccessibleName(self.tr("Remove the filter from statistics"))
        self.remove.setToolTip(self.tr("Remove the filter from statistics and show the inbox as it was"))
        self.remove.setAutoRaise(True)
        self.remove.clicked.connect(self.removed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 2, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.remove)
        self.setVisible(False)

    def show_figure(self, shown: FromStatistics) -> None:
        self.label.setText(self.tr("From statistics: %1").replace("%1", shown.what))
        scope = self.tr(
            "The figures are counted by the server over the reports it lets you see (an officer's: the reports "
            "they handled); this list shows the reports this computer's copy holds, so it may hold fewer or more."
        )
        tip = f"{shown.details}\n\n{scope}" if shown.details else scope
        self.setToolTip(plain_tooltip(tip))
        self.label.setToolTip(plain_tooltip(tip))
        self.setVisible(True)

    def clear(self) -> None:
        self.label.setText("")
        self.setToolTip("")
        self.setVisible(False)
