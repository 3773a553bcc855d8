"""Every figure of the statistics window leads to the reports behind it (issue 18): a click on a part of a bar
of the volumes chart, or a double-click on a cell of the backlog (a status and an age band, or the status's
total), shows those reports in the main window's inbox (``StatsWindow.show_in_inbox``), filtered by the
figure's period, its split value and the window's filters (``views/stats_drill.py``), under a chip that says
where they come from.

The figures are the server's and the inbox is this computer's copy: the inbox may list fewer reports than the
figure counts (the chip's tooltip says so). The days are those of the figures' time zone, read from the copy's
calendars as the server chooses it (``load_drill_context``). A priority, "no category" and the units below the
chosen one have no inbox filter: the window's status line says what the inbox lists instead.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QObject
from qasync import asyncSlot

from ...domain.errors import AduanError
from ...views.stats_drill import (
    Drill,
    DrillContext,
    NotFiltered,
    StatsFilters,
    backlog_drill,
    bar_drill,
    heat_drill,
    load_drill_context,
    service_drill,
)
from ..from_statistics import FromStatistics
from .behaviour import ALL_CHANNELS

if TYPE_CHECKING:
    from .requests import Wanted
    from .window import StatsWindow


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ClickThrough(QObject):
    def __init__(self, window: StatsWindow) -> None:
        super().__init__(window)
        self.window = window
        self.shown = 0  # figures sent to the inbox (tests wait on it)
        self.last: FromStatistics | None = None
        window.chart.part_clicked.connect(self.bar_clicked)
        window.backlog_table.cellDoubleClicked.connect(self.backlog_cell)
        window.service_table.cellDoubleClicked.connect(self.service_line)
        window.behaviour.heatmap.cellDoubleClicked.connect(self.heat_cell)

    # -- which figure -----------------------------------------------------------------------------------

    @asyncSlot(int, int)
    async def bar_clicked(self, part: int, bar: int) -> None:
        window = self.window
        wanted = window.shown_for
        if wanted is None or not 0 <= part < len(window.volume_keys) or not 0 <= bar < len(window.volume_periods):
            return
        key = window.volume_keys[part]
        period = window.volume_periods[bar]
        context = await self._context(wanted)
        if context is None:
            return
        drill = bar_drill(_filters(wanted), context, wanted.by, period, wanted.split, key)
        label = window.key_label(wanted.split, key) if wanted.split else ""
        days = self._days(drill)
        self._send(drill, f"{label}, {days}" if label else days)

    @asyncSlot(int, int)
    async def backlog_cell(self, row: int, column: int) -> None:
        from ...reports.figures import AGE_BANDS

        window = self.window
        wanted = window.shown_for
        if wanted is None or column < 1:
            return
        if row >= len(window.backlog_statuses):
            window.say(self.tr("Double-click a status's line: the inbox filters by one status at a time."))
            return
        status = window.backlog_statuses[row]
        context = await self._context(wanted)
        if context is None:
            return
        if column <= len(AGE_BANDS):
            band, first, last = AGE_BANDS[column - 1]
            drill = backlog_drill(_filters(wanted), context, status, first, last)
            what = self.tr("%1, open %2 days").replace("%1", window._status_text(status)).replace("%2", band)
        else:  # the status's total: every age
            drill = backlog_drill(_filters(wanted), context, status, 0, None)
            what = self.tr("%1, of every age").replace("%1", window._status_text(status))
        self._send(drill, what)

    @asyncSlot(int, int)
    async def service_line(self, row: int, _column: int) -> None:
        window = self.window
        wanted = window.shown_for
        if wanted is None or not 0 <= row < len(window.service_lines):
            return
        unit, officer = window.service_lines[row]
        context = await self._context(wanted)
        if context is None:
            return
        name = window.unit_names.get(unit, unit)
        self._send(service_drill(_filters(wanted), context, unit, officer), f"{name}, {officer}" if officer else name)

    @asyncSlot(int, int)
    async def heat_cell(self, weekday: int, hour: int) -> None:
        window = self.window
        wanted = window.behaviour.shown_for
        if wanted is None:
            return
        context = await self._context(wanted)
        if context is None:
            return
        chosen = window.behaviour.channel.currentData()
        channel = chosen if isinstance(chosen, str) and chosen != ALL_CHANNELS else None
        drill = heat_drill(_filters(wanted), context, weekday, hour, channel)
        when = f"{QLocale().dayName(weekday + 1)} {hour:02d}:00–{hour:02d}:59"
        self._send(drill, f"{window.behaviour.channel_text(channel)}, {when}" if channel else when)

    async def _context(self, wanted: Wanted) -> DrillContext | None:
        try:
            return await self.window.ops.db(
                load_drill_context, self.window.session.cache, wanted.units[0] if wanted.units else None
            )
        except AduanError as exc:
            if self.window.alive():
                self.window.refused(exc)
            return None

    # -- in words ---------------------------------------------------------------------------------------

    def _days(self, drill: Drill) -> str:
        locale = QLocale()
        first = locale.toString(_qdate(drill.first_day), "d MMM yyyy") if drill.first_day else "…"
        last = locale.toString(_qdate(drill.last_day), "d MMM yyyy") if drill.last_day else "…"
        return first if first == last else f"{first} – {last}"

    def _send(self, drill: Drill, what: str) -> None:
        window = self.window
        if not window.alive():
            return
        notes = []
        if NotFiltered.PRIORITY in drill.not_filtered:
            notes.append(self.tr("The inbox has no priority filter: it lists the reports of every priority."))
        if NotFiltered.NO_CATEGORY in drill.not_filtered:
            notes.append(
                self.tr("The inbox cannot pick the reports without a category: it lists those of every category.")
            )
        if NotFiltered.SUB_UNITS in drill.not_filtered and drill.unit is not None:
            name = window.unit_names.get(drill.unit, drill.unit)
            notes.append(
                self.tr("The inbox lists the reports of %1 itself, not those of the units below it.").replace(
                    "%1", name
                )
            )
        if NotFiltered.HOLDER_NOW in drill.not_filtered and drill.holder is not None:
            notes.append(
                self.tr(
                    "The inbox lists the reports %1 holds now; the figures also count those whose status they "
                    "changed last and that nobody holds."
                ).replace("%1", drill.holder)
            )
        counted = (
            self.tr("Received %1, in days of the time zone %2, as the figures count them.")
            .replace("%1", self._days(drill))
            .replace("%2", drill.zone)
        )
        shown = FromStatistics(drill, what, "\n".join([counted, *notes]))
        self.last = shown
        window.show_in_inbox.emit(shown)
        window.say(" ".join([self.tr("Shown in the inbox of the main window."), *notes]))
        self.shown += 1


def _filters(wanted: Wanted) -> StatsFilters:
    """The window's filters that narrow what a figure counts."""
    return StatsFilters(
        since=wanted.since,
        until=wanted.until,
        unit=wanted.units[0] if wanted.units else None,
        channel=wanted.channel,
        kind=wanted.kind,
        category=wanted.category,
    )
