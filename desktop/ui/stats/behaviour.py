"""The statistics window's behaviour figures: when reports arrive (a weekday × hour heat map per channel), how
they move between units (transfers, returns as not the unit's authority, referrals), how many finished reports
were reopened, and how many reporters came back.

Every count is the server's (``stats heatmap|flows|reopen|returning``, ``reports/behaviour.py``), for the
window's filter and narrowed to what the officer may see like every figure; the widget asks on its own, beside
the other figures. The heat map's cells are shaded between the palette's base and highlight colours, so that
they read in the light and the dark theme, and each cell also says its count in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ...domain.errors import AduanError
from ...domain.vocabulary import Channel
from ...sync.session import Session
from ..errors import describe
from ..labels import channel_label
from ..ops import Ops
from ..plain import plain_label
from .requests import Wanted, stats_query
from .tables import NUMERIC_FROM, Exported, figure_table, fill, number

if TYPE_CHECKING:
    from ...reports.behaviour import FlowRow, HeatRow, ReopenRow, ReturningRow

HOURS = 24
DAYS = 7
ALL_CHANNELS = ""  # the channel picker's "every channel"


@dataclass(frozen=True, slots=True)
class Behaviour:
    """One answer of the four commands for the same filter."""

    heatmap: list[HeatRow]
    flows: list[FlowRow]
    reopen: list[ReopenRow]
    returning: list[ReturningRow]


def ask_behaviour(session: Session, wanted: Wanted) -> Behaviour:
    from ...server import commands

    query = stats_query(wanted)
    return Behaviour(
        session.command(commands.stats_heatmap, query),
        session.command(commands.stats_flows, query),
        session.command(commands.stats_reopen, query),
        session.command(commands.stats_returning, query),
    )


def shade(palette: QPalette, count: int, highest: int) -> tuple[QColor, QColor]:
    """(background, text) of a cell: the base colour for none, the highlight for the highest count, mixed in
    between; the text in whichever of the palette's text colours reads better on it."""
    base = palette.color(QPalette.ColorRole.Base)
    strong = palette.color(QPalette.ColorRole.Highlight)
    part = 0.0 if highest <= 0 else count / highest
    mixed = QColor(
        round(base.red() + (strong.red() - base.red()) * part),
        round(base.green() + (strong.green() - base.green()) * part),
        round(base.blue() + (strong.blue() - base.blue()) * part),
    )
    # Of the palette's two text colours, the one further in lightness from the cell's colour.
    plain = palette.color(QPalette.ColorRole.Text)
    on_strong = palette.color(QPalette.ColorRole.HighlightedText)
    lightness = mixed.lightness()
    text = plain if abs(plain.lightness() - lightness) >= abs(on_strong.lightness() - lightness) else on_strong
    return mixed, text


