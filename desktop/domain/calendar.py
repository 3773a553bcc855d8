"""Working time of a complaint unit: its hours, weekend, time zone, Indonesia's national holidays and
*cuti bersama* (from the ``holidays`` package, names in Indonesian), and the unit's own days off.

Deadlines are counted in working minutes: "3 working days" is three working days' worth of the unit's
hours, so a report received at 10.00 is due at 10.00 three working days later, and a clock that pauses
(while waiting for the reporter) simply stops adding minutes. Times in and out are naive UTC, like the
rest of the store; the calendar's own days are local days in its time zone.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from .errors import BadInput

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
WEEKEND_NAME = "Akhir pekan"
# A calendar without a working day in this many days is broken, not merely generous with holidays.
MAX_SEARCH_DAYS = 3_700


@functools.lru_cache(maxsize=64)
def national_days_off(year: int) -> dict[date, str]:
    """Public holidays and cuti bersama (the government's collective leave days) of ``year``."""
    found = holidays.country_holidays("ID", years=year, language="id", categories=("public", "government"))
    return {day: str(name) for day, name in found.items()}


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    timezone: str = WIB
    start_minute: int = 8 * 60  # working hours, local time, minutes after midnight
    end_minute: int = 16 * 60
    weekend: frozenset[int] = frozenset({5, 6})  # Monday is 0
    extra_days_off: dict[date, str] = field(default_factory=dict)  # the unit's own
    national_holidays: bool = True
    zone: ZoneInfo = field(init=False, repr=False, compare=False)
    # The working hours of each local day asked so far: deadlines and statistics walk the same days for
    # thousands of clocks, and a day's hours never change (the calendar is immutable).
    _windows: dict[date, tuple[datetime, datetime] | None] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "zone", ZoneInfo(self.timezone))
        except (ZoneInfoNotFoundError, ValueError):
            raise BadInput(f"unknown time zone {self.timezone!r}: use {WIB}, {WITA} or {WIT}") from None
        if not 0 <= self.start_minute < self.end_minute <= 24 * 60:
            raise BadInput("working hours must start before they end, within one day")
        if not self.weekend <= set(range(7)) or len(self.weekend) == 7:
            raise BadInput("the weekend must name days 0 (Monday) to 6 (Sunday) and leave a working day")

    @property
    def minutes_per_day(self) -> int:
        return self.end_minute - self.start_minute

    @property
    def round_the_clock(self) -> bool:
        """Every minute is working time (the resolution clock counts calendar days): its windows join up, so a
        sum of working time is plain arithmetic, no walk over the days."""
        return (
            self.start_minute == 0
            and self.end_minute == 24 * 60
            and not self.weekend
            and not self.extra_days_off
            and not self.national_holidays
        )

    def day_off(self, day: date) -> str | None:
        """Why ``day`` is not worked (a holiday's name, or the weekend), or None for a working day."""
        if day in self.extra_days_off:
            return self.extra_days_off[day]
        if self.national_holidays and day in national_days_off(day.year):
            return national_days_off(day.year)[day]
        if day.weekday() in self.weekend:
            return WEEKEND_NAME
        return None

    def local_day(self, moment: datetime) -> date:
        return moment.replace(tzinfo=UTC).astimezone(self.zone).date()

    def window(self, day: date) -> tuple[datetime, datetime] | None:
        """The working hours of a local day as naive UTC, or None on a day off."""
        if day not in self._windows:
            self._windows[day] = (
                None
                if self.day_off(day) is not None
                else (self._utc(day, self.start_minute), self._utc(day, self.end_minute))
            )
        return self._windows[day]

    def _utc(self, day: date, minute: int) -> datetime:
        local = datetime.combine(day, time()) + timedelta(minutes=minute)
        return local.replace(tzinfo=self.zone).astimezone(UTC).replace(tzinfo=None)

    def windows_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working windows from the local day of ``moment`` on; refuses a calendar with no working day."""
        day = self.local_day(moment)
        idle = 0
        while True:
            found = self.window(day)
            if found is None:
                idle += 1
                if idle > MAX_SEARCH_DAYS:
                    raise BadInput("this calendar has no working day for ten years: check its days off")
            else:
                idle = 0
                yield found
            day += timedelta(days=1)


def add_working_minutes(calendar: WorkingCalendar, start: datetime, minutes: int) -> datetime:
    """The moment ``minutes`` of working time after ``start`` (naive UTC)."""
    if minutes < 0:
        raise BadInput("working time to add cannot be negative")
    if minutes == 0:
        return start
    if calendar.round_the_clock:
        return start + timedelta(minutes=minutes)
    left = timedelta(minutes=minutes)
    for opens, closes in calendar.windows_from(start):
        begin = max(opens, start)
        if begin >= closes:
            continue
        if left <= closes - begin:
            return begin + left
        left -= closes - begin
    raise AssertionError("windows_from never ends")  # pragma: no cover


def add_working_days(calendar: WorkingCalendar, start: datetime, days: int) -> datetime:
    return add_working_minutes(calendar, start, days * calendar.minutes_per_day)


def working_minutes_between(calendar: WorkingCalendar, start: datetime, end: datetime) -> int:
    """Whole working minutes from ``start`` to ``end`` (0 when ``end`` is not after ``start``)."""
    if end <= start:
        return 0
    if calendar.round_the_clock:
        return int((end - start).total_seconds() // 60)
    total = timedelta()
    for opens, closes in calendar.windows_from(start):
        if opens >= end:
            break
        overlap = min(closes, end) - max(opens, start)
        if overlap > timedelta():
            total += overlap
    return int(total.total_seconds() // 60)
