"""When demo reports arrive over years, and working time counted fast enough for a million of them.

``Seasons`` gives every hour of a span a weight and places the n-th of N reports at the n/N point of the
weights' running total, so that reports stay in creation order (tracking numbers rise with created_at) while
they follow the rhythm of a complaint desk, in the agency's local time (WIB):
- the working day: most reports in office hours, fewer in the evening, few at night;
- the week: Monday busiest, Friday quieter, the weekend a third of a weekday;
- national holidays and *cuti bersama* (``domain/calendar.national_days_off``) as quiet as a Sunday, and the
  first working days after a long break busier, as the waiting reports come in;
- Lebaran: Idul Fitri (the ``holidays`` package's Indonesian calendar) empties the desk: fewer reports in the
  week of *mudik* before it, hardly any in the days after it, then a busier fortnight once people are back;
- a little growth from year to year, and a quieter December.

``WorkTime`` is the working time of one calendar over a span as running totals per local day, so that
"working minutes between" and "the moment N working minutes after" cost a look-up instead of a walk over
the calendar's days (``domain/calendar.py`` gives the same answers; a test checks it).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

import holidays

from ..domain.calendar import WorkingCalendar, national_days_off

HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS
LOCAL = WorkingCalendar()  # WIB, the agency's default zone: when people write
# Reports per hour of the local day, relative to each other.
_HOURS = (
    0.12, 0.08, 0.06, 0.06, 0.1, 0.2, 0.45, 0.9, 1.6, 1.8, 1.8, 1.6,
    1.1, 1.5, 1.6, 1.4, 1.0, 0.75, 0.7, 0.8, 0.8, 0.6, 0.4, 0.22,
)  # fmt: skip
_WEEKDAYS = (1.3, 1.15, 1.05, 1.0, 0.85, 0.4, 0.3)  # Monday first
_HOLIDAY = 0.35
_AFTER_BREAK = (1.5, 1.2)  # the first and second working day after a break that held a holiday
_DECEMBER = 0.88
_GROWTH_PER_YEAR = 0.1
# Lebaran, by days from Idul Fitri: the mudik week before, the holiday itself and cuti bersama after,
# and the return (each on top of the weekday and holiday factors).
_LEBARAN = {
    -7: 0.8, -6: 0.75, -5: 0.7, -4: 0.6, -3: 0.5, -2: 0.4, -1: 0.3,
    0: 0.15, 1: 0.15, 2: 0.2, 3: 0.3, 4: 0.45, 5: 0.6, 6: 0.75, 7: 0.85,
}  # fmt: skip
_RETURN = (8, 21, 1.25)  # from day 8 to day 21 after Idul Fitri, a quarter more


@lru_cache(maxsize=32)
def idul_fitri(year: int) -> date:
    """The first day of Idul Fitri (Lebaran) in Indonesia in ``year``."""
    found = holidays.country_holidays("ID", years=year, language="en_US").get_named("Eid al-Fitr")
    return min(found)


def day_weight(day: date, first_year: int) -> float:
    """How many reports a local day gets, relative to an ordinary Thursday of the first year."""
    weight = _WEEKDAYS[day.weekday()]
    if day in national_days_off(day.year):
        weight *= _HOLIDAY
    else:
        weight *= _after_break(day)
    for year in (day.year - 1, day.year, day.year + 1):
        offset = (day - idul_fitri(year)).days
        if offset in _LEBARAN:
            weight *= _LEBARAN[offset]
        elif _RETURN[0] <= offset <= _RETURN[1]:
            weight *= _RETURN[2]
    if day.month == 12:
        weight *= _DECEMBER
    return weight * (1 + _GROWTH_PER_YEAR * (day.year - first_year + (day.timetuple().tm_yday - 1) / 365))


def _off(day: date) -> bool:
    return day.weekday() >= 5 or day in national_days_off(day.year)


def _after_break(day: date) -> float:
    """Busier on the first working days after days off that held a holiday (not after a plain weekend)."""
    if _off(day):
        return 1.0
    back = day - timedelta(days=1)
    for position in (0, 1):
        run, holiday = 0, False
        while _off(back) and run < 20:
            holiday = holiday or back in national_days_off(back.year)
            back -= timedelta(days=1)
            run += 1
        if holiday:
            return _AFTER_BREAK[position]
        if run or position:
            return 1.0  # a plain weekend before, or two working days
        back -= timedelta(days=1)  # the day before was worked: look past it once
    return 1.0


class Seasons:
    """Hourly weights over ``span_ms`` milliseconds from ``start`` (naive UTC), and their running total."""

    def __init__(self, start: datetime, span_ms: int) -> None:
        self.start = start
        hours = -(-span_ms // HOUR_MS)
        self.span_ms = span_ms
        first = self._local(0)
        first_year = first.year
        days: dict[date, float] = {}
        running = [0.0]
        total = 0.0
        for h in range(hours):
            moment = self._local(h * HOUR_MS + HOUR_MS // 2)
            day = moment.date()
            if day not in days:
                days[day] = day_weight(day, first_year)
            total += days[day] * _HOURS[moment.hour]
            running.append(total)
        self.running = running
        self.total = total

    def _local(self, offset_ms: int) -> datetime:
        return (self.start + timedelta(milliseconds=offset_ms)).replace(tzinfo=UTC).astimezone(LOCAL.zone)

    def offset_ms(self, share: float) -> int:
        """Where the running total reaches ``share`` (0 to 1) of the whole, in milliseconds from ``start``."""
        target = share * self.total
        hour = min(bisect_right(self.running, target) - 1, len(self.running) - 2)
        low, high = self.running[hour], self.running[hour + 1]
        within = (target - low) / (high - low) if high > low else 0.5
        return min(int((hour + within) * HOUR_MS), self.span_ms - 1)


class WorkTime:
    """The working time of ``calendar`` from ``start`` (naive UTC) for ``days`` days, in microseconds.

    ``worked(t)`` is the working time from ``start`` to ``t`` microseconds after it; the working minutes
    between two moments are the difference of theirs, floored, as ``working_minutes_between`` counts them.
    The calendar's zone must keep one offset over the span (Indonesia's do); ``fits`` says whether it does.
    """

    def __init__(self, calendar: WorkingCalendar, start: datetime, days: int) -> None:
        self.start = start
        zone = calendar.zone
        first = calendar.local_day(start) - timedelta(days=1)
        offset = datetime.combine(first, time(), tzinfo=zone).utcoffset()
        end = datetime.combine(first + timedelta(days=days + 2), time(), tzinfo=zone).utcoffset()
        self.fits = offset == end
        midnight = datetime.combine(first, time(), tzinfo=zone).astimezone(UTC).replace(tzinfo=None)
        self.midnight_us = _us(midnight - start)  # where local day 0 begins, from start (negative)
        self.opens: list[int] = []
        self.lengths: list[int] = []
        self.before: list[int] = []  # working time of the days before each day
        self.through: list[int] = []  # ... and of the day itself
        total = 0
        for i in range(days + 2):
            window = calendar.window(first + timedelta(days=i))
            opens, length = (0, 0) if window is None else (_us(window[0] - start), _us(window[1] - window[0]))
            self.opens.append(opens)
            self.lengths.append(length)
            self.before.append(total)
            total += length
            self.through.append(total)

    def worked(self, at_us: int) -> int:
        i = (at_us - self.midnight_us) // (DAY_MS * 1000)
        return self.before[i] + min(max(at_us - self.opens[i], 0), self.lengths[i])

    def minutes_between(self, a_us: int, b_us: int) -> int:
        return 0 if b_us <= a_us else (self.worked(b_us) - self.worked(a_us)) // 60_000_000

    def after(self, at_us: int, minutes: int) -> int:
        """The moment ``minutes`` working minutes after ``at_us`` (both from ``start``, microseconds)."""
        if minutes <= 0:
            return at_us
        target = self.worked(at_us) + minutes * 60_000_000
        i = bisect_left(self.through, target)
        return self.opens[i] + (target - self.before[i])


def _us(delta: timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
