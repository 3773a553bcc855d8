"""Working-time arithmetic: hand-worked cases around Idul Fitri 2026, and hypothesis against a
deliberately simple reference that walks local days one by one in whole minutes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.calendar import (
    WIB,
    WIT,
    WITA,
    WorkingCalendar,
    add_working_days,
    add_working_minutes,
    working_minutes_between,
)
from desktop.domain.clocks import ROUND_THE_CLOCK
from desktop.domain.errors import BadInput
from tests.unit.calendars import calendars, moments, reference_minutes, utc

# -- hand-worked cases --------------------------------------------------------------------------------
# March 2026: Wed 18 cuti bersama Nyepi, Thu 19 Nyepi, Fri 20 cuti bersama Idul Fitri, Sat 21 and Sun 22
# Idul Fitri, Mon 23 and Tue 24 cuti bersama Idul Fitri. Working hours 08.00-16.00 (480 minutes a day).


@pytest.mark.parametrize("zone", [WIB, WITA, WIT])
def test_three_working_days_across_idul_fitri(zone: str) -> None:
    calendar = WorkingCalendar(timezone=zone)
    received = utc(datetime(2026, 3, 17, 10, 0), zone)  # Tuesday 10.00 local
    # Tue 17: 360 min; Wed 25: 480 (total 840); Thu 26: 480 (1,320); Fri 27: the last 120 → 10.00.
    assert add_working_days(calendar, received, 3) == utc(datetime(2026, 3, 27, 10, 0), zone)
    assert working_minutes_between(calendar, received, utc(datetime(2026, 3, 27, 10, 0), zone)) == 3 * 480


def test_the_holiday_names_are_indonesian() -> None:
    calendar = WorkingCalendar()
    assert calendar.day_off(date(2026, 3, 21)) == "Hari Raya Idul Fitri"
    assert calendar.day_off(date(2026, 3, 23)) == "Cuti Bersama Hari Raya Idul Fitri"
    assert calendar.day_off(date(2026, 3, 28)) == "Akhir pekan"
    assert calendar.day_off(date(2026, 3, 25)) is None


def test_a_report_received_after_hours_starts_the_next_working_morning() -> None:
    calendar = WorkingCalendar()
    friday_evening = utc(datetime(2026, 3, 13, 19, 30), WIB)
    assert add_working_minutes(calendar, friday_evening, 1) == utc(datetime(2026, 3, 16, 8, 1), WIB)
    assert working_minutes_between(calendar, friday_evening, utc(datetime(2026, 3, 16, 8, 0), WIB)) == 0


def test_the_units_own_days_off_and_weekend_count() -> None:
    anniversary = {date(2026, 3, 16): "HUT Kabupaten"}
    calendar = WorkingCalendar(extra_days_off=anniversary, weekend=frozenset({6}))  # Saturdays are worked
    saturday_morning = utc(datetime(2026, 3, 14, 8, 0), WIB)
    # Sat 14: 480; Sun 15 weekend; Mon 16 the unit's day off; Tue 17: the second day ends at 16.00.
    assert add_working_days(calendar, saturday_morning, 2) == utc(datetime(2026, 3, 17, 16, 0), WIB)
    assert calendar.day_off(date(2026, 3, 16)) == "HUT Kabupaten"


def test_sixty_calendar_days_are_not_working_days() -> None:
    """The statutory 60 days are calendar days; working-day clocks are the LAPOR! 3/5/10."""
    calendar = WorkingCalendar()
    start = utc(datetime(2026, 3, 2, 9, 0), WIB)
    assert working_minutes_between(calendar, start, start + timedelta(days=60)) < 60 * 480


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"timezone": "Asia/Atlantis"}, "unknown time zone"),
        ({"start_minute": 960, "end_minute": 480}, "start before they end"),
        ({"weekend": frozenset(range(7))}, "leave a working day"),
    ],
)
def test_a_broken_calendar_is_refused_clearly(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(BadInput, match=message):
        WorkingCalendar(**arguments)  # type: ignore[arg-type]


def test_a_calendar_without_any_working_day_is_refused_not_looped() -> None:
    every_day = {date(2026, 1, 1) + timedelta(days=n): "Libur" for n in range(4_000)}
    calendar = WorkingCalendar(extra_days_off=every_day)
    with pytest.raises(BadInput, match="no working day"):
        add_working_minutes(calendar, datetime(2026, 1, 1), 1)


# -- against a day-by-day reference -----------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(calendar=calendars, start=moments, span=st.integers(0, 40 * 24 * 60))
def test_working_minutes_agree_with_the_day_by_day_reference(
    calendar: WorkingCalendar, start: datetime, span: int
) -> None:
    end = start + timedelta(minutes=span)
    assert working_minutes_between(calendar, start, end) == reference_minutes(calendar, start, end)


@settings(max_examples=150, deadline=None)
@given(calendar=calendars, start=moments, minutes=st.integers(1, 12 * 480))
def test_adding_working_minutes_lands_exactly_that_much_working_time_later(
    calendar: WorkingCalendar, start: datetime, minutes: int
) -> None:
    due = add_working_minutes(calendar, start, minutes)
    assert reference_minutes(calendar, start, due) == minutes
    # and not a minute later than needed: the minute before it is one working minute short
    assert reference_minutes(calendar, start, due - timedelta(minutes=1)) == minutes - 1


@settings(max_examples=150, deadline=None)
@given(start=moments, seconds=st.integers(0, 59), span=st.integers(0, 90 * 24 * 60), minutes=st.integers(1, 90 * 1440))
def test_round_the_clock_sums_are_those_of_the_walk(start: datetime, seconds: int, span: int, minutes: int) -> None:
    """The resolution clock's calendar (every minute works) adds and counts by arithmetic; a calendar of the same
    hours with one day off a century ago takes the walk, and must agree."""
    fast = ROUND_THE_CLOCK
    walked = replace(ROUND_THE_CLOCK, extra_days_off={date(1926, 1, 1): "long ago"})
    assert fast.round_the_clock and not walked.round_the_clock
    begin = start + timedelta(seconds=seconds)
    end = begin + timedelta(minutes=span, seconds=seconds * 7 % 60)
    assert working_minutes_between(fast, begin, end) == working_minutes_between(walked, begin, end)
    assert add_working_minutes(fast, begin, minutes) == add_working_minutes(walked, begin, minutes)
