"""Working-time helpers shared by the calendar, SLA and clock tests: local times of the three Indonesian zones,
a deliberately simple day-by-day reference that walks local days in whole minutes, and hypothesis strategies
for calendars and moments."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import holidays
from hypothesis import strategies as st

from desktop.domain.calendar import WIB, WIT, WITA, WorkingCalendar

OFFSET_HOURS = {WIB: 7, WITA: 8, WIT: 9}  # Indonesia keeps no daylight saving time
DAY = 480  # working minutes in a default day (08.00-16.00)


def utc(local: datetime, zone: str) -> datetime:
    return local - timedelta(hours=OFFSET_HOURS[zone])


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return utc(datetime(2026, 3, day, hour, minute), WIB)


def reference_day_off(calendar: WorkingCalendar, day: date) -> bool:
    national = holidays.country_holidays("ID", years=day.year, categories=("public", "government"))
    return day in calendar.extra_days_off or day in national or day.weekday() in calendar.weekend


def reference_minutes(calendar: WorkingCalendar, start: datetime, end: datetime) -> int:
    """Walk local days; on a working day count the minutes of [start, end) inside the hours."""
    hours = timedelta(hours=OFFSET_HOURS[calendar.timezone])
    local_start, local_end = start + hours, end + hours
    total = 0
    day = local_start.date()
    while day <= local_end.date():
        if not reference_day_off(calendar, day):
            midnight = datetime(day.year, day.month, day.day)
            opens = midnight + timedelta(minutes=calendar.start_minute)
            closes = midnight + timedelta(minutes=calendar.end_minute)
            lo, hi = max(opens, local_start), min(closes, local_end)
            if hi > lo:
                total += int((hi - lo).total_seconds()) // 60
        day += timedelta(days=1)
    return total


calendars = st.builds(
    WorkingCalendar,
    timezone=st.sampled_from([WIB, WITA, WIT]),
    start_minute=st.integers(6 * 60, 9 * 60),
    end_minute=st.integers(14 * 60, 18 * 60),
    weekend=st.sampled_from([frozenset({5, 6}), frozenset({6}), frozenset({4, 5, 6})]),
    extra_days_off=st.dictionaries(st.dates(date(2025, 12, 1), date(2026, 6, 30)), st.just("Libur unit"), max_size=10),
)
# Whole minutes, so that the reference's minute counting is exact.
moments = st.datetimes(datetime(2025, 12, 1), datetime(2026, 5, 1)).map(lambda m: m.replace(second=0, microsecond=0))
