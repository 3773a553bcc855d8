"""A ticket's clocks as running totals: folding changes one at a time gives what the whole history gives,
status changes move the right clocks, and the rules pick a unit's calendar by inheritance."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.calendar import WIB, WITA, WorkingCalendar
from desktop.domain.clocks import (
    CREATED,
    DEFAULT_CALENDAR,
    ROUND_THE_CLOCK,
    ClockName,
    ClockRecord,
    Rules,
    moved,
    on_status,
    on_transfer,
)
from desktop.domain.sla import LAPOR_DEFAULT, ClockChange, ClockEvent, Phase, SlaPolicy, clock_state
from desktop.domain.status import Status
from tests.unit.calendars import DAY, at, calendars, moments, reference_minutes, utc

changes = st.lists(st.tuples(st.integers(0, 30 * 24 * 60), st.sampled_from(list(ClockChange))), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(
    calendar=calendars,
    origin=moments,
    steps=changes,
    tail=st.integers(0, 10 * 24 * 60),
    target_days=st.integers(1, 6),
    warn=st.integers(1, 99),
)
def test_folding_changes_into_a_record_agrees_with_the_whole_history(
    calendar: WorkingCalendar,
    origin: datetime,
    steps: list[tuple[int, ClockChange]],
    tail: int,
    target_days: int,
    warn: int,
) -> None:
    events = [ClockEvent(origin, ClockChange.START)]
    events += [ClockEvent(origin + timedelta(minutes=m), c) for m, c in sorted(steps, key=lambda step: step[0])]
    now = events[-1].at + timedelta(minutes=tail)
    target = target_days * calendar.minutes_per_day
    record = ClockRecord(target, warn_percent=warn)
    for event in events:
        record = record.change(calendar, event.change, event.at)
    folded = record.state(calendar, now)
    whole = clock_state(calendar, target, events, now, warn / 100)
    assert (folded.phase, folded.used_minutes, folded.due_at) == (whole.phase, whole.used_minutes, whole.due_at)
    if record.running_since is not None and folded.due_at is not None:
        # The due moment kept on the record is the one computed at any later moment before it.
        assert record.due_at(calendar) == folded.due_at
        assert reference_minutes(calendar, now, folded.due_at) == folded.left_minutes


def test_a_report_verified_in_time_then_waiting_for_the_reporter_across_idul_fitri() -> None:
    calendar = WorkingCalendar()
    policy = LAPOR_DEFAULT
    assert moved({}, on_status(Status.DITERIMA, Status.DITUNDA), policy, calendar, at(16, 9)) == {}
    records = moved({}, CREATED, policy, calendar, at(16, 9))  # received Monday 16 March 09.00
    records = moved(records, on_status(Status.DITERIMA, Status.DIVERIFIKASI), policy, calendar, at(17, 9))
    response = records[ClockName.RESPONSE].state(calendar, at(30, 9))
    assert (response.phase, response.used_minutes) == (Phase.MET, 420 + 60)
    follow_up = records[ClockName.FOLLOW_UP].state(calendar, at(17, 10))
    assert (follow_up.phase, follow_up.used_minutes) == (Phase.RUNNING, 60)
    records = moved(records, on_status(Status.DIVERIFIKASI, Status.DITINDAKLANJUTI), policy, calendar, at(17, 11))
    records = moved(records, on_status(Status.DITINDAKLANJUTI, Status.MENUNGGU_PELAPOR), policy, calendar, at(17, 12))
    assert records[ClockName.RESOLUTION].state(ROUND_THE_CLOCK, at(30, 12)).phase is Phase.PAUSED
    wait = records[ClockName.REPORTER_WAIT]
    # Ten working days from Tuesday 17 March 12.00 skip Idul Fitri, its cuti bersama and the weekends.
    assert wait.due_at(calendar) == utc(datetime(2026, 4, 8, 12), WIB)
    assert wait.state(calendar, utc(datetime(2026, 4, 8, 12), WIB)).phase is Phase.BREACHED
    assert wait.state(calendar, utc(datetime(2026, 4, 8, 11, 59), WIB)).phase is Phase.WARNING


def test_the_reporter_answering_resumes_the_resolution_clock_and_closing_stops_all() -> None:
    assert on_status(Status.MENUNGGU_PELAPOR, Status.DITINDAKLANJUTI) == (
        (ClockName.REPORTER_WAIT, ClockChange.STOP),
        (ClockName.RESOLUTION, ClockChange.RESUME),
    )
    assert {change for _name, change in on_status(Status.DITINDAKLANJUTI, Status.SELESAI)} == {ClockChange.STOP}
    assert on_status(Status.DITERIMA, Status.DITUNDA) == ()  # on hold: the unit's clocks keep running
    assert on_status(Status.DIARSIPKAN, Status.DITERIMA)[0] == (ClockName.RESPONSE, ClockChange.RESTART)


def test_a_transfer_restarts_only_when_the_policy_says_so() -> None:
    assert on_transfer(LAPOR_DEFAULT) == ()
    restarting = on_transfer(SlaPolicy(restart_on_transfer=True))
    assert (ClockName.RESPONSE, ClockChange.RESTART) in restarting
    assert (ClockName.RESOLUTION, ClockChange.RESTART) in restarting


def test_a_stopped_clock_ignores_everything_but_a_restart() -> None:
    calendar = WorkingCalendar()
    record = ClockRecord(DAY).change(calendar, ClockChange.START, at(2, 8)).change(calendar, ClockChange.STOP, at(2, 9))
    assert record.change(calendar, ClockChange.RESUME, at(2, 10)) == record
    assert record.change(calendar, ClockChange.RESTART, at(2, 10)).running_since == at(2, 10)


def test_a_unit_works_by_its_own_calendar_its_nearest_ancestors_or_the_global_one() -> None:
    regional = WorkingCalendar(timezone=WITA)
    own = WorkingCalendar(extra_days_off={date(2026, 5, 4): "HUT Kota"})
    parents = {1: None, 2: 1, 3: 2, 4: None}
    rules = Rules({2: regional, 4: own}, parents, ())
    assert rules.calendar_for(3) is regional  # a sub-unit inherits
    assert rules.calendar_for(4) is own
    assert rules.calendar_for(1) is DEFAULT_CALENDAR
    global_calendar = WorkingCalendar(start_minute=7 * 60)
    assert Rules({None: global_calendar}, parents, ()).calendar_for(1) is global_calendar
    # A unit tree with a loop (a broken row) does not hang the lookup.
    assert Rules({}, {5: 6, 6: 5}, ()).calendar_for(5) is DEFAULT_CALENDAR
