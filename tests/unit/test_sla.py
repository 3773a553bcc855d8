"""Service-level clocks: policy choice, pauses while waiting for the reporter, transfers, warnings and
breaches — by hand around Idul Fitri 2026 and by hypothesis against the day-by-day reference."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.calendar import WorkingCalendar
from desktop.domain.errors import BadInput
from desktop.domain.sla import (
    LAPOR_DEFAULT,
    ClockChange,
    ClockEvent,
    Phase,
    SlaPolicy,
    choose_policy,
    clock_state,
)
from desktop.domain.vocabulary import Kind, Priority
from tests.unit.calendars import DAY, at, calendars, moments, reference_minutes


def test_the_most_specific_policy_wins_and_lapor_is_the_default() -> None:
    unit_wide = SlaPolicy(unit_id=7, verify_working_days=2)
    urgent_complaints = SlaPolicy(unit_id=7, kind=Kind.PENGADUAN, priority=Priority.DARURAT, verify_working_days=1)
    everywhere_urgent = SlaPolicy(priority=Priority.DARURAT, verify_working_days=4)
    policies = [unit_wide, everywhere_urgent, urgent_complaints]
    assert choose_policy(policies, 7, Kind.PENGADUAN, None, Priority.DARURAT) is urgent_complaints
    assert choose_policy(policies, 7, Kind.ASPIRASI, None, Priority.DARURAT) is unit_wide  # first of equals
    assert choose_policy(policies, 9, Kind.ASPIRASI, None, Priority.SEDANG) is LAPOR_DEFAULT
    assert (LAPOR_DEFAULT.verify_working_days, LAPOR_DEFAULT.follow_up_working_days) == (3, 5)
    assert (LAPOR_DEFAULT.reporter_wait_working_days, LAPOR_DEFAULT.resolution_days) == (10, 60)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [({"verify_working_days": 0}, "at least one day"), ({"warn_at": 1.0}, "between 0 % and 100 %")],
)
def test_a_broken_policy_is_refused(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(BadInput, match=message):
        SlaPolicy(**arguments)  # type: ignore[arg-type]


def test_waiting_for_the_reporter_across_idul_fitri_pauses_the_clock() -> None:
    calendar = WorkingCalendar()
    events = [
        ClockEvent(at(16, 9), ClockChange.START),  # Monday 09.00: 420 minutes that day
        ClockEvent(at(17, 12), ClockChange.PAUSE),  # Tuesday 12.00 (+240): asked the reporter
        ClockEvent(at(26, 10), ClockChange.RESUME),  # Thursday after the holidays: the reporter answered
    ]
    state = clock_state(calendar, 3 * DAY, events, at(26, 14), LAPOR_DEFAULT.warn_at)
    assert state.used_minutes == 420 + 240 + 240  # the eight days off in between do not count
    assert state.phase is Phase.RUNNING  # 900 of 1,440 minutes: 62.5 %, before the 75 % warning
    # 540 minutes left from Thursday 14.00: 120 that day, 420 on Friday 27 → 15.00.
    assert state.due_at == at(27, 15)


def test_phases_from_running_to_warning_to_breached_then_missed() -> None:
    calendar = WorkingCalendar()
    start = [ClockEvent(at(2, 8), ClockChange.START)]  # Monday 2 March 08.00, no holidays that week
    assert clock_state(calendar, DAY, start, at(2, 13), 0.75).phase is Phase.RUNNING  # 300 of 480
    warned = clock_state(calendar, DAY, start, at(2, 15), 0.75)  # 420 of 480
    assert (warned.phase, warned.due_at) == (Phase.WARNING, at(2, 16))
    assert clock_state(calendar, DAY, start, at(2, 16), 0.75).phase is Phase.BREACHED  # the target itself
    breached = clock_state(calendar, DAY, start, at(3, 9), 0.75)
    assert (breached.phase, breached.used_minutes, breached.due_at) == (Phase.BREACHED, 540, None)
    stopped = [*start, ClockEvent(at(3, 10), ClockChange.STOP)]
    assert clock_state(calendar, DAY, stopped, at(5, 10), 0.75).phase is Phase.MISSED
    met = [*start, ClockEvent(at(2, 10), ClockChange.STOP)]
    assert clock_state(calendar, DAY, met, at(5, 10), 0.75).phase is Phase.MET


def test_a_transfer_restarts_or_keeps_the_clock() -> None:
    calendar = WorkingCalendar()
    start = ClockEvent(at(2, 8), ClockChange.START)
    restarted = clock_state(calendar, DAY, [start, ClockEvent(at(2, 14), ClockChange.RESTART)], at(2, 15), 0.75)
    kept = clock_state(calendar, DAY, [start], at(2, 15), 0.75)
    assert (restarted.used_minutes, kept.used_minutes) == (60, 420)
    assert restarted.due_at == at(3, 14)  # 420 left from Monday 15.00: 60 that day, 360 on Tuesday


def test_a_clock_not_started_is_not_running() -> None:
    state = clock_state(WorkingCalendar(), DAY, [ClockEvent(at(5, 8), ClockChange.START)], at(2, 8), 0.75)
    assert (state.phase, state.used_minutes, state.due_at) == (Phase.PAUSED, 0, None)


changes = st.lists(st.tuples(st.integers(0, 30 * 24 * 60), st.sampled_from(list(ClockChange))), min_size=1, max_size=8)


@settings(max_examples=120, deadline=None)
@given(calendar=calendars, origin=moments, steps=changes, tail=st.integers(0, 10 * 24 * 60))
def test_used_minutes_agree_with_the_reference_over_running_intervals(
    calendar: WorkingCalendar, origin: datetime, steps: list[tuple[int, ClockChange]], tail: int
) -> None:
    events = [ClockEvent(origin, ClockChange.START)]
    for offset, change in sorted(steps, key=lambda step: step[0]):
        events.append(ClockEvent(origin + timedelta(minutes=offset), change))
    now = events[-1].at + timedelta(minutes=tail)
    # The reference: replay the events naively, summing the reference's minutes over running spans.
    used, since, stopped = 0, None, False
    for event in events:
        if event.change is ClockChange.RESTART:
            used, since, stopped = 0, event.at, False
        elif event.change in (ClockChange.START, ClockChange.RESUME) and since is None and not stopped:
            since = event.at
        elif event.change in (ClockChange.PAUSE, ClockChange.STOP) and since is not None:
            used += reference_minutes(calendar, since, event.at)
            since = None
        stopped = stopped or event.change is ClockChange.STOP
    if since is not None:
        used += reference_minutes(calendar, since, now)
    state = clock_state(calendar, 5 * calendar.minutes_per_day, events, now, 0.75)
    assert state.used_minutes == used
    if state.due_at is not None:  # running and not breached: the due moment is exactly what is left
        assert reference_minutes(calendar, now, state.due_at) == state.left_minutes
