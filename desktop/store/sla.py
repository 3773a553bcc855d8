"""Service-level rules and clocks in the central store.

Calendars and policies are rows (admins for any unit and the global defaults, supervisors for their own
units); clients mirror them whole (``feed.directory``) and read them with the same ``read_rules`` as the
store does here, so a countdown computed offline is the one the store computes.

Each ticket's clocks (``domain/clocks.py``) are kept as running totals in ``sla_clock``, moved inside the
transaction of the operation that moves them: receipt, an answer, a status change, a transfer. The ticket's
``first_response_due_at`` (the next answer due: verification or follow-up; none when no answer is due)
and ``due_at`` (the resolution deadline, the ``{tenggat}`` promised to the citizen; kept as it was while
the clock is paused or stopped) are copied from them, for the inbox's sort, the Due view and "take the
next one".

Work that waited offline is stopped at the moment the store receives it, and the working minutes it waited
are recorded on the clock, so that a breach can be attributed fairly. ``sweep`` (run by the intake worker
or ``aduan sla sweep``) escalates breaches to the unit's supervisors and closes as finished the reports
whose reporter stayed silent too long.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple
from uuid import UUID

from sqlalchemy import Connection, Table, and_, delete, func, insert, select, update

from ..domain.calendar import WorkingCalendar, working_minutes_between
from ..domain.clocks import (
    ANSWERED,
    CREATED,
    ClockName,
    ClockRecord,
    Rules,
    clock_calendar,
    fresh_record,
    on_status,
    on_transfer,
    target_minutes,
)
from ..domain.errors import BadInput, NotFound, NotPermitted
from ..domain.sla import ClockChange, Phase, SlaPolicy
from ..domain.status import CLOSED, Status
from ..domain.vocabulary import Kind, Priority, Role
from .claims import released
from .identity import unit_id_by_code
from .schema import calendar, calendar_day_off, membership, officer, sla_clock, sla_policy, ticket, unit
from .work import Work

Change = tuple[ClockName, ClockChange]


class RuleTables(NamedTuple):
    """Where the rules are: the central tables, or a client's mirror of them (same column names)."""

    unit: Table
    calendar: Table
    day_off: Table
    policy: Table


CENTRAL = RuleTables(unit, calendar, calendar_day_off, sla_policy)


def read_rules(conn: Connection, tables: RuleTables = CENTRAL) -> Rules:
    days_off: dict[int, dict[date, str]] = {}
    for row in conn.execute(select(tables.day_off)):
        days_off.setdefault(row.calendar_id, {})[row.day] = row.name
    calendars = {
        row.unit_id: calendar_from_row(row, days_off.get(row.id, {})) for row in conn.execute(select(tables.calendar))
    }
    parents = {row.id: row.parent_id for row in conn.execute(select(tables.unit.c.id, tables.unit.c.parent_id))}
    policies = tuple(policy_from_row(row) for row in conn.execute(select(tables.policy).order_by(tables.policy.c.id)))
    return Rules(calendars, parents, policies)


def calendar_from_row(row: Any, days_off: dict[date, str]) -> WorkingCalendar:
    return WorkingCalendar(
        timezone=row.timezone,
        start_minute=int(row.work_start_minute),
        end_minute=int(row.work_end_minute),
        weekend=parse_weekend(row.weekend_days),
        extra_days_off=days_off,
        national_holidays=bool(row.national_holidays),
    )


