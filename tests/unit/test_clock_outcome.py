"""The statistics judge a running clock by its due moment (a short walk) instead of by the working time used
since it started (a long one): the verdict must be the one the app's countdown shows, at every moment."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.calendar import WorkingCalendar
from desktop.domain.sla import Phase
from desktop.reports.figures import clock_outcome
from desktop.store.sla import record_from_row
from tests.unit.calendars import calendars, moments

VERDICT = {Phase.MET: "met", Phase.MISSED: "breached", Phase.BREACHED: "breached"}


@settings(max_examples=300, deadline=None)
@given(
    calendar=calendars,
    since=moments,
    target=st.integers(1, 20 * 480),
    used=st.integers(0, 20 * 480),
    seconds=st.integers(0, 59),
    later=st.integers(-3 * 24 * 60, 90 * 24 * 60),
    stopped=st.booleans(),
)
def test_a_running_clock_is_judged_as_its_countdown_shows(
    calendar: WorkingCalendar,
    since: datetime,
    target: int,
    used: int,
    seconds: int,
    later: int,
    stopped: bool,
) -> None:
    started = since + timedelta(seconds=seconds)  # clocks start at any second, not on the minute
    as_of = started + timedelta(minutes=later, seconds=seconds * 7 % 60)
    row = SimpleNamespace(
        target_minutes=target,
        used_minutes=used,
        running_since=None if stopped else started,
        stopped_at=started if stopped else None,
        warn_percent=75,
    )
    expected = VERDICT.get(record_from_row(row).state(calendar, as_of).phase, "running")
    assert clock_outcome(row, calendar, as_of) == expected


def test_a_clock_is_breached_at_its_due_moment_not_a_minute_later() -> None:
    calendar = WorkingCalendar()  # WIB, 08.00-16.00
    monday_eight = datetime(2026, 3, 2, 1, 0)  # 08.00 WIB
    row = SimpleNamespace(
        target_minutes=480, used_minutes=0, running_since=monday_eight, stopped_at=None, warn_percent=75
    )
    due = monday_eight + timedelta(hours=8)  # 16.00 WIB the same day
    assert clock_outcome(row, calendar, due - timedelta(seconds=1)) == "running"
    assert clock_outcome(row, calendar, due) == "breached"
    assert record_from_row(row).state(calendar, due).phase is Phase.BREACHED