class HeatMap(QTableWidget):
    """Seven rows (Monday first), twenty-four columns (local hours): each cell a count, shaded by it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(DAYS, HOURS, parent)
        self.setObjectName("statsHeatMap")
        self.setAccessibleName(self.tr("Reports received by weekday and hour"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.counts: list[list[int]] = [[0] * HOURS for _ in range(DAYS)]
        locale = QLocale()
        self.setVerticalHeaderLabels([locale.dayName(day, QLocale.FormatType.ShortFormat) for day in range(1, 8)])
        self.setHorizontalHeaderLabels([f"{hour:02d}" for hour in range(HOURS)])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setProperty(NUMERIC_FROM, 1)  # after the weekday
        self.show_counts(self.counts)

    def show_counts(self, counts: list[list[int]]) -> None:
        self.counts = [list(row) for row in counts]
        locale = QLocale()
        for day in range(DAYS):
            for hour in range(HOURS):
                n = self.counts[day][hour]
                item = QTableWidgetItem(number(n) if n else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setToolTip(
                    self.tr("%1, %2:00–%2:59: %3 reports")
                    .replace("%1", locale.dayName(day + 1))
                    .replace("%2", f"{hour:02d}")
                    .replace("%3", number(n))
                )
                self.setItem(day, hour, item)
        self._paint()

    def _paint(self) -> None:
        palette = self.palette()
        highest = max((max(row) for row in self.counts), default=0)
        for day in range(DAYS):
            for hour in range(HOURS):
                item = self.item(day, hour)
                if item is None:
                    continue
                background, text = shade(palette, self.counts[day][hour], highest)
                item.setBackground(QBrush(background))
                item.setForeground(QBrush(text))

    def changeEvent(self, event: QEvent) -> None:  # Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint()


class BehaviourView(QWidget):
    """``unit_name(code)``: how the window names a unit (its name where known, else its code); ``exported``:
    a table with the window's button that saves it (``StatsWindow.with_export``)."""

    def __init__(
        self,
        session: Session,
        ops: Ops,
        unit_name: Callable[[str], str],
        exported: Exported,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.unit_name = unit_name
        self.exported = exported
        self.setObjectName("statsBehaviour")
        self.found: Behaviour | None = None  # the last answer shown
        self.shown_for: Wanted | None = None
        self.pending: Wanted | None = None
        self.asked = 0
        self.answered = 0  # answers shown (tests wait on it)
        self.failed = False
        self.last_refusal: AduanError | None = None

        self.status = plain_label(name="statsBehaviourStatus", wrap=True)
        self.status.setVisible(False)
        self.channel = QComboBox()
        self.channel.setObjectName("statsHeatChannel")
        self.channel.setAccessibleName(self.tr("Channel of the heat map"))
        # Its items arrive with the answer: sized to the longest then, not to an empty list.
        self.channel.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.channel.currentIndexChanged.connect(self._show_heatmap)
        self.heatmap = HeatMap()
        self.heat_note = plain_label(
            self.tr("Reports received by local weekday and hour; the stronger the colour, the more reports."),
            name="statsHeatNote",
            wrap=True,
        )
        self.flows_table = figure_table("statsFlowsTable", self.tr("Reports moved between units"))
        self.reopen_table = figure_table("statsReopenTable", self.tr("Finished reports that were reopened"))
        self.returning_table = figure_table("statsReturningTable", self.tr("Reporters who came back"))

        heat = QWidget()
        heat_layout = QVBoxLayout(heat)
        heat_layout.setContentsMargins(0, 4, 0, 0)
        pick = QHBoxLayout()
        label = QLabel(self.tr("&Channel:"))
        label.setBuddy(self.channel)
        pick.addWidget(label)
        pick.addWidget(self.channel)
        pick.addWidget(self.heat_note, 1)
        heat_layout.addLayout(pick)
        heat_layout.addWidget(exported(self.heatmap, "statsHeatExport", "heatmap"), 1)
        self.pages = QTabWidget()
        self.pages.setObjectName("statsBehaviourPages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(heat, self.tr("Weekday and hour"))
        self.pages.addTab(
            self._explained(
                self.flows_table,
                "flows",
                self.tr(
                    "Transfers to another unit, reports sent back as not the unit's authority (bukan wewenang), "
                    "and referrals asking another unit for input, of the reports received in the period."
                ),
            ),
            self.tr("Flows between units"),
        )
        self.pages.addTab(
            self._explained(
                self.reopen_table,
                "reopened",
                self.tr(
                    "Of the reports finished at least once, those reopened afterwards, per unit that holds them now."
                ),
            ),
            self.tr("Reopened"),
        )
        self.pages.addTab(
            self._explained(
                self.returning_table,
                "returning-reporters",
                self.tr(
                    "A reporter came back when they sent more than one of these reports, or one before the "
                    "period. Anonymous reports count as one-off reporters. No reporter is named."
                ),
            ),
            self.tr("Returning reporters"),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.pages, 1)

    def _explained(self, table: QTableWidget, stem: str, text: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(plain_label(text, wrap=True))
        layout.addWidget(self.exported(table, f"{table.objectName()}Export", stem), 1)
        return page

    # -- asking -----------------------------------------------------------------------------------------

    def ask(self, wanted: Wanted) -> None:
        self.pending = wanted
        self._load()

    @asyncSlot()
    async def _load(self) -> None:
        if self.pending is None:
            return
        wanted = self.pending
        self.asked += 1
        asked = self.asked
        self.pages.setEnabled(False)
        try:
            found = await self.ops.net(ask_behaviour, self.session, wanted)
        except AduanError as exc:
            if shiboken6.isValid(self) and asked == self.asked:
                self.pages.setEnabled(True)
                self.status.setText(describe(exc))
                self.status.setVisible(True)
                self.failed = True
                self.last_refusal = exc
            return
        if not shiboken6.isValid(self) or asked != self.asked:
            return  # closed, or asked again meanwhile: the newer answer counts
        self.pages.setEnabled(True)
        self.show_behaviour(wanted, found)

    # -- showing ----------------------------------------------------------------------------------------

    def channel_text(self, channel: str | None) -> str:
        if channel is None:
            return self.tr("Every channel")
        try:
            return channel_label(Channel(channel))
        except ValueError:
            return channel  # a channel this version does not know: as the server wrote it

    def flow_text(self, kind: str) -> str:
        names = {
            "transfer": self.tr("Transfer"),
            "not_ours": self.tr("Not our authority"),
            "referral": self.tr("Referral"),
        }
        return names.get(kind, kind)

    def show_behaviour(self, wanted: Wanted, found: Behaviour) -> None:
        self.found = found
        self.shown_for = wanted
        self.failed = False
        self.status.setVisible(False)
        self._offer_channels(found)
        self._show_heatmap()
        fill(
            self.flows_table,
            [self.tr("Flow"), self.tr("From unit"), self.tr("To unit"), self.tr("Reports")],
            [
                [self.flow_text(r.kind), self.unit_name(r.from_unit), self.unit_name(r.to_unit), number(r.count)]
                for r in found.flows
            ],
            3,
            set(),
            stretch=True,
        )
        fill(
            self.reopen_table,
            [self.tr("Unit"), self.tr("Finished"), self.tr("Reopened"), self.tr("Reopened %")],
            [
                [
                    self.unit_name(r.unit) if r.unit else self.tr("Total"),
                    number(r.finished),
                    number(r.reopened),
                    percent(r.share),
                ]
                for r in found.reopen
            ],
            1,
            {i for i, r in enumerate(found.reopen) if r.unit is None},
            stretch=True,
        )
        fill(
            self.returning_table,
            [
                self.tr("Channel"),
                self.tr("Reporters"),
                self.tr("Returning"),
                self.tr("Filed before the period"),
                self.tr("Anonymous"),
                self.tr("Returning %"),
            ],
            [
                [
                    self.channel_text(r.channel),
                    number(r.reporters),
                    number(r.returning),
                    number(r.earlier),
                    number(r.anonymous),
                    percent(r.share),
                ]
                for r in found.returning
            ],
            1,
            {i for i, r in enumerate(found.returning) if r.channel is None},
            stretch=True,
        )
        self.answered += 1

    def _offer_channels(self, found: Behaviour) -> None:
        kept = self.channel.currentData()
        channels = sorted({r.channel for r in found.heatmap}, key=lambda c: self.channel_text(c).casefold())
        self.channel.blockSignals(True)
        self.channel.clear()
        self.channel.addItem(self.tr("Every channel"), ALL_CHANNELS)
        for channel in channels:
            self.channel.addItem(self.channel_text(channel), channel)
        at = self.channel.findData(kept) if kept is not None else 0
        self.channel.setCurrentIndex(max(at, 0))
        self.channel.blockSignals(False)

    def heat_counts(self, channel: str = ALL_CHANNELS) -> list[list[int]]:
        """The shown answer's counts per weekday and hour, of one channel or of every one."""
        counts = [[0] * HOURS for _ in range(DAYS)]
        for r in self.found.heatmap if self.found else []:
            if channel in (ALL_CHANNELS, r.channel):
                counts[r.weekday][r.hour] += r.count
        return counts

    def _show_heatmap(self) -> None:
        channel = self.channel.currentData()
        self.heatmap.show_counts(self.heat_counts(channel if isinstance(channel, str) else ALL_CHANNELS))


def percent(share: float | None) -> str:
    return "–" if share is None else f"{QLocale().toString(round(100 * share))} %"