def parse_weekend(text: str) -> frozenset[int]:
    try:
        return frozenset(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise BadInput(
            f"weekend days must be numbers 0 (Monday) to 6 (Sunday) separated by commas, not {text!r}"
        ) from None


def policy_from_row(row: Any) -> SlaPolicy:
    return SlaPolicy(
        unit_id=row.unit_id,
        kind=Kind(row.kind) if row.kind else None,
        category=row.category,
        priority=Priority(int(row.priority)) if row.priority is not None else None,
        verify_working_days=int(row.verify_working_days),
        follow_up_working_days=int(row.follow_up_working_days),
        reporter_wait_working_days=int(row.reporter_wait_working_days),
        resolution_days=int(row.resolution_days),
        warn_at=int(row.warn_percent) / 100,
        restart_on_transfer=bool(row.restart_on_transfer),
    )


def record_from_row(row: Any) -> ClockRecord:
    return ClockRecord(
        target_minutes=int(row.target_minutes),
        used_minutes=int(row.used_minutes),
        running_since=row.running_since,
        stopped_at=row.stopped_at,
        warn_percent=int(row.warn_percent),
    )


# -- moving a ticket's clocks ---------------------------------------------------------------------------


def started(work: Work, ticket_id: UUID) -> None:
    """A report was received."""
    _move(work, ticket_id, CREATED)


class TicketFacts(NamedTuple):
    """What picks a ticket's calendar and policy."""

    unit_id: int
    kind: Kind
    category: str | None
    priority: Priority


def _clock_values(
    record: ClockRecord, due_at: datetime | None, offline_minutes: int, escalated_at: datetime | None, seq: Any
) -> dict[str, Any]:
    """A clock's stored columns but its ticket and name."""
    return {
        "target_minutes": record.target_minutes,
        "used_minutes": record.used_minutes,
        "running_since": record.running_since,
        "stopped_at": record.stopped_at,
        "due_at": due_at,
        "warn_percent": record.warn_percent,
        "offline_minutes": offline_minutes,
        "escalated_at": escalated_at,
        "change_seq": seq,
    }


@dataclass(frozen=True, slots=True)
class Opening:
    """The clocks a new report starts (``started`` without a read of the ticket or its clocks): worked out
    before the ticket's row is written, so that the row is inserted with its due times."""

    clocks: tuple[dict[str, Any], ...]  # sla_clock rows but their ticket_id
    first_response_due_at: datetime | None
    due_at: datetime | None


def opening(work: Work, facts: TicketFacts) -> Opening:
    rules = _rules(work)
    unit_calendar = rules.calendar_for(facts.unit_id)
    policy = rules.policy_for(facts.unit_id, facts.kind, facts.category, facts.priority)
    rows: list[dict[str, Any]] = []
    dues: dict[ClockName, datetime | None] = {}
    for name, change in CREATED:
        cal = clock_calendar(name, unit_calendar)
        record = fresh_record(name, policy, unit_calendar).change(cal, change, work.now)
        dues[name] = record.due_at(cal)
        rows.append({"clock": name.value, **_clock_values(record, dues[name], 0, None, work.seq)})
    return Opening(
        tuple(rows),
        dues.get(ClockName.RESPONSE) or dues.get(ClockName.FOLLOW_UP),
        dues.get(ClockName.RESOLUTION),
    )


_INSERT_CLOCK = insert(sla_clock)


def insert_opening(work: Work, ticket_id: UUID, clocks: Opening) -> None:
    """The clocks of ``opening`` for the ticket just inserted."""
    work.insert(_INSERT_CLOCK, *({"ticket_id": ticket_id, **row} for row in clocks.clocks))


def answered(work: Work, ticket_id: UUID) -> None:
    """The unit answered the citizen: the first answer meets the response clock."""
    _move(work, ticket_id, ANSWERED)


def status_changed(work: Work, ticket_id: UUID, old: Status, new: Status) -> None:
    _move(work, ticket_id, on_status(old, new))


def transferred(work: Work, ticket_id: UUID) -> None:
    """After the ticket moved: the receiving unit's policy says whether its clocks restart."""
    rules = _rules(work)
    row = _ticket(work, ticket_id)
    policy = rules.policy_for(row.unit_id, Kind(row.kind), row.category, Priority(int(row.priority)))
    _move(work, ticket_id, on_transfer(policy), rules=rules, retarget=True)


def properties_changed(work: Work, ticket_id: UUID) -> None:
    """Kind, category or priority changed: the running clocks take the targets of the policy now in force."""
    _move(work, ticket_id, (), retarget=True)


def _rules(work: Work) -> Rules:
    cached = work.memo.get("sla_rules")
    if cached is None:
        cached = work.memo["sla_rules"] = cached_rules(work.conn)
    assert isinstance(cached, Rules)
    return cached


# What changes when the rules change, read in one statement: a calendar or policy row written (its change
# stamp; a day off touches its calendar's), added or removed (the counts), and the units' tree. A sum, not only
# the newest stamp: on PostgreSQL a stamp is a transaction id, and a change that commits after a younger one
# leaves the newest stamp as it was.
_RULES_VERSION = select(
    select(func.count()).select_from(calendar).scalar_subquery(),
    select(func.coalesce(func.sum(calendar.c.change_seq), 0)).scalar_subquery(),
    select(func.count()).select_from(sla_policy).scalar_subquery(),
    select(func.coalesce(func.sum(sla_policy.c.change_seq), 0)).scalar_subquery(),
)
_RULES_KEY = "aduan.sla_rules"


def rules_version(conn: Connection) -> tuple[Any, ...]:
    return tuple(conn.execute(_RULES_VERSION).one())


def cached_rules(conn: Connection) -> Rules:
    """The central rules, read again only when they changed since this database connection last read them:
    the intake worker starts clocks for thousands of reports by the same rules, and a calendar kept from one
    transaction to the next keeps the working hours of the days it already worked out. Kept on the pooled
    connection (``Connection.info``), so it never outlives it nor mixes two databases. The units' tree is read
    each time (units have no change stamp; it is one small table)."""
    version = rules_version(conn)
    kept = conn.info.get(_RULES_KEY)
    if kept is not None and kept[0] == version:
        calendars, policies = kept[1]
    else:
        fresh = read_rules(conn)
        calendars, policies = fresh.calendars, fresh.policies
        conn.info[_RULES_KEY] = (version, (calendars, policies))
    parents = {row.id: row.parent_id for row in conn.execute(select(unit.c.id, unit.c.parent_id))}
    return Rules(calendars, parents, policies)


def _ticket(work: Work, ticket_id: UUID) -> Any:
    row = work.conn.execute(
        select(ticket.c.unit_id, ticket.c.kind, ticket.c.category, ticket.c.priority).where(ticket.c.id == ticket_id)
    ).first()
    if row is None:
        raise NotFound(f"no ticket {ticket_id}")
    return row


def _move(
    work: Work, ticket_id: UUID, changes: Iterable[Change], rules: Rules | None = None, retarget: bool = False
) -> None:
    changes = tuple(changes)
    if not changes and not retarget:
        return
    rules = rules or _rules(work)
    row = _ticket(work, ticket_id)
    unit_calendar = rules.calendar_for(row.unit_id)
    policy = rules.policy_for(row.unit_id, Kind(row.kind), row.category, Priority(int(row.priority)))
    stored = {
        ClockName(r.clock): r for r in work.conn.execute(select(sla_clock).where(sla_clock.c.ticket_id == ticket_id))
    }
    records = {name: record_from_row(r) for name, r in stored.items()}
    escalated = {name: r.escalated_at for name, r in stored.items()}
    offline = {name: int(r.offline_minutes) for name, r in stored.items()}
    touched: set[ClockName] = set()
    if retarget:  # a new unit: its policy's targets, the minutes used so far kept
        for name, record in records.items():
            if record.stopped_at is not None:
                continue  # judged by the targets it ran under
            records[name] = ClockRecord(
                target_minutes(name, policy, unit_calendar),
                record.used_minutes,
                record.running_since,
                record.stopped_at,
                round(policy.warn_at * 100),
            )
            touched.add(name)
    for name, change in changes:
        cal = clock_calendar(name, unit_calendar)
        existing = records.get(name)
        if existing is None and change not in (ClockChange.START, ClockChange.RESTART):
            continue  # a clock that never ran is not stopped or paused
        record = existing or fresh_record(name, policy, unit_calendar)
        if change in (ClockChange.START, ClockChange.RESTART):
            escalated[name] = None
            offline[name] = 0 if change is ClockChange.RESTART else offline.get(name, 0)
        elif record.running_since is not None and work.made_at is not None:
            waited_from = max(work.made_at, record.running_since)
            offline[name] = offline.get(name, 0) + working_minutes_between(cal, waited_from, work.now)
        records[name] = record.change(cal, change, work.now)
        touched.add(name)
    dues: dict[ClockName, datetime | None] = {}  # each worked out once: a walk over the working days
    for name in sorted(touched):
        record = records[name]
        dues[name] = record.due_at(clock_calendar(name, unit_calendar))
        values = _clock_values(record, dues[name], offline.get(name, 0), escalated.get(name), work.seq)
        if name in stored:
            work.conn.execute(
                update(sla_clock)
                .where(sla_clock.c.ticket_id == ticket_id, sla_clock.c.clock == name.value)
                .values(**values)
            )
        else:
            work.conn.execute(insert(sla_clock).values(ticket_id=ticket_id, clock=name.value, **values))
    _copy_due_times(work, ticket_id, records, unit_calendar, dues)


def _copy_due_times(
    work: Work,
    ticket_id: UUID,
    records: dict[ClockName, ClockRecord],
    unit_calendar: WorkingCalendar,
    known: dict[ClockName, datetime | None],
) -> None:
    def due(name: ClockName) -> datetime | None:
        if name in known:
            return known[name]
        record = records.get(name)
        return None if record is None else record.due_at(clock_calendar(name, unit_calendar))

    values: dict[str, Any] = {"first_response_due_at": due(ClockName.RESPONSE) or due(ClockName.FOLLOW_UP)}
    resolution = due(ClockName.RESOLUTION)
    if resolution is not None:  # paused or stopped: the last deadline stays, as promised to the citizen
        values["due_at"] = resolution
    work.conn.execute(update(ticket).where(ticket.c.id == ticket_id).values(**values))


# -- escalation and automatic closing -------------------------------------------------------------------


@dataclass
class SweepReport:
    escalated: list[tuple[str, str]] = field(default_factory=list)  # (tracking number, clock)
    closed: list[str] = field(default_factory=list)  # tracking numbers closed as finished


def sweep(work: Work) -> SweepReport:
    """Escalate every newly breached clock and close the reports whose reporter stayed silent too long.

    Idempotent: an escalated clock is marked, a closed report is no longer waiting; run it as often as
    you like (the intake worker runs it every round).
    """
    report = SweepReport()
    rules = _rules(work)
    due = work.conn.execute(
        select(sla_clock, ticket.c.tracking_no, ticket.c.unit_id, ticket.c.status)
        .join(ticket, ticket.c.id == sla_clock.c.ticket_id)
        .where(
            sla_clock.c.running_since.is_not(None),
            sla_clock.c.due_at <= work.now,
            ticket.c.deleted_at.is_(None),
            ticket.c.status.not_in([s.value for s in CLOSED]),
        )
        .order_by(sla_clock.c.due_at)
    ).all()
    for row in due:
        name = ClockName(row.clock)
        cal = clock_calendar(name, rules.calendar_for(row.unit_id))
        if record_from_row(row).state(cal, work.now).phase is not Phase.BREACHED:
            continue  # the calendar changed since (a new day off): not due yet
        if name is ClockName.REPORTER_WAIT:
            if row.status == Status.MENUNGGU_PELAPOR.value and _close_silent(work, row.ticket_id):
                report.closed.append(row.tracking_no)
        elif row.escalated_at is None:
            _escalate(work, row.ticket_id, row.unit_id, name)
            report.escalated.append((row.tracking_no, name.value))
    return report


def _close_silent(work: Work, ticket_id: UUID) -> bool:
    values: dict[str, Any] = {
        "status": Status.SELESAI.value,
        "closed_at": work.now,
        "row_version": ticket.c.row_version + 1,
        "change_seq": work.seq,
        "updated_at": work.now,
        **released(),
    }
    # Conditional: an officer who just recorded the reporter's answer wins.
    closed = work.conn.execute(
        update(ticket)
        .where(ticket.c.id == ticket_id, ticket.c.status == Status.MENUNGGU_PELAPOR.value)
        .values(**values)
    ).rowcount
    if closed != 1:
        return False
    status_changed(work, ticket_id, Status.MENUNGGU_PELAPOR, Status.SELESAI)
    work.audit("auto_close", ticket_id, reason="reporter_silent")
    return True


def _escalate(work: Work, ticket_id: UUID, unit_id: int, name: ClockName) -> None:
    work.conn.execute(
        update(sla_clock)
        .where(sla_clock.c.ticket_id == ticket_id, sla_clock.c.clock == name.value)
        .values(escalated_at=work.now, change_seq=work.seq)
    )
    work.audit("escalate", ticket_id, clock=name.value, supervisors=supervisors_of(work.conn, unit_id))


def supervisors_of(conn: Connection, unit_id: int) -> list[str]:
    """Logins of the active supervisors of the unit and of the units above it."""
    parents: dict[int, int | None] = {r.id: r.parent_id for r in conn.execute(select(unit.c.id, unit.c.parent_id))}
    chain: list[int] = []
    current: int | None = unit_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return list(
        conn.execute(
            select(officer.c.login)
            .join(membership, membership.c.officer_id == officer.c.id)
            .where(
                membership.c.unit_id.in_(chain),
                officer.c.role == Role.SUPERVISOR.value,
                officer.c.active.is_(True),
            )
            .distinct()
            .order_by(officer.c.login)
        ).scalars()
    )


# -- managing calendars and policies --------------------------------------------------------------------


def _managed_unit(work: Work, unit_code: str | None) -> int | None:
    """The unit a change of rules is for (None: the global defaults), if the actor may manage it."""
    unit_id = unit_id_by_code(work.conn, unit_code) if unit_code is not None else None
    actor = work.actor
    if actor is None or actor.officer.role is Role.ADMIN:
        return unit_id
    if actor.officer.role is not Role.SUPERVISOR:
        raise NotPermitted("only supervisors and admins may change working calendars and service levels")
    if unit_id is None or not actor.may_see(unit_id):
        raise NotPermitted("supervisors change the rules of their own units only; the global defaults are the admin's")
    return unit_id


def set_calendar(
    work: Work,
    unit_code: str | None,
    timezone: str,
    start_minute: int,
    end_minute: int,
    weekend: frozenset[int],
    national_holidays: bool = True,
) -> int:
    unit_id = _managed_unit(work, unit_code)
    WorkingCalendar(timezone, start_minute, end_minute, weekend, {}, national_holidays)  # refuses bad values
    values = {
        "timezone": timezone,
        "work_start_minute": start_minute,
        "work_end_minute": end_minute,
        "weekend_days": ",".join(str(day) for day in sorted(weekend)),
        "national_holidays": national_holidays,
        "change_seq": work.seq,
    }
    calendar_id = _calendar_id(work, unit_id)
    if calendar_id is None:
        inserted = work.conn.execute(insert(calendar).values(unit_id=unit_id, **values)).inserted_primary_key
        assert inserted is not None
        calendar_id = int(inserted[0])
    else:
        work.conn.execute(update(calendar).where(calendar.c.id == calendar_id).values(**values))
    work.audit("calendar", None, None, unit=unit_code, timezone=timezone, hours=[start_minute, end_minute])
    retarget_open_tickets(work)
    return calendar_id


def _calendar_id(work: Work, unit_id: int | None) -> int | None:
    owner = calendar.c.unit_id.is_(None) if unit_id is None else calendar.c.unit_id == unit_id
    found = work.conn.execute(select(calendar.c.id).where(owner)).scalar()
    return None if found is None else int(found)


def set_day_off(work: Work, unit_code: str | None, day: date, name: str | None) -> None:
    """Add (``name`` given) or remove (None) one of the unit's own days off."""
    unit_id = _managed_unit(work, unit_code)
    calendar_id = _calendar_id(work, unit_id)
    if calendar_id is None:  # the unit works by the defaults so far: give it a calendar of its own
        default = read_rules(work.conn).calendar_for(unit_id) if unit_id is not None else WorkingCalendar()
        calendar_id = set_calendar(
            work, unit_code, default.timezone, default.start_minute, default.end_minute, default.weekend,
            default.national_holidays,
        )  # fmt: skip
    work.conn.execute(
        delete(calendar_day_off).where(calendar_day_off.c.calendar_id == calendar_id, calendar_day_off.c.day == day)
    )
    if name is not None:
        name = " ".join(name.split())
        if not name:
            raise BadInput("a day off needs a name (e.g. HUT Kabupaten)")
        work.conn.execute(insert(calendar_day_off).values(calendar_id=calendar_id, day=day, name=name[:200]))
    # Days off ride with their calendar: touching it makes clients fetch the calendar again.
    work.conn.execute(update(calendar).where(calendar.c.id == calendar_id).values(change_seq=work.seq))
    work.audit("day_off", None, unit=unit_code, day=day.isoformat(), name=name)
    retarget_open_tickets(work)


@dataclass(frozen=True, slots=True)
class PolicyScope:
    unit_code: str | None = None
    kind: Kind | None = None
    category: str | None = None
    priority: Priority | None = None


def set_policy(work: Work, scope: PolicyScope, targets: SlaPolicy) -> int:
    """Create or replace the policy for exactly ``scope``; the targets come from ``targets``."""
    unit_id = _managed_unit(work, scope.unit_code)
    SlaPolicy(  # refuses bad targets
        verify_working_days=targets.verify_working_days,
        follow_up_working_days=targets.follow_up_working_days,
        reporter_wait_working_days=targets.reporter_wait_working_days,
        resolution_days=targets.resolution_days,
        warn_at=targets.warn_at,
    )
    values = {
        "verify_working_days": targets.verify_working_days,
        "follow_up_working_days": targets.follow_up_working_days,
        "reporter_wait_working_days": targets.reporter_wait_working_days,
        "resolution_days": targets.resolution_days,
        "warn_percent": round(targets.warn_at * 100),
        "restart_on_transfer": targets.restart_on_transfer,
        "change_seq": work.seq,
    }
    match = and_(
        sla_policy.c.unit_id.is_(None) if unit_id is None else sla_policy.c.unit_id == unit_id,
        sla_policy.c.kind.is_(None) if scope.kind is None else sla_policy.c.kind == scope.kind.value,
        sla_policy.c.category.is_(None) if scope.category is None else sla_policy.c.category == scope.category,
        sla_policy.c.priority.is_(None) if scope.priority is None else sla_policy.c.priority == int(scope.priority),
    )
    policy_id = work.conn.execute(select(sla_policy.c.id).where(match)).scalar()
    if policy_id is None:
        inserted = work.conn.execute(
            insert(sla_policy).values(
                unit_id=unit_id,
                kind=scope.kind.value if scope.kind else None,
                category=scope.category,
                priority=int(scope.priority) if scope.priority is not None else None,
                **values,
            )
        ).inserted_primary_key
        assert inserted is not None
        policy_id = inserted[0]
    else:
        work.conn.execute(update(sla_policy).where(sla_policy.c.id == policy_id).values(**values))
    work.audit(
        "sla_policy",
        None,
        policy_id=policy_id,
        unit=scope.unit_code,
        **{k: v for k, v in values.items() if k != "change_seq"},
    )
    retarget_open_tickets(work)
    return int(policy_id)


def remove_policy(work: Work, policy_id: int) -> None:
    row = work.conn.execute(select(sla_policy.c.unit_id).where(sla_policy.c.id == policy_id)).first()
    if row is None:
        raise NotFound(f"no service-level policy {policy_id}")
    code = None
    if row.unit_id is not None:
        code = work.conn.execute(select(unit.c.code).where(unit.c.id == row.unit_id)).scalar_one()
    _managed_unit(work, code)
    work.conn.execute(delete(sla_policy).where(sla_policy.c.id == policy_id))
    work.audit("sla_policy_removed", None, policy_id=policy_id)
    retarget_open_tickets(work)


def retarget_open_tickets(work: Work) -> int:
    """After the rules changed: every open ticket's running clocks take the targets and calendars now in
    force (minutes already used are kept). Returns how many tickets were touched."""
    work.memo.pop("sla_rules", None)
    # Also the rules kept on the connection: a second change in the same transaction (a day off for a unit
    # that got its calendar just before) leaves their version as it was.
    work.conn.info.pop(_RULES_KEY, None)
    ids = work.conn.execute(
        select(ticket.c.id).where(ticket.c.deleted_at.is_(None), ticket.c.status.not_in([s.value for s in CLOSED]))
    ).scalars()
    count = 0
    for ticket_id in ids.all():
        _move(work, ticket_id, (), retarget=True)
        count += 1
    if count:
        work.conn.execute(
            update(ticket)
            .where(ticket.c.deleted_at.is_(None), ticket.c.status.not_in([s.value for s in CLOSED]))
            .values(row_version=ticket.c.row_version + 1, change_seq=work.seq)
        )
    return count


def list_policies(conn: Connection) -> list[dict[str, Any]]:
    codes = {r.id: r.code for r in conn.execute(select(unit.c.id, unit.c.code))}
    return [
        {
            "id": r.id,
            "unit": codes.get(r.unit_id),
            "kind": r.kind,
            "category": r.category,
            "priority": r.priority,
            "verify_working_days": r.verify_working_days,
            "follow_up_working_days": r.follow_up_working_days,
            "reporter_wait_working_days": r.reporter_wait_working_days,
            "resolution_days": r.resolution_days,
            "warn_percent": r.warn_percent,
            "restart_on_transfer": bool(r.restart_on_transfer),
        }
        for r in conn.execute(select(sla_policy).order_by(sla_policy.c.id))
    ]


def policy_line(p: dict[str, Any]) -> str:
    scope = (
        " ".join(f"{k}={p[k]}" for k in ("unit", "kind", "category", "priority") if p[k] is not None) or "everywhere"
    )
    targets = (
        f"verify {p['verify_working_days']}wd, follow up {p['follow_up_working_days']}wd, "
        f"reporter {p['reporter_wait_working_days']}wd, resolve {p['resolution_days']}d, warn {p['warn_percent']}%"
    )
    return f"{p['id']:>4}  {scope:<40} {targets}{', restarts on transfer' if p['restart_on_transfer'] else ''}"


def parse_hours(text: str) -> tuple[int, int]:
    """``08:00-16:00`` as minutes after midnight."""
    try:
        start, end = (part.strip() for part in text.split("-"))
        minutes = [int(h) * 60 + int(m) for h, m in (piece.split(":") for piece in (start, end))]
    except ValueError:
        raise BadInput(f"working hours must look like 08:00-16:00, not {text!r}") from None
    return minutes[0], minutes[1]
