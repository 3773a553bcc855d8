"""The statistics' filters: the period (with presets), the unit (the searchable unit picker, or every unit the
officer may see), the channel and the kind, and how the volumes are counted: per day, week or month, split by
one property. ``changed`` tells the window to ask again."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.vocabulary import Channel, Kind
from ...views.stats_scope import StatsUnits
from ..labels import channel_label, kind_label
from ..unit_picker import UnitPicker
from .requests import Wanted

PRESETS = ("this_month", "last_month", "last_3_months", "this_year", "custom")


def preset_period(preset: str, today: date) -> tuple[date, date] | None:
    """The days a preset covers, both included, up to ``today``; None for "custom"."""
    first = today.replace(day=1)
    if preset == "this_month":
        return first, today
    if preset == "last_month":
        end = first - timedelta(days=1)
        return end.replace(day=1), end
    if preset == "last_3_months":
        start = first
        for _ in range(2):
            start = (start - timedelta(days=1)).replace(day=1)
        return start, today
    if preset == "this_year":
        return today.replace(month=1, day=1), today
    return None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class StatsFilters(QWidget):
    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statsFilters")
        self.today = today
        self._quiet = False  # while a preset fills in the dates: one change, not three

        self.preset = QComboBox()
        self.preset.setObjectName("statsPreset")
        for key, text in zip(
            PRESETS,
            (
                self.tr("This month"),
                self.tr("Last month"),
                self.tr("Last 3 months"),
                self.tr("This year"),
                self.tr("Chosen days"),
            ),
            strict=True,
        ):
            self.preset.addItem(text, key)
        self.since = self._date_edit("statsSince", self.tr("First day of receipt"))
        self.until = self._date_edit("statsUntil", self.tr("Last day of receipt"))

        self.all_units = QCheckBox(self.tr("All my units"))
        self.all_units.setObjectName("statsAllUnits")
        self.all_units.setToolTip(self.tr("Every unit whose figures you may see, with the units below them"))
        self.all_units.setChecked(True)
        self.unit = UnitPicker()
        self.unit.setObjectName("statsUnit")
        self.unit.setEnabled(False)
        self.unit.tree.setMinimumHeight(120)

        self.channel = QComboBox()
        self.channel.setObjectName("statsChannel")
        self.channel.addItem(self.tr("Every channel"), None)
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel.value)
        self.kind = QComboBox()
        self.kind.setObjectName("statsKind")
        self.kind.addItem(self.tr("Every kind"), None)
        for kind in Kind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.category = QComboBox()
        self.category.setObjectName("statsCategory")
        self.category.addItem(self.tr("Every category"), None)
        self.by = QComboBox()
        self.by.setObjectName("statsBy")
        for key, text in (("day", self.tr("Day")), ("week", self.tr("Week")), ("month", self.tr("Month"))):
            self.by.addItem(text, key)
        self.split = QComboBox()
        self.split.setObjectName("statsSplit")
        splits: tuple[tuple[str | None, str], ...] = (
            (None, self.tr("Nothing (totals)")),
            ("channel", self.tr("Channel")),
            ("kind", self.tr("Kind")),
            ("category", self.tr("Category")),
            ("unit", self.tr("Unit")),
            ("priority", self.tr("Priority")),
        )
        for split, text in splits:
            self.split.addItem(text, split)
        self.split.setCurrentIndex(self.split.findData("channel"))

        period = QGroupBox(self.tr("Received"))
        period_form = QFormLayout(period)
        period_form.addRow(self.tr("&Period:"), self.preset)
        period_form.addRow(self.tr("&From:"), self.since)
        period_form.addRow(self.tr("&To:"), self.until)
        units = QGroupBox(self.tr("Unit"))
        units_layout = QVBoxLayout(units)
        units_layout.addWidget(self.all_units)
        units_layout.addWidget(self.unit, 1)
        which = QGroupBox(self.tr("Reports"))
        which_form = QFormLayout(which)
        which_form.addRow(self.tr("C&hannel:"), self.channel)
        which_form.addRow(self.tr("&Kind:"), self.kind)
        which_form.addRow(self.tr("C&ategory:"), self.category)
        counted = QGroupBox(self.tr("Count"))
        counted_form = QFormLayout(counted)
        counted_form.addRow(self.tr("P&er:"), self.by)
        counted_form.addRow(self.tr("Sp&lit by:"), self.split)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(period)
        layout.addWidget(units, 1)
        layout.addWidget(which)
        layout.addWidget(counted)

        self.preset.setCurrentIndex(self.preset.findData("this_month"))
        self._apply_preset()
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.since.dateChanged.connect(self._dates_edited)
        self.until.dateChanged.connect(self._dates_edited)
        self.all_units.toggled.connect(self._all_units_toggled)
        self.unit.changed.connect(lambda _code: self._changed())
        for box in (self.channel, self.kind, self.category, self.by, self.split):
            box.currentIndexChanged.connect(self._changed)

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        return edit

    def set_units(self, units: StatsUnits) -> None:
        """The units to narrow to, and the categories of the reports on this computer."""
        self.unit.set_units(units.choosable, units.nodes)
        self.category.blockSignals(True)
        for category in units.categories:
            self.category.addItem(category, category)
        self.category.blockSignals(False)

    def _apply_preset(self) -> None:
        period = preset_period(str(self.preset.currentData()), self.today)
        if period is None:
            return
        self._quiet = True
        try:
            self.since.setDate(_qdate(period[0]))
            self.until.setDate(_qdate(period[1]))
        finally:
            self._quiet = False
        self._changed()

    def _dates_edited(self) -> None:
        if self._quiet:
            return
        period = preset_period(str(self.preset.currentData()), self.today)
        if period is not None and period != (_date(self.since.date()), _date(self.until.date())):
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(self.preset.findData("custom"))
            self.preset.blockSignals(False)
        self._changed()

    def _all_units_toggled(self, every: bool) -> None:
        self.unit.setEnabled(not every)
        if not every and not self.unit.current_code() and self.unit.count():
            self.unit.setCurrentIndex(0)  # emits changed
            return
        self._changed()

    def set_period(self, since: date, until: date) -> None:
        """Chosen days (the screenshots' and tests' way to a fixed period)."""
        self._quiet = True
        try:
            self.since.setDate(_qdate(since))
            self.until.setDate(_qdate(until))
        finally:
            self._quiet = False
        self._dates_edited()

    def _changed(self) -> None:
        if not self._quiet:
            self.changed.emit()

    def wanted(self) -> Wanted:
        code = "" if self.all_units.isChecked() else self.unit.current_code()
        return Wanted(
            since=_date(self.since.date()),
            until=_date(self.until.date()),
            units=(code,) if code else (),
            channel=self.channel.currentData(),
            kind=self.kind.currentData(),
            category=self.category.currentData(),
            by=str(self.by.currentData()),
            split=self.split.currentData(),
        )
