"""The deadline clocks of demo reports (``sla_clock``: ``domain/clocks.py``, ``store/sla.py``), made from
each report's own history so that the service levels (``reports/figures.service_levels``) have something
to count: the response clock stops at the unit's first answer, the resolution clock when the report was
finished; a report still open has them running.

Working minutes are counted on the unit's calendar by ``timeline.WorkTime``, as the store counts them.
An open report's running clocks are set to fall due when the deadlines the generator gave the report fall
due (``first_response_due_at``, ``due_at``: banded around "now" so that every demo shows the same mix of
urgency), so that the inbox and the statistics agree on which reports are late. Where a report is older
than its resolution target, its clock is read as restarted (as after a transfer to a unit whose policy
restarts it) rather than as started on receipt: a clock cannot have used less than the time since it began.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from ..domain.calendar import WorkingCalendar, add_working_minutes, working_minutes_between
from ..domain.clocks import ClockName, Rules, target_minutes
from ..domain.sla import SlaPolicy
from ..domain.status import Status
from ..domain.vocabulary import Kind, Priority
from .timeline import WorkTime

_MINUTE = timedelta(minutes=1)


class DemoClocks:
    """Makes the response and resolution clock rows of demo reports; times are milliseconds from ``start``."""

    def __init__(self, rules: Rules, start: datetime, now: datetime, change_seq: int) -> None:
        self.rules = rules
        self.start = start
        self.now = now
        self.change_seq = change_seq
        self.days = (now - start).days + 400  # running clocks fall due up to a year after now
        self.work: dict[int, WorkTime | None] = {}  # per unit; None: its zone changes offset (slow path)
        self.calendars: dict[int, WorkingCalendar] = {}
        self.policies: dict[tuple[int, str, str | None, int], SlaPolicy] = {}
        self.made = 0

    def _calendar(self, unit_id: int) -> tuple[WorkingCalendar, WorkTime | None]:
        if unit_id not in self.calendars:
            calendar = self.calendars[unit_id] = self.rules.calendar_for(unit_id)
            work = WorkTime(calendar, self.start, self.days)
            self.work[unit_id] = work if work.fits else None
        return self.calendars[unit_id], self.work[unit_id]

    def _policy(self, unit_id: int, kind: str, category: str | None, priority: int) -> SlaPolicy:
        key = (unit_id, kind, category, priority)
        if key not in self.policies:
            self.policies[key] = self.rules.policy_for(unit_id, Kind(kind), category, Priority(priority))
        return self.policies[key]

    def at(self, offset_ms: int) -> datetime:
        return self.start + timedelta(milliseconds=offset_ms)

    def rows(
        self,
        ticket_id: UUID,
        ticket_row: dict[str, Any],
        status: Status,
        created: int,
        answered: int | None,
        last: int,
    ) -> list[dict[str, Any]]:
        """``created``, ``answered`` (the unit's first answer, if any) and ``last`` (the last message) in
        milliseconds from ``start``; ``ticket_row`` the ticket's row, with its two deadlines."""
        unit_id = int(ticket_row["unit_id"])
        calendar, work = self._calendar(unit_id)
        policy = self._policy(unit_id, ticket_row["kind"], ticket_row["category"], int(ticket_row["priority"]))
        warn = round(policy.warn_at * 100)
        response_target = target_minutes(ClockName.RESPONSE, policy, calendar)
        resolution_target = target_minutes(ClockName.RESOLUTION, policy, calendar)
        created_at = self.at(created)

        stop = answered if answered is not None else (last if status.is_closed else None)
        if stop is not None:
            used = self._working_minutes(calendar, work, created, self.at(stop))
            response = self._row(ticket_id, ClockName.RESPONSE, response_target, used, None, self.at(stop), None, warn)
        else:
            left = self._working_minutes(calendar, work, created, ticket_row["first_response_due_at"])
            used = max(response_target - left, 0)
            due = self._after(calendar, work, created_at, response_target - used)
            response = self._row(ticket_id, ClockName.RESPONSE, response_target, used, created_at, None, due, warn)

        if status.is_closed:
            used = (last - created) // 60_000
            resolution = self._row(
                ticket_id, ClockName.RESOLUTION, resolution_target, used, None, self.at(last), None, warn
            )
        elif status is Status.MENUNGGU_PELAPOR:  # paused while the reporter is asked; due_at kept as it was
            left = int((ticket_row["due_at"] - self.at(last)) / _MINUTE)
            used = min(max(resolution_target - left, 0), (last - created) // 60_000)
            resolution = self._row(ticket_id, ClockName.RESOLUTION, resolution_target, used, None, None, None, warn)
        else:
            due_at: datetime = ticket_row["due_at"]
            since = min(max(created_at, due_at - resolution_target * _MINUTE), self.now)
            used = max(resolution_target - int((due_at - since) / _MINUTE), 0)
            due = since + (resolution_target - used) * _MINUTE
            resolution = self._row(ticket_id, ClockName.RESOLUTION, resolution_target, used, since, None, due, warn)
        self.made += 2
        return [response, resolution]

    def _working_minutes(self, calendar: WorkingCalendar, work: WorkTime | None, created: int, end: datetime) -> int:
        if work is None:
            return working_minutes_between(calendar, self.at(created), end)
        return work.minutes_between(created * 1000, _us(end - self.start))

    def _after(self, calendar: WorkingCalendar, work: WorkTime | None, begin: datetime, minutes: int) -> datetime:
        if work is None:
            return add_working_minutes(calendar, begin, minutes)
        return self.start + timedelta(microseconds=work.after(_us(begin - self.start), minutes))

    def _row(
        self,
        ticket_id: UUID,
        name: ClockName,
        target: int,
        used: int,
        running_since: datetime | None,
        stopped_at: datetime | None,
        due_at: datetime | None,
        warn: int,
    ) -> dict[str, Any]:
        return {
            "ticket_id": ticket_id,
            "clock": name.value,
            "target_minutes": target,
            "used_minutes": used,
            "running_since": running_since,
            "stopped_at": stopped_at,
            "due_at": due_at,
            "warn_percent": warn,
            "offline_minutes": 0,
            "escalated_at": None,
            "change_seq": self.change_seq,
        }


def _us(delta: timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
