"""Calendars and days off: a unit's working days and hours (the clock of its deadlines), and its own days
off. The calendars are read from this computer's copy (clients hold them for the deadlines), as of the last
sync; a change is the server's command, and shown here at once."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ...domain.entities import Unit
from ...domain.errors import AduanError
from ...domain.vocabulary import Role
from ...sync.session import Session
from ...views.calendars import CalendarView, load_calendars
from ..labels import local_today
from ..ops import Ops
from . import requests
from .page import AdminPage, fill_table, list_table, selected_key
from .units_page import unit_choices


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


TIMEZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")  # WIB, WITA, WIT


class CalendarPage(AdminPage):
    def __init__(self, session: Session, ops: Ops, role: Role | None, parent: QWidget | None = None) -> None:
        super().__init__(session, ops, role, parent)
        self.setObjectName("adminCalendars")
        self.units: list[Unit] = []
        self.calendars: dict[int | None, CalendarView] = {}
        # Days changed from this window since the cache last heard: day → name (None: worked again).
        self.changed: dict[str | None, dict[date, str | None]] = {}

        self.unit = QComboBox()
        self.unit.setObjectName("calendarUnit")
        self.unit.currentIndexChanged.connect(lambda _i: self.show_unit())
        self.timezone = QComboBox()
        self.timezone.setObjectName("calendarTimezone")
        self.timezone.addItems(TIMEZONES)
        self.start = QTimeEdit()
        self.start.setObjectName("calendarStart")
        self.start.setDisplayFormat("HH:mm")
        self.end = QTimeEdit()
        self.end.setObjectName("calendarEnd")
        self.end.setDisplayFormat("HH:mm")
        hours = QHBoxLayout()
        hours.addWidget(self.start)
        hours.addWidget(self.end)
        hours.addStretch(1)
        self.workdays: list[QCheckBox] = []
        days = QHBoxLayout()
        locale = QLocale()
        for weekday in range(7):
            box = QCheckBox(locale.dayName(weekday + 1, QLocale.FormatType.ShortFormat))
            box.setObjectName(f"calendarDay{weekday}")
            self.workdays.append(box)
            days.addWidget(box)
        days.addStretch(1)
        self.holidays = QCheckBox(self.tr("National holidays are days off"))
        self.holidays.setObjectName("calendarHolidays")
        self.save_button = QPushButton(self.tr("&Save working days"))
        self.save_button.setObjectName("calendarSave")
        self.save_button.clicked.connect(self.save_calendar)
        calendar_box = QGroupBox(self.tr("Working days and hours"))
        form = QFormLayout(calendar_box)
        form.addRow(self.tr("&Time zone:"), self.timezone)
        form.addRow(self.tr("&Hours:"), hours)
        form.addRow(self.tr("Working days:"), days)
        form.addRow("", self.holidays)
        form.addRow("", self.save_button)

        self.days_off = list_table("daysOff", self.tr("Days off"), [self.tr("Day"), self.tr("Name")])
        self.days_off.itemSelectionChanged.connect(self._enable)
        self.day = QDateEdit()
        self.day.setObjectName("dayOffDate")
        self.day.setCalendarPopup(True)
        today = local_today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day_name = QLineEdit()
        self.day_name.setObjectName("dayOffName")
        self.day_name.setPlaceholderText(self.tr("e.g. HUT Kabupaten"))
        self.add_button = QPushButton(self.tr("&Add day off"))
        self.add_button.setObjectName("dayOffAdd")
        self.add_button.clicked.connect(self.add_day_off)
        self.remove_button = QPushButton(self.tr("&Work this day again"))
        self.remove_button.setObjectName("dayOffRemove")
        self.remove_button.clicked.connect(self.remove_day_off)
        adding = QHBoxLayout()
        adding.addWidget(self.day)
        adding.addWidget(self.day_name, 1)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)
        days_box = QGroupBox(self.tr("The unit's own days off"))
        days_layout = QVBoxLayout(days_box)
        days_layout.addWidget(self.days_off, 1)
        days_layout.addLayout(adding)

        top = QFormLayout()
        top.addRow(self.tr("&Unit:"), self.unit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(top)
        layout.addWidget(calendar_box)
        layout.addWidget(days_box, 1)
        self._enable()

    def _enable(self) -> None:
        self.remove_button.setEnabled(selected_key(self.days_off) is not None)

    async def reload(self) -> None:
        try:
            self.units = await self.ask(requests.list_units)
            self.calendars = await self.ops.db(load_calendars, self.session.cache)
        except AduanError as exc:
            self.refused(exc)
            return
        unit_choices(self.unit, self.units, self.tr("every unit (default)") if self.admin else None)
        self.show_unit()

    def _calendar(self) -> CalendarView | None:
        code = self.unit.currentData()
        unit_id = next((u.id for u in self.units if u.code == code), None)
        return self.calendars.get(unit_id) or self.calendars.get(None)

    def show_unit(self) -> None:
        """The chosen unit's calendar (or the default it works by) and its days off."""
        calendar = self._calendar()
        weekend = calendar.weekend if calendar else frozenset({5, 6})
        self.timezone.setCurrentText(calendar.timezone if calendar else TIMEZONES[0])
        start, end = (calendar.start_minute, calendar.end_minute) if calendar else (480, 960)
        self.start.setTime(QTime(start // 60, start % 60))
        self.end.setTime(QTime(end // 60, end % 60))
        for weekday, box in enumerate(self.workdays):
            box.setChecked(weekday not in weekend)
        self.holidays.setChecked(calendar.national_holidays if calendar else True)
        days: dict[date, str | None] = dict(calendar.days_off) if calendar else {}
        days.update(self.changed.get(self.unit.currentData(), {}))
        shown = sorted((day, name) for day, name in days.items() if name is not None)
        fill_table(
            self.days_off,
            [
                (day.isoformat(), [QLocale().toString(_qdate(day), QLocale.FormatType.ShortFormat), name])
                for day, name in shown
            ],
        )
        self._enable()

    @asyncSlot()
    async def save_calendar(self) -> None:
        weekend = ",".join(str(d) for d, box in enumerate(self.workdays) if not box.isChecked())
        hours = f"{self.start.time().toString('HH:mm')}-{self.end.time().toString('HH:mm')}"
        unit = self.unit.currentData()
        self.say("")
        try:
            await self.ask(
                requests.set_calendar,
                unit,
                self.timezone.currentText(),
                hours,
                weekend,
                self.holidays.isChecked(),
            )
        except AduanError as exc:
            self.refused(exc)
            return
        self.say(self.tr("Working days saved; open reports' deadlines follow them now."))

    @asyncSlot()
    async def add_day_off(self) -> None:
        day = self.day.date().toPython()
        assert isinstance(day, date)
        await self._set_day(day, self.day_name.text().strip())

    @asyncSlot()
    async def remove_day_off(self) -> None:
        chosen = selected_key(self.days_off)
        if isinstance(chosen, str):
            await self._set_day(date.fromisoformat(chosen), None)

    async def _set_day(self, day: date, name: str | None) -> None:
        unit = self.unit.currentData()
        self.say("")
        try:
            await self.ask(requests.set_day_off, unit, day, name)
        except AduanError as exc:
            self.refused(exc)  # the name typed stays
            return
        self.changed.setdefault(unit, {})[day] = name
        if name is not None:
            self.day_name.clear()
        self.show_unit()
        shown = QLocale().toString(_qdate(day), QLocale.FormatType.LongFormat)
        text = self.tr("%1 is a day off now.") if name else self.tr("%1 is a working day again.")
        self.say(text.replace("%1", shown))
