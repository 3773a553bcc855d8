"""Service-level clocks: which policy applies to a ticket, and how far each of its clocks has run.

A clock runs in working minutes of the unit's calendar (``calendar.py``) and only while it is running:
it pauses while the unit waits for the reporter and resumes when they answer; a transfer keeps the clock
or restarts it, as the policy says. The defaults are SP4N-LAPOR!'s: verify within 3 working days, follow
up within 5, close as finished when the reporter stays silent 10 working days after the follow-up;
resolve within 60 (calendar) days. A warning comes at 75 % of the target, the breach at 100 %.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .calendar import WorkingCalendar, add_working_minutes, working_minutes_between
from .errors import BadInput
from .vocabulary import Kind, Priority


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    # What the policy applies to; None matches anything.
    unit_id: int | None = None
    kind: Kind | None = None
    category: str | None = None
    priority: Priority | None = None
    # Targets.
    verify_working_days: int = 3
    follow_up_working_days: int = 5
    reporter_wait_working_days: int = 10
    resolution_days: int = 60
    warn_at: float = 0.75
    restart_on_transfer: bool = False

    def __post_init__(self) -> None:
        days = (self.verify_working_days, self.follow_up_working_days, self.reporter_wait_working_days)
        if min(days) < 1 or self.resolution_days < 1:
            raise BadInput("every service-level target must be at least one day")
        if not 0 < self.warn_at < 1:
            raise BadInput("the warning must come between 0 % and 100 % of the target")

    def matches(self, unit_id: int, kind: Kind, category: str | None, priority: Priority) -> bool:
        return all(
            wanted is None or wanted == actual
            for wanted, actual in (
                (self.unit_id, unit_id),
                (self.kind, kind),
                (self.category, category),
                (self.priority, priority),
            )
        )

    @property
    def specificity(self) -> int:
        return sum(value is not None for value in (self.unit_id, self.kind, self.category, self.priority))


LAPOR_DEFAULT = SlaPolicy()


def choose_policy(
    policies: Iterable[SlaPolicy], unit_id: int, kind: Kind, category: str | None, priority: Priority
) -> SlaPolicy:
    """The most specific matching policy (the first of equals), or SP4N-LAPOR!'s defaults."""
    best: SlaPolicy | None = None
    for policy in policies:
        if policy.matches(unit_id, kind, category, priority) and (
            best is None or policy.specificity > best.specificity
        ):
            best = policy
    return best or LAPOR_DEFAULT


class ClockChange(StrEnum):
    START = "start"
    PAUSE = "pause"  # waiting for the reporter
    RESUME = "resume"
    RESTART = "restart"  # a transfer under a policy that restarts the clock
    STOP = "stop"  # the target was met (answered, resolved)


@dataclass(frozen=True, slots=True)
class ClockEvent:
    at: datetime  # naive UTC
    change: ClockChange


class Phase(StrEnum):
    RUNNING = "running"
    WARNING = "warning"  # past the policy's warning share of the target
    BREACHED = "breached"
    PAUSED = "paused"
    MET = "met"  # stopped before the target
    MISSED = "missed"  # stopped after it


@dataclass(frozen=True, slots=True)
class ClockState:
    phase: Phase
    used_minutes: int  # working minutes the clock has run
    target_minutes: int
    due_at: datetime | None  # when it breaches if it keeps running from now; None once stopped or paused

    @property
    def left_minutes(self) -> int:
        return self.target_minutes - self.used_minutes


def clock_state(
    calendar: WorkingCalendar, target_minutes: int, events: Sequence[ClockEvent], now: datetime, warn_at: float
) -> ClockState:
    """Where a clock stands at ``now``, from its events in time order (later events than ``now`` ignored)."""
    used = 0
    running_since: datetime | None = None
    stopped = False
    for event in events:
        if event.at > now:
            break
        if event.change is ClockChange.RESTART:
            used, running_since, stopped = 0, event.at, False
        elif event.change in (ClockChange.START, ClockChange.RESUME) and running_since is None and not stopped:
            running_since = event.at
        elif event.change in (ClockChange.PAUSE, ClockChange.STOP) and running_since is not None:
            used += working_minutes_between(calendar, running_since, event.at)
            running_since = None
        if event.change is ClockChange.STOP:
            stopped = True
    if running_since is not None:
        used += working_minutes_between(calendar, running_since, now)
    if stopped:
        phase = Phase.MET if used <= target_minutes else Phase.MISSED
        return ClockState(phase, used, target_minutes, None)
    if running_since is None:  # paused, or not started yet
        return ClockState(Phase.PAUSED, used, target_minutes, None)
    if used >= target_minutes:
        phase = Phase.BREACHED
    elif used >= warn_at * target_minutes:
        phase = Phase.WARNING
    else:
        phase = Phase.RUNNING
    due = add_working_minutes(calendar, now, target_minutes - used) if used < target_minutes else None
    return ClockState(phase, used, target_minutes, due)
