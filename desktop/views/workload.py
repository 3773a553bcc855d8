"""Each officer's open load and overdue count in the units a supervisor runs, from the cache.

A supervisor's cache mirrors every ticket of their units and the units below them, and the whole directory
(officers, memberships), so the load of each officer of those units can be counted here, offline too. An
officer's load is the open reports they hold (a lapsed lease included, as in "Mine": nobody took it yet);
assignments and claims still queued on this workstation count already, for whom they will land on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, case, func, select

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.officer import me, postable_unit_ids
from ..cache.overlay import seen
from ..cache.state import server_time
from ..domain.status import CLOSED

_OPEN = s.ticket.c.status.not_in([x.value for x in CLOSED])


@dataclass(frozen=True, slots=True)
class OfficerLoad:
    officer_id: int
    login: str  # to assign with; never shown
    name: str
    units: tuple[str, ...]  # the names of the units (of mine) they are an officer of
    open: int
    overdue: int


@dataclass(frozen=True, slots=True)
class HeldReport:
    ticket_id: UUID
    tracking_no: str
    subject: str
    unit: str  # the unit's name
    due_at: datetime | None
    overdue: bool


def supervised_unit_ids(conn: Connection) -> frozenset[int]:
    """The units whose load I see: my units and those below them (a supervisor), every unit (an admin)."""
    return postable_unit_ids(conn)


def workload(
    conn: Connection, now: datetime | None = None, unit_ids: frozenset[int] | None = None
) -> list[OfficerLoad]:
    """The active officers of ``unit_ids`` (default: the units I supervise) with their open and overdue
    reports in those units, by name. ``now``: naive UTC (default: the server's clock as last measured)."""
    now = now or server_time(conn)
    units = supervised_unit_ids(conn) if unit_ids is None else unit_ids
    if not units:
        return []
    unit_names = {int(i): str(n) for i, n in conn.execute(select(s.unit.c.id, s.unit.c.name))}
    members = conn.execute(
        select(s.officer.c.id, s.officer.c.login, s.officer.c.name, s.membership.c.unit_id)
        .join(s.membership, s.membership.c.officer_id == s.officer.c.id)
        .where(s.officer.c.active.is_(True), s.membership.c.unit_id.in_(units))
    ).all()
    opened, late = _held(conn, units, now)
    people: dict[int, tuple[str, str, list[str]]] = {}
    for officer_id, login, name, unit_id in members:
        people.setdefault(int(officer_id), (str(login), str(name), []))[2].append(str(unit_names[unit_id]))
    loads = [
        OfficerLoad(
            officer_id=officer_id,
            login=login,
            name=name,
            units=tuple(sorted(names)),
            open=max(opened[officer_id], 0),
            overdue=max(late[officer_id], 0),
        )
        for officer_id, (login, name, names) in people.items()
    ]
    return sorted(loads, key=lambda load: (load.name.casefold(), load.officer_id))


def _held(conn: Connection, units: frozenset[int], now: datetime) -> tuple[Counter[int], Counter[int]]:
    """Open and overdue reports per holder: the mirror's counts, corrected by the claims queued here."""
    overdue = case((s.ticket.c.due_at < now, 1), else_=0)
    counted = conn.execute(
        select(s.ticket.c.claimed_by, func.count(), func.coalesce(func.sum(overdue), 0))
        .where(_OPEN, s.ticket.c.unit_id.in_(units), s.ticket.c.claimed_by.is_not(None))
        .group_by(s.ticket.c.claimed_by)
    ).all()
    opened: Counter[int] = Counter({int(holder): int(n) for holder, n, _late in counted})
    late: Counter[int] = Counter({int(holder): int(n) for holder, _n, n in counted})
    for row in _queued_changes(conn, units):
        was_late = int(row.due_at is not None and row.due_at < now)
        new_holder = _queued_holder(conn, row)
        if new_holder == row.claimed_by:
            continue
        if row.claimed_by is not None:
            opened[int(row.claimed_by)] -= 1
            late[int(row.claimed_by)] -= was_late
        if new_holder is not None:
            opened[new_holder] += 1
            late[new_holder] += was_late
    return opened, late


def _queued_changes(conn: Connection, units: frozenset[int]) -> list[Any]:
    """Open mirrored tickets of ``units`` whose holder a queued claim, release or assignment changes."""
    return list(
        conn.execute(
            select(
                s.ticket.c.claimed_by,
                s.ticket.c.due_at,
                s.local_ticket.c.claimed,
                s.local_ticket.c.assigned_to,
            )
            .join(s.local_ticket, s.local_ticket.c.ticket_id == s.ticket.c.id)
            .where(_OPEN, s.ticket.c.unit_id.in_(units))
            .where((s.local_ticket.c.claimed.is_not(None)) | (s.local_ticket.c.assigned_to.is_not(None)))
        )
    )


def _queued_holder(conn: Connection, row: Any) -> int | None:
    if row.assigned_to is not None:
        return int(row.assigned_to)
    if row.claimed is True:
        return me(conn)
    return None


def held_reports(conn: Connection, officer_id: int, now: datetime | None = None) -> list[HeldReport]:
    """The open reports ``officer_id`` holds in the units I supervise, most urgent first (overdue, then by
    deadline): what a supervisor picks from to rebalance. As the mirror has them (queued changes aside)."""
    now = now or server_time(conn)
    units = supervised_unit_ids(conn)
    rows = conn.execute(
        select(s.ticket.c.id, s.ticket.c.tracking_no, s.ticket.c.subject, s.unit.c.name, s.ticket.c.due_at)
        .join(s.unit, s.unit.c.id == s.ticket.c.unit_id)
        .where(_OPEN, s.ticket.c.claimed_by == officer_id, s.ticket.c.unit_id.in_(units))
        .order_by(s.ticket.c.due_at.is_(None), s.ticket.c.due_at, s.ticket.c.id)
    ).all()
    return [
        HeldReport(
            ticket_id=UUID(str(ticket_id)),
            tracking_no=str(tracking_no),
            subject=str(subject or ""),
            unit=str(unit_name),
            due_at=due_at,
            overdue=due_at is not None and due_at < now,
        )
        for ticket_id, tracking_no, subject, unit_name, due_at in rows
    ]


@dataclass(frozen=True, slots=True)
class AssignTarget:
    """A report to assign, and whom it may go to."""

    ticket_id: UUID
    tracking_no: str | None  # None: recorded here, not numbered by the server yet
    unit: str  # the unit's name
    officer_ids: frozenset[int]  # the active officers of its unit
    closed: bool


@dataclass(frozen=True, slots=True)
class AssignChoices:
    officers: list[OfficerLoad]  # the active officers of the reports' units (within mine), with their load
    targets: list[AssignTarget]


def assign_choices(conn: Connection, ticket_ids: list[UUID], now: datetime | None = None) -> AssignChoices:
    """What the assign dialog offers for ``ticket_ids``: an officer of one report's unit only is offered too,
    and the reports they may not take are told per report."""
    targets = []
    units: set[int] = set()
    for ticket_id in ticket_ids:
        view = seen(conn, ticket_id)
        unit = conn.execute(select(s.unit.c.id, s.unit.c.name).where(s.unit.c.code == view.unit_code)).first()
        unit_id = None if unit is None else int(unit.id)
        if unit_id is not None:
            units.add(unit_id)
        members = select(s.membership.c.officer_id).join(s.officer, s.officer.c.id == s.membership.c.officer_id)
        officer_ids = conn.execute(members.where(s.membership.c.unit_id == unit_id, s.officer.c.active.is_(True)))
        targets.append(
            AssignTarget(
                ticket_id=ticket_id,
                tracking_no=view.tracking_no,
                unit=view.unit_code if unit is None else str(unit.name),
                officer_ids=frozenset(int(i) for i in officer_ids.scalars()),
                closed=view.status.is_closed,
            )
        )
    return AssignChoices(workload(conn, now, frozenset(units) & supervised_unit_ids(conn)), targets)


def load_workload(cache: Cache) -> list[OfficerLoad]:
    with cache.read() as conn:
        return workload(conn)


def load_held_reports(cache: Cache, officer_id: int) -> list[HeldReport]:
    with cache.read() as conn:
        return held_reports(conn, officer_id)


def load_assign_choices(cache: Cache, ticket_ids: list[UUID]) -> AssignChoices:
    with cache.read() as conn:
        return assign_choices(conn, ticket_ids)
