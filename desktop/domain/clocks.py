"""A ticket's four service-level clocks, kept as running totals, and what moves them.

``sla.clock_state`` reads a clock from its whole event history; a store keeps instead one record per clock
(minutes used so far, running since when, stopped when) and folds each change into it, so that a client
can show a countdown offline from the record and its unit's calendar alone. Folding the events one by one
gives exactly what ``clock_state`` gives for the whole history (a test checks it).

The clocks follow SP4N-LAPOR!:
- response: from receipt until the report is verified (or first answered): 3 working days;
- follow_up: from verification until it is followed up: 5 working days;
- reporter_wait: while waiting for the reporter; when it runs out the report is closed as finished;
- resolution: from receipt until finished: 60 calendar days, paused while waiting for the reporter.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from .calendar import WorkingCalendar, add_working_minutes, working_minutes_between
from .sla import ClockChange, ClockState, Phase, SlaPolicy, choose_policy
from .status import Status
from .vocabulary import Kind, Priority

# Resolution is counted in calendar days: every minute of every day is "working" time.
ROUND_THE_CLOCK = WorkingCalendar(
    timezone="UTC", start_minute=0, end_minute=24 * 60, weekend=frozenset(), national_holidays=False
)


class ClockName(StrEnum):
    RESPONSE = "response"
    FOLLOW_UP = "follow_up"
    REPORTER_WAIT = "reporter_wait"
    RESOLUTION = "resolution"

    @property
    def escalates(self) -> bool:
        """A breach the supervisor must hear of; running out of the reporter's time closes the report."""
        return self is not ClockName.REPORTER_WAIT


def clock_calendar(name: ClockName, unit_calendar: WorkingCalendar) -> WorkingCalendar:
    return ROUND_THE_CLOCK if name is ClockName.RESOLUTION else unit_calendar


def target_minutes(name: ClockName, policy: SlaPolicy, unit_calendar: WorkingCalendar) -> int:
    days = {
        ClockName.RESPONSE: policy.verify_working_days,
        ClockName.FOLLOW_UP: policy.follow_up_working_days,
        ClockName.REPORTER_WAIT: policy.reporter_wait_working_days,
        ClockName.RESOLUTION: policy.resolution_days,
    }[name]
    return days * clock_calendar(name, unit_calendar).minutes_per_day


@dataclass(frozen=True, slots=True)
class ClockRecord:
    target_minutes: int
    used_minutes: int = 0
    running_since: datetime | None = None  # naive UTC; None while paused, stopped or not started
    stopped_at: datetime | None = None
    warn_percent: int = 75

    def change(self, calendar: WorkingCalendar, change: ClockChange, at: datetime) -> ClockRecord:
        """The record after ``change`` at ``at`` (the same rules as ``sla.clock_state``)."""
        if change is ClockChange.RESTART:
            return replace(self, used_minutes=0, running_since=at, stopped_at=None)
        if self.stopped_at is not None:
            return self
        if change in (ClockChange.START, ClockChange.RESUME):
            return self if self.running_since is not None else replace(self, running_since=at)
        used = self.used_minutes
        if self.running_since is not None:
            used += working_minutes_between(calendar, self.running_since, at)
        stopped = at if change is ClockChange.STOP else None
        return replace(self, used_minutes=used, running_since=None, stopped_at=stopped)

    def state(self, calendar: WorkingCalendar, now: datetime) -> ClockState:
        used = self.used_minutes
        if self.running_since is not None:
            used += working_minutes_between(calendar, self.running_since, now)
        if self.stopped_at is not None:
            phase = Phase.MET if used <= self.target_minutes else Phase.MISSED
            return ClockState(phase, used, self.target_minutes, None)
        if self.running_since is None:
            return ClockState(Phase.PAUSED, used, self.target_minutes, None)
        if used >= self.target_minutes:
            return ClockState(Phase.BREACHED, used, self.target_minutes, None)
        phase = Phase.WARNING if used * 100 >= self.warn_percent * self.target_minutes else Phase.RUNNING
        return ClockState(
            phase, used, self.target_minutes, add_working_minutes(calendar, now, self.target_minutes - used)
        )

    def due_at(self, calendar: WorkingCalendar) -> datetime | None:
        """When a running clock breaches (it may be in the past); None while it does not run."""
        if self.running_since is None:
            return None
        return add_working_minutes(calendar, self.running_since, max(self.target_minutes - self.used_minutes, 0))


