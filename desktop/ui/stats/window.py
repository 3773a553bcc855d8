"""The statistics window (*Statistik*): reports received over time as a stacked bar chart, the open backlog by
status and age, and service levels per unit and officer, for a period, a unit, a channel and a kind.

Every figure is the server's (``stats volumes|backlog|service``, the one query layer ``reports/figures.py``):
the server narrows them to what the officer may see (an admin every unit, a supervisor their units and the
units below, an officer the reports they handled), and the window shows what came back. A window beside the
main one, not a tab of it: the main window's tabs work from this computer's copy, offline too; the figures
are counted by the central database and need the connection, and are read beside the inbox, not instead of it.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ...domain.errors import AduanError
from ...domain.status import Status
from ...domain.vocabulary import Channel, Kind, Priority
from ...sync.session import Session
from ...views.stats_scope import StatsUnits, load_stats_units
from ..errors import describe
from ..labels import channel_label, kind_label, local_today, priority_label, status_label
from ..ops import Ops
from ..plain import plain_label
from .behaviour import BehaviourView
from .chart import VolumeChart
from .clickthrough import ClickThrough
from .filters import StatsFilters
from .recap_saver import RecapSaver
from .requests import Figures, Wanted, ask_counts, ask_service, figures_of
from .tables import figure_table, fill, number, save_table, share
from .topics import TopicsView

# A filter change waits this long for the next one (typing a date, paging through presets) before asking.
SETTLE_MS = 300


class StatsWindow(QDialog):
    # The reports behind a clicked figure, for the main window's inbox (``from_statistics.FromStatistics``).
    show_in_inbox = Signal(object)

    def __init__(self, session: Session, ops: Ops, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.setObjectName("statsWindow")
        self.setWindowTitle(self.tr("Statistics"))
        self.resize(1240, 780)
        self.units: StatsUnits | None = None
        self.unit_names: dict[str, str] = {}
        self.figures: Figures | None = None  # the last answer shown
        self.shown_for: Wanted | None = None  # the filter it answered
        self.asked = 0  # filters asked so far; an answer to an older one is dropped
        self.answered = 0  # answers shown (tests wait on it)
        self.failed = False
        self.last_refusal: AduanError | None = None
        self.exported = 0  # rows of figures the last export wrote

        self.filters = StatsFilters(today or local_today())
        self.filters.changed.connect(self._soon)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS)
        self.timer.timeout.connect(self.reload)

        self.status = plain_label(name="statsStatus", wrap=True)
        self.status.setVisible(False)
        self.scope_note = plain_label(name="statsScope", wrap=True)
        self.chart = VolumeChart()
        self.volume_table = figure_table("statsVolumeTable", self.tr("Reports received per period, as a table"))
        self.backlog_table = figure_table("statsBacklogTable", self.tr("Open reports by status and age"))
        self.service_table = figure_table("statsServiceTable", self.tr("Service levels per unit and officer"))
        # What the chart's parts and bars and the backlog's lines stand for, to click through to the inbox.
        self.volume_keys: list[str | None] = []
        self.volume_periods: list[date] = []
        self.backlog_statuses: list[str] = []
        self.service_lines: list[tuple[str, str | None]] = []  # each line's unit code and officer login

        volumes = QTabWidget()
        volumes.setObjectName("statsVolumeTabs")
        volumes.setDocumentMode(True)
        volumes.addTab(self.chart, self.tr("Chart"))
        volumes.addTab(self.with_export(self.volume_table, "statsVolumeExport", "received"), self.tr("Table"))
        received = QWidget()
        received_layout = QVBoxLayout(received)
        received_layout.setContentsMargins(0, 0, 0, 0)
        received_layout.addWidget(self._heading(self.tr("Reports received")))
        received_layout.addWidget(volumes, 1)
        self.tables = QTabWidget()
        self.tables.setObjectName("statsTables")
        self.tables.addTab(self.with_export(self.backlog_table, "statsBacklogExport", "backlog"), self.tr("&Backlog"))
        self.tables.addTab(
            self.with_export(self.service_table, "statsServiceExport", "service-levels"), self.tr("&Service levels")
        )
        # Topics and behaviour ask on their own, and only while their tab is shown (``_ask_shown_tab``).
        self.topics = TopicsView(session, ops, self.filters.today, self.with_export)
        self.tables.addTab(self.topics, self.tr("T&opics"))
        self.behaviour = BehaviourView(session, ops, lambda code: self.unit_names.get(code, code), self.with_export)
        self.clickthrough = ClickThrough(self)
        self.tables.addTab(self.behaviour, self.tr("Be&haviour"))
        self.tab_asked: dict[QWidget, Wanted] = {}  # what each of the two last asked for
        self.wanted: Wanted | None = None  # the filter of the latest reload
        self.tables.currentChanged.connect(self._ask_shown_tab)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("statsSplitter")
        split.addWidget(received)
        split.addWidget(self.tables)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.recap_saver = RecapSaver(self)
        recap = QPushButton(self.tr("Monthly recap…"))
        recap.setObjectName("statsRecap")
        recap.setToolTip(self.tr("Save the monthly recap of the chosen unit as PDF or Excel, in Indonesian"))
        recap.clicked.connect(self.recap_saver.ask)
        top = QHBoxLayout()
        top.addWidget(self.scope_note, 1)
        top.addWidget(recap, 0, Qt.AlignmentFlag.AlignTop)
        right_layout.addLayout(top)
        right_layout.addWidget(self.status)
        right_layout.addWidget(split, 1)
        self.filters.setMaximumWidth(300)
        body = QHBoxLayout(self)
        body.addWidget(self.filters)
        body.addWidget(right, 1)

    # -- building ---------------------------------------------------------------------------------------

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def with_export(self, table: QTableWidget, name: str, stem: str) -> QWidget:
        button = QPushButton(self.tr("Save table…"))
        button.setObjectName(name)
        button.setToolTip(self.tr("Save this table as an Excel workbook or a CSV file"))
        button.clicked.connect(lambda: self.export(table, stem))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(table, 1)
        layout.addLayout(row)
        return page

    # -- asking -----------------------------------------------------------------------------------------

    def alive(self) -> bool:
        return shiboken6.isValid(self)

    def start(self) -> None:
        """Read which units to offer, then ask for the figures."""
        self._load_units()

    @asyncSlot()
    async def _load_units(self) -> None:
        units = await self.ops.db(load_stats_units, self.session.cache)
        if not self.alive():
            return
        self.units = units
        self.unit_names = dict(units.choosable)
        self.filters.set_units(units)
        self.reload()

    def _soon(self) -> None:
        self.timer.start()

    @asyncSlot()
    async def reload(self) -> None:
        self.timer.stop()
        self.asked += 1
        asked = self.asked
        wanted = self.filters.wanted()
        self.wanted = wanted
        self._ask_shown_tab()
        self._busy(True)
        try:
            counts, service = await asyncio.gather(
                self.ops.net(ask_counts, self.session, wanted), self.ops.net(ask_service, self.session, wanted)
            )
        except AduanError as exc:
            if self.alive() and asked == self.asked:
                self._busy(False)
                self.refused(exc)
            return
        if not self.alive() or asked != self.asked:
            return  # the window closed, or the filter changed while the server counted: the newer answer counts
        self._busy(False)
        self.show_figures(wanted, figures_of(counts, service))

    def _ask_shown_tab(self, _index: int = -1) -> None:
        """Topics and behaviour read every recent report's words and the audit log, far more than the figures
        above (bench/stats.py): they are asked for when their tab is shown, and again when the filter changed."""
        shown = self.tables.currentWidget()
        for view in (self.topics, self.behaviour):
            if self.wanted is not None and view is shown and self.tab_asked.get(view) != self.wanted:
                self.tab_asked[view] = self.wanted
                view.ask(self.wanted)

    def _busy(self, busy: bool) -> None:
        if busy:
            self.say(self.tr("Counting…"))
        for widget in (self.chart, self.backlog_table, self.service_table, self.volume_table):
            widget.setEnabled(not busy)

    def say(self, text: str) -> None:
        self.failed = False
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def refused(self, exc: AduanError) -> None:
        self.say(describe(exc))
        self.failed = True
        self.last_refusal = exc

    # -- showing ----------------------------------------------------------------------------------------

    def show_figures(self, wanted: Wanted, figures: Figures) -> None:
        self.figures = figures
        self.shown_for = wanted
        self._show_volumes(wanted, figures)
        self._show_backlog(figures)
        self._show_service(figures)
        self.scope_note.setText(self._scope_text(wanted))
        self.say("")
        self.answered += 1

    def _scope_text(self, wanted: Wanted) -> str:
        locale = QLocale()
        period = (
            self.tr("Reports received %1 – %2")
            .replace("%1", locale.toString(_qdate(wanted.since), "d MMM yyyy") if wanted.since else "…")
            .replace("%2", locale.toString(_qdate(wanted.until), "d MMM yyyy") if wanted.until else "…")
        )
        if wanted.units:
            code = wanted.units[0]
            where = self.tr("in %1 and the units below it").replace("%1", self.unit_names.get(code, code))
        else:
            where = self.tr("in every unit whose figures you may see")
        return f"{period}, {where}. " + self.tr(
            "Officers see the reports they handled; supervisors their units; admins every unit."
        )

    def key_label(self, split: str | None, key: str | None) -> str:
        """A part of the chart in words: a channel's, kind's or priority's name, a unit's name."""
        if split is None:
            return self.tr("Received")
        if key is None:
            return self.tr("(no category)") if split == "category" else "–"
        try:
            if split == "channel":
                return channel_label(Channel(key))
            if split == "kind":
                return kind_label(Kind(key))
            if split == "priority":
                return priority_label(Priority(int(key)))
        except ValueError:
            return key  # a value this version does not know: as the server wrote it
        if split == "unit":
            return self.unit_names.get(key, key)
        return key

    def period_label(self, period: date, by: str) -> str:
        locale = QLocale()
        if by == "month":
            return locale.toString(_qdate(period), "MMM yyyy")
        return locale.toString(_qdate(period), "d MMM")  # a day, or the Monday a week begins on

    def _show_volumes(self, wanted: Wanted, figures: Figures) -> None:
        periods = sorted({r.period for r in figures.volumes})
        keys: list[str | None] = []
        for r in figures.volumes:
            if r.key not in keys:
                keys.append(r.key)
        keys.sort(key=lambda k: (k is None, self.key_label(wanted.split, k).casefold()))
        at = {p: i for i, p in enumerate(periods)}
        parts: dict[str, list[int]] = {self.key_label(wanted.split, k): [0] * len(periods) for k in keys}
        for r in figures.volumes:
            parts[self.key_label(wanted.split, r.key)][at[r.period]] = r.count
        labels = [self.period_label(p, wanted.by) for p in periods]
        by = {"day": self.tr("Day"), "week": self.tr("Week (from Monday)"), "month": self.tr("Month")}[wanted.by]
        self.chart.show_volumes(labels, parts, by)
        self.volume_keys, self.volume_periods = keys, periods
        split_names = {
            "channel": self.tr("Channel"),
            "kind": self.tr("Kind"),
            "category": self.tr("Category"),
            "unit": self.tr("Unit"),
            "priority": self.tr("Priority"),
        }
        headers = [by, split_names.get(wanted.split or "", ""), self.tr("Received")]
        rows = [[self.period_label(r.period, wanted.by), self.key_label(wanted.split, r.key), number(r.count)]
                for r in figures.volumes]  # fmt: skip
        if not wanted.split:
            headers = [headers[0], headers[2]]
            rows = [[row[0], row[2]] for row in rows]
        fill(self.volume_table, headers, rows, len(headers) - 1, set(), stretch=True)
        if not figures.volumes:
            self.chart.setToolTip(self.tr("No reports were received in this period."))
        else:
            self.chart.setToolTip(self.tr("Click a bar to list its reports in the inbox"))

    def _show_backlog(self, figures: Figures) -> None:
        bands = figures.bands
        counts: dict[str, dict[str, int]] = {}
        for r in figures.backlog:
            counts.setdefault(r.status, dict.fromkeys(bands, 0))[r.band] = r.count
        order = {s.value: i for i, s in enumerate(Status)}
        statuses = sorted(counts, key=lambda s: order.get(s, len(order)))
        days = self.tr("%1 days")
        headers = [self.tr("Status \\ days open")] + [days.replace("%1", band) for band in bands] + [self.tr("Total")]
        rows = []
        for status in statuses:
            cells = [counts[status][band] for band in bands]
            rows.append([self._status_text(status)] + [number(n) for n in cells] + [number(sum(cells))])
        if statuses:
            totals = [sum(counts[s][band] for s in statuses) for band in bands]
            rows.append([self.tr("Total")] + [number(n) for n in totals] + [number(sum(totals))])
        fill(self.backlog_table, headers, rows, 1, {len(rows) - 1} if statuses else set(), stretch=True)
        self.backlog_statuses = statuses
        self.backlog_table.setToolTip(self.tr("Double-click a count to list its reports in the inbox"))

    def _status_text(self, status: str) -> str:
        try:
            return status_label(Status(status))
        except ValueError:
            return status

    def _show_service(self, figures: Figures) -> None:
        hours = self.tr("working hours")
        days = self.tr("days")
        response = self.tr("Response")
        resolution = self.tr("Resolution")
        headers = [self.tr("Unit"), self.tr("Officer"), self.tr("Received")]
        for clock, unit_of_time in ((response, hours), (resolution, days)):
            headers += [
                f"{clock}\n" + self.tr("met"),
                f"{clock}\n" + self.tr("breached"),
                f"{clock}\n" + self.tr("running"),
                f"{clock}\n" + self.tr("met %"),
                f"{clock}\n" + self.tr("median (%1)").replace("%1", unit_of_time),
                f"{clock}\n" + self.tr("p90 (%1)").replace("%1", unit_of_time),
            ]
        rows: list[list[str]] = []
        whole: set[int] = set()
        for r in figures.service:
            if r.officer is None:
                whole.add(len(rows))
            row = [self.unit_names.get(r.unit, r.unit), r.officer or self.tr("(unit total)"), number(r.received)]
            for c in (r.first_response, r.resolution):
                row += [number(c.met), number(c.breached), number(c.running), share(c.met, c.breached)]
                row += [number(c.median), number(c.p90)]
            rows.append(row)
        fill(self.service_table, headers, rows, 2, whole)
        self.service_lines = [(r.unit, r.officer) for r in figures.service]
        self.service_table.setToolTip(
            self.tr(
                "First response in working hours of the unit's calendar; resolution in calendar days, without "
                "the time spent waiting for the reporter. Met %: of the deadlines already decided (met or "
                "breached); running ones are still within their target."
            )
        )

    # -- export -----------------------------------------------------------------------------------------

    def export(self, table: QTableWidget, stem: str) -> None:
        suggested = str(Path.home() / f"aduan-{stem}.xlsx")
        workbook = self.tr("Excel workbook (*.xlsx)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save table"), suggested, f"{workbook};;{self.tr('CSV files (*.csv)')}"
        )
        if path:
            target = Path(path)
            if target.suffix.lower() not in (".xlsx", ".csv"):
                target = target.with_name(target.name + (".xlsx" if chosen == workbook else ".csv"))
            self.export_to(table, target)

    def export_to(self, table: QTableWidget, path: Path) -> None:
        try:
            written = save_table(table, path)
        except OSError as exc:
            self.say(self.tr("The file could not be written: %1").replace("%1", exc.strerror or str(exc)))
            self.failed = True
            return
        self.say(self.tr("Table saved to %1.").replace("%1", str(path)))
        self.exported = written


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