def fresh_record(name: ClockName, policy: SlaPolicy, unit_calendar: WorkingCalendar) -> ClockRecord:
    return ClockRecord(target_minutes(name, policy, unit_calendar), warn_percent=round(policy.warn_at * 100))


def moved(
    records: dict[ClockName, ClockRecord],
    changes: tuple[tuple[ClockName, ClockChange], ...],
    policy: SlaPolicy,
    unit_calendar: WorkingCalendar,
    at: datetime,
) -> dict[ClockName, ClockRecord]:
    """The clocks after ``changes`` at ``at``; a clock that never ran is started by START or RESTART only."""
    result = dict(records)
    for name, change in changes:
        record = result.get(name)
        if record is None:
            if change not in (ClockChange.START, ClockChange.RESTART):
                continue
            record = fresh_record(name, policy, unit_calendar)
        result[name] = record.change(clock_calendar(name, unit_calendar), change, at)
    return result


CREATED: tuple[tuple[ClockName, ClockChange], ...] = (
    (ClockName.RESPONSE, ClockChange.START),
    (ClockName.RESOLUTION, ClockChange.START),
)
ANSWERED: tuple[tuple[ClockName, ClockChange], ...] = ((ClockName.RESPONSE, ClockChange.STOP),)
_ALL_STOP = tuple((name, ClockChange.STOP) for name in ClockName)


def on_status(old: Status, new: Status) -> tuple[tuple[ClockName, ClockChange], ...]:
    """The clock changes a status change makes, in order."""
    if new.is_closed:
        return _ALL_STOP
    if new is Status.DIVERIFIKASI:
        return ((ClockName.RESPONSE, ClockChange.STOP), (ClockName.FOLLOW_UP, ClockChange.START))
    if new is Status.DITINDAKLANJUTI:
        if old is Status.MENUNGGU_PELAPOR:  # the reporter answered
            return ((ClockName.REPORTER_WAIT, ClockChange.STOP), (ClockName.RESOLUTION, ClockChange.RESUME))
        if old.is_closed:  # reopened: the work starts over
            return ((ClockName.FOLLOW_UP, ClockChange.RESTART), (ClockName.RESOLUTION, ClockChange.RESTART))
        return ((ClockName.RESPONSE, ClockChange.STOP), (ClockName.FOLLOW_UP, ClockChange.STOP))
    if new is Status.MENUNGGU_PELAPOR:
        return ((ClockName.REPORTER_WAIT, ClockChange.RESTART), (ClockName.RESOLUTION, ClockChange.PAUSE))
    if new is Status.DITERIMA and old.is_closed:  # an archived report received anew
        return ((ClockName.RESPONSE, ClockChange.RESTART), (ClockName.RESOLUTION, ClockChange.RESTART))
    return ()  # on hold or not this unit's authority: the unit's clocks keep running


def on_transfer(policy: SlaPolicy) -> tuple[tuple[ClockName, ClockChange], ...]:
    """A transfer keeps the clocks, or restarts the receiving unit's response and resolution clocks."""
    if not policy.restart_on_transfer:
        return ()
    return (
        (ClockName.RESPONSE, ClockChange.RESTART),
        (ClockName.FOLLOW_UP, ClockChange.STOP),
        (ClockName.RESOLUTION, ClockChange.RESTART),
    )


@dataclass(frozen=True, slots=True)
class Rules:
    """The working calendars and service-level policies in force, as a client or the store reads them.

    A unit without a calendar of its own works by its nearest ancestor's, then by the global one (the row
    without a unit), then by the default (WIB, 08.00-16.00, Saturday and Sunday off, national holidays).
    """

    calendars: dict[int | None, WorkingCalendar]
    parents: dict[int, int | None]
    policies: tuple[SlaPolicy, ...]

    def calendar_for(self, unit_id: int) -> WorkingCalendar:
        seen: set[int] = set()
        current: int | None = unit_id
        while current is not None and current not in seen:
            if current in self.calendars:
                return self.calendars[current]
            seen.add(current)
            current = self.parents.get(current)
        return self.agency_calendar

    @property
    def agency_calendar(self) -> WorkingCalendar:
        """The calendar of every unit without one of its own: the global row, else the default."""
        return self.calendars.get(None) or DEFAULT_CALENDAR

    def policy_for(self, unit_id: int, kind: Kind, category: str | None, priority: Priority) -> SlaPolicy:
        return choose_policy(self.policies, unit_id, kind, category, priority)


DEFAULT_CALENDAR = WorkingCalendar()
